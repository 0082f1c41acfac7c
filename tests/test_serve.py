"""The preview a contributor runs (make serve, make serve-de): it rebuilds when a case changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


from praxis_kb.load.project import Project

CASE = "runder-tisch-kleinstadt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local preview
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@contextmanager
def preview(project: Project, **env: str) -> Iterator[str]:
    """`make serve` in the sandbox; what it prints ends up in the failure message."""
    port = free_port()
    log = project.root / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRAXIS_ENTWURF": "1", **env},
            stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}"
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- mkdocs serve ---\n{log.read_text(encoding='utf-8')[-3000:]}") from None
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def retitle(project: Project, title: str) -> None:
    path = project.root / "praxis" / f"{CASE}.de.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitel: ") + len("\ntitel: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + title + text[end:], encoding="utf-8")


def test_the_preview_rebuilds_when_a_case_changes(sandbox: Project) -> None:
    with preview(sandbox) as base:
        wait_for(f"{base}/praxis/{CASE}/", "Runder Tisch")
        wait_for(f"{base}/en/praxis/{CASE}/", "Round table")
        retitle(sandbox, "Runder Tisch mit neuem Titel aus der Vorschau")
        wait_for(f"{base}/praxis/{CASE}/", "Runder Tisch mit neuem Titel aus der Vorschau")
        wait_for(f"{base}/praxis/", "Runder Tisch mit neuem Titel aus der Vorschau")  # the Praxisfinder too


def test_the_german_only_preview_builds_german_only(sandbox: Project) -> None:
    with preview(sandbox, PRAXIS_NUR_DEUTSCH="1") as base:
        wait_for(f"{base}/praxis/{CASE}/", "Runder Tisch")
        assert fetch(f"{base}/en/praxis/{CASE}/")[0] == 404
        retitle(sandbox, "Ein neuer Titel für die deutsche Vorschau")
        wait_for(f"{base}/praxis/{CASE}/", "Ein neuer Titel für die deutsche Vorschau")
        wait_for(f"{base}/pagefind/pagefind-entry.json", '"de"')  # the search follows the pages
