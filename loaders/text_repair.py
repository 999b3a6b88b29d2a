"""Repairs of the faults that PDF text extraction leaves in a line, before the outline reads it.

Every repair keeps the line where it was, so line numbers stay true to the source. The faults are those of
the common extractors (pdftotext, PyMuPDF, pypdf) on Norwegian text:

- a bullet glued to its word («•drøfte») or standing in the middle of a line where a figure's text was
  flattened («… oversikt•Vi set mål»): the line is cut at the bullet, each piece keeping the line number;
- the space of a hyphenated compound moved before the hyphen («Helse -og omsorg», «e -læring»);
- a sentence glued to the next one («… i kvardagen.Kommunen»);
- a provenance comment that a corpus puts above the text («# source: …», «# --- chunk 2 ---»), which is
  not part of the document;
- page furniture: a running header or footer repeated with the page number on many pages («12  Personalpolitikk
  for Eksempel kommune  Innsatsområde»), which PDF text glues to the heading beside it.
"""

from __future__ import annotations

import re
from collections import Counter

BULLETS = "•▪●◦"
# «Arbeids -og», «Lærings -og»: the suspended hyphen of a coordinated compound, its space misplaced.
_SUSPENDED_HYPHEN = re.compile(r"(\w) -(og|eller|samt|and)\b")
# «e -læring», «HR -seksjonen», «re -sertifisering»: a compound's hyphen with a stray space before it.
_SPACED_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")
# «kvardagen.Kommunen», «dialog.Prinsipp»: a full stop glued to the capital that starts the next sentence.
# Two lower-case letters before the stop keep abbreviations («jf.A», «St.meld.») and web addresses apart.
_GLUED_SENTENCE = re.compile(r"(?<=[a-zæøå]{2}[.!?])(?=[A-ZÆØÅ][a-zæøå])")
_PROVENANCE = re.compile(r"^# (?:source:|-{3})")
_MID_BULLET = re.compile(rf"\s*[{BULLETS}]\s*")


def is_provenance_comment(line: str) -> bool:
    """A line a corpus adds above or between the document's text («# source: …»), not the document's own."""
    return bool(_PROVENANCE.match(line))


def repair(line: str) -> str:
    """One line with the spacing faults of PDF extraction repaired."""
    line = _SUSPENDED_HYPHEN.sub(r"\1- \2", line)
    line = _SPACED_HYPHEN.sub("-", line)
    return _GLUED_SENTENCE.sub(" ", line)


def split_at_bullets(line: str) -> list[tuple[int, str]]:
    """The pieces of a line cut before every bullet, each with its offset in the line. A line without a bullet
    after its start is one piece; a glued bullet («•drøfte») gets its space back."""
    cuts = [m for m in _MID_BULLET.finditer(line) if line[: m.start()].strip()]
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in cuts:
        pieces.append((start, line[start : match.start()]))
        start = match.start() + len(match.group()) - len(match.group().lstrip())
    pieces.append((start, line[start:]))
    return [(offset, _space_bullet(text)) for offset, text in pieces if text.strip()]


def _space_bullet(text: str) -> str:
    stripped = text.lstrip()
    if stripped[:1] in BULLETS and len(stripped) > 1 and not stripped[1].isspace():
        return text[: len(text) - len(stripped)] + stripped[0] + " " + stripped[1:]
    return text


RUNNING_HEADER_MIN_PAGES = 3
_PAGE_NUMBER = r"\d{1,3}"


def running_header(lines: list[str]) -> re.Pattern[str] | None:
    """The running header of a document, as a pattern that matches it with its page number at the start of a
    line: the longest phrase of three to ten words that starts lines on at least three pages, a different
    page number just before or after it each time. None when the document has none."""
    pages: dict[str, set[str]] = {}
    for line in lines:
        if line.lstrip()[:1] in BULLETS:
            continue  # a list item repeated with a number is content, not furniture
        first = re.match(rf"^\s*({_PAGE_NUMBER})\s", line)
        words = line[first.end() :].split() if first else line.split()
        for size in range(3, min(len(words), 10) + 1):
            after = words[size] if size < len(words) else ""
            number = first.group(1) if first else after if re.fullmatch(_PAGE_NUMBER, after) else None
            if number is not None:
                pages.setdefault(" ".join(words[:size]), set()).add(number)
    # a page number differs from page to page: «… frå 48» repeated with the same number is a sentence
    counts = Counter({phrase: len(numbers) for phrase, numbers in pages.items()})
    found = [phrase for phrase, n in counts.items() if n >= RUNNING_HEADER_MIN_PAGES]
    if not found:
        return None
    phrase = max(found, key=lambda p: (counts[p], len(p)))
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"^\s*(?:{_PAGE_NUMBER}\s+)?{words}(?:\s+{_PAGE_NUMBER})?(?=\s|$)\s*")
