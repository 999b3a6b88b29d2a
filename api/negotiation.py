"""Content negotiation with q-values, decided before the query runs (from ``graph.sparql_text.query_form``)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.results import ASK_FORMATS, GRAPH_MEDIA, SELECT_MEDIA

# media type → our format key, in our order of preference when the client accepts several equally
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
# SPARQL 1.1 CSV and TSV hold tables: an ASK answer is given in JSON or XML only (else 406)
ASK_TYPES = {media: fmt for media, fmt in SELECT_TYPES.items() if fmt in ASK_FORMATS}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "plain",  # N-Triples, answered as text/plain to a client that asks for that
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


@dataclass(frozen=True)
class Accepted:
    media: str
    q: float
    order: int


def parse_accept(header: str | None) -> list[Accepted]:
    """Accept header → its entries, q=0 ones included (they refuse a type), sorted by q, then by specificity
    and position. No header accepts everything."""
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
                    q = min(max(float(parameter[2:]), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        entries.append(Accepted(media, q, order))
    return sorted(entries, key=lambda a: (-a.q, -_specificity(a.media), a.order))


def _specificity(media: str) -> int:
    return 0 if media == "*/*" else 1 if media.endswith("/*") else 2


def _best_match(accepted: list[Accepted], media: str) -> Accepted | None:
    """The most specific Accept entry that covers ``media`` (RFC 9110 §12.5.1: it sets the type's q)."""
    covering = [
        a for a in accepted if a.media in (media, "*/*") or (a.media.endswith("/*") and media.startswith(a.media[:-1]))
    ]
    return max(covering, key=lambda a: (_specificity(a.media), -a.order), default=None)


def choose(header: str | None, offered: dict[str, str]) -> tuple[str, str] | None:
    """The (media type, format) to answer with, or None when nothing offered is acceptable (406).

    Each offered type gets the q of the most specific Accept entry that covers it (RFC 9110 §12.5.1); q=0
    refuses it. The answer carries a format's first (canonical) type, so a format whose canonical type is
    refused is not served under another of its names either. Ties go to the more specific entry, then the
    earlier one, then our order."""
    accepted = parse_accept(header)
    canonical: dict[str, str] = {}
    for media, fmt in offered.items():
        canonical.setdefault(fmt, media)
    matches = {media: _best_match(accepted, media) for media in offered}
    refused = {fmt for fmt, media in canonical.items() if (match := matches[media]) is not None and match.q == 0}
    candidates = []
    for rank, (media, fmt) in enumerate(offered.items()):
        match = matches[media]
        if match is None or match.q == 0 or fmt in refused:
            continue
        candidates.append(((-match.q, -_specificity(match.media), match.order, rank), media, fmt))
    if not candidates:
        return None
    _, media, fmt = min(candidates)
    return media, fmt


def prefers_html(header: str | None) -> bool:
    """True when the client ranks text/html above the machine formats (a browser)."""
    for accepted in parse_accept(header):
        if accepted.q == 0:
            break
        if accepted.media in ("text/html", "application/xhtml+xml"):
            return True
        if accepted.media != "*/*":
            return False
    return False


def offered_for(form: str | None) -> dict[str, str]:
    """The media types offered for a query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or answer kind (select,
    ask, graph)."""
    if form in ("CONSTRUCT", "DESCRIBE", "graph"):
        return GRAPH_TYPES
    return ASK_TYPES if form in ("ASK", "ask") else SELECT_TYPES


def media_of(fmt: str, kind: str) -> str:
    return (GRAPH_MEDIA if kind == "graph" else SELECT_MEDIA)[fmt]
