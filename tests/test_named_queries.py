"""The named query library: decorators, typed binding by value, injection, and the expected rows."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from graph.build import build, bundled_inputs
from graph.named_queries import QueryLibraryError, library, parse
from graph.store import EmbeddedStore, RemoteStore, Store
from loaders.errors import InputError
from tests.conftest import run_cli

EXPECTED = Path(__file__).parent / "data" / "queries"
VOSS_DRAFT = Path(__file__).parent / "data" / "documents" / "voss-arbeidsgjevarstrategi-utkast.docx"
INJECTIONS = [
    '"} ; DROP ALL ; #',
    "<http://x> } UNION { ?s ?p ?o } #",
    "1 } ; CLEAR DEFAULT #",
    '2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> } UNION { ?s ?p ?o',
    "heltidskultur> } #",
    "3420 || true",
]


@pytest.fixture(scope="module")
def store(bundled_store_path: Path) -> EmbeddedStore:
    return EmbeddedStore(bundled_store_path)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request: pytest.FixtureRequest) -> RemoteStore:
    """The bundled strategies on a real SPARQL 1.1 server (Oxigraph's, Virtuoso), built once per session."""
    return request.getfixturevalue(f"{request.param}_built")


@pytest.fixture(scope="module")
def with_draft(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """The bundled strategies and the incomplete Voss draft, which has what the seeds lack: a goal without
    measures and a citation of a provision that does not exist."""
    store = EmbeddedStore(tmp_path_factory.mktemp("with-draft") / "store")
    assert all(r.error is None for r in build(store, [*bundled_inputs(), VOSS_DRAFT], jobs=1))
    return store


def rows(store: Store, name: str, values: dict[str, str] | None = None) -> list[list[str | None]]:
    result = store.query(library()[name].bind(values or {}))
    table = [[None if t is None else str(t) for t in row] for row in result.rows]
    return sorted(table, key=lambda r: [str(v) for v in r])


def test_there_are_at_least_fifteen_named_queries() -> None:
    assert len(library()) >= 15


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_has_a_summary_and_typed_parameters(name: str) -> None:
    query = library()[name]
    assert query.summary
    assert all(p.type in ("iri", "string", "integer", "date", "municipality", "theme", "role") for p in query.params)


@pytest.mark.parametrize("name", sorted(library()))
def test_a_named_query_gives_its_expected_rows_on_the_bundled_graph(store: EmbeddedStore, name: str) -> None:
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    assert rows(store, name, expected["params"]) == expected["rows"]


@pytest.mark.parametrize("name", sorted(library()))
def test_a_named_query_gives_the_same_rows_on_a_sparql_server(remote: RemoteStore, name: str) -> None:
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    assert rows(remote, name, expected["params"]) == expected["rows"]


def test_a_goal_without_measures_is_listed_with_its_municipality_and_line(with_draft: EmbeddedStore) -> None:
    # The bundled graph has none, so its expected rows alone could not catch a query that never answers.
    found = [(row[0], row[3], row[4]) for row in rows(with_draft, "goals-without-measures")]
    assert ("Voss", "Sjukefråværet i Voss herad skal ned", "8") in found
    found = [(row[0], row[3], row[4]) for row in rows(with_draft, "goals-without-measures", {"municipality": "Voss"})]
    assert found == [("Voss", "Sjukefråværet i Voss herad skal ned", "8")]


def test_a_citation_of_a_provision_that_does_not_exist_is_listed(with_draft: EmbeddedStore) -> None:
    found = {(row[0], row[2], row[4]) for row in rows(with_draft, "unresolved-citations")}
    assert ("Voss", "arbeidsmiljølova § 99-1", "§ 99-1") in found


def test_heltidskultur_goals_and_measures_come_from_roros_and_alver(store: EmbeddedStore) -> None:
    municipalities = {row[0] for row in rows(store, "theme-goals-measures", {"theme": "heltidskultur"})}
    assert municipalities == {"Røros", "Alver"}


def test_strategies_in_force_on_a_date(store: EmbeddedStore) -> None:
    assert {row[1] for row in rows(store, "in-force", {"date": "2024-06-01"})} == {"Alver", "Røros"}
    assert {row[1] for row in rows(store, "in-force", {"date": "2018-06-01"})} == {"Røros"}


def test_factor_8_is_measured_by_elverum(store: EmbeddedStore) -> None:
    found = rows(store, "indicators", {"factor": "8"})
    assert [row[0] for row in found] == ["Elverum"]


def test_full_text_search_finds_nynorsk_and_bokmal(store: EmbeddedStore) -> None:
    found = rows(store, "search", {"text": "heiltid"})
    assert {row[1] for row in found} == {"Alver"}
    assert {row[5] for row in found} == {"nn"}


@pytest.mark.parametrize("name", ["measures-without-role", "goals-without-indicators", "roles-duties"])
def test_a_municipality_by_number_or_name_narrows_a_list_to_it(store: EmbeddedStore, name: str) -> None:
    def names(values: dict[str, str]) -> list[str]:
        result = store.query(library()[name].bind(values))
        column = result.variables.index("municipalityName")
        return [str(row[column]) for row in result.rows]

    by_number = names({"municipality": "5025"})
    assert by_number and set(by_number) == {"Røros"}
    assert names({"municipality": "Røros"}) == by_number
    assert len(names({})) > len(by_number)


NARROWED = sorted(name for name, query in library().items() if query.narrowed)
NARROWING = [{"municipality": "5025"}, {"municipality": "Alver"}, {"municipality": "3420"}, {"municipality": "4621"},
             {"role": "kommunedirektor"}, {"role": "leder", "municipality": "5025"}]


def test_a_list_over_every_municipality_has_a_narrowed_shape_for_one() -> None:
    assert {"measures-without-role", "goals-without-indicators", "goals-without-measures", "roles-duties"} <= set(
        NARROWED
    )


@pytest.mark.parametrize(
    ("name", "values"),
    [(name, values) for name in NARROWED for values in NARROWING
     if set(values) <= {p.name for p in library()[name].params}],
    ids=lambda v: v if isinstance(v, str) else ",".join(v.values()),
)
def test_a_narrowed_shape_gives_the_same_rows_as_the_query(
    with_draft: EmbeddedStore, name: str, values: dict[str, str]
) -> None:
    query = library()[name]
    wide = replace(query, narrowed=None)
    assert query.bind(values) != wide.bind(values)  # the narrowed shape is the one that runs
    found = with_draft.query(query.bind(values)).rows
    assert sorted(map(str, found)) == sorted(map(str, with_draft.query(wide.bind(values)).rows))


def test_the_narrowed_shape_runs_only_when_an_optional_parameter_is_given() -> None:
    query = library()["measures-without-role"]
    assert "FILTER NOT EXISTS" in query.bind({"municipality": "5025"})
    assert "FILTER NOT EXISTS" not in query.bind({})


@pytest.mark.parametrize(
    ("narrowed", "error"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }\n", r"narrowed/lista\.rq:1: .*other columns"),
        ("# Éin kommune\n#+ summary: y\nSELECT ?s ?o WHERE { ?s ?p ?o }\n", r"narrowed/lista\.rq:2: .*decorators"),
    ],
    ids=["other-columns", "decorators-below-line-1"],
)
def test_a_bad_narrowed_shape_stops_loading_at_its_line(tmp_path: Path, narrowed: str, error: str) -> None:
    write(tmp_path, "#+ summary: x\nSELECT ?s ?o WHERE { ?s ?p ?o }\n", "lista.rq")
    (tmp_path / "narrowed").mkdir()
    write(tmp_path / "narrowed", narrowed, "lista.rq")
    with pytest.raises(QueryLibraryError, match=error):
        library(tmp_path)


def test_a_narrowed_shape_without_its_query_stops_loading(tmp_path: Path) -> None:
    (tmp_path / "narrowed").mkdir()
    write(tmp_path / "narrowed", "SELECT ?s WHERE { ?s ?p ?o }\n", "einsam.rq")
    with pytest.raises(QueryLibraryError, match=r"einsam\.rq:1"):
        library(tmp_path)


@pytest.mark.parametrize("attack", INJECTIONS)
@pytest.mark.parametrize(("name", "param"), [("indicators", "factor"), ("in-force", "date"), ("who-cites", "law"),
                                             ("theme-goals-measures", "theme"), ("roles-duties", "role"),
                                             ("priority-areas", "municipality")])
def test_an_injection_into_a_typed_parameter_is_refused(name: str, param: str, attack: str) -> None:
    with pytest.raises(InputError) as caught:
        library()[name].bind({param: attack})
    assert caught.value.kind == "param"


@pytest.mark.parametrize("attack", INJECTIONS)
def test_an_injection_into_a_string_parameter_is_only_a_string(store: EmbeddedStore, attack: str) -> None:
    before = store.count()
    assert rows(store, "search", {"text": attack}) == []
    assert store.count() == before


def test_a_parameter_is_bound_by_value_in_a_values_block() -> None:
    text = library()["search"].bind({"text": 'a"b'})
    assert 'VALUES (?text) { ("a\\"b") }' in text


def test_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(InputError):
        library()["search"].bind({"text": "x", "evil": "y"})


def write(tmp_path: Path, text: str, name: str = "broken.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tab_in_a_decorator_stops_loading_with_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "#+ summary: x\n#+ tags:\n#+\t- y\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryLibraryError, match=r"broken\.rq:3"):
        parse(path)


def test_an_unknown_decorator_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "#+ summary: x\n#+ colour: blue\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryLibraryError, match=r"broken\.rq:2"):
        parse(path)


def test_a_parameter_missing_from_the_query_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "#+ summary: x\n#+ params:\n#+   theme:\n#+     type: theme\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryLibraryError, match="theme"):
        parse(path)


def test_invalid_sparql_in_the_library_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryLibraryError, match="SPARQL"):
        parse(write(tmp_path, "#+ summary: x\nSELECT WHERE\n"))


def test_serve_stops_at_a_broken_query_library_with_the_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "#+ summary: x\n#+ tags:\n#+\t- y\nSELECT * WHERE { ?s ?p ?o }\n")
    result = run_cli("serve", "--store", str(tmp_path / "store"), env={"STRATEGIGRAF_QUERIES": str(tmp_path),
                                                                        "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2 and "broken.rq:3" in result.stderr


def test_query_command_runs_a_named_query_with_a_parameter(store: EmbeddedStore) -> None:
    result = run_cli("query", "--store", store.location, "--name", "in-force", "--param", "date=2018-06-01",
                     "--format", "csv")
    assert result.returncode == 0 and "Røros" in result.stdout and "Alver" not in result.stdout


def test_query_command_runs_sparql_from_a_file(store: EmbeddedStore, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s a <https://w3id.org/strategigraf/ont#EmployerStrategy> }", encoding="utf-8")
    result = run_cli("query", "--store", store.location, "--file", str(query), "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["boolean"] is True


def test_query_command_prints_turtle_for_construct(store: EmbeddedStore) -> None:
    result = run_cli("query", "--store", store.location, "--format", "turtle",
                     "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    assert result.returncode == 0
    assert "@prefix" in result.stdout or " a " in result.stdout


def test_query_command_refuses_a_bad_parameter_with_exit_2(store: EmbeddedStore) -> None:
    result = run_cli("query", "--store", store.location, "--name", "in-force", "--param", "date=yesterday")
    assert result.returncode == 2 and "date" in result.stderr and "Traceback" not in result.stderr
