"""Answers in the SPARQL 1.1 result formats (JSON, XML, CSV, TSV) and graphs in RDF formats.

SELECT and ASK are written from their SPARQL JSON form (``graph.sparql_json.Answer``); JSON passes
through as it is. Graphs are written by rdflib.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from graph.sparql_json import Answer, Term, ask_answer, rows_answer
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
_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def _xml(answer: Answer) -> bytes:
    out = [_XML_HEAD]
    if answer.is_ask:
        out.append(f"<head/>\n<boolean>{'true' if answer.document['boolean'] else 'false'}</boolean>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    variables = "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables)
    out.append(f"<head>{variables}</head>\n<results>\n")
    for row in answer.bindings:
        out.append("<result>")
        for name, term in row.items():
            out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _xml_term(term: Term) -> str:
    value = escape(term["value"])
    if term["type"] == "uri":
        return f"<uri>{value}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    if "xml:lang" in term:
        return f"<literal xml:lang={quoteattr(term['xml:lang'])}>{value}</literal>"
    if "datatype" in term:
        return f"<literal datatype={quoteattr(term['datatype'])}>{value}</literal>"
    return f"<literal>{value}</literal>"


def _csv(answer: Answer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.is_ask:
        writer.writerows([["_askResult"], ["true" if answer.document["boolean"] else "false"]])
    else:
        variables = answer.variables
        writer.writerow(variables)
        for row in answer.bindings:
            writer.writerow([_csv_value(row.get(v)) for v in variables])
    return buffer.getvalue().encode("utf-8")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return "_:" + term["value"] if term["type"] == "bnode" else term["value"]


def _tsv(answer: Answer) -> bytes:
    """SPARQL 1.1 TSV: terms in Turtle syntax."""
    if answer.is_ask:
        return b"?_askResult\n" + (b"true\n" if answer.document["boolean"] else b"false\n")
    variables = answer.variables
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_turtle(row.get(v)) for v in variables) for row in answer.bindings]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _turtle(term: Term | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    text = json.dumps(term["value"], ensure_ascii=False)  # the escapes JSON and Turtle strings share
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    return f"{text}^^<{term['datatype']}>" if "datatype" in term else text


_WRITERS = {"json": lambda answer: answer.body, "xml": _xml, "csv": _csv, "tsv": _tsv}


def serialize(result: QueryResult | Answer, fmt: str) -> bytes:
    """``fmt`` is a key of SELECT_MEDIA for SELECT/ASK answers and of GRAPH_MEDIA for graphs."""
    if isinstance(result, QueryResult) and result.kind == "graph":
        assert result.graph is not None
        if fmt not in GRAPH_MEDIA:
            raise ValueError(f"{fmt} is not an RDF format")
        return result.graph.serialize(format=fmt).encode("utf-8")
    if fmt not in SELECT_MEDIA:
        raise ValueError(f"{fmt} is not a SPARQL results format")
    answer = as_answer(result) if isinstance(result, QueryResult) else result
    return answer.rendered(fmt, lambda: _WRITERS[fmt](answer))


def as_answer(result: QueryResult) -> Answer:
    """The SPARQL JSON form of a SELECT or ASK QueryResult."""
    if result.kind == "ask":
        return ask_answer(bool(result.boolean))
    return rows_answer(result.variables, result.rows, result.truncated)
