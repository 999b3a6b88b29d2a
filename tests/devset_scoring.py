"""Field-by-field recall and precision of an extraction against an expected card written by reading
(``tests/data/devset/expected/*.yaml``, format in that folder's README).

An extracted element matches an expected one of the same field when their first lines are at most
``LINE_SLACK`` apart and their texts agree: one contains the other, or difflib's ratio is at least
``TEXT_RATIO``. Matching is one to one. Scalar fields (title, adoption date, validity) count as one item
each.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from loaders.model import StrategyDocument
from loaders.vocabulary import normalise
from tests.extraction_metrics import Score

FIELDS = (
    "title", "adoption", "validity", "vision", "values", "priority_areas", "goals", "measures",
    "expectations", "indicators",
)
LINE_SLACK = 3
TEXT_RATIO = 0.75
EXPECTED_DIR = Path(__file__).parent / "data" / "devset" / "expected"

Item = tuple[int, str]  # first line, text (or a value rendered as text)


def add(left: Score, right: Score) -> Score:
    return Score(left.true_positives + right.true_positives, left.extracted + right.extracted,
                 left.expected + right.expected)


def load_expected(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _same_text(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    if (a in b or b in a) and min(len(a), len(b)) >= 4:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= TEXT_RATIO


def _count(extracted: list[Item], expected: list[Item], *, exact: bool = False) -> Score:
    left = list(expected)
    matched = 0
    for line, text in extracted:
        for index, (want_line, want_text) in enumerate(left):
            same = text == want_text if exact else _same_text(text, want_text)
            if same and (exact or abs(line - want_line) <= LINE_SLACK):
                matched += 1
                del left[index]
                break
    return Score(matched, len(extracted), len(expected))


def _items(entries: list[dict[str, Any]] | None, prefix: str = "") -> list[Item]:
    return [(int(e["line"]), prefix + str(e["text"])) for e in entries or []]


def expected_items(card: dict[str, Any]) -> dict[str, list[Item]]:
    adoption, validity = card.get("adoption"), card.get("validity")
    return {
        "title": _items([card["title"]] if card.get("title") else []),
        "adoption": [(0, str(adoption["date"]))] if adoption and adoption.get("date") else [],
        "validity": [(0, f"{validity.get('from')}-{validity.get('until')}")] if validity else [],
        "vision": _items([card["vision"]] if card.get("vision") else []),
        "values": _items(card.get("values")),
        "priority_areas": _items(card.get("priority_areas")),
        "goals": _items(card.get("goals")),
        "measures": _items(card.get("measures")),
        "expectations": _items(card.get("leader_expectations"), "leder: ")
        + _items(card.get("employee_expectations"), "medarbeider: "),
        "indicators": _items(card.get("indicators")),
    }


def extracted_items(document: StrategyDocument) -> dict[str, list[Item]]:
    areas = document.priority_areas
    leaders = [*document.leader_expectations, *(e for a in areas for e in a.leader_expectations)]
    employees = [*document.employee_expectations, *(e for a in areas for e in a.employee_expectations)]
    validity = document.validity
    return {
        "title": [(document.title.lines.start, document.title.text)],
        "adoption": [(0, str(document.adoption.date))] if document.adoption and document.adoption.date else [],
        "validity": [
            (0, f"{validity.valid_from.year if validity.valid_from else None}-"
                f"{validity.valid_until.year if validity.valid_until else None}")
        ] if validity else [],
        "vision": [(document.vision.lines.start, document.vision.text)] if document.vision else [],
        "values": [(v.lines.start, v.text) for v in document.values],
        "priority_areas": [(a.lines.start, a.text) for a in areas],
        "goals": [(g.lines.start, g.text) for g in document.all_goals()],
        "measures": [(m.lines.start, m.text) for m in document.all_measures()],
        "expectations": [(e.lines.start, "leder: " + e.text) for e in leaders]
        + [(e.lines.start, "medarbeider: " + e.text) for e in employees],
        "indicators": [(i.lines.start, i.text) for g in document.all_goals() for i in g.indicators],
    }


def score(document: StrategyDocument, card: dict[str, Any]) -> dict[str, Score]:
    got, want = extracted_items(document), expected_items(card)
    exact = {"adoption", "validity"}
    return {name: _count(got[name], want[name], exact=name in exact) for name in FIELDS}


def table(totals: dict[str, Score]) -> str:
    rows = ["| field | recall | precision | matched / extracted / expected |", "|---|---|---|---|"]
    for name in FIELDS:
        c = totals[name]
        counts = f"{c.true_positives} / {c.extracted} / {c.expected}"
        rows.append(f"| {name} | {c.recall:.2f} | {c.precision:.2f} | {counts} |")
    return "\n".join(rows)
