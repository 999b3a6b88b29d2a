"""End-to-end fixtures: a real ``strategigraf serve`` on a free loopback port, and Debian's Chromium driven by
Playwright (never ``playwright install``: the browser is the system one).

The server runs against a store built from the bundled strategies in a temporary folder, once for the package
(the browser and server stop when the e2e tests are done, before the rest of the suite goes on).
Every test gets a fresh browser context (no cookies, so the language starts as bokmål). ``shoot`` saves a
full-page screenshot to ``artifacts/screenshots/`` (CI keeps the folder); ``axe`` runs axe-core from
``node_modules`` (installed by ``scripts/install-test-deps``) against the page; both are in ``helpers``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.e2e.helpers import PROJECT

CHROMIUM = os.environ.get("STRATEGIGRAF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from api.cli import main; main()", *args]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"strategigraf serve stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/queries", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"strategigraf serve did not answer on {url} within {seconds:g} s")


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server over the bundled strategies."""
    store = tmp_path_factory.mktemp("e2e-store")
    subprocess.run(_cli("build", "--store", str(store)), check=True, cwd=PROJECT, capture_output=True, timeout=300)
    port = _free_port()
    log = (tmp_path_factory.mktemp("e2e-log") / "serve.log").open("wb")
    process = subprocess.Popen(
        _cli("serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)),
        cwd=PROJECT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/install-test-deps")
    instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield instance
    instance.close()


@pytest.fixture()
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
