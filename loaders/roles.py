"""Stage 3 of extraction: the role of a section, of a list intro and of an item, each with its reason.

Three kinds of signal, read from the ontology's words so that teaching the reader a phrase is a data change:

- a heading's words: the labels and altLabels (nb, nn) of the strategy-element classes («Verdiar»,
  «Mål for arbeidsgiverpolitikken», «Innsatsområde forankring»);
- the line that introduces a list or a statement: the labels, altLabels and hiddenLabels of the classes
  («Dette gjer vi:», «Våre prioriteringar i …» give measures; «Eg som har personalansvar …», «Vi forventer av
  ledere:» give expectations of leaders; «Vi vil:» gives goals). An intro is matched word for word, not
  by stem, so «leiarar» never finds «leiarutvikling»;
- the shape of an item: a short noun phrase is a value under a values heading; a statement with «skal»,
  «er» or «har» is a goal.

A reason is a short, language-neutral trace («heading:Verdiar→Value»), kept on the element in the card so a
reviewer can see why a line became what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from loaders.cues import cue_of
from loaders.outline import Block
from loaders.vocabulary import SG, normalise, phrase_cues

GOALS = (SG.Goal, SG.MainGoal, SG.AreaGoal, SG.SubGoal)
# The classes an intro can announce, most specific first: «forventer av ledere» wins over «forventer».
INTRO_CLASSES = (
    SG.LeaderExpectation, SG.EmployeeExpectation, SG.Measure, SG.Value, SG.Vision, SG.Indicator,
    SG.PriorityArea, SG.MainGoal, SG.Goal,
)
VALUE_MAX_WORDS = 4
_QUANTIFIER = re.compile(
    r"(?:følgende|følgjande|\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_FINITE = re.compile(r"\b(skal|er|har|blir|vert|vil|kan|bør|får)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What a section, intro or item is (an ontology class, or None for prose) and why."""

    cls: URIRef | None
    reason: str
    rest: str = ""  # the words after the signal, as written («forankring» after «Innsatsområde»)


def _name(cls: URIRef) -> str:
    return str(cls).rsplit("#", 1)[-1]


def heading_role(block: Block) -> Reading | None:
    """The class a heading names by its words, or None."""
    hit = cue_of(block)
    if hit is None:
        return None
    return Reading(hit.cls, f"heading:{block.text[:40]}→{_name(hit.cls)}", hit.rest)


@cache
def _intro_pattern() -> tuple[re.Pattern[str], tuple[URIRef, ...]]:
    phrases: list[tuple[str, URIRef]] = []
    for cls in INTRO_CLASSES:
        phrases.extend((text, cls) for text in phrase_cues(cls))
    phrases.sort(key=lambda item: -len(item[0]))
    space = r"\s+"
    alternatives = "|".join("(" + space.join(re.escape(w) for w in text.split()) + ")" for text, _ in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), tuple(cls for _, cls in phrases)


def intro_role(text: str) -> Reading | None:
    """The class of what an introducing line («Dette gjer vi:», «Eg som har personalansvar») announces: the
    phrase that stands first in the line wins, the longest where two start together."""
    pattern, classes = _intro_pattern()
    normal = normalise(text)
    matches = [m for m in pattern.finditer(normal) if m.lastindex is not None]
    if not matches:
        return None
    # «… er det fire verdier som …:» names what the list holds by the word after the number
    counted = [m for m in matches if _QUANTIFIER.search(normal[: m.start()])]
    match = (counted or matches)[0]
    cls = classes[match.lastindex - 1]  # type: ignore[operator]
    return Reading(cls, f"intro:{match.group(0)}→{_name(cls)}", text)


def is_value_shaped(text: str) -> bool:
    """A value is a short noun phrase («Open», «Vi er modige», «Respekt og raushet»), not a sentence."""
    words = text.rstrip(".").split()
    return 0 < len(words) <= VALUE_MAX_WORDS and not text.rstrip().endswith(("?", ":"))


def is_goal_shaped(text: str) -> bool:
    """A goal states a state to reach: a sentence with «skal», «er», «har» (or another finite verb) early on."""
    return bool(_FINITE.search(" ".join(text.split()[:8])))


def value_parts(text: str) -> list[str]:
    """Values written on one line («Kompetent – Open – Modig», «Open, modig og raus»); one part when the line
    is not such a list."""
    parts = [p.strip(" .") for p in re.split(r"\s*[–—]\s*|\s+-\s+|,\s*|\s+og\s+", text) if p.strip(" .")]
    if len(parts) >= 2 and all(len(p.split()) <= 2 and p[:1].isupper() for p in parts):
        return parts
    return [text]


def value_name(text: str) -> str:
    """«Åpen: Vi involverer …» names the value «Åpen»; the definition after the colon is not the value."""
    head, colon, _ = text.partition(":")
    return head.strip() if colon and 0 < len(head.split()) <= 3 else text
