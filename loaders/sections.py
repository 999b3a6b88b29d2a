"""Stage 2 of extraction: a tree of sections from the layout of the outline.

A section opens at a heading, whatever its words: the reader has already found headings by their layout
(short lines without a final stop, capitals, numbering, Markdown marks, headings inside running PDF text).
Three layout rules join or name sections here:

- a label that numbers an area and stands alone («Ambisjon 1:», «Innsatsområde 2 –») names the section
  whose title follows it on the next heading, or after the label on the same line;
- a heading that repeats the running header of a page («Personalpolitikk for Eksempel kommune 9
  Innsatsområde leiing») keeps only what follows the page furniture;
- a table of contents (lines ending in a page number, with or without dot leaders) is kept apart: its
  entries name the document's parts even when the body is cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.cues import cue_of
from loaders.outline import Block, Kind

# «Ambisjon 1:», «Innsatsområde 2 –», «Satsingsområde 3. Kompetanse», «Mål 4:»: a word, a number and a mark.
NUMBERED_LABEL = re.compile(r"^\s*([A-ZÆØÅa-zæøå][\wæøåÆØÅ-]{2,30})\s+(\d{1,2})\s*(?:[:.–—-]\s*|$)(.*)$")
_TOC_ENTRY = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2})*)\s+)?(\S.*?\S)\s*(?:\.\s*){0,}\s*(\d{1,3})\s*$")
_DOT_LEADER = re.compile(r"(?:\.\s*){4,}")
_FLAT_ENTRY = re.compile(r"(?:(\d{1,2}(?:\.\d{1,2})*)\s+)?([A-ZÆØÅ«][^\d]{1,80}?)\s+(\d{1,3})(?=\s|$)")
TOC_MIN_ENTRIES = 3
HEADING_CUE_MAX_WORDS = 6


@dataclass
class Section:
    """A heading with the blocks under it. ``label`` is the area label that named it («Ambisjon 1»)."""

    heading: Block | None
    blocks: list[Block] = field(default_factory=list)
    label: str | None = None
    title: str = ""

    @property
    def first_line(self) -> int:
        if self.heading is not None:
            return self.heading.line_start
        return self.blocks[0].line_start if self.blocks else 0


@dataclass(frozen=True)
class TocEntry:
    number: str | None
    text: str
    page: int
    block: Block


def numbered_label(text: str) -> tuple[str, str, str] | None:
    """(word, number, rest) of «Ambisjon 1: Vi viser tillit», or None."""
    match = NUMBERED_LABEL.match(text)
    if match is None:
        return None
    return match.group(1), match.group(2), match.group(3).strip()


def toc_entries(blocks: list[Block]) -> list[TocEntry]:
    """The entries of a table of contents: a run of at least three short lines that each end in a page
    number, with the page numbers never falling, or lines with dot leaders."""
    entries: list[TocEntry] = []
    run: list[TocEntry] = []

    def close() -> None:
        pages = [entry.page for entry in run]
        if len(run) >= TOC_MIN_ENTRIES and pages == sorted(pages):
            entries.extend(run)
        run.clear()

    for block in blocks:
        text = _DOT_LEADER.sub(" ", block.text).strip()
        if flattened := _flattened(block, text):  # a whole table of contents run onto one line
            close()
            entries.extend(flattened)
            continue
        match = _TOC_ENTRY.match(text) if block.kind is not Kind.TABLE_ROW and len(text) <= 120 else None
        leader = bool(_DOT_LEADER.search(block.text))
        if match and (leader or match.group(1) or len(match.group(2)) <= 80) and not match.group(2).endswith("."):
            run.append(TocEntry(match.group(1), match.group(2).strip(" ."), int(match.group(3)), block))
        else:
            close()
    close()
    return entries


def _flattened(block: Block, text: str) -> list[TocEntry]:
    """The entries of a table of contents flattened onto one line or paragraph («Innhald 1 Innleiing 3 2 Visjon
    og verdiar 4 3 Satsingsområde 5 3.1 Rekruttering 6 …»): at least three «number? title page» entries that
    cover nearly all of the text, their pages never falling."""
    if block.kind is Kind.TABLE_ROW or len(text) < 40:
        return []
    found = list(_FLAT_ENTRY.finditer(text))
    covered = sum(m.end() - m.start() for m in found)
    pages = [int(m.group(3)) for m in found]
    if len(found) < TOC_MIN_ENTRIES or covered < 0.8 * len(text) or pages != sorted(pages):
        return []
    return [TocEntry(m.group(1), m.group(2).strip(" ."), int(m.group(3)), block) for m in found]


def _is_cue_line(block: Block) -> bool:
    """«Mål» standing alone above its list: the reader took it for the list's intro, but it names a section."""
    text = block.text.strip()
    return (
        block.kind is Kind.PARAGRAPH
        and len(text.split()) <= HEADING_CUE_MAX_WORDS
        and not text.endswith((":", ".", "?", "!"))
        and cue_of(block) is not None
    )


def build(blocks: list[Block]) -> list[Section]:
    """Sections in document order. Blocks before the first heading form a section without a heading."""
    toc = {id(entry.block) for entry in toc_entries(blocks)}
    sections: list[Section] = [Section(heading=None)]
    pending_label: tuple[str, str] | None = None
    for block in blocks:
        if id(block) in toc:
            continue
        if block.kind is Kind.HEADING or _is_cue_line(block):
            label = numbered_label(block.text)
            if label and not label[2]:
                # «Ambisjon 1:» alone: the title is the next heading (or the next line of text)
                pending_label = (label[0], label[1])
                sections.append(Section(heading=block, label=f"{label[0]} {label[1]}"))
                continue
            if pending_label is not None and not sections[-1].blocks and sections[-1].label:
                sections[-1].title = block.text
                sections[-1].blocks = []
                pending_label = None
                continue
            sections.append(Section(heading=block, label=f"{label[0]} {label[1]}" if label else None,
                                    title=label[2] if label else block.text))
            pending_label = None
            continue
        if pending_label is not None and not sections[-1].blocks and not sections[-1].title:
            sections[-1].title = block.text.split(". ")[0] if block.kind is Kind.PARAGRAPH else block.text
        pending_label = None
        sections[-1].blocks.append(block)
    for section in sections:
        if section.heading is not None and not section.title:
            section.title = section.heading.text
    return [s for s in sections if s.heading is not None or s.blocks]
