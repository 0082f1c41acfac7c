"""German long words break at a syllable on every page, not only on case pages (#16, point 14).

At 320 px, "Integrationsnetzwerken" or "Wohnungsunternehmen" in a heading is wider than the line.
Every page's main content carries soft hyphens (site/htmlpost.py, render/hyphenate.py); no heading
and no page is wider than the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "ueber/",
    "mitmachen/",
    "kriterien/",
    "kriterien/partizipation-gefluechteter/",
    "standorttypen/laendliche-region/",
    "offene-daten/",
    "barrierefreiheit/",
]

TOO_WIDE = """() => [...document.querySelectorAll('article h1, article h2, article h3, article p, article li')]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
  .map((el) => el.tagName + ': ' + el.textContent.trim().slice(0, 60))"""


@pytest.fixture
def narrow(browser: Any, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 700}, base_url=base_url)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_german_pages_fit_a_narrow_screen_and_break_long_words_at_syllables(narrow: Any, path: str) -> None:
    narrow.goto("/" + path)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    assert narrow.evaluate(TOO_WIDE) == []
    text = narrow.locator("article").inner_text()
    long_words = [w for w in text.split() if len(w.replace("\u00ad", "")) >= 16 and w.replace("\u00ad", "").isalpha()]
    assert long_words, "the page has long German words to test"
    assert any("\u00ad" in w for w in long_words)  # hyphenation points in the page


def test_the_search_still_finds_a_word_of_a_hyphenated_page(narrow: Any, built_site: Path) -> None:
    about = (built_site / "ueber" / "index.html").read_text(encoding="utf-8")
    article = about[about.index("<article") : about.index("</article>")]
    assert "Flüchtlingssozialarbeit" not in article and "Flüchtlingssozialarbeit" in article.replace("\u00ad", "")  # hyphenated
    narrow.goto("/suche/")
    narrow.fill(".pagefind-ui__search-input", "Flüchtlingssozialarbeit")
    narrow.wait_for_function("() => document.querySelector('.pagefind-ui__result-link') && !document.querySelector('.pagefind-ui__loading')")
    links = narrow.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(l => l.getAttribute('href'))")
    assert any("/ueber/" in link for link in links), links
