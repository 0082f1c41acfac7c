"""What the build needs to know from MkDocs and mkdocs-static-i18n, read in one place.

The hooks hand MkDocs' objects to these functions and pass plain values on to ``SiteBuild``;
when the site generator changes (Material reaches end of life on 2027-05-05), this module and
``hooks/`` are what is rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_kb.render.escaping import GenderStar
from praxis_kb.site.build import Language
from praxis_kb.site.generate import source_language_only

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
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
    return {
        "docs_dir": Path(config.docs_dir),
        "site_dir": Path(config.site_dir),
        "site_url": config.site_url or "",
        "dev_host": config.dev_addr.host,
        "dev_port": config.dev_addr.port,
        "languages": languages_to_build(config),
    }


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def add_markdown_extensions(config: MkDocsConfig) -> None:
    """The site's own Python-Markdown extension for every page MkDocs renders: the gender star
    (Akteur*innen) stays a star, as in the case narratives (render/escaping.py)."""
    extensions = config.markdown_extensions
    if not any(isinstance(extension, GenderStar) for extension in extensions):
        extensions.append(GenderStar())  # type: ignore[arg-type]
