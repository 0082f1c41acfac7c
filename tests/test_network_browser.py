"""The network over time on a phone (#14), on the case with an operator change: the map shows the
network now with what ended marked, the earlier periods open without JavaScript and print, the
ties keep their direction, and the authority in two roles shows both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from praxis_kb.render import svg

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CASE = "traegerwechsel-koordination"  # the authority "abh" is Ausländerbehörde and, since 2021, FSA
UNDATED = "runder-tisch-kleinstadt"


def label(vocabulary: str, entry: str, lang: str) -> str:
    data = yaml.safe_load((ROOT / "kriterien" / "vokabulare" / f"{vocabulary}.yml").read_text(encoding="utf-8"))
    return str(next(e for e in data["eintraege"] if e["id"] == entry)["label"][lang])


def ui_text(key: str, lang: str) -> str:
    return str(yaml.safe_load((ROOT / "src" / "praxis_kb" / "ui" / "strings.yml").read_text(encoding="utf-8"))[key][lang])


def address(lang: str, case: str) -> str:
    return f"/{'' if lang == 'de' else lang + '/'}praxis/{case}/"


def text(locator: Any) -> str:
    return str(locator.inner_text()).replace("\u00ad", "")


@pytest.fixture
def phone(browser: Any, base_url: str) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_map_shows_the_network_now_with_what_ended_marked(phone: Any, lang: str) -> None:
    phone.goto(address(lang, CASE))
    now = phone.locator(".pk-network > figure.pk-figure")
    assert now.locator("svg.pk-network-map").is_visible()
    assert ui_text("network_now", lang).split("{")[0] in text(now.locator(".pk-network-now"))
    ties = now.locator("svg.pk-network-map .pk-ties")
    ended = ties.locator(f'line[stroke="{svg.ENDED_COLOUR}"]')
    assert ended.count() >= 5  # the first operators' ties, the providers' contracts
    assert ties.locator("line").count() > ended.count()  # and the ties that hold
    assert now.locator("svg.pk-network-map .pk-actors g[stroke-dasharray]").count() == 1  # the provider that left
    former = now.locator(".pk-actor-key li.pk-network-absent")
    assert former.count() == 1 and "2020" in text(former)
    key = text(now.locator(".pk-line-key"))
    assert ui_text("network_key_ended", lang) in key and ui_text("network_key_directed", lang) in key


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_earlier_periods_open_without_javascript(phone: Any, lang: str) -> None:
    phone.goto(address(lang, CASE))
    earlier = phone.locator("details.pk-network-earlier")
    maps = earlier.locator("svg.pk-network-map")
    assert maps.count() >= 3
    assert not maps.first.is_visible()
    summary = earlier.locator("summary")
    assert text(summary).startswith(ui_text("network_earlier", lang).split("{")[0].strip())
    summary.click()
    assert all(maps.nth(i).is_visible() for i in range(maps.count()))
    first = earlier.locator("figure").first
    assert text(first.locator("figcaption")) and first.locator(".pk-network-changes li").count() > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone


def test_the_earlier_periods_are_printed_unopened(phone: Any) -> None:
    phone.goto(address("de", CASE))
    phone.emulate_media(media="print")
    maps = phone.locator("details.pk-network-earlier svg.pk-network-map")
    assert maps.count() >= 3 and all(maps.nth(i).is_visible() for i in range(maps.count()))


@pytest.mark.parametrize(("lang", "arrow"), [("de", "→"), ("ar", "←")])
def test_the_ties_table_keeps_direction_and_period(phone: Any, lang: str, arrow: str) -> None:
    phone.goto(address(lang, CASE))
    table = phone.locator(".pk-cards table").nth(1)
    rows = table.locator("tbody tr")
    between = [text(rows.nth(i).locator("td").first) for i in range(rows.count())]
    assert sum(arrow in cell for cell in between) >= 3  # operating, funding, supervising …
    assert sum("↔" in cell for cell in between) >= 3  # information exchange goes both ways
    assert not any(("→" if arrow == "←" else "←") in cell for cell in between)  # the arrow points the way the line reads
    ended = table.locator("tr.pk-network-absent")
    assert ended.count() >= 5
    period = ended.first.locator(f'td[data-label="{ui_text("period", lang)}"]')
    assert period.is_visible() and "2018" in text(period)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_both_roles_of_the_authority_are_visible(phone: Any, lang: str) -> None:
    phone.goto(address(lang, CASE))
    authority, fsa = label("akteurstypen", "auslaenderbehoerde", lang), label("akteurstypen", "fsa", lang)
    rows = phone.locator(".pk-cards table").first.locator("tbody tr")
    row = next(rows.nth(i) for i in range(rows.count()) if authority in text(rows.nth(i)) and fsa in text(rows.nth(i)))
    types = row.locator("ul.pk-network-types li")
    assert types.count() == 2 and types.nth(0).is_visible() and types.nth(1).is_visible()
    assert "2021" in text(types.nth(1))  # FSA only since 2021
    number = int(text(row.locator("td").first))
    entry = phone.locator(".pk-network > figure .pk-actor-key li").nth(number - 1)
    assert entry.locator("svg.pk-icon").count() == 2  # both groups' icons in the key
    colour = svg.GROUP_STYLE["sozialarbeit"][0]
    assert phone.locator(f'.pk-network > figure svg.pk-network-map .pk-actors g[stroke="#fff"] [fill="{colour}"]').count() >= 1  # its badge


def test_a_case_without_dates_keeps_its_one_map(phone: Any) -> None:
    phone.goto(address("de", UNDATED))
    assert phone.locator(".pk-network svg.pk-network-map").count() == 1
    assert phone.locator("details.pk-network-earlier, .pk-network-now").count() == 0
    assert phone.locator(f'.pk-cards th:text-is("{ui_text("period", "de")}")').count() == 0
