"""StrategyDocument → RDF: the only code that writes a strategy's triples, using only ontology terms.

Every node is typed, labelled in the document's language, placed in its strategy (``sg:inStrategy``),
ordered among its siblings (``sg:order``) and traced to its source (``prov:wasDerivedFrom`` the source
file, ``sg:lineStart``/``sg:lineEnd``). Dates and numbers are typed literals.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph import iris
from loaders.model import Citation, Duty, Element, Goal, Indicator, Measure, StrategyDocument
from loaders.vocabulary import PROV, SG

GOAL_CLASS = {"main": SG.MainGoal, "area": SG.AreaGoal, "sub": SG.SubGoal}
DIRECTION = {"increase": SG.Increase, "decrease": SG.Decrease, "maintain": SG.Maintain}
CITATION_STATUS = {
    "resolved": SG.Resolved,
    "unresolved": SG.Unresolved,
    "successor": SG.ResolvedToSuccessor,
    "historical": SG.Historical,
}
# Citations that are not of a law or an agreement: typed as such, and never linked to an instrument.
CITATION_KIND = {"preparatory-work": SG.PreparatoryWorkCitation, "local-rule": SG.LocalRuleCitation}


class _Mapper:
    def __init__(self, document: StrategyDocument) -> None:
        self.document = document
        self.lang = document.language
        self.slug = iris.strategy_slug(document)
        self.strategy = iris.strategy_iri(self.slug)
        self.source = iris.source_iri(document.source.sha256)
        self.graph = Graph()
        self.citation_count = 0
        self.goal_iris: dict[str, URIRef] = {}

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.lang)

    def add(self, *triple: object) -> None:
        self.graph.add(triple)  # type: ignore[arg-type]

    def element(self, iri: URIRef, cls: URIRef, element: Element, order: int | None = None) -> URIRef:
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, self.text(element.text))
        self.add(iri, SG.inStrategy, self.strategy)
        self.add(iri, PROV.wasDerivedFrom, self.source)
        self.add(iri, SG.lineStart, Literal(element.lines.start))
        self.add(iri, SG.lineEnd, Literal(element.lines.end))
        if order is not None:
            self.add(iri, SG.order, Literal(order))
        for theme in element.themes:
            self.add(iri, SG.theme, iris.vocabulary_iri("tema", theme))
        for citation in element.citations:
            self.citation(iri, citation)
        return iri

    def citation(self, holder: URIRef, citation: Citation) -> None:
        self.citation_count += 1
        node = iris.element_iri(self.strategy, "henvisning", self.citation_count)
        self.add(holder, SG.hasCitation, node)
        self.add(node, RDF.type, SG.Citation)
        self.add(node, RDFS.label, self.text(citation.text))
        self.add(node, SG.citationText, self.text(citation.text))
        self.add(node, SG.inStrategy, self.strategy)
        self.add(node, PROV.wasDerivedFrom, self.source)
        self.add(node, SG.lineStart, Literal(citation.line))
        self.add(node, SG.lineEnd, Literal(citation.line))
        self.add(node, SG.citationStatus, CITATION_STATUS[citation.status])
        if citation.provision:
            self.add(node, SG.provisionLabel, Literal(citation.provision))
        if citation.note:
            self.add(node, RDFS.comment, self.text(citation.note))
        if citation.kind in CITATION_KIND:
            self.add(node, RDF.type, CITATION_KIND[citation.kind])
            if citation.id and citation.kind == "preparatory-work":
                self.add(node, SG.referenceId, Literal(citation.id))
            return
        if citation.id and (named := iris.instrument_iri(citation.id)):
            self.add(node, SG.namedInstrument, named)
        if citation.iri and citation.status in ("resolved", "successor"):
            # A historical citation names the old act (sg:namedInstrument) but links nothing in force.
            target = URIRef(citation.iri)
            self.add(node, SG.citationTarget, target)
            self.add(holder, SG.cites, target)

    def goals(self, holder: URIRef, goals: Iterable[Goal]) -> None:
        for order, goal in enumerate(goals, start=1):
            iri = iris.element_iri(self.strategy, "mal", goal.key)
            self.goal_iris[goal.key] = iri
            self.element(iri, GOAL_CLASS[goal.kind], goal, order)
            self.add(holder, SG.hasSubGoal if goal.kind == "sub" else SG.hasGoal, iri)
            for number, indicator in enumerate(goal.indicators, start=1):
                self.indicator(iri, iris.element_iri(self.strategy, "indikator", goal.key, number), indicator, number)

    def indicator(self, goal: URIRef, iri: URIRef, indicator: Indicator, order: int) -> None:
        self.element(iri, SG.Indicator, indicator, order)
        self.add(goal, SG.measuredBy, iri)
        if indicator.factor is not None:
            self.add(iri, SG.tenFactor, iris.vocabulary_iri("10-faktor", indicator.factor))
        if indicator.instrument:
            self.add(iri, SG.measuringInstrument, iris.vocabulary_iri("maleinstrument", indicator.instrument))
        if indicator.quantity:
            self.add(iri, SG.measuredQuantity, self.text(indicator.quantity))
        if indicator.target is not None:
            self.add(iri, SG.targetValue, Literal(str(indicator.target), datatype=XSD.decimal))
        if indicator.baseline is not None:
            self.add(iri, SG.baselineValue, Literal(str(indicator.baseline), datatype=XSD.decimal))
        if indicator.unit:
            self.add(iri, SG.unit, Literal(indicator.unit))
        if indicator.direction:
            self.add(iri, SG.direction, DIRECTION[indicator.direction])

    def measure(self, area: URIRef, iri: URIRef, measure: Measure, order: int) -> None:
        self.element(iri, SG.Measure, measure, order)
        self.add(area, SG.hasMeasure, iri)
        for role in measure.roles:
            self.add(iri, SG.responsibleRole, iris.vocabulary_iri("rolle", role))
        if measure.deadline:
            self.add(iri, SG.deadline, Literal(measure.deadline, datatype=XSD.date))
        if measure.period:
            self.add(iri, SG.period, self.text(measure.period))

    def contributions(self, elements: Iterable[Goal | Measure], iri_of: dict[int, URIRef]) -> None:
        for element in elements:
            for key in element.contributes_to:
                if key in self.goal_iris:
                    self.add(iri_of[id(element)], SG.contributesTo, self.goal_iris[key])

    def listed(self, holder: URIRef, prop: URIRef, cls: URIRef, kind: str, prefix: str,
               elements: Iterable[Element]) -> None:
        for order, element in enumerate(elements, start=1):
            iri = self.element(iris.element_iri(self.strategy, kind, prefix, order), cls, element, order)
            self.add(holder, prop, iri)

    def duty(self, duty: Duty, order: int) -> None:
        iri = iris.element_iri(self.strategy, "ansvar", order)
        self.element(iri, SG.FollowUpDuty if duty.follow_up else SG.Duty, duty, order)
        self.add(self.strategy, SG.hasDuty, iri)
        self.add(iri, SG.responsibleRole, iris.vocabulary_iri("rolle", duty.role))

    def strategy_node(self) -> None:
        doc = self.document
        s = self.strategy
        self.add(s, RDF.type, SG.EmployerStrategy)
        self.add(s, RDFS.label, self.text(doc.title.text))
        self.add(s, DCTERMS.title, self.text(doc.title.text))
        if doc.subtitle:
            self.add(s, DCTERMS.alternative, self.text(doc.subtitle.text))
        self.add(s, DCTERMS.language, Literal(doc.language, datatype=XSD.language))
        self.add(s, PROV.wasDerivedFrom, self.source)
        self.add(s, SG.lineStart, Literal(doc.title.lines.start))
        self.add(s, SG.lineEnd, Literal(doc.title.lines.end))
        if doc.municipality and doc.municipality.number:
            self.add(s, SG.municipality, iris.municipality_iri(doc.municipality.number))
        if (adoption := doc.adoption) is not None:
            self.add(s, SG.adoptionLine, Literal(adoption.lines.start))
            if adoption.body:
                self.add(s, SG.adoptedBy, iris.vocabulary_iri("rolle", adoption.body))
            if adoption.date:
                self.add(s, SG.adoptionDate, Literal(adoption.date, datatype=XSD.date))
            if adoption.placeholder:
                self.add(s, SG.adoptionDatePlaceholder, Literal(adoption.placeholder))
            if adoption.case:
                self.add(s, SG.caseReference, Literal(adoption.case))
        if (validity := doc.validity) is not None:
            if validity.valid_from:
                self.add(s, SG.validFrom, Literal(validity.valid_from, datatype=XSD.date))
            if validity.valid_until:
                self.add(s, SG.validUntil, Literal(validity.valid_until, datatype=XSD.date))
        source = self.source
        self.add(source, RDF.type, SG.SourceDocument)
        self.add(source, SG.sha256, Literal(doc.source.sha256))
        self.add(source, SG.fileName, Literal(doc.source.file))
        self.add(source, SG.sourceFormat, Literal(doc.source.format))

    def run(self) -> Graph:
        doc = self.document
        s = self.strategy
        self.strategy_node()
        if doc.vision:
            self.add(s, SG.hasVision, self.element(iris.element_iri(s, "visjon"), SG.Vision, doc.vision))
        self.listed(s, SG.hasValue, SG.Value, "verdi", "", doc.values)
        self.goals(s, doc.main_goals)
        self.listed(s, SG.hasChallenge, SG.Challenge, "utfordring", "", doc.challenges)
        self.listed(s, SG.hasExpectation, SG.LeaderExpectation, "forventning", "s-leiar", doc.leader_expectations)
        self.listed(s, SG.hasExpectation, SG.EmployeeExpectation, "forventning", "s-tilsett",
                    doc.employee_expectations)
        self.listed(s, SG.hasUnderlyingDocument, SG.UnderlyingDocument, "dokument", "s-u", doc.underlying_documents)
        self.listed(s, SG.hasReferenceDocument, SG.ReferenceDocument, "dokument", "s-r", doc.reference_documents)
        for order, duty in enumerate(doc.duties, start=1):
            self.duty(duty, order)
        if (rule := doc.revision) is not None:
            iri = self.element(iris.element_iri(s, "revisjon"), SG.RevisionRule, rule)
            self.add(s, SG.hasRevisionRule, iri)
            if rule.interval_years:
                self.add(iri, SG.revisionIntervalYears, Literal(rule.interval_years))
            for role in rule.roles:
                self.add(iri, SG.responsibleRole, iris.vocabulary_iri("rolle", role))
        iri_of: dict[int, URIRef] = {}
        for order, area in enumerate(doc.priority_areas, start=1):
            area_iri = self.element(iris.element_iri(s, "omrade", order), SG.PriorityArea, area, order)
            self.add(s, SG.hasPriorityArea, area_iri)
            self.goals(area_iri, area.goals)
            for number, measure in enumerate(area.measures, start=1):
                iri = iris.element_iri(s, "tiltak", order, number)
                self.measure(area_iri, iri, measure, number)
                iri_of[id(measure)] = iri
            for prefix, cls, elements in (
                ("leiar", SG.LeaderExpectation, area.leader_expectations),
                ("tilsett", SG.EmployeeExpectation, area.employee_expectations),
            ):
                self.listed(area_iri, SG.hasExpectation, cls, "forventning", f"{order}-{prefix}", elements)
            self.listed(area_iri, SG.hasUnderlyingDocument, SG.UnderlyingDocument, "dokument", f"{order}-u",
                        area.underlying_documents)
            self.listed(area_iri, SG.hasReferenceDocument, SG.ReferenceDocument, "dokument", f"{order}-r",
                        area.reference_documents)
        goals = doc.all_goals()
        for goal in goals:
            iri_of[id(goal)] = self.goal_iris[goal.key]
        self.contributions([*goals, *doc.all_measures()], iri_of)
        for citation in doc.citations:
            self.citation(s, citation)
        return self.graph


def to_rdf(document: StrategyDocument) -> Graph:
    """The triples of one strategy (without the graph name; the store puts them in the strategy's graph)."""
    graph = _Mapper(document).run()
    graph.bind("sg", SG)
    graph.bind("prov", PROV)
    graph.bind("dcterms", DCTERMS)
    return graph
