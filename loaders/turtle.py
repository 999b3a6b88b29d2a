"""Turtle files into rdflib graphs, parsed by Oxigraph and kept in the build cache.

rdflib's own Turtle parser is pure Python: the ontology, the reference vocabularies and the shapes took
about 0.15 s of every short command. pyoxigraph parses the same files in a few milliseconds, and turning its
terms into rdflib terms gives the triples and prefixes rdflib's parser gives (``tests/test_turtle.py``
compares the two on every bundled file). Where Oxigraph cannot say what rdflib would make of a file (a
relative IRI, a literal typed ``xsd:string``, a language tag in capitals), or the file is not valid Turtle,
rdflib parses it, so the result and any error message are rdflib's own. Filling the rdflib graph is most of
what remains, so :func:`turtle_graph` keeps the finished graph in the build cache (a third of the time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from loaders import build_cache

_STRING = str(XSD.string)

# What Oxigraph normalises and rdflib keeps: the datatype of «"x"^^xsd:string» (a plain literal to Oxigraph)
# and the case of a language tag («@en-GB»).
_UNSURE = re.compile(rb"\^\^\s*(?:<[^>]*#string>|[\w.-]*:string\b)|[\"']@[a-z0-9-]*[A-Z]")
# A prefix declaration: rdflib binds prefixes in the order the file declares them, Oxigraph gives them sorted.
_PREFIX = re.compile(rb"(?:@prefix|(?i:\bprefix))\s+([^\s:]*):")


class _Unsure(Exception):
    """Oxigraph's reading may differ from rdflib's here: let rdflib parse the file."""


def turtle_graph(name: str, paths: Iterable[Path]) -> Graph:
    """The Turtle files ``paths`` that exist, in one graph; from the build cache (entry ``name``) while the
    files, this code, rdflib and pyoxigraph are unchanged."""
    paths = list(paths)

    def build() -> Graph:
        graph = Graph()
        for path in paths:
            if path.exists():
                parse_turtle(path, graph)
        return graph

    versions = (rdflib.__version__, ox.__version__)
    return build_cache.cached(f"graph-{name}", [*paths, Path(__file__)], build, versions=versions)


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse the Turtle file ``path`` into ``graph`` (a new graph if none) and bind its prefixes, as
    ``graph.parse(path, format="turtle")`` does; return the graph."""
    graph = Graph() if graph is None else graph
    data = path.read_bytes()
    try:
        if _UNSURE.search(data):
            raise _Unsure
        parser = ox.parse(data, format=ox.RdfFormat.TURTLE)  # no base IRI: a relative IRI is an error
        triples = _convert(parser)
        declared = _declaration_order(data)
        if not declared.keys() >= parser.prefixes.keys():
            raise _Unsure
    except (SyntaxError, _Unsure):
        return graph.parse(path, format="turtle")
    graph.addN((s, p, o, graph) for s, p, o in triples)
    for prefix, namespace in sorted(parser.prefixes.items(), key=lambda item: declared[item[0]]):
        graph.bind(prefix, namespace)
    return graph


def _declaration_order(data: bytes) -> dict[str, int]:
    order: dict[str, int] = {}
    for match in _PREFIX.finditer(data):
        order.setdefault(match.group(1).decode("utf-8", "replace"), len(order))
    return order


def _convert(quads: ox.QuadParser) -> list[tuple[Node, Node, Node]]:
    iris: dict[str, URIRef] = {}
    blanks: dict[str, BNode] = {}  # labels are local to the file: each gets a fresh rdflib blank node

    def term(node: object) -> Node:
        if isinstance(node, ox.NamedNode):
            iri = iris.get(node.value)
            if iri is None:
                iri = iris[node.value] = URIRef(node.value)
            return iri
        if isinstance(node, ox.BlankNode):
            blank = blanks.get(node.value)
            if blank is None:
                blank = blanks[node.value] = BNode()
            return blank
        if isinstance(node, ox.Literal):
            return _literal(node)
        raise _Unsure  # a quoted triple (RDF-star): not Turtle as rdflib reads it

    return [(term(q.subject), term(q.predicate), term(q.object)) for q in quads]


def _literal(node: ox.Literal) -> Literal:
    if getattr(node, "direction", None):
        raise _Unsure  # a base direction («@ar--rtl»): rdflib has no such literal
    if node.language:
        return Literal(node.value, lang=node.language)
    datatype = node.datatype.value
    if datatype == _STRING:
        return Literal(node.value)
    # A number written without quotes («007», «1e3») comes out as rdflib writes it: Literal normalises it.
    return Literal(node.value, datatype=URIRef(datatype))
