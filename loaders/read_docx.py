"""Word (.docx) → outline, through python-docx and the document's XML.

**Lines.** A .docx has no lines, so the outline's "line" is the 1-based position in a walk of the body in
document order: every paragraph counts once (empty ones too, so numbers stay stable when a block is
skipped) and every table row counts once; paragraphs inside table cells belong to their row. Content
controls (``w:sdt``) are walked into. Footnotes come after the body: footnote *n* (numbered as Word shows
it) is line ``body lines + n`` and its block follows all body blocks. Page headers and footers, comments,
text boxes and endnotes are not read. ``Source.line_count`` is the number of such lines.

**Characters.** Character offsets refer to the text made by joining the text of every walked item (a
paragraph's clean text, or a row's cells joined with « | ») with "\\n", footnotes last; see
:func:`docx_text`. For every block, ``docx_text(source)[block.char_start:block.char_end] == block.text``.

**Headings.** The paragraph style decides, following ``w:basedOn``: style name or id «heading N» /
«Overskrift N» → level N; «Title» / «Tittel» → level 1 (the same level as Heading 1: Word puts both at
the top of the outline). Other languages' heading styles are found by the outline level
(``w:outlineLvl`` *n* → level *n* + 1) in the paragraph or its styles. A short paragraph (≤ 90
characters, no final full stop) whose text is all bold is a heading in disguise: level 3,
``emphasis=True``. Table-of-contents paragraphs («toc N» styles) are skipped.

**Lists.** A paragraph with numbering (``w:numPr`` in it or its style; ``w:numId`` 0 switches numbering
off) or in a list style («List Bullet», «List Number», «List Paragraph», «Listeavsnitt», …) is a list
item; its level is ``w:ilvl`` (0 = top) or, for «List Bullet 2»-style names, the number minus one. The
label is the number Word shows («1.», «2.1») when the list is numbered in a format we can compute
(decimal, letters, roman); bullets have no label. A paragraph typed with a leading «•», «-» or «–» is a
list item too, without the bullet. Numbered headings get their number as label as well.

**Tables.** One ``TABLE_ROW`` per row with non-empty cells: each cell's text stripped, a horizontally
merged cell once, a vertically merged continuation cell as "".

**Footnotes.** Read from the part related by the footnotes relationship (``word/footnotes.xml``).
Footnotes are numbered 1, 2, … in order of first reference, as Word numbers them by default (separator
notes, ids −1 and 0, are skipped; custom marks and per-section restarts are ignored). A block's
``footnote_refs`` are those numbers; each footnote is a ``FOOTNOTE`` block with ``label`` = its number,
also in ``Outline.footnotes``.

Tracked changes are read as accepted: insertions are kept, deletions dropped. Bad input (not a zip, not
a Word document, corrupt or truncated, encrypted) raises :class:`~loaders.errors.InputError`; no
python-docx, zipfile or lxml exception escapes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from loaders.errors import InputError
from loaders.model import Source
from loaders.outline import Block, Kind, Outline
from loaders.sources import CFB_MAGIC, SourceFile
from loaders.zip_limits import TooLarge, check_unpacked

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

HEADING_MAX_CHARS = 90
DISGUISED_HEADING_LEVEL = 3

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T = qn("w:r"), qn("w:t")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_TRANSPARENT = {  # elements whose runs are part of the paragraph text
    qn(f"w:{tag}")
    for tag in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")
}
_BLOCK_TRANSPARENT = {qn("w:customXml")}
_SPACE = {qn(f"w:{tag}") for tag in ("tab", "ptab", "br", "cr")}
_FOOTNOTE_REF = qn("w:footnoteReference")
_VAL = qn("w:val")
_HEADING_NAME = re.compile(r"(?:heading|overskrift)\s*([1-9])", re.IGNORECASE)
_TITLE_NAME = re.compile(r"title|tittel", re.IGNORECASE)
_TOC_NAME = re.compile(r"toc\s*[1-9]|innh\w*\s*[1-9]", re.IGNORECASE)
_LIST_NAME = re.compile(
    r"(?:list bullet|list number|list|punktliste|nummerert liste|liste)(?:\s*([2-9]))?"
    r"|list paragraph|listeavsnitt",
    re.IGNORECASE,
)
_TYPED_BULLET = re.compile(r"^[•▪●◦\-–*✓]\s+")
_FALSE = {"0", "false", "off", "none"}
_TEMPLATE_OR_MACRO = (  # main-part content types of .docm, .dotx and .dotm, which python-docx refuses
    b"ms-word.document.macroEnabled.main",
    b"wordprocessingml.template.main",
    b"ms-word.template.macroEnabledTemplate.main",
)


def _docx_error(source: SourceFile, nb: str = "", en: str = "") -> InputError:
    return InputError(
        "ikkje ei gyldig Word-fil" + (f": {nb}" if nb else ""),
        "not a valid Word file" + (f": {en}" if en else ""),
        path=source.label,
    )


@contextmanager
def _docx_errors(source: SourceFile) -> Iterator[None]:
    """Turn whatever python-docx, zipfile or lxml raise on a damaged package into one InputError.

    They raise many types on malformed input (BadZipFile, KeyError for a missing part, ValueError for a
    wrong content type, XMLSyntaxError, zlib errors, EOFError on truncation, …), so all are caught.
    """
    try:
        yield
    except InputError:
        raise
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"[:160]
        raise _docx_error(source, f"fila er skada ({detail})", f"the file is damaged ({detail})") from error


def _encrypted_error(source: SourceFile) -> InputError:
    return InputError(
        "Word-fila er passordverna (kryptert) eller i det gamle .doc-formatet; fjern passordet eller "
        "lagre ho som .docx i Word",
        "the Word file is password-protected (encrypted) or in the old .doc format; remove the password "
        "or save it as .docx in Word",
        path=source.label,
    )


def _check_package(source: SourceFile) -> None:
    """Refuse what python-docx would choke on, with a message that says what the file is instead."""
    if source.data.startswith(CFB_MAGIC):
        raise _encrypted_error(source)
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            names = set(archive.namelist())
            check_unpacked(archive)  # declared and actual unpacked sizes, per part and in all
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except TooLarge as error:
        raise InputError(*error.messages(), path=source.label) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as error:
        raise _docx_error(
            source, f"skada eller avkorta zip-fil ({error})", f"damaged or truncated zip archive ({error})"
        ) from error
    if b"wordprocessingml.document.main+xml" in types:
        return
    if any(kind in types for kind in _TEMPLATE_OR_MACRO):
        raise _docx_error(
            source,
            "fila er ein Word-mal eller har makroar (.dotx, .docm); lagre ho som .docx",
            "the file is a Word template or macro-enabled document (.dotx, .docm); save it as .docx",
        )
    raise _docx_error(source, "zip-fila er ikkje eit Word-dokument", "the zip archive is not a Word document")


# --------------------------------------------------------------------------------------------------
# Styles and numbering


def _on(element: etree._Element | None) -> bool | None:
    """The value of a toggle property such as ``w:b``: None when absent."""
    if element is None:
        return None
    return (element.get(_VAL) or "true").lower() not in _FALSE


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Styles:
    """The style sheet, resolved by hand: python-docx exposes styles but not inherited properties."""

    def __init__(self, document: WordDocument) -> None:
        root = document.styles.element
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            self.by_id.setdefault(style_id, style)
            is_default = (style.get(qn("w:default")) or "").lower() in {"1", "true", "on"}
            if style.get(qn("w:type")) == "paragraph" and is_default:
                self.default_paragraph = style_id
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_bold = bool(_on(defaults.find(qn("w:b")))) if defaults is not None else False

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(_VAL) if based is not None else None
        return out

    @staticmethod
    def name(style: etree._Element) -> str:
        name = style.find(qn("w:name"))
        return (name.get(_VAL) if name is not None else None) or ""

    def find(self, style_id: str | None, path: str) -> etree._Element | None:
        for style in self.chain(style_id):
            found = style.find(path)
            if found is not None:
                return found
        return None


_PPR, _RPR = qn("w:pPr"), qn("w:rPr")


def _paragraph_style(p: etree._Element, styles: _Styles) -> str | None:
    p_style = p.find(f"{_PPR}/{qn('w:pStyle')}")
    return p_style.get(_VAL) if p_style is not None else styles.default_paragraph


def _names(style: etree._Element) -> tuple[str, str]:
    return _Styles.name(style), style.get(qn("w:styleId")) or ""


def _heading_level(p: etree._Element, style_id: str | None, styles: _Styles) -> int | None:
    """Heading level from the outline level in the paragraph, else the nearest style that says."""
    direct = p.find(f"{_PPR}/{qn('w:outlineLvl')}")
    if direct is not None:
        level = _int(direct.get(_VAL))
        return level + 1 if level is not None and 0 <= level <= 8 else None
    for style in styles.chain(style_id):
        for name in _names(style):
            if m := _HEADING_NAME.fullmatch(name.strip()):
                return int(m.group(1))
            if _TITLE_NAME.fullmatch(name.strip()):
                return 1
        outline = style.find(f"{_PPR}/{qn('w:outlineLvl')}")
        if outline is not None:
            level = _int(outline.get(_VAL))
            return level + 1 if level is not None and 0 <= level <= 8 else None
    return None


def _is_toc(style_id: str | None, styles: _Styles) -> bool:
    chain = styles.chain(style_id)
    return bool(chain) and any(_TOC_NAME.fullmatch(name.strip()) for name in _names(chain[0]))


def _list_style_depth(style_id: str | None, styles: _Styles) -> int | None:
    """Depth implied by a list style name («List Bullet 2» → 1), or None when the style is no list style."""
    for style in styles.chain(style_id):
        for name in _names(style):
            if m := _LIST_NAME.fullmatch(name.strip()):
                return int(m.group(1)) - 1 if m.group(1) else 0
    return None


def _num_pr(p: etree._Element, style_id: str | None, styles: _Styles) -> tuple[str, int] | None:
    """(numId, ilvl) of a numbered paragraph, from the paragraph or its style; None when unnumbered."""
    direct = p.find(f"{_PPR}/{qn('w:numPr')}")
    num_id = ilvl = None
    if direct is not None:
        num_el, lvl_el = direct.find(qn("w:numId")), direct.find(qn("w:ilvl"))
        num_id = num_el.get(_VAL) if num_el is not None else None
        ilvl = _int(lvl_el.get(_VAL)) if lvl_el is not None else None
    if num_id is None:
        found = styles.find(style_id, f"{_PPR}/{qn('w:numPr')}/{qn('w:numId')}")
        num_id = found.get(_VAL) if found is not None else None
    if ilvl is None:
        found = styles.find(style_id, f"{_PPR}/{qn('w:numPr')}/{qn('w:ilvl')}")
        ilvl = _int(found.get(_VAL)) if found is not None else None
    if num_id is None or num_id == "0":
        return None
    return num_id, max(0, min(ilvl or 0, 8))


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


def _roman(number: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    # Word repeats the letter after z: a … z, aa … zz, aaa …
    if number < 1:
        return ""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class _Numbering:
    """List definitions (word/numbering.xml) and the running counters Word would show."""

    def __init__(self, document: WordDocument, styles: _Styles) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            abstract = abstracts.get(ref.get(_VAL)) if ref is not None else None
            if num_id is None or abstract is None:
                continue
            abstract = self._follow_style_link(abstract, abstracts, root, styles)
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = _int(lvl.get(qn("w:ilvl")))
                if ilvl is None:
                    continue
                fmt, text, start = (lvl.find(qn(f"w:{tag}")) for tag in ("numFmt", "lvlText", "start"))
                levels[ilvl] = _Level(
                    fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    text=text.get(_VAL, "") if text is not None else "",
                    start=_int(start.get(_VAL), 1) if start is not None else 1,  # type: ignore[arg-type]
                )
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")))
                start = override.find(qn("w:startOverride"))
                if ilvl in levels and start is not None:
                    levels[ilvl].start = _int(start.get(_VAL), levels[ilvl].start)  # type: ignore[assignment]
            self.levels[num_id] = levels

    @staticmethod
    def _follow_style_link(
        abstract: etree._Element, abstracts: dict, root: etree._Element, styles: _Styles
    ) -> etree._Element:
        """A list defined by a numbering style points, through that style, to the real definition."""
        link = abstract.find(qn("w:numStyleLink"))
        if link is None:
            return abstract
        num_id = styles.find(link.get(_VAL), f"{_PPR}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None:
            return abstract
        for num in root.iterchildren(qn("w:num")):
            if num.get(qn("w:numId")) == num_id.get(_VAL):
                ref = num.find(qn("w:abstractNumId"))
                target = abstracts.get(ref.get(_VAL)) if ref is not None else None
                return target if target is not None else abstract
        return abstract

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (list, level) and return the number as Word shows it, if computable."""
        levels = self.levels.get(num_id, {})
        counters = self.counters.setdefault(num_id, {})
        level = levels.get(ilvl)
        counters[ilvl] = counters.get(ilvl, (level.start if level else 1) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        if level is None or not level.text or level.fmt not in _FORMATS:
            return None

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k)
            if shown is None or shown.fmt not in _FORMATS:
                raise LookupError
            return _FORMATS[shown.fmt](counters.get(k, shown.start))

        try:
            return re.sub(r"%([1-9])", number, level.text).strip() or None
        except LookupError:
            return None


# --------------------------------------------------------------------------------------------------
# Text


@dataclass
class _Text:
    text: str = ""
    refs: list[str] = field(default_factory=list)  # footnote ids in order
    bold: bool = False  # every run with visible text is bold


def _runs(container: etree._Element) -> Iterator[etree._Element]:
    for child in container.iterchildren():
        if child.tag == _R:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _runs(content)
        elif child.tag in _TRANSPARENT:
            yield from _runs(child)
        # w:del and w:moveFrom (tracked deletions), bookmarks, comments and pPr hold no visible text


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _paragraph_text(p: etree._Element, styles: _Styles, style_id: str | None) -> _Text:
    parts: list[str] = []
    refs: list[str] = []
    bold_runs: list[bool] = []
    style_bold = _on(styles.find(style_id, f"{_RPR}/{qn('w:b')}"))
    for run in _runs(p):
        run_parts: list[str] = []
        skip_mark = False
        for child in run.iterchildren():
            tag = child.tag
            if tag == _T:
                if skip_mark:  # the custom footnote mark typed after a reference is no text
                    skip_mark = False
                    continue
                run_parts.append(child.text or "")
            elif tag in _SPACE:
                run_parts.append(" ")
            elif tag == qn("w:noBreakHyphen"):
                run_parts.append("-")
            elif tag == _FOOTNOTE_REF:
                if child.get(qn("w:id")) is not None:
                    refs.append(child.get(qn("w:id")))  # type: ignore[arg-type]
                skip_mark = (child.get(qn("w:customMarkFollows")) or "").lower() in {"1", "true", "on"}
        text = "".join(run_parts)
        parts.append(text)
        if text.strip():
            r_pr = run.find(_RPR)
            bold = _on(r_pr.find(qn("w:b"))) if r_pr is not None else None
            if bold is None and r_pr is not None and (r_style := r_pr.find(qn("w:rStyle"))) is not None:
                bold = _on(styles.find(r_style.get(_VAL), f"{_RPR}/{qn('w:b')}"))
            if bold is None:
                bold = style_bold if style_bold is not None else styles.default_bold
            bold_runs.append(bold)
    return _Text(text=_clean("".join(parts)), refs=refs, bold=bool(bold_runs) and all(bold_runs))


def _blocks_in(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body, cell or content control, in document order."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks_in(content)
        elif child.tag in _BLOCK_TRANSPARENT:
            yield from _blocks_in(child)


def _children(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table or cells of a row, also inside content controls."""
    for child in container.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_TRANSPARENT:
            yield from _children(child, tag)


def _cell_text(tc: etree._Element, styles: _Styles) -> _Text:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if merge is not None and merge.get(_VAL, "continue") != "restart":
        return _Text()  # continuation of a vertically merged cell: its text is in the cell above
    texts: list[str] = []
    refs: list[str] = []
    for block in _blocks_in(tc):
        if block.tag == _P:
            found = _paragraph_text(block, styles, _paragraph_style(block, styles))
        else:  # a table in a cell: its rows flattened into the cell's text
            rows = [_row_text(tr, styles) for tr in _children(block, _TR)]
            found = _Text(" ".join(r.text for r in rows), [ref for r in rows for ref in r.refs])
        if found.text:
            texts.append(found.text)
        refs.extend(found.refs)
    return _Text(" ".join(texts), refs)


def _row_text(tr: etree._Element, styles: _Styles) -> _Text:
    cells = [_cell_text(tc, styles) for tc in _children(tr, _TC)]
    return _Text(" | ".join(c.text for c in cells), [ref for c in cells for ref in c.refs])


# --------------------------------------------------------------------------------------------------
# The walk


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # one per walked item
    offset: int = 0
    footnote_numbers: dict[str, int] = field(default_factory=dict)  # footnote id → number shown

    def item(self, text: str) -> tuple[int, int]:
        """Record a walked item; return its line and character offset."""
        self.texts.append(text)
        start = self.offset
        self.offset += len(text) + 1
        return len(self.texts), start

    def numbers(self, refs: list[str], known: dict[str, etree._Element]) -> tuple[int, ...]:
        out = []
        for ref in refs:
            if ref not in known:
                continue  # a reference to a missing or separator note shows nothing
            if ref not in self.footnote_numbers:
                self.footnote_numbers[ref] = len(self.footnote_numbers) + 1
            out.append(self.footnote_numbers[ref])
        return tuple(dict.fromkeys(out))


def _block(kind: Kind, text: str, line: int, start: int, **extra: object) -> Block:
    """A block whose text starts at character ``start`` of the walked text."""
    return Block(
        kind, text, line_start=line, line_end=line, char_start=start, char_end=start + len(text), **extra
    )  # type: ignore[arg-type]


def _paragraph_block(
    p: etree._Element, walk: _Walk, styles: _Styles, numbering: _Numbering, notes: dict[str, etree._Element]
) -> None:
    style_id = _paragraph_style(p, styles)
    found = _paragraph_text(p, styles, style_id)
    level = _heading_level(p, style_id, styles)
    num = _num_pr(p, style_id, styles)
    label = numbering.label(*num) if num else None  # counted even when empty: Word shows a number there
    text = found.text
    if _is_toc(style_id, styles):
        text = ""  # the table of contents repeats the headings; it is counted, not read
    line, start = walk.item(text)
    if not text:
        return
    refs = walk.numbers(found.refs, notes)
    if level is not None:
        heading = _block(Kind.HEADING, text, line, start, level=level, label=label, footnote_refs=refs)
        walk.blocks.append(heading)
        return
    style_depth = _list_style_depth(style_id, styles)
    typed = _TYPED_BULLET.match(text)
    skip = typed.end() if typed else 0  # a bullet typed by hand is no text, in a list or not
    if num is not None or style_depth is not None or typed:
        depth = max(num[1] if num else 0, style_depth or 0)
        extra = {"level": depth, "label": label, "footnote_refs": refs}
        walk.blocks.append(_block(Kind.LIST_ITEM, text[skip:], line, start + skip, **extra))
        return
    if found.bold and len(text) <= HEADING_MAX_CHARS and not text.endswith("."):
        level = DISGUISED_HEADING_LEVEL
        walk.blocks.append(
            _block(Kind.HEADING, text, line, start, level=level, emphasis=True, footnote_refs=refs)
        )
        return
    walk.blocks.append(_block(Kind.PARAGRAPH, text, line, start, footnote_refs=refs))


def _table_blocks(
    tbl: etree._Element, walk: _Walk, styles: _Styles, notes: dict[str, etree._Element]
) -> None:
    for tr in _children(tbl, _TR):
        cells = [_cell_text(tc, styles) for tc in _children(tr, _TC)]
        texts = tuple(cell.text for cell in cells)
        text = " | ".join(texts) if any(texts) else ""
        line, start = walk.item(text)
        if text:
            refs = walk.numbers([ref for cell in cells for ref in cell.refs], notes)
            walk.blocks.append(_block(Kind.TABLE_ROW, text, line, start, cells=texts, footnote_refs=refs))


def _footnotes(document: WordDocument) -> dict[str, etree._Element]:
    """Footnote id → element, without the separator notes."""
    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return {}
    root = parse_xml(part.blob)  # python-docx keeps this part as bytes; its parser resolves no entities
    notes = {}
    for note in root.iterchildren(qn("w:footnote")):
        note_id = note.get(qn("w:id"))
        if note_id is None or note.get(qn("w:type"), "normal") != "normal" or (_int(note_id) or 0) <= 0:
            continue
        notes[note_id] = note
    return notes


def _read(source: SourceFile) -> tuple[Outline, str]:
    _check_package(source)
    with _docx_errors(source):
        document = docx.Document(io.BytesIO(source.data))
        styles = _Styles(document)
        numbering = _Numbering(document, styles)
        notes = _footnotes(document)
        walk = _Walk()
        for element in _blocks_in(document.element.body):
            if element.tag == _P:
                _paragraph_block(element, walk, styles, numbering, notes)
            else:
                _table_blocks(element, walk, styles, notes)
        footnotes: dict[int, Block] = {}
        for note_id, number in sorted(walk.footnote_numbers.items(), key=lambda item: item[1]):
            texts = []
            for block in _blocks_in(notes[note_id]):
                found = (
                    _paragraph_text(block, styles, _paragraph_style(block, styles))
                    if block.tag == _P
                    else _Text(" ".join(_row_text(tr, styles).text for tr in _children(block, _TR)))
                )
                if found.text:
                    texts.append(found.text)
            text = " ".join(texts)
            line, start = walk.item(text)
            if text:
                footnotes[number] = _block(Kind.FOOTNOTE, text, line, start, label=str(number))
    if not walk.blocks:
        raise InputError("Word-fila har ingen tekst", "the Word file has no text", path=source.label)
    meta = Source(file=source.name, sha256=source.sha256, format="docx", line_count=len(walk.texts))
    outline = Outline(source=meta, blocks=[*walk.blocks, *footnotes.values()], footnotes=footnotes)
    return outline, "\n".join(walk.texts)


def read_docx(source: SourceFile) -> Outline:
    """Read a .docx into an outline; see the module docstring for what lines and offsets mean."""
    return _read(source)[0]


def docx_text(source: SourceFile) -> str:
    """The text the outline's character offsets refer to: every walked item's text joined with "\\n"."""
    return _read(source)[1]
