"""The store, embedded (Oxigraph on disk) and remote (a real Oxigraph server over HTTP): the same tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from graph import iris
from graph.build import build, bundled_inputs
from graph.named_queries import library
from graph.sparql_text import query_form, sparql_keywords
from graph.store import (
    MARKER,
    EmbeddedStore,
    RemoteStore,
    Store,
    _EmbeddedWriter,
    open_store,
)
from loaders.errors import InputError
from tests.conftest import PROJECT, SEEDS, run_cli

SG = "https://w3id.org/strategigraf/ont#"
PREFIX = f"PREFIX sg: <{SG}>\n"


@pytest.fixture(scope="module", params=["embedded", "oxigraph", "virtuoso"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding the bundled strategies, built once per kind of store (the servers' once per session)."""
    if request.param == "embedded":
        store: Store = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "store")
        results = build(store, bundled_inputs(), jobs=1)
        assert all(r.error is None for r in results)
        yield store
    else:
        yield request.getfixturevalue(f"{request.param}_built")


def ask(store: Store, query: str) -> bool:
    result = store.query(PREFIX + query)
    return bool(result.boolean)


def test_queries_see_the_union_of_all_graphs_as_the_default_graph(built: Store) -> None:
    assert ask(built, "ASK { ?s a sg:EmployerStrategy ; sg:municipality ?m . ?m sg:municipalityNumber '5025' }")
    assert ask(built, "ASK { sg:Goal a <http://www.w3.org/2002/07/owl#Class> }")


def test_each_strategy_and_each_reference_dataset_has_its_own_named_graph(built: Store) -> None:
    graphs = set(built.named_graphs())
    for slug in ("elverum-2016", "roros-2017", "alver-2023"):
        assert str(iris.strategy_graph(slug)) in graphs
        assert str(iris.inferred_graph(slug)) in graphs
    for graph in (iris.ONTOLOGY_GRAPH, iris.VOCABULARY_GRAPH, iris.LAW_GRAPH, iris.ONTOLOGY_INFERRED_GRAPH):
        assert str(graph) in graphs


def test_a_strategy_graph_records_when_from_what_and_by_which_version(built: Store) -> None:
    graph = iris.strategy_graph("roros-2017")
    result = built.query(
        PREFIX + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        f"SELECT ?when ?version ?sha WHERE {{ GRAPH <{graph}> {{ <{graph}> a sg:StrategyGraph ; "
        "prov:generatedAtTime ?when ; sg:softwareVersion ?version ; prov:wasDerivedFrom ?source . "
        "?source sg:sha256 ?sha } }"
    )
    assert len(result.rows) == 1
    assert len(str(result.rows[0][2])) == 64


def test_reasoning_makes_sub_goals_goals(built: Store) -> None:
    assert ask(
        built,
        "ASK { ?g a sg:SubGoal ; a sg:Goal ; sg:inStrategy <https://w3id.org/strategigraf/id/strategi/roros-2017> }",
    )


def test_reasoning_fills_in_inverse_properties(built: Store) -> None:
    assert ask(built, "ASK { ?measure sg:measureOf ?area . ?area sg:hasMeasure ?measure }")
    assert ask(built, "ASK { ?law sg:citedBy ?element . ?element sg:cites ?law }")


def test_the_law_registry_is_in_its_own_graph(built: Store) -> None:
    law = iris.LAW_GRAPH
    assert ask(
        built, f"ASK {{ GRAPH <{law}> {{ <https://lovdata.no/lov/2005-06-17-62/§14-17> a sg:LegalProvision }} }}"
    )


def test_a_rebuild_is_idempotent(built: Store) -> None:
    before = built.count()
    build(built, bundled_inputs(), jobs=1)
    assert built.count() == before


def test_reloading_a_strategy_from_its_document_replaces_the_card_version(built: Store) -> None:
    graph = str(iris.strategy_graph("alver-2023"))
    build(built, [SEEDS / "alver-administrasjonsutval-2023-med-arbeidsgjevarstrategi-2023-2026.txt"], jobs=1)
    strategies = built.query(
        PREFIX + "SELECT ?s WHERE { ?s a sg:EmployerStrategy ; sg:municipality ?m . ?m sg:municipalityNumber '4631' }"
    )
    assert len({row[0] for row in strategies.rows}) == 1
    assert built.count(graph) > 0
    build(built, bundled_inputs(), jobs=1)  # back to the reviewed card for the other tests


def test_a_malformed_query_is_an_input_error_with_the_parsers_message(built: Store) -> None:
    with pytest.raises(InputError) as caught:
        built.query("SELEKT * WHERE { ?s ?p ?o }")
    assert caught.value.kind == "query"


def test_a_failing_document_is_reported_and_skipped_while_the_rest_load(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    bad = tmp_path / "tom.txt"
    bad.write_text("", encoding="utf-8")
    results = build(store, [bad, *bundled_inputs()], jobs=1)
    assert [r.error is not None for r in results].count(True) == 1
    assert ask(store, "ASK { <https://w3id.org/strategigraf/id/strategi/elverum-2016> a sg:EmployerStrategy }")


def test_an_unreachable_remote_server_is_a_clear_error() -> None:
    store = RemoteStore("http://127.0.0.1:9/")
    with pytest.raises(InputError) as caught:
        store.query("ASK {}")
    assert caught.value.kind == "remote"


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "something.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a strategigraf store"), EmbeddedStore(tmp_path).writer():
        pass


def test_a_store_written_by_a_newer_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / MARKER).write_text(json.dumps({"format": 99, "software": "9.0", "current": "gen-000001"}))
    with pytest.raises(InputError, match="newer strategigraf"):
        EmbeddedStore(tmp_path).query("ASK {}")


def test_a_corrupt_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "gen-000001").mkdir()
    (tmp_path / "gen-000001" / "CURRENT").write_text("garbage")
    (tmp_path / MARKER).write_text(json.dumps({"format": 1, "software": "0.1.0", "current": "gen-000001"}))
    with pytest.raises(InputError, match="corrupt"):
        EmbeddedStore(tmp_path).query("ASK {}")


def test_a_second_build_while_one_is_writing_is_refused(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    with store.writer(), pytest.raises(InputError, match="another"), EmbeddedStore(tmp_path).writer():
        pass


def test_the_embedded_writer_flushes_its_memory_tables_as_it_goes(tmp_path: Path, monkeypatch) -> None:
    # Regression: without flushes a build of 2000 strategies held 1.3 GB in RocksDB's memory tables.
    monkeypatch.setattr(_EmbeddedWriter, "FLUSH_AFTER", 100)
    store = EmbeddedStore(tmp_path)

    def tables() -> int:
        return sum(1 for _ in tmp_path.glob("gen-*/*.sst"))

    with store.writer() as writer:
        writer.replace({"https://example.org/g": "<https://example.org/a> <https://example.org/b> \"c\" ."})
        before = tables()
        writer.replace({"https://example.org/g": "<https://example.org/a> <https://example.org/b> \"d\" ." * 3})
        assert tables() > before


def test_a_published_generation_keeps_no_spent_write_ahead_logs(tmp_path: Path) -> None:
    # Regression: RocksDB kept the logs of a finished build (275 MB of 629 MB at 357 strategies).
    store = EmbeddedStore(tmp_path)
    with store.writer() as writer:
        for n in range(40):
            lines = (f'<https://example.org/s{i}> <https://example.org/p> "{n}" .' for i in range(500))
            writer.replace({f"https://example.org/g{n}": "\n".join(lines)})
    current = store.current()
    assert current is not None and sum(p.stat().st_size for p in current.glob("*.log")) < 100_000
    assert store.count() == 20_000


def test_the_store_location_comes_from_the_option_or_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STRATEGIGRAF_STORE", str(tmp_path / "env-store"))
    assert open_store(None).location == str(tmp_path / "env-store")
    assert isinstance(open_store("http://127.0.0.1:7878"), RemoteStore)


def _generation(folder: Path) -> str:
    return json.loads((folder / MARKER).read_text())["current"]


def test_kill_minus_9_during_a_build_keeps_the_previous_complete_state(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    first = run_cli("build", "--store", str(folder))
    assert first.returncode == 0, first.stderr
    generation = _generation(folder)
    count = EmbeddedStore(folder).count()
    many = tmp_path / "many"
    many.mkdir()
    for number in range(40):  # enough work that the build is still running when it is killed
        source = SEEDS / "roros-arbeidsgiverstrategi-2017-2025.txt"
        text = source.read_text(encoding="utf-8").replace("RØROS KOMMUNE", f"KOMMUNE NR {number}")
        (many / f"kopi-{number}.txt").write_text(text.replace("2017-2025", f"{1900 + number}-{1901 + number}"))
    command = [sys.executable, "-c", "from api.cli import main; main()", "build", "--store", str(folder), str(many)]
    process = subprocess.Popen([*command, "-j", "1"], cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.name > generation for p in folder.glob("gen-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # the new generation is being written: strategies go in after the reference graphs
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _generation(folder) == generation
    assert EmbeddedStore(folder).count() == count
    again = run_cli("build", "--store", str(folder))
    assert again.returncode == 0
    assert EmbeddedStore(folder).count() == count


# -- the dataset of a query: FROM, protocol graphs and the union ------------------------------------------

ALVER = str(iris.strategy_graph("alver-2023"))
ROROS = str(iris.strategy_graph("roros-2017"))
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def number(store: Store, query: str, **dataset: list[str]) -> int:
    return int(store.query(query, **dataset).rows[0][0])  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def embedded(bundled_store_path: Path) -> EmbeddedStore:
    return EmbeddedStore(bundled_store_path)


def test_a_querys_own_from_makes_its_default_graph(embedded: EmbeddedStore) -> None:
    # regression: the union default graph overrode FROM, so this counted the whole store
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ALVER}> WHERE {{ ?s ?p ?o }}"
    assert number(embedded, query) == embedded.count(ALVER) < number(embedded, COUNT_ALL)


def test_from_named_alone_leaves_the_default_graph_empty(embedded: EmbeddedStore) -> None:
    assert number(embedded, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{ALVER}> WHERE {{ ?s ?p ?o }}") == 0
    graphs = embedded.query(f"SELECT DISTINCT ?g FROM NAMED <{ALVER}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [str(row[0]) for row in graphs.rows] == [ALVER]


@pytest.mark.parametrize(
    "query",
    [
        f"# FROM <{ALVER}>\n{COUNT_ALL}",
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o BIND("FROM <x:y>" AS ?text) }',
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != <https://example.org/from>) }",
        "PREFIX from: <https://example.org/> SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != from:from) }",
    ],
)
def test_from_in_a_comment_string_or_iri_leaves_the_union(embedded: EmbeddedStore, query: str) -> None:
    assert number(embedded, query) == number(embedded, COUNT_ALL)


def test_protocol_default_graphs_replace_the_querys_from(built: Store, request: pytest.FixtureRequest) -> None:
    if request.node.callspec.params.get("built") == "virtuoso":
        pytest.xfail("Virtuoso adds default-graph-uri to the query's FROM instead of replacing it (README)")
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ALVER}> WHERE {{ ?s ?p ?o }}"
    assert number(built, query, default_graphs=[ROROS]) == built.count(ROROS)


def test_protocol_named_graphs_alone_leave_the_default_graph_empty(built: Store) -> None:
    assert number(built, COUNT_ALL, named_graphs=[ALVER]) == 0
    graphs = built.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[ALVER])
    assert [str(row[0]) for row in graphs.rows] == [ALVER]


@pytest.mark.parametrize("dataset", [{"default_graphs": ["not an iri"]}, {"named_graphs": [""]}])
def test_a_graph_that_is_not_an_iri_is_an_input_error(built: Store, dataset: dict[str, list[str]]) -> None:
    with pytest.raises(InputError, match="not a valid IRI") as caught:
        built.query(COUNT_ALL, **dataset)
    assert caught.value.kind == "query"


@pytest.mark.parametrize("form", ["SELECT *", "ASK"])
def test_a_failing_federated_query_is_an_input_error(embedded: EmbeddedStore, form: str) -> None:
    # regression: an OSError traceback from «strategigraf query»
    with pytest.raises(InputError, match="SERVICE"):
        embedded.query(f"{form} WHERE {{ SERVICE <http://127.0.0.1:9/> {{ ?s ?p ?o }} }}")


def test_a_query_the_store_cannot_evaluate_is_an_input_error(embedded: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="cannot be evaluated"):
        embedded.query("SELECT (<urn:f>(?o) AS ?x) WHERE { ?s ?p ?o }")


TRICKY = [
    "SELECT * FROM <http://g> WHERE { ?s ?p ?o }",
    "select * from named <http://g> { ?s ?p ?o }",
    "# FROM <http://g>\nSELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p 'FROM <http://g>' }",
    "SELECT * WHERE { ?s ?p '''a\nFROM''' }",
    'SELECT * WHERE { ?s ?p "a\\"FROM" }',
    'SELECT * WHERE { ?s ?p "x"@from }',
    "SELECT * WHERE { <http://example.org/from> ?p ?o }",
    "PREFIX from: <http://example.org/> SELECT ?from WHERE { ?from from:from ?o }",
    "PREFIX sg: <https://w3id.org/strategigraf/ont#> # the ontology\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://x/>prefix  sg:<a#>\n\tprefix\n:<b>describe <c>",
    "PREFIX select: <http://x/> ask { ?s select:a ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?p&&?s>?o) }",
]


@pytest.mark.parametrize("query", TRICKY + [q.sparql for q in library().values()])
def test_the_query_lexer_agrees_with_a_real_parser(query: str) -> None:
    parsed = parseQuery(query)[1]
    assert ("FROM" in sparql_keywords(query)) == ("datasetClause" in parsed)
    assert query_form(query) == parsed.name.removesuffix("Query").upper()


# -- the marker file -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    ["[]", '{"format": "x", "current": "gen-000001"}', '{"format": 1, "current": "../elsewhere"}', '{"format": 1}'],
)
def test_a_marker_that_is_not_ours_is_a_clear_error(tmp_path: Path, marker: str) -> None:
    (tmp_path / MARKER).write_text(marker, encoding="utf-8")
    with pytest.raises(InputError, match="marker file is corrupt"):
        EmbeddedStore(tmp_path).query("ASK {}")


def test_query_on_a_corrupt_marker_exits_2_without_a_traceback(tmp_path: Path) -> None:
    # regression: a marker holding [] gave an AttributeError traceback and exit 1
    (tmp_path / MARKER).write_text("[]", encoding="utf-8")
    result = run_cli("query", "--store", str(tmp_path), "ASK {}")
    assert result.returncode == 2 and "corrupt" in result.stderr and "Traceback" not in result.stderr


def test_query_on_a_folder_that_is_not_a_store_says_so(tmp_path: Path) -> None:
    # regression: it said «the store is empty; run strategigraf build first»
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run_cli("query", "--store", str(tmp_path), "ASK {}")
    assert result.returncode == 2 and "not a strategigraf store" in result.stderr


# -- RDF input provenance; a build with nothing to store -------------------------------------------------

RDF_INPUT = PROJECT / "tests" / "data" / "rdf"


def test_a_strategy_loaded_from_rdf_records_the_rdf_file_as_well_as_its_own_sources(tmp_path: Path) -> None:
    # Regression: a strategy read from RDF got no prov:wasDerivedFrom on its graph, so no sha256 of its file.
    import hashlib

    store = EmbeddedStore(tmp_path / "store")
    turtle = RDF_INPUT / "rdfby-2024.ttl"
    assert [r.error for r in build(store, [turtle], jobs=1)] == [None]
    graph = iris.strategy_graph("rdfby-2024")
    result = store.query(
        PREFIX + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        f"SELECT ?name ?sha WHERE {{ GRAPH <{graph}> {{ <{graph}> prov:wasDerivedFrom ?source . "
        "?source a sg:SourceDocument ; sg:fileName ?name ; sg:sha256 ?sha } }"
    )
    assert {(str(name), str(sha)) for name, sha in result.rows} == {
        ("rdfby-2024.ttl", hashlib.sha256(turtle.read_bytes()).hexdigest()),  # the file it was loaded from
        ("rdfby.docx", "00000000000000bb" * 4),  # the document the RDF itself names
    }


def test_a_build_in_which_no_input_loads_does_not_touch_the_store(tmp_path: Path) -> None:
    # Regression: it published a new generation holding only the ontology and the law registry.
    folder = tmp_path / "store"
    results = build(EmbeddedStore(folder), [PROJECT / "tests" / "data" / "bad" / "skanna.pdf"], jobs=1)
    assert [r.error is not None for r in results] == [True]
    assert not folder.exists()
