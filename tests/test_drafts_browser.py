"""Drafts in a preview (make serve, make preview; #15), as a contributor sees them on a phone and on
paper: a draft carries the banner "Entwurf", each value still missing is marked („fehlt noch: …“,
never the raw ERGÄNZEN text), and a broken draft is a page listing its problems, in German with
line and column, while the rest of the site is built.

Set PRAXIS_SCREENSHOTS to a folder to keep screenshots of what the tests look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import build_site, serve
from conftest import copy_project
from drafts_support import BROKEN, COMPLETE, OPEN, UNFINISHED, broken_draft, complete_draft, unfinished_draft

from praxis_kb.load.project import Project
from praxis_kb.render.strings import Strings

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "ar"]
WIDTH = 390


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A preview build of the shipped content with three drafts: complete, unfinished, broken."""
    project = copy_project(tmp_path_factory.mktemp("drafts"))
    complete_draft(project)
    unfinished_draft(project)
    _, line = broken_draft(project)
    site = project.root / "site"
    env = {k: v for k, v in os.environ.items() if k != "PRAXIS_UNGEPRUEFT"}
    build_site(project.root, site, pdf=False, env={**env, "PRAXIS_ENTWURF": "1"})
    for base in serve(site):
        yield base, line


@pytest.fixture
def phone(browser: Any, preview: tuple[str, int]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, base_url=preview[0])
    yield context.new_page()
    context.close()


def address(lang: str, case: str) -> str:
    return f"/{'' if lang == 'de' else lang + '/'}praxis/{case}/"


def text_of(locator: Any) -> str:
    return " ".join(locator.inner_text().replace("\u00ad", "").split())


def shot(tab: Any, name: str) -> None:
    folder = os.environ.get("PRAXIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / f"{name}.png"))


def fits(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_draft_carries_the_banner_near_the_top(phone: Any, lang: str) -> None:
    t = Strings(lang)
    phone.goto(address(lang, COMPLETE))
    banner = phone.locator(".admonition.pk-draft")
    assert banner.count() == 1 and banner.is_visible()
    assert text_of(banner.locator(".admonition-title")) == t.draft_title
    assert " ".join(str(t.draft_text).split()) in text_of(banner)
    assert t.draft_unfinished not in text_of(banner)  # nothing is missing in this one
    box = banner.bounding_box()
    assert box is not None and box["y"] < 844  # on the first screen
    facts = phone.locator("dl.pk-facts").first
    assert t.not_reviewed in text_of(facts.locator("div", has=phone.locator("dt", has_text=t.last_verified)))
    assert fits(phone)
    shot(phone, f"draft-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_missing_value_is_marked(phone: Any, lang: str) -> None:
    t = Strings(lang)
    phone.goto(address(lang, UNFINISHED))
    banner = phone.locator(".admonition.pk-draft")
    assert " ".join(str(t.draft_unfinished).split()) in text_of(banner)
    marks = phone.locator("mark.pk-missing")
    assert marks.count() >= len(OPEN)
    shown = [text_of(marks.nth(i)) for i in range(marks.count())]
    for value in OPEN.values():
        assert f"{t.missing_label} {value.removeprefix('ERGÄNZEN: ')}" in shown, shown
    assert "ERGÄNZEN" not in phone.locator("article").inner_text()  # marked, never the raw marker
    first = marks.first
    assert first.is_visible()
    style = first.evaluate("m => { const s = getComputedStyle(m); return [s.backgroundColor, s.outlineStyle]; }")
    assert style == ["rgb(255, 241, 168)", "dashed"]
    if lang != "de":  # the German text keeps its own direction in a right-to-left page
        assert first.locator("bdi").get_attribute("lang") == "de"
    assert fits(phone)
    first.scroll_into_view_if_needed()
    shot(phone, f"missing-{lang}")
    phone.locator("dl.pk-facts").first.scroll_into_view_if_needed()
    shot(phone, f"missing-facts-{lang}")


def test_the_banner_and_the_marks_are_printed(phone: Any) -> None:
    phone.goto(address("de", UNFINISHED))
    phone.emulate_media(media="print")
    assert phone.locator(".admonition.pk-draft").is_visible()
    mark = phone.locator("mark.pk-missing").first
    assert mark.is_visible()
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "dashed"  # legible in black and white


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_broken_draft_is_a_page_of_its_problems(phone: Any, preview: tuple[str, int], lang: str) -> None:
    t = Strings(lang)
    line = preview[1]
    response = phone.goto(address(lang, BROKEN))
    assert response is not None and response.status == 200
    assert text_of(phone.locator("h1").first) == f"{t.draft_broken_title}: {BROKEN}"
    problems = phone.locator("ol.pk-draft-problems")
    assert problems.get_attribute("lang") == "de"  # the validator's words, in German
    [problem] = [text_of(problems.locator("li").nth(i)) for i in range(problems.locator("li").count())]
    assert problem.startswith(f"Fehler in Zeile {line}, Spalte 16 praxis/{BROKEN}.de.md:{line}:16 $.standort.standorttyp: 'Dorf' ist kein erlaubter Wert")
    assert fits(phone)
    shot(phone, f"broken-{lang}")


def test_the_rest_of_the_site_is_built(phone: Any) -> None:
    phone.goto("/praxis/")
    for case in (COMPLETE, UNFINISHED):  # in the Praxisfinder, each with its chip
        card = phone.locator(f'li.pk-case-card[data-case="{case}"]')
        assert card.locator(".pk-chip--draft").count() == 1, case
    assert phone.locator(f'li.pk-case-card[data-case="{BROKEN}"]').count() == 0  # a broken case has its page only
    phone.goto(address("de", "runder-tisch-kleinstadt"))
    assert phone.locator(".admonition.pk-draft").count() == 0 and phone.locator("mark.pk-missing").count() == 0


def test_the_preview_is_a_copy_of_the_project(preview: tuple[str, int]) -> None:
    """The drafts were added to a copy: the repository itself is untouched."""
    root = Project(Path(__file__).resolve().parent.parent)
    assert not (root.cases_dir / f"{BROKEN}.de.md").exists() and not (root.cases_dir / f"{UNFINISHED}.de.md").exists()
