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

from loaders import build_cache, citation_context, historical_acts, lovdata_urls, packed
from loaders import lovdata_registry as registry
from loaders.citation_forms import (
    agreement_provision_after,
    agreement_provision_before,
)
from loaders.citation_sources import local_rule_citations, without_overlaps, works
from loaders.model import Citation
from loaders.packed import PackedMapping, pack
from loaders.provisions import (
    _label_of_key,
    _lookup,
    _parse_after,
    _parse_before,
    _Provision,
    address_provision,
    provision_spans,
)

# A word: letters and digits, hyphenated compounds («IA-avtalen»), and a dangling hyphen of a shared
# compound («Likestillings- og diskrimineringsloven»).
_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*[-‐‑]?")
# Between the words of a name: spaces, commas, brackets («… forvaltningssaker (forvaltningsloven)») and at
# most one line break (wrapped PDF text).
# PDF text adds spaces around the hyphen of a shared compound («opplærings - og») and before a
# bracketed word's suffix («(HMS) -rutinane»).
_GAP = re.compile(r"[ \t\u00a0,()\[\]]*(?:[-‐‑][ \t\u00a0]*)?(?:\n[ \t\u00a0]*)?\Z")
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

@dataclass(frozen=True)
class _Form:
    """One way of writing a name, with what it points at."""

    tokens: tuple[str, ...]  # as written (for exact-case forms)
    entry: registry.NameEntry
    exact: bool  # abbreviation-like: «aml», «HTA», «Grl.» match in their own case only
    trailing: str  # «Grl.», «mv.», «(forvaltningsloven)»: closing punctuation that is part of the name
    generated: bool  # an inflection made here, not a form found in the data
    definite: bool  # «-loven», «-lova»: can take «sine»


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
                candidates.setdefault(tuple(_trie_key(t) for t in tokens), []).append(form)
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
        """Every citation in ``text``: names (with their provisions), Lovdata addresses, preparatory works,
        local rules, then the §§ written without an act, which take it from the context."""
        urls = lovdata_urls.url_spans(text)
        found = without_overlaps(self._names(text, urls) + self._addresses(text, urls) + works(text))
        found = without_overlaps(found + local_rule_citations(text))
        taken = [(a, b) for a, b, _ in found] + urls
        found += citation_context.bare_sections(text, found, taken, _parse_after, self.in_context)
        found.sort(key=lambda item: item[0])
        lines = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
        for _, _, citation in found:
            citation.line = first_line + bisect.bisect_left(lines, citation.line - 1)
        return [citation for _, _, citation in found]

    def _addresses(self, text: str, urls: list[tuple[int, int]]) -> list[citation_context.Found]:
        """Citations for the Lovdata addresses among ``urls``, with the ids the written forms get."""
        result = []
        for start, end in urls:
            target = lovdata_urls.parse_lovdata_url(text[start:end])
            if target is None:
                continue
            base = {"text": text[start:end], "line": start + 1}
            info = self.reg.instruments.get(target.lovdata_id)
            old = next((iri for iri, i in self.reg.repealed_ids.items() if i == target.lovdata_id), None)
            if info is None and old is not None:
                citation = Citation(**base, **historical_acts.fields(self.reg, old, None))
            elif info is None:
                note = (
                    f"{target.lovdata_id} er ikkje i lovregisteret / {target.lovdata_id} is not in the registry"
                )
                citation = Citation(**base, id=target.lovdata_id, status="unresolved", reason="unknown-act",
                                    note=note)
            else:
                provision = address_provision(info, target, start, end)
                citation = (
                    self._provision(text, info, provision, (start, end), None)
                    if provision
                    else Citation(**base, id=info.id, iri=info.iri)
                )
            result.append((start, end, citation))
        return result

    def _names(self, text: str, urls: list[tuple[int, int]]) -> list[citation_context.Found]:
        """The citations that name an act, regulation or agreement, with the provisions written with it."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        result: list[citation_context.Found] = []
        root = self.root
        count = len(tokens)
        i = 0
        consumed = 0  # text before this offset belongs to an earlier citation
        while i < count:
            start, stop, word = tokens[i]
            node = root.get(_trie_key(word))
            if node is None or start < consumed or (urls and lovdata_urls.inside(urls, start, stop)):
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
                nxt = node.get(_trie_key(tokens[j + 1][2]))
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
            result.extend((c.line - 1, c.line - 1 + len(c.text), c) for c in citations)
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
            if form.entry.source == "agreement":
                return self._agreement(text, form, start, name_end, consumed)
            old_iri = None
            if info is not None and not form.entry.provision_key:
                old_iri, name_end = historical_acts.marked(self.reg, info.id, text, start, name_end)
            after = _parse_after(text, name_end)
            if not after and form.exact and not form.trailing and text.startswith(".", name_end):
                after = _parse_after(text, name_end + 1)  # «aml. § 14-9»
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
            if old_iri is not None:
                return self._old(text, old_iri, start, name_end, after, before)
            return self._build(text, form, start, name_end, after, before, alternatives)
        return None

    def _agreement(
        self, text: str, form: _Form, start: int, name_end: int, consumed: int
    ) -> tuple[list[Citation], int]:
        """An agreement, with the provision written after or before its name («HTA pkt 2.3.1», «§ 3-1 i
        Hovedavtalen»): the agreement's own numbering, never a Lovdata id."""
        agreement = self.reg.agreements[form.entry.target]
        label, span_start, end = None, start, name_end
        if found := agreement_provision_after(text, name_end):
            label, end = found
        elif found_before := agreement_provision_before(text, start, consumed):
            label, span_start = found_before
        elif form.definite and (m := _POSSESSIVE.match(text, name_end)):
            end = m.end()  # «Hovudavtalen sine mål»
        citation = Citation(
            text=text[span_start:end], line=span_start + 1, id=agreement.id, provision=label, iri=agreement.iri
        )
        return [citation], end

    def _old(
        self,
        text: str,
        iri: str,
        start: int,
        name_end: int,
        after: list[_Provision] | None,
        before: _Provision | None,
    ) -> tuple[list[Citation], int]:
        """Citations of a repealed act (and its provisions), each flagged historical."""
        spans = provision_spans(start, name_end, after, before)
        citations = [
            Citation(text=text[a:b], line=a + 1, **historical_acts.fields(self.reg, iri, label))
            for (a, b), label in spans
        ]
        return citations, max(b for (_, b), _ in spans)

    def in_context(self, text: str, provisions: list[_Provision], context: Citation | None) -> list[Citation]:
        """Citations of §§ written without an act, with the act of ``context`` (see
        :mod:`loaders.citation_context`), or unresolved when there is none."""
        result = []
        for provision in provisions:
            base = {"text": text[provision.start : provision.end], "line": provision.start + 1}
            label = provision.label
            if context is None:
                note = (
                    f"ingen lov er nemnd i setninga, avsnittet eller overskrifta til {label} / "
                    f"no act is named in the sentence, paragraph or heading of {label}"
                )
                result.append(Citation(**base, provision=label, status="unresolved", reason="no-act", note=note))
            elif context.kind == "local-rule":
                result.append(Citation(**base, provision=label, kind="local-rule", note=context.note))
            elif context.status == "historical" and context.iri in self.reg.successors:
                result.append(Citation(**base, **historical_acts.fields(self.reg, context.iri, label)))
            elif context.id in self.reg.agreements:
                result.append(Citation(**base, id=context.id, provision=label, iri=context.iri))
            elif context.id in self.reg.instruments:
                info = self.reg.instruments[context.id]
                result.append(self._provision(text, info, provision, (provision.start, provision.end), None))
        return result

    def _provision(
        self,
        text: str,
        info: registry.InstrumentInfo,
        provision: _Provision,
        span: tuple[int, int],
        note: str | None,
    ) -> Citation:
        """One provision of an act in force: resolved, historical (a plain § where the act numbers by
        chapter), or unresolved as non-existent."""
        base = {"text": text[span[0] : span[1]], "line": span[0] + 1}
        iri, missing = _lookup(info, provision)
        if not missing:
            return Citation(**base, id=info.id, provision=provision.label, iri=iri, note=note)
        old = historical_acts.newest_predecessor(self.reg, info.id)
        if old and provision.kind == "section" and historical_acts.plain_number_in_chaptered_act(
            info, provision.keys[0]
        ):
            return Citation(**base, **historical_acts.fields(self.reg, old, provision.label))
        return Citation(
            **base,
            id=info.id,
            provision=provision.label,
            iri=None,
            status="unresolved",
            note=(
                f"{missing} finst ikkje i {info.name} ({info.id}) / "
                f"{missing} does not exist in {info.name} ({info.id})"
            ),
        )

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
        span_end = after[0].end if after else name_end

        def cite(span: tuple[int, int], **fields: Any) -> Citation:
            # ``line`` holds the offset until the caller turns it into a line number.
            return Citation(text=text[span[0] : span[1]], line=span[0] + 1, **fields)

        if entry.source == "repealed":
            return self._old(text, entry.target, start, name_end, after, before)
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
        citations = [
            self._provision(text, info, provision, span, note)
            for (span, _), provision in zip(provision_spans(start, name_end, after, before), provisions, strict=True)
        ]
        return citations, max(span_end, name_end)


def _trie_key(token: str) -> str:
    """A token as the trie keys it: lower case, without the dangling hyphen of a shared compound, which PDF
    text often parts from its word («informasjons - og»)."""
    return token.lower().rstrip("-‐‑")


_ADDRESS = re.compile(r"://|www\.|@|\.(?:no|com|org|net|se|dk|eu)\b", re.I)


# Words that announce a citation; a bare abbreviation counts only after one of them.
_CUE = re.compile(
    # «med» only as «i samsvar med», «i tråd med»: «søkjarar med hol i …» is the word «hol».
    r"(?:^|[^\wæøåÆØÅ])(?:jf|jfr|jamfør|etter|ifølge|iht|i henhold til|i medhold av|samsvar med|tråd med|se|sjå|"
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
