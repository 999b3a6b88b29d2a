"""The ``sh:ValidationReport`` as SHACL §3.6 defines it, and written as Turtle or JSON-LD by Oxigraph.

pySHACL is run with ``allow_warnings`` (a strategy with only warnings and advice passes the check, exit 0),
and then says ``sh:conforms true`` beside its results. SHACL §3.6.1 says conforms is true if and only if
the validation produced no results at all, whatever their severity, so the report's ``sh:conforms`` is
set from its results here. pySHACL also copies each shape's ``sh:message`` into ``sh:resultMessage`` with
its templates ({?value}, {$this}, {sg:property}) as written; here they are filled in (``fill``), each
message in its own language, as the text, JSON and HTML reports fill them.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
PREFIXES = {
    "sh": "http://www.w3.org/ns/shacl#",
    "sg": "https://w3id.org/strategigraf/ont#",
    "sgs": "https://w3id.org/strategigraf/shapes#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
REPORT_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD}

# (message template, its language, focus node, the finding's value or None) → the filled message
Fill = Callable[[str, str, Node, Node | None], str]


def make_conformant(report: Graph, fill: Fill, default_lang: str = "nb") -> None:
    """Set ``sh:conforms`` from the results (SHACL §3.6.1) and fill in the messages' templates, in place."""
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    for node in list(report.subjects(RDF.type, SH.ValidationReport)):
        report.set((node, SH.conforms, Literal(not results)))
    for result in results:
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        if value == focus:
            value = None  # a node shape (sh:and, sh:or) reports the focus node itself as the value
        for message in list(report.objects(result, SH.resultMessage)):
            if not isinstance(message, Literal) or focus is None:
                continue
            filled = fill(str(message), message.language or default_lang, focus, value)
            if filled != str(message):
                report.remove((result, SH.resultMessage, message))
                report.add((result, SH.resultMessage, Literal(filled, lang=message.language)))


def serialize_report(ntriples: str, fmt: str) -> str:
    """The report (stable N-Triples) as Turtle or JSON-LD: the report node first, then its results in the
    order of their stable blank-node labels, so the same report always gives the same text."""
    lines = ntriples.splitlines(keepends=True)
    ordered = [line for line in lines if line.startswith("_:report ")]
    ordered += [line for line in lines if not line.startswith("_:report ")]
    quads = ox.parse("".join(ordered).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(quads, format=REPORT_FORMATS[fmt], prefixes=PREFIXES).decode("utf-8")
