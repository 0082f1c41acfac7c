"""From content to page sources on disk, for MkDocs to pick up.

Generated pages are real files in git-ignored folders of docs/ (see ARCHITECTURE.md: pages added
in ``on_files`` break static-i18n). Only files whose text changed are written, so that
``mkdocs serve`` does not rebuild forever, and files of removed cases are deleted.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from praxis_kb import model, render
from praxis_kb.load.project import Project
from praxis_kb.model import coverage
from praxis_kb.problems import Code, Problem, Problems, Severity
from praxis_kb.render import finder, latin
from praxis_kb.site import htmlpost
from praxis_kb.site.incremental import Preview, inputs_digest, settings
from praxis_kb.validate import cases, content

GENERATED_DIRS = ("praxis", "kriterien", "standorttypen", "passt-das", "ueberblick", "offene-daten", "suche", "uebersetzungen", "checkliste")


@dataclass
class Result:
    problems: Problems
    # Errors that stop the build: every error, except in a preview those of case files (a broken
    # case is shown as a page listing its problems, ``broken``, and the rest of the site builds).
    blocking: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # case id → its problems (previews)
    pages: list[render.Page] = field(default_factory=list)
    catalogue: content.Catalogue | None = None
    model: model.Model | None = None
    coverage_gaps: list[str] = field(default_factory=list)
    fragments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    written: int = 0
    removed: int = 0
    changed: set[str] | None = None  # generated pages whose output changed (a preview); None: all
    # Seconds per step, for `make bench` (PRAXIS_ZEITMESSUNG): checking, model, pages, writing.
    timings: dict[str, float] = field(default_factory=dict)


def build_date() -> dt.date:
    """The date a build states (SOURCE_DATE_EPOCH makes two builds of one commit identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def operator(project: Project) -> render.Operator:
    extra = project.mkdocs_config.get("extra") or {}
    raw = extra.get("betreiber") or {}
    address = raw.get("anschrift") or []
    return render.Operator(str(raw.get("name") or ""), tuple(str(line) for line in address), str(raw.get("email") or ""))


def public_address(site_url: str, dev_host: str, dev_port: int) -> str:
    """The site's public address for QR codes, or "" under ``mkdocs serve``, which sets site_url to
    its own local address: a printed code for that would lead nowhere."""
    from urllib.parse import urlsplit

    if urlsplit(site_url).netloc == f"{dev_host}:{dev_port}":
        return ""
    return site_url


DRAFT_VARIABLE = "PRAXIS_ENTWURF"
UNREVIEWED_VARIABLE = "PRAXIS_UNGEPRUEFT"


def draft_preview() -> bool:
    """A preview build (make serve, make preview: the site artifact of a pull request) shows
    unfinished cases, drafts, and a broken case as a page listing its problems."""
    return os.environ.get(DRAFT_VARIABLE, "") not in ("", "0")


def unreviewed_allowed() -> bool:
    """The build the tests make (PRAXIS_UNGEPRUEFT=1) also builds cases awaiting the team's review,
    marked as drafts; nothing may be left to fill in."""
    return os.environ.get(UNREVIEWED_VARIABLE, "") not in ("", "0")


def build_stage() -> content.Stage:
    """How strictly a build checks the content. Without either variable a build publishes: a draft
    or a place left to fill in stops it."""
    if draft_preview():
        return content.Stage.EDITING
    return content.Stage.COMPLETE if unreviewed_allowed() else content.Stage.PUBLISHING


SOURCE_ONLY_VARIABLE = "PRAXIS_NUR_DEUTSCH"


def source_language_only() -> bool:
    """Preview only the source language (large collections build much faster)."""
    return os.environ.get(SOURCE_ONLY_VARIABLE, "") not in ("", "0")


PDF_VARIABLE = "PRAXIS_PDF"


def pdf_wanted() -> bool:
    """PDF checklists need Chromium; builds that have it set PRAXIS_PDF=1 (CI does)."""
    return os.environ.get(PDF_VARIABLE, "") not in ("", "0")


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a step that builds many objects at once.

    Its full passes grow with everything a large collection keeps in memory, which made a build of
    2000 cases take more than twice as long as one of 1000; the objects here are freed by reference
    counting anyway. With the collector off, forked render workers also leave shared memory alone.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pages_for(project: Project, languages: tuple[str, ...] | None = None, site_url: str = "", preview: Preview | None = None) -> Result:
    """Validate everything; if there is no error, render every page of every language. A *preview*
    (kept between rebuilds) checks, models and renders again only what changed since its last build."""
    with without_gc():
        return _pages_for(project, languages, site_url, preview)


def _pages_for(project: Project, languages: tuple[str, ...] | None, site_url: str, preview: Preview | None) -> Result:
    started = time.perf_counter()
    stage = build_stage()
    if preview is not None:
        preview.start(inputs_digest(project, stage, settings(languages or project.languages, site_url, pdf_wanted(), build_date(), draft_preview())))
    catalogue, problems = content.check(project, stage=stage, cache=preview.check if preview else None)
    checked = time.perf_counter()
    who = operator(project)
    if not who.complete:
        problems.add(
            "mkdocs.yml",
            1,
            1,
            "Die Angaben zum Betreiber der Website fehlen (Impressum, Datenschutz, Barrierefreiheit nennen dann nur das Projektteam)",
            hint="tragen Sie unter extra.betreiber name, anschrift und email ein, bevor die Website öffentlich wird",
            severity=Severity.WARNING,
            code=Code.OPERATOR_MISSING,
        )
    drafting = draft_preview()
    folder = project.relative(project.cases_dir) + "/"
    # A preview goes on over errors in case files: it shows a broken case as a page of its problems.
    blocking = [problem for problem in problems.errors if not (drafting and problem.file.startswith(folder))]
    broken = broken_cases(folder, problems, catalogue) if drafting else {}
    if blocking:
        return Result(problems, blocking)
    chosen = languages or project.languages
    built = preview.build_model(catalogue, chosen) if preview else model.build(catalogue, chosen)
    gaps = coverage.compute(built, render.ui_strings())
    modelled = time.perf_counter()
    if preview is not None:  # one process: a preview's cache stays in it
        pages = list(
            preview.render(
                built,
                lambda case_page: render.render_all(built, who, build_date(), gaps, site_url, pdf_wanted(), case_page=case_page),
                lambda lang: render.Context(built, lang, gaps, site_url, pdf_wanted(), build_date()),
            )
        )
    else:
        pages = render.render_all(built, who, build_date(), gaps, site_url, pdf_wanted(), workers=render.parallel_workers(len(catalogue.cases)))
    pages += [render.problem_page(render.Context(built, lang), case_id, found) for lang in chosen for case_id, found in broken.items()]
    timings = {"check": checked - started, "model": modelled - checked, "render": time.perf_counter() - modelled}
    return Result(problems, [], broken, pages, catalogue, built, coverage.summary_lines(gaps), timings=timings)


def broken_cases(folder: str, problems: Problems, catalogue: content.Catalogue) -> dict[str, list[Problem]]:
    """Cases a preview shows as a page listing their problems: each case of *folder* (praxis/) that
    could not be loaded, with every error and warning of its files. An error in another file there (a file
    misnamed, a broken translation of a case that works) is only reported: it has no page."""
    by_case: dict[str, list[Problem]] = {}
    for problem in problems.sorted():
        name = problem.file.removeprefix(folder)
        match = cases.CASE_FILE.match(name) if problem.file.startswith(folder) and "/" not in name else None
        if match and cases.ID_PATTERN.match(match["id"]) and problem.severity is not Severity.INFO:
            by_case.setdefault(match["id"], []).append(problem)
    return {case_id: found for case_id, found in by_case.items() if case_id not in catalogue.cases and any(p.severity is Severity.ERROR for p in found)}


def write_pages(docs_dir: Path, pages: list[render.Page]) -> tuple[int, int]:
    """Write changed pages into docs_dir and delete stale generated ones."""
    wanted = {page.path: page.text for page in pages}
    written = 0
    for rel, text in wanted.items():
        target = docs_dir / rel
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written, _remove_stale(docs_dir, set(wanted))


def _remove_stale(docs_dir: Path, wanted: set[str]) -> int:
    """Delete generated files no page needs any more (a removed case), and emptied folders."""
    stale = [path for name in render.LEGAL_PAGES for path in sorted(docs_dir.glob(f"{name}.*.md"))]
    folders = [docs_dir / folder for folder in GENERATED_DIRS if (docs_dir / folder).is_dir()]
    removed = 0
    for path in stale + [path for base in folders for path in sorted(base.rglob("*"), reverse=True)]:
        if path.is_file() and path.relative_to(docs_dir).as_posix() not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def generate(
    project: Project, docs_dir: Path | None = None, languages: tuple[str, ...] | None = None, site_url: str = "", preview: Preview | None = None
) -> Result:
    result = pages_for(project, languages, site_url, preview)
    # The cards the Praxisfinder's script inserts get what the site does to every page's HTML.
    quoted = latin.quoted(result.model) if result.model else None
    result.pages = finder.finish_chunks(result.pages, lambda html, lang: htmlpost.script_fragment(html, lang, quoted))
    result.fragments = {page.path: page.fragments for page in result.pages if page.fragments}
    if not result.blocking:
        started = time.perf_counter()
        result.written, result.removed = write_pages(docs_dir or project.docs_dir, result.pages)
        result.timings["write"] = time.perf_counter() - started
        if preview is not None:
            preview.pages_written(result.pages)
            result.changed = preview.changed
    return result


TIMINGS_VARIABLE = "PRAXIS_ZEITMESSUNG"


def record_timings(timings: dict[str, float]) -> None:
    """Write the build's step times as JSON to the file PRAXIS_ZEITMESSUNG names (make bench)."""
    target = os.environ.get(TIMINGS_VARIABLE, "")
    if target:
        import json

        Path(target).write_text(json.dumps({k: round(v, 3) for k, v in timings.items()}, sort_keys=True) + "\n", encoding="utf-8")
