"""Fixtures for the browser tests: Debian's Chromium driven by Playwright (never a
browser Playwright downloads), a real server over the example store, and a page that
records every request leaving loopback and every console error."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from liveserver import LiveServer, examples_store, serve
from testpaths import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts" / "web"
DOCS_IMG = REPO / "docs" / "img"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve(examples_store(tmp_path_factory)) as live:
        yield live


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} missing: run scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class WatchedPage:
    """A page plus what it tried to reach outside loopback and what it logged as errors."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.hostname not in LOOPBACK:
            self.outside.append(request.url)

    def open(self, hash_: str = "") -> None:
        url = f"{self.base}/{hash_}"
        if self.page.url.startswith(
            self.base
        ):  # only the hash changes: no reload, wait for the view
            self.navigate(lambda: self.page.goto(url))
        else:
            self.page.goto(url)
            self.wait_ready()

    def wait_ready(self) -> None:
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def navigate(self, action) -> None:
        """Run ``action`` (a click, a submit) and wait for the view it triggers to finish."""
        self.page.evaluate("document.body.dataset.ready = 'pending'")
        action()
        self.wait_ready()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        if os.environ.get("SITROOM_UPDATE_SCREENSHOTS") == "1":
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS_IMG / f"{name}.png")
        return path


@pytest.fixture
def web(browser, web_server) -> Iterator[WatchedPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watched = WatchedPage(context.new_page(), web_server.url)
    yield watched
    context.close()
    assert watched.outside == [], f"requests left loopback: {watched.outside}"
    assert watched.errors == [], f"console errors: {watched.errors}"
