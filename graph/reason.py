"""OWL 2 RL closure of one strategy with the ontology and the reference vocabularies.

owlrl is the reference implementation; it takes about 2.3 s for the Røros strategy here. The Rust
reasoner ``reasonable`` computes the same closure (``tests/test_reasoning.py`` compares the two on every
seed) in about 0.13 s, which is what makes a 357-strategy build fit in a minute, so the build uses it.

Only what the strategy adds is kept: triples already in the strategy, and triples entailed by the
ontology and vocabularies alone, are dropped, as are owlrl/OWL-RL bookkeeping triples that say nothing
(``x owl:sameAs x``, ``x a owl:Thing``, triples about literals).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import reasonable
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal
from rdflib.term import Node

from loaders.vocabulary import ontology_graph, reference_graph

Triple = tuple[Node, Node, Node]


def _normal(triple: Triple) -> Triple:
    subject, predicate, obj = triple
    if isinstance(obj, Literal) and obj.datatype == XSD.string:
        obj = Literal(str(obj))  # "x"^^xsd:string and "x" are the same RDF 1.1 literal
    return subject, predicate, obj


def meaningful(triples: Iterable[Triple]) -> set[Triple]:
    """Drop what OWL-RL materialises but nobody wants to query: triples about literals and datatypes
    (owlrl declares ``xsd:decimal owl:disjointWith xsd:string`` once both are in use), ``x owl:sameAs x``,
    ``x a owl:Thing``, and memberships of anonymous classes (the unions in domains and ranges)."""
    return {
        _normal(t)
        for t in triples
        if not isinstance(t[0], (Literal, BNode))
        and not str(t[0]).startswith(str(XSD))
        and not isinstance(t[2], BNode)
        and not (t[1] == OWL.sameAs and t[0] == t[2])
        and not (t[1] == RDF.type and t[2] in (OWL.Thing, RDFS.Resource))
    }


@cache
def tbox() -> Graph:
    """The ontology and the reference vocabularies: what every closure starts from."""
    graph = Graph()
    for source in (ontology_graph(), reference_graph()):
        for triple in source:
            graph.add(triple)
    return graph


@cache
def _tbox_closure() -> frozenset[Triple]:
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(tbox())
    return frozenset(meaningful(reasoner.reason()))


def infer(strategy: Graph, owner: str | None = None) -> Graph:
    """The triples the OWL-RL closure adds to ``strategy`` (with the ontology), and nothing else.

    With ``owner`` (the strategy's IRI), only triples that mention one of the strategy's own nodes are
    kept: what the closure says about a law or a role alone («<aml> a sg:LegalInstrument») belongs to the
    reference graphs, and repeating it in every strategy's inferences would duplicate it in queries."""
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(tbox())
    reasoner.from_graph(strategy)
    closure = meaningful(reasoner.reason())
    asserted = meaningful(strategy)
    inferred = Graph()
    for triple in closure - asserted - _tbox_closure():
        if owner is None or any(str(term).startswith(owner) for term in (triple[0], triple[2])):
            inferred.add(triple)
    return inferred


def infer_tbox() -> Graph:
    """The closure of the ontology and vocabularies themselves (subclass chains, inverse declarations)."""
    graph = Graph()
    asserted = meaningful(tbox())
    for triple in _tbox_closure() - asserted:
        graph.add(triple)
    return graph
