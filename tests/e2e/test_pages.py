"""The web pages in a real browser: what an HR adviser, a KS adviser or an analyst does on each of them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.e2e.helpers import INCOMPLETE_DRAFT, axe, shoot

SEEDS = ["Alver", "Elverum", "Røros"]


# -- overview ----------------------------------------------------------------------------------------------


def test_the_overview_lists_the_three_seed_municipalities(page: Page) -> None:
    page.goto("/")
    shoot(page, "overview")
    names = page.locator("#strategier tbody th[scope=row]").all_inner_texts()
    assert [name.split()[0] for name in names] == SEEDS


def test_the_heat_map_shows_counts_with_theme_headers(page: Page) -> None:
    page.goto("/")
    heat = page.locator("table.heat")
    expect(heat.locator("caption")).to_contain_text("Antall mål og tiltak")
    assert heat.locator("thead th[scope=col]").count() > 5
    assert all(re.fullmatch(r"\d+", cell) for cell in heat.locator("tbody td").all_inner_texts())


def test_the_county_filter_keeps_the_municipalities_of_that_county(page: Page) -> None:
    page.goto("/")
    page.select_option("#fylke", label="Innlandet")
    page.get_by_role("button", name="Vis").click()
    shoot(page, "overview-filtered")
    assert page.locator("#strategier tbody th[scope=row]").all_inner_texts() == ["Elverum 3420"]


def test_the_theme_filter_keeps_the_municipalities_with_goals_or_measures_on_it(page: Page) -> None:
    page.goto("/")
    page.select_option("#tema", value="heltidskultur")
    page.get_by_role("button", name="Vis").click()
    names = page.locator("#strategier tbody th[scope=row]").all_inner_texts()
    assert [name.split()[0] for name in names] == ["Alver", "Røros"]


def test_the_cited_laws_link_to_lovdata(page: Page) -> None:
    page.goto("/")
    link = page.locator("#lover ~ .table-wrap a", has_text="Arbeidsmiljøloven").first
    assert link.get_attribute("href").startswith("https://lovdata.no/lov/2005-06-17-62")


# -- one strategy ------------------------------------------------------------------------------------------


def test_a_strategy_opens_from_the_overview(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Arbeidsgjevarstrategi 2023 – 2026").click()
    expect(page.locator("h1")).to_have_text("Arbeidsgjevarstrategi 2023 – 2026")
    assert page.url.endswith("/strategier/alver-2023")


def test_the_strategy_tree_shows_each_element_with_its_source_lines(page: Page) -> None:
    page.goto("/strategier/roros-2017")
    shoot(page, "strategy-roros")
    vision = page.locator("#e-visjon")
    expect(vision).to_contain_text("Pulsen i fjellet")
    expect(vision).to_contain_text("linje 50")


def test_the_strategy_shows_its_findings_inline(page: Page) -> None:
    page.goto("/strategier/alver-2023")
    shoot(page, "strategy-alver")
    strategy_findings = page.locator("#funn-strategi + ul.findings")
    expect(strategy_findings).to_contain_text("xx.xx.xxx")
    assert page.locator("#omrader ~ section ul.findings li.warning").count() > 0


def test_the_strategys_content_keeps_its_own_language(page: Page) -> None:
    page.goto("/strategier/alver-2023?lang=en")
    assert (page.locator("html").get_attribute("lang"), page.locator("h1").get_attribute("lang")) == ("en", "nn")


# -- check a draft -----------------------------------------------------------------------------------------


def _upload(page: Page, report_lang: str = "nb") -> None:
    page.goto("/sjekk")
    page.set_input_files("#file", str(INCOMPLETE_DRAFT))
    page.select_option("#report-lang", report_lang)
    page.get_by_role("button", name="Sjekk utkastet").click()


def test_uploading_the_incomplete_draft_shows_its_findings(page: Page) -> None:
    _upload(page)
    shoot(page, "check-report")
    expect(page.locator(".score-box")).to_contain_text("6 brudd")
    expect(page.locator("#del-goals + .table-wrap")).to_contain_text("Sjukefråværet i Voss herad skal ned")


def test_the_report_language_can_be_chosen(page: Page) -> None:
    _upload(page, "en")
    expect(page.locator("#rapport")).to_contain_text("Report for")
    assert page.locator("section[aria-labelledby=rapport]").get_attribute("lang") == "en"


def test_the_report_downloads_as_json(page: Page) -> None:
    _upload(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned rapporten som JSON").click()
    report = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert (report["conforms"], report["counts"]["violation"]) == (False, 6)


def test_the_report_downloads_as_html(page: Page) -> None:
    _upload(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned rapporten som HTML").click()
    assert '<html lang="nb">' in Path(info.value.path()).read_text(encoding="utf-8")


def test_the_downloaded_html_report_reads_on_its_own_without_serious_accessibility_problems(
    page: Page, tmp_path: Path
) -> None:
    _upload(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned rapporten som HTML").click()
    saved = tmp_path / "rapport.html"
    info.value.save_as(saved)
    page.goto(saved.as_uri())
    shoot(page, "report-standalone")
    expect(page.locator("h1")).to_have_text("Fullstendighetsrapport")
    expect(page.locator("body")).to_contain_text("Sjukefråværet i Voss herad skal ned")
    assert [v["id"] for v in axe(page) if v["impact"] in ("serious", "critical")] == []


def test_a_file_of_an_unknown_format_gets_a_message(page: Page, tmp_path: Path) -> None:
    odt = tmp_path / "strategi.odt"
    odt.write_bytes(b"PK\x03\x04 OpenDocument")
    page.goto("/sjekk")
    page.set_input_files("#file", str(odt))
    page.get_by_role("button", name="Sjekk utkastet").click()
    expect(page.get_by_role("alert")).to_contain_text("kunne ikke sjekkes")


# -- query -------------------------------------------------------------------------------------------------


def test_running_an_example_query_shows_a_table(page: Page) -> None:
    page.goto("/sporring")
    page.get_by_role("link", name="laws-cited").click()
    shoot(page, "query-example")
    table = page.locator("table.results")
    expect(table.locator("thead")).to_contain_text("municipalities")
    assert table.locator("tbody tr").count() > 5


def test_an_example_runs_with_the_parameters_given_in_its_form(page: Page) -> None:
    page.goto("/sporring?eksempel=in-force")
    page.fill("#p-date", "2018-01-01")
    page.get_by_role("button", name="Kjør med parametrene").click()
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Røros")


def test_a_typed_query_runs_from_the_editor(page: Page) -> None:
    page.goto("/sporring")
    page.fill("#query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/strategigraf/ont#EmployerStrategy> }")
    page.locator("#query").press("Control+Enter")
    expect(page.locator("table.results tbody td")).to_have_text("3")


def test_the_shareable_link_encodes_the_query(page: Page) -> None:
    query = "ASK { ?s ?p ?o }"
    page.goto("/sporring")
    page.fill("#query", query)
    page.get_by_role("button", name="Kjør", exact=True).click()
    shared = page.locator("#share").input_value()
    assert parse_qs(urlparse(shared).query)["query"] == [query]


def test_a_syntax_error_shows_the_parsers_message(page: Page) -> None:
    page.goto("/sporring?query=SELECT%20%3Fs%20WHERE%20%7B%20%3Fs")
    shoot(page, "query-error")
    expect(page.get_by_role("alert")).to_contain_text("SPARQL-feil")


def test_the_results_download_as_csv(page: Page) -> None:
    page.goto("/sporring?eksempel=strategies")
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned CSV").click()
    header = Path(info.value.path()).read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("strategy,title,municipality")


def test_the_editor_highlights_sparql_keywords(page: Page) -> None:
    page.goto("/sporring")
    expect(page.locator("#highlight .tok-kw").first).to_have_text("PREFIX")


def test_a_browser_asking_sparql_gets_the_query_page(page: Page) -> None:
    page.goto("/sparql")
    expect(page.locator("h1")).to_have_text("Spørring i grafen")


# -- language and keyboard ---------------------------------------------------------------------------------


def test_switching_to_nn_changes_the_interface(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Nynorsk").click()
    shoot(page, "overview-nn")
    expect(page.locator("h1")).to_have_text("Arbeidsgjevarstrategiar i grafen")
    assert page.locator("html").get_attribute("lang") == "nn"


def test_the_language_choice_is_remembered_on_the_next_page(page: Page) -> None:
    page.goto("/?lang=en")
    page.get_by_role("link", name="Check a draft").click()
    expect(page.locator("h1")).to_have_text("Check a draft")


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href') + ' ' + document.activeElement.textContent")
    shoot(page, "skip-link-focused")
    assert focused == "#main Hopp til hovedinnholdet"


def test_the_focus_is_visible(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"
