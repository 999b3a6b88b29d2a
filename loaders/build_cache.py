"""A cache on disk for data structures that are slow to build and depend only on files: a JSON file in the
user's cache folder (``STRATEGIGRAF_CACHE`` moves it), named by a hash of every input it was built from.

The citation linker's name trie takes about 0.3 s to build from the law registry and 25 ms to read back, and
every short command (``check``, ``extract``) and every build worker needs it. A changed input (the registry,
the agreements, the code that builds the structure) gives another hash, so a stale entry is never read. A
cache that cannot be read or written is ignored: the structure is built as if there were none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import platformdirs

ENV_CACHE = "STRATEGIGRAF_CACHE"


def cache_dir() -> Path:
    return Path(os.environ.get(ENV_CACHE) or platformdirs.user_cache_dir("strategigraf"))


def key_of(inputs: Iterable[Path]) -> str:
    """A hash of the names and bytes of the input files."""
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:32]


def cached(name: str, inputs: Iterable[Path], build: Callable[[], Any]) -> Any:
    """``build()``'s JSON value, read from the cache when the inputs are unchanged, else built and stored."""
    path = cache_dir() / f"{name}-{key_of(inputs)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.json"):  # entries for inputs that have changed
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as temporary:
            json.dump(value, temporary, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary.name, path)  # atomic: a reader never sees half a file
    except OSError:
        pass
    return value
