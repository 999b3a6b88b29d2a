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
from itertools import chain
from pathlib import Path

import rdflib
import reasonable
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal
from rdflib.term import Node

from loaders import build_cache, turtle, vocabulary
from loaders.resources import ontology_dir
from loaders.vocabulary import ontology_graph, reference_graph

Triple = tuple[Node, Node, Node]


def _normal(triple: Triple) -> Triple:
    subject, predicate, obj = triple
    if isinstance(obj, Literal) and obj.datatype == XSD.string:
        obj = Literal(str(obj))  # "x"^^xsd:string and "x" are the same RDF 1.1 literal
    return subject, predicate, obj


_SAME_AS, _TYPE = OWL.sameAs, RDF.type
_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource})
_XSD = str(XSD)


def _wanted(triple: Triple) -> bool:
    subject, predicate, obj = triple
    return not (
        isinstance(subject, (Literal, BNode))
        or isinstance(obj, BNode)
        or subject.startswith(_XSD)
        or (predicate == _SAME_AS and subject == obj)
        or (predicate == _TYPE and obj in _TRIVIAL_TYPES)
    )


def meaningful(triples: Iterable[Triple]) -> set[Triple]:
    """Drop what OWL-RL materialises but nobody wants to query: triples about literals and datatypes
    (owlrl declares ``xsd:decimal owl:disjointWith xsd:string`` once both are in use), ``x owl:sameAs x``,
    ``x a owl:Thing``, and memberships of anonymous classes (the unions in domains and ranges)."""
    return {_normal(t) for t in triples if _wanted(t)}


@cache
def tbox() -> frozenset[Triple]:
    """The triples of the ontology and the reference vocabularies: what every closure starts from (a set,
    not a Graph: copying them into one took longer than reasoning with them)."""
    return frozenset(chain(ontology_graph(), reference_graph()))


def _structural(triples: Iterable[Triple]) -> list[Triple]:
    """Triples whose object is not a literal. Labels, definitions, line numbers and dates take part in no
    entailment the closure keeps, and leaving them out makes the reasoner several times faster
    (``tests/test_reasoning.py`` checks the result against owlrl over everything)."""
    return [t for t in triples if not isinstance(t[2], Literal)]


def _axioms() -> tuple[Triple, ...]:
    return _prepared()[0]


def _tbox_closure() -> frozenset[Triple]:
    return _prepared()[1]


@cache
def _prepared() -> tuple[tuple[Triple, ...], frozenset[Triple]]:
    """The axioms every closure starts from and what they entail alone, from the build cache while the
    ontology, the vocabularies and the code that reads and reasons over them are unchanged (reasoning over
    the TBox alone was 30 ms of every ``check``)."""
    inputs = [
        *(ontology_dir() / name for name in (vocabulary.ONTOLOGY_FILE, *vocabulary.REFERENCE_FILES)),
        Path(__file__), Path(vocabulary.__file__), Path(turtle.__file__),
    ]
    versions = (rdflib.__version__, reasonable.__version__)
    return build_cache.cached("tbox", inputs, _prepare, versions=versions)


def _prepare() -> tuple[tuple[Triple, ...], frozenset[Triple]]:
    axioms = tuple(_structural(tbox()))
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(list(axioms))
    return axioms, frozenset(meaningful(reasoner.reason()))


def infer(strategy: Graph, owner: str | None = None) -> Graph:
    """The triples the OWL-RL closure adds to ``strategy`` (with the ontology), and nothing else.

    With ``owner`` (the strategy's IRI), only triples that mention one of the strategy's own nodes are
    kept: what the closure says about a law or a role alone («<aml> a sg:LegalInstrument») belongs to the
    reference graphs, and repeating it in every strategy's inferences would duplicate it in queries."""
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(list(_axioms()))
    own = _structural(strategy)
    reasoner.from_graph(own)
    known = _tbox_closure()
    asserted = set(own)
    inferred = Graph()
    for triple in reasoner.reason():
        if triple in asserted or triple in known or not _wanted(triple):
            continue
        if owner is None or triple[0].startswith(owner) or (isinstance(triple[2], str) and triple[2].startswith(owner)):
            inferred.add(triple)
    return inferred


def infer_tbox() -> Graph:
    """The closure of the ontology and vocabularies themselves (subclass chains, inverse declarations)."""
    graph = Graph()
    asserted = meaningful(tbox())
    for triple in _tbox_closure() - asserted:
        graph.add(triple)
    return graph
