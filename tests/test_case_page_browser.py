"""A case page on a phone (#16): its tables as cards, the network map's legend, as a reader sees them on screen and on paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from praxis_kb.render import hyphenate

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CASE = "runder-tisch-kleinstadt"

# For each entry of the map's legends: where its icon is and where the first line of its label is.
LEGEND_BOXES = """() => Array.from(document.querySelectorAll('.pk-actor-key li, .pk-group-key li')).map(li => {
  const icon = li.querySelector('svg.pk-icon').getBoundingClientRect();
  // the label's first text, also inside an element (a name still in German is a span of its own)
  const text = document.createTreeWalker(li, NodeFilter.SHOW_TEXT, {acceptNode: n => n.data.trim() && !n.parentElement.closest('svg') ? 1 : 3}).nextNode();
  const range = document.createRange();
  range.selectNodeContents(text);
  const line = range.getClientRects()[0];
  return {label: text.data.trim(), icon: [icon.left, icon.right, icon.top, icon.bottom], line: [line.left, line.right, line.top, line.bottom]};
})"""


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_legend_icons_stand_in_the_line_of_their_label(page: Any, lang: str, media: str) -> None:
    page.set_viewport_size({"width": 390 if media == "screen" else 718, "height": 844})  # a phone, or A4 within its margins
    page.goto(f"/{'' if lang == 'de' else lang + '/'}praxis/{CASE}/")
    page.emulate_media(media=media)
    entries = page.evaluate(LEGEND_BOXES)
    assert len(entries) >= 8
    for entry in entries:
        (i_left, i_right, i_top, i_bottom), (t_left, t_right, t_top, t_bottom) = entry["icon"], entry["line"]
        middle = (i_top + i_bottom) / 2
        assert t_top <= middle <= t_bottom, entry  # beside the first line of its label, not above it
        if lang == "ar":
            assert i_left >= t_right - 1, entry  # right of its label: where an Arabic line starts
        else:
            assert i_right <= t_left + 1, entry


CASES = sorted({path.name.split(".")[0] for path in (ROOT / "praxis").glob("*.md")})
LANGUAGES = ["de", "en", "ar", "fa", "uk"]

# Every cell of the page's tables: where it is, and the label it shows before its content.
CELLS = """() => Array.from(document.querySelectorAll('article table')).flatMap(table => {
  const headers = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.replace(/\u00ad/g, '').trim());
  return Array.from(table.querySelectorAll('tbody tr')).flatMap(row => Array.from(row.cells).map((cell, i) => {
    const box = cell.getBoundingClientRect();
    return {text: cell.textContent.trim().slice(0, 40), header: headers[i], left: box.left, right: box.right, width: box.width,
            label: getComputedStyle(cell, '::before').content};
  }));
})"""


def address(lang: str, path: str) -> str:
    return f"/{'' if lang == 'de' else lang + '/'}{path}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_tables_become_cards_that_fit_a_phone(browser: Any, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    tab = context.new_page()
    try:
        for case in CASES:
            tab.goto(address(lang, f"praxis/{case}/"))
            screen = tab.evaluate("document.documentElement.clientWidth")
            cells = tab.evaluate(CELLS)
            assert len(cells) >= 3 * 3, case  # at least the verdicts on every site type
            shown = [cell for cell in cells if cell["text"]]
            beyond = [cell["text"] for cell in shown if cell["left"] < 0 or cell["right"] > screen]
            assert not beyond, (case, beyond)
            unlabelled = [(cell["text"], cell["label"]) for cell in shown if cell["label"] != f'"{cell["header"]}"']
            assert not unlabelled, (case, unlabelled)  # each cell is led by its column's header
            assert all(cell["width"] == 0 for cell in cells if not cell["text"]), case  # no conditions: no empty line
            assert tab.evaluate("document.documentElement.scrollWidth") <= screen, case  # nothing scrolls sideways
    finally:
        context.close()


def test_on_a_wide_screen_case_tables_stay_tables(page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/praxis/{CASE}/")
    cells = page.evaluate(CELLS)
    assert cells and all(cell["label"] == "none" for cell in cells)
    assert page.evaluate("getComputedStyle(document.querySelector('.pk-cards thead')).position") != "absolute"


def ui_text(key: str, lang: str) -> str:
    import yaml

    return str(yaml.safe_load((ROOT / "src" / "praxis_kb" / "ui" / "strings.yml").read_text(encoding="utf-8"))[key][lang])


# The section links and what they lead to; the page's own h2 headings (but the transfer check's,
# which its section's link names).
SECTION_LINKS = """() => {
  const nav = document.querySelector('nav.pk-sections');
  const links = Array.from(nav.querySelectorAll('a')).map(a => {
    const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    return {label: a.textContent, id: target && target.id, heading: target && target.textContent.replace(/\\s+/g, ' ').trim()};
  });
  const headings = Array.from(document.querySelectorAll('article h2[id]:not(#transfer-check-title)')).map(h => h.id);
  const firstHeading = document.querySelector('article h2').getBoundingClientRect().top;
  return {title: nav.querySelector('.pk-sections__title').textContent, top: nav.getBoundingClientRect().top, bottom: nav.getBoundingClientRect().bottom,
          firstHeading, links, headings};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_case_page_on_a_phone_starts_with_links_to_its_sections(page: Any, lang: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(address(lang, f"praxis/{CASE}/"))
    nav = page.evaluate(SECTION_LINKS)
    assert page.locator("nav.pk-sections").is_visible()
    assert nav["title"] == ui_text("sections_label", lang)
    assert nav["bottom"] < nav["firstHeading"]  # before the first section
    targets = [link["id"] for link in nav["links"]]
    assert None not in targets, nav["links"]
    assert [t for t in targets if t in nav["headings"]] == nav["headings"]  # every section, in the page's order
    for link in nav["links"]:
        if link["id"] in nav["headings"]:
            assert link["label"] == link["heading"].rstrip("¶").strip(), link
    assert {"voraussetzungen", "transfer-check"} <= set(targets)
    # A tap leads to the section, below the fixed header.
    page.locator("nav.pk-sections a[href='#voraussetzungen']").click()
    page.wait_for_function("location.hash === '#voraussetzungen'")
    page.wait_for_timeout(300)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = page.evaluate("document.getElementById('voraussetzungen').getBoundingClientRect().top")
    assert header <= top < 844 / 2
    assert page.get_by_role("heading", name=ui_text("prerequisites", lang), exact=True).first.is_visible()


def test_beside_the_table_of_contents_the_section_links_stay_hidden_and_never_print(page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/praxis/{CASE}/")
    assert page.locator(".md-sidebar--secondary").is_visible()  # Material's table of contents
    assert not page.locator("nav.pk-sections").is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(media="print")
    assert not page.locator("nav.pk-sections").is_visible()


# German words that a line breaks inside, without a hyphen (at a soft hyphen Chromium draws one),
# and headings wider than their line.
BROKEN_WORDS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const found = {broken: [], wide: []};
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const lang = parent.closest('[lang]');
    if (!lang || !/^de(-|$)/.test(lang.lang) || parent.closest('svg, .pk-url') || !parent.getClientRects().length) continue;  // German text only
    for (const match of node.data.matchAll(/\\S+/g)) {
      let lastTop = null;
      for (let i = 0; i < match[0].length; i++) {
        range.setStart(node, match.index + i);
        range.setEnd(node, match.index + i + 1);
        const rects = range.getClientRects();
        if (!rects.length || match[0][i] === '\\u00ad') continue;
        const top = rects[rects.length - 1].top;  // a letter after a break: the line's end comes first
        const before = match[0].slice(0, i);
        if (lastTop !== null && top > lastTop + 2 && !/[\\u00ad\\-–\\/]$/.test(before)) found.broken.push(match[0].replace(/\\u00ad/g, '') + ' after ' + before.replace(/\\u00ad/g, ''));
        lastTop = top;
      }
    }
  }
  for (const heading of article.querySelectorAll('h1, h2, h3, h4')) {
    if (!heading.getClientRects().length) continue;
    const box = heading.getBoundingClientRect();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    if (text.left < box.left - 1 || text.right > box.right + 1 || heading.scrollWidth > heading.clientWidth + 1) found.wide.push(heading.textContent.trim());
  }
  return found;
}"""

GERMAN_PAGES = (
    [f"/praxis/{case}/" for case in CASES]
    + ["/checkliste/"]
    + [f"/checkliste/{path.stem.split('.')[0]}/" for path in (ROOT / "tests" / "golden" / "checkliste").glob("*.de.md") if not path.name.startswith("index.")]
)


def test_at_320_px_german_words_break_only_at_a_hyphen_and_headings_fit(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=base_url)
    tab = context.new_page()
    try:
        problems = {}
        for path in GERMAN_PAGES:
            tab.goto(path)
            found = tab.evaluate(BROKEN_WORDS)
            if found["broken"] or found["wide"]:
                problems[path] = found
        assert len(GERMAN_PAGES) >= 6 + 4
        assert not problems, problems
    finally:
        context.close()


def test_the_search_still_finds_hyphenated_words(page: Any, built_site: Path) -> None:
    # what a reader types, and the word on case pages (where it carries soft hyphens)
    for query, word in (
        ("Integrationsnetzwerken", "Integrationsnetzwerk"),
        ("Wohnungsunternehmen", "Wohnungsunternehmen"),
        ("Kooperationsvereinbarung", "Kooperationsvereinbarung"),
    ):
        marked = hyphenate.word(word)
        assert "\u00ad" in marked
        pages = sorted(
            f"/{p.parent.relative_to(built_site).as_posix()}/" for p in (built_site / "praxis").glob("*/index.html") if marked in p.read_text(encoding="utf-8")
        )
        assert pages, word  # the word is on a case page with its soft hyphens
        page.goto("/suche/")
        urls = page.evaluate(
            "async word => { const pagefind = await import('/pagefind/pagefind.js'); const found = await pagefind.search(word);"
            " return Promise.all(found.results.map(async r => (await r.data()).url)); }",
            query,
        )
        assert set(pages) <= set(urls), (query, pages, urls)
