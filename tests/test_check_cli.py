"""``strategigraf check``: exit codes, the report in every format and language, bad input, the store."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from tests.conftest import PROJECT, SEEDS, run_cli

SH = Namespace("http://www.w3.org/ns/shacl#")
DOCUMENTS = PROJECT / "tests" / "data" / "documents"
BAD = PROJECT / "tests" / "data" / "bad"
COMPLETE = DOCUMENTS / "complete-draft.md"
VOSS = DOCUMENTS / "voss-arbeidsgjevarstrategi-utkast.docx"
ALVER = SEEDS / "alver-administrasjonsutval-2023-med-arbeidsgjevarstrategi-2023-2026.txt"
ROROS = SEEDS / "roros-arbeidsgiverstrategi-2017-2025.txt"
ELVERUM = SEEDS / "elverum-arbeidsgiverstrategi-2016.txt"


@cache
def check(*args: str) -> subprocess.CompletedProcess[str]:
    """One run of ``strategigraf check``; the same arguments are run once per test session."""
    return run_cli("check", *args)


# -- exit codes --------------------------------------------------------------------------------------------


def test_a_complete_draft_exits_0() -> None:
    assert check(str(COMPLETE)).returncode == 0


def test_a_complete_draft_says_it_has_no_violations() -> None:
    assert "Ingen brudd: utkastet har det en arbeidsgiverstrategi må ha." in check(str(COMPLETE)).stdout


def test_a_warning_fails_the_check_with_fail_on_warning() -> None:
    # Elverum has no violations, but warnings (no period, no revision, measures without owners …).
    assert check(str(ELVERUM), "--fail-on", "warning").returncode == 1


def test_the_complete_draft_has_no_warnings_either() -> None:
    # regression: «Måles ved: andel heltidsansatte i PAI-registeret, mål 60 prosent» says what is measured
    assert check(str(COMPLETE), "--fail-on", "warning").returncode == 0


def test_an_incomplete_nynorsk_word_draft_exits_1() -> None:
    assert check(str(VOSS)).returncode == 1


@pytest.mark.parametrize("path", [ROROS, ELVERUM], ids=["roros", "elverum"])
def test_seeds_without_violations_exit_0(path: Path) -> None:
    assert check(str(path)).returncode == 0


def test_alver_exits_1() -> None:
    assert check(str(ALVER)).returncode == 1


# -- what the report says ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Områdemål «Sjukefråværet i Voss herad skal ned» (avsnitt 8) har ingen tiltak",
        "Satsingsområde «Nærvær og arbeidsmiljø» (avsnitt 6) har ingen tiltak",
        "har plasshaldaren «xx.xx.2025» der vedtaksdatoen skal stå",
        "seier ikkje kven som har ansvaret for å følgje opp strategien",
        "viser ikkje til Hovudavtalen",
        "Tilvising «arbeidsmiljølova § 99-1» (avsnitt 9) viser til § 99-1 i Arbeidsmiljøloven, men den "
        "føresegna finst ikkje",
        "Tiltak «Lage ein plan for kompetanseutvikling i kvar eining» (avsnitt 14) har inga ansvarleg rolle",
    ],
)
def test_the_voss_draft_report_names_each_gap_in_nynorsk(sentence: str) -> None:
    assert sentence in check(str(VOSS)).stdout


def test_the_report_is_in_the_documents_language_by_default() -> None:
    assert check(str(VOSS)).stdout.startswith("Fullstendigheitsrapport")


def test_the_report_can_be_in_english() -> None:
    out = check(str(VOSS), "--lang", "en").stdout
    assert "Area goal «Sjukefråværet i Voss herad skal ned» (paragraph 8) has no measures" in out


def test_the_report_can_be_in_bokmal() -> None:
    assert (
        "Områdemål «Sjukefråværet i Voss herad skal ned» (avsnitt 8) har ingen tiltak"
        in check(str(VOSS), "--lang", "nb").stdout
    )


def test_alver_is_reported_for_its_placeholder_adoption_date() -> None:
    # regression: the finding points at the adoption statement (line 503), not at the title (line 358)
    assert "(linje 503) har plasshaldaren «xx.xx.xxx» der vedtaksdatoen skal stå" in check(str(ALVER)).stdout


def test_a_section_without_applicable_checks_says_why_in_its_own_terms() -> None:
    # regression: the roles section said «ingen kontrollar gjeld (til dømes ingen målindikatorar …)»
    out = check(str(VOSS)).stdout
    assert "Roller og ansvar\n  ingen kontrollar gjeld: dokumentet gjev inga rolle eit ansvar\n" in out
    assert "Målindikatorar\n  ingen kontrollar gjeld: dokumentet har ingen målindikatorar\n" in out


def test_the_text_report_has_a_score_per_section() -> None:
    out = check(str(ALVER)).stdout
    assert all(label in out for label in ("Strategien", "Satsingsområde", "Tiltak", "Tilvisingar"))


# -- formats -----------------------------------------------------------------------------------------------


def test_json_groups_findings_by_section_with_counts() -> None:
    report = json.loads(check(str(VOSS), "--format", "json").stdout)
    goals = next(s for s in report["sections"] if s["section"] == "goals")
    assert (goals["counts"]["violation"], goals["findings"][0]["text"]) == (
        1,
        "Sjukefråværet i Voss herad skal ned",
    )


def test_json_has_a_score_per_section_and_overall() -> None:
    report = json.loads(check(str(VOSS), "--format", "json").stdout)
    scores = [s["score"] for s in report["sections"]]
    assert isinstance(report["score"], int) and any(isinstance(s, int) for s in scores)


def test_json_is_deterministic() -> None:
    first = run_cli("check", str(ALVER), "--format", "json").stdout
    assert first == check(str(ALVER), "--format", "json").stdout


def test_html_is_a_standalone_page_in_the_report_language() -> None:
    page = check(str(VOSS), "--format", "html", "--lang", "en").stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_html_marks_the_documents_words_with_the_documents_language() -> None:
    # regression (WCAG 3.1.2): nynorsk element texts sat unmarked in an English page
    page = check(str(VOSS), "--format", "html", "--lang", "en").stdout
    rows = page.count('<tr class="violation">') + page.count('<tr class="warning">') + page.count('<tr class="info">')
    assert page.count('</span>«<span lang="nn">') == rows == 15  # the element's text, after its kind
    assert '<span lang="nn">Arbeidsgjevarstrategi for Voss herad</span>' in page


def test_html_marks_a_placeholder_quoted_in_a_message() -> None:
    page = check(str(VOSS), "--format", "html", "--lang", "en").stdout
    assert 'has the placeholder «<span lang="nn">xx.xx.2025</span>»' in page


def test_html_says_why_a_section_has_no_score() -> None:
    page = check(str(VOSS), "--format", "html", "--lang", "en").stdout
    assert "<p>no check applies: the document gives no role a duty</p>" in page


def test_html_loads_nothing_from_elsewhere() -> None:
    page = check(str(VOSS), "--format", "html").stdout
    assert not any(marker in page for marker in ("<script", "<link", 'src="http', "@import", "url("))


def test_html_has_table_headers_for_every_finding_table() -> None:
    page = check(str(VOSS), "--format", "html").stdout
    assert page.count('<table class="findings">') == page.count('<th scope="col">Alvorsgrad</th>') > 0


def test_turtle_is_the_raw_shacl_report() -> None:
    report = Graph().parse(data=check(str(VOSS), "--format", "turtle").stdout, format="turtle")
    assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == 15


def test_turtle_is_deterministic() -> None:
    first = run_cli("check", str(VOSS), "--format", "turtle").stdout
    assert first == check(str(VOSS), "--format", "turtle").stdout


# -- bad input: exit 2 with a message, never a traceback --------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        BAD / "tom.txt",
        BAD / "binaer.txt",
        BAD / "skada.docx",
        BAD / "ikkje-zip.docx",
        BAD / "tom-strategi.md",
    ],
    ids=["empty", "binary", "corrupt-docx", "not-a-zip", "no-strategy"],
)
def test_unusable_input_exits_2_with_a_message(path: Path) -> None:
    result = check(str(path))
    assert (result.returncode, "feil / error" in result.stderr, "Traceback" in result.stderr) == (
        2,
        True,
        False,
    )


def test_an_unknown_format_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "strategi.odt"
    path.write_bytes(b"PK\x03\x04 an OpenDocument file")
    result = run_cli("check", str(path))
    assert (result.returncode, "ukjend filformat" in result.stderr) == (2, True)


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "finst-ikkje.md"))
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)


def test_an_unknown_format_option_is_refused() -> None:
    assert check(str(COMPLETE), "--format", "pdf").returncode == 2


# -- a strategy in the store -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the Alver seed in its strategy graph."""
    from graph import iris
    from graph.mapper import to_rdf
    from graph.store import open_store
    from loaders.reader import read_path

    location = tmp_path_factory.mktemp("store") / "lager"
    document = read_path(ALVER)
    with open_store(str(location)).writer() as writer:
        graph = str(iris.strategy_graph(iris.strategy_slug(document)))
        writer.replace({graph: to_rdf(document).serialize(format="nt")})
    return location


ALVER_IRI = "https://w3id.org/strategigraf/id/strategi/alver-2023"


def test_a_strategy_in_the_store_is_checked_by_its_iri(store: Path) -> None:
    result = run_cli("check", ALVER_IRI, "--store", str(store))
    assert (result.returncode, "har plasshaldaren «xx.xx.xxx»" in result.stdout) == (1, True)


def test_an_iri_not_in_the_store_exits_2(store: Path) -> None:
    result = run_cli("check", "https://w3id.org/strategigraf/id/strategi/finst-ikkje-2020", "--store", str(store))
    assert (result.returncode, "fann ingen strategi" in result.stderr) == (2, True)
