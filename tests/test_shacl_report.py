"""The RDF completeness report (``check --format turtle|json-ld``) is a SHACL §3.6 validation report: the
same results pySHACL's own ``validate()`` gives on the same data graph and shapes, and ``sh:conforms``
true only when there are no results at all."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, BNode, Graph, Literal
from rdflib.term import Node

from api.report import render
from graph.mapper import to_rdf
from graph.validate import SH, Validation, data_graph, shapes_graph, validate
from loaders.reader import read_path
from tests.conftest import PROJECT, run_cli

SEEDS = sorted((PROJECT / "data" / "strategies").glob("*.yaml"))
ALVER = next(p for p in SEEDS if p.name.startswith("alver"))
ELVERUM = next(p for p in SEEDS if p.name.startswith("elverum"))
Result = tuple[str, str, str, str]


def _node(graph: Graph, node: Node | None) -> str:
    """A node as text; a blank node (a path such as sh:alternativePath) by its content, recursively."""
    if isinstance(node, BNode):
        if (node, RDF.first, None) in graph:  # an RDF list
            return "(" + " ".join(_node(graph, item) for item in graph.items(node)) + ")"
        return "[" + " ".join(sorted(f"{p} {_node(graph, o)}" for p, o in graph.predicate_objects(node))) + "]"
    return "" if node is None else str(node)


def results(report: Graph) -> Counter[Result]:
    """(focus node, path, source shape, severity) of every result."""
    return Counter(
        (
            _node(report, report.value(r, SH.focusNode)),
            _node(report, report.value(r, SH.resultPath)),
            _node(report, report.value(r, SH.sourceShape)),
            _node(report, report.value(r, SH.resultSeverity)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    )


def conforms(report: Graph) -> bool:
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    value = report.value(node, SH.conforms)
    assert isinstance(value, Literal)
    return bool(value.toPython())


@cache
def checked(card: Path) -> tuple[Validation, bool, Graph]:
    """Our validation of a seed card, and pySHACL's own (conforms, report) on the same data graph and shapes."""
    data = to_rdf(read_path(card))
    shapes = Graph()
    shapes += shapes_graph()  # pySHACL writes into the shapes graph: give it a copy
    theirs, report, _ = pyshacl.validate(data_graph(data), shacl_graph=shapes, inference="none")
    return validate(data), bool(theirs), report


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
@pytest.mark.parametrize("card", SEEDS, ids=lambda p: p.name.split("-")[0])
def test_the_rdf_report_of_each_seed_has_pyshacls_own_results(card: Path, fmt: str) -> None:
    validation, _, theirs = checked(card)
    ours = Graph().parse(data=render(validation, fmt, "nb"), format=fmt)
    assert results(ours) == results(theirs) and results(ours)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
@pytest.mark.parametrize("card", SEEDS, ids=lambda p: p.name.split("-")[0])
def test_the_rdf_report_of_each_seed_conforms_as_pyshacl_says(card: Path, fmt: str) -> None:
    # regression: «sh:conforms true» beside warnings (SHACL §3.6.1: true only without any result)
    validation, theirs, _ = checked(card)
    assert conforms(Graph().parse(data=render(validation, fmt, "nb"), format=fmt)) is theirs is False


def test_a_report_without_results_conforms() -> None:
    draft = PROJECT / "tests" / "data" / "documents" / "complete-draft.md"
    report = Graph().parse(data=render(validate(to_rdf(read_path(draft))), "turtle", "nb"), format="turtle")
    assert conforms(report) and not results(report)


def test_the_placeholder_message_names_the_placeholder_in_the_rdf_report() -> None:
    # regression: sh:resultMessage «har plassholderen «{?value}» der vedtaksdatoen skal stå»
    turtle = render(checked(ALVER)[0], "turtle", "nb")
    assert "{?value}" not in turtle and "har plassholderen «xx.xx.xxx» der vedtaksdatoen skal stå" in turtle


def test_warnings_alone_still_exit_0_whatever_the_rdf_report_says() -> None:
    result = run_cli("check", str(ELVERUM), "--format", "turtle")
    assert result.returncode == 0 and "sh:conforms false" in result.stdout
