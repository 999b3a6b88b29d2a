"""Where the bundled data lives: the repository root in a checkout, or next to the packages in a wheel."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent


@cache
def root() -> Path:
    """The folder that holds ontology/, shapes/, queries/ and data/."""
    for candidate in (_PACKAGE_PARENT, _PACKAGE_PARENT / "strategigraf_resources"):
        if (candidate / "ontology" / "strategigraf.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        "Fann ikkje ontologien som skal følgje med installasjonen / the bundled ontology is missing: "
        f"looked in {_PACKAGE_PARENT} and {_PACKAGE_PARENT / 'strategigraf_resources'}"
    )


def ontology_dir() -> Path:
    return root() / "ontology"


def shapes_dir() -> Path:
    return root() / "shapes"


def queries_dir() -> Path:
    """The named queries: ``queries/``, or the folder in ``STRATEGIGRAF_QUERIES`` (a team's own library)."""
    custom = os.environ.get("STRATEGIGRAF_QUERIES")
    return Path(custom) if custom else root() / "queries"


def data_dir() -> Path:
    return root() / "data"
