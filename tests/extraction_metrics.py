"""Precision and recall of an extraction against a reviewed card, per kind of element, and the fields where
the two differ."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from loaders.model import Element, StrategyDocument
from loaders.vocabulary import normalise

STRUCTURE = ("areas", "goals", "measures", "indicators", "roles", "documents")
KINDS = (*STRUCTURE, "themes")
# The reviewer's words, never the extractor's (except a citation's note), and the reader's own diagnostics
# (why an element got its role, what it found missing or could not place), which a reviewed card may drop.
REVIEWER_FIELDS = ("note", "review", "reason", "missing", "unplaced")


def _elements(value: object) -> Iterator[Element]:
    if isinstance(value, Element):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _elements(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _elements(item)


def items(document: StrategyDocument) -> dict[str, set[tuple[object, ...]]]:
    """What is compared: each element by its first source line and its normalised text."""
    areas = document.priority_areas
    return {
        "areas": {(a.lines.start, normalise(a.text)) for a in areas},
        "goals": {(g.lines.start, g.kind, normalise(g.text)) for g in document.all_goals()},
        "measures": {(m.lines.start, normalise(m.text)) for m in document.all_measures()},
        "indicators": {
            (i.lines.start, normalise(i.text), i.factor) for g in document.all_goals() for i in g.indicators
        },
        "roles": {(d.role, d.lines.start) for d in document.duties},
        "documents": {
            (kind, d.lines.start, normalise(d.text))
            for a in areas
            for kind, docs in (("underlying", a.underlying_documents), ("reference", a.reference_documents))
            for d in docs
        },
        "themes": {(e.lines.start, normalise(e.text), theme) for e in _elements(document) for theme in e.themes},
    }


@dataclass(frozen=True)
class Score:
    true_positives: int
    extracted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def compare(extracted: StrategyDocument, reviewed: StrategyDocument) -> dict[str, Score]:
    got, want = items(extracted), items(reviewed)
    return {kind: Score(len(got[kind] & want[kind]), len(got[kind]), len(want[kind])) for kind in KINDS}


def table(name: str, scores: dict[str, Score]) -> str:
    rows = [f"{name}"] + [
        f"  {kind:<11} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f} "
        f"({s.true_positives}/{s.extracted} of {s.expected})"
        for kind, s in scores.items()
    ]
    return "\n".join(rows)


def _without_reviewer_fields(value: Any, in_citation: bool = False) -> Any:
    if isinstance(value, dict):
        return {
            key: _without_reviewer_fields(item, key == "citations" or in_citation)
            for key, item in value.items()
            if in_citation or key not in REVIEWER_FIELDS
        }
    if isinstance(value, list):
        return [_without_reviewer_fields(item, in_citation) for item in value]
    return value


def differences(extracted: StrategyDocument, reviewed: StrategyDocument) -> list[str]:
    """The card fields (``priority_areas.1.measures.0.themes``) where the extraction differs from the reviewed
    card, sorted; the reviewer's ``note`` and ``review`` are left out, a citation's note is kept."""
    found: list[str] = []

    def walk(got: Any, want: Any, path: str) -> None:
        if isinstance(got, dict) and isinstance(want, dict):
            for key in sorted(got.keys() | want.keys()):
                walk(got.get(key), want.get(key), f"{path}.{key}" if path else key)
        elif isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
            for index, (a, b) in enumerate(zip(got, want, strict=True)):
                walk(a, b, f"{path}.{index}")
        elif got != want:
            found.append(path)

    walk(
        _without_reviewer_fields(extracted.model_dump(mode="json")),
        _without_reviewer_fields(reviewed.model_dump(mode="json")),
        "",
    )
    return sorted(found)
