"""Precision and recall of an extraction against a reviewed card, per kind of element."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.model import StrategyDocument
from loaders.vocabulary import normalise

KINDS = ("areas", "goals", "measures", "indicators", "roles", "documents")


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
