"""The MkDocs hooks at event level: a loaded config and MkDocs' own events, no full build.

The hooks only forward events to one ``SiteBuild``; these tests drive them as MkDocs and
mkdocs-static-i18n do and look at what the build object did (as static-i18n's own tests do).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from praxis_kb.load.project import Project
from praxis_kb.site.build import Language, SiteBuild

CASE = "runder-tisch-kleinstadt"


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("PRAXIS_SITE_URL", raising=False)
    monkeypatch.delenv("PRAXIS_NUR_DEUTSCH", raising=False)


def configured(project: Project) -> tuple[MkDocsConfig, ModuleType]:
    """The sandbox's config loaded and run through on_config, as `mkdocs build` starts."""
    config = load_config(str(project.root / "mkdocs.yml"))
    hooks = config.plugins["hooks/praxis_hooks.py"]
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    return config, hooks  # type: ignore[return-value]


def test_on_config_checks_the_content_and_generates_every_language_once(sandbox: Project, quiet: None) -> None:
    config, hooks = configured(sandbox)
    build = hooks.build
    assert isinstance(build, SiteBuild) and build.result is not None and not build.result.problems.errors
    for lang in sandbox.languages:
        assert (sandbox.docs_dir / "praxis" / f"{CASE}.{lang}.md").exists()
    assert build.site_dir == Path(config.site_dir)
    # static-i18n's build of the next language runs on_config again: nothing is generated anew
    i18n = config.plugins["i18n"]
    i18n.current_language, i18n.building = "en", True
    (sandbox.docs_dir / "praxis" / f"{CASE}.en.md").unlink()
    config.plugins.on_config(config)
    assert hooks.build is build and not (sandbox.docs_dir / "praxis" / f"{CASE}.en.md").exists()


def test_an_error_in_the_content_stops_the_build_with_the_validators_count(sandbox: Project, quiet: None, capsys: pytest.CaptureFixture[str]) -> None:
    case = sandbox.cases_dir / f"{CASE}.de.md"
    case.write_text(case.read_text(encoding="utf-8").replace("standorttyp: kleinstadt", "standorttyp: dorf", 1), encoding="utf-8")
    with pytest.raises(Abort, match=r"Die Website wurde nicht gebaut: 1 Fehler in den Inhalten"):
        configured(sandbox)
    assert f"praxis/{CASE}.de.md:" in capsys.readouterr().err  # the message names file and line


def test_a_generated_page_gets_its_html_back_and_every_page_its_language(sandbox: Project, quiet: None) -> None:
    config, hooks = configured(sandbox)
    src_uri = f"praxis/{CASE}.de.md"
    fragments = hooks.build.store.fragments(src_uri)
    marker = '<div class="pk-fragment" data-pk-fragment="0"></div>'
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale="de"), markdown="## x", content=f"<h2>x</h2>{marker}")
    html = hooks.on_page_content(f"<h2>x</h2>{marker}", page=page, config=config, files=None)
    assert html == f"<h2>x</h2>{marker}"  # the fragments join the page when it is written
    hooks.on_page_context({}, page=page, config=config, nav=None)
    assert page.content == "<h2>x</h2>" + fragments[0]
    document = (
        '<!doctype html><html class="no-js"><head><meta charset="utf-8"></head><body>'
        f'<article class="md-content__inner md-typeset"><h2>x</h2>{marker}</article></body></html>'
    )
    finished = hooks.on_post_page(document, page=page, config=config)
    assert '<html lang="de" dir="ltr" class="no-js">' in finished
    assert "data-pagefind-body" in finished and 'http-equiv="Content-Security-Policy"' in finished
    assert page.markdown == "" and page.content == ""  # let go once written


def test_a_hand_written_page_without_translation_is_marked_in_an_arabic_build(sandbox: Project, quiet: None) -> None:
    config, hooks = configured(sandbox)
    i18n = config.plugins["i18n"]
    i18n.current_language, i18n.building = "ar", True
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="ueber.de.md", locale="de"))
    html = hooks.on_page_content("<h1>Über das Projekt</h1>", page=page, config=config, files=None)
    assert 'class="pk-untranslated" lang="de" dir="ltr"' in html and "<h1>Über das Projekt</h1>" in html
    assert "لم يُترجَم بعد" in html  # the notice, in Arabic


def test_the_source_languages_404_page_is_kept_for_the_site_root(sandbox: Project, quiet: None) -> None:
    config, hooks = configured(sandbox)
    document = '<html><head><meta charset="utf-8"></head><body>Seite nicht gefunden</body></html>'
    hooks.on_post_template(document, template_name="404.html", config=config)
    i18n = config.plugins["i18n"]
    i18n.current_language, i18n.building = "en", True
    hooks.on_post_template(document.replace("Seite nicht gefunden", "Not found"), template_name="404.html", config=config)
    assert hooks.build.not_found_page is not None and "Seite nicht gefunden" in hooks.build.not_found_page


def test_the_german_only_preview_builds_the_source_language_only(sandbox: Project, quiet: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_NUR_DEUTSCH", "1")
    config, _ = configured(sandbox)
    built = [entry.locale for entry in config.plugins["i18n"].config.languages if entry.build]
    assert built == ["de"]
    assert not (sandbox.docs_dir / "praxis" / f"{CASE}.en.md").exists()


def test_finishing_is_left_to_the_outermost_build(sandbox: Project, quiet: None) -> None:
    config, hooks = configured(sandbox)
    events: list[str] = []
    hooks.build.language_written = lambda language: events.append(f"index {language.code}")  # type: ignore[method-assign]
    hooks.build.finish = lambda site_name: events.append("finish")  # type: ignore[method-assign]
    i18n = config.plugins["i18n"]
    i18n.current_language, i18n.building = "en", True  # static-i18n's build of another language ends
    config.plugins.on_post_build(config=config)
    assert events == ["index en"]
    # the whole build ends after the last language (static-i18n's own handler would build them all)
    i18n.current_language, i18n.building = "uk", False
    for handler in config.plugins.events["post_build"]:
        if getattr(handler, "__module__", "") == hooks.__name__:
            handler(config=config)
    assert events == ["index en", "index uk", "finish"]


def test_a_site_build_without_content_does_nothing_at_its_end(tmp_path: Path) -> None:
    build = SiteBuild(tmp_path)
    build.language_written(Language("de", outermost=True))
    build.finish("Praxiswissen")  # nothing generated: nothing to index, write or print
    assert build.indexer is None and not any(tmp_path.iterdir())
    assert build.page_content("<p>x</p>", src_uri="index.de.md", source_language="de", language=Language("de", True)) == "<p>x</p>"


def test_the_hooks_only_forward_events(root: Path) -> None:
    """hooks/ is the thin adapter that is rewritten when the site generator changes: no logic,
    no state beyond the one build object."""
    import ast

    source = (root / "hooks" / "praxis_hooks.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 90  # one short function per MkDocs event
    tree = ast.parse(source)
    state = [
        t.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(t, ast.Name)
    ]
    assert state == ["build", "on_post_build"], state  # the build object, and the combined post-build event
    assert "._" not in source  # no private attribute of MkDocs' objects is read or written
