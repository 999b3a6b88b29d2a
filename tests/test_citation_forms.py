"""Issue 15: the parts of the citation linker that read citations as people write them, one behaviour per
test, on sentences written for the purpose (the devset evaluation is in tests/test_citations.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from typer.testing import CliRunner

from api.cli.lovdata import app
from graph.mapper import to_rdf
from loaders import lovdata_registry as registry
from loaders.citation_forms import agreement_provision_after, local_rules
from loaders.citations import find_citations
from loaders.lovdata_urls import chapter_at, parse_lovdata_url, url_spans
from loaders.model import Citation, Element, Lines, Source, StrategyDocument
from loaders.preparatory_works import preparatory_works
from loaders.vocabulary import SG
from tests.conftest import PROJECT, run_cli

COMPLETE = PROJECT / "tests" / "data" / "documents" / "complete-draft.md"


# -- web addresses -------------------------------------------------------------------------------------


def test_an_address_split_by_pdf_spacing_is_one_span():
    text = "Sjå https://lovdata.no/lov/2005 -06-17-62/§14-9 og meir."
    ((start, end),) = url_spans(text)
    assert text[start:end] == "https://lovdata.no/lov/2005 -06-17-62/§14-9"


def test_an_address_continued_on_the_next_line_after_a_hyphen_is_one_span():
    text = "Les https://www.ks.no/lonn -og-\ntariff/avtalen/ no."
    ((start, end),) = url_spans(text)
    assert text[start:end].endswith("tariff/avtalen/")


def test_an_address_ends_at_a_blank_line():
    text = "https://lovdata.no/lov/2005-06-17-62/\n\nArbeidsmiljøloven gjeld."
    ((start, end),) = url_spans(text)
    assert text[start:end] == "https://lovdata.no/lov/2005-06-17-62/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://lovdata.no/lov/2005-06-17-62", ("LOV-2005-06-17-62", None, None, None)),
        ("https://lovdata.no/dokument/NL/lov/2005-06-17-62/§14-12", ("LOV-2005-06-17-62", "14-12", None, None)),
        (
            "https://lovdata.no/dokument/NL/lov/2017-06-16-51/KAPITTEL_4#KAPITTEL_4",
            ("LOV-2017-06-16-51", None, None, 4),
        ),
        ("https://lovdata.no/nav/lov/2005-06-17-62/kap14", ("LOV-2005-06-17-62", None, "14", None)),
        ("https://lovdata.no/dokument/SF/forskrift/2013-06-21-732", ("FOR-2013-06-21-732", None, None, None)),
        ("https://lovdata.no/eli/lov/2018/06/22/83/nor", ("LOV-2018-06-22-83", None, None, None)),
        ("https://lovdata.no/dokument/NL/lov/1967-02-10", ("LOV-1967-02-10", None, None, None)),
    ],
    ids=["canonical", "dokument with §", "positional chapter", "nav chapter", "regulation", "eli", "no number"],
)
def test_a_lovdata_address_gives_the_id_of_the_written_form(url: str, expected: tuple):
    target = parse_lovdata_url(url)
    assert (target.lovdata_id, target.section, target.chapter, target.position) == expected


def test_a_positional_chapter_is_mapped_only_inside_the_leading_arabic_run():
    chapters = ["1", "2", "2A", "3", "I", "II"]
    assert (chapter_at(chapters, 3), chapter_at(chapters, 4), chapter_at(chapters, 5)) == ("2A", "3", None)


def test_another_site_is_not_a_lovdata_address():
    assert parse_lovdata_url("https://www.ks.no/fagomrader/hovedavtalen/") is None


# -- preparatory works, agreements, local rules ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Prop. 73 L (2016–2017)", "PROP-73-L-2016-2017"),
        ("Ot.prp. nr. 49 (2004–2005)", "OTPRP-49-2004-2005"),
        ("NOU 2016: 4", "NOU-2016-4"),
        ("Innst. 120 L (2019–2020)", "INNST-120-L-2019-2020"),
        ("Meld. St. 14 (2019–2020)", "MELD-ST-14-2019-2020"),
        ("St.meld. nr. 29 (2011–2012)", "STMELD-29-2011-2012"),
    ],
)
def test_a_preparatory_work_gets_its_own_id(text: str, identifier: str):
    assert preparatory_works(f"Sjå {text}.") == [(4, 4 + len(text), identifier)]


def test_a_malformed_report_number_is_not_guessed():
    assert preparatory_works("jf. NOU 2:2020 om arbeidslivet") == []


def test_a_preparatory_work_is_never_resolved_to_a_law():
    (citation,) = find_citations("Forslaget står i Prop. 73 L (2016–2017).")
    assert (citation.kind, citation.iri, citation.id) == ("preparatory-work", None, "PROP-73-L-2016-2017")


def test_an_agreement_provision_keeps_its_parts():
    assert agreement_provision_after("HTA kap. 4.A", 3) == ("kap. 4.A", 12)


def test_an_agreement_provision_never_gets_a_lovdata_id():
    (citation,) = find_citations("Sjå Hovudavtalen del B § 3-1.")
    assert citation.id == "KS-HOVEDAVTALEN" and not citation.iri.startswith("https://lovdata.no/")


def test_a_local_rule_is_recognised_by_its_name():
    assert local_rules("Etter Delegeringsreglementet § 5 gjeld.") == [(6, 32, "Delegeringsreglementet", "§ 5")]


def test_a_local_rule_is_linked_to_no_law():
    (citation,) = find_citations("Permisjon gis etter permisjonsreglementet § 4.")
    assert (citation.kind, citation.id, citation.iri) == ("local-rule", None, None)


def test_a_bare_section_after_a_local_rule_belongs_to_the_rule():
    citations = find_citations("Personalreglementet § 3 gjeld, og § 5 også.")
    assert [c.kind for c in citations] == ["local-rule", "local-rule"]


# -- context and historical acts -----------------------------------------------------------------------


def test_a_bare_section_without_any_act_says_why_it_is_unresolved():
    (citation,) = find_citations("Etter § 5 skal saka drøftast.")
    assert (citation.status, citation.reason) == ("unresolved", "no-act")
    assert "no act is named" in citation.note


def test_a_non_existent_section_gives_the_reason():
    (citation,) = find_citations("arbeidsmiljøloven § 99-9")
    assert (citation.status, citation.why) == ("unresolved", "nonexistent")


def test_a_year_that_is_the_act_in_force_keeps_the_act_in_force():
    (citation,) = find_citations("arbeidsmiljøloven av 2005 § 14-9")
    assert (citation.id, citation.status, citation.provision) == ("LOV-2005-06-17-62", "resolved", "§ 14-9")


def test_tidligere_before_the_name_means_the_old_act():
    (citation,) = find_citations("Den tidligere kommuneloven regulerte dette.")
    assert (citation.id, citation.status) == ("LOV-1992-09-25-107", "historical")


def test_the_historical_acts_are_curated_with_ids_and_successors():
    reg = registry.load_registry()
    ids = set(reg.repealed_ids.values())
    assert {"LOV-1992-09-25-107", "LOV-1977-02-04-4", "LOV-2002-06-28-57", "LOV-1978-06-09-45",
            "LOV-2005-06-03-33", "LOV-1983-03-04-3"} <= ids
    assert reg.predecessors["LOV-2005-06-17-62"] == ["https://lovdata.no/lov/1977-02-04-4"]


def test_a_regex_on_a_megabyte_line_stays_fast():
    import time

    line = "§ 14" + " " * 500_000 + "-" + "a" * 500_000 + " lovdata.no/lov/" + "1" * 100_000
    started = time.perf_counter()
    find_citations(line)
    assert time.perf_counter() - started < 10


# -- the model, the mapper, the command and the check --------------------------------------------------


def _document(citation: Citation) -> StrategyDocument:
    return StrategyDocument(
        source=Source(file="x.txt", sha256="0" * 64, format="txt", line_count=3),
        language="nb",
        title=Element(text="Arbeidsgiverstrategi", lines=Lines(start=1, end=1)),
        citations=[citation],
    )


def test_a_preparatory_work_is_typed_as_such_and_not_as_a_law():
    citation = Citation(text="NOU 2016: 4", line=2, id="NOU-2016-4", kind="preparatory-work")
    graph = to_rdf(_document(citation))
    (node,) = graph.subjects(SG.referenceId, Literal("NOU-2016-4"))
    assert (node, RDF.type, SG.PreparatoryWorkCitation) in graph
    assert not list(graph.objects(node, SG.namedInstrument)) and not list(graph.objects(None, SG.cites))


def test_a_historical_citation_names_the_old_act_and_links_nothing_in_force():
    citation = Citation(text="aml 1977 § 58 A", line=2, id="LOV-1977-02-04-4", provision="§ 58 A",
                        iri="https://lovdata.no/lov/1977-02-04-4", status="historical")
    graph = to_rdf(_document(citation))
    (node,) = graph.subjects(SG.citationStatus, SG.Historical)
    assert not list(graph.objects(node, SG.citationTarget))
    assert str(next(graph.objects(node, SG.namedInstrument))) == "https://lovdata.no/lov/1977-02-04-4"


def test_link_lists_status_and_reason_of_each_citation(tmp_path: Path):
    source = tmp_path / "utkast.txt"
    source.write_text("Etter § 5 og arbeidsmiljøloven 1977 § 58 A.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["link", str(source)])
    assert "[unresolved] inga lov nemnd / no act named" in result.output
    assert "[historical]" in result.output and "1 historical" in result.output


def test_link_json_adds_the_reason_only_where_there_is_one(tmp_path: Path):
    source = tmp_path / "utkast.txt"
    source.write_text("Sjå § 5.\n", encoding="utf-8")
    (row,) = json.loads(CliRunner().invoke(app, ["link", str(source), "--format", "json"]).output)
    assert row["reason"] == "no-act" and "kind" not in row


def test_check_reports_historical_and_non_existent_citations_in_norwegian(tmp_path: Path):
    draft = tmp_path / "utkast.md"
    extra = "\nRutinene bygger på arbeidsmiljøloven av 1977 § 58 A og arbeidsmiljøloven § 99-9.\n"
    draft.write_text(COMPLETE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = run_cli("check", str(draft), "--lang", "nb")
    assert "viser til en lov som er opphevet" in result.stdout
    assert "viser til § 99-9 i Arbeidsmiljøloven, men den bestemmelsen finnes ikke" in result.stdout
