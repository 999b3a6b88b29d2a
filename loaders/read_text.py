"""Plain text and Markdown → outline.

Plain text is what PDF extraction leaves behind (like the seeds): headings are short lines standing alone,
lists use «-», «✓» or «•», numbered headings look like «1. ETIKK, ROLLER OG SAMFUNNSANSVAR» and footnotes
start with superscript digits («¹⁶ Måles ved …»). Markdown adds «#» headings and «|» tables. Paragraphs are
separated by blank lines; the rules below decide what each paragraph's lines are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.model import Source
from loaders.outline import (
    SUPERSCRIPT_DIGITS,
    Block,
    Kind,
    Outline,
    split_footnote_refs,
    strip_markup,
    superscript_number,
)
from loaders.sources import SourceFile
from loaders.text_repair import BULLETS, is_provenance_comment, repair, running_header, split_at_bullets

HEADING_MAX_CHARS = 90

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*•▪●◦]\s+✓|[-*•▪●◦]|✓)\s+(.*)$")
# «1. Tekst», «2) Tekst», «1.2 Tekst»; a bare number needs a capital after it, so that a sentence carried over
# from the line above («… mål 1, 3, 5, 8,» / «16 og 17.») is not taken for an item.
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)(?:[.)]\s+|\s+(?=[*_«\"]*[^\W\d_a-zæøå]))(.*\S)\s*$")
_FOOTNOTE = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_MD_TABLE = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TERMINAL = re.compile(r"[.;,!?]$")


@dataclass
class _Line:
    number: int  # 1-based
    raw: str
    start: int  # character offset in the file
    kind: str = "text"  # text, heading, bullet, numbered, footnote, table
    depth: int = 0
    body: str = ""
    label: str | None = None
    cells: tuple[str, ...] = ()
    before_bullet: bool = False  # what a mid-line bullet cut off: a figure's label («Visjon og mål•»)


def _classify(line: _Line, markdown: bool) -> None:
    raw = line.raw.rstrip()
    if markdown and (m := _MD_HEADING.match(raw)):
        line.kind, line.depth, line.body = "heading", len(m.group(1)), m.group(2)
    elif m := _FOOTNOTE.match(raw):
        line.kind, line.label, line.body = "footnote", str(superscript_number(m.group(1))), m.group(2)
    elif _MD_TABLE_RULE.match(raw) and "-" in raw and ("|" in raw or markdown):
        line.kind = "rule"
    elif m := _MD_TABLE.match(raw):
        line.kind, line.cells = "table", tuple(c.strip() for c in m.group(1).split("|"))
    elif "\t" in raw.strip():
        line.kind, line.cells = "table", tuple(c.strip() for c in raw.strip().split("\t"))
    elif m := _BULLET.match(raw):
        indent = len(m.group(1).expandtabs(4))
        line.kind, line.depth, line.body = "bullet", (0 if indent == 0 else max(1, indent // 2)), m.group(2)
    elif m := _NUMBERED.match(raw):
        line.kind, line.label, line.body = "numbered", m.group(1), m.group(2)
    else:
        line.body = raw.strip()


def _level_lists(lines: list[_Line]) -> None:
    """A list whose first bullet is indented (« • gi gode tjenester» on a web page) starts at depth 0:
    indentation nests an item only under an item less indented than itself."""
    shift = 0
    previous: _Line | None = None
    for line in lines:
        if not line.raw.strip():
            continue
        if line.kind == "bullet":
            if previous is None or previous.kind not in ("bullet", "numbered"):
                shift = line.depth
            line.depth = max(0, line.depth - shift)
        previous = line


def _looks_like_heading(text: str) -> bool:
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and not _TERMINAL.search(text)
        and not text.startswith(("«", '"', "("))
    )


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, kind: Kind, lines: list[_Line], text: str, parts: list[str] | None = None, **extra: object) -> None:
        """``parts``: the text of each source line when ``text`` joins several, so their offsets are kept."""
        text, refs = split_footnote_refs(text)
        text, emphasis = strip_markup(text)
        if not text and kind is not Kind.TABLE_ROW:
            return
        breaks: tuple[int, ...] = ()
        if parts and len(parts) > 1:
            cleaned = [strip_markup(split_footnote_refs(part)[0])[0] for part in parts]
            if " ".join(cleaned) == text:  # otherwise markup spans lines: keep the block's first line
                offsets = [0]
                for part in cleaned[:-1]:
                    offsets.append(offsets[-1] + len(part) + 1)
                breaks = tuple(offsets[1:])
        first, last = lines[0], lines[-1]
        self.blocks.append(
            Block(
                kind=kind,
                text=text,
                line_start=first.number,
                line_end=last.number,
                char_start=first.start,
                char_end=last.start + len(last.raw),
                footnote_refs=refs,
                emphasis=emphasis,
                breaks=breaks,
                **extra,  # type: ignore[arg-type]
            )
        )


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.raw.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


_RUNS_ON = re.compile(r"(,|-|\b(og|i|med|til|for|av|på|som|eller|om|at|å|frå|fra|der|ein|en|eit|et))$", re.IGNORECASE)


_LABELLED = re.compile(r"^[A-ZÆØÅ][a-zæøå]{2,20}: \S")


def _is_label_line(line: _Line) -> bool:
    """«Ambisjon 1:», «Dilemma:»: a short label ending in a colon, standing alone on its line."""
    return line.kind == "text" and line.body.endswith(":") and len(line.body) <= 40


HEADING_LINE_MAX_CHARS = 60
WRAPPED_HEADING_MAX_CHARS = 40  # each line of a heading set in large type and wrapped over two or three lines


def _heading_run(lines: list[_Line], index: int, after_heading: bool = False) -> int:
    """How many lines from ``index`` form a heading by their layout inside running PDF text (0: none).

    A heading is short, has no final stop, and stands between a finished sentence (or a label) and a line
    that starts a new one («Ambisjon 1:» / «Vi lærer av kvarandre» / «Hos oss deler …»). A
    heading set in large type wraps over two or three short lines, each running on into the next
    («Innsatsområde» / «rekruttering og» / «karriere»)."""
    first = lines[index]
    text = first.body
    if first.kind != "text" or not (text[:1].isupper() or text[:1].isdigit()) or text.startswith(("«", '"', "(")):
        return 0
    before = lines[index - 1] if index > 0 and not after_heading else None  # cover pages stack headings
    if before is not None and not (before.body.endswith((".", "!", "?", ":")) or _is_label_line(before)):
        return 0
    for size in (1, 2, 3):
        run = lines[index : index + size]
        if len(run) < size or any(line.kind != "text" for line in run):
            return 0
        limit = HEADING_LINE_MAX_CHARS if size == 1 else WRAPPED_HEADING_MAX_CHARS
        if any(not 2 < len(line.body) <= limit for line in run) or _TERMINAL.search(run[-1].body):
            return 0
        after = lines[index + size].body if index + size < len(lines) else ""
        if not after:
            return 0
        if (after[:1].isupper() or after[:1].isdigit() or after[:1] in "•-") and not _RUNS_ON.search(run[-1].body):
            return size
        if not (_RUNS_ON.search(run[-1].body) or after[:1].islower()):
            return 0
    return 0


def _layout_runs(group: list[_Line], markdown: bool, cover: bool = False) -> list[list[_Line]]:
    """A paragraph of running text cut before and after every label or heading in it, so that a PDF page
    without blank lines still shows its headings. ``cover``: the document's first paragraph, where headings
    stack. Markdown marks its headings and is left as it is."""
    if markdown or len(group) < 2 or all(line.kind != "text" for line in group):
        return [group]
    if all(len(line.body) <= HEADING_LINE_MAX_CHARS for line in group):
        return [group]  # short lines only: a list or a heading block, which ``_emit_group`` reads
    runs: list[list[_Line]] = [[]]
    index = 0
    after_heading = False
    while index < len(group):
        line = group[index]
        size = 1 if _is_label_line(line) else _heading_run(group, index, after_heading)
        after_heading = cover and bool(size)  # a cover page stacks headings; elsewhere a list follows one
        if size:
            runs.extend([group[index : index + size], []])
            index += size
            continue
        if index and _LABELLED.match(line.body) and group[index - 1].body.endswith((".", "!", "?")):
            runs.append([line])  # «Prinsipp: Eg som …» after a finished sentence starts a new block
        else:
            runs[-1].append(line)
        index += 1
    return [run for run in runs if run]


def _emit_single(builder: _Builder, line: _Line, next_is_list: bool, markdown: bool) -> None:
    if line.kind == "heading":
        builder.add(Kind.HEADING, [line], line.body, level=line.depth)
    elif line.kind == "footnote":
        builder.add(Kind.FOOTNOTE, [line], line.body, label=line.label)
    elif line.kind == "table":
        builder.add(Kind.TABLE_ROW, [line], " | ".join(line.cells), cells=line.cells)
    elif line.kind == "bullet":
        builder.add(Kind.LIST_ITEM, [line], line.body, level=line.depth)
    elif line.kind == "numbered":
        text = line.body
        if not markdown and _looks_like_heading(text) and not next_is_list:
            level = 1 if "." not in (line.label or "") else 2
            builder.add(Kind.HEADING, [line], text, level=level, label=line.label)
        else:
            builder.add(Kind.LIST_ITEM, [line], text, label=line.label)
    else:
        text, _ = strip_markup(line.body)
        whole_bold = strip_markup(line.body)[1]
        if (whole_bold or not markdown) and _looks_like_heading(text.rstrip(":")) and not next_is_list:
            caps = text.upper() == text and any(c.isalpha() for c in text)
            builder.add(Kind.HEADING, [line], line.body, level=2 if caps else 3)
        else:
            builder.add(Kind.PARAGRAPH, [line], line.body)


def _is_unbulleted_list(group: list[_Line]) -> bool:
    """Short lines that each start with a capital, with no line running on: a list that lost its bullets
    in PDF extraction («Åpenhet» / «Ærlighet» / «Respekt»)."""
    # Two short lines are a heading wrapped in large type («Kapittel to – grøn» / «Leiing og læring»)
    # as often as a list: a list that lost its bullets needs three.
    if len(group) < 3 or any(len(line.body) > 60 for line in group):
        return False
    runs_on = re.compile(r"(,|-|\b(og|i|med|til|for|av|på|som|eller))$", re.IGNORECASE)
    return all(line.body[:1].isupper() or line.body[:1].isdigit() for line in group[1:]) and not any(
        runs_on.search(line.body) for line in group[:-1]
    )


def _emit_cover(builder: _Builder, group: list[_Line]) -> None:
    """The short lines that open a document are its title lines: a line that runs on («Mangfald og») joins
    the next, and each title ends where a line ends a phrase and the next starts anew."""
    run: list[_Line] = []
    for index, line in enumerate(group):
        run.append(line)
        following = group[index + 1].body if index + 1 < len(group) else ""
        if not following or (not _RUNS_ON.search(line.body) and following[:1].isupper()):
            parts = [item.body for item in run]
            builder.add(Kind.HEADING, run, " ".join(parts), parts, level=1)
            run = []


def _ends_item(pending: list[_Line], line: _Line) -> bool:
    """A capitalised line after a list item that ended its sentence starts a paragraph of its own («• … innan
    1.12.2025.» / «Eg som er leiar, …»); a list item's own continuation is in lower case or runs on, or is
    indented under the item's text."""
    return (
        bool(pending)
        and pending[0].kind in ("bullet", "numbered")
        and pending[-1].raw.rstrip().endswith((".", "!", "?"))
        and line.body[:1].isupper()
        and len(line.raw) - len(line.raw.lstrip()) <= len(pending[0].raw) - len(pending[0].raw.lstrip())
    )


def _emit_group(builder: _Builder, group: list[_Line], markdown: bool) -> None:
    """A paragraph of several lines: lists, tables and footnotes line by line, prose joined."""
    if not builder.blocks and not markdown and all(line.kind == "text" for line in group) and all(
        _looks_like_heading(line.body) for line in group
    ):
        _emit_cover(builder, group)
        return
    # A short caps line on top of other text is a heading over it («VISJON» / «Elverum har hjerterom»).
    head = group[0]
    if (
        not markdown
        and head.kind == "text"
        and head.body.isupper()
        and _looks_like_heading(head.body.rstrip(":"))
        and all(line.kind == "text" for line in group[1:])
    ):
        builder.add(Kind.HEADING, [head], head.body, level=2)
        group = group[1:]
    # A list belongs to something above it: the short lines that open a document are its title lines.
    if builder.blocks and all(line.kind == "text" for line in group) and _is_unbulleted_list(group):
        previous = builder.blocks[-1] if builder.blocks else None
        nested = previous is not None and previous.kind is Kind.LIST_ITEM and previous.text.endswith(":")
        for line in group:
            builder.add(Kind.LIST_ITEM, [line], line.body, level=previous.level + 1 if nested else 0)
        return
    if all(line.kind == "text" for line in group):
        parts = [line.body for line in group]
        text = " ".join(parts)
        short = all(len(line.body) <= 40 for line in group) and len(group) <= 3
        kind = Kind.HEADING if (short and not markdown and _looks_like_heading(text)) else Kind.PARAGRAPH
        builder.add(kind, group, text, parts, level=3 if kind is Kind.HEADING else 0)
        return
    pending: list[_Line] = []  # an item or prose with its continuation lines

    def flush() -> None:
        if not pending:
            return
        first = pending[0]
        parts = [first.body, *(line.raw.strip() for line in pending[1:])]
        text = " ".join(parts)
        if first.kind == "bullet":
            builder.add(Kind.LIST_ITEM, pending, text, parts, level=first.depth)
        elif first.kind == "numbered":
            builder.add(Kind.LIST_ITEM, pending, text, parts, label=first.label)
        elif first.kind == "footnote":
            builder.add(Kind.FOOTNOTE, pending, text, parts, label=first.label)
        else:
            builder.add(Kind.PARAGRAPH, pending, text, parts)
        pending.clear()

    for line in group:
        if line.kind == "rule":
            continue
        if line.kind == "table":
            flush()
            builder.add(Kind.TABLE_ROW, [line], " | ".join(line.cells), cells=line.cells)
        elif line.kind == "heading":
            flush()
            builder.add(Kind.HEADING, [line], line.body, level=line.depth)
        else:
            if line.kind != "text" or _ends_item(pending, line):
                flush()
            pending.append(line)  # a text line continues the item or prose above it
    flush()


def read_text(source: SourceFile) -> Outline:
    """Read a .txt or .md file into an outline."""
    meta = Source(file=source.name, sha256=source.sha256, format=source.format, line_count=0)
    return parse_text(source.text(), meta, markdown=source.format == "md")


def parse_text(text: str, meta: Source, *, markdown: bool = False) -> Outline:
    """Build an outline from text (also used for the text layer of a PDF). ``meta.line_count`` is set here."""
    lines: list[_Line] = []
    offset = 0
    count = 0
    raws = [raw.rstrip("\r") for raw in text.split("\n")]
    header = None if markdown else running_header(raws)
    for number, raw in enumerate(raws, start=1):
        count = number
        if header is not None and (furniture := header.match(raw)):
            raw = " " * furniture.end() + raw[furniture.end() :]  # keep the offsets of what follows
        if is_provenance_comment(raw) and not markdown:
            lines.append(_Line(number=number, raw="", start=offset))
        else:
            pieces = split_at_bullets(raw) or [(0, raw)]
            for index, (cut, piece) in enumerate(pieces):
                label = index + 1 < len(pieces) and piece.lstrip()[:1] not in BULLETS
                lines.append(_Line(number=number, raw=repair(piece), start=offset + cut, before_bullet=label))
        offset += len(raw) + 1
    for line in lines:
        if line.raw.strip():
            _classify(line, markdown)
            label = line.before_bullet and line.kind == "text" and line.body[:1].isupper()
            if label and _looks_like_heading(line.body):
                line.kind, line.depth = "heading", 3
    _level_lists(lines)
    builder = _Builder()
    paragraphs = _paragraphs(lines)
    groups = [run for n, group in enumerate(paragraphs) for run in _layout_runs(group, markdown, cover=n == 0)]
    for index, group in enumerate(groups):
        following = groups[index + 1][0] if index + 1 < len(groups) else None
        next_is_list = following is not None and following.kind == "bullet"
        if len(group) == 1:
            _emit_single(builder, group[0], next_is_list, markdown)
        else:
            _emit_group(builder, group, markdown)
    footnotes = {int(b.label): b for b in builder.blocks if b.kind is Kind.FOOTNOTE and b.label}
    meta = meta.model_copy(update={"line_count": count})
    return Outline(source=meta, blocks=builder.blocks, footnotes=footnotes)
