"""Content negotiation with q-values, and the form of a SPARQL query, decided before the query runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.results import GRAPH_MEDIA, SELECT_MEDIA

# media type → our format key, in our order of preference when the client accepts several equally
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}


@dataclass(frozen=True)
class Accepted:
    media: str
    q: float
    order: int


def parse_accept(header: str | None) -> list[Accepted]:
    """Accept header → entries sorted by q (then by specificity and position); q=0 entries dropped."""
    if not header:
        return [Accepted("*/*", 1.0, 0)]
    entries = []
    for order, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for parameter in pieces[1:]:
            if parameter.lower().startswith("q="):
                try:
                    q = float(parameter[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            entries.append(Accepted(media, q, order))
    specificity = {"*/*": 0}
    return sorted(entries, key=lambda a: (-a.q, -specificity.get(a.media, 2 if "/*" not in a.media else 1), a.order))


def choose(header: str | None, offered: dict[str, str]) -> tuple[str, str] | None:
    """The (media type, format) to answer with, or None when nothing offered is acceptable (406)."""
    for accepted in parse_accept(header):
        if accepted.media == "*/*":
            media = next(iter(offered))
            return media, offered[media]
        if accepted.media.endswith("/*"):
            prefix = accepted.media[:-1]
            for media, fmt in offered.items():
                if media.startswith(prefix):
                    return media, fmt
            continue
        if accepted.media in offered:
            return accepted.media, offered[accepted.media]
    return None


def prefers_html(header: str | None) -> bool:
    """True when the client ranks text/html above the machine formats (a browser)."""
    for accepted in parse_accept(header):
        if accepted.media in ("text/html", "application/xhtml+xml"):
            return True
        if accepted.media != "*/*":
            return False
    return False


_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_FORM = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (None when it cannot be told: the parser will then say why)."""
    without_comments = re.sub(r"(?m)^\s*#.*$", "", sparql)
    body = _PROLOGUE.sub("", without_comments, count=1)
    match = _FORM.match(body)
    return match.group(1).upper() if match else None


def offered_for(form: str | None) -> dict[str, str]:
    return GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES


def media_of(fmt: str, kind: str) -> str:
    return (GRAPH_MEDIA if kind == "graph" else SELECT_MEDIA)[fmt]
