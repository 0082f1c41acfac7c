"""From content to page sources on disk, for MkDocs to pick up (site/pagestore.py).

A build renders and stores each page as it comes, in the process that rendered it; what stays in
memory is the model and which pages exist. Tests and previews hold the pages (``pages_for``).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable, Iterator
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
from praxis_kb.site.pagestore import GENERATED_DIRS, PageStore, Stored
from praxis_kb.validate import cases, content

__all__ = ["GENERATED_DIRS", "Result", "generate", "pages_for"]


@dataclass
class Result:
    problems: Problems
    # Errors that stop the build: every error, except in a preview those of case files (a broken
    # case is shown as a page listing its problems, ``broken``, and the rest of the site builds).
    blocking: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # case id → its problems (previews)
    pages: list[render.Page] = field(default_factory=list)  # held in memory: pages_for, previews
    model: model.Model | None = None
    coverage_gaps: list[str] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)  # every stored page, below docs/ (generate)
    with_fragments: set[str] = field(default_factory=set)  # those with HTML fragments (PageStore)
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


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now (the model) is left out of the cyclic garbage collector's passes, which
    go on collecting what rendering leaves behind (Markdown and Jinja leave reference cycles:
    with the collector off, they held gigabytes by the end of a large build)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def pages_for(project: Project, languages: tuple[str, ...] | None = None, site_url: str = "", preview: Preview | None = None) -> Result:
    """Validate everything; if there is no error, render every page of every language as a build
    stores it, held in ``Result.pages``. A *preview* (kept between rebuilds) checks, models and renders again only
    what changed since its last build."""
    return _generated(project, languages, site_url, preview, None)


def generate(
    project: Project, docs_dir: Path | None = None, languages: tuple[str, ...] | None = None, site_url: str = "", preview: Preview | None = None
) -> Result:
    """Validate everything; if there is no error, render every page of every language and store
    it (site/pagestore.py) as soon as it is rendered."""
    return _generated(project, languages, site_url, preview, PageStore.beside(docs_dir or project.docs_dir))


def _generated(project: Project, languages: tuple[str, ...] | None, site_url: str, preview: Preview | None, store: PageStore | None) -> Result:
    with without_gc():
        result, built, who, gaps = _modelled(project, languages, site_url, preview)
    if built is None:
        return result
    with frozen():
        modelled = time.perf_counter()
        chosen = built.languages
        broken = [render.problem_page(render.Context(built, lang), case_id, found) for lang in chosen for case_id, found in result.broken.items()]

        def everything(case_page: render.CasePage) -> list[render.Page]:
            return render.render_all(built, who, build_date(), gaps, site_url, pdf_wanted(), case_page=case_page)

        finished = _finishing(built, preview)
        if store is None:
            pages = preview.render(built, everything, _context(built, gaps, site_url)) if preview else everything(render.case.page)
            result.pages = [finished(page) for page in pages + broken]
        else:
            if preview is not None:  # one process: a preview's cache stays in it
                result.pages = [finished(page) for page in preview.render(built, everything, _context(built, gaps, site_url)) + broken]
                stored = [store.put(page) for page in result.pages]
            else:
                workers = render.parallel_workers(len(built.cases))
                stored = render.render_each(lambda page: store.put(finished(page)), built, who, build_date(), gaps, site_url, pdf_wanted(), workers=workers)
                stored += [store.put(finished(page)) for page in broken]
            _note_stored(result, store, stored)
            if preview is not None:
                preview.pages_written(result.pages)
                result.changed = preview.changed
        # Rendering includes storing the pages; "write" is the rest (removing stale files).
        result.timings["render"] = time.perf_counter() - modelled - result.timings.get("write", 0.0)
    return result


def _context(built: model.Model, gaps: list[coverage.LanguageCoverage], site_url: str) -> Callable[[str], render.Context]:
    return lambda lang: render.Context(built, lang, gaps, site_url, pdf_wanted(), build_date())


def _finishing(built: model.Model, preview: Preview | None) -> Callable[[render.Page], render.Page]:
    """The cards the Praxisfinder's script inserts get what the site does to every page's HTML
    (a preview keeps what it passed last time)."""
    quoted = latin.quoted(built)
    kept = preview.chunks if preview else None
    return lambda page: finder.finish_chunk(page, lambda html, lang: htmlpost.script_fragment(html, lang, quoted), kept)


def _note_stored(result: Result, store: PageStore, stored: list[Stored]) -> None:
    started = time.perf_counter()
    result.paths = {page.path for page in stored}
    result.with_fragments = {page.path for page in stored if page.has_fragments}
    result.written = sum(page.written for page in stored)
    result.removed = store.remove_stale(result.paths)
    result.timings["write"] = time.perf_counter() - started


def _modelled(
    project: Project, languages: tuple[str, ...] | None, site_url: str, preview: Preview | None
) -> tuple[Result, model.Model | None, render.Operator, list[coverage.LanguageCoverage]]:
    """Check the content and build the model; (the result so far, the model or None if an error
    stops the build, the site's operator, the translation coverage)."""
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
    if blocking:
        return Result(problems, blocking), None, who, []
    broken = broken_cases(folder, problems, catalogue) if drafting else {}
    chosen = languages or project.languages
    built = preview.build_model(catalogue, chosen) if preview else model.build(catalogue, chosen)
    del catalogue  # a large collection's checked files take much memory; the model has what the pages need
    gaps = coverage.compute(built, render.ui_strings())
    timings = {"check": checked - started, "model": time.perf_counter() - checked}
    return Result(problems, [], broken, model=built, coverage_gaps=coverage.summary_lines(gaps), timings=timings), built, who, gaps


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


TIMINGS_VARIABLE = "PRAXIS_ZEITMESSUNG"


def record_timings(timings: dict[str, float]) -> None:
    """Write the build's step times as JSON to the file PRAXIS_ZEITMESSUNG names (make bench)."""
    target = os.environ.get(TIMINGS_VARIABLE, "")
    if target:
        import json

        Path(target).write_text(json.dumps({k: round(v, 3) for k, v in timings.items()}, sort_keys=True) + "\n", encoding="utf-8")
