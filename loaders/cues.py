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


# Punctuation that may stand between the words of a cue («Dette skjer gjennom:», «Mål – delmål»). The text is
# matched with each of these read as «;» (one character for one, so positions hold): a character class with
# the dashes, which are beyond Latin-1, cost the regex compiler 0.3 ms for each multi-word cue. Cue texts
# never hold this punctuation (``normalise`` removes all but the dashes); should one hold a dash, the
# pattern keeps the full class and the text is matched as written.
_PUNCTUATION = "–—:;«»\"*()"


@dataclass(frozen=True)
class _CuePattern:
    """Every section cue in one regex, longest first; group 1 is the cue as written."""

    pattern: re.Pattern[str]
    by_text: dict[str, URIRef]
    punctuation: re.Pattern[str] | None  # what the text reads as «;» before matching (see _PUNCTUATION)

    def _read(self, text: str) -> str:
        return self.punctuation.sub(";", text) if self.punctuation is not None else text

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(self._read(text))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(self._read(text))

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(self._read(text)))

    def cls_of(self, text: str, match: re.Match[str]) -> URIRef | None:
        """The class of the cue ``match`` found in ``text`` (the text as written, not as matched)."""
        return self.by_text.get(normalise(text[match.start(1) : match.end(1)]))


@cache
def _cues() -> _CuePattern:
    by_text: dict[str, URIRef] = {}
    for cue in section_cues():
        by_text.setdefault(cue.text, cue.cls)
    punctuation: re.Pattern[str] | None = re.compile(f"[{re.escape(_PUNCTUATION)}]")
    separator = r"[\s\-;]+"
    if any(mark in text for text in by_text for mark in _PUNCTUATION):
        punctuation, separator = None, rf"[\s\-{re.escape(_PUNCTUATION)}]+"
    alternatives = "|".join(
        separator.join(re.escape(word) for word in text.split())
        for text in sorted(by_text, key=len, reverse=True)
    )
    return _CuePattern(re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE), by_text, punctuation)


def cue_of(block: Block) -> CueHit | None:
    """The concept a heading or short paragraph opens, if any."""
    if block.kind not in (Kind.HEADING, Kind.PARAGRAPH) or block.text.startswith(("«", '"', "(")):
        return None
    cues = _cues()
    text = block.text.strip()
    words = len(text.split())
    match = cues.match(text)
    if match is None and block.kind is Kind.HEADING and words <= ANYWHERE_MAX_WORDS:
        match = cues.search(text)
    if match is None or (cls := cues.cls_of(text, match)) is None:
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
    cues = _cues()
    hits = [(m, cls) for m in cues.finditer(block.text) if (cls := cues.cls_of(block.text, m)) is not None]
    if not hits:
        return None
    quantified = [cls for m, cls in hits if _QUANTIFIER.search(block.text[: m.start()])]
    if quantified:
        return quantified[0]
    last_sentence_start = max(block.text.rstrip(":").rfind(". "), 0)
    in_last = [cls for m, cls in hits if m.start() >= last_sentence_start]
    candidates = in_last or [cls for _, cls in hits]
    return min(candidates, key=lambda c: PRECEDENCE.index(c) if c in PRECEDENCE else len(PRECEDENCE))
