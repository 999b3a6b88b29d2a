"""Is a document an employer-policy document at all? Decided from its title, its vocabulary and its structure.

Employer policy comes under many names: arbeidsgiverstrategi, -politikk and -plattform, HR-strategi,
organisasjonsstrategi, personalpolitikk, lønnspolitikk, heltidsstrategi, kompetansestrategi and the plans
under them. Those names are the labels and hidden labels of ``sg:EmployerStrategy``. A document is one
when it names such a kind near its top (its title), or names one further down and has a strategy's structure
(values, goals, measures, areas, expectations under their headings or intros), or has that structure in
plenty. A template or an
interview guide (mostly questions) is not one, whatever words it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.cues import cue_of
from loaders.outline import Block, Kind
from loaders.roles import intro_role
from loaders.vocabulary import SG, phrase_cues, phrase_pattern

TOP_BLOCKS = 12  # how far from the start a document names what it is
ACCEPT_SCORE = 3
QUESTION_SHARE = 0.25  # a document whose blocks are this often questions is a form or an interview guide
STRUCTURE_CLASSES = {
    SG.Vision, SG.Value, SG.Goal, SG.MainGoal, SG.AreaGoal, SG.SubGoal, SG.PriorityArea, SG.Measure,
    SG.LeaderExpectation, SG.EmployeeExpectation, SG.Indicator,
}


@dataclass(frozen=True)
class Verdict:
    """Whether a document is employer policy, with what was seen and what was missing."""

    is_strategy: bool
    score: int
    kind: str | None  # the kind named («organisasjonsstrategi»), as written
    kind_line: int | None
    structure: tuple[str, ...]  # local names of the structure classes found
    questions: int
    blocks: int


def names_kind(text: str, *, leading: bool = False) -> str | None:
    """The employer-policy kind a text names («organisasjonsstrategien»), not the bare word «strategi».
    ``leading``: only a kind among the first two words, as a title names what it is («Overordna
    kompetanseplan»), not «Mål for personalpolitikken»."""
    bare = tuple(text for text in phrase_cues(SG.EmployerStrategy) if " " not in text and len(text) <= 8)
    for match in phrase_pattern(SG.EmployerStrategy).finditer(text):
        if leading and len(text[: match.start()].split()) > 1:
            continue
        if not match.group(0).lower().startswith(bare):  # «strategi», «strategisk»: no kind
            return match.group(0)
    return None


def _kind(blocks: list[Block]) -> tuple[str | None, int | None, bool]:
    """The first employer-policy kind named, its line, and whether it stands near the top."""
    for index, block in enumerate(blocks):
        if kind := names_kind(block.text):
            return kind, block.line_start, index < TOP_BLOCKS
    return None, None, False


def _structure(blocks: list[Block]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        if block.kind not in (Kind.HEADING, Kind.PARAGRAPH) or len(block.text.split()) > 12:
            continue
        hit = cue_of(block)
        cls = hit.cls if hit is not None else None
        if cls is None and block.text.rstrip().endswith(":"):
            intro = intro_role(block.text)
            cls = intro.cls if intro is not None else None
        if cls in STRUCTURE_CLASSES:
            found.add(str(cls).rsplit("#", 1)[-1].replace("MainGoal", "Goal").replace("AreaGoal", "Goal"))
    return found


def classify(blocks: list[Block]) -> Verdict:
    """Score a document: 3 for a kind named near the top (1 elsewhere), 1 for each kind of structure up to 3,
    less 3 when it is mostly questions. ``ACCEPT_SCORE`` or more is employer policy."""
    kind, line, top = _kind(blocks)
    structure = _structure(blocks)
    questions = sum(1 for b in blocks if b.text.rstrip().endswith("?"))
    score = (3 if top else 1 if kind else 0) + min(len(structure), 3)
    if blocks and questions / len(blocks) >= QUESTION_SHARE:
        score -= 3
    accepted = score >= ACCEPT_SCORE
    return Verdict(accepted, score, kind, line, tuple(sorted(structure)), questions, len(blocks))


def refusal(verdict: Verdict) -> tuple[str, str]:
    """The nynorsk and English message for a document that is not employer policy: what it looks like and
    what was missing."""
    named_nn = f"namngjev «{verdict.kind}» berre på linje {verdict.kind_line}" if verdict.kind else (
        "namngjev ingen arbeidsgjevarpolitikk (arbeidsgjevarstrategi, personalpolitikk, kompetansestrategi …)"
    )
    named_en = f"names «{verdict.kind}» only on line {verdict.kind_line}" if verdict.kind else (
        "names no employer policy (arbeidsgiverstrategi, personalpolitikk, kompetansestrategi …)"
    )
    found = ", ".join(verdict.structure) or "ingen / none"
    looks_nn, looks_en = "", ""
    if verdict.blocks and verdict.questions / verdict.blocks >= QUESTION_SHARE:
        share = f"{verdict.questions} av {verdict.blocks}", f"{verdict.questions} of {verdict.blocks}"
        looks_nn = f"; {share[0]} avsnitt er spørsmål, som i eit skjema eller ein samtalemal"
        looks_en = f"; {share[1]} blocks are questions, as in a form or an interview guide"
    return (
        f"ser ikkje ut som ein arbeidsgjevarstrategi: dokumentet {named_nn}, og strategistrukturen er tynn "
        f"(fann: {found}){looks_nn}. Bruk --as-strategy for å lese det som ein strategi likevel",
        f"does not look like an employer strategy: the document {named_en}, and its strategy structure is thin "
        f"(found: {found}){looks_en}. Use --as-strategy to read it as a strategy anyway",
    )
