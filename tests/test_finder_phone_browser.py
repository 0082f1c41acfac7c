"""The Praxisfinder and the matcher on a phone (issue #16): suitable cases first, the count and
the first cases on the first screen, a visible and announced change on every tap, shared links
and the language switcher keep the filter, the outcome of the matcher announced, and a page that
does not jump while it loads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import PHONE, finder_ready, phone_tab, prefix

pytestmark = pytest.mark.browser

STRINGS = yaml.safe_load((Path(__file__).resolve().parent.parent / "src/praxis_kb/ui/strings.yml").read_text(encoding="utf-8"))
RANK = {"geeignet": 0, "bedingt-geeignet": 1, "nicht-geeignet": 2}


@pytest.fixture(scope="module")
def cases(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))["praxisbeispiele"]


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    with phone_tab(browser, base_url) as tab:
        yield tab


def shown(tab: Any, list_id: str = "pk-results") -> list[str]:
    return tab.eval_on_selector_all(f"#{list_id} > li", "items => items.filter(i => !i.hidden).map(i => i.dataset.case)")


def verdict(case: dict[str, Any], site: str) -> str:
    return str(case["daten"]["transfer"]["eignung"][site]["urteil"])


def open_filters(tab: Any) -> None:
    toggle = tab.locator(".pk-filter-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


# -- 10: the Praxisfinder ----------------------------------------------------------------------


@pytest.mark.parametrize("site", ["kleinstadt", "laendliche-region", "mittelgrosse-stadt"])
def test_a_site_type_puts_suitable_cases_first(phone: Any, cases: list[dict[str, Any]], site: str) -> None:
    phone.goto("/praxis/")
    finder_ready(phone)
    alphabetical = shown(phone)
    phone.goto(f"/praxis/?standorttyp={site}")  # as the start page links it
    finder_ready(phone)
    by_id = {c["id"]: c for c in cases}
    suitable = [i for i in alphabetical if verdict(by_id[i], site) != "nicht-geeignet"]
    expected = sorted(suitable, key=lambda i: RANK[verdict(by_id[i], site)])  # stable: alphabetical within
    assert shown(phone) == expected
    assert {verdict(by_id[i], site) for i in expected} == {"geeignet", "bedingt-geeignet"}, "the data no longer tests the order"
    # Back to every site type: the alphabetical order returns.
    open_filters(phone)
    phone.locator('input[name="standorttyp"][value=""]').click()
    assert shown(phone) == alphabetical
    assert not phone.errors


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("query", ["", "?standorttyp=kleinstadt"])
def test_on_a_phone_the_count_and_the_first_case_are_on_the_first_screen(phone: Any, lang: str, query: str) -> None:
    phone.goto(prefix(lang) + "praxis/" + query)
    finder_ready(phone)
    count = phone.locator("#pk-count").bounding_box()
    first = phone.locator("#pk-results > li:not([hidden]) h2").first.bounding_box()
    assert count and first
    assert count["y"] + count["height"] <= PHONE["height"]
    assert first["y"] + first["height"] <= PHONE["height"], "the first case's title is below the first screen"
    # The facets are folded; the button says how many filters are on.
    assert not phone.locator("#pk-filter-body").is_visible()
    assert phone.locator(".pk-filter-toggle").get_attribute("aria-expanded") == "false"
    assert ("1" in phone.locator(".pk-filter-toggle").inner_text().replace("\u00ad", "")) == bool(query)


def test_every_tap_gives_a_visible_and_announced_change(phone: Any) -> None:
    phone.goto("/praxis/")
    finder_ready(phone)
    status = phone.locator("#pk-count")
    assert status.get_attribute("role") == "status"
    open_filters(phone)
    assert phone.locator("#pk-filter-body").is_visible()
    taps = [
        'input[name="standorttyp"][value="kleinstadt"]',
        'details:has(input[name="handlungsfeld"]) summary',
        'input[name="handlungsfeld"][value="sprache"]',
        'input[name="handlungsfeld"][value="bildung"]',  # the count may stay the same: the words change
        'input[name="bedingt"]',
        'input[name="handlungsfeld"][value="sprache"]',
    ]
    before = status.inner_text().replace("\u00ad", "")
    for selector in taps:
        phone.locator(selector).click()
        if "summary" in selector:
            continue
        after = status.inner_text().replace("\u00ad", "")
        assert after != before, f"{selector}: the live region says the same as before ({after})"
        before = after
        # Visible where the reader is: the results bar (count and reset) is on screen and lights up.
        bar = phone.locator(".pk-finder .pk-results-bar")
        box = bar.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], selector
        assert "pk-changed" in (bar.get_attribute("class") or "")
    assert "Kleinstadt" in before and "Bildung" in before and "Geeignet" in before
    # "To the results" folds the facets away and brings the list into view.
    phone.locator(".pk-to-results").click()
    assert not phone.locator("#pk-filter-body").is_visible()
    first = phone.locator("#pk-results > li:not([hidden])").first.bounding_box()
    assert first and first["y"] < PHONE["height"]
    assert not phone.errors


def test_a_shared_link_opens_the_facets_in_use(phone: Any) -> None:
    phone.goto("/praxis/?standorttyp=kleinstadt&handlungsfeld=wohnen&status=laeuft")
    finder_ready(phone)
    open_filters(phone)
    opened = phone.eval_on_selector_all("#pk-finder details.pk-facet", "ds => ds.filter(d => d.open).map(d => d.querySelector('input').name)")
    assert sorted(opened) == ["handlungsfeld", "status"]
    assert phone.locator('input[name="handlungsfeld"][value="wohnen"]').is_visible()
    assert phone.locator('[data-facet-selected="handlungsfeld"]').inner_text().replace("\u00ad", "") == "· 1"


@pytest.mark.parametrize(
    ("start", "query", "lang", "target", "check"),
    [
        ("/praxis/", "?standorttyp=kleinstadt&handlungsfeld=wohnen", "ar", "/ar/praxis/", 'input[name="handlungsfeld"][value="wohnen"]'),
        ("/uk/passt-das/", "?standorttyp=laendliche-region&akteur=fsa", "de", "/passt-das/", 'input[name="akteur"][value="fsa"]'),
    ],
)
def test_the_language_switcher_keeps_the_filter(phone: Any, start: str, query: str, lang: str, target: str, check: str) -> None:
    phone.goto(start + query)
    if "praxis" in start:
        finder_ready(phone)
    # A change after loading reaches the switcher too, not only the address it was opened with.
    if "praxis" in start:
        open_filters(phone)
        phone.locator('details:has(input[name="status"]) summary').click()
        phone.locator('input[name="status"][value="laeuft"]').click()
        query += "&status=laeuft"
        check_after = 'input[name="status"][value="laeuft"]'
    else:
        phone.locator('input[name="ressource"][value="treffraum"]').click()
        query += "&ressource=treffraum"
        check_after = 'input[name="ressource"][value="treffraum"]'
    phone.locator(".md-header__option .md-select button, .md-header__option .md-select .md-header__button").first.hover()
    phone.locator(f'.md-select__link[hreflang="{lang}"]').click()
    phone.wait_for_url(f"**{target}?*")
    if "praxis" in target:
        finder_ready(phone)
    assert phone.evaluate("location.search") == query
    assert phone.locator("html").get_attribute("lang") == lang
    assert phone.locator(check).is_checked() and phone.locator(check_after).is_checked()
    assert phone.locator('input[name="standorttyp"]:checked').get_attribute("value") in query


# -- 11: the matcher ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_the_matcher_announces_its_outcome_in_the_pages_language(phone: Any, cases: list[dict[str, Any]], lang: str) -> None:
    phone.goto(prefix(lang) + "passt-das/")
    status = phone.locator("#pk-match-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text().replace("\u00ad", "") == STRINGS["choose_site_type"][lang]
    phone.locator('input[name="standorttyp"][value="kleinstadt"]').click()
    phone.locator('input[name="akteur"][value="fsa"]').click()
    said = status.inner_text().replace("\u00ad", "")
    suitable = sum(verdict(c, "kleinstadt") != "nicht-geeignet" for c in cases)
    first = phone.locator("#pk-matches > li").first
    best_title = first.locator("h2").inner_text().replace("\u00ad", "")
    best_score = first.locator("[data-score]").inner_text().replace("\u00ad", "")
    assert f"{suitable}" in said and f"{len(cases)}" in said
    assert best_title in said and best_score in said
    assert phone.locator('input[name="standorttyp"][value="kleinstadt"]').get_attribute("data-label") in said
    # The outcome is where the reader is, right after the form, and leads to the ranking.
    box = phone.locator(".pk-matcher .pk-results-bar").bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
    phone.locator(".pk-matcher .pk-to-results").click()
    top = first.bounding_box()
    assert top and 0 <= top["y"] < PHONE["height"] / 2
    assert not phone.errors


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk"])
def test_the_matcher_resets_answers_not_filters(phone: Any, lang: str) -> None:
    phone.goto(prefix(lang) + "passt-das/?standorttyp=kleinstadt&akteur=fsa")
    reset = phone.locator("#pk-matcher button[type=reset]")
    assert reset.inner_text().replace("\u00ad", "").strip() == STRINGS["reset_answers"][lang]
    assert STRINGS["reset_answers"][lang] != STRINGS["reset_filters"][lang]
    reset.click()
    phone.wait_for_function("() => !window.location.search")
    assert phone.locator("#pk-match-status").inner_text().replace("\u00ad", "") == STRINGS["choose_site_type"][lang]


# -- 15: no layout shift while loading ----------------------------------------------------------

LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  });
  observer.observe({type: "layout-shift", buffered: true});
  // Two frames after load: the scripts have run and their changes have been laid out.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { observer.disconnect(); resolve(total); }, 300)));
})"""


# The pages as opened from the menu, and as a shared filtered link opens them (the server does
# not know the query: the tools stay hidden until the script has restored and applied it).
@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize(
    "path",
    ["praxis/", "passt-das/", "praxis/?handlungsfeld=wohnen", "praxis/?standorttyp=kleinstadt", "passt-das/?standorttyp=kleinstadt&akteur=fsa"],
)
def test_the_page_does_not_jump_while_it_loads(phone: Any, lang: str, path: str) -> None:
    phone.goto(prefix(lang) + path, wait_until="load")
    if path.startswith("praxis/"):
        finder_ready(phone)  # the shifts of the whole load are buffered and counted below
    shift = phone.evaluate(LAYOUT_SHIFT)
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"
    assert not phone.errors
    assert phone.evaluate("document.documentElement.classList.contains('pk-restoring')") is False  # shown again
    assert phone.locator("form").first.is_visible()
