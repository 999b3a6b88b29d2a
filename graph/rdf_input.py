"""Strategies that arrive as RDF already written in the ontology's terms (Turtle, TriG, N-Quads).

Such files skip extraction. A Turtle file holds one strategy; TriG and N-Quads may hold many, one named
graph each. Each strategy is found by its ``sg:EmployerStrategy`` node, whose IRI gives its slug. A graph
that holds no strategy, or several, is reported as a problem of its own; the other graphs still load.
The file itself is described as an ``sg:SourceDocument`` (name and sha256), so the store records which
file each strategy was loaded from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef

from graph import iris
from graph.store import to_rdflib
from loaders.errors import InputError
from loaders.vocabulary import ID, SG

SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


@dataclass
class FoundGraph:
    """One graph of an RDF file: the strategy it holds (``slug`` and ``triples``), or its ``problem``."""

    name: str  # «<iri>» or «_:b0»; "" for the default graph
    slug: str | None = None
    triples: Graph | None = None
    problem: InputError | None = None


def is_rdf(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def _graph_name(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else ""


def strategies_in(path: Path) -> list[FoundGraph]:
    """Every graph of an RDF file, in file order, each with its strategy or what is wrong with it.

    Raises InputError for a file that is not valid RDF or holds no triples."""
    graphs: dict[str, Graph] = {}
    try:
        for quad in ox.parse(path=str(path), format=SUFFIXES[path.suffix.lower()]):
            graph = graphs.setdefault(_graph_name(quad.graph_name), Graph())
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"ugyldig RDF: {error}", f"invalid RDF: {error}", path=path) from None
    if not graphs:
        raise InputError(
            "fann ingen sg:EmployerStrategy i RDF-fila",
            "found no sg:EmployerStrategy in the RDF file",
            path=path,
        )
    whole_file = list(graphs) == [""]  # a Turtle file: the graph is the file
    return [_strategy_of(path, name, graph, whole_file) for name, graph in graphs.items()]


def _strategy_of(path: Path, name: str, graph: Graph, whole_file: bool) -> FoundGraph:
    skipped_nn, skipped_en = ("", "") if whole_file else ("; grafen vart ikkje lasta", "; the graph was not loaded")
    if whole_file:
        where_nn, where_en = "RDF-fila", "the RDF file"
    elif name:
        where_nn, where_en = f"grafen {name}", f"the graph {name}"
    else:
        where_nn, where_en = "standardgrafen (utanfor GRAPH-blokkene)", "the default graph (outside any GRAPH block)"
    strategies = sorted(s for s in graph.subjects(RDF.type, SG.EmployerStrategy) if isinstance(s, URIRef))
    if not strategies:
        problem = InputError(
            f"fann ingen sg:EmployerStrategy i {where_nn}{skipped_nn}",
            f"found no sg:EmployerStrategy in {where_en}{skipped_en}",
            path=path,
        )
        return FoundGraph(name, problem=problem)
    if len(strategies) > 1:
        listed = ", ".join(f"<{s}>" for s in strategies[:3]) + (" …" if len(strategies) > 3 else "")
        problem = InputError(
            f"{where_nn} har {len(strategies)} sg:EmployerStrategy ({listed}); kvar graf skal ha nøyaktig éin"
            f"{skipped_nn}",
            f"{where_en} holds {len(strategies)} sg:EmployerStrategy ({listed}); each graph must hold exactly one"
            f"{skipped_en}",
            path=path,
        )
        return FoundGraph(name, problem=problem)
    iri = strategies[0]
    if not str(iri).startswith(ID + "strategi/"):
        problem = InputError(
            f"strategien <{iri}> i {where_nn} ligg ikkje under {ID}strategi/{skipped_nn}",
            f"the strategy <{iri}> in {where_en} is not under {ID}strategi/{skipped_en}",
            path=path,
        )
        return FoundGraph(name, problem=problem)
    return FoundGraph(name, slug=iris.slug_of(iri), triples=graph)


def source_of(path: Path) -> tuple[URIRef, Graph]:
    """The RDF file as an ``sg:SourceDocument``: its IRI, and its name, format and sha256 as triples."""
    with path.open("rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    source = iris.source_iri(sha256)
    graph = Graph()
    graph.add((source, RDF.type, SG.SourceDocument))
    graph.add((source, SG.sha256, Literal(sha256)))
    graph.add((source, SG.fileName, Literal(path.name)))
    graph.add((source, SG.sourceFormat, Literal(path.suffix.lower().lstrip("."))))
    return source, graph
