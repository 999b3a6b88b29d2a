"""What the server does when it starts, before anyone asks it anything."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import warm_up
from api.app import Settings, create_app
from graph.named_queries import library
from graph.store import EmbeddedStore
from loaders.errors import InputError


def default_texts() -> dict[str, str]:
    """Each named query that has a default answer, as its text with the default parameters."""
    texts = {}
    for name, query in library().items():
        try:
            texts[name] = query.bind({})
        except InputError:
            continue
    return texts


def wait_for(condition, seconds: float = 60) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return bool(condition())


def test_the_overview_answers_are_fetched_when_the_server_starts(bundled_store_path: Path) -> None:
    # The first visitor would otherwise wait for five queries (0.4 s at 357 strategies).
    app = create_app(Settings(store=str(bundled_store_path), workers=1))
    with TestClient(app):
        assert wait_for(lambda: getattr(app.state, "overview_answers", None) is not None)
        generation, answers = app.state.overview_answers
        assert generation.startswith("gen-") and len(answers) == 5


def test_a_server_on_an_empty_store_starts_all_the_same(tmp_path: Path) -> None:
    app = create_app(Settings(store=str(tmp_path / "tom"), workers=1))
    with TestClient(app) as client:
        assert client.get("/").status_code == 200


def test_every_named_query_s_default_answer_is_made_and_rendered_when_the_server_starts(
    bundled_store_path: Path,
) -> None:
    app = create_app(Settings(store=str(bundled_store_path), workers=1))
    texts = default_texts()

    with TestClient(app):
        cache = app.state.pool.cache

        def kept(name: str):  # type: ignore[no-untyped-def]
            return cache.get(cache.key(texts[name], None, None, app.state.pool.row_cap))

        assert wait_for(lambda: all(kept(name) is not None for name in texts))
        assert all(kept(name).kept(f"records:{name}:1") is not None for name in texts)


def test_a_new_build_is_made_ahead_again_while_the_server_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_up, "POLL_SECONDS", 0.05)
    store = EmbeddedStore(tmp_path / "store")
    with store.writer() as writer:
        writer.replace({"https://example.org/g": "<https://example.org/s> <https://example.org/p> 1 ."})
    app = create_app(Settings(store=store.location, workers=1))
    text = default_texts()["strategies"]
    with TestClient(app):
        cache = app.state.pool.cache
        assert wait_for(lambda: cache.get(cache.key(text, None, None, app.state.pool.row_cap)) is not None)
        with store.writer() as writer:
            writer.replace({"https://example.org/g": "<https://example.org/s> <https://example.org/p> 2 ."})
        assert wait_for(lambda: cache.get(cache.key(text, None, None, app.state.pool.row_cap)) is not None)
        assert next(iter(cache._answers))[0] == store.marker()["current"]
