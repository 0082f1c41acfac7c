"""PDF downloads of the checklists, printed by Chromium from the built site.

Optional: it needs Playwright and Debian's chromium (the test dependencies), so only builds that
set PRAXIS_PDF=1 make them (the CI does); without them the site still builds and the checklist
pages print from the browser.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def print_checklists(site_dir: Path, languages: tuple[str, ...], source: str) -> str:
    """Write site_dir/pdf/checkliste.<lang>.pdf for every language; return an error or ""."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return "PRAXIS_PDF=1 braucht Playwright (pip install -e '.[test]') und Debian-Chromium"
    if not Path(CHROMIUM).exists():
        return "PRAXIS_PDF=1 braucht Debian-Chromium (apt-get install chromium)"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    target = site_dir / "pdf"
    target.mkdir(exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for lang in languages:
                prefix = "" if lang == source else f"{lang}/"
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{prefix}checkliste/", wait_until="networkidle")
                page.pdf(path=str(target / f"checkliste.{lang}.pdf"), format="A4", print_background=True, prefer_css_page_size=True)
            browser.close()
    except Error as exc:
        return f"Die PDF-Checklisten konnten nicht gedruckt werden: {exc}"
    finally:
        server.shutdown()
        server.server_close()
    return ""
