"""Strategies that arrive as RDF already written in the ontology's terms (Turtle, TriG, N-Quads).

Such files skip extraction. A Turtle file holds one strategy; TriG and N-Quads may hold many, one named
graph each. Each strategy is found by its ``sg:EmployerStrategy`` node, whose IRI gives its slug.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

from graph import iris
from graph.store import to_rdflib
from loaders.errors import InputError
from loaders.vocabulary import ID, SG

SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


def is_rdf(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def strategies_in(path: Path) -> list[tuple[str, Graph]]:
    """(slug, triples) for every strategy in an RDF file."""
    graphs: dict[str, Graph] = {}
    try:
        for quad in ox.parse(path=str(path), format=SUFFIXES[path.suffix.lower()]):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            graph = graphs.setdefault(name, Graph())
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"ugyldig RDF: {error}", f"invalid RDF: {error}", path=path) from None
    found = []
    for graph in graphs.values():
        strategies = [s for s in graph.subjects(RDF.type, SG.EmployerStrategy) if isinstance(s, URIRef)]
        if len(strategies) != 1:
            continue
        iri = strategies[0]
        if not str(iri).startswith(ID + "strategi/"):
            raise InputError(
                f"strategien <{iri}> ligg ikkje under {ID}strategi/",
                f"the strategy <{iri}> is not under {ID}strategi/",
                path=path,
            )
        found.append((iris.slug_of(iri), graph))
    if not found:
        raise InputError(
            "fann ingen sg:EmployerStrategy i RDF-fila",
            "found no sg:EmployerStrategy in the RDF file",
            path=path,
        )
    return found
