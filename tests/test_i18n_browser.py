"""Every language in the browser: lang and dir, mirrored layout, the language switcher, search."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import prefix

from praxis_kb.load.project import Project

pytestmark = pytest.mark.browser

RTL = {"ar", "fa"}
TEMPLATES = ["", "praxis/", "praxis/runder-tisch-kleinstadt/", "passt-das/", "kriterien/transparenz/", "standorttypen/kleinstadt/", "suche/"]


def test_every_language_has_every_page(built_site: Path, project: Project) -> None:
    cases = sorted(p.name.removesuffix(".de.md") for p in project.cases_dir.glob("*.de.md"))
    for lang in project.languages:
        base = built_site if lang == "de" else built_site / lang
        for path in TEMPLATES + [f"praxis/{c}/" for c in cases]:
            assert (base / path / "index.html").exists(), f"{lang}: {path}"


@pytest.mark.parametrize("lang", sorted(RTL))
def test_right_to_left_layout_is_mirrored(page: Any, lang: str) -> None:
    page.goto(prefix(lang))
    menu = page.locator("label.md-header__button[for='__drawer']").bounding_box()
    switcher = page.locator(".md-header__option .md-select").bounding_box()
    assert menu and switcher
    # In left-to-right pages the menu button sits left and the language switcher right.
    assert menu["x"] > switcher["x"]
    heading = page.locator("article h1").bounding_box()
    assert heading and heading["x"] + heading["width"] > 300


@pytest.mark.parametrize(
    ("start", "lang", "target"),
    [
        ("/praxis/runder-tisch-kleinstadt/", "en", "/en/praxis/runder-tisch-kleinstadt/"),
        ("/en/kriterien/transparenz/", "ar", "/ar/kriterien/transparenz/"),
        ("/fa/passt-das/", "de", "/passt-das/"),
        ("/uk/standorttypen/kleinstadt/", "fa", "/fa/standorttypen/kleinstadt/"),
    ],
)
def test_the_language_switcher_keeps_the_reader_on_the_same_page(page: Any, start: str, lang: str, target: str) -> None:
    page.goto(start)
    page.locator(".md-header__option .md-select button, .md-header__option .md-select .md-header__button").first.hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state()
    assert page.url.split("?")[0].endswith(target)
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_an_untranslated_description_shows_the_german_text_with_a_notice(page: Any, lang: str) -> None:
    # the case's translation has its title and summaries, not its description
    page.goto(f"/{lang}/praxis/runder-tisch-kleinstadt/")
    notice = page.locator(".pk-translation-notice")
    assert notice.is_visible()
    assert notice.evaluate("e => e.closest('[lang]').lang") == lang  # written in the reader's language
    narrative = page.locator(".pk-narrative")
    assert (narrative.get_attribute("lang"), narrative.get_attribute("dir")) == ("de", "ltr")
    assert narrative.locator("p").first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("h1").get_attribute("lang") is None  # the title is translated: the page's language
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_machine_translations_invite_corrections(page: Any) -> None:
    page.goto("/en/kriterien/transparenz/")
    notice = page.locator(".pk-language-notice")
    assert notice.is_visible()
    assert notice.locator("a").get_attribute("href").endswith("mitmachen/")


def test_headings_in_arabic_get_readable_anchors(page: Any) -> None:
    page.goto("/ar/praxis/runder-tisch-kleinstadt/")
    ids = page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")
    assert ids and all(ids), ids
    assert any(re.search(r"[\u0600-\u06FF]", i) for i in ids), ids


def search(page: Any, path: str, query: str) -> int:
    page.goto(path)
    field = page.locator("#pk-search input")
    field.wait_for()
    field.fill(query)
    # Done when the message counts results or says there are none; while searching it names the
    # query (in Ukrainian without an ellipsis: "Пошук за запитом: …").
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && /^\\s*[0-9\\u0660-\\u0669\\u06f0-\\u06f9]|Keine Ergebnisse|No results|لا توجد نتائج|نتیجه‌ای|Нічого не знайдено/.test(m.textContent); }"
    )
    message = page.locator(".pagefind-ui__message").inner_text()
    found = re.match(r"\s*(\d+)", message)  # "3 results for …" / "3 Ergebnisse für …" / "No results …"
    return int(found.group(1)) if found else 0


def test_search_finds_results_in_the_readers_language_only(page: Any, built_site: Path, base_url: str) -> None:
    word = "neighbourhood"  # British English: only in English texts
    english = [p for p in built_site.rglob("*.html") if word in p.read_text(encoding="utf-8")]
    assert english and all(p.relative_to(built_site).parts[0] == "en" for p in english)
    assert search(page, "/en/suche/", word) > 0
    # the English results load their texts after the count: wait until every shown result has its title
    page.wait_for_function("() => document.querySelector('.pagefind-ui__result-link') && !document.querySelector('.pagefind-ui__loading')")
    page.requests.clear()
    assert search(page, "/suche/", word) == 0
    assert search(page, "/suche/", "Geschäftsordnung") > 0
    # the German search page loads the German index only, never another language's
    loaded = [url.rsplit("/", 1)[-1] for url in page.requests if "/pagefind/" in url and ".pf_" in url]
    assert loaded and all(name.startswith(("de_", "pagefind.de_")) for name in loaded), loaded
    assert not page.errors, page.errors


def heading(built_site: Path, lang: str, path: str) -> str:
    html = (built_site / prefix(lang).strip("/") / path / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, f"{lang}{path}: no heading"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk"])
def test_a_clicked_search_result_lands_on_a_page_in_the_readers_language(page: Any, built_site: Path, lang: str) -> None:
    query = heading(built_site, lang, "kriterien/transparenz")  # the criterion's name in this language
    assert search(page, prefix(lang) + "suche/", query) > 0, query
    links = page.locator(".pagefind-ui__result-link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(min(links.count(), 5))]
    for href in hrefs:  # every listed result, title and sub-results alike, exists in this language
        response = page.request.get(href)
        assert response.status == 200, f"{lang}: {href} → {response.status}"
    # the reader clicks the criterion's result (pages that name the criterion may rank before it:
    # their order among near-equal scores is Pagefind's)
    wanted = page.locator('.pagefind-ui__result-link[href$="kriterien/transparenz/"]').first
    wanted.wait_for(timeout=10_000)
    with page.expect_navigation() as navigation:
        wanted.click()
    response = navigation.value
    assert response is not None and response.status == 200, page.url
    path = page.evaluate("location.pathname")
    assert path.startswith(prefix(lang)) and (lang == "de" or not path.startswith(prefix(lang) * 2)), path
    assert page.locator("html").get_attribute("lang") == lang, path
    assert query in page.locator("article h1").inner_text(), path
    assert not page.errors, page.errors


STATIC_PAGES = ["ueber/", "mitmachen/", "impressum/", "datenschutz/", "barrierefreiheit/"]


@pytest.mark.parametrize("lang", ["ar", "fa", "uk"])
def test_every_static_page_is_there_in_the_readers_language_and_says_how_it_was_made(page: Any, lang: str) -> None:
    # A page without a translation would show the German text under lang="de" with a notice
    # (tests/test_hooks.py); these are machine translations and say so.
    for path in STATIC_PAGES:
        page.goto(prefix(lang) + path)
        assert page.locator("html").get_attribute("lang") == lang, path
        notice = page.locator(".pk-language-notice")
        assert notice.is_visible() and notice.evaluate("e => e.closest('[lang]').lang") == lang, path
        assert page.locator(".pk-untranslated").count() == 0, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(prefix(lang))  # the menu names the page in the reader's language
    about = page.locator(".md-nav--primary a[href$='ueber/']").first
    assert "Über" not in about.inner_text()
    assert not page.errors, page.errors


def test_translated_pages_carry_no_notice(page: Any) -> None:
    for path in STATIC_PAGES:
        page.goto("/en/" + path)
        assert page.locator(".pk-untranslated").count() == 0 and page.locator(".pk-translation-notice").count() == 0, path


# -- readers' issue #16: the search page, the header, the switcher, the matrix -----------------


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_search_field_has_a_visible_label_no_autofocus_and_its_icon_on_the_reading_side(page: Any, lang: str) -> None:
    page.goto(prefix(lang) + "suche/")
    field = page.locator("#pk-search input")
    field.wait_for()
    assert field.evaluate("f => [...f.labels].map(l => l.textContent.replace(/\\u00ad/g, '').trim())") == [{"de": "Suchbegriff", "ar": "كلمة البحث"}[lang]]
    assert not field.evaluate("f => f === document.activeElement")  # the phone keyboard stays closed
    icon = page.evaluate(
        "() => { const f = document.querySelector('.pagefind-ui__form'), b = f.getBoundingClientRect(), s = getComputedStyle(f, '::before');"
        " return parseFloat(s.left) + parseFloat(s.width) / 2 - b.width / 2; }"
    )
    assert (icon > 0) == (lang in RTL), icon  # right of the middle in a right-to-left page
    search(page, prefix(lang) + "suche/", {"de": "Transparenz", "ar": "الشفافية"}[lang])
    titles = page.locator(".pagefind-ui__result-title, .pagefind-ui__result-link").all_inner_texts()
    assert titles and not [t for t in titles if "¶" in t], titles
    assert not page.errors, page.errors


def test_the_ukrainian_search_page_says_to_search_for_the_word_stem(page: Any) -> None:
    page.goto("/uk/suche/")
    assert "«кругл»" in page.locator(".pk-search-tip").inner_text()
    page.goto("/suche/")
    assert page.locator(".pk-search-tip").count() == 0


@pytest.mark.parametrize("lang", sorted(RTL))
def test_the_site_name_is_cut_at_its_end_in_a_right_to_left_header(page: Any, lang: str) -> None:
    page.goto(prefix(lang))
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    shown = name.evaluate("e => [getComputedStyle(e).direction, e.lang, e.scrollWidth > e.clientWidth]")
    assert shown == ["ltr", "de", True]  # overflowing at 360 px: the ellipsis is at the name's end
    drawer = page.locator(".md-nav--primary > .md-nav__title[for='__drawer']")  # the name again, in the phone menu
    assert drawer.evaluate("e => getComputedStyle(e).direction") == "ltr"
    logo = drawer.locator(".md-logo svg").bounding_box()
    assert logo and logo["x"] > 100  # the logo stays on the right


def test_language_names_in_the_switcher_carry_their_language(page: Any) -> None:
    page.goto("/ar/")
    links = page.locator(".md-select__link")
    marked = [(links.nth(i).get_attribute("hreflang"), links.nth(i).get_attribute("lang")) for i in range(links.count())]
    assert len(marked) == 5 and all(a == b for a, b in marked), marked


@pytest.mark.parametrize("lang", ["de", "fa"])
def test_the_criteria_matrix_has_link_targets_of_24_px_on_a_phone(page: Any, lang: str) -> None:
    page.goto(prefix(lang) + "kriterien/")
    sizes = page.eval_on_selector_all(".pk-matrix a", "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) > 12
    assert not [s for s in sizes if s[0] < 24 or s[1] < 24], sizes[:5]
    padding = page.locator(".pk-matrix td").first.evaluate("c => parseFloat(getComputedStyle(c).paddingTop)")
    assert padding >= 4
