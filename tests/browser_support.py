"""Shared helpers for the browser tests: one built site, served on localhost, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from praxis_kb.site.pdf import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - one list of flags for build and tests

SITE_URL = "https://praxis.example.org/"  # the public address the QR codes in a test build carry
PHONE = {"width": 390, "height": 844}  # the phone the readers' tests look through


def prefix(lang: str) -> str:
    """Where a language's pages begin: the source language at the site's top, the others below it."""
    return "/" if lang == "de" else f"/{lang}/"


def build_site(root: Path, target: Path, *, pdf: bool = True, env: dict[str, str] | None = None) -> None:
    env = {
        **(env if env is not None else os.environ),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1764028800",
        "PRAXIS_SITE_URL": SITE_URL,
        "PRAXIS_PDF": "1" if pdf else "0",
        # The tests build what a pull request has: a case awaiting the team's review is a draft,
        # built with its banner (make site and deploy refuse it; tests/test_drafts.py).
        "PRAXIS_UNGEPRUEFT": "1",
    }
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(target)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def record(tab: Any) -> Any:
    """Let *tab* collect its JavaScript errors (tab.errors) and every URL it requests (tab.requests)."""
    tab.errors = []
    tab.requests = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("request", lambda request: tab.requests.append(request.url))
    return tab


@contextmanager
def phone_tab(browser: Any, base_url: str) -> Iterator[Any]:
    """A tab of its own, phone-sized, that records its errors and requests (``record``)."""
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    try:
        yield record(context.new_page())
    finally:
        context.close()


def foreign_requests(tab: Any, base_url: str) -> list[str]:
    """What *tab* requested from anywhere but the site (data: and blob: URLs are the page's own)."""
    origin = urlparse(base_url).netloc
    return [u for u in tab.requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != origin]


def finder_ready(tab: Any) -> None:
    """Wait until the Praxisfinder's script has loaded its filter index, applied the state of the
    address and shows the cards it wants to show (assets/finder.js fetches them, #17)."""
    tab.wait_for_selector("#pk-finder[data-ready]", state="attached")
    tab.wait_for_function("() => !document.getElementById('pk-results').hasAttribute('aria-busy')")
