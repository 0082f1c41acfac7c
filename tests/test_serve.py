"""The preview a contributor runs (make serve, make serve-de): it rebuilds when a case changes."""

from __future__ import annotations

import os
import re
import shutil
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
        if status == 200 and text in body.replace("\u00ad", ""):  # German words carry soft hyphens
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
            cwd=project.root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRAXIS_ENTWURF": "1", **env},
            stdout=output,
            stderr=subprocess.STDOUT,
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


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_schema_vocabulary_and_ui_string_apply_on_the_next_rebuild(sandbox: Project, tmp_path: Path) -> None:
    # The preview runs a copy of the package, so that its UI strings can be edited here.
    import praxis_kb

    package = tmp_path / "paket"
    shutil.copytree(Path(praxis_kb.__file__).parent, package / "praxis_kb", ignore=shutil.ignore_patterns("__pycache__"))
    strings = package / "praxis_kb" / "ui" / "strings.yml"
    with preview(sandbox, PYTHONPATH=str(package)) as base:
        wait_for(f"{base}/praxis/{CASE}/", "Runder Tisch")
        # a vocabulary label
        replace_in(sandbox.root / "kriterien" / "vokabulare" / "standorttypen.yml", "de: Kleinstadt", "de: Kleinstadt im Test")
        wait_for(f"{base}/praxis/{CASE}/", "Kleinstadt im Test")
        # a UI string of the site
        replace_in(strings, "de: Noch nicht übersetzt", "de: Noch nicht übersetzt (Test)")
        replace_in(strings, "de: Standorttyp\n", "de: Art des Standorts im Test\n")
        wait_for(f"{base}/praxis/{CASE}/", "Art des Standorts im Test")
        # a schema rule: the next rebuild refuses a title the schema no longer allows
        log = sandbox.root / "serve.log"
        before = len(log.read_text(encoding="utf-8"))
        replace_in(sandbox.schema_dir / "praxisbeispiel.schema.json", '"maxLength": 120', '"maxLength": 5')
        deadline = time.monotonic() + 90
        while not re.search(rf"praxis/{CASE}\.de\.md:\d+:\d+: error: .*titel", log.read_text(encoding="utf-8")[before:]):
            assert time.monotonic() < deadline, "the edited schema was not applied"
            time.sleep(0.5)
