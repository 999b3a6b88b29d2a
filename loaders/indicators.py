"""Indicators («Måles ved faktor 8 – fleksibilitetsvilje (KS' medarbeiderundersøkelse 10-faktor)»).

The words that introduce an indicator are the cues of ``sg:Indicator``; 10-faktor factors are found by
their labels in ``ontology/tenfactor.ttl`` or by a number after a cue of ``sg:TenFactor`` («faktor 8»);
directions by the labels of ``sg:Increase`` and its siblings; units by the labels of the units in
``ontology/ks-frameworks.ttl`` («prosent», «%»); what is measured by the hidden labels of
``sg:measuredQuantity`` («andel», «sjukefråvær»).
"""

from __future__ import annotations

import re
from functools import cache

from rdflib import SKOS, Literal, URIRef

from loaders.model import Indicator, Lines
from loaders.vocabulary import (
    CUE_LANGUAGES,
    ID,
    SG,
    instrument_finder,
    phrase_cues,
    phrase_pattern,
    reference_graph,
    tenfactor_finder,
    theme_finder,
)

UNITS = URIRef(ID + "maleeining")  # the concept scheme of the units

_AND = re.compile(r"\s+og\s+", re.IGNORECASE)
# Where the clause that names a quantity ends: «andel heltidsansatte i PAI-registeret, mål 60 prosent».
_CLAUSE_END = re.compile(r"[,;:()]|\s[–—-]\s")


def _alternatives(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


@cache
def _factor_number() -> re.Pattern[str]:
    """«faktor 8», «faktor - 4»: a cue of ``sg:TenFactor`` and a number."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(list(phrase_cues(SG.TenFactor)))})\s*[-–—]?\s*(\d{{1,2}})\b",
                      re.IGNORECASE)


@cache
def units() -> dict[str, str]:
    """Every word for a unit (lower case) → the unit's name: the preferred label, in the word's language, of
    the unit it belongs to in the scheme of units («%» → «prosent»)."""
    graph = reference_graph()
    found: dict[str, str] = {}
    for unit in sorted(graph.subjects(SKOS.inScheme, UNITS), key=str):
        names = {v.language: str(v) for v in graph.objects(unit, SKOS.prefLabel) if isinstance(v, Literal)}
        words = [
            v for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for v in graph.objects(unit, p)
            if isinstance(v, Literal) and v.language in CUE_LANGUAGES and v.language in names
        ]
        for word in sorted(words, key=lambda v: (v.language, str(v))):
            found.setdefault(str(word).lower(), names[word.language])
    return found


@cache
def _number() -> re.Pattern[str]:
    """A number with an optional unit after it: «60 prosent», «7 %», «92,5»."""
    words = _alternatives(list(units())) or r"(?!x)x"  # no units in the ontology: no number has one
    return re.compile(rf"(\d+(?:[.,]\d+)?)\s*({words})?", re.IGNORECASE)


def indicator_cue_end(text: str) -> int | None:
    """Where the text after an indicator cue begins, when the text opens with one («Måles ved …»)."""
    match = phrase_pattern(SG.Indicator).match(text.strip())
    return text.index(match.group(0)) + len(match.group(0)) if match else None


def _direction(text: str) -> str | None:
    pattern = phrase_pattern(SG.Increase, SG.Decrease, SG.Maintain)
    match = pattern.search(text)
    return (None, "increase", "decrease", "maintain")[match.lastindex] if match else None


def _target(text: str) -> tuple[float | None, str | None, int | None]:
    """The target value, its unit and where in ``text`` it begins."""
    targets = phrase_pattern(SG.targetValue)
    cue = targets.search(text)
    offset = cue.end() if cue else 0
    match = _number().search(text, offset)
    if cue is None:  # no cue: a number with a unit («93,5 %»), not a year or a factor number
        with_unit = [m for m in _number().finditer(text) if m.group(2)]
        # «fra 41 prosent i 2024 til 55 prosent»: after a baseline the last such number is the target
        baseline = phrase_pattern(SG.baselineValue)
        before_first = text[max(0, with_unit[0].start() - 8) : with_unit[0].start()] if with_unit else ""
        from_baseline = len(with_unit) > 1 and baseline.search(before_first)
        match = with_unit[-1] if from_baseline else next(iter(with_unit), None)
    if match is None or (cue is None and match.group(2) is None):
        return None, None, None  # a bare number without «målverdi»/«%» is a factor number or a year
    value = float(match.group(1).replace(",", "."))
    unit = units()[match.group(2).lower()] if match.group(2) else None
    return value, unit, cue.start() if cue else match.start()


def _quantity(text: str, target_at: int | None) -> str | None:
    """What is measured, in the text's own words: from a cue of ``sg:measuredQuantity`` («andel …») to the
    end of its clause or to the target, whichever comes first. A cue inside the name of a known instrument
    («sykefraværsstatistikken», «nærværsprosent») is the instrument, which is recorded as such. None when
    the text names no quantity («mål 60 prosent» alone)."""
    instruments = [(start, end) for _, start, end in instrument_finder().find(text)]
    cue = next(
        (
            match
            for match in phrase_pattern(SG.measuredQuantity).finditer(text)
            if not any(start <= match.start() < end for start, end in instruments)
        ),
        None,
    )
    if cue is None:
        return None
    clause = _CLAUSE_END.search(text, cue.end())
    end = clause.start() if clause else len(text)
    if target_at is not None and target_at > cue.start():
        end = min(end, target_at)
    quantity = text[cue.start() : end].strip(" ,.;:–—-")
    return quantity or None


def parse(text: str, lines: Lines) -> list[Indicator]:
    """The indicators one «Måles ved …» text names: one per 10-faktor factor, else one."""
    start = indicator_cue_end(text)
    body = text[start:].strip(" :–-") if start is not None else text.strip()
    if not body:
        return []
    found = []
    for part in _parts(body):
        instrument = next(iter(instrument_finder().slugs(part)), None)
        factor = _factor(part)
        target, unit, target_at = _target(part)
        found.append(
            Indicator(
                text=part.strip(" ,."),
                lines=lines,
                themes=theme_finder().slugs(part),
                factor=factor,
                instrument="10-faktor" if factor is not None else instrument,
                quantity=_quantity(part, target_at),
                target=target,
                unit=unit,
                direction=_direction(part),
            )
        )
    return found


def _parts(body: str) -> list[str]:
    """«faktor 4 … og faktor 7 …» and «sykefraværsstatistikken og 10-faktor, faktor 5 …» name two
    indicators; «helse og omsorg» does not: both sides of «og» must name an instrument or a factor."""
    parts: list[str] = []
    for piece in _AND.split(body):
        if parts and _names_something(piece) and _names_something(parts[-1]):
            parts.append(piece)
        elif parts:
            parts[-1] = f"{parts[-1]} og {piece}"
        else:
            parts.append(piece)
    return parts


def _names_something(text: str) -> bool:
    return bool(instrument_finder().slugs(text)) or _factor(text) is not None


def _factor(text: str) -> int | None:
    if match := _factor_number().search(text):
        number = int(match.group(1))
        if 1 <= number <= 10:
            return number
    labels = tenfactor_finder().slugs(text)
    return int(labels[0]) if labels else None
