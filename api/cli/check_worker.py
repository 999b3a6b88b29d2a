"""A resident process that answers ``strategigraf check FILE``, so that a check after the first is not cold.

A cold ``check`` spends about two thirds of its time before it reads the file: importing rdflib, pySHACL
(whose SPARQL grammar pyparsing builds at import), pydantic and typer, then loading the vocabularies, the
shapes and the law registry. Those are the same for every check. So the first ``check`` of a file starts
this worker in the background (on the other core, while it runs its own check in-process as before); the
next ones send it the request over a Unix socket in the cache folder and print its answer. The output and
the exit code are those of the in-process check, byte for byte (tested).

- The worker knows its code: a request carries a key of the installed code, data and libraries, and a
  worker with another key exits and is replaced, so a stale worker never answers.
- It answers one request at a time and exits after :data:`IDLE_SECONDS` without one.
- Anything unusual (no worker, a stale one, a socket error, a crash in the worker) makes the command run the
  check itself, as if there were no worker. ``STRATEGIGRAF_CHECK_WORKER=0`` turns the worker off.
- Checks of a strategy in the store (an IRI) always run in-process.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from loaders.errors import InputError

ENV_WORKER = "STRATEGIGRAF_CHECK_WORKER"
IDLE_SECONDS = 600
ANSWER_SECONDS = 300  # longer than any check of a file within the size limit; then the command runs it itself
STARTING_SECONDS = 60  # a worker warms up in a few seconds; one that has not bound its socket by then failed
COMMAND = "from api.cli.check_worker import serve; serve()"  # not «-m»: the CLI package imports this module
_SOCKET = "check.sock"
_STARTING = "check.starting"
_HEADER = struct.Struct("!I")


def enabled() -> bool:
    """On unless turned off, where there are Unix sockets and the socket's path is short enough for one."""
    return os.environ.get(ENV_WORKER, "1") != "0" and hasattr(socket, "AF_UNIX") and len(bytes(socket_path())) < 100


def socket_path() -> Path:
    from loaders.build_cache import cache_dir

    return cache_dir() / _SOCKET


def code_key() -> str:
    """A hash of everything a check's answer depends on besides its file: the Python, this package's code and
    data (by modification time and size, so this takes a millisecond) and the installed libraries (by the
    site-packages folder, which changes whenever a package is installed or removed)."""
    import typer  # imported by the CLI already; its folder is site-packages

    from loaders.resources import root

    code, data = Path(__file__).resolve().parents[2], root()
    folders = [code / "api", code / "graph", code / "loaders", data / "ontology", data / "shapes", data / "data"]
    paths = [Path(typer.__file__).resolve().parents[1]]
    paths += sorted(p for folder in folders for p in folder.rglob("*") if "__pycache__" not in p.parts)
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}\0".encode())
    for path in paths:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()[:32]


# ---------------------------------------------------------------- the command's side


def ask(request: dict[str, Any]) -> dict[str, Any] | None:
    """The worker's answer to ``request``, or None when the command must run the check itself. When no worker
    answered, or a stale one did, a new worker is started for the next check."""
    answer = _exchange(socket_path(), {**request, "key": code_key()})
    if answer is None or answer.get("stale"):
        start()
        return None
    return answer if "exit" in answer else None


def start() -> None:
    """Start a worker in the background, detached from this command and its terminal, unless one started
    less than :data:`STARTING_SECONDS` ago and is still warming up."""
    starting = socket_path().with_name(_STARTING)
    with contextlib.suppress(OSError):
        if time.time() - starting.stat().st_mtime < STARTING_SECONDS:
            return
    with contextlib.suppress(OSError):
        starting.parent.mkdir(parents=True, exist_ok=True)
        starting.touch()
        subprocess.Popen(
            [sys.executable, "-c", COMMAND],
            cwd=Path(__file__).resolve().parents[2],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def to_error(answer: dict[str, Any]) -> InputError | None:
    error = answer.get("error")
    if error is None:
        return None
    return InputError(error["nn"], error["en"], path=error["path"], line=error["line"], kind=error["kind"])


# ---------------------------------------------------------------- the worker's side


def serve() -> None:
    """Warm up, take over the socket, and answer requests until idle for :data:`IDLE_SECONDS`."""
    path, key = socket_path(), code_key()
    try:
        _warm_up()
        gc.freeze()  # what the warm-up loaded lives as long as the worker: the collector need not walk it
        if _alive(path, key):  # another command started one too, and it was quicker
            return
        listener, inode = _bind(path)
    finally:
        path.with_name(_STARTING).unlink(missing_ok=True)
    with listener:
        listener.settimeout(IDLE_SECONDS)
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                break
            with connection:
                if not _answer(connection, key):
                    break
    with contextlib.suppress(OSError):
        if path.stat().st_ino == inode:  # not taken over by a newer worker
            path.unlink()


def _bind(path: Path) -> tuple[socket.socket, int]:
    """A socket listening at ``path``, and the inode of its file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    own = path.with_name(f"{_SOCKET}.{os.getpid()}")
    own.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(own))
    os.chmod(own, 0o600)  # the worker reads any file its user can: no one else may ask it
    inode = own.stat().st_ino
    listener.listen(8)
    os.replace(own, path)  # atomic: a worker already there keeps its connections and then idles out
    return listener, inode


def _alive(path: Path, key: str) -> bool:
    """Whether a worker with this key answers at ``path`` (one with another key exits when asked)."""
    answer = _exchange(path, {"key": key, "ping": True})
    return answer is not None and answer.get("alive", False)


def stop() -> bool:
    """Ask the worker to exit; whether one did."""
    answer = _exchange(socket_path(), {"stop": True})
    return answer is not None and answer.get("stopped", False)


def _exchange(path: Path, message: dict[str, Any]) -> dict[str, Any] | None:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(ANSWER_SECONDS)
            connection.connect(str(path))
            _send(connection, message)
            return _receive(connection)
    except (OSError, ValueError):
        return None


def _answer(connection: socket.socket, key: str) -> bool:
    """Answer one request; False when this worker must exit (asked to stop, or its code is stale)."""
    try:
        connection.settimeout(10)
        request = _receive(connection)
        if request is None:
            return True
        if request.get("stop"):
            _send(connection, {"stopped": True})
            return False
        if request.get("key") != key:
            _send(connection, {"stale": True})
            return False
        connection.settimeout(None)
        _send(connection, {"alive": True} if request.get("ping") else run(request))
    except (OSError, ValueError):
        pass
    return True


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Run one check as the command would in ``request["cwd"]``, and capture its output and exit code."""
    from rich.console import Console

    from api.cli.check import run_check

    out = io.StringIO()
    console = Console(
        file=out,
        highlight=False,
        soft_wrap=True,
        color_system=request["color_system"],
        force_terminal=request["color_system"] is not None,
        width=request["width"],
    )
    here = os.getcwd()
    try:
        os.chdir(request["cwd"])  # the file, and the name messages give it, are as the command was given them
        code = run_check(
            request["target"], format=request["format"], lang=request["lang"], fail_on=request["fail_on"],
            console=console,
        )
    except InputError as error:
        fields = {"nn": error.message_nn, "en": error.message_en, "path": error.path, "line": error.line}
        return {"exit": 2, "error": {**fields, "kind": error.kind}}
    except Exception:  # a bug: the command runs the check itself, so the user sees what went wrong
        return {"crashed": True}
    finally:
        os.chdir(here)
    return {"exit": code, "stdout": out.getvalue()}


def _warm_up() -> None:
    """Import and load everything a check needs, by checking a bundled strategy in every format."""
    from loaders.resources import data_dir

    sample = next(iter(sorted((data_dir() / "strategies").glob("*.txt"))), None)
    if sample is None:
        return
    for fmt in ("text", "json", "html", "turtle"):
        request = {"target": str(sample), "format": fmt, "lang": None, "fail_on": "violation"}
        run({**request, "cwd": str(sample.parent), "color_system": None, "width": 100})


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message, ensure_ascii=False).encode("utf-8")
    connection.sendall(_HEADER.pack(len(data)) + data)


def _receive(connection: socket.socket) -> dict[str, Any] | None:
    header = _exactly(connection, _HEADER.size)
    if header is None:
        return None
    data = _exactly(connection, _HEADER.unpack(header)[0])
    if data is None:
        return None
    return json.loads(data)


def _exactly(connection: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = connection.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
