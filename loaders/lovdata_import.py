"""Import Lovdata's public dump of current laws and central regulations into the law registry.

Lovdata publishes every current law (``gjeldende-lover.tar.bz2``) and central regulation
(``gjeldende-sentrale-forskrifter.tar.bz2``) as XHTML under NLOD 2.0. This module reads those archives (or
the same files unpacked, on one line or pretty-printed), keeps what the project needs (ids, titles, short
titles and abbreviations, ministries, dates, legal areas, what an instrument replaced, and every chapter
and § with its heading) and writes:

* ``lover.ttl.gz`` and ``forskrifter-N.ttl.gz``: the registry as gzipped Turtle, loaded as-is into the
  store's law graph (each part kept under 5 MB);
* ``index.json.gz``: a compact index derived from the same parse, so the citation linker starts fast
  without parsing RDF.

Every output is written to a temporary file in the target folder, checked, and only then moved into place
with :func:`os.replace`; a failed import leaves the previous registry as it was.

The parser is the standard library's expat with handlers for the few elements it needs, so the 4,200
documents (about 280 MB of XHTML) parse in seconds without a third-party dependency.
"""

from __future__ import annotations

import gzip
import hashlib
import html.entities
import io
import json
import os
import re
import tarfile
import tempfile
import time
import xml.parsers.expat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loaders import lovdata_registry as registry
from loaders.errors import InputError
from loaders.lovdata_registry import eli_iri, instrument_iri, provision_iri

# A Lovdata file name: nl-20050617-062.xml (law), sf-20111206-1355.xml (regulation),
# nl-18140517-000-nn.xml (a language version of a law).
_MEMBER = re.compile(r"(?:^|/)(nl|sf)-\d{8}-\d+(?:-[a-z]{2})?\.xml$")
_LOVDATA_ID = re.compile(r"^(LOV|FOR)-(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?$")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# Named HTML entities are not XML; the dump uses numeric references only, but a raw download may not.
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_SPACE = re.compile(r"\s+")
# «Kapittel 2 A. Varsling», «Kap. 15 Opphør», «KAPITTEL II. …»: the label prefix of a chapter heading.
_CHAPTER_HEADING = re.compile(
    r"^(?:kapittel|kap\.?)\s+[0-9IVXLCDM]+(?:\s*[A-Za-z](?![a-zæøå]))?(?:\.\d+)*\s*[.:–-]?\s*", re.I
)
_SECTION_HEADING = re.compile(r"^§\s*[0-9]+(?:\s*[A-Za-z])?(?:\s*-\s*\d+)*(?:\s*[a-z])?(?:\s*[.:–-])*\s*")
_CHAPTER_KEY = re.compile(r"^kap(.+)$")

# Header fields kept from ``dl.data-document-key-info``.
_FIELDS = frozenset(
    {
        "legacyID",
        "dokid",
        "refid",
        "title",
        "titleShort",
        "dateInForce",
        "ministry",
        "legalArea",
        "changesToDocuments",
        "dateOfPublication",
    }
)
_LIST_FIELDS = frozenset({"ministry", "legalArea"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Each registry part stays well under the project's 5 MB limit per committed file.
MAX_PART_BYTES = 4_500_000
_TRUNCATED = ("arkivet er avkorta: slutten manglar", "the archive is truncated: its end is missing")
_FILE_MODE = 0o644  # mkstemp makes private files; the registry is public data meant to be committed
LOVDATA = "https://lovdata.no/"
DATASET_IRI = "https://w3id.org/strategigraf/id/datasett/lovdata"
NLOD = "https://data.norge.no/nlod/no/2.0"
ATTRIBUTION_NB = "Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av Lovdata"
ATTRIBUTION_EN = (
    "Contains data under the Norwegian licence for Open Government data (NLOD) distributed by Lovdata"
)


@dataclass
class Provision:
    """A chapter or a § of one instrument, keyed by Lovdata's ``data-name`` (never by ``KAPITTEL_n``)."""

    key: str  # «§14-17», «kap15», «kap2A», or a path «delIII/kapI» when a label repeats inside the document
    kind: str  # "chapter" | "section"
    label: str  # «§ 14-17», «kap. 15», «kap. 2 A»
    headings: dict[str, str] = field(default_factory=dict)  # language → heading
    parent: Provision | None = None  # the enclosing chapter


@dataclass
class LovdataDocument:
    """One XHTML file of the dump, reduced to what the registry keeps."""

    source: str
    lang: str
    lovdata_id: str
    refid: str
    title: str
    title_short: str | None
    ministries: list[str]
    legal_areas: list[str]
    date_in_force: str | None
    date_of_publication: str | None
    changes: list[str]
    provisions: list[Provision]

    @property
    def kind(self) -> str:
        return "lov" if self.lovdata_id.startswith("LOV-") else "forskrift"


@dataclass
class Instrument:
    """An act or regulation: one or more language versions of the same Lovdata id, merged."""

    lovdata_id: str
    refid: str
    kind: str
    titles: dict[str, str]
    shorts: dict[str, str]  # language → short title without the abbreviation («Arbeidsmiljøloven»)
    abbreviations: list[str]
    lang: str  # language of the main version
    ministries: list[str]
    legal_areas: list[str]
    in_force: str | None  # first ISO date in «I kraft fra»
    date_in_force_text: str | None
    replaces: list[str] = field(default_factory=list)  # refids
    changes: list[str] = field(default_factory=list)
    provisions: dict[str, Provision] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return instrument_iri(self.refid)


@dataclass
class ImportReport:
    """What an import produced, for the command line and the benchmark."""

    documents: int
    law_documents: int
    regulation_documents: int
    acts: int
    regulations: int
    chapters: int
    sections: int
    files: dict[str, int]  # file name → size in bytes
    triples: int
    seconds: float
    dump_date: str

    def total_bytes(self) -> int:
        return sum(self.files.values())


# --------------------------------------------------------------------------------------------- reading


def iter_sources(paths: Iterable[str | Path]) -> Iterator[tuple[str, bytes]]:
    """Yield ``(name, bytes)`` for every Lovdata XHTML file in the given archives, folders or files.

    Raises :class:`InputError` for a path that does not exist, an archive that is corrupt or truncated, and
    a source that holds no Lovdata document at all.
    """
    for raw in paths:
        path = Path(raw)
        found = 0
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*.xml") if _MEMBER.search(p.as_posix())):
                found += 1
                yield file.relative_to(path).as_posix(), file.read_bytes()
        elif path.is_file() and path.suffix == ".xml":
            found += 1
            yield path.name, path.read_bytes()
        elif path.is_file():
            for name, data in _iter_tar(path):
                found += 1
                yield name, data
        else:
            raise InputError("fila eller mappa finst ikkje", "no such file or folder", path=path)
        if not found:
            raise InputError(
                "fann ingen Lovdata-dokument (nl-*.xml eller sf-*.xml) her",
                "no Lovdata documents (nl-*.xml or sf-*.xml) found here",
                path=path,
            )


def _diagnose(path: Path) -> str:
    """«truncated», «corrupt» or «other» for a compressed file tarfile could not open."""
    import bz2
    import lzma
    import zlib

    data = path.read_bytes()
    if data.startswith(b"BZh"):
        decompressor: object = bz2.BZ2Decompressor()
    elif data.startswith(b"\x1f\x8b"):
        decompressor = zlib.decompressobj(wbits=31)
    elif data.startswith(b"\xfd7zXZ\x00"):
        decompressor = lzma.LZMADecompressor()
    else:
        return "other"
    try:
        decompressor.decompress(data)  # type: ignore[attr-defined]
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return "corrupt"
    finished = getattr(decompressor, "eof", True)
    return "corrupt" if finished else "truncated"


def _iter_tar(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        archive = tarfile.open(path, mode="r:*")  # noqa: SIM115 - closed by the «with» below
    except (tarfile.TarError, EOFError, OSError) as error:
        # tarfile lists every compression it tried on several lines; the user needs to know which it is.
        nb, en = {
            "truncated": _TRUNCATED,
            "corrupt": ("arkivet er skadd", "the archive is corrupt"),
        }.get(
            _diagnose(path),
            (
                "ikkje eit lesbart arkiv (.tar, .tar.bz2, .tar.gz eller .tar.xz)",
                "not a readable archive (.tar, .tar.bz2, .tar.gz or .tar.xz)",
            ),
        )
        raise InputError(nb, en, path=path) from error
    with archive:
        try:
            for member in archive:
                if not member.isfile() or not _MEMBER.search(member.name):
                    continue
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                yield member.name, handle.read()
        except (tarfile.TarError, EOFError, OSError, ValueError) as error:
            # bz2 raises EOFError on a truncated stream and OSError on corrupt data.
            if isinstance(error, EOFError):  # bz2, gzip and xz all say so when the stream stops short
                raise InputError(*_TRUNCATED, path=path) from error
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise InputError(
                f"arkivet er skadd ({detail})", f"the archive is corrupt ({detail})", path=path
            ) from error


def dump_date_of(documents: Iterable[LovdataDocument]) -> str:
    """The newest «Kunngjort» (publication) date in the dump: a date the dump is certainly as new as.

    The archives carry no date of their own that survives repacking, so the default comes from the data;
    ``strategigraf lovdata import --dump-date`` records the real download date instead.
    """
    newest = max((first_date(d.date_of_publication) or "" for d in documents), default="")
    return newest or date.today().isoformat()


# --------------------------------------------------------------------------------------------- parsing


def _entity(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    code = html.entities.name2codepoint.get(name.decode("ascii"))
    return f"&#{code};".encode() if code is not None else match.group(0)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _Parser:
    """Streaming expat handlers; text is collected only inside the elements the registry keeps."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lang = "nb"
        self.fields: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.depth = 0
        self.field: str | None = None
        self.field_depth = 0
        self.texts: list[str] | None = None  # where character data goes now
        self.captures: list[tuple[int, list[str], str, object]] = []  # (depth, buffer, what, target)
        # Open structural elements: (depth, kind, data-name, provision or None)
        self.structure: list[tuple[int, str, str, Provision | None]] = []
        self.articles = 0  # open articles: a provision inside one is a quotation, not part of this document
        self.occurrences: list[tuple[Provision, str, int]] = []  # (provision, path key, nesting depth)
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    # -- text collection
    def _chars(self, data: str) -> None:
        if self.texts is not None:
            self.texts.append(data)

    def _capture(self, what: str, target: object = None) -> None:
        buffer: list[str] = []
        self.captures.append((self.depth, buffer, what, target))
        self.texts = buffer
        self.parser.CharacterDataHandler = self._chars

    def _release(self) -> None:
        _, buffer, what, target = self.captures.pop()
        text = _clean("".join(buffer))
        if self.captures:
            self.texts = self.captures[-1][1]
            # Inner captures (list items, header spans) are also part of the text around them.
            self.texts.append(" " + text + " ")
        else:
            self.texts = None
            self.parser.CharacterDataHandler = None
        self._store(what, target, text)

    def _store(self, what: str, target: object, text: str) -> None:
        if what == "field":
            assert isinstance(target, str)
            self.fields.setdefault(target, []).append(text)
            return
        if what == "item":
            assert isinstance(target, str)
            self.fields.setdefault(target + "/items", []).append(text)
            return
        assert isinstance(target, Provision)
        if what == "value":
            if text:
                target.label = text
        elif what == "title":
            text = _strip_stop(text)
            if text:
                target.headings.setdefault(self.lang, text)
        elif what in ("heading", "header"):
            if target.kind == "chapter":
                heading = _chapter_heading(text, target.label)
            else:
                heading = _section_heading(text)
            if heading:
                target.headings.setdefault(self.lang, heading)

    # -- elements
    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.field is not None:
            if tag == "a" and "href" in attrs:
                self.links.setdefault(self.field, []).append(attrs["href"])
            elif tag == "li" and self.field in _LIST_FIELDS:
                self._capture("item", self.field)
            return
        if tag == "section":
            self._section(attrs)
        elif tag == "article":
            self._article(attrs)
        elif self.captures:
            if tag == "span" and self.captures[-1][2] == "header":
                cls = attrs.get("class")
                if cls == "legalArticleValue":
                    self._capture("value", self.captures[-1][3])
                elif cls == "legalArticleTitle":
                    self._capture("title", self.captures[-1][3])
        elif tag in _HEADINGS and self.structure:
            depth, kind, _, provision = self.structure[-1]
            if provision is not None and depth == self.depth - 1 and self.lang not in provision.headings:
                if kind == "article-section":
                    if attrs.get("class") == "legalArticleHeader":
                        self._capture("header", provision)
                else:
                    self._capture("heading", provision)
        elif tag == "dd":
            cls = attrs.get("class", "")
            if cls in _FIELDS:
                self.field = cls
                self.field_depth = self.depth
                self._capture("field", cls)
        elif tag == "html":
            self.lang = "nn" if attrs.get("lang") == "nn" else "nb"

    def _path(self, name: str) -> str:
        return "/".join([s[2] for s in self.structure if s[2] and s[1] != "article"] + [name])

    def _parent(self) -> Provision | None:
        for _, kind, _, provision in reversed(self.structure):
            if kind == "chapter":
                return provision
        return None

    def _section(self, attrs: dict[str, str]) -> None:
        name = html.unescape(attrs.get("data-name", ""))
        if self.articles or not (name.startswith("kap") or name.startswith("§")):
            self.structure.append((self.depth, "container", name, None))
            return
        nesting = sum(1 for s in self.structure if s[1] in ("chapter", "container"))
        if name.startswith("kap"):
            provision = Provision(name, "chapter", _chapter_label(name), parent=self._parent())
            kind = "chapter"
        else:
            provision = Provision(name, "section", _section_label(name), parent=self._parent())
            kind = "section"
        self.occurrences.append((provision, self._path(name), nesting))
        self.structure.append((self.depth, kind, name, provision))

    def _article(self, attrs: dict[str, str]) -> None:
        name = html.unescape(attrs.get("data-name", ""))
        if attrs.get("class") == "legalArticle" and name.startswith("§") and not self.articles:
            provision = Provision(name, "section", _section_label(name), parent=self._parent())
            self.occurrences.append((provision, self._path(name), 0))
            self.structure.append((self.depth, "article-section", name, provision))
        else:
            self.structure.append((self.depth, "article", name, None))
        self.articles += 1

    def _end(self, tag: str) -> None:
        if self.captures and self.captures[-1][0] == self.depth:
            self._release()
        if self.field is not None and self.depth == self.field_depth:
            self.field = None
        if self.structure and self.structure[-1][0] == self.depth:
            kind = self.structure.pop()[1]
            if kind in ("article", "article-section"):
                self.articles -= 1
        self.depth -= 1


def _chapter_label(name: str) -> str:
    """``kap2A`` → «kap. 2 A», ``kap15`` → «kap. 15», ``kapII`` → «kap. II», ``kap1.2`` → «kap. 1.2»."""
    rest = name[3:]
    m = re.match(r"^(\d+(?:\.\d+)*)\s*([A-Za-z]?)$", rest)
    if m:
        return f"kap. {m.group(1)} {m.group(2)}".strip()
    return f"kap. {rest}"


def _section_label(name: str) -> str:
    """``§2A-6`` → «§ 2 A-6», ``§15-13a`` → «§ 15-13 a», ``§100`` → «§ 100»."""
    rest = name[1:]
    m = re.match(r"^(\d+)([A-Z]?)(-\d+)?([a-z]?)$", rest)
    if not m:
        return "§ " + rest
    number, capital, tail, small = m.groups()
    label = "§ " + number + (" " + capital if capital else "") + (tail or "")
    return label + (" " + small if small else "")


def _strip_stop(text: str) -> str:
    """Lovdata ends some headings with a full stop and not others; drop one so they read alike."""
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _chapter_heading(text: str, label: str) -> str:
    """«Kapittel 2 A. Varsling» → «Varsling»; «A. Om statsforma» (label «kap. A») → «Om statsforma»."""
    core = r"\s*".join(re.escape(part) for part in label[len("kap. ") :].split())
    own = re.compile(rf"^(?:(?:kapittel|kap\.?)\s*)?{core}\s*[.:–-]\s*", re.I)
    stripped = own.sub("", text, count=1)
    if stripped == text:
        stripped = _CHAPTER_HEADING.sub("", text, count=1)
    return _strip_stop(stripped)


def _section_heading(text: str) -> str:
    return _strip_stop(_SECTION_HEADING.sub("", text, count=1))


def parse_document(data: bytes, source: str) -> LovdataDocument:
    """Parse one Lovdata XHTML file (one-line or pretty-printed) into a :class:`LovdataDocument`.

    Raises :class:`InputError` for text that is not well-formed XML or has no Lovdata header.
    """
    if b"&" in data:
        data = _NAMED_ENTITY.sub(_entity, data)
    parser = _Parser(source)
    try:
        parser.parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise InputError(
            f"ikkje gyldig XHTML ({xml.parsers.expat.ErrorString(error.code)})",
            f"not well-formed XHTML ({xml.parsers.expat.ErrorString(error.code)})",
            path=source,
            line=error.lineno,
        ) from error
    fields = parser.fields
    legacy = (fields.get("legacyID") or [""])[0]
    refid = (fields.get("refid") or [""])[0]
    if not _LOVDATA_ID.match(legacy) or not re.match(r"^(lov|forskrift)/\d{4}-\d{2}-\d{2}(-\d+)?$", refid):
        raise InputError(
            "ikkje eit Lovdata-dokument: manglar datokode (LOV-/FOR-…) eller refID i dokumenthovudet",
            "not a Lovdata document: the header has no legacy id (LOV-/FOR-…) or refID",
            path=source,
        )
    return LovdataDocument(
        source=source,
        lang=parser.lang,
        lovdata_id=legacy,
        refid=refid,
        title=(fields.get("title") or [""])[0],
        title_short=(fields.get("titleShort") or [None])[0] or None,
        ministries=[m for m in fields.get("ministry/items", []) or fields.get("ministry", []) if m],
        legal_areas=[a for a in fields.get("legalArea/items", []) if a],
        date_in_force=(fields.get("dateInForce") or [None])[0],
        date_of_publication=(fields.get("dateOfPublication") or [None])[0],
        changes=[href for href in parser.links.get("changesToDocuments", [])],
        provisions=_keyed(parser.occurrences),
    )


def _keyed(occurrences: list[tuple[Provision, str, int]]) -> list[Provision]:
    """Give every provision a unique key: its ``data-name`` where that is unique, else a path.

    Some documents repeat a label inside appendices or embedded conventions («kapI» under «delIII»); the
    shallowest occurrence keeps the plain label (that is what a citation names) and the others are keyed
    by their path. A § that Lovdata repeats with the same URL is kept once.
    """
    by_name: dict[str, list[tuple[Provision, str, int]]] = {}
    for occurrence in occurrences:
        by_name.setdefault(occurrence[0].key, []).append(occurrence)
    result: list[Provision] = []
    seen: set[str] = set()
    for provision, path, _ in occurrences:
        group = by_name[provision.key]
        if len(group) > 1:
            plain = min(group, key=lambda o: o[2])[0]
            if provision is not plain:
                if provision.kind == "section":
                    continue  # the same § twice: Lovdata's own duplicate, keep the first
                provision.key = path
        if provision.key in seen:
            continue
        seen.add(provision.key)
        result.append(provision)
    return result


# --------------------------------------------------------------------------------------------- merging


def split_short_title(title_short: str | None, kind: str) -> tuple[str | None, list[str]]:
    """«Arbeidsmiljøloven – aml» → («Arbeidsmiljøloven», ["aml"]).

    A law's short title names its abbreviation after « – ». A regulation's tail is only an abbreviation when
    it looks like one (all capitals: «PKK», «FOSA»; or another name of a regulation), because regulations
    also use « – » for subtitles («Forskrift om omsorgspoeng – barn», «… – Svalbard»).
    """
    if not title_short:
        return None, []
    if " – " not in title_short:
        return title_short.strip(), []
    head, tail = title_short.rsplit(" – ", 1)
    tail = tail.strip()
    looks_short = bool(tail) and " " not in tail and len(tail) <= 16
    if looks_short and (kind == "lov" or tail.isupper() or re.search(r"forskrift(en|a)$", tail)):
        return head.strip(), [tail]
    return title_short.strip(), []


def first_date(text: str | None) -> str | None:
    """The earliest ISO date in «I kraft fra» («2004-07-01, 2005-01-01» → 2004-07-01), if any."""
    if not text:
        return None
    dates = []
    for m in _ISO_DATE.finditer(text):
        try:
            dates.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return min(dates).isoformat() if dates else None


def merge(documents: Iterable[LovdataDocument]) -> dict[str, Instrument]:
    """Group documents by Lovdata id; a nynorsk version (Grunnlova) adds @nn titles and headings."""
    instruments: dict[str, Instrument] = {}
    for doc in documents:
        short, abbreviations = split_short_title(doc.title_short, doc.kind)
        if short:
            # «Grunnloven (bokmål)»: the language note is Lovdata's, not part of the name.
            short = re.sub(r"\s*\((bokmål|nynorsk)\)\s*", " ", short).strip()
        current = instruments.get(doc.lovdata_id)
        if current is None:
            current = Instrument(
                lovdata_id=doc.lovdata_id,
                refid=doc.refid,
                kind=doc.kind,
                titles={},
                shorts={},
                abbreviations=[],
                lang=doc.lang,
                ministries=doc.ministries,
                legal_areas=doc.legal_areas,
                in_force=first_date(doc.date_in_force),
                date_in_force_text=doc.date_in_force,
                changes=list(dict.fromkeys(c for c in doc.changes if c)),
            )
            instruments[doc.lovdata_id] = current
        elif doc.lang == "nb" or (current.lang != "nb" and doc.lang == "nn" and current.lang == "nn"):
            current.lang = doc.lang
        current.sources.append(doc.source)
        current.titles.setdefault(doc.lang, doc.title)
        if short:
            current.shorts.setdefault(doc.lang, short)
        for abbreviation in abbreviations:
            if abbreviation not in current.abbreviations:
                current.abbreviations.append(abbreviation)
        for provision in doc.provisions:
            existing = current.provisions.get(provision.key)
            if existing is None:
                current.provisions[provision.key] = provision
            else:
                for lang, heading in provision.headings.items():
                    existing.headings.setdefault(lang, heading)
    # An instrument «replaces» what it changed that is no longer in force: the dump holds only current
    # instruments, so a changed document missing from it was repealed (Lovdata's «Endrer» field).
    current_refids = {i.refid for i in instruments.values()}
    for instrument in instruments.values():
        instrument.replaces = [c for c in instrument.changes if c not in current_refids and _is_refid(c)]
    return instruments


def _is_refid(text: str) -> bool:
    return bool(re.match(r"^(lov|forskrift)/\d{4}-\d{2}-\d{2}(-\d+)?$", text))


# --------------------------------------------------------------------------------------------- writing

_PREFIXES = """@prefix sg:      <https://w3id.org/strategigraf/ont#> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _lit(text: str, lang: str | None = None) -> str:
    escaped = text.translate(_ESCAPES)
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _date(value: str) -> str:
    return f'"{value}"^^xsd:date'


def _iri(value: str) -> str:
    return f"<{value}>"


def _block(subject: str, pairs: list[tuple[str, str]]) -> str:
    lines = [f"{_iri(subject)} {pairs[0][0]} {pairs[0][1]}"]
    lines += [f"    {p} {o}" for p, o in pairs[1:]]
    return " ;\n".join(lines) + " .\n"


def _date_of_id(lovdata_id: str) -> str | None:
    m = _LOVDATA_ID.match(lovdata_id)
    if not m:
        return None
    try:
        return date(int(m.group(2)), int(m.group(3)), int(m.group(4))).isoformat()
    except ValueError:
        return None


def instrument_turtle(instrument: Instrument) -> tuple[str, int]:
    """Turtle for one instrument and all its provisions, with the number of triples written."""
    lang = instrument.lang
    cls = "sg:Act" if instrument.kind == "lov" else "sg:Regulation"
    pairs: list[tuple[str, str]] = [
        ("a", f"{cls} , sg:LegalInstrument , eli:LegalResource"),
        ("sg:lovdataId", _lit(instrument.lovdata_id)),
        ("eli:id_local", _lit(instrument.lovdata_id)),
        ("sg:refId", _lit(instrument.refid)),
    ]
    triples = 6
    for tl, title in sorted(instrument.titles.items()):
        pairs.append(("eli:title", _lit(title, tl)))
        triples += 1
    label = instrument.shorts or instrument.titles
    for sl, short in sorted(instrument.shorts.items()):
        pairs.append(("eli:title_short", _lit(short, sl)))
        triples += 1
    for ll, text in sorted(label.items()):
        pairs.append(("rdfs:label", _lit(text, ll)))
        triples += 1
    for abbreviation in instrument.abbreviations:
        pairs.append(("sg:abbreviation", _lit(abbreviation, lang)))
        triples += 1
    for ministry in instrument.ministries:
        pairs.append(("sg:ministry", _lit(ministry, lang)))
        triples += 1
    for area in instrument.legal_areas:
        pairs.append(("sg:legalArea", _lit(area, lang)))
        triples += 1
    document_date = _date_of_id(instrument.lovdata_id)
    if document_date:
        pairs.append(("eli:date_document", _date(document_date)))
        triples += 1
    if instrument.in_force:
        pairs.append(("eli:first_date_entry_in_force", _date(instrument.in_force)))
        triples += 1
    for refid in instrument.replaces:
        pairs.append(("sg:replaces", _iri(instrument_iri(refid))))
        triples += 1
    pairs.append(("rdfs:seeAlso", _iri(eli_iri(instrument.lovdata_id))))
    triples += 1
    chunks = [_block(instrument.iri, pairs)]
    for provision in instrument.provisions.values():
        iri = provision_iri(instrument.refid, provision.key)
        kind = "sg:LegalChapter" if provision.kind == "chapter" else "sg:LegalSection"
        parts = [_iri(instrument.iri)]
        parent = provision.parent
        if parent is not None and instrument.provisions.get(parent.key) is parent:
            parts.append(_iri(provision_iri(instrument.refid, parent.key)))
        ppairs = [
            ("a", f"{kind} , sg:LegalProvision"),
            ("eli:is_part_of", " , ".join(parts)),
            ("sg:provisionLabel", _lit(provision.label)),
        ]
        triples += 3 + len(parts)
        for hl, heading in sorted(provision.headings.items()):
            ppairs.append(("eli:title", _lit(heading, hl)))
            triples += 1
        chunks.append(_block(iri, ppairs))
    return "".join(chunks), triples


def dataset_turtle(dump_date: str) -> tuple[str, int]:
    """The registry's own description: source, licence and the attribution NLOD 2.0 asks for."""
    pairs = [
        ("dcterms:title", _lit("Lovregister frå Lovdata sine opne data", "nn")),
        ("dcterms:title", _lit("Lovregister fra Lovdatas åpne data", "nb")),
        ("dcterms:title", _lit("Law registry from Lovdata's open data", "en")),
        ("dcterms:source", _iri("https://api.lovdata.no/v1/publicData/list")),
        ("dcterms:publisher", _iri(LOVDATA)),
        ("dcterms:license", _iri(NLOD)),
        ("dcterms:issued", _date(dump_date)),
        ("rdfs:comment", _lit(ATTRIBUTION_NB, "nb")),
        (
            "rdfs:comment",
            _lit(ATTRIBUTION_EN, "en"),
        ),
    ]
    return _block(DATASET_IRI, pairs), len(pairs)


class _PartWriter:
    """Writes gzipped Turtle parts into temporary files, starting a new part before one grows too large."""

    def __init__(self, folder: Path, stem: str, numbered: bool) -> None:
        self.folder = folder
        self.stem = stem
        self.numbered = numbered
        self.parts: list[tuple[str, Path, int]] = []  # (final name, temp path, triples)
        self._raw: io.BufferedWriter | None = None
        self._gz: gzip.GzipFile | None = None
        self._triples = 0

    def _open(self) -> None:
        number = len(self.parts) + 1
        name = f"{self.stem}-{number}.ttl.gz" if self.numbered else f"{self.stem}.ttl.gz"
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        os.chmod(temp, _FILE_MODE)
        self._raw = os.fdopen(handle, "wb")
        # mtime=0 and no file name: the same dump always gives byte-identical files (clean git diffs).
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0, compresslevel=9)
        self._gz.write(_PREFIXES.encode())
        self._triples = 0
        self.parts.append((name, Path(temp), 0))

    def write(self, text: str, triples: int) -> None:
        if self._gz is None:
            self._open()
        elif self.numbered and self._raw is not None and self._raw.tell() > MAX_PART_BYTES - 400_000:
            self._close()
            self._open()
        assert self._gz is not None
        self._gz.write(b"\n" + text.encode("utf-8"))
        self._triples += triples

    def _close(self) -> None:
        if self._gz is not None and self._raw is not None:
            self._gz.close()
            self._raw.close()
            name, temp, _ = self.parts[-1]
            self.parts[-1] = (name, temp, self._triples)
        self._gz = None
        self._raw = None

    def close(self) -> list[tuple[str, Path, int]]:
        self._close()
        return self.parts


def build_index(
    instruments: dict[str, Instrument],
    dump_date: str,
    files: dict[str, dict[str, object]],
    counts: dict[str, int] | None = None,
) -> dict:
    """The linker's index: names, in-force dates and the provision keys of every instrument.

    ``common_words`` lists short names (abbreviations, one-word short titles) that also occur as ordinary
    words in the headings of the dump; the linker accepts those only with a provision after them.
    """
    # The ordinary words of the dump's titles and headings: a short name that is also one of them
    # («sel», «fjell», «Svalbard») is not enough on its own to make a citation.
    vocabulary: set[str] = set()
    for instrument in instruments.values():
        texts = list(instrument.titles.values()) + [
            heading for provision in instrument.provisions.values() for heading in provision.headings.values()
        ]
        for text in texts:
            # Lower-case occurrences only: «sel» and «fjell» are words, «Svalbardtraktaten» is a name.
            vocabulary.update(w for w in re.findall(r"[^\W\d_]+", text) if w.islower())
    records = []
    candidates: set[str] = set()
    for instrument in sorted(instruments.values(), key=lambda i: i.lovdata_id):
        provisions = instrument.provisions.items()
        sections = [k[1:] for k, p in provisions if p.kind == "section" and k.startswith("§")]
        chapters = [k[3:] for k, p in provisions if p.kind == "chapter" and k.startswith("kap")]
        records.append(
            {
                "id": instrument.lovdata_id,
                "refid": instrument.refid,
                "kind": instrument.kind,
                "lang": instrument.lang,
                "titles": instrument.titles,
                "shorts": instrument.shorts,
                "abbr": instrument.abbreviations,
                "in_force": instrument.in_force,
                "replaces": instrument.replaces,
                "sections": " ".join(sections),
                "chapters": " ".join(chapters),
            }
        )
        candidates.update(a.lower().rstrip(".") for a in instrument.abbreviations)
        candidates.update(
            s.lower()
            for s in instrument.shorts.values()
            if " " not in s and not s.lower().endswith(registry.INSTRUMENT_SUFFIXES)
        )
    return {
        "format": registry.INDEX_FORMAT,
        "dump_date": dump_date,
        "attribution": ATTRIBUTION_NB,
        "licence": NLOD,
        "files": files,
        "common_words": sorted(c for c in candidates if c in vocabulary),
        "counts": counts,
        "instruments": records,
    }


def _count(instruments: dict[str, Instrument], kind: str) -> int:
    return sum(1 for i in instruments.values() for p in i.provisions.values() if p.kind == kind)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _validate_part(path: Path, expected: int) -> None:
    """Parse a freshly written part with Oxigraph and check its triple count before it replaces anything."""
    import pyoxigraph

    with gzip.open(path, "rb") as handle:
        try:
            count = sum(1 for _ in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE))
        except SyntaxError as error:  # pyoxigraph reports Turtle errors as SyntaxError
            raise InputError(
                f"den genererte registerfila er ikkje gyldig Turtle ({error})",
                f"the generated registry file is not valid Turtle ({error})",
                path=path,
            ) from error
    if count != expected:
        raise InputError(
            f"den genererte registerfila har {count} trippel, venta {expected}",
            f"the generated registry file has {count} triples, expected {expected}",
            path=path,
        )


def import_lovdata(
    sources: Iterable[str | Path],
    out_dir: str | Path | None = None,
    *,
    dump_date: str | None = None,
    progress: bool = False,
) -> ImportReport:
    """Read Lovdata archives or folders and write the registry into ``out_dir`` (default ``data/lovdata``).

    Nothing in ``out_dir`` changes unless every document parses and every output validates.
    """
    started = time.perf_counter()
    sources = [Path(s) for s in sources]
    if not sources:
        raise InputError("ingen arkiv oppgjeve", "no archive given")
    folder = Path(out_dir) if out_dir is not None else registry.registry_dir()
    folder.mkdir(parents=True, exist_ok=True)
    documents: list[LovdataDocument] = []
    law_docs = regulation_docs = 0
    in_sources = ((source, name, data) for source in sources for name, data in iter_sources([source]))
    for source, name, data in in_sources:
        try:
            doc = parse_document(data, name)
        except InputError as error:  # name the archive (or folder) as well as the file inside it
            where = str(source) if source.is_file() and source.suffix == ".xml" else f"{source}: {name}"
            raise InputError(error.message_nn, error.message_en, path=where, line=error.line) from error
        documents.append(doc)
        if doc.kind == "lov":
            law_docs += 1
        else:
            regulation_docs += 1
        if progress and len(documents) % 500 == 0:
            print(f"  {len(documents)} …", flush=True)
    if not law_docs or not regulation_docs:
        # A registry of laws alone would silently drop every regulation from the law graph.
        missing_nb, missing_en = ("lover", "laws") if not law_docs else ("forskrifter", "regulations")
        raise InputError(
            f"fann ingen {missing_nb} i dumpen; gje både gjeldende-lover og gjeldende-sentrale-forskrifter",
            f"found no {missing_en} in the dump; give gjeldende-lover and gjeldende-sentrale-forskrifter",
            path=sources[0],
        )
    instruments = merge(documents)
    if dump_date is None:
        dump_date = dump_date_of(documents)
    elif not re.match(r"^\d{4}-\d{2}-\d{2}$", dump_date):
        raise InputError(
            f"ugyldig dato «{dump_date}» (bruk ÅÅÅÅ-MM-DD)", f"invalid date «{dump_date}» (use YYYY-MM-DD)"
        )
    # The curated file is part of the registry; a broken hand edit stops the import before anything moves.
    curated = folder / registry.CURATED
    if curated.exists():
        registry.check_rdf_file(curated)

    temps: list[Path] = []
    try:
        laws = _PartWriter(folder, "lover", numbered=False)
        text, count = dataset_turtle(dump_date)
        laws.write(text, count)
        regulations = _PartWriter(folder, "forskrifter", numbered=True)
        for instrument in sorted(instruments.values(), key=lambda i: i.lovdata_id):
            text, count = instrument_turtle(instrument)
            (laws if instrument.kind == "lov" else regulations).write(text, count)
        parts = laws.close() + regulations.close()
        temps.extend(temp for _, temp, _ in parts)
        files: dict[str, dict[str, object]] = {}
        for name, temp, count in parts:
            _validate_part(temp, count)
            size = temp.stat().st_size
            if size > 5_000_000:
                raise InputError(
                    f"registerfila {name} vart {size} byte, over grensa på 5 MB",
                    f"registry file {name} is {size} bytes, over the 5 MB limit",
                    path=folder,
                )
            files[name] = {"sha256": _sha256(temp), "triples": count, "bytes": size}
        counts = {
            "law_documents": law_docs,
            "regulation_documents": regulation_docs,
            "acts": sum(1 for i in instruments.values() if i.kind == "lov"),
            "regulations": sum(1 for i in instruments.values() if i.kind == "forskrift"),
            "chapters": _count(instruments, "chapter"),
            "sections": _count(instruments, "section"),
        }
        index = build_index(instruments, dump_date, files, counts)
        handle, index_temp = tempfile.mkstemp(prefix=f".{registry.INDEX}.", suffix=".tmp", dir=folder)
        os.chmod(index_temp, _FILE_MODE)
        temps.append(Path(index_temp))
        payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
        with os.fdopen(handle, "wb") as raw:
            raw.write(gzip.compress(payload, mtime=0))
        registry.read_index(Path(index_temp))  # validates what the linker will read
        # The curated names must still find their acts (or successors) in the new registry.
        registry.registry_from(index, curated if curated.exists() else None, None)
        # Everything is written and checked: move it into place, then drop parts a smaller dump no longer has.
        old_parts = set(registry.generated_files(folder))
        for name, temp, _ in parts:
            os.replace(temp, folder / name)
        os.replace(index_temp, folder / registry.INDEX)
        for stale in old_parts - {folder / name for name, _, _ in parts}:
            stale.unlink(missing_ok=True)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    registry.clear_caches()

    return ImportReport(
        documents=len(documents),
        law_documents=law_docs,
        regulation_documents=regulation_docs,
        acts=counts["acts"],
        regulations=counts["regulations"],
        chapters=counts["chapters"],
        sections=counts["sections"],
        files={name: int(info["bytes"]) for name, info in files.items()},  # type: ignore[call-overload]
        triples=sum(int(info["triples"]) for info in files.values()),  # type: ignore[call-overload]
        seconds=time.perf_counter() - started,
        dump_date=dump_date,
    )
