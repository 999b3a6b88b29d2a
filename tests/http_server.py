"""A live `strategigraf serve` on a free loopback port, for tests that speak real HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import PROJECT
from tests.oxigraph_server import free_port, wait_for


@contextmanager
def strategigraf_server(
    store: Path | str, *options: str, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[str]:
    """The server's log (one line per request) goes to ``log``, or to a file that is deleted afterwards: a pipe
    nobody reads fills after about 900 requests and then blocks the server."""
    port = free_port()
    command = [sys.executable, "-c", "from api.cli import main; main()", "serve", "--store", str(store),
               "--port", str(port), *options]
    with tempfile.TemporaryDirectory() as scratch, open(log or Path(scratch) / "serve.log", "wb") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT, env={**os.environ, **(env or {})},
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{url}/sparql?query=ASK%7B%7D", timeout=60)
            yield url
        finally:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
