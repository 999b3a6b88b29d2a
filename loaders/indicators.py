"""Indicators («Måles ved faktor 8 – fleksibilitetsvilje (KS' medarbeiderundersøkelse 10-faktor)»).

The words that introduce an indicator are the cues of ``sg:Indicator``; 10-faktor factors are found by
their labels in ``ontology/tenfactor.ttl`` or by number; directions by the labels of ``sg:Increase`` and
its siblings; units by the labels of ``sg:unit``.
"""

from __future__ import annotations

import re

from loaders.model import Indicator, Lines
from loaders.vocabulary import SG, instrument_finder, phrase_pattern, tenfactor_finder, theme_finder

_FACTOR_NUMBER = re.compile(r"\bfaktor\s*[-–—]?\s*(\d{1,2})\b", re.IGNORECASE)
_AND = re.compile(r"\s+og\s+", re.IGNORECASE)
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|prosent)?", re.IGNORECASE)


def indicator_cue_end(text: str) -> int | None:
    """Where the text after an indicator cue begins, when the text opens with one («Måles ved …»)."""
    match = phrase_pattern(SG.Indicator).match(text.strip())
    return text.index(match.group(0)) + len(match.group(0)) if match else None


def _direction(text: str) -> str | None:
    pattern = phrase_pattern(SG.Increase, SG.Decrease, SG.Maintain)
    match = pattern.search(text)
    return (None, "increase", "decrease", "maintain")[match.lastindex] if match else None


def _target(text: str) -> tuple[float | None, str | None]:
    targets = phrase_pattern(SG.targetValue)
    cue = targets.search(text)
    scope = text[cue.end() :] if cue else text
    match = _NUMBER.search(scope)
    if match is None or (cue is None and match.group(2) is None):
        return None, None  # a bare number without «mål»/«%» is a factor number or a year, not a target
    value = float(match.group(1).replace(",", "."))
    unit = "prosent" if match.group(2) else None
    return value, unit


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
        target, unit = _target(part)
        found.append(
            Indicator(
                text=part.strip(" ,."),
                lines=lines,
                themes=theme_finder().slugs(part),
                factor=factor,
                instrument="10-faktor" if factor is not None else instrument,
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
    if match := _FACTOR_NUMBER.search(text):
        number = int(match.group(1))
        if 1 <= number <= 10:
            return number
    labels = tenfactor_finder().slugs(text)
    return int(labels[0]) if labels else None
