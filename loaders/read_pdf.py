"""PDF → outline, through the PDF's text layer (pypdf).

The PDF reader turns each page into plain text that looks like the seed documents, then hands the text to
:func:`loaders.read_text.parse_text`, so PDFs and text files follow the same heading, list and footnote
rules. **The outline's line numbers and character offsets refer to that cleaned text** (see
:func:`pdf_text`), not to lines on the printed page.

Cleaning, page by page:

1. Text comes from pypdf's *layout* extraction, which keeps vertical gaps as blank lines (paragraph breaks,
   which ``parse_text`` relies on) and keeps indentation (bullet depth, continuation lines). Plain
   extraction loses both, so it is only the fallback, used for pages where layout extraction fails or
   that are set in two or more columns (layout mode would interleave the columns line by line).
2. Running headers and footers go: a line among the first or last three lines of a page that recurs
   (digits ignored, so «Side 3 av 12» ~ «Side 4 av 12») on at least half of the pages, and on at least
   three, is removed, peeling from the page edge inwards; so is a line there that is only a page number.
3. A run of at most three lines set all in bold, or clearly larger than the body text, that does not end
   a sentence is a heading: it is set off by blank lines. An all-bold line is wrapped in ``**…**`` (as
   in the seeds), which makes its block ``emphasis=True``. After parsing, a short single-line emphasised
   paragraph (a bold «Mål:» over a list) becomes a level-3 heading, as the Word reader does.
4. Footnotes: a raised footnote mark (digits the page sets in a small font), which layout extraction
   leaves after its word or on a line of its own, becomes superscript digits after its word («øke¹»);
   a small-font line below the page's last body line that starts with a number becomes «¹ …». So
   ``parse_text`` links marks and footnotes as it does for the seeds.
5. Bullet indentation is reduced to the depth scheme of ``parse_text``; a line back at the margin after a
   list ends the list; wide gaps inside a line (table columns) become tabs.
6. Hyphenation at line ends is undone: «utvik-» + «le» → «utvikle», also across a page break. The hyphen
   stays when the next line starts with a capital or with «og», «eller» or «samt» («lese- og
   skriveferdigheter»), and after an abbreviation, digits or a single letter («HMS-» + «arbeid» →
   «HMS-arbeid», «e-» + «post» → «e-post»). The joined line replaces both, so the cleaned text has one
   line fewer per joined word.

Pages are joined with a blank line. Encrypted PDFs, PDFs without a text layer (scans) and PDFs pypdf
cannot read are refused with an :class:`~loaders.errors.InputError`; no pypdf exception escapes, and
nothing pypdf logs or warns while reading reaches the user (the InputError is the one message).
"""

from __future__ import annotations

import io
import logging
import math
import re
import threading
import warnings
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from loaders.errors import InputError
from loaders.model import Source
from loaders.outline import SUPERSCRIPT_DIGITS, Block, Kind, Outline
from loaders.read_text import HEADING_MAX_CHARS, parse_text
from loaders.sources import SourceFile

MIN_CHARS_PER_PAGE = 20  # fewer non-space characters per page on average: no text layer (a scan)
EDGE_LINES = 3  # how many lines at the top and bottom of a page may be running headers or footers
LARGER = 1.15  # a line set this much larger than the body text is heading-like

_BULLET_START = re.compile(r"^([-•▪●◦✓*])\s+")  # the bullets parse_text knows
_NUMBER_START = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*[.)]?)\s{2,}")
_WIDE_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")
# Three digits at most, so that a year standing alone on a cover page is not taken for a page number.
_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|s\.|page|p\.)\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:av|of|/)\s*\d{1,3})?$", re.IGNORECASE
)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_HYPHENS = ("-", "\u00ad", "\u2010")  # hyphen-minus, soft hyphen, hyphen
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt"}


@dataclass(frozen=True)
class _Style:
    bold: bool
    size: float


@dataclass
class _Line:
    text: str  # stripped
    indent: int  # leading spaces in the layout text
    style: _Style | None = None
    heading_like: bool = False


PAGE_BREAK = "\f"  # marks a page boundary between cleaning and joining


# --------------------------------------------------------------------------------------------------
# Opening and extracting


@contextmanager
def _pypdf_errors(source: SourceFile, where: str = "") -> Iterator[None]:
    """Turn whatever pypdf raises on a damaged file into an InputError naming the file.

    pypdf raises many exception types on malformed input (PdfReadError, but also ValueError, KeyError,
    struct and zlib errors, RecursionError), so everything but our own InputError is caught here.
    """
    try:
        yield
    except InputError:
        raise
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"[:160]
        place_nb = f" ({where})" if where else ""
        place_en = f" ({where.replace('side', 'page')})" if where else ""
        raise InputError(
            f"PDF-fila er skada og kan ikkje lesast{place_nb}: {detail}",
            f"the PDF file is damaged and cannot be read{place_en}: {detail}",
            path=source.label,
        ) from error


_quiet_lock = threading.Lock()
_quiet_depth = 0  # readers inside _quiet_pypdf (the web service reads uploads in several threads)
_saved_level = logging.NOTSET


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's own logging and warnings while a PDF is read.

    pypdf logs what it repairs in a damaged file («EOF marker not found») to the «pypdf» logger, which
    Python prints on stderr when no handler is set; the reader reports a damaged file itself, in one line.
    The logger's level is restored when the last reader finishes.
    """
    global _quiet_depth, _saved_level
    logger = logging.getLogger("pypdf")
    with _quiet_lock:
        if _quiet_depth == 0:
            _saved_level = logger.level
            logger.setLevel(logging.CRITICAL + 1)
        _quiet_depth += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                logger.setLevel(_saved_level)


def _encrypted(source: SourceFile, extra_nb: str = "", extra_en: str = "") -> InputError:
    return InputError(
        "PDF-fila er kryptert eller passordverna; lagre ho utan passord og prøv igjen" + extra_nb,
        "the PDF is encrypted or password-protected; save it without a password and try again" + extra_en,
        path=source.label,
    )


def _open(source: SourceFile) -> PdfReader:
    try:
        with _pypdf_errors(source):
            reader = PdfReader(io.BytesIO(source.data))
            # An empty user password opens PDFs that only restrict printing or copying: those are read.
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise _encrypted(source)
            if len(reader.pages) == 0:
                raise InputError("PDF-fila har ingen sider", "the PDF file has no pages", path=source.label)
    except InputError as error:
        if isinstance(error.__cause__, DependencyError):
            # AES-encrypted files need the optional «cryptography» package, even with an empty password.
            raise _encrypted(
                source,
                " (AES-kryptering krev Python-pakken «cryptography»)",
                " (AES encryption needs the Python package 'cryptography')",
            ) from error.__cause__
        raise
    return reader


def _multi_column(lines: list[str]) -> bool:
    """Layout text of a page set in columns: many lines are two runs of prose with a wide gap between.

    A table row has a gap per column boundary and short cells, so a table does not count as columns.
    """
    text_lines = [line.strip() for line in lines if line.strip()]

    def two_columns(line: str) -> bool:
        parts = re.split(r" {6,}", line)
        return len(parts) == 2 and all(len(part) >= 20 for part in parts)

    return len(text_lines) >= 6 and sum(map(two_columns, text_lines)) / len(text_lines) > 0.3


def _page_lines(source: SourceFile, page: PageObject, number: int) -> list[str]:
    where = f"side {number}"
    try:
        layout = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is younger and stricter than plain mode; plain mode decides
        layout = None
    if layout is not None:
        lines = [line.rstrip() for line in layout.split("\n")]
        if not _multi_column(lines):
            return lines
    with _pypdf_errors(source, where):
        plain = page.extract_text()
    return [line.rstrip() for line in plain.split("\n")]


@dataclass
class _Fonts:
    """What the fonts of one page say: each visual line's style, and the digit strings set apart."""

    lines: list[tuple[str, _Style]] = field(default_factory=list)  # (text without spaces, style)
    digits: list[tuple[str, float]] = field(default_factory=list)  # (digits, size): footnote marks?


def _page_fonts(page: PageObject) -> _Fonts:
    """Font and size of each visual line of the page, top to bottom (pypdf's visitor sees each chunk)."""
    chunks: list[tuple[float, str, bool, float]] = []  # y, text, bold, size

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if not text.strip():
            return
        # The text matrix in user space: tm × cm (PDF row-vector convention).
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        name = str(font.get("/BaseFont", "")) if font else ""
        weight = 0.0
        if font and "/FontDescriptor" in font:
            descriptor = font["/FontDescriptor"].get_object()
            weight = float(descriptor.get("/FontWeight", 0) or 0)
        chunks.append((y, text, bool(_BOLD_FONT.search(name)) or weight >= 600, round(size * scale, 1)))

    page.extract_text(visitor_text=visit)
    fonts = _Fonts()
    lines: list[list[tuple[float, str, bool, float]]] = []
    for chunk in chunks:
        if chunk[1].strip().isdigit():
            fonts.digits.append((chunk[1].strip(), chunk[3]))
        # Same baseline, same line; a raised footnote mark is a line of its own, as in layout mode.
        if lines and abs(lines[-1][0][0] - chunk[0]) < max(chunk[3], lines[-1][0][3], 1.0) * 0.25:
            lines[-1].append(chunk)
        else:
            lines.append([chunk])
    for line in sorted(lines, key=lambda parts: -parts[0][0]):
        key = re.sub(r"\s+", "", "".join(part[1] for part in line))
        fonts.lines.append((key, _Style(all(part[2] for part in line), max(part[3] for part in line))))
    return fonts


def _body_size(fonts: list[_Fonts]) -> float:
    """The size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in fonts:
        for key, style in page.lines:
            sizes[style.size] += len(key)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# --------------------------------------------------------------------------------------------------
# Cleaning


def _signature(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers, footers and bare page numbers from the top and bottom of each page."""

    def edges(lines: list[str]) -> tuple[list[int], list[int]]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        return filled[:EDGE_LINES], filled[::-1][:EDGE_LINES]

    counts: Counter[str] = Counter()
    for lines in pages:
        top, bottom = edges(lines)
        counts.update({_signature(lines[i]) for i in (*top, *bottom)})
    needed = max(3, math.ceil(len(pages) / 2))
    running = {signature for signature, count in counts.items() if count >= needed}

    cleaned = []
    for lines in pages:
        drop: set[int] = set()
        for zone in edges(lines):
            for i in zone:  # from the edge inwards; stop at the first line that is content
                stripped = lines[i].strip()
                if _signature(stripped) in running or _PAGE_NUMBER.match(stripped):
                    drop.add(i)
                else:
                    break
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _annotate(lines: list[str], styles: list[tuple[str, _Style]], body: float) -> list[_Line]:
    """Attach the font of each layout line; mark short runs of bold or large lines as heading-like."""
    by_key: dict[str, deque[_Style]] = defaultdict(deque)
    for key, style in styles:
        by_key[key].append(style)
    out = []
    for raw in lines:
        text = raw.strip()
        line = _Line(text=text, indent=len(raw) - len(raw.lstrip()))
        if text:
            queue = by_key.get(re.sub(r"\s+", "", text))
            line.style = queue.popleft() if queue else None
        out.append(line)

    def standout(line: _Line) -> bool:
        return bool(
            line.text
            and line.style
            and not _BULLET_START.match(line.text)
            and (line.style.bold or (body > 0 and line.style.size >= body * LARGER))
        )

    # A run of lines in one such font is a heading when it is short and does not end a sentence; a
    # longer run is a bold paragraph, which keeps its lines together.
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and standout(out[j]) and out[j].style == out[i].style:
            j += 1
        run = out[i:j]
        short = len(run) <= 3 and all(len(line.text) <= HEADING_MAX_CHARS for line in run)
        if run and short and not run[-1].text.endswith("."):
            for line in run:
                line.heading_like = True
        i = max(j, i + 1)
    return out


_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_DIGITS_ONLY = re.compile(r"^\d{1,3}(?:[ ,]+\d{1,3})*$")
_FOOTNOTE_TEXT = re.compile(r"^(\d{1,3})\s+(\S.*)$")
SMALLER = 0.85  # a line set this much smaller than the body text is a footnote or a footnote mark


def _footnotes(lines: list[_Line], body: float, small_digits: Counter[str]) -> list[_Line]:
    """Footnote marks and footnote texts in superscript digits, the way ``parse_text`` reads them.

    Layout extraction puts a raised footnote mark either straight after its word («øke1» → «øke¹») or on
    a line of its own above the line it belongs to; then it is moved back to the end of the word nearest
    to its column («øke» + «1» → «øke¹»). Digits count as a mark only if the page sets them in a small
    font (``small_digits`` counts those digit strings). A small-font line below the last body-size line
    of the page that starts with a number is a footnote («¹ Måles ved …»).
    """
    if body <= 0:
        return lines

    def small(line: _Line) -> bool:
        return line.style is not None and line.style.size < body * SMALLER

    body_lines = [i for i, line in enumerate(lines) if line.text and not small(line)]
    last_body = body_lines[-1] if body_lines else -1
    out: list[_Line] = []
    for i, line in enumerate(lines):
        marks = line.text and _DIGITS_ONLY.match(line.text)
        if marks and i < last_body and all(small_digits[d] > 0 for d in re.findall(r"\d+", line.text)):
            target = next((k for k in (i + 1, i - 1) if 0 <= k < len(lines) and lines[k].text), None)
            if target is not None and not _DIGITS_ONLY.match(lines[target].text):
                for found in re.finditer(r"\d+", line.text):
                    small_digits[found.group()] -= 1
                    _attach(lines[target], found.group(), line.indent + found.start())
                continue
        if i <= last_body and small_digits and not marks:
            line.text = _INLINE_MARK.sub(lambda m: _inline_mark(m, small_digits), line.text)
        if i > last_body and small(line):
            if marks and i + 1 < len(lines) and lines[i + 1].text and small(lines[i + 1]):
                # a raised number over its footnote text
                lines[i + 1].text = f"{line.text.translate(_SUPERSCRIPT)} {lines[i + 1].text}"
                continue
            if m := _FOOTNOTE_TEXT.match(line.text):
                line.text = f"{m.group(1).translate(_SUPERSCRIPT)} {m.group(2)}"
        out.append(line)
    return out


# A footnote mark layout extraction kept on its line, straight after a word: «øke1», «prosent.2».
_INLINE_MARK = re.compile(r"(?<=[^\W\d_]|[.,;:)»”])(\d{1,3})(?=[\s.,;:)»”]|$)")


def _inline_mark(match: re.Match[str], small_digits: Counter[str]) -> str:
    digits = match.group(1)
    if small_digits[digits] <= 0:
        return digits  # the same digits in the body font: part of the text («COVID19»)
    small_digits[digits] -= 1
    return digits.translate(_SUPERSCRIPT)


def _attach(line: _Line, digits: str, column: int) -> None:
    """Put a footnote mark after the word of ``line`` that ends nearest to ``column`` (layout columns)."""
    ends = [m.end() for m in re.finditer(r"\S+", line.text)]
    if not ends:
        return
    position = min(ends, key=lambda end: abs(line.indent + end - column))
    line.text = line.text[:position] + digits.translate(_SUPERSCRIPT) + line.text[position:]


def _structure(lines: list[_Line]) -> list[_Line]:
    """Blank lines around heading-like lines and after lists; bullet depth; tabs for table gaps."""
    out: list[_Line] = []
    bullet_indents = sorted({line.indent for line in lines if _BULLET_START.match(line.text)})
    list_indent: int | None = None  # indentation of the bullets of the list we are in
    previous: _Line | None = None
    blank = _Line(text="", indent=0)
    for line in lines:
        if not line.text:
            list_indent = None
            out.append(line)
            previous = None
            continue
        bullet = _BULLET_START.match(line.text)
        if bullet:
            list_indent = line.indent
            depth = _depth(line.indent, bullet_indents)
            line.text = "  " * depth + bullet.group(1) + " " + line.text[bullet.end() :]
        elif list_indent is not None and line.indent <= list_indent:
            out.append(blank)  # back at the margin: the list has ended
            list_indent = None
        if line.heading_like:
            joined = previous is not None and previous.heading_like and previous.style == line.style
            if previous is not None and not joined:
                out.append(blank)
        elif previous is not None and previous.heading_like:
            out.append(blank)
        if not bullet:
            line.text = _NUMBER_START.sub(r"\1 ", line.text)
        line.text = _WIDE_GAP.sub("\t", line.text) if not bullet else line.text
        out.append(line)
        previous = line
    return out


def _depth(indent: int, bullet_indents: list[int]) -> int:
    """Depth of a bullet: how many clearly smaller bullet indents the page has (2 characters apart)."""
    levels: list[int] = []
    for value in bullet_indents:
        if not levels or value - levels[-1] >= 2:
            levels.append(value)
    return sum(1 for level in levels[1:] if indent >= level)


def _joins(line: str, following: str) -> str | None:
    """The hyphen-joined line, or None when the hyphen at the end of ``line`` is a real one."""
    if len(line) < 2 or line[-1] not in _HYPHENS or not line[-2].isalpha():
        return None
    following = following.lstrip()
    if not following[:1].isalpha():
        return None
    if line[-1] == "\u00ad":  # a soft hyphen is always a break inside a word
        return line[:-1] + following
    first_word = re.match(r"\w+", following)
    if not following[0].islower() or (first_word and first_word.group().lower() in _KEEP_HYPHEN_BEFORE):
        return None
    stem = re.search(r"\w+$", line[:-1])
    word = stem.group() if stem else ""
    if len(word) == 1 or word.isupper() or any(ch.isdigit() for ch in word):
        return line + following  # «HMS-» + «arbeid», «e-» + «post»: the hyphen belongs to the compound
    return line[:-1] + following


def _dehyphenate(lines: list[str]) -> list[str]:
    """Join words broken at line ends; a page break between the halves is allowed, a blank line is not.

    The joined line replaces both halves; a page break between them moves below it.
    """
    out: list[str] = []
    taken: set[int] = set()  # second halves already joined into an earlier line
    for i, line in enumerate(lines):
        if i in taken:
            continue
        j = i
        while line and line[-1] in _HYPHENS:
            j += 1
            while j < len(lines) and (lines[j] == PAGE_BREAK or j in taken):
                j += 1
            if j >= len(lines) or not lines[j].strip():
                break
            joined = _joins(line, lines[j])
            if joined is None:
                break
            line = joined
            taken.add(j)
        out.append(line)
    return out


_LEAD = re.compile(r"^(\s*(?:[-•▪●◦✓*–]|\d{1,2}(?:\.\d{1,2})*[.)]?)\s+)(?=\S)")


def _emphasise(line: _Line) -> str:
    """Wrap an all-bold line in ``**`` after any bullet or number, so parse_text still sees those."""
    if not (line.style and line.style.bold and line.text.strip()) or "\t" in line.text or "*" in line.text:
        return line.text
    lead = _LEAD.match(line.text)
    start = lead.end() if lead else 0
    return f"{line.text[:start]}**{line.text[start:]}**"


def _pages_text(pages: list[list[str]], fonts: list[_Fonts]) -> str:
    body = _body_size(fonts)
    lines: list[str] = []
    for number, (page, page_fonts) in enumerate(zip(pages, fonts, strict=True)):
        small_digits = Counter(d for d, size in page_fonts.digits if size < body * SMALLER)
        annotated = _footnotes(_annotate(page, page_fonts.lines, body), body, small_digits)
        if number:
            lines.append(PAGE_BREAK)
        lines.extend(_emphasise(line) for line in _structure(annotated))
    lines = _dehyphenate(lines)
    # Collapse blank runs; a page break is a blank line.
    text_lines: list[str] = []
    for line in lines:
        line = "" if line == PAGE_BREAK else line
        if line.strip() or (text_lines and text_lines[-1].strip()):
            text_lines.append(line if line.strip() else "")
    while text_lines and not text_lines[-1].strip():
        text_lines.pop()
    return "\n".join(text_lines) + "\n"


# --------------------------------------------------------------------------------------------------
# Public


def pdf_text(source: SourceFile) -> str:
    """The cleaned text of a PDF: the text whose lines and offsets :func:`read_pdf` reports."""
    with _quiet_pypdf():
        return _pdf_text(source)


def _pdf_text(source: SourceFile) -> str:
    reader = _open(source)
    with _pypdf_errors(source):
        page_objects = list(reader.pages)
    pages: list[list[str]] = []
    fonts: list[_Fonts] = []
    for number, page in enumerate(page_objects, start=1):
        pages.append(_page_lines(source, page, number))
        try:
            fonts.append(_page_fonts(page))
        except Exception:  # font details only refine the result; a page without them is still read
            fonts.append(_Fonts())
    characters = sum(len(re.sub(r"\s", "", "".join(lines))) for lines in pages)
    if characters / len(pages) < MIN_CHARS_PER_PAGE:
        raise InputError(
            "PDF-fila har ikkje noko tekstlag (skanna?); køyr OCR først, t.d. `ocrmypdf inn.pdf ut.pdf`",
            "the PDF has no text layer (scanned?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`",
            path=source.label,
        )
    return _pages_text(_remove_running_lines(pages), fonts)


def _promote(block: Block) -> Block:
    """A short, single-line, all-bold paragraph is a heading in disguise, as in the Word reader."""
    if (
        block.kind is Kind.PARAGRAPH
        and block.emphasis
        and block.line_start == block.line_end
        and len(block.text) <= HEADING_MAX_CHARS
        and not block.text.endswith(".")
    ):
        return replace(block, kind=Kind.HEADING, level=3)
    return block


def read_pdf(source: SourceFile) -> Outline:
    """Read a PDF's text layer into an outline; line numbers are lines of :func:`pdf_text`."""
    meta = Source(file=source.name, sha256=source.sha256, format="pdf", line_count=0)
    outline = parse_text(pdf_text(source), meta)
    outline.blocks = [_promote(block) for block in outline.blocks]
    return outline
