"""Write the expected rows of every named query on the bundled graph (review the diff before committing).

    .venv/bin/python tests/data/queries/regenerate.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from graph.build import build, bundled_inputs
from graph.named_queries import library
from graph.store import EmbeddedStore

HERE = Path(__file__).parent
PARAMS: dict[str, dict[str, str]] = {"indicators": {}, "search": {"text": "heltid"}}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "store")
        build(store, bundled_inputs(), jobs=1)
        for name, query in library().items():
            params = PARAMS.get(name, {})
            result = store.query(query.bind(params))
            rows = sorted(([None if t is None else str(t) for t in row] for row in result.rows),
                          key=lambda r: [str(v) for v in r])
            body = {"query": name, "params": params, "columns": result.variables, "rows": rows}
            (HERE / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
