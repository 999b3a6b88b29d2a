"""The check report names what the reader did not find in the document, in the report's language."""

from __future__ import annotations

from pathlib import Path

from api import report
from api.cli.check import check_target

LAYOUT = Path(__file__).parent / "data" / "layout" / "ambisjonar-pdf.txt"
DRAFT = Path(__file__).parent / "data" / "drafts" / "komplett-utkast-bokmal.md"


def test_the_text_report_says_what_was_not_found_in_bokmal() -> None:
    text = report.text(check_target(str(LAYOUT)), "nb")
    assert "Fant ikke i dokumentet: vedtaksdato, visjon, verdier, mål, tiltak," in text


def test_the_json_report_lists_the_missing_parts_by_code() -> None:
    data = report.to_dict(check_target(str(LAYOUT)), "en")
    assert [m["part"] for m in data["missing"]][:3] == ["adoption", "vision", "values"]
    assert data["notFound"].startswith("Not found in the document: adoption date, vision, values")


def test_a_draft_that_lacks_nothing_gets_no_such_line() -> None:
    validation = check_target(str(DRAFT))
    assert (validation.missing, report.to_dict(validation, "nn")["notFound"]) == ((), None)


def test_the_html_report_shows_the_line() -> None:
    assert "Fann ikkje i dokumentet" in report.to_html(check_target(str(LAYOUT)), "nn")
