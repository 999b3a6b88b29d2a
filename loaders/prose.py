"""Roles with duties and the revision rule, read sentence by sentence from the strategy's prose.

A duty is a sentence whose subject is a role («Rådmannen har et overordnet ansvar for …», «I en kommune er
det kommunestyret som har …», «Kommunestyret: …» in a list of roles) and that says what the role must do,
by one of the phrase cues of ``sg:Duty``. It is a follow-up duty when it also carries a cue of
``sg:FollowUpDuty`` and speaks of the strategy. The revision rule is the sentence that carries a cue of
``sg:RevisionRule`` and speaks of the strategy («… foretar revidering av arbeidsgiverstrategien hvert 4. år»).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.model import Duty, Lines, RevisionRule
from loaders.outline import Block
from loaders.vocabulary import SG, phrase_pattern, role_finder

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")
_ABBREVIATION = re.compile(
    r"\b(?:mv|jf|bl\.a|t\.d|m\.m|ca|nr|pkt|kap|dvs|osv|f\.eks|t\.o\.m|f\.o\.m)\.$", re.I
)
_LEADING_WORDS = 2  # «Lokale ledere», «Alle tilsette»: a role may follow at most two words
_COORDINATION = re.compile(
    r"\s*,\s*|\s+(?:og|eller)\s+(?:hans|hennes|deres|dei|sine|våre|alle)?\s*", re.IGNORECASE
)
_CLEFT = re.compile(r"\b(?:er|var)\s+det\s+$", re.IGNORECASE)  # «I en kommune er det kommunestyret som …»
_INTERVAL = re.compile(r"\b(?:hvert|kvart|hvart)\s+(\d{1,2})\.?\s*(?:år|året)\b", re.IGNORECASE)
_ORDINAL_INTERVAL = re.compile(
    r"\b(?:hvert|kvart)\s+(annet|andre|tredje|fjerde|femte|sjette)\s+år", re.IGNORECASE
)
_ORDINALS = {"annet": 2, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6}
_YEARLY = re.compile(r"\b(?:årlig|årleg)\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations such as «mv.» and «jf.» inside them."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def sentence_lines(block: Block) -> list[tuple[str, Lines]]:
    """The sentences of a block, each with the source lines it stands on (the block's lines when the block
    does not know where its lines break)."""
    found: list[tuple[str, Lines]] = []
    position = 0
    for sentence in sentences(block.text):
        start = block.text.find(sentence, position)
        if start < 0 or not block.breaks:
            found.append((sentence, Lines(start=block.line_start, end=block.line_end)))
            continue
        position = end = start + len(sentence)
        first = block.line_start + sum(1 for b in block.breaks if b <= start)
        last = block.line_start + sum(1 for b in block.breaks if b < end)
        found.append((sentence, Lines(start=first, end=last)))
    return found


def _subject_roles(sentence: str, cue_start: int) -> list[str]:
    """Roles named as the subject of the sentence, before its duty cue."""
    label = re.match(r"^([^:]{2,60}):\s", sentence)  # «Kommunestyret: Kommunestyret har …»
    head = label.group(1) if label else sentence[:cue_start]
    found = role_finder().find(head)
    if not found:
        return []
    before = head[: found[0][1]]
    if not (label or len(before.split()) <= _LEADING_WORDS or _CLEFT.search(before)):
        return []
    subject = [found[0]]  # the first role and the roles coordinated with it («Lederne og medarbeiderne»)
    for hit in found[1:]:
        if not _COORDINATION.fullmatch(head[subject[-1][2] : hit[1]]):
            break
        subject.append(hit)
    return list(dict.fromkeys(slug for slug, _, _ in subject))


def duties(blocks: Iterable[Block], *, in_role_list: bool = False) -> list[Duty]:
    """Duties named in the blocks. In a list of roles («Kommunestyret: …», «AMU: …») each item is one duty
    of the role it names, cue or no cue."""
    pattern = phrase_pattern(SG.Duty, SG.FollowUpDuty)
    strategy = phrase_pattern(SG.EmployerStrategy)

    def follow_up(text: str) -> bool:
        return any(m.lastindex == 2 for m in pattern.finditer(text)) and bool(strategy.search(text))

    found: list[Duty] = []
    for block in blocks:
        lines = Lines(start=block.line_start, end=block.line_end)
        if in_role_list:
            roles = _subject_roles(block.text, len(block.text))
            found.extend(
                Duty(text=block.text, lines=lines, role=r, follow_up=follow_up(block.text)) for r in roles
            )
            continue
        for sentence, span in sentence_lines(block):
            matches = list(pattern.finditer(sentence))
            if not (any(m.lastindex == 1 for m in matches) or follow_up(sentence)):
                continue
            roles = _subject_roles(sentence, matches[0].start())
            found.extend(
                Duty(text=sentence, lines=span, role=r, follow_up=follow_up(sentence)) for r in roles
            )
    return found


def revision_rule(blocks: Iterable[Block]) -> RevisionRule | None:
    revision = phrase_pattern(SG.RevisionRule)
    strategy = phrase_pattern(SG.EmployerStrategy)
    for block in blocks:
        for sentence, span in sentence_lines(block):
            if not (revision.search(sentence) and strategy.search(sentence)):
                continue
            interval = None
            if match := _INTERVAL.search(sentence):
                interval = int(match.group(1))
            elif match := _ORDINAL_INTERVAL.search(sentence):
                interval = _ORDINALS[match.group(1).lower()]
            elif _YEARLY.search(sentence):
                interval = 1
            roles = list(dict.fromkeys(slug for slug, _, _ in role_finder().find(sentence)))
            return RevisionRule(
                text=sentence,
                lines=span,
                interval_years=interval,
                roles=roles,
            )
    return None
