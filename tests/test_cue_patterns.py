"""The regexes built from the vocabulary's labels find what one plain alternation of the labels finds: the
labels grouped by first character (loaders.vocabulary) and the cue punctuation read as one mark
(loaders.cues) only make them cheaper."""

from __future__ import annotations

import re

import pytest

from loaders import cues, vocabulary
from loaders.outline import Block, Kind
from loaders.vocabulary import SG, Cue, TermFinder, _compile, _Label


def _plain(labels: list[_Label], flags: int) -> tuple[re.Pattern[str], tuple[str | None, ...]]:
    """The finder's regex as one alternation in label order, without the sets."""
    ordered = sorted(labels, key=lambda lb: (-len(lb.text), lb.slug is not None, lb.text, lb.stem, lb.slug or ""))
    alternatives = "|".join(f"({label.regex()})" for label in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})", flags), tuple(label.slug for label in ordered)


def _finder(pattern: re.Pattern[str], slugs: tuple[str | None, ...]) -> TermFinder:
    return TermFinder(pattern=pattern, exact_pattern=None, slugs_by_group=slugs, exact_slugs_by_group=())


LABELS = [
    _Label("lønn", False, "lonn"),
    _Label("lønns", True, "lonn"),
    _Label("lønnsom", True, None),  # a false friend
    _Label("løn", False, "lonn"),
    _Label("heltid", True, "heltid"),
    _Label("heiltid", True, "heltid"),
    _Label("hms", False, "hms"),
    _Label("ia-avtale", True, "naervaer"),
    _Label("sykefravær", True, "naervaer"),
]
TEXTS = [
    "Lønnspolitikken og lønnsomme tenester; konkurransedyktig lønn og løn.",
    "HEILTIDSKULTUR, heltid og HMS-arbeid i IA-avtalen; sykefraværet går ned",
    "Lønnsom drift, lønns- og forhandlingssystemet, lønnsoppgjøret",
    "ſykefravær og ſtillinger",
]


@pytest.mark.parametrize("extra", [[], [_Label("ſtilling", True, "heltid")]], ids=["sets", "no sets (ſ and s)"])
def test_labels_in_sets_find_what_one_alternation_finds(extra: list[_Label]) -> None:
    labels = LABELS + extra
    pattern, slugs = _compile(labels, re.IGNORECASE)
    assert pattern is not None
    assert ("(?=" in pattern.pattern) == (not extra)  # «ſ» matches «s» without case: no sets then
    for text in TEXTS:
        assert _finder(pattern, slugs).find(text) == _finder(*_plain(labels, re.IGNORECASE)).find(text)


def _cue_hits(texts: list[str]) -> list[object]:
    hits = []
    for text in texts:
        for kind in (Kind.HEADING, Kind.PARAGRAPH):
            block = Block(kind, text, 1, 1)
            hit = cues.cue_of(block)
            hits.append((hit and (hit.cls, hit.rest, hit.tail, hit.inline), cues.intro_cue(block)))
    return hits


CUE_TEXTS = [
    "DELMÅL – Ledelse",
    "Dette skjer gjennom:",
    "Dette – skjer «gjennom»: tiltak",
    "Hovudmål: Leiarar som byggjer kultur",
    "Kommunen har valt fire satsingsområde:",
    "Mål–delmål: noko",
    "x—y z",
]


def test_a_cue_with_a_dash_keeps_the_punctuation_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    normal = _cue_hits(CUE_TEXTS)
    assert cues._cues().punctuation is not None
    dashed = (Cue("mål–delmål", SG.SubGoal, "nb"), Cue("x—y z", SG.Goal, "nb"))
    everything = tuple(sorted((*vocabulary.section_cues(), *dashed), key=lambda c: (-len(c.text), c.text, str(c.cls))))
    monkeypatch.setattr(cues, "section_cues", lambda: everything)
    cues._cues.cache_clear()
    try:
        assert cues._cues().punctuation is None
        with_dashes = _cue_hits(CUE_TEXTS)
    finally:
        cues._cues.cache_clear()
    # The same readings, and the two new cues found as written.
    assert with_dashes[:10] == normal[:10]
    assert with_dashes[10][0][0] == SG.SubGoal and with_dashes[12][0][0] == SG.Goal
