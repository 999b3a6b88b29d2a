"""The Lovdata importer and the generated law registry (issue 4).

The Lovdata fixtures are cut from the real dump in ../shared/lovdata once per session, into a temporary
folder (``lovdata_fixtures`` in conftest.py, made by tests/data/lovdata/make_fixtures.py): a few chapters of
arbeidsmiljøloven, Grunnloven (bokmål and nynorsk), kjøpsloven, forvaltningsloven and one regulation, each
pretty-printed and on one line, packed as the two archives Lovdata publishes, with a truncated and a corrupt
copy. Lovdata's XML is never committed; only the hand-made fixtures are, in tests/data/lovdata/.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from api.cli.lovdata import app
from loaders import lovdata_registry as registry
from loaders.errors import InputError
from loaders.lovdata_import import import_lovdata, iter_sources, parse_document

FIXTURES = Path(__file__).resolve().parent / "data" / "lovdata"  # the hand-made ones
ARCHIVE_NAMES = ("gjeldende-lover.tar.bz2", "gjeldende-sentrale-forskrifter.tar.bz2")
SHARED = Path(__file__).resolve().parents[2] / "shared"
DUMP = [SHARED / "lovdata" / f"gjeldende-{name}.tar.bz2" for name in ("lover", "sentrale-forskrifter")]
PROJECT = Path(__file__).resolve().parents[1]
COMMITTED = PROJECT / "data" / "lovdata"

AML = "https://lovdata.no/lov/2005-06-17-62"
SG = "https://w3id.org/strategigraf/ont#"
ELI = "http://data.europa.eu/eli/ontology#"


def _doc(folder: Path, name: str):
    return parse_document((folder / name).read_bytes(), name)


def _archives(excerpts: Path) -> list[Path]:
    return [excerpts / name for name in ARCHIVE_NAMES]


@pytest.fixture()
def pretty(lovdata_fixtures: Path) -> Path:
    return lovdata_fixtures / "pretty"


def _store(folder: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    registry.load_into_store(store, folder=folder)
    return store


def _ask(store: pyoxigraph.Store, pattern: str) -> bool:
    prefixes = f"PREFIX sg: <{SG}> PREFIX eli: <{ELI}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    query = f"{prefixes} ASK {{ GRAPH ?g {{ {pattern} }} }}"
    return bool(store.query(query))


@pytest.fixture()
def built(tmp_path: Path, lovdata_fixtures: Path) -> Path:
    """A registry imported from the fixture archives, with a curated file for the acts they hold."""
    shutil.copy(FIXTURES / "curated-fixture.ttl", tmp_path / registry.CURATED)
    import_lovdata(_archives(lovdata_fixtures), tmp_path, dump_date="2025-11-09")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- parsing ------------------------------------------------------------------------------------------


def test_one_line_and_pretty_printed_files_parse_alike(lovdata_fixtures: Path):
    name = "nl/nl-20050617-062.xml"
    one, indented = _doc(lovdata_fixtures / "oneline", name), _doc(lovdata_fixtures / "pretty", name)
    assert (one.lovdata_id, one.title, one.title_short, one.ministries, one.legal_areas) == (
        indented.lovdata_id,
        indented.title,
        indented.title_short,
        indented.ministries,
        indented.legal_areas,
    )
    assert [(p.key, p.label, p.headings) for p in one.provisions] == [
        (p.key, p.label, p.headings) for p in indented.provisions
    ]


def test_header_fields_are_read(pretty: Path):
    doc = _doc(pretty, "nl/nl-20050617-062.xml")
    assert doc.lovdata_id == "LOV-2005-06-17-62"
    assert doc.refid == "lov/2005-06-17-62"
    assert doc.title == "Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)"
    assert doc.title_short == "Arbeidsmiljøloven – aml"
    assert doc.ministries == ["Arbeids- og inkluderingsdepartementet"]
    assert doc.date_in_force == "2006-01-01"
    assert "Arbeidsrett > Arbeidsmiljø" in doc.legal_areas
    assert doc.changes == ["lov/1977-02-04-4"]


def test_chapters_are_keyed_by_their_real_label_not_by_position(pretty: Path):
    provisions = {p.key: p for p in _doc(pretty, "nl/nl-20050617-062.xml").provisions}
    assert provisions["kap2A"].label == "kap. 2 A"  # Lovdata's anchor for it is KAPITTEL_3
    assert provisions["kap2A"].headings == {"nb": "Varsling"}
    assert provisions["kap15"].label == "kap. 15"  # KAPITTEL_17
    assert not any("KAPITTEL" in key for key in provisions)


def test_sections_keep_their_label_heading_and_chapter(pretty: Path):
    provisions = {p.key: p for p in _doc(pretty, "nl/nl-20050617-062.xml").provisions}
    section = provisions["§2A-6"]
    assert section.label == "§ 2 A-6"
    assert section.headings == {"nb": "Plikt til å utarbeide rutiner for intern varsling"}
    assert section.parent is provisions["kap2A"]
    assert provisions["§15-13a"].label == "§ 15-13 a"


def test_a_label_repeated_in_an_appendix_is_keyed_by_its_path(pretty: Path):
    keys = {p.key for p in _doc(pretty, "nl/nl-19880513-027.xml").provisions}
    assert "kapI" in keys  # the act's own chapter I
    assert "delIII/kapI" in keys  # chapter I of the convention in part III


# -- the generated registry ---------------------------------------------------------------------------


def test_import_writes_gzipped_turtle_and_an_index(built: Path):
    names = {p.name for p in built.iterdir()}
    assert {"lover.ttl.gz", "forskrifter-1.ttl.gz", registry.INDEX, registry.CURATED} <= names
    files = [p.name for p in registry.registry_files(built)]
    assert files == ["lover.ttl.gz", "forskrifter-1.ttl.gz", "curated.ttl"]


def test_acts_are_typed_and_named_with_their_lovdata_ids(built: Path):
    store = _store(built)
    assert _ask(
        store,
        f"""<{AML}> a sg:Act , sg:LegalInstrument , eli:LegalResource ;
            sg:lovdataId "LOV-2005-06-17-62" ; eli:id_local "LOV-2005-06-17-62" ;
            sg:refId "lov/2005-06-17-62" ;
            eli:title "Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)"@nb ;
            eli:title_short "Arbeidsmiljøloven"@nb ; sg:abbreviation "aml"@nb ;
            sg:ministry "Arbeids- og inkluderingsdepartementet"@nb ;
            eli:first_date_entry_in_force "2006-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
            sg:replaces <https://lovdata.no/lov/1977-02-04-4> ;
            rdfs:seeAlso <https://lovdata.no/eli/lov/2005/06/17/62/nor> .""",
    )


def test_an_act_without_a_number_has_no_number_in_its_eli():
    assert registry.eli_iri("LOV-1967-02-10") == "https://lovdata.no/eli/lov/1967/02/10/nor"
    assert registry.eli_iri("FOR-2011-12-06-1355") == "https://lovdata.no/eli/forskrift/2011/12/06/1355/nor"


def test_regulations_are_typed_as_regulations(built: Path):
    assert _ask(
        _store(built),
        "<https://lovdata.no/forskrift/2011-12-06-1355> a sg:Regulation , eli:LegalResource ; "
        'sg:lovdataId "FOR-2011-12-06-1355" .',
    )


def test_provisions_are_part_of_their_act_and_chapter(built: Path):
    store = _store(built)
    assert _ask(
        store,
        f"""<{AML}/§15-13> a sg:LegalSection , sg:LegalProvision ; eli:is_part_of <{AML}> , <{AML}/kap15> ;
            sg:provisionLabel "§ 15-13" ; eli:title "Suspensjon"@nb .
            <{AML}/kap2A> a sg:LegalChapter ; sg:provisionLabel "kap. 2 A" ; eli:title "Varsling"@nb .""",
    )


def test_a_nynorsk_version_adds_nynorsk_titles_to_the_same_act(built: Path):
    store = _store(built)
    assert _ask(
        store,
        """<https://lovdata.no/lov/1814-05-17> eli:title "Kongeriket Noregs grunnlov"@nn ;
            eli:title "Kongeriket Norges Grunnlov"@nb ; eli:title_short "Grunnlova"@nn ;
            eli:title_short "Grunnloven"@nb .""",
    )


def test_every_text_literal_has_a_language_tag(built: Path):
    store = _store(built)
    query = """SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o) && datatype(?o) = <http://www.w3.org/2001/XMLSchema#string>
        && ?p NOT IN (<https://w3id.org/strategigraf/ont#lovdataId>, <http://data.europa.eu/eli/ontology#id_local>,
                      <https://w3id.org/strategigraf/ont#refId>, <https://w3id.org/strategigraf/ont#provisionLabel>))
        } LIMIT 5"""
    assert list(store.query(query)) == []


def test_the_registry_carries_the_nlod_attribution(built: Path):
    with gzip.open(built / "lover.ttl.gz", "rt", encoding="utf-8") as handle:
        text = handle.read()
    assert "tilgjengeliggjort av Lovdata" in text
    assert "<https://data.norge.no/nlod/no/2.0>" in text


def test_archives_and_unpacked_folders_give_the_same_registry(tmp_path: Path, built: Path, pretty: Path):
    folders = tmp_path / "folders"
    import_lovdata([pretty], folders, dump_date="2025-11-09")
    for name in ("lover.ttl.gz", "forskrifter-1.ttl.gz"):
        assert (folders / name).read_bytes() == (built / name).read_bytes()


def test_index_lists_names_and_provision_keys(built: Path):
    index = registry.read_index(built / registry.INDEX)
    aml = next(r for r in index["instruments"] if r["id"] == "LOV-2005-06-17-62")
    assert aml["shorts"] == {"nb": "Arbeidsmiljøloven"}
    assert aml["abbr"] == ["aml"]
    assert "15-13" in aml["sections"].split() and "2A" in aml["chapters"].split()
    assert index["counts"]["law_documents"] == 5 and index["counts"]["acts"] == 4


def test_import_command_reports_counts(tmp_path: Path, lovdata_fixtures: Path):
    result = CliRunner().invoke(app, ["import", *map(str, _archives(lovdata_fixtures)), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "5 lovdokument (4 lover)" in result.output and "lover.ttl.gz" in result.output


# -- bad input: a clear error, and the previous registry is kept --------------------------------------


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("corrupt.tar.bz2", "the archive is corrupt"),  # cut from the law archive at test time
        ("truncated.tar.bz2", "the archive is truncated"),  # likewise
        ("not-lovdata.tar.bz2", "no Lovdata documents"),  # hand-made, committed
        ("not-lovdata-xhtml.tar.bz2", "not a Lovdata document"),  # hand-made, committed
    ],
)
def test_bad_archive_is_refused_and_the_registry_kept(
    built: Path, lovdata_fixtures: Path, fixture: str, message: str
):
    path = lovdata_fixtures / fixture if (lovdata_fixtures / fixture).exists() else FIXTURES / fixture
    before = _snapshot(built)
    with pytest.raises(InputError, match=message):
        import_lovdata([path], built)
    assert _snapshot(built) == before


def test_a_file_that_is_no_archive_is_refused(tmp_path: Path):
    junk = tmp_path / "gjeldende-lover.tar.bz2"
    junk.write_text("dette er ikkje eit arkiv\n")
    with pytest.raises(InputError, match="not a readable archive"):
        list(iter_sources([junk]))


def test_an_invalid_curated_file_stops_the_import(built: Path, lovdata_fixtures: Path):
    shutil.copy(FIXTURES / "invalid-curated.ttl", built / registry.CURATED)
    before = _snapshot(built)
    with pytest.raises(InputError, match="not valid RDF"):
        import_lovdata(_archives(lovdata_fixtures), built, dump_date="2025-11-09")
    assert _snapshot(built) == before


def test_a_curated_name_for_an_unknown_act_stops_the_import(built: Path, lovdata_fixtures: Path):
    (built / registry.CURATED).write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://lovdata.no/lov/1999-01-01-1> skos:altLabel "finnesikkjeloven"@nb .\n',
        encoding="utf-8",
    )
    before = _snapshot(built)
    with pytest.raises(InputError, match="neither in the registry nor replaced"):
        import_lovdata(_archives(lovdata_fixtures), built, dump_date="2025-11-09")
    assert _snapshot(built) == before


def test_a_registry_file_edited_into_invalid_rdf_is_reported(built: Path):
    part = built / "lover.ttl.gz"
    part.write_bytes(gzip.compress(gzip.decompress(part.read_bytes()) + b"\n<broken> <triple \n"))
    with pytest.raises(InputError, match="not valid RDF") as error:
        registry.verify_registry(built)
    assert error.value.path == str(part)


def test_the_store_is_untouched_when_a_registry_file_is_invalid(built: Path):
    shutil.copy(FIXTURES / "invalid-curated.ttl", built / registry.CURATED)
    store = pyoxigraph.Store()
    with pytest.raises(InputError, match="not valid RDF"):
        registry.load_into_store(store, folder=built)
    assert len(store) == 0


def test_verify_registry_notices_a_part_changed_after_the_import(built: Path):
    part = built / "forskrifter-1.ttl.gz"
    part.write_bytes(gzip.compress(gzip.decompress(part.read_bytes()) + b"\n"))
    with pytest.raises(InputError, match="changed after the import"):
        registry.verify_registry(built)


def test_a_bad_dump_date_is_refused(tmp_path: Path, lovdata_fixtures: Path):
    with pytest.raises(InputError, match="invalid date"):
        import_lovdata(_archives(lovdata_fixtures), tmp_path, dump_date="9. november")


# -- the committed registry ---------------------------------------------------------------------------


def test_committed_registry_holds_every_law_and_regulation():
    counts = registry.read_index(COMMITTED / registry.INDEX)["counts"]
    # 755 law documents; Grunnloven's bokmål and nynorsk versions are one act with one Lovdata id.
    assert counts["law_documents"] == 755
    assert counts["acts"] == 754
    assert counts["regulation_documents"] == counts["regulations"] == 3458


def test_committed_registry_knows_aml_chapter_15_and_section_15_13():
    reg = registry.load_registry(COMMITTED)
    aml = reg.instruments["LOV-2005-06-17-62"]
    assert aml.chapter_key("15") == "15" and aml.section_key("15-13") == "15-13"
    assert aml.chapter_key("99") is None and aml.section_key("99-1") is None


def test_committed_files_are_small_and_valid():
    counts = registry.verify_registry(COMMITTED)
    for path in [*registry.registry_files(COMMITTED), COMMITTED / registry.INDEX]:
        assert path.stat().st_size < 5_000_000, path
    assert sum(counts.values()) > 600_000


def test_committed_readme_gives_the_nlod_attribution():
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    assert "Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av Lovdata" in (
        readme
    )
    assert "2025-11-09" in readme


def test_agreements_are_not_part_of_the_law_graph():
    assert not any(p.name == registry.AGREEMENTS for p in registry.registry_files(COMMITTED))


def test_agreements_file_declares_the_three_agreements_with_parties():
    store = pyoxigraph.Store()
    store.load(path=str(PROJECT / "ontology" / registry.AGREEMENTS), format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query(
        f"""PREFIX sg: <{SG}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?id (COUNT(DISTINCT ?party) AS ?parties) WHERE {{
            ?a a sg:Agreement ; dcterms:identifier ?id ; sg:party ?party ;
               <http://xmlns.com/foaf/0.1/page> ?page .
            ?party a <http://www.w3.org/ns/org#Organization> .
        }} GROUP BY ?id ORDER BY ?id"""
    )
    found = {row["id"].value: int(row["parties"].value) for row in rows}
    assert found == {"IA-AVTALEN": 9, "KS-HOVEDAVTALEN": 5, "KS-HOVEDTARIFFAVTALEN": 5}


@pytest.mark.slow
@pytest.mark.skipif(not DUMP[0].exists(), reason="needs ../shared/lovdata")
def test_the_real_dump_regenerates_the_committed_registry(tmp_path: Path):
    shutil.copy(COMMITTED / registry.CURATED, tmp_path / registry.CURATED)
    report = import_lovdata(DUMP, tmp_path, dump_date="2025-11-09")
    assert (report.law_documents, report.acts, report.regulations) == (755, 754, 3458)
    for path in [*registry.generated_files(COMMITTED), COMMITTED / registry.INDEX]:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    size = report.total_bytes() / 1e6
    print(f"\nfull import: {report.seconds:.1f} s, {report.triples} triples, {size:.2f} MB")


def test_index_is_json_in_gzip():
    data = json.loads(gzip.decompress((COMMITTED / registry.INDEX).read_bytes()))
    assert data["format"] == registry.INDEX_FORMAT and data["dump_date"] == "2025-11-09"


def test_a_dump_without_regulations_is_refused(built: Path, lovdata_fixtures: Path):
    before = _snapshot(built)
    with pytest.raises(InputError, match="found no regulations"):
        import_lovdata(_archives(lovdata_fixtures)[:1], built, dump_date="2025-11-09")
    assert _snapshot(built) == before


def test_no_raw_lovdata_xml_or_archive_is_committed():
    committed = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file())
    raw = [name for name in committed if name.endswith(".xml") or name.startswith(ARCHIVE_NAMES)]
    derived = [name for name in committed if name in ("truncated.tar.bz2", "corrupt.tar.bz2")]
    assert raw == [] and derived == []


def test_a_file_in_an_archive_that_is_not_lovdatas_is_named_with_its_archive(tmp_path: Path):
    # Regression: the message named the file inside the archive («nl/nl-20000101-001.xml») but not the archive.
    archive = FIXTURES / "not-lovdata-xhtml.tar.bz2"
    with pytest.raises(InputError, match="not a Lovdata document") as caught:
        import_lovdata([archive], tmp_path)
    assert str(caught.value).startswith(f"{archive}: nl/nl-20000101-001.xml: ")
