"""The review workflow for native speakers (#19) on a phone, in German and Arabic: the
translation-status page says what its order means, lists what is unreviewed and leads to the
reviewers' guide in the reader's language; the guide fits the screen; the criterion on
participation names the ladder's steps as the case pages do.

Set PRAXIS_SCREENSHOTS to a folder to keep screenshots of what the tests look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import prefix

from praxis_kb.render.strings import Strings

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "ar"]
WIDTH = 390


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, base_url=base_url)
    yield context.new_page()
    context.close()


def text_of(locator: Any) -> str:
    return " ".join(locator.inner_text().replace("\u00ad", "").split())


def shot(tab: Any, name: str, *, full: bool = False) -> None:
    folder = os.environ.get("PRAXIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full)


def fits(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_page_lists_the_unreviewed_and_leads_to_the_guide(phone: Any, lang: str) -> None:
    t = Strings(lang)
    phone.goto(f"{prefix(lang)}uebersetzungen/")
    order = phone.locator(".pk-coverage-order")
    assert text_of(order) == " ".join(str(t.coverage_order).split())
    queue = phone.locator("details.pk-coverage-queue").first
    queue.locator("summary").click()
    first = queue.locator("ol > li").first
    assert "src/praxis_kb/ui/strings.yml" in text_of(first), "the site's own texts come first"
    assert fits(phone), "the lists of keys wrap at 390 px"
    shot(phone, f"uebersetzungen-{lang}")
    phone.locator(".pk-coverage-guide a").click()
    phone.wait_for_load_state()
    assert phone.url.split("?")[0].endswith(f"{prefix(lang)}pruefen/")
    assert phone.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_fits_a_phone(phone: Any, lang: str) -> None:
    phone.goto(f"{prefix(lang)}pruefen/")
    assert phone.locator("article h1").count() == 1
    assert phone.locator("article pre code").count() == 1, "the example of a marked entry"
    assert fits(phone)
    shot(phone, f"pruefen-{lang}")
    phone.locator("article pre").scroll_into_view_if_needed()
    shot(phone, f"pruefen-{lang}-markieren")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_criterion_names_the_steps_as_the_case_pages_do(phone: Any, lang: str) -> None:
    phone.goto(f"{prefix(lang)}praxis/runder-tisch-kleinstadt/")
    # each step of the ladder picture reads "<number> <label>", the case's step with a marker after it
    steps = [" ".join(t.split()).split(" ", 1)[1] for t in phone.locator("svg.pk-ladder text").all_text_contents() if t.strip()]
    assert len(steps) == 9, steps
    phone.goto(f"{prefix(lang)}kriterien/partizipation-gefluechteter/")
    text = text_of(phone.locator("article"))
    assert "{stufe:" not in text
    missing = [step for step in steps if step not in text and step.rsplit(" ", 1)[0] not in text]
    assert not missing, f"the criterion page names these steps otherwise: {missing}"
    shot(phone, f"kriterium-partizipation-{lang}")
