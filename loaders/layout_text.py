"""Text of the layout reading: an element's words as a reader would write them, its source lines, and the
lines of a paragraph that lost its bullets."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from loaders.outline import Block

# A lower-case letter run straight into a capitalised word: a boundary lost in PDF extraction.
GLUED = re.compile(r"(?<=[a-zæøå]{2})(?=[A-ZÆØÅ][a-zæøå]{2})")


@dataclass
class Item:
    """One element read from the text, with the lines it spans and the reason for its role."""

    text: str
    start: int
    end: int
    reason: str
    measured_by: list[Item] = field(default_factory=list)  # for a goal: the indicators read after it


def tidy(text: str) -> str:
    """Element text as a reader would write it: hyphenation across PDF lines joined («Personal -
    politikken»), spaces before punctuation dropped, single spaces."""
    text = re.sub(r"(\w) ?- (?!(?:og|eller|samt)\b)([a-zæøå])", r"\1\2", text)
    text = GLUED.sub(" ", text)
    text = re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def line_at(block: Block, offset: int) -> int:
    """The source line of character ``offset`` in a block joined from several lines."""
    return block.line_start + sum(1 for start in block.breaks if start <= offset)


def item(block: Block, reason: str, text: str | None = None, offset: int = 0) -> Item:
    return Item(tidy(text if text is not None else block.text), line_at(block, offset), block.line_end, reason)


def paragraph_lines(block: Block) -> list[tuple[int, str]]:
    """(offset, text) of each source line of a joined paragraph."""
    starts = [0, *block.breaks]
    ends = [*(b - 1 for b in block.breaks), len(block.text)]
    return [(s, block.text[s:e]) for s, e in zip(starts, ends, strict=True)]


def line_items(block: Block) -> list[tuple[int, str]] | None:
    """The lines of a paragraph read as the items of a list that lost its bullets: each item starts with a
    capital, a line in lower case continues the item above. None when the paragraph reads as prose."""
    lines = paragraph_lines(block)
    if len(lines) < 2:
        return None
    items: list[tuple[int, str]] = []
    for offset, line in lines:
        # «… i personalsystemetAlle tilsette …»: two items glued where PDF extraction lost the line break
        cuts = [0, *(m.start() for m in GLUED.finditer(line)), len(line)]
        pieces = [(offset + a, line[a:b]) for a, b in itertools.pairwise(cuts) if line[a:b].strip()]
        for start, text in pieces:
            text = text.strip()
            if text[:1].isupper() or not items:
                items.append((start, text))
            else:
                items[-1] = (items[-1][0], f"{items[-1][1]} {text}")
    stops = sum(1 for _, text in items if text.endswith("."))
    return items if len(items) >= 2 and stops * 3 <= len(items) else None


