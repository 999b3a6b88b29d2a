"""Completeness checks: one strategy's graph against the SHACL shapes in ``shapes/``, and its score.

``validate(graph)`` runs pySHACL over the strategy's triples, their OWL-RL inferences, the reference
vocabularies (roles, themes, agreements) and the law registry's facts about the Lovdata IRIs the strategy
cites (:func:`law_facts`); never over the ontology, which the inferences already carry, so a validation
costs tens of milliseconds. The shapes are parsed once per process and pySHACL gets a copy
each time, because it writes into the shapes graph it is given.

Everything the report shows is read from pySHACL's ``sh:ValidationReport``: which shape, which focus node,
which value, which message. The data graph only supplies what a reader needs to find the element in the
document (its text, its kind and its source lines) and the labels of the values a message names.

**Score.** Every shape is one check. A check applies to the focus nodes its target selects in this strategy
(an indicator check applies to nothing in a strategy without indicators). Its pass rate is the share of
those focus nodes with no finding. A section's score is the weighted mean of the pass rates of its
applicable checks, times 100, rounded half up; the weight is the severity: Violation 3, Warning 1, Info 0
(advice never lowers a score). The overall score is the same mean over every applicable check of every
section. A section with no applicable weighted check has no score. See ``README.md``, «Completeness checks».
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pyshacl
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from graph.reason import infer
from graph.shacl_report import make_conformant, serialize_report
from loaders.resources import shapes_dir
from loaders.turtle import turtle_graph
from loaders.vocabulary import ELI, ID, PROV, SG, ontology_graph, reference_graph

if TYPE_CHECKING:
    from loaders.model import StrategyDocument

SH = Namespace("http://www.w3.org/ns/shacl#")
SGS = Namespace("https://w3id.org/strategigraf/shapes#")
SHAPES_IRI = URIRef("https://w3id.org/strategigraf/shapes")
LOVDATA = "https://lovdata.no/"
LANGS = ("nb", "nn", "en")
SEVERITIES = ("violation", "warning", "info")
SEVERITY_OF = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
# The weight of a check in the score, by severity (the README documents the formula).
WEIGHTS = {"violation": 3, "warning": 1, "info": 0}
ASSESSMENT_SUFFIX = "/vurdering"

_PLACEHOLDER = re.compile(r"\{(\?value|\$value|\$this|sg:[A-Za-z][A-Za-z0-9]*)\}")
_TEXT_PROPERTIES = (SG.citationText, DCTERMS.title, RDFS.label, SKOS.prefLabel)


# -- the shapes, parsed once ------------------------------------------------------------------------------


@cache
def shapes_graph() -> Graph:
    """Every ``shapes/*.ttl``, parsed once per process. Never hand this graph to pySHACL: copy it."""
    return turtle_graph("shapes", sorted(shapes_dir().glob("*.ttl")))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    copy.addN((s, p, o, copy) for s, p, o in graph)
    return copy


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    """The language-tagged values of a property, one per language (the smallest, so the choice is stable)."""
    out: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate), key=str):
        if isinstance(value, Literal) and value.language and value.language not in out:
            out[value.language] = str(value)
    return out


@dataclass(frozen=True)
class Section:
    """A section of the report: one ``sh:PropertyGroup`` of the shapes."""

    key: str  # strategy, areas, goals, measures, indicators, roles, citations
    order: int
    label: dict[str, str]


@dataclass(frozen=True)
class Check:
    """One shape, as the report and the score see it."""

    iri: str
    severity: str
    section: str
    order: int
    name: dict[str, str]
    description: dict[str, str]
    message: dict[str, str]
    rationale: dict[str, str]
    # (kind, IRI): ("class", sg:Goal), ("subjects_of", sg:responsibleRole) …
    targets: tuple[tuple[str, str], ...]


_TARGETS = {
    SH.targetClass: "class",
    SH.targetSubjectsOf: "subjects_of",
    SH.targetObjectsOf: "objects_of",
    SH.targetNode: "node",
}


@cache
def sections() -> tuple[Section, ...]:
    """The report's sections in document order, from the shapes' property groups."""
    graph = shapes_graph()
    found = []
    for group in graph.subjects(RDF.type, SH.PropertyGroup):
        key = graph.value(group, DCTERMS.identifier)
        order = graph.value(group, SH.order)
        if key is None or order is None:
            raise ValueError(f"property group {group} needs dcterms:identifier and sh:order")
        found.append(Section(str(key), int(order), _texts(graph, group, RDFS.label)))
    return tuple(sorted(found, key=lambda s: (s.order, s.key)))


@cache
def checks() -> dict[str, Check]:
    """Every shape that is a check (it has a target and a group), by IRI."""
    graph = shapes_graph()
    section_of = {
        group: str(graph.value(group, DCTERMS.identifier)) for group in graph.subjects(RDF.type, SH.PropertyGroup)
    }
    out: dict[str, Check] = {}
    for shape in sorted({s for s in graph.subjects(SH.group, None) if isinstance(s, URIRef)}, key=str):
        targets = tuple(
            sorted(
                (kind, str(node)) for predicate, kind in _TARGETS.items() for node in graph.objects(shape, predicate)
            )
        )
        out[str(shape)] = Check(
            iri=str(shape),
            severity=SEVERITY_OF.get(graph.value(shape, SH.severity), "violation"),  # type: ignore[arg-type]
            section=section_of[graph.value(shape, SH.group)],  # type: ignore[index]
            order=int(graph.value(shape, SH.order) or 0),  # type: ignore[call-overload]
            name=_texts(graph, shape, SH.name),
            description=_texts(graph, shape, SH.description),
            message=_texts(graph, shape, SH.message),
            rationale=_texts(graph, shape, DCTERMS.source),
            targets=targets,
        )
    return out


# -- the result ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One ``sh:ValidationResult``, with what a reader needs to find the element in the document."""

    severity: str  # violation, warning or info
    section: str
    shape: str  # the shape's IRI
    focus: str  # the focus node's IRI
    kind: dict[str, str]  # what the focus node is, per language: {"nb": "Mål", "en": "Goal", …}
    text: str  # the element's text as it stands in the document
    lines: tuple[int, int] | None  # its source lines (paragraphs in a Word file)
    message: dict[str, str]  # the shape's message per language, with the values it names filled in
    value: str | None  # the sh:value the finding is about (a placeholder, an unknown role's IRI …), if any
    # The pieces of the message that are the document's own words (a placeholder, an unknown role), so
    # that a page can mark them with the document's language.
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionResult:
    """The counts and the score of one section."""

    section: str
    order: int
    label: dict[str, str]
    score: int | None  # 0–100; None when no weighted check applies
    checks: int  # applicable checks (shapes with at least one focus node)
    violations: int
    warnings: int
    infos: int


@dataclass
class Validation:
    """The outcome of checking one strategy: plain data, so that build workers can pickle it."""

    conforms: bool  # no violations (warnings and advice do not count)
    strategy: str  # the strategy's IRI
    title: str
    language: str  # the document's language (nb or nn)
    municipality: str | None  # «Alver kommune»
    source_file: str | None
    source_format: str | None  # txt, md, docx, pdf
    findings: list[Finding]
    sections: list[SectionResult]
    score: int | None
    report_ntriples: str  # the raw sh:ValidationReport, sorted N-Triples with stable blank-node labels
    # What the reader looked for in the document and did not find (``StrategyDocument.missing``); empty for a
    # strategy read from the store, whose document is not at hand.
    missing: tuple[str, ...] = ()

    @property
    def report_turtle(self) -> str:
        """The ``sh:ValidationReport`` as Turtle (made on demand: the build never needs it)."""
        return serialize_report(self.report_ntriples, "turtle")

    @property
    def report_jsonld(self) -> str:
        """The ``sh:ValidationReport`` as JSON-LD."""
        return serialize_report(self.report_ntriples, "json-ld")

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("violation")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def findings_in(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]


# -- labels of the things a finding names ---------------------------------------------------------------


def _pick(texts: dict[str, str], lang: str) -> str | None:
    for candidate in (lang, "nn" if lang == "nb" else "nb", "en", *sorted(texts)):
        if candidate in texts:
            return texts[candidate]
    return None


def _law_label(iri: str) -> str | None:
    """The name of an act or regulation (or «name § x») from the Lovdata registry."""
    if not iri.startswith("https://lovdata.no/"):
        return None
    from loaders.lovdata_registry import load_registry

    registry = load_registry()
    if iri in registry.by_iri:
        return registry.instruments[registry.by_iri[iri]].name
    owner, _, tail = iri.rpartition("/")
    if owner in registry.by_iri:
        name = registry.instruments[registry.by_iri[owner]].name
        provision = re.sub(r"^§", "§ ", tail) if tail.startswith("§") else re.sub(r"^kap", "kap. ", tail)
        return f"{name} {provision}"
    return None


def _municipality_label(iri: str) -> str | None:
    if not iri.startswith(ID) or not re.search(r"/(kommune|fylkeskommune)/\d+$", iri):
        return None
    from loaders.municipalities import by_number

    entity = by_number(iri.rsplit("/", 1)[1])
    return entity.label if entity else None


def label_of(node: Node, lang: str, data: Graph | None = None) -> str:
    """How a report names a value: a literal as written, a role or agreement by its label in ``lang``, a law
    by its name in Lovdata, a municipality by its name, anything else by the last segment of its IRI."""
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        for graph in (reference_graph(), ontology_graph(), *((data,) if data is not None else ())):
            texts = _texts(graph, node, SKOS.prefLabel) or _texts(graph, node, RDFS.label)
            if texts:
                return _pick(texts, lang) or str(node)
        iri = str(node)
        return _law_label(iri) or _municipality_label(iri) or re.split(r"[/#]", iri.rstrip("/"))[-1]
    return str(node)


@cache
def _class_labels(cls: URIRef) -> dict[str, str]:
    labels = _texts(ontology_graph(), cls, RDFS.label)
    return {lang: text[:1].upper() + text[1:] for lang, text in labels.items()}


def _kind(strategy: Graph, node: Node) -> dict[str, str]:
    """The label of the element's own class (asserted, so the most specific: «Delmål», not «Mål»)."""
    classes = sorted(c for c in strategy.objects(node, RDF.type) if isinstance(c, URIRef) and c in SG)
    for cls in classes:
        if labels := _class_labels(cls):
            return labels
    return {}


def _text_of(graph: Graph, node: Node) -> str:
    for predicate in _TEXT_PROPERTIES:
        values = sorted(graph.objects(node, predicate), key=str)
        if values:
            return str(values[0])
    return re.split(r"[/#]", str(node).rstrip("/"))[-1]


_ADOPTION_PATHS = (SG.adoptedBy, SG.adoptionDate, SG.adoptionDatePlaceholder)


def _lines_of(graph: Graph, node: Node, path: Node | None = None) -> tuple[int, int] | None:
    adoption = graph.value(node, SG.adoptionLine) if path in _ADOPTION_PATHS else None
    if isinstance(adoption, Literal) and isinstance(adoption.value, int):
        return adoption.value, adoption.value  # point at «vedtatt … xx.xx.xxx», not at the title
    start, end = graph.value(node, SG.lineStart), graph.value(node, SG.lineEnd)
    if isinstance(start, Literal) and isinstance(start.value, int):
        last = end.value if isinstance(end, Literal) and isinstance(end.value, int) else start.value
        return start.value, max(start.value, last)
    return None


def _last_segment(node: Node) -> str:
    return re.split(r"[/#]", str(node).rstrip("/"))[-1]


def _render(template: str, lang: str, data: Graph, focus: Node, value: Node | None,
            quotes: set[str] | None = None) -> str:
    """Fill in {?value} and {sg:property} (the labels of the focus node's values of that property). The
    fillings that are the document's own words (literals, and IRIs named by their last segment because no
    vocabulary knows them) are added to ``quotes``."""

    def named(node: Node) -> str:
        text = label_of(node, lang, data)
        if quotes is not None and (isinstance(node, Literal) or text == _last_segment(node)):
            quotes.add(text)
        return text

    def fill(match: re.Match[str]) -> str:
        token = match.group(1)
        if token in ("?value", "$value"):
            return named(value) if value is not None else "–"
        if token == "$this":
            text = _text_of(data, focus)
            if quotes is not None:
                quotes.add(text)
            return text
        values = sorted(data.objects(focus, SG[token[3:]]), key=str)
        return ", ".join(named(v) for v in values) or "–"

    return _PLACEHOLDER.sub(fill, template)


# -- the report graph, serialised deterministically -----------------------------------------------------


def _finding_key(f: Finding, order: dict[str, int]) -> tuple[object, ...]:
    severity = SEVERITIES.index(f.severity)
    check = checks().get(f.shape)
    return (order.get(f.section, 99), severity, check.order if check else 99, f.shape,
            f.lines or (0, 0), f.focus, f.value or "")


def _stable_ntriples(report: Graph, result_keys: dict[Node, tuple[object, ...]]) -> str:
    """The report as sorted N-Triples with blank-node labels that depend only on its content, so that the
    same strategy always gives the same text (pySHACL's blank nodes are random)."""
    names: dict[Node, BNode] = {}
    for number, node in enumerate(sorted(result_keys, key=lambda n: (result_keys[n], str(n))), start=1):
        names[node] = BNode(f"r{number:04d}")

    def name_nested(node: Node, prefix: str) -> None:
        children = sorted(
            ((p, o) for p, o in report.predicate_objects(node) if isinstance(o, BNode) and o not in names),
            key=lambda po: (str(po[0]), _shape_of(report, po[1])),
        )
        for index, (_, child) in enumerate(children, start=1):
            names[child] = BNode(f"{prefix}-{index}")
            name_nested(child, f"{prefix}-{index}")

    for node, label in sorted(names.items(), key=lambda item: str(item[1])):
        name_nested(node, str(label))
    for report_node in report.subjects(RDF.type, SH.ValidationReport):
        names.setdefault(report_node, BNode("report"))
    lines = {f"{_nt(names.get(s, s))} {_nt(p)} {_nt(names.get(o, o))} ." for s, p, o in report}
    return "\n".join(sorted(lines)) + "\n"


def _nt(term: Node) -> str:
    """One term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _shape_of(graph: Graph, node: Node) -> str:
    """A content string for a blank node (a path, a list), to order siblings without using random ids."""
    return " ".join(sorted(f"{p} {o if not isinstance(o, BNode) else _shape_of(graph, o)}"
                           for p, o in graph.predicate_objects(node)))


# -- validation ---------------------------------------------------------------------------------------------


def _focus_nodes(data: Graph, check: Check) -> set[Node]:
    nodes: set[Node] = set()
    for kind, iri in check.targets:
        term = URIRef(iri)
        if kind == "class":
            nodes.update(data.subjects(RDF.type, term))
        elif kind == "subjects_of":
            nodes.update(data.subjects(term, None))
        elif kind == "objects_of":
            nodes.update(data.objects(None, term))
        else:
            nodes.add(term)
    return nodes


def _score(parts: Iterable[tuple[int, Fraction]]) -> int | None:
    total = Fraction(0)
    weight = 0
    for w, passed in parts:
        total += w * passed
        weight += w
    if weight == 0:
        return None
    value = Decimal(total.numerator * 100) / Decimal(total.denominator * weight)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _strategy_node(strategy: Graph) -> URIRef | None:
    nodes = sorted(n for n in strategy.subjects(RDF.type, SG.EmployerStrategy) if isinstance(n, URIRef))
    return nodes[0] if nodes else None


def law_facts(data: Graph) -> Graph:
    """What the law registry says about exactly the Lovdata IRIs the strategy cites: an act or regulation's
    type (``sg:Act``, ``sg:Regulation``) and ``sg:lovdataId``; a provision's type (``sg:LegalProvision`` and
    ``sg:LegalSection`` or ``sg:LegalChapter``) and the act it is part of. An IRI the registry does not
    know gets no facts, so the shapes can tell a real citation from one that only looks like Lovdata's.

    The registry is loaded once per process (its index, not the Turtle); a lookup is a dictionary access."""
    cited = sorted(
        {o for p in (SG.citationTarget, SG.cites) for o in data.objects(None, p)
         if isinstance(o, URIRef) and str(o).startswith(LOVDATA)},
        key=str,
    )
    facts = Graph()
    if not cited:
        return facts
    from loaders.lovdata_registry import load_registry

    registry = load_registry()

    def instrument(iri: str) -> bool:
        identifier = registry.by_iri.get(iri)
        if identifier is None:
            return False
        info = registry.instruments[identifier]
        facts.add((URIRef(iri), RDF.type, SG.Act if info.kind == "lov" else SG.Regulation))
        facts.add((URIRef(iri), SG.lovdataId, Literal(info.id)))
        return True

    for node in cited:
        iri = str(node)
        if instrument(iri):
            continue
        owner, _, tail = iri.rpartition("/")
        info = registry.instruments.get(registry.by_iri.get(owner, ""))
        if info is None:
            continue
        key = unquote(tail)
        if key.startswith("§") and info.section_key(key[1:]) == key[1:]:
            kind = SG.LegalSection
        elif key.startswith("kap") and info.chapter_key(key[3:]) == key[3:]:
            kind = SG.LegalChapter
        else:
            continue  # the act exists, this provision of it does not
        facts.add((node, RDF.type, SG.LegalProvision))
        facts.add((node, RDF.type, kind))
        facts.add((node, ELI.is_part_of, URIRef(owner)))
        instrument(owner)
    return facts


def data_graph(data: Graph, *, inferred: Graph | None = None) -> Graph:
    """The data graph pySHACL validates: the strategy, its OWL-RL inferences (computed unless given), the
    reference vocabularies and the registry's facts about the law it cites, as one read-only view (no
    copying of the reference vocabularies for every strategy)."""
    if inferred is None:
        inferred = infer(data)
    return ReadOnlyGraphAggregate([data, inferred, reference_graph(), law_facts(data)])


def validate(data: Graph, *, inferred: Graph | None = None) -> Validation:
    """Check one strategy's graph against the shapes.

    ``data`` holds the strategy's own triples (what ``graph.mapper.to_rdf`` gives, or its named graph in the
    store). Its OWL-RL inferences are computed here unless the caller already has them (``inferred``, as a
    build does); the reference vocabularies and the registry's facts about the law it cites are added here.
    Nothing is written to ``data``.
    """
    union = data_graph(data, inferred=inferred)
    _, report, _ = pyshacl.validate(
        union,
        shacl_graph=_copy(shapes_graph()),
        inference="none",
        inplace=True,
        allow_warnings=True,  # conforms = no violations; warnings and advice are reported, not failed
        advanced=False,
    )
    return _validation(data, union, report)


def _validation(data: Graph, union: Graph, report: Graph) -> Validation:
    catalogue = checks()
    section_list = sections()
    section_order = {s.key: s.order for s in section_list}
    findings: list[Finding] = []
    result_keys: dict[Node, tuple[object, ...]] = {}
    failed: dict[str, set[Node]] = defaultdict(set)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        if value == focus:
            value = None  # a node shape (sh:and, sh:or) reports the focus node itself as the value
        check = catalogue.get(str(shape))
        severity = SEVERITY_OF.get(report.value(result, SH.resultSeverity), "violation")  # type: ignore[arg-type]
        messages = _texts(report, result, SH.resultMessage) or (check.message if check else {})
        quotes: set[str] = set()
        message = {
            lang: _render(template, lang, union, focus, value, quotes)  # type: ignore[arg-type]
            for lang in LANGS
            if (template := _pick(messages, lang)) is not None
        }
        finding = Finding(
            severity=severity,
            section=check.section if check else section_list[0].key,
            shape=str(shape),
            focus=str(focus),
            kind=_kind(data, focus),  # type: ignore[arg-type]
            text=_text_of(union, focus),  # type: ignore[arg-type]
            lines=_lines_of(union, focus, report.value(result, SH.resultPath)),  # type: ignore[arg-type]
            message=message,
            value=str(value) if value is not None else None,
            quotes=tuple(sorted(quotes)),
        )
        findings.append(finding)
        result_keys[result] = _finding_key(finding, section_order)
        failed[str(shape)].add(focus)  # type: ignore[arg-type]
    findings.sort(key=lambda f: _finding_key(f, section_order))
    # The RDF report as SHACL §3.6 has it: conforms only without results, messages filled in.
    make_conformant(report, lambda template, lang, focus, value: _render(
        template, lang if lang in LANGS else "nb", union, focus, value))

    per_section: dict[str, list[tuple[int, Fraction]]] = defaultdict(list)
    applicable: dict[str, int] = defaultdict(int)
    for check in catalogue.values():
        focus_nodes = _focus_nodes(union, check)
        if not focus_nodes:
            continue
        passed = Fraction(len(focus_nodes - failed[check.iri]), len(focus_nodes))
        per_section[check.section].append((WEIGHTS[check.severity], passed))
        applicable[check.section] += 1
    section_results = [
        SectionResult(
            section=s.key,
            order=s.order,
            label=s.label,
            score=_score(per_section[s.key]),
            checks=applicable[s.key],
            violations=sum(1 for f in findings if f.section == s.key and f.severity == "violation"),
            warnings=sum(1 for f in findings if f.section == s.key and f.severity == "warning"),
            infos=sum(1 for f in findings if f.section == s.key and f.severity == "info"),
        )
        for s in section_list
    ]
    overall = _score(part for parts in per_section.values() for part in parts)

    strategy = _strategy_node(data)
    source = data.value(strategy, PROV.wasDerivedFrom) if strategy is not None else None
    municipality = data.value(strategy, SG.municipality) if strategy is not None else None
    language = data.value(strategy, DCTERMS.language) if strategy is not None else None
    return Validation(
        conforms=not any(f.severity == "violation" for f in findings),
        strategy=str(strategy) if strategy is not None else "",
        title=_text_of(data, strategy) if strategy is not None else "",
        language=str(language) if language is not None else "nb",
        municipality=label_of(municipality, "nb") if municipality is not None else None,
        source_file=_optional(data, source, SG.fileName),
        source_format=_optional(data, source, SG.sourceFormat),
        findings=findings,
        sections=section_results,
        score=overall,
        report_ntriples=_stable_ntriples(report, result_keys),
    )


def _optional(graph: Graph, subject: Node | None, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate) if subject is not None else None
    return str(value) if value is not None else None


def validate_document(document: StrategyDocument) -> Validation:
    """Map a ``StrategyDocument`` to RDF and check it."""
    from graph.mapper import to_rdf

    return validate(to_rdf(document))


def validate_file(path: Path) -> Validation:
    """Read any document or card the loaders read and check it."""
    from loaders.reader import read_path

    return validate_document(read_path(path))


# -- the assessment, as RDF for the store -------------------------------------------------------------------

_ASSESSMENT_LABEL = {
    "nb": "Fullstendighetsvurdering",
    "nn": "Fullstendigheitsvurdering",
    "en": "Completeness assessment",
}


def assessment_iri(strategy: str) -> URIRef:
    return URIRef(strategy + ASSESSMENT_SUFFIX)


def assessment_graph(validation: Validation) -> Graph:
    """The assessment of one strategy in the ontology's terms, for the strategy's named graph:
    ``<strategy> sg:hasAssessment <strategy/vurdering>``, with one ``sg:SectionScore`` per section at
    ``<strategy/vurdering/<section>>``. Text is language-tagged; numbers are typed."""
    graph = Graph()
    graph.bind("sg", SG)
    if not validation.strategy:
        return graph
    strategy = URIRef(validation.strategy)
    assessment = assessment_iri(validation.strategy)
    graph.add((strategy, SG.hasAssessment, assessment))
    graph.add((assessment, RDF.type, SG.Assessment))
    for lang, text in _ASSESSMENT_LABEL.items():
        graph.add((assessment, RDFS.label, Literal(text, lang=lang)))
    graph.add((assessment, PROV.wasDerivedFrom, SHAPES_IRI))

    def numbers(node: URIRef, score: int | None, violations: int, warnings: int, infos: int) -> None:
        if score is not None:
            graph.add((node, SG.completenessScore, Literal(str(score), datatype=XSD.decimal)))
        graph.add((node, SG.violationCount, Literal(violations)))
        graph.add((node, SG.warningCount, Literal(warnings)))
        graph.add((node, SG.infoCount, Literal(infos)))

    numbers(assessment, validation.score, validation.violations, validation.warnings, validation.infos)
    for section in validation.sections:
        node = URIRef(f"{assessment}/{section.section}")
        graph.add((assessment, SG.hasSectionScore, node))
        graph.add((node, RDF.type, SG.SectionScore))
        graph.add((node, SG.section, Literal(section.section)))
        for lang, text in section.label.items():
            graph.add((node, RDFS.label, Literal(text, lang=lang)))
        numbers(node, section.score, section.violations, section.warnings, section.infos)
    return graph
