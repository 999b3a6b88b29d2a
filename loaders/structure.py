"""The structure a reading finds in a document: what both readers (``loaders.cue_walk`` and
``loaders.layout_reader``) hand to the assembly in ``loaders.extract``."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.model import Element, Goal, PriorityArea


@dataclass
class Structure:
    main_goals: list[Goal]
    areas: list[PriorityArea]
    extents: list[tuple[int, int]]  # first and last line of each area, for the citations in its prose
    vision: Element | None
    values: list[Element]
    leader_expectations: list[Element]
    employee_expectations: list[Element]
    unplaced: list[Element]
