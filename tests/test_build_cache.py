"""The build cache: a value built from files, kept on disk, and built anew when a file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import build_cache


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(build_cache.ENV_CACHE, str(tmp_path / "cache"))
    source = tmp_path / "namn.txt"
    source.write_text("arbeidsmiljøloven", encoding="utf-8")
    return tmp_path


def test_a_value_is_built_once_and_read_back_while_its_inputs_are_unchanged(folder: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, list[str]]:
        builds.append(1)
        return {"namn": ["aml", "æøå"]}

    inputs = [folder / "namn.txt"]
    assert build_cache.cached("test", inputs, build) == build_cache.cached("test", inputs, build) == {
        "namn": ["aml", "æøå"]
    }
    assert len(builds) == 1


def test_a_changed_input_builds_the_value_anew_and_drops_the_stale_entry(folder: Path) -> None:
    inputs = [folder / "namn.txt"]
    build_cache.cached("test", inputs, lambda: "gammal")
    (folder / "namn.txt").write_text("arbeidsmiljølova", encoding="utf-8")
    assert build_cache.cached("test", inputs, lambda: "ny") == "ny"
    assert len(list((folder / "cache").glob("test-*.json"))) == 1


def test_a_damaged_entry_is_built_again(folder: Path) -> None:
    inputs = [folder / "namn.txt"]
    build_cache.cached("test", inputs, lambda: "verdi")
    for entry in (folder / "cache").glob("test-*.json"):
        entry.write_text("{ikkje json", encoding="utf-8")
    assert build_cache.cached("test", inputs, lambda: "bygd på nytt") == "bygd på nytt"


def test_a_cache_folder_that_cannot_be_written_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = folder / "fil"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(build_cache.ENV_CACHE, str(blocker / "cache"))  # a folder under a file
    assert build_cache.cached("test", [folder / "namn.txt"], lambda: 42) == 42
