"""The cue walk: outline → strategy structure, for documents that head their sections with cue words.

The walk goes through the blocks once. A block that opens a section (a cue, see ``loaders.cues``) sets
what the following lists and paragraphs are: goals, measures, expectations, documents, challenges,
values. A goal or measure cue preceded by a fresh title («1. ETIKK, ROLLER OG SAMFUNNSANSVAR», «Medvirkning
og tillit») opens a priority area under that title; a repeated title continues the same area. Prose never
becomes a goal or a measure: goals come from lists, from text inline after a cue («Hovudmål: …») or from
the one paragraph under a goal heading («MÅL:»); measures come only from lists, tables and inline text.
Readings that needed judgement are written down in the README and the reviewed cards. Documents laid out
their own way are read by ``loaders.layout_reader``; ``loaders.extract`` chooses between the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rdflib import URIRef

from loaders import front_matter, indicators, tables
from loaders.cues import CueHit, cue_of, intro_cue
from loaders.model import Element, Goal, Indicator, Lines, Measure, PriorityArea
from loaders.outline import Block, Kind, Outline
from loaders.structure import Structure
from loaders.vocabulary import SG, normalise, phrase_pattern, role_finder, theme_finder

GOALS = {SG.Goal, SG.MainGoal, SG.AreaGoal, SG.SubGoal}
AREA_OPENERS = GOALS | {SG.Measure}
AREA_LEVEL = AREA_OPENERS | {
    SG.LeaderExpectation, SG.EmployeeExpectation, SG.UnderlyingDocument, SG.ReferenceDocument, SG.Indicator,
}
CLOSES_AREA = {
    SG.Vision, SG.Value, SG.Challenge, SG.FollowUpDuty, SG.Duty, SG.RevisionRule, SG.EmployerStrategy,
    SG.PriorityArea,
}
PROSE_TAKERS = GOALS | {SG.LeaderExpectation, SG.EmployeeExpectation, SG.Vision}
TITLE_MAX_CHARS = 90
_NAMED_AREA = re.compile(r"^\s*(?:(\d{1,2})\s*[:.–—-]?|[:–—-])\s*(\S.*)$")


@dataclass
class _Area:
    title: Block
    key: str
    goals: list[tuple[Goal, Block]] = field(default_factory=list)
    measures: list[tuple[Measure, Block]] = field(default_factory=list)
    leader_expectations: list[Element] = field(default_factory=list)
    employee_expectations: list[Element] = field(default_factory=list)
    underlying_documents: list[Element] = field(default_factory=list)
    reference_documents: list[Element] = field(default_factory=list)
    last_line: int = 0  # the last source line read while this area was open


@dataclass
class _Section:
    cls: URIRef | None = None
    area: _Area | None = None
    list_seen: bool = False
    prose_taken: bool = False
    goal_group: list[str] = field(default_factory=list)  # keys of the goals the next measures serve


def _lines(*blocks: Block) -> Lines:
    return front_matter.lines_of(*blocks)


def _is_title_like(block: Block) -> bool:
    text = block.text.strip()
    if block.kind not in (Kind.HEADING, Kind.PARAGRAPH) or not text or len(text) > TITLE_MAX_CHARS:
        return False
    if text.startswith(("«", '"', "(", "-", "–", "—", "<")) or text.endswith((".", ":", ",")):
        return False
    one_caps_word = text.isupper() and len(text.split()) == 1 and not block.label
    return not one_caps_word and any(c.isalpha() for c in text)


def _quoted_vision(text: str) -> str | None:
    """«Vår visjon er «Sammen for fremtidens velferd».»: the quoted words after a vision cue."""
    cue = phrase_pattern(SG.Vision).search(text)
    if cue is None:
        return None
    quoted = re.match(r"\W{0,3}\w{0,4}\W{0,3}«([^»]{3,120})»", text[cue.end() :])
    return quoted.group(1).strip() if quoted else None


def is_quote(block: Block) -> bool:
    return block.text.lstrip().startswith(("«", '"', "“", "»"))


class _Walk:
    def __init__(self, outline: Outline, blocks: list[Block]) -> None:
        self.outline = outline
        self.blocks = blocks
        self.section = _Section()
        self.areas: list[_Area] = []
        self.area: _Area | None = None
        self.anchor = -1
        self.main_goals: list[tuple[Goal, Block]] = []
        self.vision: Element | None = None
        self.values: list[Element] = []
        self.challenges: list[Element] = []
        self.leader_expectations: list[Element] = []
        self.employee_expectations: list[Element] = []
        self.role_list_blocks: list[Block] = []
        self.consumed: set[int] = set()
        self.indicators: dict[str, list[Indicator]] = {}  # goal key → indicators read outside the goal
        self.last: tuple[list, int] | None = None  # where the element added last sits  # type: ignore[type-arg]

    # -- areas ---------------------------------------------------------------------------------------
    def _fresh_title(self, index: int) -> Block | None:
        for block in reversed(self.blocks[self.anchor + 1 : index]):
            if _is_title_like(block) and cue_of(block) is None:
                return block
        return None

    def _area_for(self, title: Block) -> _Area:
        wanted = normalise(title.text)
        for area in self.areas:
            if normalise(area.title.text) == wanted:
                return area
        area = _Area(title=title, key=str(len(self.areas) + 1))
        self.areas.append(area)
        return area

    # -- sections ------------------------------------------------------------------------------------
    def _open(self, cls: URIRef, index: int, *, may_open_area: bool) -> None:
        area = self.area
        if cls in AREA_OPENERS and may_open_area and (title := self._fresh_title(index)) is not None:
            area = self._area_for(title)
        elif cls in CLOSES_AREA:
            area = None
        self.area = area
        group = self.section.goal_group if cls not in GOALS else []
        if (
            cls in GOALS
            and self.section.cls in GOALS
            and self.section.area is area
            and not self.section.list_seen
        ):
            group = self.section.goal_group  # «MÅL» followed by its own intro: same group
        self.section = _Section(cls=cls, area=area, goal_group=group)
        self.anchor = index
        self.last = None

    def _goal_kind(self, cls: URIRef) -> str:
        if self.section.area is None:
            return "sub" if cls == SG.SubGoal else "main"
        return "sub" if cls == SG.SubGoal else "area"

    def _add(self, cls: URIRef, text: str, blocks: list[Block], index: int) -> None:
        """Record one content element of class ``cls`` read from ``blocks``."""
        text = text.strip()
        if not text:
            return
        lines = _lines(*blocks)
        area = self.section.area
        self.consumed.add(index)
        self.anchor = max(self.anchor, index)
        if cls in GOALS:
            kind = self._goal_kind(cls)
            target = area.goals if area else self.main_goals
            key = f"{area.key}.{len(area.goals) + 1}" if area else f"H{len(self.main_goals) + 1}"
            target.append((Goal(text=text, lines=lines, key=key, kind=kind), blocks[0]))
            self.section.goal_group.append(key)
            self.last = (target, len(target) - 1)
        elif cls == SG.Measure:
            if area is None:
                return  # a measure list outside any priority area has no goal to serve; not seen in practice
            measure = Measure(text=text, lines=lines, contributes_to=list(self.section.goal_group))
            area.measures.append((measure, blocks[0]))
            self.last = (area.measures, len(area.measures) - 1)
        elif cls == SG.Indicator:
            goals = area.goals if area else self.main_goals
            keys = self.section.goal_group or [goal.key for goal, _ in goals[-1:]]
            for key in keys:  # «Måles ved …» under a list of goals measures the goals above it
                self.indicators.setdefault(key, []).extend(indicators.parse(text, lines))
        else:
            element = Element(text=text, lines=lines)
            holders = {
                SG.LeaderExpectation: area.leader_expectations if area else self.leader_expectations,
                SG.EmployeeExpectation: area.employee_expectations if area else self.employee_expectations,
                SG.UnderlyingDocument: area.underlying_documents if area else None,
                SG.ReferenceDocument: area.reference_documents if area else None,
                SG.Challenge: self.challenges,
                SG.Value: self.values,
            }
            if cls == SG.Vision:
                self.vision = self.vision or element
            elif (holder := holders.get(cls)) is not None:
                holder.append(element)
                self.last = (holder, len(holder) - 1)

    def _append_to_last(self, block: Block, index: int) -> None:
        """A nested list item continues the element above it («…prinsipper:» / «Vi ser hverandre»)."""
        if self.last is None:
            return
        holder, position = self.last
        item = holder[position]
        if isinstance(item, tuple):
            holder[position] = (self._extend(item[0], block), item[1])
        else:
            holder[position] = self._extend(item, block)
        self.consumed.add(index)

    @staticmethod
    def _extend(element: Element, block: Block):  # type: ignore[no-untyped-def]
        joiner = " " if element.text.endswith(":") else " – " if len(element.text.split()) <= 3 else "; "
        lines = Lines(start=element.lines.start, end=max(element.lines.end, block.line_end))
        return element.model_copy(update={"text": f"{element.text}{joiner}{block.text}", "lines": lines})

    # -- the walk ------------------------------------------------------------------------------------
    def run(self) -> None:
        index = 0
        while index < len(self.blocks):
            index = self._step(index)

    def _step(self, index: int) -> int:
        block = self.blocks[index]
        if self.area is not None:
            self.area.last_line = max(self.area.last_line, block.line_end)
        if block.kind is Kind.FOOTNOTE:
            self.section = _Section(area=self.section.area)
            return index + 1
        if block.kind is Kind.TABLE_ROW:
            return self._table(index)
        if self.vision is None and (vision := _quoted_vision(block.text)):
            self.vision = Element(text=vision, lines=_lines(block))
        hit = cue_of(block)
        if hit is not None:
            self._on_cue(hit, block, index)
            return index + 1
        if self._role_heading(block, index):
            return index + 2
        intro = intro_cue(block)
        follows_list = index + 1 < len(self.blocks) and self.blocks[index + 1].kind is Kind.LIST_ITEM
        if intro is not None:
            if intro not in GOALS or self.section.cls not in GOALS:
                self._open(self._strategy_level(intro), index, may_open_area=False)
            return index + 1  # an introducing sentence is never content itself
        if block.kind is Kind.LIST_ITEM:
            self._on_list_item(block, index)
        elif follows_list:
            self._on_list_intro(index)
        elif block.kind is Kind.PARAGRAPH or (block.kind is Kind.HEADING and not _is_title_like(block)):
            self._on_prose(block, index)
        elif block.kind is Kind.HEADING:
            self._on_heading(block, index)
        return index + 1

    def _strategy_level(self, cls: URIRef) -> URIRef:
        return SG.MainGoal if cls == SG.Goal and self.area is None else cls

    def _on_cue(self, hit: CueHit, block: Block, index: int) -> None:
        cls = hit.cls
        if cls == SG.PriorityArea and (named := _NAMED_AREA.match(hit.tail)) and block.kind is Kind.HEADING:
            # «Innsatsområde 1: Kompetanse for framtida» names the area it opens
            title = replace(block, text=named.group(2), label=named.group(1) or block.label)
            self.area = self._area_for(title)
            self.section = _Section(area=self.area)
            self.anchor = index
            return
        if cls == SG.Duty:
            self._open(cls, index, may_open_area=False)
            return
        self._open(cls, index, may_open_area=True)
        if cls == SG.MainGoal and self.area is not None:
            cls = SG.AreaGoal  # «Hovudmål:» under a priority area is that area's goal (Alver)
            self.section.cls = cls
        if cls == SG.Indicator:
            self._add(cls, block.text, [block], index)  # «Måles ved …» carries its content
        elif hit.inline:
            self._add(cls, hit.rest, [block], index)
            self.section.prose_taken = True

    def _on_list_item(self, block: Block, index: int) -> None:
        section = self.section
        if section.cls is None:
            return
        if section.cls == SG.Duty:
            self.role_list_blocks.append(block)
            self.consumed.add(index)
            return
        nested = block.level > 0 and section.list_seen and section.cls != SG.Challenge
        if nested:
            self._append_to_last(block, index)
        elif section.cls in GOALS | {
            SG.Measure,
            SG.LeaderExpectation,
            SG.EmployeeExpectation,
            SG.Indicator,
            SG.UnderlyingDocument,
            SG.ReferenceDocument,
            SG.Challenge,
            SG.Value,
        }:
            if section.cls == SG.Vision:
                return
            self._add(section.cls, block.text, [block], index)
        section.list_seen = True

    def _on_list_intro(self, index: int) -> None:
        """A sentence without a cue that introduces a list («Røros kommune skal», «Alver kommune skal»)."""
        section = self.section
        if section.cls in GOALS and section.prose_taken and section.area is not None:
            # The goal stood inline («Hovudmål: …»); a list after it says how to reach it: measures.
            self.section = _Section(cls=SG.Measure, area=section.area, goal_group=section.goal_group)
        elif section.cls in (SG.Measure, SG.Challenge) and section.list_seen and section.area is not None:
            self.section = _Section(cls=section.cls, area=section.area, goal_group=section.goal_group)

    def _on_prose(self, block: Block, index: int) -> None:
        section = self.section
        if is_quote(block) or section.cls is None:
            return
        if section.list_seen:
            self.section = _Section(area=section.area, goal_group=section.goal_group)  # prose ends the list
            return
        if section.cls in PROSE_TAKERS and not section.prose_taken:
            self._add(section.cls, block.text, [block], index)
            section.prose_taken = True

    def _on_heading(self, block: Block, index: int) -> None:
        section = self.section
        if section.cls == SG.Vision and not section.prose_taken:
            self._add(SG.Vision, block.text, [block], index)
            section.prose_taken = True
        elif section.list_seen or section.prose_taken:
            self.section = _Section(area=section.area, goal_group=section.goal_group)

    def _role_heading(self, block: Block, index: int) -> bool:
        """«AMU (Arbeidsmiljøutvalget):» over a paragraph that says what the role does: a duty."""
        text = block.text.rstrip(":").strip()
        found = role_finder().find(text)
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if not (block.text.endswith(":") and found and found[0][1] == 0 and following is not None):
            return False
        if following.kind not in (Kind.PARAGRAPH, Kind.HEADING) or cue_of(following) or is_quote(following):
            return False
        self.role_list_blocks.append(replace(following, text=f"{text}: {following.text}"))
        self.consumed.update({index, index + 1})
        return True

    def _table(self, index: int) -> int:
        end = index
        while end < len(self.blocks) and self.blocks[end].kind is Kind.TABLE_ROW:
            end += 1
        rows = tables.measure_rows(self.blocks[index:end])
        area = self.section.area or self.area
        if rows and area is not None:
            self._table_measures(area, rows)
            self.consumed.update(range(index, end))
            self.anchor = end - 1
        return end

    def _table_measures(self, area: _Area, rows: list[tables.Row]) -> None:
        goal_keys: dict[str, str] = {}
        for row in rows:
            keys = list(self.section.goal_group)
            if goal_text := row.cells.get(SG.Goal):
                if goal_text not in goal_keys:
                    key = f"{area.key}.{len(area.goals) + 1}"
                    area.goals.append(
                        (Goal(text=goal_text, lines=_lines(row.block), key=key, kind="area"), row.block)
                    )
                    goal_keys[goal_text] = key
                keys = [goal_keys[goal_text]]
            roles = role_finder().slugs(row.cells.get(SG.responsibleRole, ""))
            deadline, period = tables.deadline_and_period(row)
            measure = Measure(
                text=row.cells[SG.Measure], lines=_lines(row.block), roles=roles, deadline=deadline,
                period=period, contributes_to=keys,
            )
            area.measures.append((measure, row.block))


def _goal_with_indicators(
    goal: Goal, block: Block, outline: Outline, extra: dict[str, list[Indicator]]
) -> Goal:
    """Indicators from the footnotes the goal points to («¹⁶ Måles ved nærværspresent») and from «Måles
    ved …» lines after the goal."""
    found: list[Indicator] = list(extra.get(goal.key, []))
    for number in block.footnote_refs:
        note = outline.footnotes.get(number)
        if note is not None and indicators.indicator_cue_end(note.text) is not None:
            found.extend(indicators.parse(note.text, _lines(note)))
    return goal.model_copy(update={"indicators": [*goal.indicators, *found]})


def _roles_in_measure(measure: Measure) -> Measure:
    """A measure whose subject is a role («At lokale ledere, tillitsvalgte og verneombud skal …»)."""
    if measure.roles:
        return measure
    head = measure.text.split(" skal ")[0] if " skal " in measure.text else ""
    roles = role_finder().slugs(head) if len(head.split()) <= 8 else []
    return measure.model_copy(update={"roles": roles}) if roles else measure


def themed(element):  # type: ignore[no-untyped-def]
    return element.model_copy(update={"themes": theme_finder().slugs(element.text)})


def read(outline: Outline, blocks: list[Block]) -> tuple[Structure, _Walk]:
    """The structure the cue walk reads from ``blocks`` (the strategy's part of ``outline``), and the walk,
    whose role lists and consumed blocks the prose readers need."""
    walk = _Walk(outline, blocks)
    walk.run()

    areas: list[PriorityArea] = []
    extents: list[tuple[int, int]] = []
    for number, area in enumerate((a for a in walk.areas if a.goals or a.measures), start=1):
        goals = [
            themed(_goal_with_indicators(goal, block, outline, walk.indicators))
            for goal, block in area.goals
        ]
        area_goals = [g.key for g in goals if g.kind == "area"]
        goals = [g.model_copy(update={"contributes_to": area_goals}) if g.kind == "sub" else g for g in goals]
        extents.append((area.title.line_start, area.last_line))
        label = area.title.label
        areas.append(
            themed(
                PriorityArea(
                    text=area.title.text,
                    lines=_lines(area.title),
                    number=int(label.split(".")[-1]) if label and label.split(".")[-1].isdigit() else number,
                    goals=goals,
                    measures=[themed(_roles_in_measure(m)) for m, _ in area.measures],
                    leader_expectations=[themed(e) for e in area.leader_expectations],
                    employee_expectations=[themed(e) for e in area.employee_expectations],
                    underlying_documents=area.underlying_documents,
                    reference_documents=area.reference_documents,
                )
            )
        )
    main_goals = [
        themed(_goal_with_indicators(goal, block, outline, walk.indicators))
        for goal, block in walk.main_goals
    ]
    vision, values = (themed(walk.vision) if walk.vision else None), walk.values
    leader_expectations = [themed(e) for e in walk.leader_expectations]
    employee_expectations = [themed(e) for e in walk.employee_expectations]
    return Structure(
        main_goals=main_goals, areas=areas, extents=extents, vision=vision, values=values,
        leader_expectations=leader_expectations, employee_expectations=employee_expectations, unplaced=[],
    ), walk
