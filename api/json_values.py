"""RDF terms and query rows as plain JSON values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from graph.store import QueryResult


def plain(term: Node | None) -> Any:
    """A JSON value for an RDF term: numbers as numbers, dates as ISO text, IRIs and text as strings."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return str(term)
    return str(term)


def records(result: QueryResult) -> list[dict[str, Any]]:
    """SELECT rows as objects keyed by variable name."""
    return [{name: plain(term) for name, term in zip(result.variables, row, strict=True)} for row in result.rows]
