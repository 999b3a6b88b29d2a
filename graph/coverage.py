"""Coverage: how many goals and measures of one strategy address each theme, and each concept a theme is
``skos:related`` to (KS's five «grep», the two challenges of «Skodd for framtida»).

Computed once per strategy when it is built, from its graph and its inferences, and stored in the same
named graph as ``sg:Coverage`` nodes, like the completeness assessment. The coverage matrix, the «grep» per
strategy and the overview then read a few small nodes per strategy instead of grouping every tagged element
of every strategy at query time, which is what made those queries slow at hundreds of strategies. A
rebuild replaces a strategy's coverage together with the strategy, so it can never go stale.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import chain

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from loaders.vocabulary import ID, PROV, SG, reference_graph

COVERAGE_SEGMENT = "dekning"


@cache
def _related() -> dict[URIRef, tuple[URIRef, ...]]:
    """Theme → the concepts it is related to, from the reference vocabularies."""
    vocabulary = reference_graph()
    return {
        theme: tuple(sorted(o for o in vocabulary.objects(theme, SKOS.related) if isinstance(o, URIRef)))
        for theme in vocabulary.subjects(RDF.type, SG.Theme)
        if isinstance(theme, URIRef)
    }


def coverage_iri(strategy: URIRef | str, concept: URIRef | str) -> URIRef:
    """``<strategy>/dekning/tema-heltidskultur`` for a concept under the instance namespace."""
    concept = str(concept)
    local = concept[len(ID) :] if concept.startswith(ID) else concept.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return URIRef(f"{strategy}/{COVERAGE_SEGMENT}/{local.replace('/', '-')}")


def coverage_graph(strategy: URIRef, graph: Graph, inferred: Graph) -> Graph:
    """The ``sg:Coverage`` nodes of one strategy: per concept, the distinct goals and measures tagged with
    it (a goal or measure tagged with two themes related to one «grep» counts once for that «grep»)."""

    def typed(cls: URIRef) -> set[URIRef]:
        return {s for g in (graph, inferred) for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}

    goals, measures = typed(SG.Goal), typed(SG.Measure)
    covered: dict[URIRef, tuple[set[URIRef], set[URIRef]]] = defaultdict(lambda: (set(), set()))
    for element, theme in chain(graph.subject_objects(SG.theme), inferred.subject_objects(SG.theme)):
        if not isinstance(theme, URIRef) or not (element in goals or element in measures):
            continue
        for concept in (theme, *_related().get(theme, ())):
            covered[concept][0 if element in goals else 1].add(element)  # type: ignore[arg-type]
    out = Graph()
    for concept in sorted(covered):
        found_goals, found_measures = covered[concept]
        node = coverage_iri(strategy, concept)
        out.add((strategy, SG.hasCoverage, node))
        out.add((node, RDF.type, SG.Coverage))
        out.add((node, SG.coveredConcept, concept))
        out.add((node, SG.goalCount, Literal(len(found_goals))))
        out.add((node, SG.measureCount, Literal(len(found_measures))))
        out.add((node, PROV.wasDerivedFrom, strategy))
    return out
