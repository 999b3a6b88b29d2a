"""`strategigraf --help` and `strategigraf ontology docs`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT, run_cli


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "ontology" in result.stdout


def test_docs_writes_a_page_per_language_with_norwegian_labels(tmp_path: Path) -> None:
    result = run_cli("ontology", "docs", str(tmp_path / "docs"))
    assert result.returncode == 0, result.stderr
    nb = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    nn = (tmp_path / "docs" / "nn.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in nb and '<html lang="nn">' in nn
    assert "arbeidsgiverstrategi" in nb and "arbeidsgjevarstrategi" in nn
    assert "dette skjer gjennom" in nb.lower()  # cue words are documented
    assert (tmp_path / "docs" / "strategigraf.ttl").exists()


def test_docs_to_a_single_file_in_english(tmp_path: Path) -> None:
    out = tmp_path / "onto.html"
    result = run_cli("ontology", "docs", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


def test_docs_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = run_cli("ontology", "docs", str(tmp_path / "x.html"), "--lang", "se")
    assert result.returncode == 2
    assert "ukjend språk" in result.stderr and "Traceback" not in result.stderr


def test_the_command_line_loads_pyshacl_and_fastapi_only_for_the_commands_that_need_them() -> None:
    # Regression: every command, even --help and extract, imported the build, pySHACL and Jinja2 at start-up.
    probe = "import sys, api.cli; print(sorted(m for m in ('pyshacl', 'fastapi', 'jinja2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT)
    assert result.stdout.strip() == "[]"
