"""The resident `check` worker: it answers as the in-process check does, and steps aside when it must not."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.cli import check_worker
from tests.conftest import PROJECT, SEEDS, run_cli

ELVERUM = SEEDS / "elverum-arbeidsgiverstrategi-2016.txt"
VOSS = PROJECT / "tests" / "data" / "documents" / "voss-arbeidsgjevarstrategi-utkast.docx"


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A worker, once it listens at the socket (it warms up first)."""
    socket = check_worker.socket_path()
    before = socket.stat().st_ino if socket.exists() else None
    worker = subprocess.Popen([sys.executable, "-c", check_worker.COMMAND], cwd=PROJECT, env=env)
    deadline = time.monotonic() + 120
    while not socket.exists() or socket.stat().st_ino == before:
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            pytest.fail(f"the worker did not start (exit {worker.returncode})")
        time.sleep(0.1)
    return worker


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.kill()
    worker.wait(10)


def test_a_worker_stops_when_asked(env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRATEGIGRAF_CACHE", str(tmp_path))
    worker = _start({**env, "STRATEGIGRAF_CACHE": str(tmp_path)})
    try:
        assert check_worker.stop() and worker.wait(10) == 0
        assert not check_worker.stop()  # no worker is left to ask
    finally:
        _stop(worker)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The worker on, and a cache folder (where its socket lies) of this module's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STRATEGIGRAF_CACHE", str(tmp_path_factory.mktemp("cache")))
        patch.setenv(check_worker.ENV_WORKER, "1")
        yield dict(os.environ)


@pytest.fixture(scope="module")
def worker(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = _start(env)
    yield process
    _stop(process)


def _request(target: Path | str, fmt: str = "json", **changes: object) -> dict[str, object]:
    request = {"target": str(target), "format": fmt, "lang": None, "fail_on": "violation", "cwd": str(PROJECT)}
    return {**request, "color_system": None, "width": 80, **changes}


def _in_process(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, env={**os.environ, check_worker.ENV_WORKER: "0"})


@pytest.mark.parametrize("fmt", ["json", "text", "html", "turtle"])
def test_the_worker_answers_as_the_in_process_check_does(worker: subprocess.Popen[bytes], fmt: str) -> None:
    answer = check_worker.ask(_request(VOSS, fmt, lang="nn"))
    expected = _in_process(str(VOSS), "--format", fmt, "--lang", "nn")
    assert answer is not None and expected.returncode == 1
    assert (answer["exit"], answer["stdout"]) == (expected.returncode, expected.stdout)


def test_a_check_through_the_worker_prints_what_the_in_process_check_prints(
    worker: subprocess.Popen[bytes],
) -> None:
    relative = os.path.relpath(ELVERUM, PROJECT)
    through_worker = run_cli("check", relative, "--format", "json")
    expected = _in_process(relative, "--format", "json")
    assert check_worker.ask(_request(relative)) is not None  # the worker was there to answer
    assert (through_worker.returncode, through_worker.stdout) == (expected.returncode, expected.stdout)


def test_bad_input_through_the_worker_gives_the_same_message_and_exit_2(
    worker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    empty = tmp_path / "tom-strategi.txt"
    empty.write_bytes(b"")
    answer = check_worker.ask(_request(empty))
    result = run_cli("check", str(empty))
    assert answer is not None and answer["exit"] == 2
    assert result.returncode == 2 and result.stderr == _in_process(str(empty)).stderr
    assert "tom-strategi.txt" in result.stderr and "Traceback" not in result.stderr


def test_a_worker_with_other_code_exits_and_is_replaced(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRATEGIGRAF_CACHE", str(tmp_path))
    stale = _start({**env, "STRATEGIGRAF_CACHE": str(tmp_path)})
    started: list[bool] = []
    monkeypatch.setattr(check_worker, "code_key", lambda: "annan kode")
    monkeypatch.setattr(check_worker, "start", lambda: started.append(True))
    try:
        assert check_worker.ask(_request(ELVERUM)) is None  # the command checks in-process …
        assert stale.wait(10) == 0 and not check_worker.socket_path().exists()  # … the worker exits …
        assert started == [True]  # … and a new one is started
    finally:
        _stop(stale)


def test_without_a_worker_the_command_checks_itself_and_starts_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRATEGIGRAF_CACHE", str(tmp_path))  # no worker here yet
    result = run_cli("check", str(ELVERUM), "--format", "json")
    assert result.returncode == 0 and '"score"' in result.stdout
    deadline = time.monotonic() + 120
    while (answer := check_worker.ask(_request(ELVERUM))) is None and time.monotonic() < deadline:
        time.sleep(0.5)
    try:
        assert answer is not None and answer["stdout"] == result.stdout
    finally:
        assert check_worker.stop()


def test_a_crash_in_the_worker_leaves_the_check_to_the_command() -> None:
    assert check_worker.run(_request(ELVERUM, "ukjent-format")) == {"crashed": True}


def test_the_worker_is_off_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(check_worker.ENV_WORKER, "0")
    assert not check_worker.enabled()
