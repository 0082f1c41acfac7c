"""German text on Arabic, Persian and Ukrainian pages is marked as German (#16, point 3).

A case's texts that no translation gives are shown in their German original. Tagged with the
page's language, a screen reader reads them with an Arabic or Ukrainian voice, and a right-to-left
page moves their full stops to the wrong end. Each such text carries ``lang="de" dir="ltr"``;
and no Arabic or Cyrillic text ever sits under ``lang="de"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from praxis_kb import model
from praxis_kb.model import Case, SourceText

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["ar", "fa", "uk"]

# For each German text: is it on the page, under which language, laid out which way?
FIND = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const squash = (s) => s.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ');
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (el.closest('.pk-network-earlier, details:not([open])')) continue;
    if (squash(node.textContent).includes(needle)) {
      const tagged = el.closest('[lang]');
      return {lang: tagged.getAttribute('lang'), dir: getComputedStyle(el).direction};
    }
  }
  return null;
}"""

# Text in Arabic or Cyrillic script under lang="de": a translation wrongly marked as German.
FOREIGN_UNDER_GERMAN = """() => {
  const found = [];
  for (const el of document.querySelectorAll('[lang="de"]')) {
    const text = el.textContent;
    if (/[\\u0600-\\u06FF\\u0400-\\u04FF]/.test(text)) found.push(text.slice(0, 80));
  }
  return found;
}"""


def source_texts(value: Any) -> Iterator[str]:
    """Every text of a case that is still its German original."""
    if isinstance(value, SourceText):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from source_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from source_texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from source_texts(getattr(value, name))


@pytest.fixture(scope="module")
def cases(built: model.Model) -> dict[str, dict[str, Case]]:
    return built.cases


def test_only_texts_left_in_german_are_marked(cases: dict[str, dict[str, Case]]) -> None:
    case = cases["runder-tisch-kleinstadt"]
    assert not list(source_texts(case["de"]))  # the German page: nothing is foreign
    arabic = list(source_texts(case["ar"]))
    assert arabic and case["ar"].title not in arabic  # the Arabic file translates the title
    assert all(not isinstance(t, SourceText) for t in (case["ar"].id, case["ar"].site.site_type))  # ids are no text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_german_texts_are_tagged_german_and_laid_out_left_to_right(page: Any, base_url: str, cases: dict[str, dict[str, Case]], lang: str) -> None:
    checked = 0
    for case_id, by_lang in sorted(cases.items()):
        page.goto(f"{base_url}/{lang}/praxis/{case_id}/")
        assert page.evaluate(FOREIGN_UNDER_GERMAN) == [], case_id
        # texts long enough not to be found inside another text (a short name can be quoted in one)
        for text in sorted({" ".join(t.split()) for t in source_texts(by_lang[lang]) if len(t) >= 25}):
            needle = text[:60]
            where = page.evaluate(FIND, needle)
            if where is None:  # not every text is on the page itself (e.g. only in a tooltip-free print part)
                continue
            assert where == {"lang": "de", "dir": "ltr"}, f"{lang}/{case_id}: {needle!r} sits under {where}"
            checked += 1
    assert checked > 100  # the check saw the case data, not an empty page


WESTERN_DIGITS_IN_PICTURES = """() => [...document.querySelectorAll('article svg text')]
  .map((t) => t.textContent).filter((t) => /[0-9]/.test(t))"""


def test_persian_pages_write_numbers_in_persian_digits_in_pictures_tables_and_lists(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/fa/praxis/runder-tisch-kleinstadt/")
    assert page.evaluate(WESTERN_DIGITS_IN_PICTURES) == []  # ladder steps and the map's numbers
    assert page.locator("article svg text", has_text="۳").count() >= 2
    numbers = page.locator(".pk-actors td:first-child, table td[data-label]:first-child").first.inner_text()
    assert numbers.strip() == "۱"
    marker = page.evaluate("getComputedStyle(document.querySelector('.pk-actor-key')).listStyleType")
    assert marker == "persian"
    page.goto(f"{base_url}/ar/praxis/runder-tisch-kleinstadt/")  # Arabic pages keep the digits they use
    assert page.locator("article svg text", has_text="3").count() >= 2


# Every text the reader sees in Latin script, and where it sits. A picture's <title> and <desc>
# are left out: a screen reader reads an accessible name as one string and cannot change voice
# inside it (render/latin.py).
LATIN_OUTSIDE_ITS_LANGUAGE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template, svg title, svg desc')) continue;
    if (!/[A-Za-z\u00c0-\u024f]/.test(node.textContent)) continue;
    const tagged = el.closest('[lang]');
    const lang = tagged ? tagged.getAttribute('lang').split('-')[0] : '';
    const dir = getComputedStyle(el).direction;
    if (!['de', 'en'].includes(lang) || dir !== 'ltr') found.push(`${lang}/${dir}: ${node.textContent.trim().slice(0, 70)}`);
  }
  return found;
}"""

# Pages whose script shows more than the server wrote: the matcher with answers, a filtered Finder.
ANSWERED = ["passt-das/?standorttyp=kleinstadt&akteur=fsa&ressource=raum", "praxis/?standorttyp=kleinstadt"]


def _pages(built_site: Path, lang: str) -> list[str]:
    found = sorted(p.parent.relative_to(built_site / lang).as_posix() for p in (built_site / lang).rglob("index.html"))
    return [f"{lang}/" if p == "." else f"{lang}/{p}/" for p in found] + [f"{lang}/{a}" for a in ANSWERED]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_every_page_latin_script_is_marked_german_or_english_and_runs_left_to_right(page: Any, base_url: str, built_site: Path, lang: str) -> None:
    pages = _pages(built_site, lang)
    assert len(pages) > 40
    for address in pages:
        page.goto(f"{base_url}/{address}")
        assert page.evaluate(LATIN_OUTSIDE_ITS_LANGUAGE) == [], address
        assert page.evaluate(FOREIGN_UNDER_GERMAN) == [], address


def test_a_framework_quoted_in_english_is_marked_english_on_every_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/ar/kriterien/klare-zustaendigkeiten/")
    cell = page.locator("td span", has_text="Intersectoral collaboration").first
    assert cell.get_attribute("lang") == "en"
    page.goto(f"{base_url}/kriterien/klare-zustaendigkeiten/")  # on the German page too
    assert page.locator("td span[lang=en]", has_text="Intersectoral collaboration").count() == 1
    assert page.locator("td span[lang]", has_text="Integriertes Handeln").count() == 0  # German on a German page
