"""What the build needs to know from MkDocs and mkdocs-static-i18n, read in one place.

The hooks hand MkDocs' objects to these functions and pass plain values on to ``SiteBuild``;
when the site generator changes (Material reaches end of life on 2027-05-05), this module and
``hooks/`` are what is rewritten.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from praxis_kb.render.escaping import GenderStar
from praxis_kb.site.build import Language, SiteBuild
from praxis_kb.site.generate import GENERATED_DIRS, source_language_only

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def language(config: MkDocsConfig) -> Language:
    """The language being built. static-i18n builds the other languages inside the source
    language's build (``building`` is true meanwhile)."""
    i18n = _i18n(config)
    if i18n is None:
        return Language(config.theme["language"], outermost=True)
    code = getattr(i18n, "current_language", None) or i18n.default_language
    return Language(code, outermost=code == i18n.default_language and not getattr(i18n, "building", False))


def inside_another_language(config: MkDocsConfig) -> bool:
    """Whether this is static-i18n's build of a further language (not the whole build's end)."""
    return bool(getattr(_i18n(config), "building", False))


def source_language(page: Page) -> str | None:
    """The language of the file a page shows (static-i18n falls back to the source language)."""
    return getattr(page.file, "locale", None)


def languages_to_build(config: MkDocsConfig) -> tuple[str, ...] | None:
    """All languages; only the source language in a German-only preview (make serve-de)."""
    i18n = _i18n(config)
    if not source_language_only() or i18n is None:
        return None
    for entry in i18n.config.languages:
        entry.build = bool(entry.default)
    return (i18n.default_language,)


def configure_arguments(config: MkDocsConfig) -> dict[str, Any]:
    """What ``SiteBuild.configure`` needs; the site's Markdown extension is added on the way, and
    the theme keeps its compiled templates between a preview's rebuilds."""
    add_markdown_extensions(config)
    keep_compiled_templates(config)
    _quiet_dirty_warning()
    return {
        "docs_dir": Path(config.docs_dir),
        "site_dir": Path(config.site_dir),
        "site_url": config.site_url or "",
        "dev_host": config.dev_addr.host,
        "dev_port": config.dev_addr.port,
        "languages": languages_to_build(config),
    }


def with_fragments(context: dict[str, Any], page: Page, build: SiteBuild | None) -> dict[str, Any]:
    """A generated page's HTML fragments join its HTML just before MkDocs renders the page's
    template (``page_context``); MkDocs converts every page of a language before it writes the
    first, so until then the pages are small."""
    if build is not None:
        page.content = build.with_fragments(page.content or "", src_uri=page.file.src_uri)
    return context


def written(page: Page, output: str) -> str:
    """Let go of a page's Markdown and HTML once its document is made (MkDocs writes it next).

    MkDocs keeps every page of the language it builds, and static-i18n builds the other languages
    while the source language's pages are still held: with thousands of cases that is gigabytes.
    Nothing reads them later (the site's search is Pagefind, over the written files); empty texts,
    not None: a page's title, which other pages' navigation shows, is None without Markdown.
    """
    page.markdown = ""
    page.content = ""
    return output


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def add_markdown_extensions(config: MkDocsConfig) -> None:
    """The site's own Python-Markdown extension for every page MkDocs renders: the gender star
    (Akteur*innen) stays a star, as in the case narratives (render/escaping.py)."""
    extensions = config.markdown_extensions
    if not any(isinstance(extension, GenderStar) for extension in extensions):
        extensions.append(GenderStar())  # type: ignore[arg-type]


def rebuild_only(files: Files, build: SiteBuild | None) -> Files:
    """Which pages a dirty rebuild (``mkdocs serve --dirty``) builds again.

    MkDocs builds a page again when its file is newer than its output. A generated page's HTML
    fragments are not in its file (render/fragments.py), so for generated pages the preview says
    which changed (*changed*, paths below docs/); hand-written pages keep MkDocs' own test. With
    *changed* None (the first build, or a vocabulary, a criterion, the site's texts, a template
    changed) every page is built again. Without --dirty MkDocs builds every page anyway.
    """
    generated, changed = build.rebuild_only() if build else (set(), None)
    for file in files.documentation_pages():
        if changed is None:
            file.is_modified = _always  # type: ignore[method-assign]
        elif file.src_uri in generated:
            file.is_modified = _always if file.src_uri in changed else _never  # type: ignore[method-assign]
    return files


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def watch(server: LiveReloadServer, config: MkDocsConfig, folders: list[Path]) -> LiveReloadServer:
    """What a preview rebuilds for: *folders* (the content, the site's texts and templates), and
    docs/ without the folders the build writes itself (MkDocs watches all of docs/): a generated
    page written by one rebuild must not start the next."""
    docs_dir = Path(config.docs_dir)
    server.unwatch(str(docs_dir))
    server.watch(str(docs_dir), recursive=False)
    for folder in sorted(path for path in docs_dir.iterdir() if path.is_dir() and path.name not in GENERATED_DIRS):
        server.watch(str(folder))
    for folder in folders:
        server.watch(str(folder))
    return server


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process. MkDocs makes a new Jinja environment for
    every rebuild of a preview, which compiled Material's templates again each time (about a
    second); Jinja compares each template's source with the checksum it stored, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.code.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def keep_compiled_templates(config: MkDocsConfig) -> None:
    """Every Jinja environment the theme makes uses the compiled templates of earlier builds."""
    theme = config.theme
    if getattr(theme, "praxis_compiled", False):
        return
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = _COMPILED
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    theme.praxis_compiled = True  # type: ignore[attr-defined]


class _DirtyWarning(logging.Filter):
    """MkDocs warns on every `serve --dirty` rebuild that navigation may be inaccurate; the
    preview decides itself which pages are built again (``rebuild_only``), so the warning would
    only alarm contributors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(found, _DirtyWarning) for found in logger.filters):
        logger.addFilter(_DirtyWarning())
