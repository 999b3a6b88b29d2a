"""Start and stop a real Oxigraph SPARQL server (PyPI package ``oxigraph``) on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """Yields the server's base URL; the server is stopped by pid afterwards."""
    binary = Path(sys.executable).with_name("oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/query?query=ASK%7B%7D")
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
