"""MkDocs hooks: connect build events to the praxis_kb package. No logic lives here."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority

from praxis_kb.site import htmlpost, pdf, search

from praxis_kb.render import opendata
from praxis_kb.site.generate import Result as GenerateResult
from praxis_kb.site.generate import (
    build_date,
    generate,
    pdf_wanted,
    public_address,
    record_timings,
    source_language_only,
    without_gc,
)
from praxis_kb.load.project import Project
from praxis_kb.render import Strings, insert_fragments, untranslated_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page
    from mkdocs.livereload import LiveReloadServer

_last_fingerprint: tuple[object, ...] | None = None
_previewing = False  # under mkdocs serve
_last_result: GenerateResult | None = None
_root_site_dir: Path | None = None


def _fingerprint(root: Path) -> tuple[object, ...]:
    """Changes whenever a content file, schema or template changes."""
    import praxis_kb

    stamp: list[object] = []
    for folder in (root / "praxis", root / "kriterien", root / "schemas", Path(praxis_kb.__file__).parent):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


@event_priority(100)  # before static-i18n (-100) collects the files of each language
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _last_fingerprint, _last_result, _root_site_dir, _previewing
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None)):
        _root_site_dir = Path(config.site_dir)
        search.stop_left_running()  # a preview's last search index run must not write into this build
    address = public_address(config.site_url or "", config.dev_addr.host, config.dev_addr.port)
    _previewing = bool(config.site_url) and not address
    root = Path(config.config_file_path).parent
    languages = None
    if source_language_only() and i18n is not None:
        # Preview of a large collection: build the source language only (make serve-de).
        for language in i18n.config.languages:
            language.build = bool(language.default)
        languages = (i18n.default_language,)
    fingerprint = _fingerprint(root)
    if fingerprint == _last_fingerprint:  # static-i18n runs this once per language
        return config
    result = generate(Project(root), Path(config.docs_dir), languages, site_url=address)
    found = result.problems.sorted()
    if found:
        # Printed, not logged: validator warnings must not fail `mkdocs build --strict`.
        sys.stderr.write("".join(problem.as_text() + "\n" for problem in found))
    for line in result.coverage_gaps:  # translation gaps warn, they never fail a build
        sys.stderr.write(f"warning: {line}\n")
    if result.problems.errors:
        _last_fingerprint = None
        raise Abort(f"Die Website wurde nicht gebaut: {len(result.problems.errors)} Fehler in den Inhalten (siehe oben).")
    _last_fingerprint = fingerprint
    _last_result = result
    _converted.clear()
    return config


# A generated page reaches MkDocs as a stub: its section headings and an empty marker where each
# piece of its HTML goes (render.split_fragments). All case pages of a language share one stub, so each distinct stub is
# converted by MkDocs once; for the other pages MkDocs gets an empty text and the stored result
# (HTML, table of contents, anchors) is put back. Key: (language, stub text).
_converted: dict[tuple[str, str], tuple[str, object, set[str], str | None]] = {}


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if not (_last_result and page.file.src_uri in _last_result.fragments):
        return markdown
    key = (_language(config), markdown)
    page._praxis_stub = key  # type: ignore[attr-defined]
    return "" if key in _converted else markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    fragments = _last_result.fragments.get(page.file.src_uri) if _last_result else None
    if not fragments:
        source = getattr(page.file, "locale", None)  # static-i18n: the language of the file shown
        lang = _language(config)
        return untranslated_page(html, lang, source) if source and source != lang else html
    key = getattr(page, "_praxis_stub", None)
    if key in _converted:
        if html == "":  # converted before: put the stored result back
            html, page.toc, anchors, page._title_from_render = _converted[key]  # type: ignore[assignment]
            page.present_anchor_ids = set(anchors)
    elif key is not None:
        _converted[key] = (html, page.toc, set(page.present_anchor_ids or ()), page._title_from_render)
    return insert_fragments(html, fragments)


def _finish(output: str, config: MkDocsConfig) -> str:
    html = htmlpost.fix_theme_markup(htmlpost.mark_search_body(htmlpost.set_language(output, _language(config))))
    return htmlpost.add_content_security_policy(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    source = getattr(page.file, "locale", None)
    if source and source != _language(config):  # shown untranslated: its title is in the source language
        output = htmlpost.mark_title_language(output, source)
    return _finish(output, config)


_root_not_found: str | None = None


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    global _root_not_found
    if not template_name.endswith(".html"):
        return output_content
    html = _finish(output_content, config)
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and getattr(i18n, "current_language", None) == getattr(i18n, "default_language", None):
        _root_not_found = html  # static-i18n lets the last language overwrite /404.html; restored below
    return html


_indexer: search.Indexer | None = None


@event_priority(-50)  # before static-i18n (-100) goes on to build the next language
def _index_this_language(config: MkDocsConfig) -> None:
    """Start this language's search index in the background while the next language builds."""
    global _indexer
    result = _last_result
    if result is None or result.model is None or _root_site_dir is None:
        return
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or result.model.languages[0]
    if _indexer is None or not getattr(i18n, "building", False):  # the outermost build starts afresh
        if _indexer is not None:
            _indexer.cancel()
        _indexer = search.Indexer(_root_site_dir, result.model.languages)
    _indexer.start(lang)


@event_priority(-200)  # after static-i18n (-100) has built every other language
def _finish_site(config: MkDocsConfig) -> None:
    global _indexer
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # inside static-i18n's build of another language: wait for the outermost build
    result = _last_result
    if result is None or result.catalogue is None or result.model is None or _root_site_dir is None:
        return
    if _root_not_found is not None:
        (_root_site_dir / "404.html").write_text(_root_not_found, encoding="utf-8")
    root = Path(config.config_file_path).parent
    titles = {lang: f"{config.site_name}: {Strings(lang).feed_title}" for lang in result.model.languages}
    started = time.perf_counter()
    with without_gc():
        opendata.write(_root_site_dir, result.catalogue, result.model, root / "schemas", config.site_name, titles, build_date())
    written = time.perf_counter()
    problem = ""
    if _indexer is not None and _previewing:
        search.leave_running(_indexer)  # the preview reloads now; its search follows in seconds
    elif _indexer is not None:
        problem = _indexer.finish()
    _indexer = None
    record_timings({**result.timings, "open_data": written - started, "search_wait": time.perf_counter() - written})
    if not problem and pdf_wanted():
        problem = pdf.print_checklists(_root_site_dir, result.model.languages, result.model.languages[0])
    if problem:
        raise Abort(problem)


on_post_build = CombinedEvent(_index_this_language, _finish_site)


def on_build_error(error: Exception) -> None:
    """A failed build leaves no search index run behind."""
    global _indexer
    if _indexer is not None:
        _indexer.cancel()
        _indexer = None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    root = Path(config.config_file_path).parent
    for folder in ("praxis", "kriterien", "schemas"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
