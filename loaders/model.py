"""StrategyDocument: the one intermediate model between the readers and the RDF mapper.

Serialised as YAML it is the *card* an analyst reviews and corrects; a card loads to exactly the RDF
its document gives. Every element keeps the line span it was read from. Vocabulary references (themes,
roles, 10-faktor factors, measuring instruments) are the slugs of the reference vocabularies in
``ontology/``, so a card stays readable and editable by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

CARD_VERSION = 1

Language = Literal["nb", "nn"]
# The parts of a strategy that the reader reports as missing when it cannot find them.
MissingPart = Literal[
    "adoption", "validity", "vision", "values", "goals", "measures", "expectations", "follow_up", "revision"
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Lines(Model):
    """An inclusive, 1-based line span in the source (for .docx: paragraph numbers).

    A card writes it as «12» or «12-14»."""

    start: int = Field(ge=1)
    end: int = Field(ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        if isinstance(value, int):
            return {"start": value, "end": value}
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?", value)
            if match is None:
                raise ValueError(f"lines must look like «12» or «12-14», not {value!r}")
            return {"start": int(match.group(1)), "end": int(match.group(2) or match.group(1))}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Lines:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @model_serializer
    def _as_text(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


class Citation(Model):
    """A citation of a law, regulation, provision or agreement, as found in the text."""

    text: str = Field(description="the exact span in the source")
    line: int = Field(ge=1)
    id: str | None = Field(
        None, description="Lovdata id (LOV-2005-06-17-62) or agreement id (KS-HOVEDAVTALEN)"
    )
    provision: str | None = Field(None, description="normalised: «§ 14-17», «§ 14-17 (1)», «kap. 15»")
    iri: str | None = Field(None, description="the act, provision or agreement IRI, when resolved")
    status: Literal["resolved", "unresolved", "successor", "historical"] = Field(
        "resolved",
        description="«historical»: the cited act is repealed (linked to the old act); «successor» is kept for "
        "older cards",
    )
    kind: Literal["law", "agreement", "local-rule", "preparatory-work"] | None = Field(
        None,
        description="what is cited: an act or regulation, a central agreement (or one of its provisions), a "
        "municipality's own rule, or a preparatory work; empty on older cards (read from the id)",
    )
    reason: Literal["no-act", "unknown-act"] | None = Field(
        None,
        description="why an unresolved citation names no act: none is named in its sentence, paragraph or "
        "heading, or the act is not in the registry (one that names its act cites a provision that does not "
        "exist: see ``why``)",
    )
    note: str | None = None

    @property
    def why(self) -> str | None:
        """Why the citation is unresolved: «nonexistent» (it names an act that lacks the provision),
        «no-act» or «unknown-act»; None when it is not unresolved."""
        if self.status != "unresolved":
            return None
        return self.reason or ("nonexistent" if self.id else None)


class Element(Model):
    """Any piece of a strategy: its text, where it came from, its themes and citations."""

    text: str = Field(min_length=1)
    lines: Lines
    themes: list[str] = Field(default_factory=list, description="theme slugs, e.g. heltidskultur")
    citations: list[Citation] = Field(default_factory=list)
    note: str | None = Field(None, description="a reviewer's note on a reading that needed judgement")
    reason: str | None = Field(
        None, description="why the reader gave the element its role, e.g. «intro:dette gjer vi→Measure»"
    )


class Indicator(Element):
    """What shows whether a goal is reached («Måles ved …»)."""

    factor: int | None = Field(None, ge=1, le=10, description="KS 10-faktor factor number")
    instrument: str | None = Field(None, description="measuring-instrument slug, e.g. 10-faktor")
    quantity: str | None = Field(
        None, description="what is measured, in the document's words, e.g. «andel heltidsansatte»"
    )
    target: float | None = None
    unit: str | None = None
    baseline: float | None = None
    direction: Literal["increase", "decrease", "maintain"] | None = None


class Goal(Element):
    """A goal. ``key`` is local to the card; measures point to goals by key."""

    key: str = Field(pattern=r"^[A-Za-z0-9.\-]+$")
    kind: Literal["main", "area", "sub"]
    indicators: list[Indicator] = Field(default_factory=list)
    contributes_to: list[str] = Field(default_factory=list, description="keys of goals this goal serves")


class Measure(Element):
    """A measure (tiltak, veivalg, «dette skjer gjennom»)."""

    roles: list[str] = Field(default_factory=list, description="role slugs responsible for the measure")
    deadline: dt.date | None = None
    period: str | None = Field(None, description="a period or frequency as written, e.g. «løpende»")
    contributes_to: list[str] = Field(default_factory=list, description="keys of the goals it serves")


class Duty(Element):
    """A role named in the strategy with what it must do."""

    role: str = Field(description="role slug")
    follow_up: bool = Field(False, description="the duty is to follow up or develop the strategy itself")


class RevisionRule(Element):
    """When and by whom the strategy is revised."""

    interval_years: int | None = Field(None, ge=1)
    roles: list[str] = Field(default_factory=list)


class PriorityArea(Element):
    """A priority area (satsingsområde, strategiområde, innsatsområde). ``text`` is its title."""

    number: int | None = None
    goals: list[Goal] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    leader_expectations: list[Element] = Field(default_factory=list)
    employee_expectations: list[Element] = Field(default_factory=list)
    underlying_documents: list[Element] = Field(default_factory=list)
    reference_documents: list[Element] = Field(default_factory=list)


class Adoption(Model):
    """The adoption decision. A placeholder date («xx.xx.xxx») is kept as text and the date stays empty."""

    text: str
    lines: Lines
    body: str | None = Field(None, description="role slug of the adopting body, e.g. kommunestyret")
    date: dt.date | None = None
    placeholder: str | None = None
    case: str | None = Field(None, description="case reference, e.g. «43/17»")
    note: str | None = None


class Validity(Model):
    text: str
    lines: Lines
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    note: str | None = None


class Municipality(Model):
    name: str
    number: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$")
    kind: Literal["kommune", "fylkeskommune"] = "kommune"
    lines: Lines | None = None


class Source(Model):
    file: str = Field(description="file name as given, without folders")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["txt", "md", "docx", "pdf"]
    line_count: int = Field(ge=0)


class StrategyDocument(Model):
    """One employer strategy, as extracted or as reviewed."""

    card_version: int = CARD_VERSION
    source: Source
    language: Language
    title: Element
    subtitle: Element | None = None
    municipality: Municipality | None = None
    adoption: Adoption | None = None
    validity: Validity | None = None
    revision: RevisionRule | None = None
    vision: Element | None = None
    values: list[Element] = Field(default_factory=list)
    main_goals: list[Goal] = Field(default_factory=list)
    priority_areas: list[PriorityArea] = Field(default_factory=list)
    challenges: list[Element] = Field(default_factory=list)
    leader_expectations: list[Element] = Field(default_factory=list)
    employee_expectations: list[Element] = Field(default_factory=list)
    duties: list[Duty] = Field(default_factory=list)
    underlying_documents: list[Element] = Field(default_factory=list)
    reference_documents: list[Element] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list, description="citations outside any element")
    review: str | None = Field(None, description="the reviewer's notes on the whole card")
    missing: list[MissingPart] = Field(
        default_factory=list, description="what the reader looked for and did not find in the document"
    )
    unplaced: list[Element] = Field(
        default_factory=list,
        description="listed text the reader could not place; a reviewer moves each block where it belongs",
    )

    def lacks(self) -> list[MissingPart]:
        """What a complete strategy has and this one lacks, in the order a reader meets it."""
        areas = self.priority_areas
        expectations = [*self.leader_expectations, *self.employee_expectations,
                        *(e for a in areas for e in (*a.leader_expectations, *a.employee_expectations))]
        present: dict[MissingPart, bool] = {
            "adoption": self.adoption is not None and (self.adoption.date or self.adoption.placeholder) is not None,
            "validity": self.validity is not None,
            "vision": self.vision is not None,
            "values": bool(self.values),
            "goals": bool(self.all_goals()),
            "measures": bool(self.all_measures()),
            "expectations": bool(expectations),
            "follow_up": any(duty.follow_up for duty in self.duties),
            "revision": self.revision is not None,
        }
        return [part for part, found in present.items() if not found]

    def all_goals(self) -> list[Goal]:
        return [*self.main_goals, *(g for area in self.priority_areas for g in area.goals)]

    def all_measures(self) -> list[Measure]:
        return [m for area in self.priority_areas for m in area.measures]
