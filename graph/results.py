"""Query results in the SPARQL 1.1 result formats (JSON, XML, CSV, TSV) and RDF formats, via rdflib."""

from __future__ import annotations

from rdflib import Variable
from rdflib.query import Result

from graph.store import QueryResult

SELECT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
}


def _rdflib_result(result: QueryResult) -> Result:
    if result.kind == "ask":
        answer = Result("ASK")
        answer.askAnswer = bool(result.boolean)
        return answer
    answer = Result("SELECT")
    variables = [Variable(v) for v in result.variables]
    answer.vars = variables
    answer.bindings = [
        {variable: term for variable, term in zip(variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    return answer


def _tsv(result: QueryResult) -> bytes:
    """SPARQL 1.1 TSV: terms in Turtle syntax (rdflib has no TSV result serializer)."""
    if result.kind == "ask":
        return b"?_askResult\n" + (b"true\n" if result.boolean else b"false\n")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if term is None else term.n3() for term in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(result: QueryResult, fmt: str) -> bytes:
    """``fmt`` is a key of SELECT_MEDIA for SELECT/ASK results and of GRAPH_MEDIA for graph results."""
    if result.kind == "graph":
        assert result.graph is not None
        if fmt not in GRAPH_MEDIA:
            raise ValueError(f"{fmt} is not an RDF format")
        return result.graph.serialize(format=fmt).encode("utf-8")
    if fmt not in SELECT_MEDIA:
        raise ValueError(f"{fmt} is not a SPARQL results format")
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv" and result.kind == "ask":
        return b"_askResult\r\n" + (b"true\r\n" if result.boolean else b"false\r\n")
    return _rdflib_result(result).serialize(format=fmt)
