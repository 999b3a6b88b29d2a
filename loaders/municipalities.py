"""The bundled register of Norway's municipalities and county municipalities, and a name resolver.

The register (``data/register/kommuner.csv``, described in ``data/register/README.md``) holds the 357
municipalities (kommuner) and 15 county municipalities (fylkeskommuner) of the structure in force since
1 January 2024, with the numbers each had before as aliases. This module loads it once and answers:

* :func:`by_number` — current or former number → the current entity;
* :func:`resolve` — a free-text mention («RØROS KOMMUNES», «Våler (Innlandet)», «Vestland fylkeskommune»)
  → the entity, or ``None`` when the text does not pin down exactly one;
* :func:`candidates` — every entity a mention may refer to, so callers can report an ambiguity;
* :func:`find_in_text` / :func:`find_mentions` — every «<Name> kommune/herad/fylkeskommune» in a text,
  with character offsets.

Names are compared case-insensitively after Unicode normalisation (NFC), with runs of whitespace
collapsed and dash variants unified, so «ELVERUM  KOMMUNE» and «Elverum kommune» are the same mention.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from loaders.errors import InputError
from loaders.resources import data_dir

Kind = Literal["kommune", "fylkeskommune"]

COLUMNS: tuple[str, ...] = (
    "number",
    "kind",
    "name_nb",
    "name_nn",
    "other_names",
    "county",
    "former_numbers",
)

_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_DIGITS = {"kommune": 4, "fylkeskommune": 2}


@dataclass(frozen=True)
class Municipality:
    """One current municipality or county municipality of the register.

    ``other_names`` holds official Sami and Kven parallel names as ``(name, language tag)`` pairs,
    e.g. ``(("Guovdageaidnu", "se"),)``. ``county`` is the two-digit county number of a municipality and
    ``None`` for a county municipality. ``former_numbers`` lists the numbers the entity (or the units
    merged into it) had before, newest first.
    """

    number: str
    kind: Kind
    name_nb: str
    name_nn: str
    other_names: tuple[tuple[str, str], ...] = ()
    county: str | None = None
    former_numbers: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every official name of the entity (bokmål, nynorsk, Sami/Kven), without repeats."""
        return tuple(dict.fromkeys((self.name_nb, self.name_nn, *(name for name, _ in self.other_names))))

    @property
    def label(self) -> str:
        """A display label such as «Elverum kommune» or «Vestland fylkeskommune»."""
        return f"{self.name_nb} {self.kind}"


@dataclass(frozen=True)
class Mention:
    """A «<Name> kommune»-style mention found in a text.

    ``start``/``end`` are character offsets of the whole mention (name and suffix) in the text.
    ``candidates`` holds every entity the mention may refer to: one when it is unambiguous, two or more
    when the name is shared (e.g. «Herøy kommune» without a county).
    """

    text: str
    start: int
    end: int
    candidates: tuple[Municipality, ...]

    @property
    def entity(self) -> Municipality | None:
        """The entity, or ``None`` when the mention is ambiguous."""
        return self.candidates[0] if len(self.candidates) == 1 else None


# ---------------------------------------------------------------------------------------------------
# Normalisation and the words around a name
# ---------------------------------------------------------------------------------------------------

_DASHES = re.compile(r"\s*[-‐‑‒–—−]\s*")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t\r\n\"'«»“”„‘’‚,.;:!?"


def _norm(text: str) -> str:
    """The comparison key of a name: NFC, casefolded, one space between words, one kind of dash."""
    text = unicodedata.normalize("NFC", text)
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text)
    return text.strip(_EDGE_PUNCT).casefold()


# Words after a name that say what kind of entity it is (all lower case, normalised).
_KOMMUNE_WORDS = (
    "kommune sin",
    "kommunes",
    "kommune",
    "herad sin",
    "herads",
    "herad",
    "suohkan",  # North and Lule Sami
    "gielda",  # North Sami
    "tjïelte",  # South Sami
)
_COUNTY_WORDS = (
    "fylkeskommune sin",
    "fylkeskommunes",
    "fylkeskommune",
    "fylke sin",
    "fylkes",
    "fylke",
    "fylkkasuohkan",
    "fylkasuohkan",
)
_SUFFIX_RE = re.compile(
    r"\s+(?P<word>"
    + "|".join(re.escape(w) for w in sorted(_KOMMUNE_WORDS + _COUNTY_WORDS, key=len, reverse=True))
    + r")$"
)

# In running text only the words that name the local government itself count: «i Vestland fylke» names
# the county as a place, not the county municipality.
_TEXT_KOMMUNE_WORDS = ("kommune", "kommunes", "herad", "herads", "suohkan", "gielda", "tjïelte")
_TEXT_COUNTY_WORDS = ("fylkeskommune", "fylkeskommunes", "fylkkasuohkan", "fylkasuohkan")
_TEXT_SUFFIX_RE = re.compile(
    r"(?<![\w-])(?P<word>"
    + "|".join(sorted(_TEXT_COUNTY_WORDS + _TEXT_KOMMUNE_WORDS, key=len, reverse=True))
    + r")(?P<sin>[ \t]+sin)?(?![\w-])",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+(?:[-‐‑–]\w+)*")
_MAX_NAME_WORDS = 4
_LOOKBEHIND = 80

# County names that have since been replaced, accepted as disambiguating hints («Våler (Hedmark)»).
_HISTORIC_COUNTIES: dict[str, tuple[str, ...]] = {
    "viken": ("31", "32", "33"),
    "hedmark": ("34",),
    "oppland": ("34",),
    "vestfold og telemark": ("39", "40"),
    "aust-agder": ("42",),
    "vest-agder": ("42",),
    "hordaland": ("46",),
    "sogn og fjordane": ("46",),
    "sør-trøndelag": ("50",),
    "nord-trøndelag": ("50",),
    "troms og finnmark": ("55", "56"),
}

_PAREN_HINT_RE = re.compile(r"^(?P<base>.+?)\s*\((?P<hint>[^()]+)\)$")
_I_HINT_RE = re.compile(r"^(?P<base>.+?)\s+i\s+(?P<hint>.+)$")
_COMMA_HINT_RE = re.compile(r"^(?P<base>[^,]+?)\s*,\s*(?P<hint>[^,]+)$")


# ---------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------


def _csv_path() -> Path:
    """Where the bundled register lives."""
    return data_dir() / "register" / "kommuner.csv"


def _error(path: Path, line: int | None, nb: str, en: str) -> InputError:
    return InputError(
        f"Kommuneregisteret er ugyldig: {nb}",
        f"the municipality register is malformed: {en}",
        path=path,
        line=line,
        kind="register",
    )


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def _parse_row(path: Path, line: int, row: dict[str, str]) -> Municipality:
    number = row["number"].strip()
    kind = row["kind"].strip()
    if kind not in _DIGITS:
        raise _error(
            path,
            line,
            f"ukjend type «{kind}» (venta kommune eller fylkeskommune)",
            f"unknown kind «{kind}» (expected kommune or fylkeskommune)",
        )
    digits = _DIGITS[kind]
    if not (number.isdigit() and number.isascii() and len(number) == digits):
        raise _error(
            path,
            line,
            f"nummeret «{number}» skal ha {digits} siffer for {kind}",
            f"the number «{number}» must have {digits} digits for a {kind}",
        )
    name_nb, name_nn = row["name_nb"].strip(), row["name_nn"].strip()
    if not name_nb or not name_nn:
        raise _error(
            path,
            line,
            "namn på bokmål og nynorsk må vere fylte ut",
            "the bokmål and nynorsk names must both be given",
        )
    other: list[tuple[str, str]] = []
    for entry in _split(row["other_names"]):
        name, sep, lang = entry.rpartition("@")
        if not sep or not name.strip() or not _LANG_RE.match(lang.strip()):
            raise _error(
                path,
                line,
                f"«{entry}» i other_names skal vere namn@språk",
                f"«{entry}» in other_names must be name@language",
            )
        other.append((name.strip(), lang.strip()))
    county = row["county"].strip() or None
    if kind == "kommune":
        if county is None or not (county.isdigit() and len(county) == 2):
            raise _error(
                path,
                line,
                f"kommunen {number} manglar eit tosifra fylkesnummer",
                f"municipality {number} lacks a two-digit county number",
            )
        if not number.startswith(county):
            raise _error(
                path,
                line,
                f"kommunenummeret {number} høyrer ikkje til fylke {county}",
                f"municipality number {number} does not belong to county {county}",
            )
    elif county is not None:
        raise _error(
            path,
            line,
            f"fylkeskommunen {number} skal ikkje ha eit fylke",
            f"county municipality {number} must not have a county",
        )
    former = _split(row["former_numbers"])
    for old in former:
        if not (old.isdigit() and old.isascii() and len(old) in (2, 4)):
            raise _error(
                path,
                line,
                f"det tidlegare nummeret «{old}» skal ha 2 eller 4 siffer",
                f"the former number «{old}» must have 2 or 4 digits",
            )
    if len(set(former)) != len(former):
        raise _error(path, line, "eit tidlegare nummer står to gonger", "a former number is listed twice")
    return Municipality(
        number=number,
        kind=kind,  # type: ignore[arg-type]  # checked against _DIGITS above
        name_nb=name_nb,
        name_nn=name_nn,
        other_names=tuple(other),
        county=county,
        former_numbers=tuple(former),
    )


def _read(path: Path) -> tuple[Municipality, ...]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            "Fann ikkje kommuneregisteret",
            "the municipality register is missing",
            path=path,
            kind="register",
        ) from None
    except UnicodeDecodeError as exc:
        raise _error(
            path, None, f"fila er ikkje UTF-8 ({exc.reason})", f"the file is not UTF-8 ({exc.reason})"
        ) from None
    except OSError as exc:
        raise InputError(
            f"Kunne ikkje lese kommuneregisteret ({exc.strerror})",
            f"could not read the municipality register ({exc.strerror})",
            path=path,
            kind="register",
        ) from None

    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise _error(path, 1, "fila er tom", "the file is empty") from None
    if tuple(h.strip() for h in header) != COLUMNS:
        raise _error(
            path, 1, f"kolonnane skal vere {','.join(COLUMNS)}", f"the columns must be {','.join(COLUMNS)}"
        )

    entities: list[Municipality] = []
    lines: dict[str, int] = {}
    try:
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(COLUMNS):
                raise _error(
                    path,
                    line,
                    f"raden har {len(fields)} felt, ikkje {len(COLUMNS)}",
                    f"the row has {len(fields)} fields, not {len(COLUMNS)}",
                )
            entity = _parse_row(path, line, dict(zip(COLUMNS, fields, strict=True)))
            if entity.number in lines:
                raise _error(
                    path,
                    line,
                    f"nummeret {entity.number} står alt på linje {lines[entity.number]}",
                    f"the number {entity.number} is already on line {lines[entity.number]}",
                )
            lines[entity.number] = line
            entities.append(entity)
    except csv.Error as exc:
        raise _error(path, reader.line_num, f"CSV-feil: {exc}", f"CSV error: {exc}") from None

    counties = {e.number for e in entities if e.kind == "fylkeskommune"}
    for entity in entities:
        line = lines[entity.number]
        if entity.county is not None and entity.county not in counties:
            raise _error(
                path,
                line,
                f"fylket {entity.county} finst ikkje i registeret",
                f"county {entity.county} is not in the register",
            )
        for old in entity.former_numbers:
            if old in lines:
                raise _error(
                    path,
                    line,
                    f"det tidlegare nummeret {old} er i bruk som gjeldande nummer",
                    f"the former number {old} is in use as a current number",
                )
    if not entities:
        raise _error(path, None, "fila har ingen rader", "the file has no rows")
    return tuple(entities)


@dataclass(frozen=True)
class _Registry:
    entities: tuple[Municipality, ...]
    by_current: dict[str, Municipality]
    by_former: dict[str, tuple[Municipality, ...]]
    kommune_names: dict[str, tuple[Municipality, ...]]
    county_names: dict[str, tuple[Municipality, ...]]


def _index(entities: Iterable[Municipality]) -> _Registry:
    entities = tuple(entities)
    by_current = {e.number: e for e in entities}
    by_former: dict[str, list[Municipality]] = {}
    kommune_names: dict[str, list[Municipality]] = {}
    county_names: dict[str, list[Municipality]] = {}
    for entity in entities:
        for old in entity.former_numbers:
            by_former.setdefault(old, []).append(entity)
        table = kommune_names if entity.kind == "kommune" else county_names
        for name in sorted({_norm(n) for n in entity.names}):
            table.setdefault(name, []).append(entity)
    # The counties replaced in 2020 and 2024 name their successors: «Hedmark fylkeskommune» is
    # Innlandet, «Troms og Finnmark fylkeskommune» is Troms or Finnmark (ambiguous, so never guessed).
    for old_name, numbers in _HISTORIC_COUNTIES.items():
        if old_name not in county_names:
            successors = [by_current[n] for n in numbers if n in by_current]
            if successors:
                county_names[old_name] = successors
    return _Registry(
        entities=entities,
        by_current=by_current,
        by_former={k: tuple(v) for k, v in by_former.items()},
        kommune_names={k: tuple(v) for k, v in kommune_names.items()},
        county_names={k: tuple(v) for k, v in county_names.items()},
    )


@cache
def _registry() -> _Registry:
    try:
        path = _csv_path()
    except FileNotFoundError as exc:  # no bundled data folder at all
        raise InputError(
            "Fann ikkje mappa med data som skal følgje med installasjonen, og dermed ikkje kommuneregisteret",
            "the bundled data folder is missing, and with it the municipality register",
            path=str(exc.filename) if exc.filename else None,
            kind="register",
        ) from exc
    return _index(_read(path))


# ---------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------


def all_entities() -> tuple[Municipality, ...]:
    """Every entity of the register: the county municipalities first, then the municipalities."""
    return _registry().entities


def municipalities() -> tuple[Municipality, ...]:
    """The municipalities (kommuner) only."""
    return tuple(e for e in all_entities() if e.kind == "kommune")


def counties() -> tuple[Municipality, ...]:
    """The county municipalities (fylkeskommuner) only, Oslo (03) included."""
    return tuple(e for e in all_entities() if e.kind == "fylkeskommune")


def by_number(number: str) -> Municipality | None:
    """The current entity with this current or former number, or ``None``.

    A former number that was divided between several current entities (a municipality split in a
    reform, or the counties 30 Viken, 38 Vestfold og Telemark and 54 Troms og Finnmark) returns ``None``:
    use :func:`candidates_by_number` to list them.
    """
    found = candidates_by_number(number)
    return found[0] if len(found) == 1 else None


def candidates_by_number(number: str) -> list[Municipality]:
    """Every current entity a current or former number may refer to (several for a split unit)."""
    registry = _registry()
    key = number.strip()
    if key in registry.by_current:
        return [registry.by_current[key]]
    return list(registry.by_former.get(key, ()))


def _county_hint(hint: str) -> tuple[str, ...] | None:
    """The county numbers a hint (number, current or historic county name) stands for, or ``None``."""
    registry = _registry()
    key = _norm(hint)
    match = _SUFFIX_RE.search(key)
    if match and match.group("word") in _COUNTY_WORDS:
        key = key[: match.start()]
    if key.isdigit():
        entity = registry.by_current.get(key.zfill(2))
        if entity is not None and entity.kind == "fylkeskommune":
            return (entity.number,)
        former = registry.by_former.get(key.zfill(2), ())
        numbers = tuple(e.number for e in former if e.kind == "fylkeskommune")
        return numbers or None
    if key in registry.county_names:
        return tuple(e.number for e in registry.county_names[key])
    return None


def _parse_mention(text: str) -> tuple[str, Kind | None, list[tuple[str, ...]]]:
    """Split a mention into its name key, the kind its suffix names (if any) and county hints."""
    key = _norm(text)
    kind: Kind | None = None
    hints: list[tuple[str, ...]] = []
    changed = True
    while changed and key:
        changed = False
        for pattern in (_PAREN_HINT_RE, _I_HINT_RE, _COMMA_HINT_RE):
            match = pattern.match(key)
            if match:
                hint = _county_hint(match.group("hint"))
                if hint is not None:
                    hints.append(hint)
                    key = _norm(match.group("base"))
                    changed = True
                    break
        if changed:
            continue
        match = _SUFFIX_RE.search(key)
        if match and kind is None:
            kind = "fylkeskommune" if match.group("word") in _COUNTY_WORDS else "kommune"
            key = _norm(key[: match.start()])
            changed = True
    return key, kind, hints


def _matches_hints(entity: Municipality, hints: Iterable[tuple[str, ...]]) -> bool:
    county = entity.county if entity.kind == "kommune" else entity.number
    return all(county in hint for hint in hints)


def candidates(name: str, county_hint: str | None = None) -> list[Municipality]:
    """Every entity a free-text mention may refer to, in register order.

    The mention may carry a kind («kommune», «kommunes», «kommune sin», «herad», «fylkeskommune»,
    «fylkeskommunes», «fylke», Sami «suohkan»/«tjïelte»/«fylkkasuohkan») and a county («Våler i Østfold»,
    «Våler (Innlandet)», «Herøy, Nordland»). A bare name is read as a municipality where one has that
    name, otherwise as a county («Vestland»). ``county_hint`` (a county number or name, current or
    historic such as «Hedmark») narrows the result further. An empty list means no match; two or more
    mean the mention is ambiguous.
    """
    registry = _registry()
    key, kind, hints = _parse_mention(name)
    if county_hint is not None and county_hint.strip():
        hint = _county_hint(county_hint)
        if hint is None:
            return []
        hints.append(hint)
    if not key:
        return []
    if kind == "kommune":
        found = registry.kommune_names.get(key, ())
    elif kind == "fylkeskommune":
        found = registry.county_names.get(key, ())
    else:
        found = registry.kommune_names.get(key, ()) or registry.county_names.get(key, ())
    return [e for e in found if _matches_hints(e, hints)]


def resolve(name: str, county_hint: str | None = None) -> Municipality | None:
    """The one entity a free-text mention refers to, or ``None`` if there is none or more than one.

    >>> resolve("RØROS KOMMUNES").number
    '5025'
    >>> resolve("Våler") is None  # Våler in Østfold and Våler in Innlandet
    True
    >>> resolve("Våler", county_hint="Innlandet").number
    '3419'

    See :func:`candidates` for the forms accepted.
    """
    found = candidates(name, county_hint)
    return found[0] if len(found) == 1 else None


def _trailing_hint(text: str, end: int) -> tuple[tuple[str, ...] | None, int]:
    """A county given right after a mention («Herøy kommune i Nordland», «… (Nordland)»)."""
    tail = text[end : end + 60]
    match = re.match(r"[ \t]*\(([^()\n]{1,40})\)", tail) or re.match(
        r"[ \t]+i[ \t]+(\w+(?:[ \t]og[ \t]\w+)?(?:-\w+)?)", tail
    )
    if not match:
        return None, end
    hint = _county_hint(match.group(1))
    return (hint, end + match.end()) if hint is not None else (None, end)


def _mentions(text: str) -> Iterator[Mention]:
    registry = _registry()
    for suffix in _TEXT_SUFFIX_RE.finditer(text):
        word = _norm(suffix.group("word"))
        names = registry.county_names if word in _TEXT_COUNTY_WORDS else registry.kommune_names
        window_start = max(0, suffix.start() - _LOOKBEHIND)
        window = text[window_start : suffix.start()]
        if not window or not window[-1].isspace():
            continue
        words = list(_WORD_RE.finditer(window))[-_MAX_NAME_WORDS:]
        if not words or window[words[-1].end() :].strip():
            continue
        # Keep only the run of words separated by plain spaces (no punctuation, no line of its own).
        run = [words[-1]]
        for previous in reversed(words[:-1]):
            gap = window[previous.end() : run[0].start()]
            if gap.strip() or "\n" in gap:
                break
            run.insert(0, previous)
        for first in run:  # longest name first
            start = window_start + first.start()
            if not text[start].isupper():  # a name is written with a capital: «time» is not Time
                continue
            found = names.get(_norm(text[start : window_start + words[-1].end()]))
            if found:
                end = suffix.end()
                if len(found) > 1:
                    hint, hinted_end = _trailing_hint(text, end)
                    if hint is not None:
                        narrowed = tuple(e for e in found if _matches_hints(e, [hint]))
                        if narrowed:
                            found, end = narrowed, hinted_end
                yield Mention(text=text[start:end], start=start, end=end, candidates=tuple(found))
                break


def find_mentions(text: str) -> list[Mention]:
    """Every «<Name> kommune/herad/fylkeskommune» mention in ``text`` (genitive forms and «sin» too).

    Ambiguous mentions («Herøy kommune» with no county after it) are included with all their
    candidates; a county right after the mention («Herøy kommune i Nordland», «Våler kommune
    (Innlandet)») narrows them and is counted in the span. One regular-expression pass finds the
    suffix words; the name before each is looked up in a dictionary, so the cost grows with the text
    length, not with the size of the register.
    """
    return list(_mentions(text))


def find_in_text(text: str) -> list[tuple[Municipality, int, int]]:
    """Every unambiguous mention in ``text`` as ``(entity, start, end)`` character offsets.

    ``text[start:end]`` is the whole mention, e.g. «Elverum kommune». Ambiguous mentions are left out;
    use :func:`find_mentions` to see them.
    """
    return [(m.candidates[0], m.start, m.end) for m in _mentions(text) if len(m.candidates) == 1]
