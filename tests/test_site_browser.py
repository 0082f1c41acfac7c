"""The site in headless Chromium, used as a practitioner would on a phone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import finder_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cases(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))["praxisbeispiele"]


def visible_cases(page: Any, list_id: str = "pk-results") -> list[str]:
    return page.eval_on_selector_all(f"#{list_id} > li", "items => items.filter(i => !i.hidden).map(i => i.dataset.case)")


def stated(value: Any) -> Any:
    """The value of a statement in the open data: plain, null, or {wert, …}; None when unknown."""
    return value.get("wert") if isinstance(value, dict) else value


def expected_finder(cases: list[dict[str, Any]], site: str = "", conditional: bool = True, **facets: list[str]) -> list[str]:
    def values(data: dict[str, Any], facet: str) -> set[str]:
        if facet == "handlungsfeld":
            return set(data["handlungsfelder"])
        if facet == "akteur":
            return {t for a in data["akteure"].values() for t in a["typen"]}
        if facet == "instrument":
            return {i["typ"] for i in data["instrumente"]}
        if facet == "kriterium":
            return set(data["kriterien"])
        if facet == "partizipation":
            return {stated(data["partizipation"]["stufe"]) or "unbekannt"}
        if facet == "status":
            return {stated(data["status"]) or "unbekannt"}
        if facet == "angebot":
            return {o["art"] for o in data.get("angebote", [])}
        if facet == "evidenz":
            return {r["evidenz"] for r in data["ergebnisse"]}
        if facet == "herkunft":
            return {data.get("herkunft", "erhoben")}
        raise AssertionError(facet)

    found = []
    for case in cases:
        data = case["daten"]
        if site:
            verdict = data["transfer"]["eignung"][site]["urteil"]
            if not (verdict == "geeignet" or (conditional and verdict == "bedingt-geeignet")):
                continue
        if all(not chosen or values(data, facet) & set(chosen) for facet, chosen in facets.items()):
            found.append(case["id"])
    return sorted(found)


def open_filters(page: Any) -> None:
    """On a phone the Praxisfinder's facets are folded behind one button: open them as a user would."""
    toggle = page.locator(".pk-filter-toggle")
    if toggle.count() and toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def choose(page: Any, name: str, value: str) -> None:
    """Tick an option as a user would: open its group if it is folded, then click the label."""
    open_filters(page)
    field = page.locator(f'input[name="{name}"][value="{value}"]')
    details = page.locator(f'details:has(input[name="{name}"][value="{value}"])')
    if details.count() and details.get_attribute("open") is None:
        details.locator("summary").click()
    field.click()


@pytest.mark.parametrize(
    ("site", "conditional", "facets"),
    [
        ("kleinstadt", True, {}),
        ("kleinstadt", False, {}),
        ("laendliche-region", True, {"handlungsfeld": ["wohnen"]}),
        ("", True, {"handlungsfeld": ["wohnen", "sprache"]}),
        ("", True, {"akteur": ["jobcenter"], "instrument": ["fallkonferenz"]}),
        ("mittelgrosse-stadt", True, {"kriterium": ["empowerment"], "status": ["laeuft"]}),
        ("", True, {"partizipation": ["selbstorganisation", "mitbestimmung"]}),
        ("laendliche-region", False, {"akteur": ["ehrenamtsinitiative"]}),
    ],
)
def test_filter_combinations_narrow_the_list_as_the_data_says(
    page: Any, cases: list[dict[str, Any]], site: str, conditional: bool, facets: dict[str, list[str]]
) -> None:
    page.goto("/praxis/")
    finder_ready(page)
    open_filters(page)
    if site:
        page.locator(f'input[name="standorttyp"][value="{site}"]').click()
    if not conditional:
        page.locator('input[name="bedingt"]').click()
    for facet, values in facets.items():
        for value in values:
            choose(page, facet, value)
    expected = expected_finder(cases, site, conditional, **facets)
    assert sorted(visible_cases(page)) == expected
    count = page.locator("#pk-count").inner_text().replace("\u00ad", "")
    assert (str(len(expected)) in count) or (len(expected) == 1 and "1" in count) or (not expected and "Kein" in count)
    assert page.locator("#pk-empty").is_visible() == (not expected)
    assert not page.errors


def test_a_deep_link_restores_the_filter(page: Any, cases: list[dict[str, Any]]) -> None:
    page.goto("/praxis/?standorttyp=laendliche-region&bedingt=0&handlungsfeld=wohnen&handlungsfeld=ehrenamt")
    finder_ready(page)
    assert page.locator('input[name="standorttyp"][value="laendliche-region"]').is_checked()
    assert not page.locator('input[name="bedingt"]').is_checked()
    assert page.locator('input[name="handlungsfeld"][value="wohnen"]').is_checked()
    assert sorted(visible_cases(page)) == expected_finder(cases, "laendliche-region", False, handlungsfeld=["wohnen", "ehrenamt"])


def test_the_filter_state_is_written_to_the_url(page: Any) -> None:
    page.goto("/praxis/")
    finder_ready(page)
    open_filters(page)
    page.locator('input[name="standorttyp"][value="kleinstadt"]').click()
    choose(page, "status", "laeuft")
    query = page.evaluate("location.search")
    assert "standorttyp=kleinstadt" in query and "status=laeuft" in query
    page.locator('button[type="reset"]').click()
    page.wait_for_function("() => !window.location.search")
    assert len(visible_cases(page)) == page.locator("#pk-results > li").count()


def expected_matches(cases: list[dict[str, Any]], site: str, have: set[str]) -> list[tuple[str, list[str]]]:
    rank = {"geeignet": 0, "bedingt-geeignet": 1, "nicht-geeignet": 2}
    rows = []
    for index, case in enumerate(sorted(cases, key=lambda c: c["daten"]["titel"].casefold())):
        pre = case["daten"]["transfer"]["voraussetzungen"]
        needs = [f"akteur:{a}" for a in pre["akteure"]] + [f"ressource:{r}" for r in pre["ressourcen"]]
        if stated(pre["politische_rueckendeckung"]["bedarf"]) == "erforderlich":  # unknown: neither met nor missing
            needs.append("rueckendeckung:1")
        missing = [n for n in needs if n not in have]
        share = (len(needs) - len(missing)) / len(needs) if needs else 1
        verdict = case["daten"]["transfer"]["eignung"][site]["urteil"]
        rows.append(((rank[verdict], -share, len(missing), index), case["id"], missing))
    return [(case_id, missing) for _, case_id, missing in sorted(rows)]


def test_the_matcher_ranks_cases_and_lists_what_is_missing(page: Any, cases: list[dict[str, Any]]) -> None:
    page.goto("/passt-das/")
    page.locator('input[name="standorttyp"][value="kleinstadt"]').click()
    for actor in ("fsa", "ehrenamtsinitiative", "gefluechtete"):
        choose(page, "akteur", actor)
    choose(page, "ressource", "treffraum")
    have = {"akteur:fsa", "akteur:ehrenamtsinitiative", "akteur:gefluechtete", "ressource:treffraum"}
    expected = expected_matches(cases, "kleinstadt", have)
    order = page.eval_on_selector_all("#pk-matches > li", "items => items.map(i => i.dataset.case)")
    assert order == [case_id for case_id, _ in expected]
    for case_id, missing in expected:
        item = page.locator(f'#pk-matches > li[data-case="{case_id}"]')
        shown = item.locator("[data-missing]:visible").evaluate_all("els => els.map(e => e.dataset.missing)")
        assert shown == missing, case_id
        score = item.locator("[data-score]").inner_text().replace("\u00ad", "")
        assert ("Alle" in score and "Voraussetzungen erfüllt" in score) if not missing else ("von" in score)
    assert "standorttyp=kleinstadt" in page.evaluate("location.search") and "akteur=fsa" in page.evaluate("location.search")
    assert not page.errors


def test_the_matcher_restores_its_state_from_the_url(page: Any, cases: list[dict[str, Any]]) -> None:
    page.goto("/passt-das/?standorttyp=laendliche-region&akteur=fsa&ressource=mobilitaet&rueckendeckung=1")
    assert page.locator('input[name="rueckendeckung"]').is_checked()
    order = page.eval_on_selector_all("#pk-matches > li", "items => items.map(i => i.dataset.case)")
    expected = expected_matches(cases, "laendliche-region", {"akteur:fsa", "ressource:mobilitaet", "rueckendeckung:1"})
    assert order == [case_id for case_id, _ in expected]


def test_without_javascript_the_complete_list_is_shown(browser: Any, base_url: str, cases: list[dict[str, Any]]) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto("/praxis/?standorttyp=kleinstadt")
    # The filter's controls do nothing without JavaScript and are not shown; a note says so and
    # leads to the static page of each site type, which lists its cases by suitability.
    for control in (".pk-filter-toggle", "#pk-filter-body", "#pk-finder button[type=reset]", ".pk-to-results"):
        assert not tab.locator(control).is_visible(), control
    assert tab.locator("#pk-count").inner_text().replace("\u00ad", "") == f"{len(cases)} Praxisbeispiele"
    note = tab.locator("noscript .pk-notice")
    assert "JavaScript" in note.inner_text().replace("\u00ad", "")
    note.get_by_role("link", name="Kleinstadt", exact=True).click()
    tab.wait_for_url("**/standorttypen/kleinstadt/")
    assert tab.locator("#geeignet").is_visible()
    tab.goto("/praxis/?standorttyp=kleinstadt")
    assert sorted(tab.eval_on_selector_all("#pk-results > li", "items => items.map(i => i.dataset.case)")) == sorted(c["id"] for c in cases)
    assert tab.locator("#pk-results > li:visible").count() == len(cases)
    tab.goto("/passt-das/")
    assert tab.locator("noscript").count() == 1
    assert tab.locator("#pk-matches .pk-needs:visible").count() == len(cases)
    context.close()


def test_from_the_start_page_to_a_case_for_a_small_town_in_three_taps(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="für eine Kleinstadt").click()
    page.wait_for_url("**/praxis/?standorttyp=kleinstadt")
    finder_ready(page)
    first = page.locator("#pk-results > li:not([hidden]) h2 a").first
    first.scroll_into_view_if_needed()
    first.click()
    page.wait_for_url("**/praxis/*/")
    verdict = page.locator("tr:has(a[href$='standorttypen/kleinstadt/']) .pk-verdict").inner_text().replace("\u00ad", "")
    assert verdict in ("Geeignet", "Geeignet unter Bedingungen")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
