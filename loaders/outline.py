"""The outline: what every reader produces and the extractor reads.

A flat list of blocks in document order (headings with a level, list items with a depth, paragraphs,
table rows with cells, footnotes), each with its line and character span in the source. For .docx the
"line" is the paragraph number (tables count one per row); for PDF it is the line of the extracted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from loaders.model import Source


class Kind(StrEnum):
    HEADING = "heading"
    LIST_ITEM = "list_item"
    PARAGRAPH = "paragraph"
    TABLE_ROW = "table_row"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str  # clean text: bullets, numbering, emphasis and footnote markers removed
    line_start: int
    line_end: int
    char_start: int = 0
    char_end: int = 0
    level: int = 0  # heading level (1 = top) or list depth (0 = top level)
    cells: tuple[str, ...] = ()  # table rows
    footnote_refs: tuple[int, ...] = ()  # footnotes this block points to
    label: str | None = None  # the footnote number, or the numbering of a heading or list item («1.», «5.1»)
    emphasis: bool = False  # the whole block was bold or underlined in the source (a heading in disguise)
    # Where the source lines after the first begin in ``text``, for a block joined from several lines; empty
    # when the block is one line or the offsets are not known. Lets a citation get its own line.
    breaks: tuple[int, ...] = ()
    caps: bool = field(init=False)

    def __post_init__(self) -> None:
        letters = [c for c in self.text if c.isalpha()]
        object.__setattr__(
            self, "caps", bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
        )


@dataclass
class Outline:
    source: Source
    blocks: list[Block]
    footnotes: dict[int, Block] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)


SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_FOOTNOTE_REF = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")


def superscript_number(text: str) -> int:
    return int(text.translate(_SUPERSCRIPT_TO_DIGIT))


def split_footnote_refs(text: str) -> tuple[str, tuple[int, ...]]:
    """Remove superscript footnote markers («nærvær¹⁶.») and return them as numbers."""
    refs = tuple(superscript_number(m.group()) for m in _FOOTNOTE_REF.finditer(text))
    return (_FOOTNOTE_REF.sub("", text), refs) if refs else (text, ())


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")


def strip_markup(text: str) -> tuple[str, bool]:
    """Remove Markdown links and emphasis; report whether the whole text was emphasised."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    stripped = text.strip()
    whole = bool(re.fullmatch(r"(\*\*|__).+\1:?", stripped))
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return re.sub(r"\s+", " ", text).strip(), whole
