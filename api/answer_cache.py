"""Answers kept per store generation, so a dashboard that asks the same question again is answered at once.

An embedded store never changes under a reader: a build (or an update) writes a new generation and moves
the marker. So an answer computed on one generation stays right for as long as that generation is current,
and the cache needs no expiry, only the generation in its key. A remote store has no generation we can see,
so its answers are never kept. The cache holds SPARQL JSON bytes and the forms rendered from them (CSV,
records), at most ``max_bytes`` in all, and drops the least recently used first.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path

from graph.sparql_json import Answer
from graph.store import EmbeddedStore
from loaders.errors import InputError

Key = tuple[str, str, tuple[str, ...], tuple[str, ...], int]


def generation(location: str | None) -> str | None:
    """The embedded store's current generation (None for a remote store): a build or an update moves it."""
    if not location or re.match(r"https?://", location):
        return None
    try:
        return str(EmbeddedStore(Path(location)).marker().get("current") or "") or None
    except InputError:
        return None


class AnswerCache:
    def __init__(self, location: str | None, max_bytes: int) -> None:
        self.location = location
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def key(
        self, text: str, default_graphs: list[str] | None, named_graphs: list[str] | None, row_cap: int
    ) -> Key | None:
        """The key of a query on the current generation; None when its answer must not be kept."""
        if self.max_bytes <= 0:
            return None
        current = generation(self.location)
        if current is None:
            return None
        return current, text, tuple(default_graphs or ()), tuple(named_graphs or ()), row_cap

    def get(self, key: Key | None) -> Answer | None:
        if key is None:
            return None
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: Key | None, answer: Answer) -> None:
        if key is None or answer.size > self.max_bytes:
            return
        with self._lock:
            for old in [k for k in self._answers if k[0] != key[0]]:  # a generation that is gone
                del self._answers[old]
            self._answers.setdefault(key, answer)
            # Recounted on every put: the forms rendered from a kept answer (CSV, records) grow it later.
            self._size = sum(kept.size for kept in self._answers.values())
            while self._size > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._size -= dropped.size
