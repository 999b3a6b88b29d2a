"""Title, subtitle, municipality, adoption and validity: what a strategy says about itself.

The phrases that introduce an adoption («Vedtatt av», «vedteke i»), a case number («k-sak») or a period
(«gjeldt i perioden») are the altLabels of ``sg:adoptedBy``, ``sg:caseReference`` and ``sg:validFrom``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from loaders import dates, doctype, municipalities
from loaders.cues import cue_of
from loaders.model import Adoption, Element, Lines, Municipality, Validity
from loaders.outline import Block, Kind
from loaders.vocabulary import SG, phrase_pattern, role_finder

COVER_BLOCKS = 8  # how far from the title the cover page reaches
_CASE_NUMBER = re.compile(r"(\d{1,4}/\d{2,4})")


def lines_of(*blocks: Block) -> Lines:
    return Lines(start=min(b.line_start for b in blocks), end=max(b.line_end for b in blocks))


def find_title(blocks: list[Block]) -> int | None:
    """Index of the strategy's title: the first heading that names an employer strategy and is followed
    by strategy structure. Whatever stands before it in the file (a meeting invitation, work rules) is
    not part of the strategy."""
    cue_positions = [i for i, b in enumerate(blocks) if (hit := cue_of(b)) and hit.cls != SG.EmployerStrategy]
    for index, block in enumerate(blocks):
        hit = cue_of(block)
        is_title = block.kind is Kind.HEADING and hit is not None and hit.cls == SG.EmployerStrategy
        if is_title and any(position > index for position in cue_positions):
            return index
    return None


def first_title(blocks: list[Block]) -> Block:
    """Without a heading that opens the cue structure, the title is the first heading near the top that names
    a kind of employer policy («Kompetanseplan for einingane»); else the longest heading of the first run of
    headings, the municipality's name aside (a web page's skip link and site name stand in that run, a cover
    page's subtitle and period too); else the first block."""
    top = blocks[: doctype.TOP_BLOCKS]
    named = next((b for b in top if b.kind is Kind.HEADING and doctype.names_kind(b.text, leading=True)), None)
    if named is not None:
        return named
    first = next((i for i, b in enumerate(top) if b.kind is Kind.HEADING), None)
    if first is None:
        return blocks[0]
    run = list(itertools.takewhile(lambda b: b.kind is Kind.HEADING, top[first:]))
    candidates = [b for b in run if municipalities.resolve(b.text) is None] or run
    return max(candidates, key=lambda b: len(b.text))


def cover(blocks: list[Block], title: int) -> list[Block]:
    """The title page: the title with what stands just after it, and just before it when the title
    opens the file."""
    start = max(0, title - COVER_BLOCKS) if title <= 2 * COVER_BLOCKS else title
    return blocks[start : title + COVER_BLOCKS]


def _is_period(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s\-–—.]+", text))


def subtitle(blocks: list[Block], title: int) -> Element | None:
    for block in blocks[title + 1 : title + 5]:
        if cue_of(block) is not None or block.kind is not Kind.HEADING:
            return None
        text = block.text.strip()
        if (
            _is_period(text)
            or phrase_pattern(SG.adoptedBy).search(text)
            or municipalities.resolve(text) is not None
            or (text.isupper() and len(text.split()) == 1)
        ):
            continue
        return Element(text=text, lines=lines_of(block))
    return None


def municipality(cover_blocks: list[Block], all_blocks: list[Block]) -> Municipality | None:
    """The municipality the cover page names; otherwise the one the strategy names most often."""
    for block in cover_blocks:
        entity = municipalities.resolve(block.text)
        found = [(entity, 0, 0)] if entity else municipalities.find_in_text(block.text)
        if found:
            return _municipality(found[0][0], block)
    counts: dict[str, tuple[int, municipalities.Municipality, Block]] = {}
    for block in all_blocks:
        for entity, _, _ in municipalities.find_in_text(block.text):
            seen = counts.get(entity.number)
            counts[entity.number] = (seen[0] + 1 if seen else 1, entity, seen[2] if seen else block)
    if not counts:
        return None
    _, entity, block = max(counts.values(), key=lambda c: c[0])
    return _municipality(entity, block)


def _municipality(entity: municipalities.Municipality, block: Block) -> Municipality:
    return Municipality(name=entity.name_nb, number=entity.number, kind=entity.kind, lines=lines_of(block))


def adoption(blocks: list[Block]) -> Adoption | None:
    """«Vedtatt av kommunestyret 23.11.2016», «Vedtatt i kommunestyret 310817, k-sak 43/17»,
    «vedtatt i Administrasjons utvalet xx.xx.xxx»: body, date (a placeholder stays a placeholder) and case."""
    pattern = phrase_pattern(SG.adoptedBy)
    for block in blocks:
        match = pattern.search(block.text)
        if match is None:
            continue
        after = block.text[match.end() :]
        # «Kommunestyret behandla saka i møte 12.03.2024, sak 15/24, og gjorde slikt vedtak: …»: in a
        # decision the body, the date and the case stand before the verb, in the same sentence
        stop = block.text.rfind(". ", 0, match.start())
        sentence_start = stop + 2 if stop >= 0 else 0
        before = block.text[sentence_start : match.start()]
        roles = role_finder().find(after)
        body = roles[0][0] if roles and roles[0][1] < 40 else None
        if body is None:
            earlier = role_finder().find(before)
            body = earlier[-1][0] if earlier else None
        placeholder = dates.find_placeholder(after)
        found = None if placeholder else dates.find_date(after, compact=True)
        if found is None and placeholder is None and not phrase_pattern(SG.validFrom, SG.validUntil).search(before):
            found = dates.find_date(before)  # never a date that says from when the strategy applies
        case = _case(after) or _case(before)
        if body is None and found is None and placeholder is None:
            continue
        return Adoption(
            text=_sentence_around(block.text, match.start()),
            lines=lines_of(block),
            body=body,
            date=found[0] if found else None,
            placeholder=placeholder,
            case=case,
        )
    return None


def _case(text: str) -> str | None:
    """The case number after a case cue («k-sak 43/17», «PS 12/23», «sak 112/23»)."""
    cue = phrase_pattern(SG.caseReference).search(text)
    number = _CASE_NUMBER.search(text, cue.end()) if cue else None
    return number.group(1) if number else None


def validity(cover_blocks: list[Block], blocks: list[Block]) -> Validity | None:
    """A period stated with «gjelder for perioden»-style phrases anywhere, else a year range on the cover."""
    pattern = phrase_pattern(SG.validFrom, SG.validUntil)
    until: Validity | None = None
    for block in blocks:
        if (match := pattern.search(block.text)) and (
            period := dates.find_period(block.text[match.start() :])
        ):
            return Validity(
                text=period[2], lines=lines_of(block), valid_from=_in_force(block.text) or period[0],
                valid_until=period[1],
            )
        if match and until is None and (end := dates.find_until(block.text[match.start() :])):
            until = Validity(text=end[1], lines=lines_of(block), valid_until=end[0])
    for block in cover_blocks:
        if block.kind is Kind.HEADING and (period := dates.find_period(block.text)):
            return Validity(
                text=period[2], lines=lines_of(block), valid_from=period[0], valid_until=period[1]
            )
    return until


def _in_force(text: str) -> dt.date | None:
    """The day a strategy takes effect, where a sentence gives it as a date («gjelder fra 1. april 2025»),
    kept apart from the day it was adopted."""
    for match in phrase_pattern(SG.validFrom).finditer(text):
        found = dates.find_date(text[match.end() : match.end() + 30])
        if found is not None and found[1] <= 2:
            return found[0]
    return None


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position) + 1, 0)
    end = text.find(". ", position)
    return text[start : end + 1 if end != -1 else len(text)].strip()
