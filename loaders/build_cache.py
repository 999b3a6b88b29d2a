"""A cache on disk for data structures that are slow to build and depend only on files: a pickle in the
user's cache folder (``STRATEGIGRAF_CACHE`` moves it), named by a hash of every input it was built from.

Every short command (``check``, ``extract``) and every build worker needs the same structures, and reading
them back is several times faster than building them: the citation linker's name trie (0.3 s to build),
the law registry (70 ms to read from the index), the ontology, vocabularies and shapes as rdflib graphs
(75 ms to parse). A changed input (a vocabulary, the registry, the code that builds the structure), another
Python or another version of a library whose objects are stored gives another hash, so a stale entry is
never read. A cache that cannot be read or written is ignored: the structure is built as if there were none.

Pickle, not JSON, because the structures are objects (rdflib graphs, dataclasses) and rebuilding them was
what cost the time. Loading a pickle runs code as importing a module does; the folder is the user's own, as
are the installed packages.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import platformdirs

ENV_CACHE = "STRATEGIGRAF_CACHE"
SUFFIX = ".pickle"


def cache_dir() -> Path:
    return Path(os.environ.get(ENV_CACHE) or platformdirs.user_cache_dir("strategigraf"))


def key_of(inputs: Iterable[Path], versions: Iterable[str] = ()) -> str:
    """A hash of the Python version, the given library versions, and the names and bytes of the inputs."""
    digest = hashlib.sha256(sys.version.encode("utf-8") + b"\0")
    for version in versions:
        digest.update(version.encode("utf-8") + b"\0")
    for path in inputs:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:32]


def cached(name: str, inputs: Iterable[Path], build: Callable[[], Any], *, versions: Iterable[str] = ()) -> Any:
    """``build()``'s value, read from the cache when the inputs (and ``versions``: of the libraries whose
    objects the value holds) are unchanged, else built and stored."""
    path = cache_dir() / f"{name}-{key_of(inputs, versions)}{SUFFIX}"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # absent, unreadable or damaged (a bad pickle raises almost anything): build it anew
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*"):  # entries for inputs that have changed
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as temporary:
            pickle.dump(value, temporary, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary.name, path)  # atomic: a reader never sees half a file
    except (OSError, pickle.PicklingError):
        pass
    return value
