"""A § written without an act takes its act from the context, as a reader does.

«Arbeidsmiljøloven gjeld. Etter § 14-9 …»: the § belongs to the act cited last before it in the same
paragraph (which covers the same sentence). Failing that, to the act cited in the heading of the section the
paragraph stands in («Midlertidig tilsetjing etter arbeidsmiljølova» over «§§ 14-9 og 14-12 …»). Failing
that the § is reported as unresolved, with the reason: the linker never guesses an act.

The context can be any citation with an instrument: an act or regulation (in force or historical), an
agreement (then the § is a provision of the agreement) or a municipality's own rule. A preparatory work or
an unresolved citation is no context. A § that refers to the document itself («§ 4 i dette reglementet»,
«§ 2 i desse retningslinjene») is no citation of law and is left alone.

Paragraphs are separated by a blank line. A heading is a line of at most 90 characters, with text, that does
not end a sentence (no final «.», «,», «;» or «:»), and that stands after a blank line or at the start.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from loaders.model import Citation

_SIGN = re.compile(r"§§?")
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
_SELF = re.compile(
    r"[ \t]+i[ \t]+(?:dette|denne|disse|desse|dei|de|same|samme)[ \t]+[\wæøåÆØÅ]", re.I
)
_HEADING_MAX = 90
_WINDOW = 4000  # how far back a paragraph or a line is followed: bounded work on a 1 MB line

Found = tuple[int, int, Citation]


def _paragraph_start(text: str, pos: int) -> int:
    """The offset where the paragraph holding ``pos`` starts (after the last blank line before it)."""
    start = max(0, pos - _WINDOW)  # a paragraph longer than the window is cut there
    for m in _BLANK.finditer(text, start, pos):
        start = m.end()
    return start


def _is_heading(line: str, after_blank: bool) -> bool:
    stripped = line.strip()
    return (
        after_blank
        and 0 < len(stripped) <= _HEADING_MAX
        and stripped[-1] not in ".,;:"
        and any(ch.isalpha() for ch in stripped)
    )


def _after_blank(text: str, line_start: int) -> bool:
    if line_start == 0:
        return True
    previous_start = text.rfind("\n", max(0, line_start - _WINDOW), line_start - 1) + 1
    return previous_start > 0 and not text[previous_start : line_start - 1].strip(" \t\u00a0\r")


def _heading_span(text: str, paragraph_start: int) -> tuple[int, int] | None:
    """The nearest heading line at or before the paragraph's first line (looking back at most 200
    lines, each within the window)."""
    line_start = paragraph_start
    for _ in range(200):
        line_end = text.find("\n", line_start, line_start + _HEADING_MAX + 2)
        line_end = len(text) if line_end < 0 and len(text) - line_start <= _HEADING_MAX + 1 else line_end
        if line_end >= 0 and _is_heading(text[line_start:line_end], _after_blank(text, line_start)):
            return line_start, line_end
        if line_start == 0:
            return None
        previous = text.rfind("\n", max(0, line_start - _WINDOW), line_start - 1)
        if previous < 0 and line_start - 1 > _WINDOW:
            return None
        line_start = previous + 1
    return None


def _usable(citation: Citation) -> bool:
    return citation.kind != "preparatory-work" and (citation.id is not None or citation.kind == "local-rule")


def context_for(text: str, sign: int, found: Sequence[Found]) -> Found | None:
    """The citation a § at ``sign`` takes its act from: the last one before it in its paragraph, else one
    in the heading over that paragraph; None when there is none."""
    starts = [f[0] for f in found]
    paragraph = _paragraph_start(text, sign)
    i = bisect.bisect_left(starts, sign) - 1
    while i >= 0 and found[i][0] >= paragraph:
        if found[i][1] <= sign and _usable(found[i][2]):
            return found[i]
        i -= 1
    heading = _heading_span(text, paragraph)
    if heading is None:
        return None
    for item in found:
        if heading[0] <= item[0] < heading[1] and _usable(item[2]):
            return item
    return None


def bare_sections(
    text: str,
    found: Sequence[Found],
    taken: Sequence[tuple[int, int]],
    parse: Callable[[str, int], list[Any] | None],
    resolve: Callable[[str, list[Any], Citation | None], list[Citation]],
) -> list[Found]:
    """Citations for every § that no other citation covers, each with its act from the context.

    ``found`` are the citations already made (sorted by start), ``taken`` every span already covered
    (citations and web addresses); ``parse(text, pos)`` reads the provisions written at ``pos`` (a list of
    objects with ``start`` and ``end``); ``resolve(text, provisions, context)`` makes their citations, with
    ``context`` None when no act was found.
    """
    result: list[Found] = []
    covered = sorted(taken)
    ends = [e for _, e in covered]
    pos = 0
    while m := _SIGN.search(text, pos):
        pos = m.end()
        k = bisect.bisect_right(ends, m.start())
        if k < len(covered) and covered[k][0] <= m.start():
            continue  # inside a citation or an address
        provisions = parse(text, m.start())
        if not provisions:
            continue
        end = max(p.end for p in provisions)
        if _SELF.match(text, end):
            pos = end
            continue
        context = context_for(text, m.start(), found)
        for citation in resolve(text, provisions, context[2] if context else None):
            result.append((citation.line - 1, citation.line - 1 + len(citation.text), citation))
        pos = end
    return result
