"""Stage 4 of extraction for documents laid out their own way: sections and roles → strategy elements.

The cue walk (``loaders.cue_walk``) reads documents that mark their sections with the cue words of the
seeds («MÅL», «DELMÅL», «VEIVALG»). Every other document is read here, from the section tree
(``loaders.sections``) and the roles of its headings, intros and items (``loaders.roles``):

- an area is a section named by a numbered label («Ambisjon 1:») or by an area word with a name after it
  («Innsatsområde leiing»). Where a document has neither, a plain heading becomes an area when measures
  or expectations follow it (the goals read under it go with it); failing that, a sentence that names the
  areas, or the table of contents;
- a list takes its role from the line that introduces it, else from its section's heading; short lines of
  a paragraph under such an intro are its items (PDF text that lost its bullets);
- a statement whose subject is a role («Eg som har personalansvar …») is an expectation of that role;
- what is listed in a section whose role cannot be told is kept as unplaced, for a reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from loaders import roles
from loaders.cues import cue_of
from loaders.layout_text import Item, item, line_items, paragraph_lines, tidy
from loaders.outline import Block, Kind
from loaders.sections import Section, TocEntry, build, toc_entries
from loaders.vocabulary import SG

EXPECTATION_MAX_CHARS = 400
VISION_MAX_WORDS = 20
GOAL_MAX_CHARS = 300
STRUCTURE = (*roles.GOALS, SG.Measure, SG.LeaderExpectation, SG.EmployeeExpectation)
# Where a first-person statement of a role may begin («Eg som har personalansvar …»); which role it is, the
# ontology's phrases tell (roles.intro_role).
_SUBJECT = re.compile(r"(?<!\w)(?:eg|jeg)\s+som\s+", re.IGNORECASE)
_LABEL_WORD = re.compile(r"\s*\b[A-ZÆØÅ][a-zæøå]{2,20}:\s*$")


@dataclass
class Area:
    title: Item
    goals: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    leader_expectations: list[Item] = field(default_factory=list)
    employee_expectations: list[Item] = field(default_factory=list)


@dataclass
class LayoutReading:
    vision: Item | None = None
    values: list[Item] = field(default_factory=list)
    main_goals: list[Item] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    leader_expectations: list[Item] = field(default_factory=list)
    employee_expectations: list[Item] = field(default_factory=list)
    unplaced: list[Item] = field(default_factory=list)


def _leading_intro(text: str) -> roles.Reading | None:
    """The reading of a line that opens with a list intro («Våre prioriteringar i …», «Tiltak vi …») and is
    short enough to be one, not a sentence that mentions it."""
    reading = roles.intro_role(text)
    if reading is None or reading.cls not in STRUCTURE or reading.cls in roles.GOALS or reading.start != 0:
        return None
    return reading if len(text.split()) <= 12 and not text.rstrip().endswith((".", "!", "?", ";")) else None


def _role_subject(text: str) -> roles.Reading | None:
    """An expectation named by its subject at the start of a sentence («Alle leiarar sikrar …», «Vi forventer av
    ledere at …»: at most one short word before the phrase)."""
    reading = roles.intro_role(" ".join(text.split()[:5]))
    expectations = (SG.LeaderExpectation, SG.EmployeeExpectation)
    return reading if reading is not None and reading.cls in expectations and reading.start <= 5 else None


class _Reader:
    def __init__(self, sections: list[Section], contents: list[TocEntry]) -> None:
        self.sections = sections
        self.contents = contents
        self.result = LayoutReading()
        self.area: Area | None = None
        self.candidate: Section | None = None  # a plain heading that becomes an area when content follows
        self.pending_goals: list[Item] = []  # goals read under the candidate, for its area
        self.pending_area_goals: list[Item] = []  # stated as an area's goal: nothing unless the area opens
        self.inherited: roles.Reading | None = None  # the role of a heading with nothing under it
        self.in_area_section = False  # the current section is the one that named the area
        self.listed_areas: list[Item] = []  # areas a sentence names, for a document whose headings name none
        self.explicit_areas = any(self._names_area(s) for s in sections)

    @staticmethod
    def _names_area(section: Section) -> bool:
        if section.label is not None:
            return True
        reading = roles.heading_role(section.heading) if section.heading is not None else None
        return reading is not None and reading.cls == SG.PriorityArea and bool(reading.rest)

    def run(self) -> LayoutReading:
        for section in self.sections:
            self._section(section)
        self._set_candidate(None)
        if not self.result.areas:  # a body cut off or without area headings: a sentence or the contents name them
            self.result.areas = [Area(item) for item in self.listed_areas or self._areas_in_contents()]
        return self.result

    def _areas_in_contents(self) -> list[Item]:
        """The areas a table of contents names: entries with an area word and a name («Innsatsområde
        leiing 9»), or the entries numbered under a bare area entry («3 Satsingsområde 5» / «3.1 Rekruttering
        6»)."""
        found: list[Item] = []
        parent: str | None = None
        for entry in self.contents:
            reading = roles.heading_role(Block(Kind.HEADING, entry.text, 0, 0))
            is_area = reading is not None and reading.cls == SG.PriorityArea
            block = entry.block
            if is_area and reading is not None and reading.rest:
                found.append(Item(tidy(entry.text), block.line_start, block.line_end, "contents:PriorityArea"))
            elif is_area and entry.number:
                parent = entry.number
            elif parent and entry.number and entry.number.startswith(parent + "."):
                found.append(Item(tidy(entry.text), block.line_start, block.line_end, "contents:under-area"))
        return found

    def _open_area(self, section: Section, reason: str) -> None:
        block = section.heading or section.blocks[0]
        self.area = Area(Item(tidy(section.title), block.line_start, block.line_end, reason))
        self.result.areas.append(self.area)
        self.area.goals = sorted([*self.pending_goals, *self.pending_area_goals], key=lambda g: g.start)
        self.candidate, self.pending_goals, self.pending_area_goals = None, [], []

    def _set_candidate(self, section: Section | None) -> None:
        """A new plain heading: what was read under the last one, which never opened an area, is the
        strategy's own when stated as such («Vi vil …»), and nothing when stated as an area's («… skal auke»)."""
        if self.pending_goals:
            (self.area.goals if self.area else self.result.main_goals).extend(self.pending_goals)
        self.candidate, self.pending_goals, self.pending_area_goals = section, [], []

    def _section(self, section: Section) -> None:
        heading = roles.heading_role(section.heading) if section.heading is not None else None
        inherited, self.inherited = self.inherited, None
        if heading is not None and not section.blocks:
            self.inherited = heading  # «Våre mål» straight above a subheading: its role goes down
        self.in_area_section = self._names_area(section)
        if self.in_area_section:
            self._open_area(section, f"area:{section.label}" if section.label else heading.reason)  # type: ignore[union-attr]
            self._blocks(section.blocks, None)
            return
        if section.heading is not None and heading is None:
            intro = roles.intro_role(section.heading.text)
            if intro is not None and intro.cls in STRUCTURE:
                self._blocks(section.blocks, intro)
                return
            if inherited is not None:
                self._set_candidate(None)
                self._blocks(section.blocks, inherited)
                return
            if not self.explicit_areas:
                self._set_candidate(section)
            self._blocks(section.blocks, None)
            return
        self._set_candidate(None)  # a heading with a role of its own stands between a plain heading and content
        if heading is not None and heading.inline and heading.cls in (*roles.GOALS, SG.Vision, SG.Value):
            # «Visjon: Saman om gode tenester» as a heading: the content is after the cue, not below it
            block = section.heading
            assert block is not None
            self._add(heading.cls, item(block, f"inline:{heading.cls.rsplit('#', 1)[-1]}", heading.rest), block)
            self._blocks(section.blocks, None)
            return
        self._blocks(section.blocks, heading)

    # -- content ---------------------------------------------------------------------------------------
    def _blocks(self, blocks: list[Block], context: roles.Reading | None) -> None:
        if context is not None and context.cls == SG.Vision:
            self._vision(blocks, context)
            return
        index = 0
        while index < len(blocks):
            block = blocks[index]
            intro = roles.intro_role(block.text) if block.text.rstrip().endswith(":") else None
            items = self._list_after(blocks, index + 1) if block.text.rstrip().endswith(":") else []
            if items and roles.other_plans(block.text):  # another plan's list is never the strategy's own
                self.result.unplaced.extend(item(b, "intro:other-plan") for b in items)
                index += 1 + len(items)
                continue
            if intro is not None and items:
                self._place(items, intro)
                index += 1 + len(items)
                continue
            lead = _leading_intro(block.text) if block.kind is Kind.LIST_ITEM else None
            if lead is not None and (items := self._list_after(blocks, index + 1)):
                # «Våre prioriteringar i …» heading a list that lost its bullets: it introduces the lines below
                self._place(items, lead)
                index += 1 + len(items)
                continue
            if block.kind is Kind.PARAGRAPH and (lead := _leading_intro(block.text)) and block.breaks:
                lines = line_items(block)
                if lines and len(lines) >= 3:
                    self._place_lines(block, lines[1:], lead)  # the first line is the intro itself
                    index += 1
                    continue
            if block.kind is Kind.LIST_ITEM:
                run = self._list_after(blocks, index)
                self._place(run, context)
                index += len(run)
                continue
            if (
                block.kind is Kind.PARAGRAPH
                and index == 0  # right under its heading: prose further down is not the list
                and context is not None
                and context.cls in (SG.Measure, SG.Value)
            ):
                lines = line_items(block)
                if lines:
                    self._place_lines(block, lines, context)
                    index += 1
                    continue
            if block.kind is Kind.PARAGRAPH:
                self._inline_cues(block)
                self._statements(block, context, first=index == 0)
            index += 1

    @staticmethod
    def _list_after(blocks: list[Block], start: int) -> list[Block]:
        run = []
        for block in blocks[start:]:
            if block.kind is not Kind.LIST_ITEM:
                break
            run.append(block)
        return run

    def _place(self, items: list[Block], reading: roles.Reading | None) -> None:
        if reading is None or reading.cls is None:
            for block in items:  # «Alle leiarar på alle nivå sikrar …»: a role as the subject of an item
                subject = _role_subject(block.text)
                if subject is not None:
                    self._add(subject.cls, item(block, f"{subject.reason};subject"), block)  # type: ignore[arg-type]
                else:
                    self.result.unplaced.append(item(block, "no-signal"))
            return
        for block in items:
            self._add(reading.cls, item(block, reading.reason), block)

    def _place_lines(self, block: Block, lines: list[tuple[int, str]], reading: roles.Reading) -> None:
        for offset, text in lines:
            self._add(reading.cls, item(block, f"{reading.reason};lines", text, offset), block)  # type: ignore[arg-type]

    def _inline_cues(self, block: Block) -> None:
        """A line that opens with a goal, vision or values word and a colon or dash states them after it
        («Hovedmål – Stolte og trygge medarbeidere», «Visjon: Saman om …», «Verdiar: open, modig og
        raus»), as the cue walk reads «Hovudmål: …»."""
        for offset, line in paragraph_lines(block):
            hit = cue_of(Block(Kind.HEADING, line.strip(), 0, 0))
            if hit is not None and hit.inline and hit.cls in (*roles.GOALS, SG.Vision, SG.Value):
                self._add(hit.cls, item(block, f"inline:{hit.cls.rsplit('#', 1)[-1]}", hit.rest, offset), block)

    def _statements(self, block: Block, context: roles.Reading | None, *, first: bool) -> None:
        """What a paragraph states, sentence by sentence: an expectation whose subject is a role («Eg som
        jobbar her grip moglegheiter …», «Vi forventer av ledere at …»), an indicator («Vi måler …»), a goal
        («Vi vil …»; inside an area «… skal auke …»; under «Mål» any statement with skal, er or har), and the
        areas, values or vision a sentence names."""
        matches = list(_SUBJECT.finditer(block.text))
        for number, match in enumerate(matches):
            reading = roles.intro_role(block.text[match.start() : match.start() + 60])
            if reading is None or reading.cls not in (SG.LeaderExpectation, SG.EmployeeExpectation):
                continue
            subject = len(reading.reason.split(":", 1)[1].split("→")[0])
            end = matches[number + 1].start() if number + 1 < len(matches) else len(block.text)
            text = _LABEL_WORD.sub("", block.text[match.start() : end]).strip()
            if 10 <= len(text) - subject <= EXPECTATION_MAX_CHARS:
                self._add(reading.cls, item(block, reading.reason, text, match.start()), block)
        under_goals = context is not None and context.cls in roles.GOALS and first and not matches
        in_area = self.candidate is not None or (self.area is not None and self.in_area_section)
        previous = ""
        for sentence in re.split(r"(?<=[.!?])\s+", block.text):
            offset = block.text.find(sentence)
            self._named_lists(block, sentence, offset, previous)
            previous = sentence
            expected = None if matches else _role_subject(sentence)
            # in running text only a phrase that says so («forventer av ledere», «ledere med personalansvar»),
            # not a role named as the subject of any sentence
            phrase = expected.reason.split(":", 1)[1].split("→")[0] if expected is not None else ""
            if expected is not None and len(phrase.split()) >= 3 and not sentence.rstrip().endswith(":"):
                # «Vi forventer av ledere at de …»: what is expected of a role, in one sentence
                self._add(expected.cls, item(block, f"{expected.reason};sentence", sentence, offset), block)  # type: ignore[arg-type]
            elif roles.indicator_statement(sentence):
                self._add(SG.Indicator, item(block, "statement:indicator", sentence, offset), block)
            elif roles.stated_vision(sentence) is None and len(sentence) <= GOAL_MAX_CHARS and (
                goal := roles.goal_statement(sentence, in_area=in_area)
            ):
                self._add(goal, item(block, f"statement:{goal.rsplit('#', 1)[-1]}", sentence, offset), block)
            elif under_goals and roles.is_goal_shaped(sentence):  # the paragraph right under «Mål»
                self._add(context.cls, item(block, f"{context.reason};statement", sentence, offset), block)  # type: ignore[union-attr]

    def _named_lists(self, block: Block, sentence: str, offset: int, previous: str) -> None:
        """Areas and values a sentence names («Dei tre satsingsområda … er A, B og C»), or names in the sentence
        before it and refers back to («… til tillit, respekt og mot. Desse verdiane …»), and a vision it
        states."""
        for name in roles.named_list(sentence, SG.PriorityArea):
            self.listed_areas.append(item(block, "sentence:PriorityArea", name, offset))
        if not self.result.values:
            for name in roles.named_list(sentence, SG.Value):
                self.result.values.append(item(block, "sentence:Value", name, offset))
            back = block.text.find(previous)
            for name in roles.names_before(sentence, previous, SG.Value):
                self.result.values.append(item(block, "sentence-before:Value", name, back + previous.find(name)))
        if self.result.vision is None and (vision := roles.stated_vision(sentence)):
            self.result.vision = item(block, "sentence:Vision", vision, offset)

    def _vision(self, blocks: list[Block], context: roles.Reading) -> None:
        """Under «Visjon»: the first line is the vision. Under «Visjon og verdiar» the items after it are the
        values."""
        if not blocks:
            return
        first = blocks[0]
        text = first.text.split(". ")[0] if first.kind is Kind.PARAGRAPH else first.text
        if len(text.split()) <= VISION_MAX_WORDS:  # a vision is a short line, not the page's introduction
            self.result.vision = self.result.vision or item(first, context.reason, text)
        names_values = roles.heading_role(Block(Kind.HEADING, context.rest, 0, 0)) if context.rest else None
        if "verdi" in context.reason.lower() or (names_values and names_values.cls == SG.Value):
            # the items after the vision, while they read as values («Kompetent – Open – Modig»)
            for block in blocks[1:]:
                if block.kind is not Kind.LIST_ITEM or not all(
                    roles.is_value_shaped(part) for part in roles.value_parts(roles.value_name(block.text))
                ):
                    break
                self._add(SG.Value, item(block, f"{context.reason};after-vision"), block)

    def _last_goal(self) -> Item | None:
        """The goal read last, which an indicator that follows measures."""
        if self.candidate is not None:
            pending = [*self.pending_goals, *self.pending_area_goals]
            return max(pending, key=lambda g: g.start) if pending else None
        goals = self.area.goals if self.area is not None else self.result.main_goals
        return goals[-1] if goals else None

    def _add(self, cls: URIRef, item: Item, block: Block) -> None:
        if cls == SG.Value:
            for part in roles.value_parts(roles.value_name(item.text)):
                if roles.is_value_shaped(part):
                    self.result.values.append(Item(part, item.start, item.end, item.reason))
            return
        if cls == SG.Vision:
            self.result.vision = self.result.vision or item
            return
        # A plain heading opens an area for what the employer does or expects there; goals without an
        # area are the strategy's own («Mål for personalpolitikken» under «Eksempel kommune som arbeidsgiver»).
        if self.candidate is not None and cls in STRUCTURE and cls not in roles.GOALS:
            self._open_area(self.candidate, "area:heading-before-content")
        area = self.area
        if cls in roles.GOALS and self.candidate is not None and cls != SG.MainGoal:
            (self.pending_area_goals if cls == SG.AreaGoal else self.pending_goals).append(item)
        elif cls == SG.Indicator:
            if goal := self._last_goal():
                goal.measured_by.append(item)
        elif cls in roles.GOALS:
            (area.goals if area and cls != SG.MainGoal else self.result.main_goals).append(item)
        elif cls == SG.Measure:
            (area.measures if area else self.result.unplaced).append(item)
        elif cls == SG.LeaderExpectation:
            (area.leader_expectations if area else self.result.leader_expectations).append(item)
        elif cls == SG.EmployeeExpectation:
            (area.employee_expectations if area else self.result.employee_expectations).append(item)
        else:
            self.result.unplaced.append(item)


def read(blocks: list[Block], title: Block | None = None) -> LayoutReading:
    """Read the strategy elements of a document from its layout. The ``title`` heading names the document,
    never one of its areas («Fokusområde leiing» as a page's title)."""
    sections = build(blocks)
    for section in sections:
        if title is not None and section.heading is title:
            section.heading, section.label = None, None
    return _Reader(sections, toc_entries(blocks)).run()
