"""The layout reading (``loaders.layout_reader``) as model elements: goals with their keys, areas with their
numbers, every element with its lines and the reason for its role."""

from __future__ import annotations

from loaders import measure_details
from loaders.indicators import parse as parse_indicators
from loaders.layout_reader import Area, Item, LayoutReading
from loaders.model import Element, Goal, Indicator, Lines, Measure, PriorityArea
from loaders.structure import Structure
from loaders.vocabulary import theme_finder


def _lines(item: Item) -> Lines:
    return Lines(start=item.start, end=max(item.start, item.end))


def _element(item: Item) -> Element:
    return Element(text=item.text, lines=_lines(item), reason=item.reason)


def _themed(item: Item) -> dict[str, object]:
    return {"text": item.text, "lines": _lines(item), "reason": item.reason,
            "themes": theme_finder().slugs(item.text)}


def _indicators_of(goal: Item) -> list[Indicator]:
    """The indicators read after a goal and before the next one («Vi måler dette med …»); without one, a
    target the goal writes inline («… et nærvær på 93,5 % innen 2027») measures it."""
    found = [i for item in goal.measured_by for i in parse_indicators(item.text, _lines(item))]
    if not found:
        found = [i for i in parse_indicators(goal.text, _lines(goal)) if i.target is not None and i.unit]
    return found


def _measure(item: Item, keys: list[str]) -> Measure:
    return Measure(
        contributes_to=keys, roles=measure_details.roles(item.text), deadline=measure_details.deadline(item.text),
        period=measure_details.period(item.text), **_themed(item),  # type: ignore[arg-type]
    )


def _area(number: int, area: Area) -> PriorityArea:
    goals = [
        Goal(key=f"{number}.{i}", kind="area",
             indicators=_indicators_of(g),
             **_themed(g))  # type: ignore[arg-type]
        for i, g in enumerate(area.goals, start=1)
    ]
    keys = [g.key for g in goals]
    return PriorityArea(
        number=number,
        goals=goals,
        measures=[_measure(m, keys) for m in area.measures],
        leader_expectations=[Element(**_themed(e)) for e in area.leader_expectations],  # type: ignore[arg-type]
        employee_expectations=[Element(**_themed(e)) for e in area.employee_expectations],  # type: ignore[arg-type]
        **_themed(area.title),  # type: ignore[arg-type]
    )


def _extents(reading: LayoutReading, last_line: int) -> list[tuple[int, int]]:
    starts = [area.title.start for area in reading.areas]
    return [(start, (starts[i + 1] - 1) if i + 1 < len(starts) else last_line) for i, start in enumerate(starts)]


def elements(reading: LayoutReading, last_line: int) -> Structure:
    """Model elements of a layout reading; ``last_line`` closes the last area."""
    return Structure(
        main_goals=[
            Goal(key=f"H{i}", kind="main", indicators=_indicators_of(g), **_themed(g))  # type: ignore[arg-type]
            for i, g in enumerate(reading.main_goals, start=1)
        ],
        areas=[_area(number, area) for number, area in enumerate(reading.areas, start=1)],
        extents=_extents(reading, last_line),
        vision=Element(**_themed(reading.vision)) if reading.vision else None,  # type: ignore[arg-type]
        values=[_element(v) for v in reading.values],
        leader_expectations=[Element(**_themed(e)) for e in reading.leader_expectations],  # type: ignore[arg-type]
        employee_expectations=[Element(**_themed(e)) for e in reading.employee_expectations],  # type: ignore[arg-type]
        unplaced=[_element(u) for u in reading.unplaced],
    )
