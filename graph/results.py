"""Answers in the SPARQL 1.1 result formats (JSON, XML, CSV, TSV) and graphs in RDF formats, written by
Oxigraph (pyoxigraph's serialisers), never by hand.

SELECT and ASK are written from their SPARQL JSON form (``graph.sparql_json.Answer``); JSON passes through
as it is. CSV and TSV are tables: an ASK answer has none, so it is written in JSON or XML only.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.sparql_json import Answer, ask_answer, rows_answer
from graph.store import QueryResult, to_oxigraph

SELECT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
ASK_FORMATS = ("json", "xml")  # SPARQL 1.1 CSV and TSV hold tables, not booleans
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "plain": "text/plain",  # N-Triples under its older media type
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "plain": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}
_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def rdf_bytes(ntriples: bytes, fmt: str) -> bytes:
    """N-Triples in the RDF format ``fmt`` (a key of GRAPH_MEDIA)."""
    if fmt in ("nt", "plain"):
        return ntriples
    return ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=RDF_FORMATS[fmt])


def _results(answer: Answer, fmt: str) -> bytes:
    if answer.is_ask and fmt not in ASK_FORMATS:
        raise ValueError(f"an ASK answer has no {fmt} form; use json or xml")
    parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=_RESULT_FORMATS[fmt])


def serialize(result: QueryResult | Answer, fmt: str) -> bytes:
    """``fmt`` is a key of SELECT_MEDIA for SELECT/ASK answers and of GRAPH_MEDIA for graphs."""
    if isinstance(result, QueryResult) and result.kind == "graph":
        if fmt not in GRAPH_MEDIA:
            raise ValueError(f"{fmt} is not an RDF format")
        if result.ntriples is not None:
            return rdf_bytes(result.ntriples, fmt)
        assert result.graph is not None
        triples = (ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in result.graph)
        return ox.serialize(triples, format=RDF_FORMATS[fmt])  # type: ignore[arg-type]
    if fmt not in SELECT_MEDIA:
        raise ValueError(f"{fmt} is not a SPARQL results format")
    answer = as_answer(result) if isinstance(result, QueryResult) else result
    if fmt == "json":
        return answer.body
    return answer.rendered(fmt, lambda: _results(answer, fmt))


def as_answer(result: QueryResult) -> Answer:
    """The SPARQL JSON form of a SELECT or ASK QueryResult."""
    if result.kind == "ask":
        return ask_answer(bool(result.boolean))
    return rows_answer(result.variables, result.rows, result.truncated)
