"""`strategigraf extract` refuses bad input with exit 2, one line naming the file, no traceback, no output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

BAD = Path(__file__).parent / "data" / "bad"

CASES = {
    "tom.txt": "tom",
    "binaer.txt": "binær",
    "ikkje-zip.docx": "Word",
    "skada.docx": "Word",
    "ikkje-word.docx": "Word",
    "passord.docx": "passord",
    "kryptert.pdf": "kryptert",
    "skanna.pdf": "OCR",
    "tom-strategi.md": "arbeidsgjevarstrategi",
}


@pytest.mark.parametrize(("name", "words"), sorted(CASES.items()))
def test_bad_input_is_refused_with_exit_2_and_the_file_named(name: str, words: str) -> None:
    result = run_cli("extract", str(BAD / name))
    assert result.returncode == 2
    assert name in result.stderr and words.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_file_over_50_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    result = run_cli("extract", str(big))
    assert result.returncode == 2 and "50 MB" in result.stderr


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "strategi.xlsx"
    odd.write_bytes(b"PK\x03\x04 not really")
    result = run_cli("extract", str(odd))
    assert result.returncode == 2 and "ukjend filformat" in result.stderr


def test_a_card_that_fails_the_schema_names_the_bad_field(tmp_path: Path) -> None:
    card = tmp_path / "kort.yaml"
    card.write_text("card_version: 1\nlanguage: se\n", encoding="utf-8")
    result = run_cli("extract", str(card))
    assert result.returncode == 2 and "source" in result.stderr and "kort.yaml" in result.stderr


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    card = tmp_path / "kort.yaml"
    card.write_text("card_version: 1\nsource: [unclosed\n", encoding="utf-8")
    result = run_cli("extract", str(card))
    assert result.returncode == 2 and "kort.yaml:3" in result.stderr


def test_a_card_with_an_unknown_theme_names_the_field(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "data" / "strategies" / "elverum-arbeidsgiverstrategi-2016.yaml"
    text = source.read_text(encoding="utf-8").replace("- kommunikasjon", "- fotball", 1)
    card = tmp_path / "kort.yaml"
    card.write_text(text, encoding="utf-8")
    result = run_cli("extract", str(card))
    assert result.returncode == 2 and "fotball" in result.stderr and "themes" in result.stderr


def test_a_truncated_pdf_gives_exactly_one_line() -> None:
    # Regression: pypdf's own «EOF marker not found» log line reached stderr before the message.
    result = run_cli("extract", str(BAD / "avkorta.pdf"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "avkorta.pdf" in lines[0] and "damaged" in lines[0]
