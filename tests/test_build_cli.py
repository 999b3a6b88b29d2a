"""`strategigraf build` as a user runs it: RDF input with bad graphs, the summary table, the exit codes, and
`strategigraf query` answering CONSTRUCT in its default format. One build, of tests/data/rdf/ (a Turtle file
and a TriG file whose second and third graphs are unusable), serves the module."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from graph import iris
from graph.rdf_input import strategies_in
from graph.reason import infer
from graph.store import MARKER, EmbeddedStore
from graph.validate import validate
from tests.conftest import PROJECT, run_cli

RDF_INPUT = PROJECT / "tests" / "data" / "rdf"
BAD = PROJECT / "tests" / "data" / "bad"
SG = "https://w3id.org/strategigraf/ont#"
# Piped, as here: the summary must not be cut to rich's default 80 columns (regression: cells read «…»).
PIPED = {k: v for k, v in os.environ.items() if k != "COLUMNS"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    folder = tmp_path_factory.mktemp("build-cli") / "store"
    result = run_cli("build", str(RDF_INPUT), "--no-bundled", "--store", str(folder), "-j", "1", env=PIPED)
    return result, folder


def _generation(folder: Path) -> str:
    return json.loads((folder / MARKER).read_text())["current"]


def test_each_trig_graph_without_exactly_one_strategy_is_reported_by_its_name(built) -> None:
    # Regression: such graphs were dropped without a word.
    result, _ = built
    errors = [line for line in result.stdout.splitlines() if line.startswith("feil / error:")]
    assert len(errors) == 2, result.stdout
    several, none = errors
    assert "korpus.trig" in several and "<https://example.org/korpus/to-strategiar>" in several
    assert " har 2 sg:EmployerStrategy" in several and " holds 2 sg:EmployerStrategy" in several
    assert "korpus.trig" in none and "<https://example.org/korpus/utan-strategi>" in none
    assert "fann ingen sg:EmployerStrategy" in none and "found no sg:EmployerStrategy" in none


def test_some_input_failing_exits_1_and_the_good_strategies_are_stored(built) -> None:
    result, folder = built
    assert result.returncode == 1, result.stderr
    graphs = set(EmbeddedStore(folder).named_graphs())
    assert {str(iris.strategy_graph("trigby-2023")), str(iris.strategy_graph("rdfby-2024"))} <= graphs


def test_the_summary_table_shows_each_strategys_warnings(built) -> None:
    # Regression: the table had violations and status but no warnings column.
    result, _ = built
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "strategi" in line and "┃" in line).split("┃")
    row = next(line for line in lines if "│ rdfby-2024 " in line).split("│")
    [(slug, graph)] = [(found.slug, found.triples) for found in strategies_in(RDF_INPUT / "rdfby-2024.ttl")]
    assert graph is not None
    expected = validate(graph, inferred=infer(graph, owner=str(iris.strategy_iri(slug or "")))).warnings
    assert expected > 0
    assert row[[cell.strip() for cell in header].index("åtv.")].strip() == str(expected)


def test_a_build_in_which_no_input_loads_exits_2_and_publishes_nothing(built) -> None:
    # Regression: it exited 1 and published a new generation with only the reference graphs in it.
    _, folder = built
    before = (_generation(folder), sorted(p.name for p in folder.iterdir()))
    result = run_cli("build", str(BAD / "skanna.pdf"), str(BAD / "avkorta.pdf"), "--no-bundled", "--store", str(folder))
    assert result.returncode == 2
    assert "skanna.pdf" in result.stdout and "avkorta.pdf" in result.stdout and "nothing stored" in result.stdout
    assert (_generation(folder), sorted(p.name for p in folder.iterdir())) == before


def test_construct_in_the_default_table_format_prints_turtle(built) -> None:
    # Regression: a CONSTRUCT in the table format printed nothing and exited 0.
    _, folder = built
    query = f"PREFIX sg: <{SG}> CONSTRUCT {{ ?area a sg:PriorityArea }} WHERE {{ ?area a sg:PriorityArea }}"
    result = run_cli("query", "--store", str(folder), query)
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    area = URIRef(f"{iris.strategy_iri('trigby-2023')}/omrade-1")
    assert (area, RDF.type, URIRef(SG + "PriorityArea")) in graph
    assert f"# {len(graph)} tripler / triples" in result.stdout
