"""Pure functions from the model to page sources (Markdown with embedded, escaped HTML).

One module per page family (case, finder, matcher, criteria, site_types, overview, checklist,
service, legal), the shared per-language ``Context``, and ``escaping`` for every rule that turns
text into markup. ``render_all`` renders every page of every language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar, cast

from praxis_kb.model import Case, Model
from praxis_kb.model import coverage as coverage_
from praxis_kb.render import case, checklist, criteria, finder, matcher, overview, service, site_types
from praxis_kb.render.context import Context
from praxis_kb.render.drafts import problem_page
from praxis_kb.render.escaping import narrative_html
from praxis_kb.render.fragments import Page, insert_fragments, split_fragments
from praxis_kb.render.legal import LEGAL_PAGES, Operator, legal_pages, untranslated_page
from praxis_kb.render.qr import qr_svg
from praxis_kb.render.strings import Strings, ui_strings

__all__ = [
    "LEGAL_PAGES",
    "PARALLEL_FROM_CASES",
    "CasePage",
    "Context",
    "Operator",
    "Page",
    "Strings",
    "fork_is_safe",
    "insert_fragments",
    "language_pages",
    "legal_pages",
    "narrative_html",
    "parallel_workers",
    "problem_page",
    "qr_svg",
    "render_all",
    "render_each",
    "split_fragments",
    "ui_strings",
    "untranslated_page",
]


CasePage = Callable[[Context, Case], Page]
T = TypeVar("T")


def _same(page: Page) -> Page:
    return page


def language_pages(ctx: Context, case_page: CasePage = case.page) -> list[Page]:
    """Every generated page of one language, in a fixed order. A preview passes a *case_page* that
    reuses the page of a case unchanged since its last build."""
    site_type_ids = list(ctx.model.vocab("standorttypen").entries)
    out = [*finder.pages(ctx), matcher.page(ctx), overview.page(ctx), service.open_data_page(ctx), criteria.index_page(ctx), site_types.index_page(ctx)]
    out += [service.search_page(ctx), service.coverage_page(ctx), checklist.page(ctx)]
    out += [checklist.page(ctx, s) for s in site_type_ids]
    out += [case_page(ctx, by_lang[ctx.lang]) for by_lang in ctx.model.cases.values()]
    out += [criteria.criterion_page(ctx, c) for c in ctx.model.criteria.values()]
    out += [site_types.site_type_page(ctx, s) for s in site_type_ids]
    return out


def render_all(model: Model, *settings: Any, workers: int = 1, case_page: CasePage = case.page) -> list[Page]:
    """Every generated page in every language, in a stable order, held in memory (tests, previews,
    small projects). *settings*: operator, today, coverage, site_url, pdf, as ``render_each``
    takes them; so are *workers* and *case_page*. The pages are the same for any *workers*."""
    return sorted(render_each(_same, model, *settings, workers=workers, case_page=case_page), key=lambda p: p.path)


def render_each(
    each: Callable[[Page], T],
    model: Model,
    operator: Operator | None = None,
    today: dt.date | None = None,
    coverage: list[coverage_.LanguageCoverage] | None = None,
    site_url: str = "",
    pdf: bool = False,
    *,
    workers: int = 1,
    case_page: CasePage = case.page,
) -> list[T]:
    """``each(page)`` for every generated page in every language, called as soon as the page is
    rendered, in the process that rendered it; the results in no particular order.

    A large collection's pages do not fit into memory together (tens of kilobytes of HTML each, in
    five languages): *each* stores a page and returns what the caller needs to know of it. With
    *workers* > 1 the languages are rendered in that many forked processes at once (see
    ``parallel_workers``); only the results of *each* travel back.
    """

    def one(lang: str) -> list[T]:
        return [each(page) for page in language_pages(Context(model, lang, coverage, site_url, pdf, today), case_page)]

    workers = min(workers, len(model.languages))
    if workers > 1 and not fork_is_safe():
        workers = 1  # forking beside other threads can deadlock (and warns from Python 3.12 on)
    if workers > 1:
        import multiprocessing

        global _fork_job
        # This process renders every workers-th language, forked workers the others. A forked
        # worker inherits the job: the model is not copied through a pipe.
        shares = [model.languages[start::workers] for start in range(workers)]
        _fork_job = lambda share: [result for lang in share for result in one(lang)]  # noqa: E731
        import gc

        freezing = not gc.get_freeze_count()  # the caller may have frozen it already
        if freezing:
            gc.freeze()  # what exists now stays shared with the workers, never scanned or copied
        try:
            with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
                others = pool.map_async(_run_fork_job, shares[1:], chunksize=1)
                results = cast(list[T], _fork_job(shares[0]))
                for share_results in others.get():
                    results.extend(cast(list[T], share_results))
        finally:
            _fork_job = None
            if freezing:
                gc.unfreeze()
    else:
        results = [result for lang in model.languages for result in one(lang)]
    results.extend(each(page) for page in legal_pages(operator or Operator(), model.languages, today or dt.date.today()))
    return results


_fork_job: Callable[[tuple[str, ...]], list[object]] | None = None


def _run_fork_job(share: tuple[str, ...]) -> list[object]:
    assert _fork_job is not None
    return _fork_job(share)


PARALLEL_FROM_CASES = 100


def fork_is_safe() -> bool:
    """Whether this process may fork render workers: it can, and no other thread is running."""
    import multiprocessing
    import threading

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def parallel_workers(cases: int, *, cores: int | None = None, threads: int | None = None) -> int:
    """How many processes may render at once: more than one only for a large collection, on a
    machine with more than one core, in a process without other threads (forking a process with
    threads, such as ``mkdocs serve``'s, is unsafe). *cores* and *threads* default to this machine
    and this process."""
    import multiprocessing
    import os
    import threading

    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if threads is None:
        threads = threading.active_count()
    if cases < PARALLEL_FROM_CASES or cores < 2 or threads > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return cores
