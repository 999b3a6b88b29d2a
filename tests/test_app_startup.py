"""What the server does when it starts, before anyone asks it anything."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import Settings, create_app


def test_the_overview_answers_are_fetched_when_the_server_starts(bundled_store_path: Path) -> None:
    # The first visitor would otherwise wait for five queries (0.4 s at 357 strategies).
    app = create_app(Settings(store=str(bundled_store_path), workers=1))
    with TestClient(app):
        deadline = time.monotonic() + 60
        while getattr(app.state, "overview_answers", None) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        generation, answers = app.state.overview_answers
        assert generation.startswith("gen-") and len(answers) == 5


def test_a_server_on_an_empty_store_starts_all_the_same(tmp_path: Path) -> None:
    app = create_app(Settings(store=str(tmp_path / "tom"), workers=1))
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
