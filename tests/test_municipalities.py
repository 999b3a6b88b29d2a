"""The bundled municipality register, the resolver and its RDF."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from graph.municipality_rdf import SG, county_iri, entity_iri, register_graph
from loaders import municipalities as reg
from loaders.errors import InputError

HEADER = "number,kind,name_nb,name_nn,other_names,county,former_numbers\n"


@pytest.fixture
def register_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the loader at a CSV written by the test, and forget it afterwards."""

    def write(text: str) -> Path:
        path = tmp_path / "kommuner.csv"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(reg, "_csv_path", lambda: path)
        reg._registry.cache_clear()
        return path

    yield write
    reg._registry.cache_clear()


# --- counts -----------------------------------------------------------------------------------------


def test_register_has_357_municipalities():
    assert len(reg.municipalities()) == 357


def test_register_has_15_county_municipalities_oslo_included():
    numbers = {e.number for e in reg.counties()}
    assert len(numbers) == 15
    assert "03" in numbers


def test_current_numbers_are_unique():
    numbers = [e.number for e in reg.all_entities()]
    assert len(numbers) == len(set(numbers)) == 372


def test_every_municipality_lies_in_a_county_of_the_register():
    counties = {e.number for e in reg.counties()}
    for entity in reg.municipalities():
        assert entity.county in counties, entity
        assert entity.number.startswith(entity.county), entity


def test_municipalities_per_county_match_the_2024_structure():
    per_county = Counter(e.county for e in reg.municipalities())
    assert per_county == {
        "03": 1,
        "11": 23,
        "15": 27,
        "18": 41,
        "31": 12,
        "32": 21,
        "33": 18,
        "34": 46,
        "39": 6,
        "40": 17,
        "42": 25,
        "46": 43,
        "50": 38,
        "55": 21,
        "56": 18,
    }


def test_no_former_number_is_also_a_current_number():
    current = {e.number for e in reg.all_entities()}
    assert not {old for e in reg.all_entities() for old in e.former_numbers} & current


# --- resolve: the seed cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "number"),
    [
        ("Elverum kommune", "3420"),
        ("RØROS KOMMUNE", "5025"),
        ("Alver kommune", "4631"),
        ("Røros kommunes", "5025"),
        ("Røros kommune sin", "5025"),
        ("  elverum \n  kommune ", "3420"),
        ("«Elverum kommune»", "3420"),
        ("Kvam herad", "4622"),
        ("Haram kommune", "1580"),
        ("Ålesund kommune", "1508"),
        ("Bø kommune", "1867"),
        ("Nord - Fron kommune", "3436"),
        ("Oslo kommune", "0301"),
    ],
)
def test_resolve_municipality_mentions(mention: str, number: str):
    entity = reg.resolve(mention)
    assert entity is not None and entity.number == number
    assert entity.kind == "kommune"


@pytest.mark.parametrize(
    ("mention", "number"),
    [
        ("Vestland fylkeskommune", "46"),
        ("Troms fylkeskommune", "55"),
        ("Finnmark fylkeskommunes", "56"),
        ("TRØNDELAG FYLKESKOMMUNE", "50"),
        ("Vestland", "46"),
        ("Møre og Romsdal fylke", "15"),
        ("Oslo fylkeskommune", "03"),
    ],
)
def test_resolve_county_mentions(mention: str, number: str):
    entity = reg.resolve(mention)
    assert entity is not None and entity.number == number
    assert entity.kind == "fylkeskommune"


def test_a_kind_word_that_does_not_fit_the_name_resolves_to_nothing():
    assert reg.resolve("Elverum fylkeskommune") is None
    assert reg.resolve("Vestland kommune") is None


def test_bare_oslo_is_the_municipality():
    assert reg.resolve("Oslo").number == "0301"


def test_unknown_name_resolves_to_nothing():
    assert reg.resolve("Atlantis kommune") is None
    assert reg.candidates("") == []


def test_every_bokmal_and_nynorsk_name_resolves_with_its_kind_word():
    shared = {name for name, n in Counter(e.name_nb for e in reg.municipalities()).items() if n > 1}
    for entity in reg.all_entities():
        if entity.name_nb in shared:
            continue
        for name in (entity.name_nb, entity.name_nn):
            assert reg.resolve(f"{name} {entity.kind}") == entity


# --- numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "current"),
    [
        ("3420", "3420"),
        ("0427", "3420"),  # Elverum before 2020
        ("1640", "5025"),  # Røros before 2018
        ("5025", "5025"),
        ("1263", "4631"),  # Lindås → Alver
        ("1256", "4631"),  # Meland → Alver
        ("1260", "4631"),  # Radøy → Alver
        ("3001", "3101"),  # Halden 2020–2023
        ("0101", "3101"),  # Halden before 2020
        ("3811", "3911"),  # Færder 2020–2023
        ("5401", "5501"),  # Tromsø 2020–2023
        ("5430", "5612"),  # Kautokeino 2020–2023
        ("1507", "1508"),  # Ålesund 2020–2023
        ("1534", "1580"),  # Haram before 2020
        ("1102", "1108"),  # Sandnes before 2020
        ("06", "33"),  # Buskerud before 2020
        ("0301", "0301"),
        (" 46 ", "46"),
    ],
)
def test_by_number_accepts_current_and_former_numbers(number: str, current: str):
    entity = reg.by_number(number)
    assert entity is not None and entity.number == current


@pytest.mark.parametrize(
    ("number", "successors"),
    [
        ("30", {"31", "32", "33"}),  # Viken
        ("38", {"39", "40"}),  # Vestfold og Telemark
        ("54", {"55", "56"}),  # Troms og Finnmark
        ("1850", {"1806", "1875"}),  # Tysfjord
        ("5012", {"5055", "5056", "5059"}),  # Snillfjord
    ],
)
def test_a_split_former_number_is_not_guessed(number: str, successors: set[str]):
    assert reg.by_number(number) is None
    assert {e.number for e in reg.candidates_by_number(number)} == successors


def test_unknown_number_gives_nothing():
    assert reg.by_number("9999") is None
    assert reg.candidates_by_number("abc") == []


# --- Sami and Kven names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "number"),
    [
        ("Guovdageaidnu", "5612"),
        ("Kautokeino kommune", "5612"),
        ("Guovdageaidnu suohkan", "5612"),
        ("Kárášjohka", "5610"),
        ("Deatnu", "5628"),
        ("Unjárga", "5636"),
        ("Snåase tjïelte", "5041"),
        ("Porsanki", "5622"),
        ("Romsa fylkeskommune", "55"),
        ("Finnmárku", "56"),
    ],
)
def test_sami_and_kven_names_resolve(mention: str, number: str):
    assert reg.resolve(mention).number == number


def test_kautokeino_carries_its_north_sami_name():
    assert reg.by_number("5612").other_names == (("Guovdageaidnu", "se"),)


def test_other_names_are_tagged_with_a_sami_or_kven_language():
    tags = {lang for e in reg.all_entities() for _, lang in e.other_names}
    assert tags == {"se", "sma", "smj", "fkv"}


# --- ambiguity --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Våler", "Våler kommune", "Herøy", "HERØY KOMMUNE"])
def test_a_shared_name_is_not_guessed(name: str):
    assert reg.resolve(name) is None
    assert len(reg.candidates(name)) >= 2


@pytest.mark.parametrize(
    ("name", "hint", "number"),
    [
        ("Våler", "Innlandet", "3419"),
        ("Våler kommune", "31", "3114"),
        ("Våler", "Østfold fylke", "3114"),
        ("Våler", "Hedmark", "3419"),
        ("Herøy", "Møre og Romsdal", "1515"),
        ("Herøy", "18", "1818"),
    ],
)
def test_a_county_hint_resolves_a_shared_name(name: str, hint: str, number: str):
    assert reg.resolve(name, county_hint=hint).number == number


@pytest.mark.parametrize(
    ("mention", "number"),
    [
        ("Våler i Østfold", "3114"),
        ("Våler (Innlandet)", "3419"),
        ("Våler kommune (Innlandet)", "3419"),
        ("Våler kommune i Innlandet", "3419"),
        ("Herøy (Møre og Romsdal)", "1515"),
        ("Herøy, Nordland", "1818"),
        ("Våler (Hedmark)", "3419"),
    ],
)
def test_a_county_in_the_mention_resolves_a_shared_name(mention: str, number: str):
    assert reg.resolve(mention).number == number


def test_a_county_hint_that_contradicts_the_name_gives_nothing():
    assert reg.resolve("Elverum", county_hint="Vestland") is None
    assert reg.resolve("Våler", county_hint="Atlantis") is None


def test_a_county_replaced_by_two_is_ambiguous():
    assert reg.resolve("Troms og Finnmark fylkeskommune") is None
    assert {e.number for e in reg.candidates("Troms og Finnmark fylkeskommune")} == {"55", "56"}


# --- find_in_text -----------------------------------------------------------------------------------


def test_find_in_text_reports_each_mention_with_offsets():
    text = (
        "Arbeidsgiverstrategien er vedtatt av kommunestyret i Elverum kommune 12. mars. "
        "Den bygger på erfaringer fra RØROS KOMMUNES strategi og gjelder for alle ansatte."
    )
    found = reg.find_in_text(text)
    assert [(e.number, text[start:end]) for e, start, end in found] == [
        ("3420", "Elverum kommune"),
        ("5025", "RØROS KOMMUNES"),
    ]


def test_find_in_text_finds_counties_and_multiword_names():
    text = "Vestland fylkeskommune og Nordre Follo kommune sin plan, og Evje og Hornnes kommune."
    found = [(e.number, text[s:e2]) for e, s, e2 in reg.find_in_text(text)]
    assert found == [
        ("46", "Vestland fylkeskommune"),
        ("3207", "Nordre Follo kommune sin"),
        ("4219", "Evje og Hornnes kommune"),
    ]


def test_find_in_text_ignores_common_words_and_lower_case():
    assert reg.find_in_text("Hver time kommunen bruker, og den enkelte kommune, teller.") == []


def test_find_mentions_keeps_ambiguous_mentions_with_their_candidates():
    mentions = reg.find_mentions("Samarbeid med Herøy kommune og Våler kommune (Innlandet).")
    assert [(m.text, len(m.candidates)) for m in mentions] == [
        ("Herøy kommune", 2),
        ("Våler kommune (Innlandet)", 1),
    ]
    assert mentions[0].entity is None
    assert mentions[1].entity.number == "3419"


def test_find_in_text_finds_every_mention_in_a_hundred_pages():
    page = (
        "Kommunen skal være en attraktiv arbeidsgiver med gode fagmiljø og tydelig ledelse. " * 30
        + "Strategien for Elverum kommune gjelder alle ansatte i kommunen.\n"
    )
    assert len(reg.find_in_text(page * 100)) == 100


# --- malformed files --------------------------------------------------------------------------------


def test_a_row_with_a_bad_number_raises_input_error_with_its_line(register_file):
    path = register_file(
        HEADER
        + "34,fylkeskommune,Innlandet,Innlandet,,,04;05\n"
        + "3420,kommune,Elverum,Elverum,,34,0427\n"
        + "342,kommune,Våler,Våler,,34,0426\n"
    )
    with pytest.raises(InputError) as caught:
        reg.all_entities()
    assert caught.value.line == 4
    assert caught.value.path == str(path)
    assert f"{path}:4" in str(caught.value)


def test_a_municipality_in_an_unknown_county_raises_input_error(register_file):
    register_file(HEADER + "3420,kommune,Elverum,Elverum,,34,0427\n")
    with pytest.raises(InputError) as caught:
        reg.resolve("Elverum")
    assert caught.value.line == 2


def test_a_wrong_header_raises_input_error_on_line_one(register_file):
    register_file("nummer,navn\n3420,Elverum\n")
    with pytest.raises(InputError) as caught:
        reg.all_entities()
    assert caught.value.line == 1


def test_a_row_with_too_few_fields_raises_input_error(register_file):
    register_file(HEADER + "34,fylkeskommune,Innlandet,Innlandet,,\n")
    with pytest.raises(InputError) as caught:
        reg.all_entities()
    assert caught.value.line == 2


def test_an_untagged_other_name_raises_input_error(register_file):
    register_file(HEADER + "56,fylkeskommune,Finnmark,Finnmark,Finnmárku,,54;20\n")
    with pytest.raises(InputError) as caught:
        reg.all_entities()
    assert caught.value.line == 2


def test_a_missing_register_raises_input_error(register_file, tmp_path: Path, monkeypatch):
    register_file(HEADER)
    missing = tmp_path / "absent.csv"
    monkeypatch.setattr(reg, "_csv_path", lambda: missing)
    reg._registry.cache_clear()
    with pytest.raises(InputError) as caught:
        reg.all_entities()
    assert caught.value.path == str(missing)
    assert "/" in str(caught.value)  # one line: Norwegian / English


def test_a_small_valid_register_loads(register_file):
    register_file(
        HEADER + "34,fylkeskommune,Innlandet,Innlandet,,,04;05\n" + "3420,kommune,Elverum,Elverum,,34,0427\n"
    )
    assert reg.by_number("0427").name_nb == "Elverum"


# --- RDF --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return register_graph()


def test_rdf_types_every_entity(graph):
    assert len(set(graph.subjects(ns.RDF.type, SG.Municipality))) == 357
    assert len(set(graph.subjects(ns.RDF.type, SG.CountyMunicipality))) == 15


def test_rdf_iris_follow_the_number(graph):
    elverum = URIRef("https://w3id.org/strategigraf/id/kommune/3420")
    vestland = URIRef("https://w3id.org/strategigraf/id/fylkeskommune/46")
    assert entity_iri(reg.by_number("3420")) == elverum
    assert (elverum, ns.RDF.type, SG.Municipality) in graph
    assert (vestland, ns.RDF.type, SG.CountyMunicipality) in graph
    assert (county_iri("03"), ns.RDF.type, SG.CountyMunicipality) in graph


def test_rdf_numbers_are_plain_strings(graph):
    elverum = entity_iri(reg.by_number("3420"))
    assert graph.value(elverum, SG.municipalityNumber) == Literal("3420", datatype=ns.XSD.string)
    former = set(graph.objects(elverum, SG.formerMunicipalityNumber))
    assert former == {Literal("0427", datatype=ns.XSD.string)}


def test_rdf_links_each_municipality_to_its_county(graph):
    assert graph.value(entity_iri(reg.by_number("3420")), SG.county) == county_iri("34")
    assert graph.value(entity_iri(reg.by_number("0301")), SG.county) == county_iri("03")
    linked = set(graph.subjects(SG.county, None))
    assert len(linked) == 357
    for county in graph.objects(None, SG.county):
        assert (county, ns.RDF.type, SG.CountyMunicipality) in graph


def test_rdf_labels_in_bokmal_and_nynorsk_and_sami_alt_labels(graph):
    kautokeino = entity_iri(reg.by_number("5612"))
    for predicate in (ns.RDFS.label, ns.SKOS.prefLabel):
        assert {(o.value, o.language) for o in graph.objects(kautokeino, predicate)} == {
            ("Kautokeino", "nb"),
            ("Kautokeino", "nn"),
        }
    assert set(graph.objects(kautokeino, ns.SKOS.altLabel)) == {Literal("Guovdageaidnu", lang="se")}


def test_rdf_every_literal_is_language_tagged_or_typed(graph):
    for _, predicate, obj in graph:
        if isinstance(obj, Literal):
            if predicate in (SG.municipalityNumber, SG.formerMunicipalityNumber):
                assert obj.datatype == ns.XSD.string and obj.language is None
            else:
                assert obj.language, (predicate, obj)


def test_rdf_does_not_use_org_sub_organization_of(graph):
    assert not list(graph.triples((None, URIRef("http://www.w3.org/ns/org#subOrganizationOf"), None)))


def test_rdf_is_the_same_every_run(graph):
    again = register_graph()
    assert sorted(graph) == sorted(again)
