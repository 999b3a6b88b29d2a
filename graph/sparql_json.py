"""SELECT and ASK answers as SPARQL 1.1 Query Results JSON, the one form every answer is passed on in.

The embedded store has Oxigraph write its solutions straight into this form (no Python objects per term on
the hot path), a remote store already answers in it, and the endpoint, the dashboard API and the CLI
serialise from it.
A term is a dict: ``{"type": "uri"|"literal"|"bnode", "value": …, "xml:lang"?: …, "datatype"?: …}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

import orjson
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Term = dict[str, str]
XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_INT64 = 2**63
_DECIMALS = {XSD + "decimal", XSD + "double", XSD + "float"}


@dataclass
class Answer:
    """A SELECT or ASK answer: the JSON document as bytes (cheap to pass between processes), parsed lazily."""

    body: bytes
    truncated: bool = False

    @cached_property
    def document(self) -> dict[str, Any]:
        return orjson.loads(self.body)

    def __getstate__(self) -> dict[str, Any]:
        return {"body": self.body, "truncated": self.truncated}  # the bytes travel, never the parsed form

    def rendered(self, form: str, render: Callable[[], bytes]) -> bytes:
        """``render()``'s bytes, made once per answer and form: an answer the server keeps in its cache is
        sent again and again, and turning 9,000 rows into CSV or records costs more than sending them."""
        made: dict[str, bytes] = self.__dict__.setdefault("_rendered", {})
        if form not in made:
            made[form] = render()
        return made[form]

    def kept(self, form: str) -> bytes | None:
        """The bytes of ``form`` if they were rendered already."""
        return self.__dict__.get("_rendered", {}).get(form)

    @property
    def size(self) -> int:
        """Bytes held: the answer and every form rendered from it."""
        return len(self.body) + sum(len(made) for made in self.__dict__.get("_rendered", {}).values())

    @property
    def is_ask(self) -> bool:
        return "boolean" in self.document

    @property
    def variables(self) -> list[str]:
        return list(self.document["head"].get("vars", []))

    @property
    def bindings(self) -> list[dict[str, Term]]:
        return list(self.document.get("results", {}).get("bindings", []))


def _dump(document: dict[str, Any], truncated: bool) -> Answer:
    return Answer(orjson.dumps(document), truncated)


def ask_answer(value: bool) -> Answer:
    return _dump({"head": {}, "boolean": bool(value)}, False)


def select_answer(variables: list[str], bindings: list[dict[str, Term]], truncated: bool = False) -> Answer:
    return _dump({"head": {"vars": variables}, "results": {"bindings": bindings}}, truncated)


# Answers up to this size are serialised by Oxigraph itself, several times faster than building them in
# Python; a bigger one is cut at the row cap, solution by solution, so memory stays bounded.
NATIVE_BYTES = 64 * 1024 * 1024
_TERM = b'{"type":"'  # opens every bound term; a quote inside a string is escaped, so no literal holds it


def _rows_at_most(body: bytes) -> int:
    """An upper bound on the rows of a JSON answer, counted at C speed: rows are separated by «},{», which
    never occurs between the terms of one row (a term is followed by «,"») and only adds to the count
    when a literal holds it. Only an answer that may pass the cap is parsed to count exactly (counting
    terms instead, a 9,000-row answer of five columns was parsed whole against a cap of 10,000)."""
    return body.count(b"},{") + 1


class _TooLarge(Exception):
    pass


class _Buffer:
    """A write target for Oxigraph's serialiser that gives up past ``limit`` bytes, or as soon as it has
    surely passed ``row_cap`` rows: a row holds at most ``width`` terms, so ``terms / width`` is a lower
    bound on the rows written. Without the second limit, ``SELECT * { ?s ?p ?o }`` with a cap of 1,000
    serialised the whole store first (a regression found when that request timed out)."""

    def __init__(self, limit: int, row_cap: int, width: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.term_cap = row_cap * max(1, width)
        self.terms = 0

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        self.terms += chunk.count(_TERM)  # a term split over two writes is missed: the bound stays low
        if self.size > self.limit or self.terms > self.term_cap:
            raise _TooLarge()
        self.chunks.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass


def from_oxigraph(solutions: ox.QuerySolutions, row_cap: int, again: Callable[[], ox.QuerySolutions]) -> Answer:
    """At most ``row_cap`` solutions. ``again`` runs the query anew, for an answer that is too large to
    serialise whole or has surely more rows than the cap."""
    buffer = _Buffer(NATIVE_BYTES, row_cap, len(solutions.variables))
    try:
        solutions.serialize(buffer, format=ox.QueryResultsFormat.JSON)
    except _TooLarge:
        return _capped(again(), row_cap)
    answer = Answer(b"".join(buffer.chunks))
    if _rows_at_most(answer.body) <= row_cap or len(answer.bindings) <= row_cap:
        return answer
    return select_answer(answer.variables, answer.bindings[:row_cap], truncated=True)


def _capped(solutions: ox.QuerySolutions, row_cap: int) -> Answer:
    """The first ``row_cap`` solutions, built one by one (IRIs repeat a lot across rows: their dicts are shared)."""
    variables = [v.value for v in solutions.variables]
    iris: dict[str, Term] = {}
    bindings: list[dict[str, Term]] = []
    truncated = False
    for solution in solutions:
        if len(bindings) == row_cap:
            truncated = True
            break
        row: dict[str, Term] = {}
        for position, name in enumerate(variables):
            term = solution[position]
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = term.value
                row[name] = iris.get(value) or iris.setdefault(value, {"type": "uri", "value": value})
            elif isinstance(term, ox.Literal):
                row[name] = _literal(term.value, term.language, term.datatype.value)
            else:
                row[name] = {"type": "bnode", "value": term.value}
        bindings.append(row)
    return select_answer(variables, bindings, truncated)


def _literal(value: str, language: str | None, datatype: str | None) -> Term:
    if language:
        return {"type": "literal", "value": value, "xml:lang": language}
    if datatype and datatype != _XSD_STRING:
        return {"type": "literal", "value": value, "datatype": datatype}
    return {"type": "literal", "value": value}


def from_rdflib(term: Node) -> Term:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    return _literal(str(term), term.language, str(term.datatype) if term.datatype else None)


def rows_answer(variables: list[str], rows: Iterable[list[Node | None]], truncated: bool = False) -> Answer:
    """An answer from rows of rdflib terms (for callers that built their rows themselves)."""
    bindings = [{v: from_rdflib(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return select_answer(variables, bindings, truncated)


def rdflib_node(term: Term | None) -> Node | None:
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in term:
        return Literal(value, lang=term["xml:lang"])
    datatype = term.get("datatype")
    return Literal(value, datatype=URIRef(datatype) if datatype and datatype != _XSD_STRING else None)


def plain(term: Term | None) -> Any:
    """A JSON value for a term: numbers and booleans as such, dates and everything else as their text."""
    if term is None:
        return None
    datatype = term.get("datatype")
    value = term["value"]
    try:
        if datatype in _INTEGERS:
            number = int(value)
            return number if -_INT64 <= number < _INT64 else value  # JSON readers lose bigger ones: keep the text
        if datatype in _DECIMALS:
            return float(Decimal(value)) if datatype == XSD + "decimal" else float(value)
    except ValueError:
        return value
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


def records(answer: Answer) -> list[dict[str, Any]]:
    """SELECT rows as objects keyed by variable name, with plain JSON values."""
    variables = answer.variables
    return [{name: plain(row.get(name)) for name in variables} for row in answer.bindings]
