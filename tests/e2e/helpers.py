"""Helpers of the end-to-end tests: screenshots and axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

PROJECT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT / "artifacts" / "screenshots"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
INCOMPLETE_DRAFT = PROJECT / "tests" / "data" / "documents" / "voss-arbeidsgjevarstrategi-utkast.docx"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def shoot(page: Page, name: str) -> Path:
    """A full-page screenshot in artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page, with the impact of each."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run scripts/install-test-deps")
    # evaluated through the DevTools protocol, not as a <script> tag: the pages' Content-Security-Policy
    # (rightly) refuses inline scripts, and the browser tests keep it on
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_TAGS)
    return result["violations"]
