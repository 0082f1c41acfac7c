"""What the search index holds, and what the first query downloads (issue #17).

Pagefind stores, for every word, each place it stands on every page, and the text of every page for
its excerpts. Text that repeats on every case page (the network map's key, the notices above the
case) or copies other pages (lists of cases on the criterion and site-type pages, the matrix) is
therefore left out of the index (``data-pagefind-ignore``): it would make every query's download
grow with the collection without finding anything that the case's own page does not hold.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["de", "en", "ar", "fa", "uk"]
CASE = "traegerwechsel-koordination"  # a network with earlier periods, sources and a provenance notice


def ui(key: str, lang: str) -> str:
    table = yaml.safe_load((ROOT / "src" / "praxis_kb" / "ui" / "strings.yml").read_text(encoding="utf-8"))
    return str(table[key][lang])


def indexed(built_site: Path, lang: str) -> dict[str, str]:
    """The text Pagefind holds for each page of a language's bundle, by address (no soft hyphens)."""
    bundle = built_site / "pagefind" if lang == "de" else built_site / lang / "pagefind"
    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        pages[fragment["url"]] = fragment["content"].replace("\u00ad", "")
    return pages


def heading(built_site: Path, path: str) -> str:
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, path
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("\u00ad", "").replace("&shy;", "").strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_case_is_found_by_its_tables_but_its_map_key_and_earlier_periods_are_not_indexed(built_site: Path, lang: str) -> None:
    text = indexed(built_site, lang)[f"/praxis/{CASE}/"]
    assert ui("actors", lang) in text and ui("ties", lang) in text  # the tables say it all in words
    assert ui("map_lines", lang) not in text  # the map's key, on every case page
    assert ui("network_then_not_now", lang).rstrip(":：") not in text  # the earlier periods repeat the ties
    assert ui("provenance_title", lang) not in text  # the notices above every case


def test_pages_that_list_cases_are_indexed_without_the_cases_titles(built_site: Path) -> None:
    pages = indexed(built_site, "de")
    title = heading(built_site, "praxis/runder-tisch-kleinstadt")
    assert title in pages["/praxis/runder-tisch-kleinstadt/"]
    for path in ("kriterien", "kriterien/transparenz", "standorttypen/kleinstadt"):
        html = (built_site / path / "index.html").read_text(encoding="utf-8").replace("\u00ad", "").replace("&shy;", "")
        assert title in html, path  # the page lists the case ...
        assert title not in pages[f"/{path}/"], path  # ... but the index holds only the page's own text
        assert heading(built_site, path) in pages[f"/{path}/"], path


def test_the_first_query_loads_the_texts_of_the_shown_results_only_and_they_have_excerpts(page: Any) -> None:
    page.goto("/suche/")
    field = page.locator("#pk-search input")
    field.wait_for()
    page.requests.clear()
    field.fill("Netzwerk")
    page.wait_for_function("() => document.querySelector('.pagefind-ui__result-link') && !document.querySelector('.pagefind-ui__loading')")
    shown = page.locator(".pagefind-ui__result").count()
    fragments = [url for url in page.requests if url.endswith(".pf_fragment")]
    assert 0 < len(fragments) <= shown <= 5, (fragments, shown)
    assert all("/pagefind/fragment/de_" in url for url in fragments), fragments
    excerpts = page.locator(".pagefind-ui__result-excerpt")
    assert excerpts.count() >= shown
    assert excerpts.first.locator("mark").count() >= 1
    assert not page.errors, page.errors
