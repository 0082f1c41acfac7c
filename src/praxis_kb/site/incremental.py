"""A preview that keeps its work between rebuilds (``mkdocs serve``, ``make serve-de``).

One ``Preview`` lives as long as the preview's process. On every rebuild only what an edit touches
is done again, everything else is taken from the last build, looked up by content hash:

- checking: a case file and its translations (``validate.content.CheckCache``);
- the model: the typed cases of a case whose files did not change are reused;
- rendering: the page of such a case is reused; the pages listing cases (the Praxisfinder, the
  overview, criteria, site types, checklists) are rendered again, unless the edit changed no
  more than narratives, which no listing shows; they are joined from pieces kept per case (a
  Praxisfinder card, a case's rows on a criterion's page: ``render.pieces``), so that only the
  edited case's pieces are rendered again;
- the Praxisfinder's files of cards: a file whose text did not change is not passed through the
  site's HTML passes again (``chunks``, for ``render.finder.finish_chunk``);
- MkDocs: only pages whose source or HTML fragments changed are built again (``changed``; the
  preview runs with ``--dirty``, see ``site.adapter.rebuild_only``). ``mkdocs serve`` answers
  only after a whole rebuild; with ``defer_listings`` an edited title therefore shows on the
  case's page after a rebuild of that page alone, and the listings follow in the next one;
- open data: a case's JSON and CSV row are reused.

Anything every page depends on (vocabularies, criteria, schemas, the site's texts and page
templates, mkdocs.yml, the theme's overrides, the build's settings) goes into ``inputs``: when
it changes, everything is built again. The result is always the same as a full build's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from praxis_kb import model as model_
from praxis_kb.load.project import UI_DIR, Project
from praxis_kb.model import Case, Model
from praxis_kb.render import CasePage, Context, Page, pieces
from praxis_kb.render.case import page as case_page
from praxis_kb.validate import content

TEMPLATES_DIR = UI_DIR.parent / "templates"
T = TypeVar("T")


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts) if folder.is_dir() else []


def inputs_digest(project: Project, stage: content.Stage, settings: Iterable[str]) -> str:
    """The hash of everything every page depends on besides the case files."""
    files = [project.root / "mkdocs.yml", *_files(project.root / "overrides"), *_files(UI_DIR), *_files(TEMPLATES_DIR)]
    parts = [content.context_digest(project, stage), *settings]
    parts += [f"{path}:{content.digest(path.read_bytes())}" for path in files if path.is_file()]
    return content.digest("\n".join(parts).encode())


def page_digest(page: Page) -> str:
    """What MkDocs builds a generated page from: its source text and its HTML fragments."""
    return content.digest("\0".join((page.text, *page.fragments)).encode())


@dataclass
class Preview:
    """The work of the last build, and how much the last rebuild did again (for tests and timing)."""

    check: content.CheckCache = field(default_factory=content.CheckCache)
    inputs: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict)  # case id → hash of its files
    model: Model | None = None
    case_pages: dict[tuple[str, str], tuple[str, Page]] = field(default_factory=dict)  # (language, id) → (fingerprint, page)
    outputs: dict[str, str] = field(default_factory=dict)  # generated page → page_digest
    digested: dict[str, Page] = field(default_factory=dict)  # generated page → the page its digest in outputs is of
    pieces: dict[tuple[str, ...], tuple[Case, object]] = field(default_factory=dict)  # (*key, id) → (the case's model, piece)
    pieces_made: list[tuple[str, ...]] = field(default_factory=list)  # pieces of listings rendered again in the last rebuild
    chunks: dict[str, tuple[str, Page]] = field(default_factory=dict)  # Praxisfinder's file of cards → (its text, finished: finder.finish_chunk)
    open_data: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (kind, id) → (fingerprint, text)
    changed: set[str] | None = None  # generated pages whose output changed; None: build everything
    remodelled: set[str] = field(default_factory=set)  # cases modelled again in the last rebuild
    rendered: list[tuple[str, str]] = field(default_factory=list)  # case pages rendered again
    listings_rendered: bool = True  # whether the last rebuild rendered the pages listing cases
    only_narratives: bool = False  # the cases modelled again differ from before in their narrative at most
    same_cases: bool = False  # the last rebuild has the cases of the one before (none added or removed)
    defer_listings: bool = False  # an edit of a listed field renders the listings in a rebuild of their own (see render)
    listings_pending: bool = False  # the last rebuild left the listings as they were: the next one renders them
    rendered_pages: list[Page] = field(default_factory=list)  # every page render_all made last time
    remade: set[str] = field(default_factory=set)  # cases whose open data this rebuild made again
    removed: set[str] = field(default_factory=set)  # generated pages the last rebuild no longer has
    _same_inputs: bool = False

    def start(self, inputs: str) -> None:
        """A rebuild begins: with other *inputs* than last time nothing is reused."""
        self._same_inputs = inputs == self.inputs
        if not self._same_inputs:
            self.fingerprints, self.model, self.case_pages, self.open_data, self.pieces, self.chunks = {}, None, {}, {}, {}, {}
        self.inputs = inputs
        self.remodelled, self.rendered, self.remade, self.pieces_made = set(), [], set(), []

    def fingerprint(self, files: content.CaseFiles) -> str:
        """The hash of a case's files: its German original and every translation that joined it."""
        parts = [f"de:{self.check.digest_of(files.source.path)}"]
        parts += [f"{lang}:{self.check.digest_of(doc.path)}" for lang, doc in sorted(files.translations.items())]
        return content.digest("\n".join(parts).encode())

    def build_model(self, catalogue: content.Catalogue, languages: tuple[str, ...]) -> Model:
        """The model, with the typed cases of unchanged cases taken from the last build."""
        fingerprints = {case_id: self.fingerprint(files) for case_id, files in catalogue.cases.items()}
        old = self.model if self.model is not None and self.model.languages == languages else None
        changed = {case_id for case_id, found in fingerprints.items() if old is None or self.fingerprints.get(case_id) != found}
        part = content.Catalogue(catalogue.project, catalogue.vocabularies, catalogue.criteria, {case_id: catalogue.cases[case_id] for case_id in changed})
        fresh = model_.build(part, languages)
        cases = {case_id: fresh.cases[case_id] if case_id in changed else old.cases[case_id] for case_id in sorted(fingerprints)}  # type: ignore[union-attr]
        records = {case_id: fresh.records[case_id] if case_id in changed else old.records[case_id] for case_id in sorted(fingerprints)}  # type: ignore[union-attr]
        self.model = Model(languages, fresh.vocabularies, fresh.criteria, cases, fresh.shape, records)
        self.same_cases = old is not None and old.cases.keys() == cases.keys()
        self.only_narratives = self.same_cases and all(_same_but_narrative(old.cases[c], cases[c]) for c in changed)  # type: ignore[union-attr]
        self.fingerprints, self.remodelled = fingerprints, changed
        return self.model

    def render(self, model: Model, render_all: Callable[[CasePage], list[Page]], context: Callable[[str], Context]) -> list[Page]:
        """Every page, as ``render_all(case_page)`` renders them. When only narratives changed, the
        pages listing cases are those of the last build (no listing shows a narrative; the tests
        compare the result with a full build's) and only the changed cases' pages are rendered.

        With ``defer_listings`` an edit that changes a listing (a title) is done in two rebuilds:
        this one renders only the edited cases' pages, so that MkDocs builds them at once, and
        leaves ``listings_pending``; the next one (which the preview starts right after this one,
        see site/build.py) renders the listings too, and its pages are a full build's."""
        kept = self.rendered_pages
        defer = self.defer_listings and self.same_cases and bool(self.remodelled) and bool(kept)
        if kept and (self.only_narratives or defer) and not (self.listings_pending and not self.remodelled):
            self.listings_pending = self.listings_pending or not self.only_narratives
            return self._case_pages_only(model, kept, context)
        with pieces.kept_by(self.piece):
            self.listings_rendered, self.rendered_pages = True, render_all(self.case_page)
        self.listings_pending = False
        return self.rendered_pages

    def _case_pages_only(self, model: Model, kept: list[Page], context: Callable[[str], Context]) -> list[Page]:
        """The pages of the last build with those of the cases modelled again rendered again."""
        contexts = {lang: context(lang) for lang in model.languages}
        fresh = {
            page.path: page
            for case_id in sorted(self.remodelled)
            for lang in model.languages
            for page in [self.case_page(contexts[lang], model.cases[case_id][lang])]
        }
        self.listings_rendered, self.rendered_pages = False, [fresh.get(page.path, page) for page in kept]
        return self.rendered_pages

    def case_page(self, ctx: Context, case: Case) -> Page:
        """A case's page; rendered again only when its files changed (``inputs`` cover the rest)."""
        key, found = (ctx.lang, case.id), self.fingerprints.get(case.id, "")
        kept = self.case_pages.get(key)
        if kept is not None and kept[0] == found and found:
            return kept[1]
        page = case_page(ctx, case)
        self.rendered.append(key)
        self.case_pages[key] = (found, page)
        return page

    def piece(self, key: tuple[str, ...], case: Case, make: Callable[[], T]) -> T:
        """A piece of a page listing cases (``render.pieces``), rendered again only when the case's
        model is not the very object it was made of: ``build_model`` keeps the model of a case
        whose files did not change, and ``start`` forgets every piece when ``inputs`` change."""
        full = (*key, case.id)
        kept = self.pieces.get(full)
        if kept is not None and kept[0] is case:
            return cast(T, kept[1])
        made = make()
        self.pieces[full] = (case, made)
        self.pieces_made.append(full)
        return made

    def reuse(self, kind: str, case_id: str, make: Callable[[], str]) -> str:
        """Open data of one case (its JSON, its CSV row), made again only when its files changed."""
        key, found = (kind, case_id), self.fingerprints.get(case_id, "")
        kept = self.open_data.get(key)
        if kept is not None and kept[0] == found and found:
            return kept[1]
        text = make()
        self.open_data[key] = (found, text)
        self.remade.add(case_id)
        return text

    def current(self, case_id: str) -> bool:
        """Whether the case's own open data file, written by an earlier rebuild, is still right:
        its JSON was not made again in this one."""
        return ("json", case_id) in self.open_data and case_id not in self.remade

    def pages_written(self, pages: list[Page]) -> None:
        """Note which generated pages changed since the last build (all after changed inputs), and
        which are gone (a removed case)."""
        outputs = {page.path: self.outputs[page.path] if self.digested.get(page.path) is page else page_digest(page) for page in pages}
        first = not self.outputs or not self._same_inputs
        self.changed = None if first else {path for path, found in outputs.items() if self.outputs.get(path) != found}
        self.removed = set(self.outputs) - set(outputs)
        self.outputs, self.digested = outputs, {page.path: page for page in pages}
        gone = {key for key in self.case_pages if key[1] not in self.fingerprints}
        for key in gone:
            del self.case_pages[key]
        for found in [key for key in self.pieces if key[-1] not in self.fingerprints]:
            del self.pieces[found]


def built_page(source: str, source_language: str) -> str:
    """Where MkDocs writes the page of a generated source (use_directory_urls): praxis/a.en.md →
    en/praxis/a/index.html, praxis/index.de.md → praxis/index.html."""
    folder, _, name = source.rpartition("/")
    stem, lang = name.split(".")[:-1][0], name.split(".")[-2]
    parts = [] if lang == source_language else [lang]
    parts += [folder] if folder else []
    parts += [] if stem == "index" else [stem]
    return "/".join([*parts, "index.html"])


def remove_built(site_dir: Path, sources: Iterable[str], source_language: str) -> None:
    """Delete what a dirty rebuild left of removed pages (MkDocs keeps the site between them)."""
    for source in sorted(sources):
        target = site_dir / built_page(source, source_language)
        target.unlink(missing_ok=True)
        if target.parent != site_dir and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()


def _same_but_narrative(old: dict[str, Case], new: dict[str, Case]) -> bool:
    """Whether a case differs from its last build in its narrative at most, in every language."""
    return old.keys() == new.keys() and all(dataclasses.replace(old[lang], body="") == dataclasses.replace(new[lang], body="") for lang in old)


def settings(languages: tuple[str, ...], site_url: str, pdf: bool, today: dt.date, preview: bool) -> list[str]:
    """The build's settings as text, for ``inputs_digest``."""
    return [",".join(languages), site_url, str(pdf), today.isoformat(), str(preview)]
