"""Stage 3 of extraction: the role of a section, of a list intro and of an item, each with its reason.

Three kinds of signal, read from the ontology's words so that teaching the reader a phrase is a data change:

- a heading's words: the labels and altLabels (nb, nn) of the strategy-element classes («Verdiar»,
  «Mål for personalpolitikken», «Innsatsområde leiing»);
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
from loaders.vocabulary import SG, normalise, phrase_cues, phrase_pattern

GOALS = (SG.Goal, SG.MainGoal, SG.AreaGoal, SG.SubGoal)
# The classes an intro can announce, most specific first: «forventer av ledere» wins over «forventer».
INTRO_CLASSES = (
    SG.LeaderExpectation, SG.EmployeeExpectation, SG.Measure, SG.Value, SG.Vision, SG.Indicator,
    SG.PriorityArea, SG.MainGoal, SG.Goal,
)
VALUE_MAX_WORDS = 4
GOAL_SUBJECT_WORDS = 6  # «Delen tilsette i heil stilling skal auke …»: the subject before the goal's verb
STATEMENT_SUBJECT_WORDS = 3  # «Eksempel fylkeskommune har som mål …»; «… hva slags arbeidsgiver vi vil være» is not one
_QUANTIFIER = re.compile(
    r"(?:følgende|følgjande|\d+|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_FINITE = re.compile(r"\b(skal|er|har|blir|vert|vil|kan|bør|får)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What a section, intro or item is (an ontology class, or None for prose) and why."""

    cls: URIRef | None
    reason: str
    rest: str = ""  # the words after the signal, as written («leiing» after «Innsatsområde»)
    start: int = 0  # where an intro's phrase starts in the normalised line (0: the line opens with it)
    inline: bool = False  # the heading holds its content after the cue («Visjon: Saman om …»)


def _name(cls: URIRef) -> str:
    return str(cls).rsplit("#", 1)[-1]


def heading_role(block: Block) -> Reading | None:
    """The class a heading names by its words, or None."""
    hit = cue_of(block)
    if hit is None:
        return None
    return Reading(hit.cls, f"heading:{block.text[:40]}→{_name(hit.cls)}", hit.rest, inline=hit.inline)


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
    return Reading(cls, f"intro:{match.group(0)}→{_name(cls)}", text, match.start())


def is_value_shaped(text: str) -> bool:
    """A value is a short noun phrase («Open», «Vi er modige», «Respekt og raushet»), not a sentence."""
    words = text.rstrip(".").split()
    return 0 < len(words) <= VALUE_MAX_WORDS and not text.rstrip().endswith(("?", ":"))


def is_goal_shaped(text: str) -> bool:
    """A goal states a state to reach: a sentence with «skal», «er», «har» (or another finite verb) early on."""
    return bool(_FINITE.search(" ".join(text.split()[:8])))


def value_parts(text: str) -> list[str]:
    """Values written on one line («Kompetent – Open – Modig», «open, modig og raus»); one part when the line
    is not such a list («Respekt og raushet»)."""
    if not re.search(r"[,–—]|\s-\s", text):
        return [text]  # «Respekt og raushet» is one value; «og» lists only after a comma
    parts = [p.strip(" .") for p in re.split(r"\s*[–—]\s*|\s+-\s+|,\s*|\s+og\s+", text) if p.strip(" .")]
    if len(parts) >= 2 and all(len(p.split()) <= 2 for p in parts):
        return parts
    return [text]


def value_name(text: str) -> str:
    """«Åpen: Vi involverer …» and «Åpen – vi deler informasjon» name the value «Åpen»; the definition after
    the colon, or after a dash in lower case, is not the value."""
    head, colon, _ = text.partition(":")
    if colon and 0 < len(head.split()) <= 3:
        return head.strip()
    dashed = re.match(r"^(\S+(?:\s\S+){0,2})\s+[–—-]\s+[a-zæøå]", text)
    return dashed.group(1) if dashed else text


@cache
def _goal_statement(cls: URIRef = SG.Goal) -> re.Pattern[str]:
    space = r"\s+"
    hidden = set(phrase_cues(cls)) - set(phrase_cues(SG.Goal) if cls != SG.Goal else ())
    phrases = sorted((t for t in hidden if " " in t), key=len, reverse=True)
    # the first word may close a compound («leiarmåla skal»), so it matches at a word's end too
    alternatives = "|".join(r"\w*" + space.join(re.escape(w) for w in t.split()) for t in phrases)
    words = GOAL_SUBJECT_WORDS if cls == SG.AreaGoal else STATEMENT_SUBJECT_WORDS
    return re.compile(rf"^(?:\S+\s+){{0,{words}}}?(?:{alternatives})(?!\w)")


def goal_statement(sentence: str, *, in_area: bool = False) -> URIRef | None:
    """A sentence that states a goal by its opening: «Vi vil …», «Målet med strategien er …», «Vi har som mål
    at …», «Leiarmåla skal …» (the hidden labels of ``sg:Goal`` that hold a space); ``in_area``, also
    the openings that state an area's goal («… skal auke frå 45 til 60 prosent», hidden labels of
    ``sg:AreaGoal``)."""
    text = normalise(sentence)
    if _goal_statement().match(text):
        return SG.Goal
    return SG.AreaGoal if in_area and _goal_statement(SG.AreaGoal).match(text) else None


def indicator_statement(sentence: str) -> bool:
    """A sentence that says how something is measured, by a hidden label of ``sg:Indicator`` among its first
    words («Vi måler dette med …», «Rekrutteringen måler vi med …»)."""
    pattern = phrase_pattern(SG.Indicator)
    match = pattern.search(" ".join(sentence.split()[:4]))
    return match is not None


_LIST_TAIL = re.compile(r"^(.+?)(?:[.;:!?]|$)")


def named_list(sentence: str, cls: URIRef) -> list[str]:
    """The names a sentence lists after a label of ``cls`` and «er»: «Dei tre satsingsområda i denne strategien
    er heiltid, nærvær og leiing.», «Verdiane våre er open, modig og raus.». Empty
    when the sentence is not such a list (the names must be short: one to four words each)."""
    label = phrase_pattern(cls).search(sentence)
    if label is None:
        return []
    verb = re.search(r"\s(?:er|blir|vert)\s", sentence[label.end() : label.end() + 60])
    if verb is None:
        return []
    tail = _LIST_TAIL.match(sentence[label.end() + verb.end() :].strip())
    if tail is None:
        return []
    names = [n.strip(" «»\"") for n in re.split(r",\s*|\s+og\s+", tail.group(1)) if n.strip()]
    return names if len(names) >= 2 and all(1 <= len(n.split()) <= 4 for n in names) else []


def stated_vision(sentence: str) -> str | None:
    """The vision a sentence states: «Vår visjon er å vere nyskapande og berekraftig;» → «nyskapande og
    berekraftig»; «Visjonen vår er «Saman om …»» → the quoted words."""
    label = phrase_pattern(SG.Vision).search(sentence)
    if label is None:
        return None
    to_be = r"å\s+(?:vere|være|bli)\s+"
    # «Vår visjon er …», «… er vår visjon å vere …», «Vår visjon som arbeidsgiver er: …»
    after = re.match(
        rf"\s*(?:vår\s+)?(?:(?:[^\s:]+\s+){{0,3}}?(?:er|blir)\s*:?\s+(?:{to_be})?|{to_be})(.+?)(?:[.;!?](?:\s|$)|$)",
        sentence[label.end() :],
    )
    if after is None:
        return None
    vision = after.group(1).strip(" «»\"")
    return vision if 1 <= len(vision.split()) <= 15 else None


_ANAPHOR = re.compile(r"^(?:desse|disse|dei|de|dette|denne)\s+", re.IGNORECASE)


def names_before(sentence: str, previous: str, cls: URIRef) -> list[str]:
    """The names listed at the end of ``previous`` when ``sentence`` refers back to them by a label of ``cls``
    («… vi byggjer på tillit, respekt og mot. Desse verdiane våre skal …»)."""
    opening = _ANAPHOR.match(sentence)
    if opening is None or phrase_pattern(cls).match(sentence[opening.end() :]) is None:
        return []
    parts = [p.strip() for p in previous.rstrip(" .;").split(",")]
    if len(parts) < 2 or " og " not in parts[-1]:
        return []
    names = [parts[0].split()[-1], *parts[1:-1], *parts[-1].split(" og ")]
    return names if all(1 <= len(n.split()) <= 2 for n in names) else []


def other_plans(text: str) -> bool:
    """An intro of a list that is another plan's, not the strategy's own («FNs bærekraftsmål vi har valt:»,
    «Kommuneplanens satsingsområde:», «Strategien blir følgd opp i desse planane:»)."""
    return phrase_pattern(SG.OtherPlansList).search(text) is not None


def says_no_action_plan(text: str) -> bool:
    """«Strategien er ikkje ein handlingsplan»: the document has no measures."""
    return phrase_pattern(SG.NoActionPlan).search(text) is not None
