"""Open data that scales (#17), as a reader finds it: from /offene-daten/ to the index of the cases,
and from the index to one case's own file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_open_data_page_leads_to_the_index_and_the_index_to_a_case_file(page: Any, base_url: str, lang: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{'' if lang == 'de' else lang + '/'}offene-daten/")
    link = page.locator("a.pk-data-index")
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"offene-daten-{lang}.png"))
    assert not page.errors
    page.locator("#jedes-praxisbeispiel-als-eigene-datei, h2").last.scroll_into_view_if_needed()
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.status == 200 and response.url == f"{base_url}/data/praxis/index.json"
    index = json.loads(response.text())
    assert index["anzahl"] == len(index["praxisbeispiele"]) > 0
    entry = index["praxisbeispiele"][0]
    assert set(entry) == {"id", "titel", "standorttyp", "status", "zuletzt_geprueft", "url", "datei"}

    case = page.goto(f"{base_url}/{entry['datei']}")  # the address is relative to the site's root
    assert case is not None and case.status == 200
    data = json.loads(case.text())
    assert data["id"] == entry["id"] and data["url"] == entry["url"] and data["daten"]["titel"] == entry["titel"]


def test_the_example_case_file_on_the_open_data_page_is_there(page: Any) -> None:
    page.goto("/offene-daten/")
    example = page.locator('a[href$=".json"][dir="ltr"]').first
    with page.expect_navigation() as navigation:
        example.click()
    assert navigation.value.status == 200
    assert json.loads(navigation.value.text())["format"] == 1
