"""The citation linker: find every law, regulation, provision and agreement a text cites, and resolve it.

The names come from the data, never from a list in this file: the titles, short titles and abbreviations
of the Lovdata registry, the curated names in ``data/lovdata/curated.ttl`` (descriptive references such as
«Diskrimineringslovgivningen», other names in use, repealed names with their successors) and the labels of
the agreements in ``ontology/agreements.ttl``. What *is* code here is Norwegian grammar: the inflections a
name takes in running text (arbeidsmiljøloven, arbeidsmiljølova, arbeidsmiljølovens, arbeidsmiljølova
sine) and the ways a provision is written after or before the name («§ 14-17 (1)», «§§ 6–10», «kap 15»,
«§ 13-1, 7. ledd», «§ 100 i Grunnloven»).

A cited provision is checked against the registry. When it does not exist the citation is reported as
unresolved with the act it names, never linked to the act alone.

Matching works on word tokens with a trie of all name forms, so a 50-page document takes milliseconds;
the trie is built from the registry and kept in the build cache.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders import build_cache, packed
from loaders import lovdata_registry as registry
from loaders.model import Citation
from loaders.packed import PackedMapping, pack

# A word: letters and digits, hyphenated compounds («IA-avtalen»), and a dangling hyphen of a shared
# compound («Likestillings- og diskrimineringsloven»).
_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*[-‐‑]?")
# Between the words of a name: spaces, commas, brackets («… forvaltningssaker (forvaltningsloven)») and at
# most one line break (wrapped PDF text).
_GAP = re.compile(r"[ \t\u00a0,(\[]*(?:\n[ \t\u00a0]*)?\Z")
# «arbeidsmiljøloven (aml)»: the abbreviation in brackets after a name belongs to the citation.
_ABBREVIATION_AFTER = re.compile(r"[ \t]*\(([^()\s]{2,16})\)")
_TERMINAL = "\x00"

# Inflections of the last word of a name. Each stem takes the definite forms of both written standards
# and their genitives: -loven/-lova/-lovens/-lovas, -forskriften/-forskrifta/…, -avtalen/-avtala/….
_INFLECTED = (
    ("loven", "lov"),
    ("lova", "lov"),
    ("forskriften", "forskrift"),
    ("forskrifta", "forskrift"),
    ("avtalen", "avtal"),
    ("avtala", "avtal"),
)
_ENDINGS = ("en", "a", "ens", "as")
# The nynorsk possessive («arbeidsmiljølova sine krav») belongs to the citation.
_POSSESSIVE = re.compile(r"[ \t]+(?:sine|sin|sitt|si)(?![\wæøåÆØÅ])")

# A section number: «14-17», «2 A-6», «15-13 a», «100». A small letter is part of it («13 a»), but not the
# preposition in «§ 13 i forvaltningsloven».
_ITEM = (
    r"\d+(?:[ \t]?[A-Z](?=[ \t]?[-–][ \t]?\d))?(?:[ \t]?[-–][ \t]?\d+)?"
    r"(?:[ \t]?(?!i[ \t]+[\wæøåÆØÅ])[a-z](?![\wæøåÆØÅ]))?"
)
_ORDINALS = {
    "første": 1,
    "andre": 2,
    "annet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "sjuende": 7,
    "syvende": 7,
    "åttende": 8,
    "niende": 9,
    "tiende": 10,
}
_LEDD = (
    r"(?:[ \t]?\((?P<ledd1>\d+)\)"
    r"|[ \t]?,?[ \t]?(?P<ledd2>\d+)\.[ \t]?ledd"
    r"|[ \t]+(?P<ledd3>" + "|".join(_ORDINALS) + r")[ \t]+ledd)"
)
_CHAPTER = r"(?i:kap(?:ittel|\.)?)[ \t]?(?P<chap>\d+(?:[ \t]?[A-Z](?![\wæøåÆØÅ]))?|[IVXLC]+(?![\wæøåÆØÅ]))"
_SEPARATOR = r"(?:[ \t]?[-–][ \t]?|[ \t]+til[ \t]+|[ \t]*,[ \t]*|[ \t]+og[ \t]+|[ \t]+eller[ \t]+)"
_SECTIONS = rf"(?P<multi>§§)[ \t]?(?P<items>{_ITEM}(?:{_SEPARATOR}{_ITEM})*)"
_SECTION = rf"§[ \t]?(?P<one>{_ITEM})(?:{_LEDD})?"
# After the name: optional edition note («mv., 8. utg., Kap. 6») and at most one line break.
_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*\d+\.[ \t]*utg(?:ave|\.)?[ \t]*,)?[ \t]*(?:\n[ \t]*)?"
    rf"(?:{_SECTIONS}|{_SECTION}|{_CHAPTER})"
)
_MORE = re.compile(rf"(?:[ \t]?,[ \t]?|[ \t]+og[ \t]+|[ \t]+eller[ \t]+){_SECTION}")
# Before the name: «§ 100 i Grunnloven», «kapittel 15 i aml».
_BEFORE = re.compile(rf"(?:{_SECTION}|{_CHAPTER})[ \t]+i[ \t]+\Z")
_LIST_ITEM = re.compile(rf"(?P<sep>^|{_SEPARATOR})(?P<item>{_ITEM})")
_ITEM_PARTS = re.compile(r"^(\d+)(?:[ \t]?([A-Z]))?(?:[ \t]?[-–][ \t]?(\d+))?(?:[ \t]?([a-z]))?$")


@dataclass(frozen=True)
class _Form:
    """One way of writing a name, with what it points at."""

    tokens: tuple[str, ...]  # as written (for exact-case forms)
    entry: registry.NameEntry
    exact: bool  # abbreviation-like: «aml», «HTA», «Grl.» match in their own case only
    trailing: str  # «Grl.», «mv.», «(forvaltningsloven)»: closing punctuation that is part of the name
    generated: bool  # an inflection made here, not a form found in the data
    definite: bool  # «-loven», «-lova»: can take «sine»


@dataclass
class _Provision:
    label: str  # normalised: «§ 14-17 (1)», «kap. 15», «§§ 6–10»
    kind: str  # "section" | "chapter" | "range"
    keys: tuple[str, ...]  # compact keys to look up: «14-17», «15»; a range has two
    start: int
    end: int
    single: tuple[str, str] | None = None  # «§§ 3-4» might be the single § 3-4: (key, label)


def inflections(name: str) -> list[str]:
    """The forms a name takes in running text, from its last word: «Arbeidsmiljøloven» gives
    arbeidsmiljøloven, arbeidsmiljølova, arbeidsmiljølovens and arbeidsmiljølovas; any other name in the
    definite form («Diskrimineringslovgivningen») gains its genitive.
    """
    forms = [name]
    head, _, last = name.rpartition(" ")
    prefix = head + " " if head else ""
    lower = last.lower()
    for ending, stem in _INFLECTED:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            base = last[: len(last) - len(ending)] + stem
            forms.extend(prefix + base + e for e in _ENDINGS)
            break
        if lower == ending and head:  # «Likestillings- og diskriminerings|loven» is covered above
            break
    else:
        if lower.endswith(("en", "et")) and len(lower) > 4 and not head and last[0].isalpha():
            forms.append(name + "s")
    return list(dict.fromkeys(forms))


def _abbreviation_like(text: str) -> bool:
    stripped = text.rstrip(".")
    return " " not in stripped and (len(stripped) <= 5 or "." in stripped or stripped.isupper())


_SOURCE_RANK = {
    "hidden": 0, "alt": 0, "agreement": 0, "repealed": 1, "short": 2, "abbreviation": 2, "title": 3,
}


def _rank(reg: registry.Registry, forms: list[_Form]) -> list[_Form]:
    """Order the forms that share a spelling: curated before generated, acts before regulations, in force
    before pending, the newest in force first."""
    dump = reg.dump_date

    def score(form: _Form) -> tuple:
        entry = form.entry
        info = reg.instruments.get(entry.target)
        kind = 0 if info is None or info.kind == "lov" else 1
        in_force = (info.in_force or "0000") if info else "0000"
        pending = 1 if info is not None and info.in_force is not None and info.in_force > dump else 0
        newest_first = -int(in_force.replace("-", "") or 0)
        source = _SOURCE_RANK.get(entry.source, 3)
        return (source, form.generated, kind, pending, newest_first, entry.target)

    return sorted(forms, key=score)


class _Matcher:
    """A trie of every name form, and the rules to resolve a match into citations."""

    def __init__(self, reg: registry.Registry, built: dict[str, Any] | None = None) -> None:
        """``built``: the trie and forms as :meth:`build` gives them (plain data, so the build cache can keep
        them). A terminal of the trie lists its forms by number; a form becomes a ``_Form`` when a match
        needs it. The branches under each first word and each form stay serialised until a text needs them:
        a document needs a few dozen of the 3,500 branches and 15,000 forms, and loading them all was most of
        reading the cache."""
        self.reg = reg
        built = built if built is not None else self.build(reg)
        self.root: Mapping[str, Any] = PackedMapping(built["trie"])
        self._raw: list[str] = built["forms"]
        self._made: dict[int, _Form] = {}

    @classmethod
    def build(cls, reg: registry.Registry) -> dict[str, Any]:
        """Every form of every name in a trie of lower-cased tokens; forms that share a spelling ranked."""
        candidates: dict[tuple[str, ...], list[_Form]] = {}
        for entry in reg.names:
            for text, generated in cls._forms(entry):
                tokens = tuple(m.group() for m in _TOKEN.finditer(text))
                if not tokens:
                    continue
                # Lovdata's abbreviations always match in their own case; other names when they look
                # like abbreviations («HTA», «koml»).
                exact = entry.source == "abbreviation" or (
                    entry.source in ("alt", "agreement", "hidden", "repealed") and _abbreviation_like(text)
                )
                last = tokens[-1].lower()
                form = _Form(
                    tokens=tokens,
                    entry=entry,
                    exact=exact,
                    trailing=text[len(text.rstrip(".)]")) :],
                    generated=generated,
                    definite=last.endswith(("en", "a", "et")) and not last.endswith("ens"),
                )
                candidates.setdefault(tuple(t.lower() for t in tokens), []).append(form)
        place = {id(entry): i for i, entry in enumerate(reg.names)}
        root: dict[str, Any] = {}
        forms: list[str] = []
        for key, found in candidates.items():
            node = root
            for token in key:
                node = node.setdefault(token, {})
            ranked = _rank(reg, found) if len(found) > 1 else found
            node[_TERMINAL] = list(range(len(forms), len(forms) + len(ranked)))
            forms.extend(
                json.dumps([f.tokens, place[id(f.entry)], f.exact, f.trailing, f.generated, f.definite],
                           ensure_ascii=False)
                for f in ranked
            )
        return {"trie": {token: pack(branch) for token, branch in root.items()}, "forms": forms}

    def _form(self, number: int) -> _Form:
        form = self._made.get(number)
        if form is None:
            tokens, entry, exact, trailing, generated, definite = json.loads(self._raw[number])
            form = self._made[number] = _Form(
                tuple(tokens), self.reg.names[entry], exact, trailing, generated, definite
            )
        return form

    @staticmethod
    def _forms(entry: registry.NameEntry) -> list[tuple[str, bool]]:
        text = entry.text.strip()
        forms: list[str] = [text]
        if entry.source == "title":
            # «Lov om arbeidsmiljø … mv. (arbeidsmiljøloven)»: the title without the parenthesis, and the
            # name inside it, which is often the short title and is inflected like one.
            m = re.match(r"^(.*\S)\s*[(\[]([^()\[\]]+)[)\]]$", text)
            if m:
                forms.append(m.group(1))
                inner = m.group(2).strip()
                # Only a name of an instrument; «(IKT)», «(NAV)» or «(opplæring)» name a subject.
                if inner.lower().endswith(registry.INSTRUMENT_SUFFIXES):
                    forms.extend(inflections(inner))
            return [(f, i > 0 and f != text) for i, f in enumerate(dict.fromkeys(forms))]
        if entry.source == "abbreviation":
            return [(text, False)]
        result = [(f, f != text) for f in inflections(text)]
        return result

    # -- matching
    def citations(self, text: str, first_line: int) -> list[Citation]:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        lines = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
        result: list[Citation] = []
        root = self.root
        count = len(tokens)
        i = 0
        consumed = 0  # text before this offset belongs to an earlier citation
        while i < count:
            start, _, word = tokens[i]
            node = root.get(word.lower())
            if node is None or start < consumed:
                i += 1
                continue
            # Walk as far as the trie goes; remember every complete name on the way (longest wins).
            found: list[tuple[int, list[_Form]]] = []
            j = i
            while True:
                if _TERMINAL in node:
                    found.append((j, [self._form(n) for n in node[_TERMINAL]]))
                if j + 1 >= count or not _GAP.match(text, tokens[j][1], tokens[j + 1][0]):
                    break
                nxt = node.get(tokens[j + 1][2].lower())
                if nxt is None:
                    break
                node, j = nxt, j + 1
            made = None
            for last, forms in reversed(found):
                made = self._resolve(text, tokens, i, last, forms, consumed)
                if made:
                    break
            if not made:
                i += 1
                continue
            citations, end = made
            for citation in citations:
                citation.line = first_line + bisect.bisect_left(lines, citation.line - 1)
            result.extend(citations)
            consumed = end
            while i < count and tokens[i][0] < end:
                i += 1
        return result

    def _resolve(
        self, text: str, tokens: list, first: int, last: int, forms: list[_Form], consumed: int
    ) -> tuple[list[Citation], int] | None:
        start, end = tokens[first][0], tokens[last][1]
        written = tuple(t[2] for t in tokens[first : last + 1])
        for form in forms:
            strict = False
            if form.exact and written != form.tokens:
                if all(w.isupper() for w in written) and len("".join(written)) >= 3:
                    strict = True  # «AML»: an all-capitals abbreviation counts only with a provision
                else:
                    continue
            key = " ".join(t.lower() for t in form.tokens).rstrip(".")
            if form.entry.source == "abbreviation" and (len(key) < 3 or key in self.reg.common_words):
                strict = True  # «bl», «gol»: also ordinary words; only «bl § 3» is a citation
            elif form.entry.source == "short" and " " not in key and key in self.reg.common_words:
                strict = True
            if _in_address(text, start, end):
                return None  # «www.skl.se», «post@aml.no»: part of an address, not a citation
            name_end = end
            if form.trailing and text.startswith(form.trailing, end):
                name_end += len(form.trailing)
            info = self.reg.instruments.get(form.entry.target)
            if info is not None and info.abbreviations:
                m = _ABBREVIATION_AFTER.match(text, name_end)
                if m and m.group(1).rstrip(".") in {a.rstrip(".") for a in info.abbreviations}:
                    name_end = m.end()
            after = _parse_after(text, name_end)
            before = None if after else _parse_before(text, start, consumed)
            if strict and not after and not before:
                continue
            if (
                not after
                and not before
                and form.exact
                and form.entry.source in ("abbreviation", "alt")
                and (not _cued(text, start) or _ABBREVIATION_DOT.match(text, end))
            ):
                continue  # a bare «aml» needs a cue («jf. aml», «etter fvl»); «i en dal» is not a citation
            if not after and not before and form.definite:
                m = _POSSESSIVE.match(text, name_end)
                if m:
                    name_end = m.end()
            alternatives = [
                f.entry.target for f in forms if f is not form and f.entry.source == form.entry.source
            ]
            return self._build(text, form, start, name_end, after, before, alternatives)
        return None

    def _build(
        self,
        text: str,
        form: _Form,
        start: int,
        name_end: int,
        after: list[_Provision] | None,
        before: _Provision | None,
        alternatives: list[str],
    ) -> tuple[list[Citation], int]:
        entry = form.entry
        reg = self.reg
        provisions = after or ([before] if before else [])
        span_start = before.start if before else start
        span_end = after[0].end if after else name_end

        def cite(span: tuple[int, int], **fields: Any) -> Citation:
            # ``line`` holds the offset until the caller turns it into a line number.
            return Citation(text=text[span[0] : span[1]], line=span[0] + 1, **fields)

        if entry.source == "agreement":
            agreement = reg.agreements[entry.target]
            span = (start, name_end)
            return [cite(span, id=agreement.id, iri=agreement.iri)], name_end
        if entry.source == "repealed":
            successor = reg.instruments[reg.successors[entry.target]]
            old = reg.repealed_names.get(entry.target, entry.text)
            note = (
                f"«{old}» er oppheva; etterfølgjaren er {successor.name} ({successor.id}) / "
                f"«{old}» was repealed; its successor is {successor.name} ({successor.id})"
            )
            if provisions:
                note += (
                    f". {provisions[0].label} viser til den oppheva lova og er ikkje ført over / "
                    f"{provisions[0].label} refers to the repealed act and is not carried over"
                )
            span = (span_start, span_end)
            label = provisions[0].label if provisions else None
            citation = cite(
                span, id=successor.id, provision=label, iri=successor.iri, status="successor", note=note
            )
            return [citation], span[1]
        info = reg.instruments[entry.target]
        if provisions and alternatives and _lookup(info, provisions[0])[1] is not None:
            # Two acts share the name (the old and the new riksrevisjonsloven): if the cited provision
            # exists only in the other one, the text means the other one.
            for other_id in alternatives:
                other = reg.instruments.get(other_id)
                if other is not None and _lookup(other, provisions[0])[1] is None:
                    info = other
                    break
        if entry.provision_key:
            # A descriptive name of a provision: «Grunnlovens bestemmelser om ytringsfriheten» → § 100.
            key = entry.provision_key
            label = _label_of_key(key)
            note = (
                f"skildrande tilvising til {info.name} {label} / descriptive reference to {info.name} {label}"
            )
            iri = registry.provision_iri(info.refid, key)
            return [cite((start, name_end), id=info.id, provision=label, iri=iri, note=note)], name_end
        note = None
        if entry.source == "hidden":
            note = f"skildrande tilvising til {info.name} / descriptive reference to {info.name}"
        if not provisions:
            return [cite((start, name_end), id=info.id, iri=info.iri, note=note)], name_end
        citations = []
        for n, provision in enumerate(provisions):
            if before:
                span = (before.start, name_end)
            elif n == 0:
                span = (start, provision.end)
            else:
                span = (provision.start, provision.end)
            iri, missing = _lookup(info, provision)
            if missing:
                citations.append(
                    cite(
                        span,
                        id=info.id,
                        provision=provision.label,
                        iri=None,
                        status="unresolved",
                        note=(
                            f"{missing} finst ikkje i {info.name} ({info.id}) / "
                            f"{missing} does not exist in {info.name} ({info.id})"
                        ),
                    )
                )
            else:
                citations.append(cite(span, id=info.id, provision=provision.label, iri=iri, note=note))
        return citations, max(span_end, name_end)


_ADDRESS = re.compile(r"://|www\.|@|\.(?:no|com|org|net|se|dk|eu)\b", re.I)


# Words that announce a citation; a bare abbreviation counts only after one of them.
_CUE = re.compile(
    r"(?:^|[^\wæøåÆØÅ])(?:jf|jfr|jamfør|jamfør|etter|ifølge|iht|i henhold til|i medhold av|med|se|sjå|"
    r"hjemmel i|heimel i|reglene i|reglane i)\.?[ \t]*\Z",
    re.I,
)


# «inkl. mva»: a full stop and a lower-case word after a short word make it an ordinary abbreviation.
_ABBREVIATION_DOT = re.compile(r"\.[ \t]*[a-zæøå]")


def _cued(text: str, start: int) -> bool:
    return bool(_CUE.search(text, max(0, start - 24), start))


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the span sits inside a web or e-mail address (the run of non-space text around it)."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    run = text[left:right]
    return bool(_ADDRESS.search(run)) if run != text[start:end] else False


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


def _section_provision(m: re.Match[str], start: int) -> list[_Provision]:
    """The provisions of one «§ …» or «§§ …» match: single sections, lists and ranges."""
    if not m.groupdict().get("multi"):
        parsed_one = _item(m.group("one"))
        if parsed_one is None:
            return []
        key, label = parsed_one
        return [_Provision(f"§ {label}{_ledd(m)}", "section", (key,), start, m.end())]
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
            while more := _MORE.match(text, end):
                parsed = _item(more.group("one"))
                if parsed is None:
                    break
                key, label = parsed
                sign = text.index("§", more.start(), more.start("one"))
                provisions.append(_Provision(f"§ {label}{_ledd(more)}", "section", (key,), sign, more.end()))
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


@cache
def _matcher_for(folder: str, agreements: str) -> _Matcher:
    """The matcher, with its trie read from the build cache when the registry and this code are unchanged."""
    reg = registry.load_registry(Path(folder), Path(agreements))
    inputs = [
        Path(folder) / registry.INDEX, Path(folder) / registry.CURATED, Path(agreements),
        Path(__file__), Path(registry.__file__), Path(packed.__file__),
    ]
    return _Matcher(reg, build_cache.cached("linker", inputs, lambda: _Matcher.build(reg)))


def matcher(folder: Path | None = None, agreements: Path | None = None) -> _Matcher:
    """The linker for a registry folder (default ``data/lovdata``), built once per process."""
    from loaders import resources

    return _matcher_for(
        str(folder or registry.registry_dir()),
        str(agreements or resources.ontology_dir() / registry.AGREEMENTS),
    )


def clear_cache() -> None:
    _matcher_for.cache_clear()


def find_citations(
    text: str,
    first_line: int = 1,
    *,
    folder: Path | None = None,
    agreements: Path | None = None,
) -> list[Citation]:
    """Every citation of a law, regulation, provision or agreement in ``text``, in order.

    ``first_line`` is the line number of the first line of ``text`` in its document, so a caller that
    links one paragraph at a time still gets absolute line numbers. ``text`` of each citation is the exact
    span in the input.
    """
    return matcher(folder, agreements).citations(text, first_line)
