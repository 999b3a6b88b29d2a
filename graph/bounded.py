"""Answers given whole or not at all: what the SPARQL endpoint sends to standard clients.

A standard client (Comunica, Jena, rdflib, SPARQLWrapper) cannot see a custom header, so a partial answer
in a standard format would be read as the complete answer. Here an answer is serialised whole by Oxigraph
into a buffer that gives up as soon as the answer passes the operator's limits: ``Limits.rows`` (rows of a
SELECT, triples of a CONSTRUCT or DESCRIBE; None for no maximum) and ``Limits.bytes`` (the memory bound on
the serialised answer). Passing either raises :class:`AnswerTooLarge`; the caller answers with an error
status, never with the part it has.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.sparql_json import Answer

_TERM = b'{"type":"'  # opens every bound term of SPARQL JSON; a quote inside a string is escaped


@dataclass(frozen=True)
class Limits:
    """The most an answer may be: ``rows`` rows or triples (None: no maximum), ``bytes`` serialised bytes."""

    rows: int | None
    bytes: int


class AnswerTooLarge(Exception):
    """The whole answer passes a limit: ``limit`` is "rows" or "bytes", ``value`` the limit itself."""

    def __init__(self, limit: str, value: int) -> None:
        self.limit = limit
        self.value = value
        super().__init__(limit, value)


class _Bounded:
    """A write target for Oxigraph's serialisers that stops past ``limits``. ``units`` counts what one
    written chunk holds of rows: for SPARQL JSON, terms (a row holds at most ``width`` of them, so
    ``terms / width`` is a lower bound on the rows written); for N-Triples, lines (one per triple)."""

    def __init__(self, limits: Limits, marker: bytes, per_row: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.limits = limits
        self.marker = marker
        self.unit_cap = None if limits.rows is None else limits.rows * max(1, per_row)
        self.units = 0

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self.limits.bytes:
            raise AnswerTooLarge("bytes", self.limits.bytes)
        self.units += chunk.count(self.marker)  # a marker split over two writes is missed: the bound stays low
        if self.unit_cap is not None and self.units > self.unit_cap:
            assert self.limits.rows is not None
            raise AnswerTooLarge("rows", self.limits.rows)
        self.chunks.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.chunks)


def whole_solutions(solutions: ox.QuerySolutions, limits: Limits) -> Answer:
    """Every solution as SPARQL JSON, or AnswerTooLarge."""
    buffer = _Bounded(limits, _TERM, len(solutions.variables))
    solutions.serialize(buffer, format=ox.QueryResultsFormat.JSON)
    answer = Answer(buffer.value())
    # The bound above is low (a row may leave variables unbound): count exactly when it may be passed.
    rows = limits.rows
    if rows is not None and answer.body.count(b"},{") + 1 > rows and len(answer.bindings) > rows:
        raise AnswerTooLarge("rows", rows)
    return answer


def whole_triples(triples: ox.QueryTriples, limits: Limits) -> bytes:
    """Every triple of a CONSTRUCT or DESCRIBE answer as N-Triples, or AnswerTooLarge."""
    buffer = _Bounded(limits, b"\n", 1)
    triples.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)
    return buffer.value()


def bounded_ntriples(data: bytes, fmt: ox.RdfFormat, limits: Limits) -> bytes:
    """RDF in ``fmt`` (a remote store's answer) as N-Triples within ``limits``, or AnswerTooLarge."""
    buffer = _Bounded(limits, b"\n", 1)
    ox.serialize(ox.parse(data, format=fmt), buffer, format=ox.RdfFormat.N_TRIPLES)
    return buffer.value()
