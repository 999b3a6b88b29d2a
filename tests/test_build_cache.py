"""The build cache: a value built from files, kept on disk, and built anew when a file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from loaders import build_cache, turtle
from loaders.resources import ontology_dir
from tests.test_turtle import _strict


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(build_cache.ENV_CACHE, str(tmp_path / "cache"))
    source = tmp_path / "namn.txt"
    source.write_text("arbeidsmiljøloven", encoding="utf-8")
    return tmp_path


def _entries(folder: Path, name: str) -> list[Path]:
    return list((folder / "cache").glob(f"{name}-*{build_cache.SUFFIX}"))


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
    assert len(_entries(folder, "test")) == 1


def test_another_library_version_builds_the_value_anew(folder: Path) -> None:
    inputs = [folder / "namn.txt"]
    build_cache.cached("test", inputs, lambda: "gammal", versions=("7.6.0",))
    assert build_cache.cached("test", inputs, lambda: "ny", versions=("7.7.0",)) == "ny"


@pytest.mark.parametrize("damage", [b"", b"ikkje ein pickle", b"\x80\x05\x95\xff\xff\xff\xff"])
def test_a_damaged_entry_is_built_again(folder: Path, damage: bytes) -> None:
    inputs = [folder / "namn.txt"]
    build_cache.cached("test", inputs, lambda: "verdi")
    for entry in _entries(folder, "test"):
        entry.write_bytes(damage)
    assert build_cache.cached("test", inputs, lambda: "bygd på nytt") == "bygd på nytt"
    assert build_cache.cached("test", inputs, lambda: "ikkje bygd") == "bygd på nytt"  # and stored again


def test_a_cache_folder_that_cannot_be_written_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = folder / "fil"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(build_cache.ENV_CACHE, str(blocker / "cache"))  # a folder under a file
    assert build_cache.cached("test", [folder / "namn.txt"], lambda: 42) == 42


def test_a_cached_graph_is_the_graph_rdflib_parses(folder: Path) -> None:
    paths = [ontology_dir() / "roles.ttl", ontology_dir() / "themes.ttl"]
    built = turtle.turtle_graph("test", paths)
    read_back = turtle.turtle_graph("test", paths)
    assert read_back is not built and len(_entries(folder, "graph-test")) == 1
    expected = Graph()
    for path in paths:
        expected.parse(path, format="turtle")
    assert _strict(read_back) == _strict(built) == _strict(expected)
    assert list(read_back.namespaces()) == list(expected.namespaces())


def test_a_changed_vocabulary_file_is_parsed_again(folder: Path) -> None:
    path = folder / "roles.ttl"
    shutil.copy(ontology_dir() / "roles.ttl", path)
    before = len(turtle.turtle_graph("test", [path]))
    with path.open("a", encoding="utf-8") as file:
        file.write('\n<https://w3id.org/strategigraf/id/rolle/ny> a <http://www.w3.org/2004/02/skos/core#Concept> .\n')
    assert len(turtle.turtle_graph("test", [path])) == before + 1
    assert len(_entries(folder, "graph-test")) == 1


def test_the_registry_and_the_tbox_read_back_are_what_is_built(folder: Path) -> None:
    from graph import reason
    from loaders import lovdata_registry as registry

    for clear in (registry._load.cache_clear, reason._prepared.cache_clear):
        clear()
    built = registry.load_registry(), reason._prepared()
    for clear in (registry._load.cache_clear, reason._prepared.cache_clear):
        clear()
    read_back = registry.load_registry(), reason._prepared()
    assert read_back[0] is not built[0] and read_back[1] is not built[1]
    assert len(_entries(folder, "registry")) == len(_entries(folder, "tbox")) == 1
    assert read_back[0] == built[0]
    axioms, closure = read_back[1]
    assert axioms == built[1][0] and closure == built[1][1] == reason._prepare()[1]
