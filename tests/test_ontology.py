"""Quality gate for the ontology and the reference vocabularies (in the spirit of ROBOT report and OOPS!)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from loaders import vocabulary
from loaders.resources import ontology_dir
from loaders.vocabulary import SG

LANGS = ("nb", "nn", "en")
TTL_FILES = sorted(ontology_dir().glob("*.ttl"))
DECLARATION_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return vocabulary.ontology_graph()


@pytest.fixture(scope="module")
def everything() -> Graph:
    graph = Graph()
    for path in TTL_FILES:
        graph.parse(path, format="turtle")
    return graph


def sg_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARATION_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(SG))
    }


def langs_of(graph: Graph, subject: URIRef, predicate: URIRef) -> Counter[str]:
    return Counter(o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal))


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_every_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_the_design_names_are_declared(onto: Graph) -> None:
    names = (
        "EmployerStrategy Municipality CountyMunicipality Vision Value Goal MainGoal AreaGoal "
        "SubGoal PriorityArea Measure Expectation LeaderExpectation EmployeeExpectation Challenge "
        "Role LegalInstrument Act Regulation Agreement LegalProvision Indicator UnderlyingDocument "
        "ReferenceDocument Document Theme"
    ).split()
    properties = (
        "municipality hasVision hasValue hasPriorityArea hasGoal hasSubGoal hasMeasure "
        "contributesTo hasExpectation hasChallenge responsibleRole measuredBy cites "
        "hasUnderlyingDocument hasReferenceDocument theme adoptedBy adoptionDate validFrom "
        "validUntil lovdataId municipalityNumber"
    ).split()
    for name in names:
        assert (SG[name], RDF.type, OWL.Class) in onto, name
    for name in properties:
        assert any((SG[name], RDF.type, t) in onto for t in (OWL.ObjectProperty, OWL.DatatypeProperty)), name


def test_every_sg_term_has_labels_in_all_three_languages(onto: Graph) -> None:
    missing = [
        f"{term} {lang}"
        for term in sg_terms(onto)
        for lang in LANGS
        if langs_of(onto, term, RDFS.label)[lang] != 1
    ]
    assert not missing, missing


def test_every_sg_term_has_a_definition_in_all_three_languages(onto: Graph) -> None:
    missing = [
        f"{term} {lang}"
        for term in sg_terms(onto)
        for lang in LANGS
        if langs_of(onto, term, SKOS.definition)[lang] != 1
    ]
    assert not missing, missing


def test_no_two_sg_terms_share_a_label_in_one_language(onto: Graph) -> None:
    seen: dict[tuple[str, str], list[URIRef]] = defaultdict(list)
    for term in sg_terms(onto):
        for label in onto.objects(term, RDFS.label):
            seen[(str(label).lower(), label.language)].append(term)
    duplicates = {key: terms for key, terms in seen.items() if len(terms) > 1}
    assert not duplicates, duplicates


def test_no_cue_marks_two_classes_in_one_language() -> None:
    owners: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    for cue in vocabulary.section_cues():
        owners[(cue.text, cue.lang)].add(cue.cls)
    ambiguous = {key: classes for key, classes in owners.items() if len(classes) > 1}
    assert not ambiguous, ambiguous


def test_every_property_has_a_domain_and_a_range(onto: Graph) -> None:
    properties = {
        p
        for t in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in onto.subjects(RDF.type, t)
        if str(p).startswith(str(SG))
    }
    assert properties
    lacking = [
        p for p in properties if (p, RDFS.domain, None) not in onto or (p, RDFS.range, None) not in onto
    ]
    assert not lacking, lacking


def test_contributes_to_is_transitive(onto: Graph) -> None:
    assert (SG.contributesTo, RDF.type, OWL.TransitiveProperty) in onto


def test_no_iri_is_both_an_object_and_a_datatype_property(everything: Graph) -> None:
    objects = set(everything.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(everything.subjects(RDF.type, OWL.DatatypeProperty))
    assert not objects & datatypes


def test_every_class_named_in_an_axiom_is_declared(everything: Graph) -> None:
    declared = set(everything.subjects(RDF.type, OWL.Class)) | {RDF.langString}
    named = set()
    for predicate in (RDFS.subClassOf, OWL.disjointWith):
        named |= {o for o in everything.objects(None, predicate) if isinstance(o, URIRef)}
    for prop in everything.subjects(RDF.type, OWL.ObjectProperty):
        named |= {o for o in everything.objects(prop, RDFS.range) if isinstance(o, URIRef)}
    for prop in set(everything.subjects(RDF.type, OWL.ObjectProperty)) | set(
        everything.subjects(RDF.type, OWL.DatatypeProperty)
    ):
        named |= {o for o in everything.objects(prop, RDFS.domain) if isinstance(o, URIRef)}
    assert not named - declared, named - declared


def test_no_undeclared_sg_term_is_used_anywhere(onto: Graph) -> None:
    declared = sg_terms(onto)
    used: set[URIRef] = set()
    files = [
        *TTL_FILES,
        *ontology_dir().parent.glob("shapes/*.ttl"),
        *ontology_dir().parent.glob("data/**/*.ttl"),
    ]
    for path in files:
        graph = Graph().parse(path, format="turtle")
        for triple in graph:
            used |= {t for t in triple if isinstance(t, URIRef) and str(t).startswith(str(SG))}
    for path in ontology_dir().parent.glob("queries/*.rq"):
        text = path.read_text(encoding="utf-8")
        used |= {SG[name] for name in __import__("re").findall(r"\bsg:([A-Za-z0-9_]+)", text)}
    assert not used - declared, sorted(used - declared)


def test_owl_rl_closure_has_no_member_of_nothing(everything: Graph) -> None:
    closure = Graph()
    for triple in everything:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    assert not list(closure.subjects(RDF.type, OWL.Nothing))


def test_every_concept_has_one_preflabel_per_language(everything: Graph) -> None:
    concepts = set(everything.subjects(RDF.type, SKOS.Concept)) | set(
        everything.subjects(RDF.type, SKOS.ConceptScheme)
    )
    bad = [
        f"{c} {lang}"
        for c in concepts
        for lang in LANGS
        if langs_of(everything, c, SKOS.prefLabel)[lang] != 1
    ]
    assert not bad, bad


def test_pref_alt_and_hidden_labels_are_disjoint(everything: Graph) -> None:
    clashes = []
    for subject in set(everything.subjects(SKOS.altLabel, None)) | set(
        everything.subjects(SKOS.hiddenLabel, None)
    ):
        pref = set(everything.objects(subject, SKOS.prefLabel))
        alt = set(everything.objects(subject, SKOS.altLabel))
        hidden = set(everything.objects(subject, SKOS.hiddenLabel))
        if pref & alt or pref & hidden or alt & hidden:
            clashes.append((subject, (pref & alt) | (pref & hidden) | (alt & hidden)))
    assert not clashes, clashes


def test_concepts_have_definitions_in_all_three_languages(everything: Graph) -> None:
    concepts = set(everything.subjects(RDF.type, SKOS.Concept))
    missing = [
        f"{c} {lang}"
        for c in concepts
        for lang in LANGS
        if langs_of(everything, c, SKOS.definition)[lang] < 1
    ]
    assert not missing, missing


def test_there_are_at_least_fifteen_themes() -> None:
    themes = vocabulary.known_slugs(SG.Theme, vocabulary.ID + "tema/")
    assert len(themes) >= 15
    assert {"heltidskultur", "naervaer", "kompetanse", "partssamarbeid", "livsfase"} <= themes


def test_the_roles_of_municipal_employer_policy_are_there() -> None:
    roles = vocabulary.known_slugs(SG.Role, vocabulary.ID + "rolle/")
    expected = {
        "kommunestyret",
        "formannskapet",
        "administrasjonsutvalget",
        "kommunedirektor",
        "kommunalsjef",
        "hr-leder",
        "leder",
        "tillitsvalgt",
        "verneombud",
        "amu",
        "ia-utvalget",
        "medarbeider",
    }
    assert expected <= roles


def test_the_ten_factors_are_numbered_one_to_ten(everything: Graph) -> None:
    numbers = sorted(int(n) for n in everything.objects(None, SG.factorNumber))
    assert numbers == list(range(1, 11))


def test_the_five_ks_grep_and_two_main_challenges_are_there(everything: Graph) -> None:
    assert len(set(everything.subjects(RDF.type, SG.KSGrep))) == 5
    assert len(set(everything.subjects(RDF.type, SG.KSMainChallenge))) == 2


CUES = {
    "MÅL": SG.Goal,
    "DELMÅL": SG.SubGoal,
    "Hovudmål": SG.MainGoal,
    "VEIVALG": SG.Measure,
    "Dette skjer gjennom": SG.Measure,
    "For å nå målet skal": SG.Measure,
    "Måles ved": SG.Indicator,
    "VÅRE LEDERE": SG.LeaderExpectation,
    "Underliggende dokumenter": None,
    "Referansedokumenter": None,
    "satsingsområde": SG.PriorityArea,
    "prioriterte områder": SG.PriorityArea,
    "strategiområde": SG.PriorityArea,
}


@pytest.mark.parametrize("word", sorted(CUES))
def test_the_cue_words_of_the_seeds_are_altlabels(word: str) -> None:
    onto = vocabulary.ontology_graph()
    classes = {
        s
        for p in (RDFS.label, SKOS.altLabel)
        for s, _, o in onto.triples((None, p, None))
        if isinstance(o, Literal) and vocabulary.normalise(str(o)) == vocabulary.normalise(word)
    }
    expected = CUES[word]
    if expected is None:  # document cues: the document classes, which are not strategy elements
        assert classes & {SG.UnderlyingDocument, SG.ReferenceDocument}
    else:
        assert expected in classes


def test_readme_query_lists_every_class_with_its_norwegian_label(onto: Graph) -> None:
    readme = (ontology_dir().parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sparql\n# every class with its Norwegian label")
    query = readme[start + len("```sparql\n") : readme.index("```", start + 10)]
    rows = list(onto.query(query))
    classes = {s for s in onto.subjects(RDF.type, OWL.Class) if str(s).startswith(str(SG))}
    assert {row[0] for row in rows} == classes
    assert all(row[1].language == "nb" for row in rows)


# -- words the indicator parser reads from the ontology ----------------------------------------------------


def test_percent_is_a_unit_with_its_words_in_bokmal_and_nynorsk(everything: Graph) -> None:
    percent = URIRef(vocabulary.ID + "maleeining/prosent")
    words = {(str(o), o.language) for p in (SKOS.prefLabel, SKOS.altLabel) for o in everything.objects(percent, p)}
    assert (percent, SKOS.inScheme, URIRef(vocabulary.ID + "maleeining")) in everything
    assert {("prosent", "nb"), ("prosent", "nn"), ("%", "nb"), ("%", "nn")} <= words


def test_the_unit_words_are_no_longer_labels_of_the_unit_property(onto: Graph) -> None:
    assert not list(onto.objects(SG.unit, SKOS.altLabel))


def test_the_word_before_a_factor_number_is_a_label_of_the_ten_factor_class(onto: Graph) -> None:
    hidden = {(str(o), o.language) for o in onto.objects(SG.TenFactor, SKOS.hiddenLabel)}
    assert {("faktor", "nb"), ("faktor", "nn")} <= hidden


def test_the_words_for_a_measured_quantity_are_in_bokmal_and_nynorsk(onto: Graph) -> None:
    hidden = {(str(o), o.language) for o in onto.objects(SG.measuredQuantity, SKOS.hiddenLabel)}
    assert {("andel", "nb"), ("sykefravær", "nb"), ("delen", "nn"), ("sjukefråvær", "nn")} <= hidden


def test_the_changelog_has_an_entry_for_the_version_in_the_ontology(onto: Graph) -> None:
    version = str(onto.value(vocabulary.ONTOLOGY_IRI, OWL.versionInfo))
    changelog = (ontology_dir() / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {version} " in changelog
    assert str(onto.value(vocabulary.ONTOLOGY_IRI, OWL.versionIRI)).endswith("/" + version)
