"""MkDocs hooks: forward MkDocs' events to one ``SiteBuild`` (praxis_kb.site.build). No logic here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority

from praxis_kb.site import adapter
from praxis_kb.site.build import BuildStopped, SiteBuild

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

build: SiteBuild | None = None


@event_priority(100)  # before static-i18n (-100) collects the files of each language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global build
    if build is None or adapter.language(config).outermost:
        build = SiteBuild(adapter.project_root(config))
    try:
        build.configure(adapter.language(config), **adapter.configure_arguments(config))
    except BuildStopped as stop:
        raise Abort(str(stop)) from None
    return config


@event_priority(-150)  # after static-i18n (-100) has made each language's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return adapter.rebuild_only(files, build)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert build is not None
    return build.page_content(html, src_uri=page.file.src_uri, source_language=adapter.source_language(page), language=adapter.language(config))


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    return adapter.with_fragments(context, page, build)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    assert build is not None
    return adapter.written(page, build.finish_page(output, source_language=adapter.source_language(page), language=adapter.language(config)))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    assert build is not None
    return build.finish_template(output_content, template_name=template_name, language=adapter.language(config))


@event_priority(-50)  # before static-i18n (-100) goes on to build the next language
def _language_written(config: MkDocsConfig) -> None:
    assert build is not None
    build.language_written(adapter.language(config))


@event_priority(-200)  # after static-i18n (-100) has built every other language
def _finish(config: MkDocsConfig) -> None:
    assert build is not None
    if adapter.inside_another_language(config):
        return
    try:
        build.finish(config.site_name)
    except BuildStopped as stop:
        raise Abort(str(stop)) from None


on_post_build = CombinedEvent(_language_written, _finish)


def on_build_error(error: Exception) -> None:
    if build is not None:
        build.failed()


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    return adapter.watch(server, config, build.watched() if build else [])
