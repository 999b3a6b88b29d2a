"""Coverage nodes: goals and measures per theme and per concept related to a theme, counted at build time."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef

from graph.coverage import coverage_graph, coverage_iri
from loaders.vocabulary import SG

STRATEGY = URIRef("https://w3id.org/strategigraf/id/strategi/testby-2025")
TEMA = "https://w3id.org/strategigraf/id/tema/"
KS = "https://w3id.org/strategigraf/id/ks/"


def element(graph: Graph, name: str, kind: URIRef, *themes: str) -> URIRef:
    node = URIRef(f"{STRATEGY}/{name}")
    graph.add((node, RDF.type, kind))
    for theme in themes:
        graph.add((node, SG.theme, URIRef(TEMA + theme)))
    return node


def counts(coverage: Graph, concept: str) -> tuple[int, int]:
    node = coverage_iri(STRATEGY, concept)
    return int(coverage.value(node, SG.goalCount)), int(coverage.value(node, SG.measureCount))  # type: ignore[arg-type]


def test_goals_and_measures_are_counted_per_theme() -> None:
    graph = Graph()
    element(graph, "mal/1", SG.AreaGoal, "heltidskultur")
    element(graph, "tiltak/1", SG.Measure, "heltidskultur")
    element(graph, "tiltak/2", SG.Measure, "heltidskultur", "kompetanse")
    inferred = Graph()
    inferred.add((URIRef(f"{STRATEGY}/mal/1"), RDF.type, SG.Goal))  # as the reasoner gives it
    coverage = coverage_graph(STRATEGY, graph, inferred)
    assert counts(coverage, TEMA + "heltidskultur") == (1, 2)
    assert counts(coverage, TEMA + "kompetanse") == (0, 1)
    assert (STRATEGY, SG.hasCoverage, coverage_iri(STRATEGY, TEMA + "kompetanse")) in coverage


def test_an_element_with_two_themes_related_to_one_grep_counts_once_for_it() -> None:
    # heltidskultur and rekruttering are both related to the challenge «rekruttere» of «Skodd for framtida».
    graph = Graph()
    element(graph, "tiltak/1", SG.Measure, "heltidskultur", "rekruttering")
    coverage = coverage_graph(STRATEGY, graph, Graph())
    assert counts(coverage, KS + "utfordring-rekruttere") == (0, 1)


def test_elements_that_are_neither_goals_nor_measures_are_not_counted() -> None:
    graph = Graph()
    element(graph, "forventning/1", SG.LeaderExpectation, "ledelse")
    assert len(coverage_graph(STRATEGY, graph, Graph())) == 0


def test_coverage_iris_are_ascii_slugs_under_the_strategy() -> None:
    assert coverage_iri(STRATEGY, KS + "grep-vaage") == URIRef(f"{STRATEGY}/dekning/ks-grep-vaage")
    assert str(coverage_iri(STRATEGY, TEMA + "naervaer")).isascii()


def test_counts_are_typed_integers() -> None:
    graph = Graph()
    element(graph, "tiltak/1", SG.Measure, "kompetanse")
    value = coverage_graph(STRATEGY, graph, Graph()).value(coverage_iri(STRATEGY, TEMA + "kompetanse"), SG.measureCount)
    assert isinstance(value, Literal) and value.datatype is not None and value.datatype.endswith("#integer")
