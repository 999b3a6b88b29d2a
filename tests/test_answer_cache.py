"""The answer cache: answers kept per store generation, never across one, bounded in bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer_cache import AnswerCache
from graph.sparql_json import Answer
from graph.store import EmbeddedStore

QUERY = "SELECT * WHERE { ?s ?p ?o }"


def write(store: EmbeddedStore, value: str) -> None:
    """One build: a new generation holding one triple."""
    with store.writer() as writer:
        writer.replace({"https://example.org/g": f'<https://example.org/s> <https://example.org/p> "{value}" .'})


@pytest.fixture()
def store(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "store")
    write(store, "first")
    return store


def test_an_answer_is_kept_for_the_same_query_on_the_same_generation(store: EmbeddedStore) -> None:
    cache = AnswerCache(store.location, 1_000_000)
    answer = Answer(b'{"head":{"vars":[]},"results":{"bindings":[]}}')
    cache.put(cache.key(QUERY, None, None, 100), answer)
    assert cache.get(cache.key(QUERY, None, None, 100)) is answer
    assert cache.get(cache.key(QUERY, None, None, 5)) is None  # another row cap is another answer
    assert cache.get(cache.key(QUERY, ["https://example.org/g"], None, 100)) is None  # another dataset


def test_a_new_build_makes_every_kept_answer_stale(store: EmbeddedStore) -> None:
    cache = AnswerCache(store.location, 1_000_000)
    cache.put(cache.key(QUERY, None, None, 100), Answer(b"old"))
    write(store, "second")
    assert cache.get(cache.key(QUERY, None, None, 100)) is None


def test_the_least_recently_used_answer_goes_first_when_the_cache_is_full(store: EmbeddedStore) -> None:
    cache = AnswerCache(store.location, 10)
    cache.put(cache.key("A", None, None, 1), Answer(b"aaaa"))
    cache.put(cache.key("B", None, None, 1), Answer(b"bbbb"))
    assert cache.get(cache.key("A", None, None, 1)) is not None  # A is now the most recently used
    cache.put(cache.key("C", None, None, 1), Answer(b"cccc"))
    assert [cache.get(cache.key(q, None, None, 1)) is not None for q in "ABC"] == [True, False, True]


def test_nothing_is_kept_for_a_remote_store_or_with_the_cache_off(store: EmbeddedStore) -> None:
    assert AnswerCache("http://127.0.0.1:7878", 1_000_000).key(QUERY, None, None, 100) is None
    assert AnswerCache(store.location, 0).key(QUERY, None, None, 100) is None


def test_an_answer_larger_than_the_whole_cache_is_not_kept(store: EmbeddedStore) -> None:
    cache = AnswerCache(store.location, 3)
    key = cache.key(QUERY, None, None, 100)
    cache.put(key, Answer(b"four"))
    assert cache.get(key) is None


def test_forms_rendered_from_a_kept_answer_count_towards_the_bound(store: EmbeddedStore) -> None:
    cache = AnswerCache(store.location, 12)
    first = Answer(b"aaaa")
    cache.put(cache.key("A", None, None, 1), first)
    first.rendered("csv", lambda: b"a,a,a,a")  # the answer now holds 11 bytes
    cache.put(cache.key("B", None, None, 1), Answer(b"bbbb"))
    assert cache.get(cache.key("A", None, None, 1)) is None
    assert cache.get(cache.key("B", None, None, 1)) is not None
