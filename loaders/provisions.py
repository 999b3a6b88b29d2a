"""How a provision is written after or before a name, and how it is looked up in the registry.

The grammar of Norwegian legal citation that the citation linker (:mod:`loaders.citations`) applies after a
name has been found: «§ 14-17 (1)», «§§ 6–10», «kap 15», «§ 13-1, 7. ledd», «§ 100 i Grunnloven», chains
(«§ 16 og § 20», «§ 14-9, jf. § 14-12», «§ 10-2 første ledd bokstav b) og 10-6») and numbers split by PDF
spacing («§14 -1b», «§ 14\n-3»); and the lookup of a cited § or chapter among the act's keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import lovdata_registry as registry
from loaders import lovdata_urls
from loaders.citation_forms import DETAIL, ORDINALS, detail_label

# A section number: «14-17», «2 A-6», «15-13 a», «100». A small letter is part of it («13 a»), but not the
# preposition in «§ 13 i forvaltningsloven».
# PDF text splits a number with spaces or a line break («§ 14 -3», «§ 14\n-3»).
_ITEM = (
    r"\d+(?:[ \t]?[A-Z](?=[ \t]*[-–][ \t]?\d))?(?:[ \t]*(?:\n[ \t]*)?[-–][ \t]?\d+)?"
    r"(?:[ \t]?(?!i[ \t]+[\wæøåÆØÅ])[a-z](?![\wæøåÆØÅ])|[ \t]?[A-Z](?![\wæøåÆØÅ]))?"
)
_ORDINALS = ORDINALS
_LEDD = (
    r"(?:[ \t]?\((?P<ledd1>\d+)\)"
    r"|[ \t]?,?[ \t]?(?P<ledd2>\d+)\.[ \t]?ledd"
    r"|[ \t]+(?P<ledd3>" + "|".join(_ORDINALS) + r")[ \t]+ledd)"
)
_CHAPTER = r"(?i:kap(?:ittel|\.)?)[ \t]?(?P<chap>\d+(?:[ \t]?[A-Z](?![\wæøåÆØÅ]))?|[IVXLC]+(?![\wæøåÆØÅ]))"
_SEPARATOR = r"(?:[ \t]?[-–][ \t]?|[ \t]+til[ \t]+|[ \t]*,[ \t]*|[ \t]+og[ \t]+|[ \t]+eller[ \t]+)"
_SECTIONS = rf"(?P<multi>§§)[ \t]?(?P<items>{_ITEM}(?:{_SEPARATOR}{_ITEM})*)"
_SECTION = rf"§[ \t]?(?P<one>{_ITEM})(?:{_LEDD})?{DETAIL}"
# After the name: optional edition note («mv., 8. utg., Kap. 6») and at most one line break.
_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*\d+\.[ \t]*utg(?:ave|\.)?[ \t]*,[ \t]*)?(?:\n[ \t]*)?"
    rf"(?:{_SECTIONS}|{_SECTION}|{_CHAPTER})"
)
# A chain: «§ 16 og § 20», «§ 14-9, jf. § 14-12»; and, without the sign, a chapter-numbered § after «og»
# or a comma («§ 10-2 første ledd bokstav b) og 10-6»).
_MORE = re.compile(
    rf"(?:[ \t]?,[ \t]?|[ \t]+og[ \t]+|[ \t]+eller[ \t]+|(?:[ \t]*,)?[ \t]*(?:jf|jfr|jamfør)\.?[ \t]+){_SECTION}"
)
_MORE_BARE = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+og[ \t]+|[ \t]+eller[ \t]+)"
    r"(?P<one>\d+[ \t]?[-–][ \t]?\d+(?:[ \t]?[a-z](?![\wæøåÆØÅ]))?)"
    r"(?=[ \t]*(?:[.,;:)\]]|\n|\Z|\(\d|bokst|nr\.|i[ \t]|jf|og[ \t]|eller[ \t]|"
    + "|".join(ORDINALS) + rf"))(?:{_LEDD})?{DETAIL}"
)
# Before the name: «§ 100 i Grunnloven», «kapittel 15 i aml».
_BEFORE = re.compile(rf"(?:{_SECTION}|{_CHAPTER})[ \t]+i[ \t]+\Z")
_LIST_ITEM = re.compile(rf"(?P<sep>^|{_SEPARATOR})(?P<item>{_ITEM})")
_ITEM_PARTS = re.compile(r"^(\d+)(?:[ \t]?([A-Z]))?(?:\s*[-–][ \t]?(\d+))?(?:[ \t]?([a-z]))?$")


@dataclass
class _Provision:
    label: str  # normalised: «§ 14-17 (1)», «kap. 15», «§§ 6–10»
    kind: str  # "section" | "chapter" | "range"
    keys: tuple[str, ...]  # compact keys to look up: «14-17», «15»; a range has two
    start: int
    end: int
    single: tuple[str, str] | None = None  # «§§ 3-4» might be the single § 3-4: (key, label)


_ROMAN = (
    ("M", 1000),
    ("CM", 900),
    ("D", 500),
    ("CD", 400),
    ("C", 100),
    ("XC", 90),
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
)


def _roman_or_arabic(key: str) -> str:
    """«5» ↔ «V»: acts number chapters in Roman numerals, texts often cite them in Arabic, and back."""
    if key.isdigit():
        number, out = int(key), ""
        for numeral, value in _ROMAN:
            while number >= value:
                out, number = out + numeral, number - value
        return out
    total, rest = 0, key.upper()
    for numeral, value in _ROMAN:
        while rest.startswith(numeral):
            total, rest = total + value, rest[len(numeral) :]
    return str(total) if total and not rest else key


def _label_of_key(key: str) -> str:
    if key.startswith("kap"):
        return "kap. " + _spaced(key[3:])
    return "§ " + _spaced(key.lstrip("§"))


def _spaced(key: str) -> str:
    """«2A-6» → «2 A-6», «15-13a» → «15-13 a», «2A» → «2 A»."""
    key = re.sub(r"^(\d+)([A-Z])", r"\1 \2", key)
    return re.sub(r"(\d)([a-z])$", r"\1 \2", key)


def _item(raw: str) -> tuple[str, str] | None:
    """«2 A-6» → key «2A-6», label «2 A-6»; «15-13 a» → «15-13a», «15-13 a»."""
    m = _ITEM_PARTS.match(raw.strip())
    if not m:
        return None
    number, capital, sub, letter = m.groups()
    key = number + (capital or "") + (f"-{sub}" if sub else "") + (letter or "")
    label = number + (f" {capital}" if capital else "") + (f"-{sub}" if sub else "")
    label += f" {letter}" if letter else ""
    return key, label


def _ledd(m: re.Match[str]) -> str:
    value = m.group("ledd1") or m.group("ledd2")
    if value:
        return f" ({int(value)})"
    word = m.group("ledd3")
    return f" ({_ORDINALS[word]})" if word else ""


def _parts(m: re.Match[str]) -> str:
    """Ledd, bokstav, nr. and punktum of a § match, normalised: « (1) bokstav b»."""
    return _ledd(m) + detail_label(m)


def _section_provision(m: re.Match[str], start: int) -> list[_Provision]:
    """The provisions of one «§ …» or «§§ …» match: single sections, lists and ranges."""
    if not m.groupdict().get("multi"):
        parsed_one = _item(m.group("one"))
        if parsed_one is None:
            return []
        key, label = parsed_one
        return [_Provision(f"§ {label}{_parts(m)}", "section", (key,), start, m.end())]
    base = m.start("items")
    items = []
    for x in _LIST_ITEM.finditer(m.group("items")):
        parsed = _item(x.group("item"))
        if parsed is None:
            return []
        is_range = bool(re.fullmatch(r"\s*(?:[-–]|til)\s*", x.group("sep") or "")) and bool(items)
        items.append((parsed, base + x.start("item"), base + x.end("item"), is_range))
    if len(items) == 1:
        # «§§ 6–10»: a single «a-b» after the plural sign is a range of whole sections, unless the act
        # numbers its sections by chapter and has a § a-b («panteloven §§ 3-4»); _lookup decides.
        (key, label), _, end, _ = items[0]
        low, _, high = key.partition("-")
        if low.isdigit() and high.isdigit() and int(low) < int(high):
            return [_Provision(f"§§ {low}–{high}", "range", (low, high), start, end, (key, f"§ {label}"))]
    result: list[_Provision] = []
    for n, ((key, label), item_start, item_end, is_range) in enumerate(items):
        if is_range and result and result[-1].kind == "section":
            # «§§ 12-1 til 12-10, 12-12»: the previous item opens a range that ends here.
            first = result.pop()
            low_label = first.label[2:]
            keys = (first.keys[0], key)
            result.append(_Provision(f"§§ {low_label}–{label}", "range", keys, first.start, item_end))
            continue
        result.append(_Provision(f"§ {label}", "section", (key,), start if n == 0 else item_start, item_end))
    return result


def _chapter_provision(m: re.Match[str], start: int) -> list[_Provision]:
    raw = m.group("chap")
    compact = raw.replace(" ", "").replace("\t", "")
    label = "kap. " + _spaced(compact)
    return [_Provision(label, "chapter", (compact,), start, m.end())]


def _parse_after(text: str, pos: int) -> list[_Provision] | None:
    m = _AFTER.match(text, pos)
    if not m:
        return None
    if m.group("multi") is not None:
        start = m.start("multi")
    elif m.group("one") is not None:
        start = text.rfind("§", pos, m.start("one"))
    else:
        start = _chapter_start(text, pos, m.start("chap"))
    if m.group("multi") or m.group("one"):
        provisions = _section_provision(m, start)
        if m.group("one") and provisions:
            # «åndsverkloven § 16 og § 20», «aml § 15-13, § 15-14»: more sections, each with its sign.
            end = m.end()
            while more := (_MORE.match(text, end) or _MORE_BARE.match(text, end)):
                parsed = _item(more.group("one"))
                if parsed is None:
                    break
                key, label = parsed
                sign = text.find("§", more.start(), more.start("one"))
                sign = more.start("one") if sign < 0 else sign
                provisions.append(_Provision(f"§ {label}{_parts(more)}", "section", (key,), sign, more.end()))
                end = more.end()
    else:
        provisions = _chapter_provision(m, start)
    return provisions or None


def _chapter_start(text: str, pos: int, chap: int) -> int:
    window = text[pos:chap]
    found = re.search(r"(?i:kap)", window)
    return pos + found.start() if found else chap


def _parse_before(text: str, start: int, consumed: int) -> _Provision | None:
    low = max(consumed, start - 80)
    m = _BEFORE.search(text[low:start])
    if not m:
        return None
    span_start = low + m.start()
    if m.group("one") is not None:
        provisions = _section_provision(m, span_start)
    else:
        provisions = _chapter_provision(m, span_start)
    return provisions[0] if provisions else None


def _lookup(info: registry.InstrumentInfo, provision: _Provision) -> tuple[str | None, str | None]:
    """The IRI of a cited provision, or the part of it that does not exist."""
    if provision.kind == "chapter":
        cited = provision.keys[0]
        key = info.chapter_key(cited) or info.chapter_key(_roman_or_arabic(cited))
        if key is None:
            return None, provision.label
        return registry.provision_iri(info.refid, "kap" + key), None
    if provision.single is not None:
        data_name = info.section_key(provision.single[0])
        if data_name is not None:
            provision.label = provision.single[1]
            return registry.provision_iri(info.refid, "§" + data_name), None
    found = []
    for key in provision.keys:
        data_name = info.section_key(key)
        if data_name is None:
            label = "§ " + _spaced(key)
            return None, label
        found.append(data_name)
    return registry.provision_iri(info.refid, "§" + found[0]), None


def provision_spans(
    start: int, name_end: int, after: list[_Provision] | None, before: _Provision | None
) -> list[tuple[tuple[int, int], str | None]]:
    """The span and label of each citation a name with its provisions gives: the first provision after the
    name spans from the name, each further one is its own span; a provision before the name spans to it."""
    if before:
        return [((before.start, name_end), before.label)]
    if not after:
        return [((start, name_end), None)]
    return [((start, p.end) if n == 0 else (p.start, p.end), p.label) for n, p in enumerate(after)]


def address_provision(
    info: registry.InstrumentInfo, target: lovdata_urls.LovdataTarget, start: int, end: int
) -> _Provision | None:
    """The provision a Lovdata address points at, as the written form would give it."""
    if target.section:
        key = target.section
        return _Provision(_label_of_key("§" + key), "section", (key,), start, end)
    chapter = target.chapter
    if target.position is not None:
        chapter = lovdata_urls.chapter_at(info._chapters.split(), target.position)
    if chapter:
        return _Provision("kap. " + _spaced(chapter), "chapter", (chapter,), start, end)
    return None
