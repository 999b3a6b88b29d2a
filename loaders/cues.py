"""Which concept a block opens, read from the ontology's cue words.

A heading (or a short paragraph) that *starts* with a cue opens a section: «DELMÅL», «Dette skjer
gjennom:», «Hovudmål: Leiarar som …» (with the goal inline). A very short heading may hold its cue anywhere
(«No-situasjon og hovudutfordringar»). An introducing sentence that ends with a colon names what the list
below it holds: «… har vi valt fire satsingsområde:», «… skal følgende hovedmål være førende …:».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from loaders.outline import Block, Kind
from loaders.vocabulary import SG, normalise, section_cues

SHORT_PARAGRAPH_WORDS = 12
ANYWHERE_MAX_WORDS = 4
# What the list below an introducing sentence holds is the concept right after «følgende» or a number.
_QUANTIFIER = re.compile(
    r"(?:følgende|følgjande|\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# When a sentence names several concepts, the more specific reading wins.
PRECEDENCE = (
    SG.PriorityArea, SG.Vision, SG.Value, SG.Challenge, SG.UnderlyingDocument, SG.ReferenceDocument,
    SG.MainGoal, SG.SubGoal, SG.AreaGoal, SG.Goal, SG.Indicator, SG.Measure, SG.LeaderExpectation,
    SG.EmployeeExpectation,
)


@dataclass(frozen=True)
class CueHit:
    cls: URIRef
    rest: str  # the block's text after the cue, in its original case, without separators
    tail: str  # the same, as written («1: Kompetanse for framtida»)
    inline: bool  # the rest is content («Hovudmål: Leiarar som …»), not a subtitle («DELMÅL LEDELSE»)


@cache
def _cue_regex() -> tuple[re.Pattern[str], dict[str, URIRef]]:
    by_text: dict[str, URIRef] = {}
    for cue in section_cues():
        by_text.setdefault(cue.text, cue.cls)
    separator = r"[\s\-–—:;«»\"*()]+"
    alternatives = "|".join(
        separator.join(re.escape(word) for word in text.split())
        for text in sorted(by_text, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE), by_text


def _lookup(matched: str) -> URIRef | None:
    return _cue_regex()[1].get(normalise(matched))


def cue_of(block: Block) -> CueHit | None:
    """The concept a heading or short paragraph opens, if any."""
    if block.kind not in (Kind.HEADING, Kind.PARAGRAPH) or block.text.startswith(("«", '"', "(")):
        return None
    pattern, _ = _cue_regex()
    text = block.text.strip()
    words = len(text.split())
    match = pattern.match(text)
    if match is None and block.kind is Kind.HEADING and words <= ANYWHERE_MAX_WORDS:
        match = pattern.search(text)
    if match is None or (cls := _lookup(match.group(1))) is None:
        return None
    after = text[match.end() :]
    rest = after.strip(" :–—-")
    inline = bool(re.match(r"\s*[:–—]", after)) and len(rest.split()) >= 2 and not rest.isupper()
    sentences = len(re.findall(r"[.!?»]\s+\S", text)) + 1
    if (
        block.kind is Kind.PARAGRAPH
        and not inline
        and (words > SHORT_PARAGRAPH_WORDS or text.endswith(".") or sentences > 1)
    ):
        return None  # a sentence that happens to start with a cue word is prose
    return CueHit(cls=cls, rest=rest, tail=after, inline=inline)


def intro_cue(block: Block) -> URIRef | None:
    """The concept an introducing sentence («… følgjande mål. Vi skal vere:») says its list holds."""
    if block.kind not in (Kind.HEADING, Kind.PARAGRAPH) or not block.text.rstrip().endswith(":"):
        return None
    pattern, _ = _cue_regex()
    hits = [(m, cls) for m in pattern.finditer(block.text) if (cls := _lookup(m.group(1))) is not None]
    if not hits:
        return None
    quantified = [cls for m, cls in hits if _QUANTIFIER.search(block.text[: m.start()])]
    if quantified:
        return quantified[0]
    last_sentence_start = max(block.text.rstrip(":").rfind(". "), 0)
    in_last = [cls for m, cls in hits if m.start() >= last_sentence_start]
    candidates = in_last or [cls for _, cls in hits]
    return min(candidates, key=lambda c: PRECEDENCE.index(c) if c in PRECEDENCE else len(PRECEDENCE))
