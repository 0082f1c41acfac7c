"""The search index: Pagefind, one bundle per language.

Each language gets its own bundle (``/pagefind/`` for the source language, ``/<lang>/pagefind/``
for the others), so a reader downloads only their language and only the chunks a query needs
(Material's search would put every language into one file that every reader downloads whole).
A language's bundle is built in the background as soon as its pages are written, while the build
goes on with the next language; :meth:`Indexer.finish` waits for all of them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE = "pagefind"
# Never indexed: the error page (static-i18n rewrites it while other languages build).
SKIPPED = ("404.html",)


def source_glob(site_dir: Path, languages: tuple[str, ...]) -> str:
    """The source language's pages: everything at the top of the site but the language folders."""
    parts = []
    for entry in sorted(site_dir.iterdir()):
        if entry.name in languages or entry.name == BUNDLE or entry.name in SKIPPED:
            continue
        if entry.is_dir():
            parts.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            parts.append(entry.name)
    return "{" + ",".join(parts) + "}"


def command(site_dir: Path, lang: str, languages: tuple[str, ...]) -> list[str]:
    """The Pagefind call that indexes one language of the built site.

    Each language is indexed from its own folder, so the addresses in its bundle are relative to
    that folder (``/praxis/a/``). Pagefind's UI puts the folder its bundle lies in in front of
    every address (``/en/`` for ``/en/pagefind/``); addresses stored as ``/en/praxis/a/`` would
    lead to ``/en/en/praxis/a/``. This also holds when the site is served below a path.
    """
    if lang == languages[0]:
        site, glob = site_dir, source_glob(site_dir, languages)
    else:
        site, glob = site_dir / lang, "**/*.html"
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob, "--output-subdir", BUNDLE, "--quiet"]


@dataclass
class Indexer:
    """Pagefind runs, one per language, each started when its language is built."""

    site_dir: Path
    languages: tuple[str, ...]
    background: bool = False  # a preview's: at low priority, so that the next rebuild goes first
    running: dict[str, subprocess.Popen[str]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    def start(self, lang: str) -> None:
        if lang in self.running:
            return
        nice = shutil.which("nice") if self.background else None
        try:
            self.running[lang] = subprocess.Popen(
                [*([nice, "-n", "15"] if nice else []), *command(self.site_dir, lang, self.languages)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as exc:  # no site folder, or Pagefind not installed
            self.failed.append(f"{lang}: Pagefind ließ sich nicht starten ({exc.strerror or exc}; richten Sie die Umgebung mit „make setup“ neu ein)")

    def cancel(self) -> None:
        """Stop every run still going (a build that failed, or a new build that replaces this one)."""
        for process in self.running.values():
            if process.poll() is None:
                process.kill()
            process.communicate()
        self.running.clear()

    def finish(self) -> str:
        """Wait for every run; return an error message, or "" when every bundle is written."""
        problems = list(self.failed)
        for lang, process in self.running.items():
            try:
                out, err = process.communicate(timeout=600)
            except subprocess.TimeoutExpired:
                process.kill()
                problems.append(f"{lang}: nach 10 Minuten abgebrochen")
                continue
            if process.returncode != 0:
                detail = (err or out).strip().splitlines()[-5:]
                problems.append(f"{lang}: " + " / ".join(detail))
                continue
            folder = self.site_dir if lang == self.languages[0] else self.site_dir / lang
            _stable_entry(folder / BUNDLE / "pagefind-entry.json")
        self.running.clear()
        self.failed.clear()
        if problems:
            return "Der Suchindex konnte nicht erstellt werden (Pagefind): " + "; ".join(problems)
        return ""


# Runs a preview (mkdocs serve) did not wait for. They live here, not in the hooks module, because
# MkDocs loads the hooks anew for every rebuild; the next build stops them before it writes.
_left_running: list[Indexer] = []


def leave_running(indexer: Indexer) -> None:
    """Let a preview show its pages at once; the search index follows a few seconds later."""
    _left_running.append(indexer)


def stop_left_running() -> None:
    while _left_running:
        _left_running.pop().cancel()


def _stable_entry(path: Path) -> None:
    """Pagefind writes its tables in hash-map order; sort them so two builds are identical."""
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
