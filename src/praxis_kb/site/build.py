"""One build of the site: everything that happens around MkDocs, in the order MkDocs asks for it.

``hooks/praxis_hooks.py`` creates one ``SiteBuild`` per build and forwards MkDocs' events to it
with plain values (``Language``: which language is being built and whether it is the outermost
build). mkdocs-static-i18n runs the whole MkDocs build once per language, inside the build of the
source language; so the content is checked and the pages are generated once, at the source
language's ``configure``, and the site is finished once, after the last language.

The order within one build:

1. ``configure``: check the content, render every page of every language into ``docs/`` (only
   files whose text changed are written) — or stop with the validator's messages.
2. per page: ``page_content`` marks a hand-written page shown untranslated; ``with_fragments``
   puts a generated page's HTML fragments back (``render.fragments``, read from the ``PageStore``)
   just before MkDocs writes the page — MkDocs converts every page of a language before it writes
   the first, and holds them all meanwhile; ``finish_page`` sets ``lang``/``dir``, the search
   body, the theme fixes and the Content Security Policy.
3. ``language_written``: this language's search index starts in the background.
4. ``finish``: the German 404 page restored, open data, waiting for the search index, PDFs.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from praxis_kb.load.project import SOURCE_LANGUAGE, UI_DIR, Project
from praxis_kb.render import Strings, insert_fragments, latin, opendata, untranslated_page
from praxis_kb.site import htmlpost, pdf, search
from praxis_kb.site.generate import Result, build_date, generate, pdf_wanted, public_address, record_timings, without_gc
from praxis_kb.site.incremental import Preview, remove_built
from praxis_kb.site.pagestore import PageStore

# Folders whose changes a preview (mkdocs serve) rebuilds for, besides docs/.
WATCHED = ("praxis", "kriterien", "schemas")
# A preview that left the pages listing cases for its next rebuild writes here to start it.
FOLLOW_UP = Path("build") / "preview"


# A preview (mkdocs serve) keeps its work between rebuilds in its process (site/incremental.py).
_preview: Preview | None = None


def preview_state() -> Preview:
    """The preview's work of its earlier rebuilds in this process."""
    global _preview
    if _preview is None:
        _preview = Preview()
    return _preview


class BuildStopped(Exception):
    """The build cannot go on; the message says why, in the contributor's words."""


@dataclass(frozen=True)
class Language:
    """Which language MkDocs is building now, as mkdocs-static-i18n tells it."""

    code: str
    outermost: bool  # the source language's build, which builds the other languages inside it


@dataclass
class SiteBuild:
    """The state of one build, from the first ``configure`` to ``finish``."""

    root: Path
    site_dir: Path | None = None
    previewing: bool = False  # under mkdocs serve: the search index may follow after the pages
    result: Result | None = None
    store: PageStore | None = None
    indexer: search.Indexer | None = None
    not_found_page: str | None = None
    quoted: latin.Quoted | None = None  # names the data quotes in English (render/latin.py)
    preview: Preview | None = None  # under mkdocs serve: what the last rebuild did

    def configure(
        self, language: Language, *, docs_dir: Path, site_dir: Path, site_url: str, dev_host: str, dev_port: int, languages: tuple[str, ...] | None = None
    ) -> None:
        """Check the content and generate the pages, once per build (at the outermost language)."""
        if not language.outermost:
            return
        self.failed()  # nothing of an earlier build in this process goes on
        self.result, self.not_found_page = None, None
        self.site_dir = site_dir
        search.stop_left_running()  # a preview's last search index run must not write into this build
        address = public_address(site_url, dev_host, dev_port)
        self.previewing = bool(site_url) and not address
        self.preview = preview_state() if self.previewing else None
        if self.preview is not None:  # an edited title shows on its case's page first (site/incremental.py)
            self.preview.defer_listings = True
        self.store = PageStore.beside(docs_dir)
        result = generate(Project(self.root), docs_dir, languages, site_url=address, preview=self.preview)
        # Printed, not logged: validator warnings must not fail `mkdocs build --strict`.
        sys.stderr.write("".join(problem.as_text() + "\n" for problem in result.problems.sorted()))
        for line in result.coverage_gaps:  # translation gaps warn, they never fail a build
            sys.stderr.write(f"warning: {line}\n")
        if result.blocking:
            raise BuildStopped(f"Die Website wurde nicht gebaut: {len(result.blocking)} Fehler in den Inhalten (siehe oben).")
        for case_id in result.broken:
            sys.stderr.write(f"Vorschau: Das Praxisbeispiel {case_id} hat Fehler (siehe oben); statt seiner zeigt die Seite praxis/{case_id}/ diese Fehler.\n")
        self.result = result
        self.quoted = latin.quoted(result.model) if result.model else None

    def page_content(self, html: str, *, src_uri: str, source_language: str | None, language: Language) -> str:
        """The HTML of one page after MkDocs converted its Markdown."""
        if self.result and src_uri in self.result.paths:
            return html
        if source_language and source_language != language.code:
            return untranslated_page(html, language.code, source_language)
        return html

    def with_fragments(self, html: str, *, src_uri: str) -> str:
        """The HTML of a page about to be written, with its fragments back."""
        if self.result and self.store and src_uri in self.result.with_fragments:
            return insert_fragments(html, self.store.fragments(src_uri))
        return html

    def finish_page(self, html: str, *, source_language: str | None, language: Language) -> str:
        """The whole HTML document of one page."""
        if source_language and source_language != language.code:  # shown untranslated: its title too
            html = htmlpost.mark_title_language(html, source_language)
        return self._finish(html, language)

    def finish_template(self, html: str, *, template_name: str, language: Language) -> str:
        """A page MkDocs writes from a template alone (the 404 page)."""
        if not template_name.endswith(".html"):
            return html
        html = self._finish(html, language)
        if template_name == "404.html" and language.outermost:
            self.not_found_page = html  # static-i18n lets the last language overwrite /404.html
        return html

    def _finish(self, html: str, language: Language) -> str:
        html = htmlpost.hyphenate_content(html, language.code)
        html = htmlpost.fix_theme_markup(htmlpost.mark_search_body(htmlpost.set_language(html, language.code)))
        html = htmlpost.keyboard_menu_button(html, Strings(language.code).menu_button)
        if language.code != SOURCE_LANGUAGE:  # the site's name is German everywhere
            html = htmlpost.mark_site_name(html, SOURCE_LANGUAGE)
        html = htmlpost.mark_latin_script(html, language.code, self.quoted)
        html = htmlpost.unsearchable_headerlinks(html)
        return htmlpost.add_content_security_policy(html)

    def language_written(self, language: Language) -> None:
        """Start this language's search index in the background while the next language builds
        (a preview starts them at its end, after the open data, see ``finish``)."""
        model = self.result.model if self.result else None
        if model is None or self.site_dir is None or self.previewing:
            return
        if self.indexer is None:
            self.indexer = search.Indexer(self.site_dir, model.languages)
        self.indexer.start(language.code)

    def rebuild_only(self) -> tuple[set[str], set[str] | None]:
        """(the generated pages, those whose output changed since the last rebuild of a preview);
        None: build every page again (see site.adapter.rebuild_only)."""
        return set(self.result.paths) if self.result else set(), self.result.changed if self.result else None

    def finish(self, site_name: str, *, last: bool = True) -> None:
        """After the *last* language: the German 404 page, open data, the search index, PDFs."""
        result, site_dir = self.result, self.site_dir
        if not last or result is None or result.model is None or site_dir is None:
            return
        if self.not_found_page is not None:
            (site_dir / "404.html").write_text(self.not_found_page, encoding="utf-8")
        if self.preview is not None:  # a case removed since the last rebuild: its pages go too
            remove_built(site_dir, self.preview.removed, result.model.languages[0])
        titles = {lang: f"{site_name}: {Strings(lang).feed_title}" for lang in result.model.languages}
        started = time.perf_counter()
        with without_gc():
            if self.preview is not None:
                opendata.write(site_dir, result.model, self.root / "schemas", site_name, titles, build_date(), self.preview.reuse, self.preview.current)
            else:
                opendata.write(site_dir, result.model, self.root / "schemas", site_name, titles, build_date())
        written = time.perf_counter()
        problem = self._search_index(site_dir, result.model.languages)
        record_timings({**result.timings, "open_data": written - started, "search_wait": time.perf_counter() - written})
        if not problem and pdf_wanted():
            problem = pdf.print_checklists(site_dir, result.model.languages, result.model.languages[0])
        if problem:
            raise BuildStopped(problem)
        if self.preview is not None and self.preview.listings_pending:
            self._follow_up().joinpath("listings").write_text(f"{time.time_ns()}\n", encoding="utf-8")

    def _search_index(self, site_dir: Path, languages: tuple[str, ...]) -> str:
        """Wait for the search index of every language (a problem, or ""); a preview's starts now
        and follows in seconds, at low priority, while the preview already shows the pages."""
        problem = ""
        if self.previewing:
            self.indexer = search.Indexer(site_dir, languages, background=True)
            for lang in languages:
                self.indexer.start(lang)
            search.leave_running(self.indexer)
        elif self.indexer is not None:
            problem = self.indexer.finish()
        self.indexer = None
        return problem

    def _follow_up(self) -> Path:
        folder = self.root / FOLLOW_UP
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def failed(self) -> None:
        """A failed build leaves no search index run behind."""
        if self.indexer is not None:
            self.indexer.cancel()
            self.indexer = None

    def watched(self) -> list[Path]:
        """Folders a preview watches besides docs/: the content, the site's own texts and page
        templates in the package (read again when they change, see load/filecache.py), and the
        folder where a rebuild that left the listings for later starts the next one."""
        folders = [self.root / name for name in WATCHED] + [UI_DIR, UI_DIR.parent / "templates"]
        return [folder for folder in folders if folder.is_dir()] + [self._follow_up()]
