"""Web addresses in a text, and what a Lovdata address cites.

PDF text breaks addresses: «https://lovdata.no/dokument/NL/lov/2005 -06-17-62/KAPITTEL_15», or a line break
after «lonn -og-». :func:`url_spans` joins the pieces of an address when the gap between them is spaces and
at most one line break, and the next piece begins with «-», «/», «#», «_» or «.», or the piece before ends
in «-» or «_» (a word broken at its hyphen), or ends in «/» and the next piece is a path; the linker
never reads a name inside an address (``ks.no/…/hovedtariffavtalen/`` is not a citation).

:func:`parse_lovdata_url` reads what a Lovdata address points at, in every form Lovdata has used:

* ``lovdata.no/lov/2005-06-17-62`` and ``…/forskrift/2011-12-06-1355`` (the canonical form), with
  ``/§14-12`` or ``/kap15``;
* ``lovdata.no/dokument/NL/lov/2005-06-17-62/§14-12``, ``…/KAPITTEL_4``, ``…#KAPITTEL_4``, ``…#§14-12``,
  and ``lovdata.no/dokument/SF/forskrift/…`` for a regulation;
* ``lovdata.no/nav/lov/2005-06-17-62/kap14`` (the table of contents);
* ``lovdata.no/eli/lov/2005/06/17/62/nor`` (ELI).

``KAPITTEL_n`` is positional: the n-th chapter of the document, not chapter n (aml kap. 15 is
``KAPITTEL_17``). The linker maps it through the registry's chapter list, in document order, and only
inside the leading run of chapters numbered in Arabic numerals, where the position is certain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

_START = re.compile(r"(?:https?://|www\.)|(?<![\w.@/-])lovdata\.no/", re.I)
_PIECE = re.compile(r"\S+")
_GAP = re.compile(r"[ \t]*(?:\n[ \t]*)?")
_JOINING = "-/#_."
# A piece after the gap continues the address only if it looks like part of one.
_CONTINUES = re.compile(r"[-/#_.?=%\w§]+")
_TRAILING = ".,;:)»”\"'"


@dataclass(frozen=True)
class LovdataTarget:
    """What a Lovdata address points at: an act or regulation, and maybe a § or a chapter."""

    lovdata_id: str  # LOV-2005-06-17-62, FOR-2013-06-21-732
    section: str | None = None  # «14-12» (Lovdata's data-name without «§»)
    chapter: str | None = None  # «14» from ``kap14``
    position: int | None = None  # n from ``KAPITTEL_n``


def url_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every web address in ``text``, with its PDF-split pieces joined."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while m := _START.search(text, pos):
        piece = _PIECE.match(text, m.start())
        end = piece.end() if piece else m.end()
        while True:
            gap = _GAP.match(text, end)
            nxt = _CONTINUES.match(text, gap.end()) if gap.end() > end else None
            if nxt is None or gap.end() == end:
                break
            piece = text[gap.end() : nxt.end()]
            joined = (
                piece[0] in _JOINING
                or text[end - 1] in "-_"
                or (text[end - 1] in "/#." and any(ch in piece for ch in "/-_") )
            )
            if not joined or _PIECE.match(text, gap.end()).end() != nxt.end():
                break
            end = nxt.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((m.start(), end))
        pos = max(end, m.end())
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps one of ``spans`` (sorted)."""
    return any(s < end and start < e for s, e in spans)


_LOVDATA = re.compile(
    r"lovdata\.no/(?:(?:dokument|nav)/(?:NL|SF|LTI|NLO|SFO)?/?|pro/)?"
    r"(?P<kind>lov|forskrift)/(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<number>\d+))?(?P<rest>\S*)",
    re.I,
)
_ELI = re.compile(
    r"lovdata\.no/eli/(?P<kind>lov|forskrift)/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})(?:/(?P<number>\d+))?"
    r"(?P<rest>\S*)",
    re.I,
)
_SECTION = re.compile(r"[/#](?:§|paragraf[-_]?)(?P<key>\d+[A-Za-z]?(?:-\d+[a-z]?)?)", re.I)
_CHAPTER = re.compile(r"[/#]kap(?:ittel)?[-_]?(?P<key>\d+[A-Za-z]?|[IVXLC]+)(?![\w])", re.I)
_POSITION = re.compile(r"[/#]KAPITTEL_(?P<n>\d+)(?![\d-])")


def parse_lovdata_url(url: str) -> LovdataTarget | None:
    """What a Lovdata address points at; None for an address that names no act or regulation."""
    compact = unquote(re.sub(r"\s+", "", url))
    m = _LOVDATA.search(compact)
    if m:
        kind, date, number, rest = m.group("kind"), m.group("date"), m.group("number"), m.group("rest")
    elif (e := _ELI.search(compact)) is not None:
        kind, number, rest = e.group("kind"), e.group("number"), e.group("rest")
        date = f"{e.group('y')}-{e.group('m')}-{e.group('d')}"
    else:
        return None
    lovdata_id = ("LOV-" if kind.lower() == "lov" else "FOR-") + date + (f"-{number}" if number else "")
    if section := _SECTION.search(rest):
        return LovdataTarget(lovdata_id, section=section.group("key"))
    if position := _POSITION.search(rest):  # before «kap…»: KAPITTEL_4 is a position, not chapter 4
        return LovdataTarget(lovdata_id, position=int(position.group("n")))
    if chapter := _CHAPTER.search(rest):
        return LovdataTarget(lovdata_id, chapter=chapter.group("key"))
    return LovdataTarget(lovdata_id)


def chapter_at(chapters: list[str], position: int) -> str | None:
    """The chapter key at ``KAPITTEL_<position>``, if it is inside the leading run of Arabic-numbered
    chapters (``["1", "2", "2A", "3", …]``); None where the position is not certain."""
    run = []
    for key in chapters:
        if not key[:1].isdigit():
            break
        run.append(key)
    return run[position - 1] if 1 <= position <= len(run) else None
