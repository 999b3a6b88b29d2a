"""rdflib terms as plain JSON values (for pages built from graphs; query answers use graph.sparql_json)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from rdflib import Literal
from rdflib.term import Node


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
