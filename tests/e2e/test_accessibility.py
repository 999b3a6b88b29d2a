"""axe-core on every page: no serious or critical WCAG 2.1 A/AA violation."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import INCOMPLETE_DRAFT, axe, shoot


def _upload(page: Page) -> None:
    page.goto("/sjekk")
    page.set_input_files("#file", str(INCOMPLETE_DRAFT))
    page.get_by_role("button", name="Sjekk utkastet").click()
    page.wait_for_selector("#rapport")


NAERVAER = "https://w3id.org/strategigraf/id/tema/naervaer"
PAGES: dict[str, Callable[[Page], object]] = {
    "overview": lambda page: page.goto("/"),
    "overview-en": lambda page: page.goto("/?lang=en&tema=kompetanse"),
    "strategy-roros": lambda page: page.goto("/strategier/roros-2017"),
    "strategy-alver-nn": lambda page: page.goto("/strategier/alver-2023?lang=nn"),
    "strategy-elverum": lambda page: page.goto("/strategier/elverum-2016"),
    "strategy-unknown": lambda page: page.goto("/strategier/finst-ikkje-2020"),
    "check-form": lambda page: page.goto("/sjekk"),
    "check-report": _upload,
    "query-empty": lambda page: page.goto("/sporring"),
    "query-example": lambda page: page.goto("/sporring?eksempel=theme-goals-measures"),
    "query-graph": lambda page: page.goto("/sporring?" + urlencode({"query": f"DESCRIBE <{NAERVAER}>"})),
    "query-error": lambda page: page.goto("/sporring?query=SELECT%20WHERE"),
    "ontology": lambda page: page.goto("/ontology"),
}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_wcag_violation(page: Page, name: str) -> None:
    PAGES[name](page)
    shoot(page, f"axe-{name}")
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in axe(page)
        if v["impact"] in ("serious", "critical")
    ]
    assert found == []
