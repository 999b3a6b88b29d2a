"""The completeness shapes: fixtures for every shape, the quality of the shapes themselves, the score,
the assessment RDF, and what the shapes find on the seed strategies."""

from __future__ import annotations

import pickle
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from graph import validate as validation_module
from graph.mapper import to_rdf
from graph.validate import (
    LANGS,
    SGS,
    Validation,
    assessment_graph,
    checks,
    sections,
    shapes_graph,
    validate,
)
from loaders.reader import read_path
from loaders.vocabulary import SG
from tests.conftest import SEEDS

SH = Namespace("http://www.w3.org/ns/shacl#")
FIXTURES = Path(__file__).parent / "data" / "shapes"
BASE = FIXTURES / "base.ttl"
FX = "urn:strategigraf:fixture:"
SHAPES = sorted(checks())
ALVER = SEEDS / "alver-administrasjonsutval-2023-med-arbeidsgjevarstrategi-2023-2026.txt"
ROROS = SEEDS / "roros-arbeidsgiverstrategi-2017-2025.txt"
ELVERUM = SEEDS / "elverum-arbeidsgiverstrategi-2016.txt"
STRATEGY = URIRef("https://w3id.org/strategigraf/id/strategi/testby-2025")


def local(shape: str) -> str:
    return shape.rsplit("#", 1)[1]


@cache
def base() -> Graph:
    return Graph().parse(BASE, format="turtle")


@cache
def variants(shape_name: str) -> dict[str, dict[str, Graph]]:
    """``{"ok": {"remove": g, "add": g}, "bad": {...}, "bad-unknown": {...}}`` from ``<shape>.trig``."""
    dataset = Dataset()
    dataset.parse(FIXTURES / f"{shape_name}.trig", format="trig")
    out: dict[str, dict[str, Graph]] = {}
    for graph in dataset.graphs():
        name = str(graph.identifier)
        if not name.startswith(FX):
            continue
        variant, _, action = name[len(FX) :].rpartition("-")
        out.setdefault(variant, {})[action] = graph
    return out


def fixture(shape_name: str, variant: str) -> Graph:
    """base.ttl with the variant's «-remove» triples taken out and its «-add» triples put in."""
    graph = Graph()
    changes = variants(shape_name).get(variant, {})
    removed = set(changes.get("remove", Graph()))
    for triple in base():
        if triple not in removed:
            graph.add(triple)
    for triple in changes.get("add", Graph()):
        graph.add(triple)
    return graph


@cache
def validated(shape_name: str, variant: str) -> Validation:
    return validate(fixture(shape_name, variant))


def findings_of(result: Validation, shape: str) -> list:
    return [f for f in result.findings if f.shape == shape]


@cache
def seed(path: Path) -> Validation:
    return validate(to_rdf(read_path(path)))


BAD_CASES = [
    (shape, variant) for shape in SHAPES for variant in sorted(variants(local(shape))) if variant.startswith("bad")
]
# Every «ok…» variant; a file without one has base.ttl as its conforming fixture («ok» with no changes).
OK_CASES = [
    (shape, variant)
    for shape in SHAPES
    for variant in (sorted(v for v in variants(local(shape)) if v.startswith("ok")) or ["ok"])
]


# -- fixtures --------------------------------------------------------------------------------------------


def test_the_base_fixture_has_no_findings_at_all() -> None:
    result = validate(base())
    assert (result.conforms, result.findings, result.score) == (True, [], 100)


@pytest.mark.parametrize("shape", SHAPES, ids=local)
def test_every_shape_has_a_fixture_file(shape: str) -> None:
    assert (FIXTURES / f"{local(shape)}.trig").is_file()


def test_every_fixture_file_belongs_to_a_shape() -> None:
    names = {local(shape) for shape in SHAPES}
    assert {p.stem for p in FIXTURES.glob("*.trig")} <= names


@pytest.mark.parametrize("shape", SHAPES, ids=local)
def test_every_shape_has_a_non_conforming_fixture(shape: str) -> None:
    assert any(v.startswith("bad") for v in variants(local(shape)))


@pytest.mark.parametrize(("shape", "variant"), OK_CASES, ids=lambda v: local(v) if "#" in v else v)
def test_the_conforming_fixture_passes(shape: str, variant: str) -> None:
    assert findings_of(validated(local(shape), variant), shape) == []


@pytest.mark.parametrize(("shape", "variant"), BAD_CASES, ids=lambda v: local(v) if "#" in v else v)
def test_the_non_conforming_fixture_is_reported(shape: str, variant: str) -> None:
    assert findings_of(validated(local(shape), variant), shape)


@pytest.mark.parametrize(("shape", "variant"), BAD_CASES, ids=lambda v: local(v) if "#" in v else v)
def test_a_finding_has_the_severity_and_section_of_its_shape(shape: str, variant: str) -> None:
    check = checks()[shape]
    assert {(f.severity, f.section) for f in findings_of(validated(local(shape), variant), shape)} == {
        (check.severity, check.section)
    }


# -- the shapes themselves ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES, ids=local)
@pytest.mark.parametrize("predicate", [SH.name, SH.description, SH.message], ids=["name", "description", "message"])
def test_every_shape_speaks_bokmal_nynorsk_and_english(shape: str, predicate: URIRef) -> None:
    languages = sorted(o.language for o in shapes_graph().objects(URIRef(shape), predicate) if isinstance(o, Literal))
    assert languages == sorted(LANGS)


@pytest.mark.parametrize("shape", SHAPES, ids=local)
def test_every_shape_has_a_rationale_in_every_language(shape: str) -> None:
    rationale = checks()[shape].rationale
    assert sorted(rationale) == sorted(LANGS) and all(len(text) > 40 for text in rationale.values())


@pytest.mark.parametrize("shape", SHAPES, ids=local)
def test_every_shape_has_a_severity_a_section_and_an_order(shape: str) -> None:
    graph = shapes_graph()
    node = URIRef(shape)
    assert graph.value(node, SH.severity) in (SH.Violation, SH.Warning, SH.Info)
    assert graph.value(node, SH.group) is not None and isinstance(graph.value(node, SH.order), Literal)


def test_shapes_are_ordered_without_ties_in_each_section() -> None:
    keys = [(c.section, c.order) for c in checks().values()]
    assert len(keys) == len(set(keys))


def test_the_sections_are_the_seven_of_the_design_in_document_order() -> None:
    assert [s.key for s in sections()] == [
        "strategy", "areas", "goals", "measures", "indicators", "roles", "citations",
    ]


@pytest.mark.parametrize("section", sections(), ids=lambda s: s.key)
def test_every_section_has_a_label_in_every_language(section) -> None:
    assert sorted(section.label) == sorted(LANGS)


def test_every_section_has_a_check() -> None:
    assert {c.section for c in checks().values()} == {s.key for s in sections()}


def test_the_shapes_are_shacl_core() -> None:
    # SHACL-SPARQL only where Core cannot express a rule; every rule here can be, so none is used.
    graph = shapes_graph()
    sparql = [SH.sparql, SH.select, SH.ask, SH.rule, SH.target]
    assert [p for p in sparql if any(graph.triples((None, p, None)))] == []


def test_every_node_shape_and_property_shape_with_a_target_is_a_check() -> None:
    graph = shapes_graph()
    targeted = {
        str(s)
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
        for s in graph.subjects(p, None)
    }
    assert targeted == set(SHAPES)


def test_the_shapes_conform_to_the_shacl_shapes_for_shacl() -> None:
    conforms, _, text = pyshacl.validate(shapes_graph(), meta_shacl=True, inference="none", advanced=False)
    assert conforms, text


# -- severities that matter --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["AdoptionDateShape", "AdoptionDatePlaceholderShape", "BasicAgreementShape", "FollowUpShape",
     "GoalMeasureShape", "AreaMeasureShape", "CitationProvisionShape", "ProvenanceShape"],
)
def test_what_a_strategy_must_have_is_a_violation(name: str) -> None:
    assert checks()[str(SGS[name])].severity == "violation"


@pytest.mark.parametrize("name", ["CitationSuccessorShape", "RevisionShape", "GoalIndicatorShape", "MeasureRoleShape"])
def test_what_a_strategy_should_have_is_a_warning(name: str) -> None:
    assert checks()[str(SGS[name])].severity == "warning"


@pytest.mark.parametrize("name", ["MeasureDeadlineShape", "GoalThemeShape"])
def test_advice_is_info(name: str) -> None:
    assert checks()[str(SGS[name])].severity == "info"


# -- what a finding says -----------------------------------------------------------------------------------


def test_a_finding_names_the_element_by_its_text_kind_and_line() -> None:
    (finding,) = findings_of(validated("GoalMeasureShape", "bad"), str(SGS.GoalMeasureShape))
    assert (finding.text, finding.lines, finding.kind["nb"], finding.kind["en"]) == (
        "Sykefraværet skal ned til 7 prosent", (13, 13), "Områdemål", "Area goal",
    )


def test_a_finding_has_its_message_in_every_language() -> None:
    (finding,) = findings_of(validated("GoalMeasureShape", "bad"), str(SGS.GoalMeasureShape))
    assert finding.message == {"nb": "har ingen tiltak", "nn": "har ingen tiltak", "en": "has no measures"}


def test_the_placeholder_message_quotes_the_placeholder() -> None:
    (finding,) = findings_of(validated("AdoptionDatePlaceholderShape", "bad"), str(SGS.AdoptionDatePlaceholderShape))
    assert "«xx.xx.xxx»" in finding.message["nn"] and finding.value == "xx.xx.xxx"


def test_a_placeholder_is_reported_once_not_also_as_a_missing_date() -> None:
    result = validated("AdoptionDatePlaceholderShape", "bad")
    assert [f.shape for f in result.findings if f.section == "strategy"] == [str(SGS.AdoptionDatePlaceholderShape)]


def test_the_repealed_act_warning_names_its_successor() -> None:
    (finding,) = findings_of(validated("CitationSuccessorShape", "bad"), str(SGS.CitationSuccessorShape))
    assert finding.message["en"] == "cites a repealed act; the act now in force is Kommuneloven"


def test_a_missing_provision_is_named_with_its_act() -> None:
    (finding,) = findings_of(validated("CitationProvisionShape", "bad"), str(SGS.CitationProvisionShape))
    assert finding.message["nn"] == "viser til § 99-1 i Arbeidsmiljøloven, men den føresegna finst ikkje"


def test_an_unknown_role_is_named_in_the_finding() -> None:
    (finding,) = findings_of(validated("KnownRoleShape", "bad"), str(SGS.KnownRoleShape))
    assert "«personalsjefen»" in finding.message["nb"]


def test_a_known_role_in_a_message_is_named_by_its_label_in_the_report_language() -> None:
    graph = fixture("KnownRoleShape", "ok")
    assert validation_module.label_of(URIRef("https://w3id.org/strategigraf/id/rolle/hr-leder"), "en", graph)


# -- score -------------------------------------------------------------------------------------------------


def test_advice_never_lowers_the_score() -> None:
    result = validated("MeasureDeadlineShape", "bad")
    assert (result.score, next(s.score for s in result.sections if s.section == "measures")) == (100, 100)


def test_a_section_score_is_the_severity_weighted_pass_rate_of_its_checks() -> None:
    # measures: owner (warning, weight 1) fails on the only measure, deadline (advice, weight 0) passes.
    result = validated("MeasureRoleShape", "bad")
    assert next(s.score for s in result.sections if s.section == "measures") == 0


def test_the_overall_score_weighs_every_applicable_check_by_severity() -> None:
    # One warning check fails out of all applicable checks: 14 strategy checks (11 violations, 3 warnings),
    # 2 area (v), 3 goal (v, w, info), 2 measure (w, info), 2 indicator (w, w), 1 role (v), 4 citation
    # (3 v, 1 w): weight 17 × 3 + 8 × 1 = 59; one warning fails: 58/59 = 98.3 % → 98.
    assert validated("MeasureRoleShape", "bad").score == 98


def test_a_section_with_no_applicable_check_has_no_score() -> None:
    result = seed(ALVER)  # Alver gives no indicators
    assert next(s.score for s in result.sections if s.section == "indicators") is None


def test_a_score_rounds_half_up() -> None:
    from fractions import Fraction

    assert validation_module._score([(1, Fraction(1, 8)), (1, Fraction(0))]) == 6  # 6.25 → 6
    assert validation_module._score([(2, Fraction(1, 8)), (2, Fraction(1, 4))]) == 19  # 18.75 → 19


# -- the validator -----------------------------------------------------------------------------------------


def test_the_shapes_graph_is_parsed_once_and_pyshacl_gets_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[Graph] = []
    real = pyshacl.validate

    def spy(*args, **kwargs):
        given.append(kwargs["shacl_graph"])
        return real(*args, **kwargs)

    monkeypatch.setattr(validation_module.pyshacl, "validate", spy)
    validation_module.shapes_graph.cache_clear()
    validate(base())
    validate(base())
    cached = shapes_graph()
    assert validation_module.shapes_graph.cache_info().misses == 1
    assert all(g is not cached for g in given) and given[0] is not given[1]
    assert all(set(g) >= set(cached) for g in given)


def test_validation_does_not_change_the_strategy_graph() -> None:
    graph = fixture("GoalMeasureShape", "bad")
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_validation_is_deterministic() -> None:
    graph = fixture("CitationSuccessorShape", "bad")
    first, second = validate(graph), validate(graph)
    assert (first.findings, first.report_ntriples) == (second.findings, second.report_ntriples)


def test_the_raw_report_is_a_shacl_validation_report_in_turtle() -> None:
    report = Graph().parse(data=validated("CitationSuccessorShape", "bad").report_turtle, format="turtle")
    assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == 1


def test_a_validation_can_be_pickled_for_build_workers() -> None:
    result = validated("GoalMeasureShape", "bad")
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.parametrize("path", [ALVER, ROROS, ELVERUM], ids=["alver", "roros", "elverum"])
def test_the_builds_own_inferences_give_the_same_findings(path: Path) -> None:
    # The build keeps only the inferences that mention the strategy's own nodes (infer(…, owner=…)).
    from graph.reason import infer

    graph = to_rdf(read_path(path))
    owner = str(next(graph.subjects(RDF.type, SG.EmployerStrategy)))
    assert validate(graph, inferred=infer(graph, owner=owner)).findings == seed(path).findings


# -- assessment RDF for the store --------------------------------------------------------------------------


def test_the_assessment_hangs_off_the_strategy_at_its_iri() -> None:
    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    assessment = URIRef(str(STRATEGY) + "/vurdering")
    assert (STRATEGY, SG.hasAssessment, assessment) in graph and (
        assessment,
        RDF.type,
        SG.Assessment,
    ) in graph


def test_the_assessment_has_one_section_score_per_section() -> None:
    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    scores = set(graph.objects(URIRef(str(STRATEGY) + "/vurdering"), SG.hasSectionScore))
    assert scores == {URIRef(f"{STRATEGY}/vurdering/{s.key}") for s in sections()}


def test_the_assessment_numbers_are_typed() -> None:
    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    node = URIRef(f"{STRATEGY}/vurdering/goals")
    assert (graph.value(node, SG.completenessScore).datatype, graph.value(node, SG.violationCount)) == (
        XSD.decimal, Literal(1),
    )


def test_every_text_of_the_assessment_is_language_tagged() -> None:
    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    labels = list(graph.objects(None, RDFS.label))
    assert labels and all(label.language in LANGS for label in labels)


def test_the_section_of_a_section_score_is_its_key() -> None:
    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    assert graph.value(URIRef(f"{STRATEGY}/vurdering/citations"), SG.section) == Literal("citations")


def test_the_assessment_uses_only_ontology_terms() -> None:
    from loaders.vocabulary import ontology_graph

    graph = assessment_graph(validated("GoalMeasureShape", "bad"))
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and t in SG}
    assert all((term, None, None) in ontology_graph() for term in used)


# -- the seeds ----------------------------------------------------------------------------------------------


def test_alver_is_reported_for_its_placeholder_adoption_date() -> None:
    (finding,) = findings_of(seed(ALVER), str(SGS.AdoptionDatePlaceholderShape))
    assert (finding.value, finding.lines) == ("xx.xx.xxx", (503, 503))  # the line of the adoption statement


def test_the_placeholder_is_alvers_only_violation() -> None:
    assert [f.shape for f in seed(ALVER).findings if f.severity == "violation"] == [
        str(SGS.AdoptionDatePlaceholderShape)
    ]


@pytest.mark.parametrize("path", [ROROS, ELVERUM], ids=["roros", "elverum"])
def test_roros_and_elverum_have_no_violations(path: Path) -> None:
    assert seed(path).conforms


def test_elverum_is_warned_that_it_gives_no_period_and_no_revision() -> None:
    shapes = {f.shape for f in seed(ELVERUM).findings if f.severity == "warning" and f.section == "strategy"}
    assert shapes == {str(SGS.ValidityShape), str(SGS.RevisionShape)}


def test_alver_is_warned_that_it_has_no_vision_values_or_revision() -> None:
    shapes = {f.shape for f in seed(ALVER).findings if f.severity == "warning" and f.section == "strategy"}
    assert shapes == {str(SGS.VisionOrValuesShape), str(SGS.RevisionShape)}


def test_the_seeds_strategy_sections_cite_hovedavtalen() -> None:
    assert not [f for path in (ALVER, ROROS, ELVERUM) for f in findings_of(seed(path), str(SGS.BasicAgreementShape))]


def test_no_seed_has_a_provenance_finding() -> None:
    shapes = {str(SGS.ProvenanceShape), str(SGS.SourceLinesShape)}
    assert not [f for path in (ALVER, ROROS, ELVERUM) for f in seed(path).findings if f.shape in shapes]


def test_group_labels_come_from_the_shapes() -> None:
    graph = shapes_graph()
    group = next(graph.subjects(DCTERMS.identifier, Literal("citations")))
    assert next(s for s in sections() if s.key == "citations").label["nn"] == str(
        next(o for o in graph.objects(group, RDFS.label) if o.language == "nn")
    )


# -- what an indicator measures --------------------------------------------------------------------------

COMPLETE = Path(__file__).parent / "data" / "documents" / "complete-draft.md"
PAI_LINE = "Måles ved: andel heltidsansatte i PAI-registeret, mål 60 prosent."


def test_the_complete_draft_is_not_told_that_it_does_not_say_what_is_measured() -> None:
    # regression: «andel heltidsansatte i PAI-registeret» names what is measured in the draft's own words
    assert findings_of(seed(COMPLETE), str(SGS.IndicatorInstrumentShape)) == []


def test_the_measured_quantity_is_in_the_graph_in_the_documents_language() -> None:
    graph = to_rdf(read_path(COMPLETE))
    quantities = list(graph.objects(None, SG.measuredQuantity))
    assert quantities == [Literal("andel heltidsansatte i PAI-registeret", lang="nb")]


def test_an_indicator_that_is_only_a_target_is_still_told_it_does_not_say_what_is_measured(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8")
    assert PAI_LINE in text
    draft = tmp_path / "complete-draft.md"
    draft.write_text(text.replace(PAI_LINE, "Måles ved: mål 60 prosent."), encoding="utf-8")
    (finding,) = findings_of(validate(to_rdf(read_path(draft))), str(SGS.IndicatorInstrumentShape))
    assert (finding.text, finding.lines) == ("mål 60 prosent", (31, 31))


# -- the law a citation is linked to -----------------------------------------------------------------------

AML = "https://lovdata.no/lov/2005-06-17-62"


def test_a_citation_of_a_section_the_act_does_not_have_is_reported_although_it_looks_like_lovdata() -> None:
    # regression: the shape used to accept any IRI matching ^https://lovdata.no/(lov|forskrift)/
    (finding,) = findings_of(validated("CitationTargetShape", "bad-no-section"), str(SGS.CitationTargetShape))
    assert finding.value == AML + "/§99-1"


def test_the_registry_facts_are_those_of_exactly_the_cited_law() -> None:
    facts = validation_module.law_facts(base())
    assert {(s, o) for s, o in facts.subject_objects(RDF.type)} == {
        (URIRef(AML + "/§4-6"), SG.LegalProvision),
        (URIRef(AML + "/§4-6"), SG.LegalSection),
        (URIRef(AML), SG.Act),
    }


def test_an_act_gets_its_lovdata_id_from_the_registry() -> None:
    assert validation_module.law_facts(base()).value(URIRef(AML), SG.lovdataId) == Literal("LOV-2005-06-17-62")


def test_a_strategy_that_cites_no_law_gets_no_registry_facts() -> None:
    graph = fixture("CitationTargetShape", "bad")
    graph.remove((None, SG.cites, None))
    assert len(validation_module.law_facts(graph)) == 0


# -- the document's words in a message ---------------------------------------------------------------------


def test_a_finding_lists_the_documents_words_its_message_quotes() -> None:
    (finding,) = findings_of(validated("AdoptionDatePlaceholderShape", "bad"), str(SGS.AdoptionDatePlaceholderShape))
    assert finding.quotes == ("xx.xx.xxx",)


def test_a_name_from_a_vocabulary_or_lovdata_is_not_a_quote_of_the_document() -> None:
    (finding,) = findings_of(validated("CitationSuccessorShape", "bad"), str(SGS.CitationSuccessorShape))
    assert finding.quotes == ()
