"""Values nobody knows in the Praxisfinder and the matcher, in Chromium on a phone (#14): the
option "nicht bekannt" finds exactly the cases whose status is not known, in German and in Arabic,
and leads to them; the facets for offers, the evidence of the results and provenance filter as the
data says and survive a shared address; the matcher lists what nobody knows under "Zu klären"
and counts it neither as met nor as missing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import finder_ready, phone_tab, prefix
from test_site_browser import choose, expected_finder, open_filters, stated, visible_cases

pytestmark = pytest.mark.browser

STRINGS = yaml.safe_load((Path(__file__).resolve().parent.parent / "src/praxis_kb/ui/strings.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cases(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))["praxisbeispiele"]


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    with phone_tab(browser, base_url) as tab:
        yield tab


def status_unknown(cases: list[dict[str, Any]]) -> list[str]:
    found = sorted(c["id"] for c in cases if stated(c["daten"]["status"]) is None)
    assert found, "no case with an unknown status: the data no longer tests the option"
    return found


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_not_known_finds_exactly_the_cases_whose_status_nobody_knows(phone: Any, cases: list[dict[str, Any]], lang: str) -> None:
    phone.goto(prefix(lang) + "praxis/")
    finder_ready(phone)
    option = phone.locator('input[name="status"][value="unbekannt"]')
    assert option.get_attribute("data-label") == f"{STRINGS['status_facet'][lang]}: {STRINGS['stated_unknown'][lang]}"
    choose(phone, "status", "unbekannt")
    unknown = status_unknown(cases)
    assert sorted(visible_cases(phone)) == unknown == expected_finder(cases, status=["unbekannt"])
    assert STRINGS["stated_unknown"][lang] in phone.locator("#pk-count").inner_text().replace("\u00ad", "")
    assert "status=unbekannt" in phone.evaluate("location.search")
    # Each card says so in words, never a status nobody gave.
    for case_id in unknown:
        card = phone.locator(f'#pk-results > li[data-case="{case_id}"]')
        assert card.locator(".pk-meta .pk-unknown").inner_text().replace("\u00ad", "") == STRINGS["status_unknown"][lang]
    # The card leads to the case.
    phone.locator(".pk-to-results").click()
    link = phone.locator(f'#pk-results > li[data-case="{unknown[0]}"] h2 a')
    with phone.expect_navigation() as navigation:
        link.click()
    assert navigation.value and navigation.value.ok
    assert phone.url.endswith(f"{prefix(lang)}praxis/{unknown[0]}/")
    assert phone.locator("h1").count() == 1 and phone.locator("html").get_attribute("lang") == lang
    assert not phone.errors


def test_offers_evidence_and_provenance_filter_as_the_data_says(phone: Any, cases: list[dict[str, Any]]) -> None:
    offered = sorted({o["art"] for c in cases for o in c["daten"].get("angebote", [])})
    assert offered, "no case with offers: the data no longer tests the facet"
    phone.goto("/praxis/")
    finder_ready(phone)
    choose(phone, "angebot", offered[0])
    assert sorted(visible_cases(phone)) == expected_finder(cases, angebot=[offered[0]])
    choose(phone, "herkunft", "oeffentliche-quellen")
    assert sorted(visible_cases(phone)) == expected_finder(cases, angebot=[offered[0]], herkunft=["oeffentliche-quellen"])
    query = phone.evaluate("location.search")
    assert f"angebot={offered[0]}" in query and "herkunft=oeffentliche-quellen" in query
    # how many each option would give, with the other facets as they are
    for grade in ("selbstberichtet", "dokumentiert", "extern-evaluiert"):
        count = phone.locator(f'[data-count-for="evidenz:{grade}"]')
        if count.count():
            expected = expected_finder(cases, angebot=[offered[0]], herkunft=["oeffentliche-quellen"], evidenz=[grade])
            assert count.text_content() == f"({len(expected)})"
    assert not phone.errors


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_shared_address_with_the_new_facets_opens_the_same_view(phone: Any, cases: list[dict[str, Any]], lang: str) -> None:
    offered = sorted({o["art"] for c in cases for o in c["daten"].get("angebote", [])})
    # in the order of the form, as the Finder writes it back
    query = f"?angebot={offered[0]}&evidenz=selbstberichtet&evidenz=dokumentiert&status=unbekannt&herkunft=oeffentliche-quellen"
    phone.goto(prefix(lang) + "praxis/" + query)
    finder_ready(phone)
    for name, value in (
        ("angebot", offered[0]),
        ("evidenz", "dokumentiert"),
        ("evidenz", "selbstberichtet"),
        ("herkunft", "oeffentliche-quellen"),
        ("status", "unbekannt"),
    ):
        assert phone.locator(f'input[name="{name}"][value="{value}"]').is_checked(), (name, value)
    expected = expected_finder(
        cases, angebot=[offered[0]], evidenz=["dokumentiert", "selbstberichtet"], herkunft=["oeffentliche-quellen"], status=["unbekannt"]
    )
    assert expected, "the data no longer tests a shared address with the new facets"
    assert sorted(visible_cases(phone)) == expected
    open_filters(phone)
    opened = phone.eval_on_selector_all("#pk-finder details.pk-facet", "ds => ds.filter(d => d.open).map(d => d.querySelector('input').name)")
    assert sorted(opened) == ["angebot", "evidenz", "herkunft", "status"]
    assert phone.evaluate("location.search") == query  # written back as it came
    assert not phone.errors


def unclear_prerequisites(case: dict[str, Any]) -> int:
    pre = case["daten"]["transfer"]["voraussetzungen"]
    groups = [
        [pre["politische_rueckendeckung"]["bedarf"]],
        [pre["personal"]["stunden_pro_monat"]],
        [pre["kosten"]["euro_pro_jahr_von"], pre["kosten"]["euro_pro_jahr_bis"]],
        [pre["aufbauzeit_monate"]],
    ]
    return sum(1 for group in groups if any(stated(value) is None for value in group))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_matcher_lists_what_nobody_knows_as_to_clarify(phone: Any, cases: list[dict[str, Any]], lang: str) -> None:
    unclear = {c["id"]: unclear_prerequisites(c) for c in cases if unclear_prerequisites(c)}
    assert unclear, "no case with an unknown prerequisite: the data no longer tests the matcher"
    phone.goto(prefix(lang) + "passt-das/")
    assert phone.locator(".pk-matcher-unclear-note").inner_text().replace("\u00ad", "") == STRINGS["matcher_unclear_note"][lang]
    phone.locator('input[name="standorttyp"][value="kleinstadt"]').click()
    phone.locator('input[name="ressource"][value="treffraum"]').click()
    for case in cases:
        card = phone.locator(f'#pk-matches > li[data-case="{case["id"]}"]')
        box = card.locator(".pk-unclear")
        if case["id"] not in unclear:
            assert box.count() == 0
            continue
        assert box.is_visible()
        assert STRINGS["to_clarify"][lang] in box.inner_text().replace("\u00ad", "")
        items = box.locator("li")
        assert items.count() == unclear[case["id"]]
        assert all(STRINGS["stated_unknown"][lang] in text for text in items.all_inner_texts())
        # Counted neither as met nor as missing: the score names only known prerequisites, and
        # what is to clarify is not in the list of what is missing.
        pre = case["daten"]["transfer"]["voraussetzungen"]
        needs = len(pre["akteure"]) + len(pre["ressourcen"]) + (stated(pre["politische_rueckendeckung"]["bedarf"]) == "erforderlich")
        missing = card.locator("[data-missing]:visible").count()
        assert missing == needs - ("treffraum" in pre["ressourcen"])
        template = STRINGS["all_met_unclear" if missing == 0 else "met_unclear_template"][lang]
        expected = template.format(met=needs - missing, total=needs, unclear=unclear[case["id"]])
        assert card.locator("[data-score]").inner_text().replace("\u00ad", "") == expected
    assert not phone.errors
