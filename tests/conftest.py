"""Shared fixtures: where the seeds and the project live, and how to run the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Every `check` the tests run is checked in-process: no test leaves a resident worker behind
# (tests/test_check_worker.py turns it on for itself).
os.environ["STRATEGIGRAF_CHECK_WORKER"] = "0"

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SHARED_SEEDS = SHARED / "seeds"
# The three municipal seeds are bundled byte for byte in data/strategies/ (tests/test_extraction.py checks it
# where ../shared is beside the project), so the tests read them there and a fresh clone needs nothing else.
SEEDS = PROJECT / "data" / "strategies"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``strategigraf`` as a user would, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd or PROJECT,
        env=env,
        timeout=timeout,
    )


@pytest.fixture()
def cli():
    return run_cli


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of the bundled strategies, built once per session. Tests only read it."""
    from graph.build import build, bundled_inputs
    from graph.store import EmbeddedStore

    folder = tmp_path_factory.mktemp("bundled") / "store"
    assert all(r.error is None for r in build(EmbeddedStore(folder), bundled_inputs(), jobs=1))
    return folder


@pytest.fixture(scope="session")
def lovdata_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Excerpts of the real Lovdata dump (pretty/, oneline/, the two archives, a truncated and a corrupt
    copy), cut once per session from ../shared/lovdata: Lovdata's XML is never committed."""
    from tests.data.lovdata.make_fixtures import LAWS, REGULATIONS, make_excerpts

    dump = SHARED / "lovdata"
    if not all((dump / name).is_file() for name in (LAWS, REGULATIONS)):
        pytest.skip("needs ../shared/lovdata")
    return make_excerpts(tmp_path_factory.mktemp("lovdata"), dump)


# -- remote stores: one server of each kind per session, the bundled strategies built into it once --------


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory):
    """A real Oxigraph server (PyPI ``oxigraph``) on a loopback port, for the whole session."""
    from tests.oxigraph_server import oxigraph_server

    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory):
    """A real Virtuoso (Debian ``virtuoso-opensource``) in a private folder on loopback ports, for the whole
    session. Installed by ``scripts/install-test-deps virtuoso`` when missing; skipped only if that fails."""
    from tests.virtuoso_server import available, virtuoso_server

    if not available():
        install = subprocess.run([str(PROJECT / "scripts" / "install-test-deps"), "virtuoso"], capture_output=True,
                                 text=True, timeout=600)
        if not available():
            pytest.skip(f"virtuoso-opensource cannot be installed here: {install.stderr.strip()[-300:]}")
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


def _built_remote(url: str):
    """``strategigraf build --store URL``, as a user runs it: the one build of the bundled strategies a server
    gets in a session."""
    from graph.remote_store import RemoteStore

    result = run_cli("build", "--store", url, "--jobs", "1", timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return RemoteStore(url)


@pytest.fixture(scope="session")
def oxigraph_built(oxigraph_url: str):
    """The bundled strategies in the session's Oxigraph server, built once. Tests that change it restore it."""
    return _built_remote(oxigraph_url)


@pytest.fixture(scope="session")
def virtuoso_built(virtuoso_url: str):
    """The bundled strategies in the session's Virtuoso, built once. Tests that change it restore it."""
    return _built_remote(virtuoso_url)
