"""Two complete drafts of our own (tests/data/drafts/), laid out unlike the seeds and written with follow-up,
revision and targets in plain sentences: `check` finds no violation, and the extraction matches the
expected reading of each (written by reading, in the devset's card format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.reader import read_path
from tests.conftest import run_cli
from tests.devset_scoring import load_expected, score

DRAFTS = Path(__file__).parent / "data" / "drafts"
CARDS = sorted(DRAFTS.glob("*.expected.yaml"))


@pytest.mark.parametrize("card", CARDS, ids=lambda p: p.stem)
def test_a_complete_draft_gets_no_violation(card: Path) -> None:
    result = run_cli("check", str(DRAFTS / load_expected(card)["file"]))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("card", CARDS, ids=lambda p: p.stem)
def test_a_complete_draft_is_read_as_its_expected_reading(card: Path) -> None:
    expected = load_expected(card)
    counts = score(read_path(DRAFTS / expected["file"]), expected)
    low = {f: (c.recall, c.precision) for f, c in counts.items() if c.recall < 0.8 or c.precision < 0.8}
    assert not low
