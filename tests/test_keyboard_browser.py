"""The keyboard, as a reader without a mouse uses it: a skip link as the first Tab stop on every
page, the phone menu, and focus rings that can be seen against what is around them."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import PHONE

pytestmark = pytest.mark.browser

SKIP_TEXT = {"de": "Zum Inhalt", "ar": "انتقل إلى المحتوى", "fa": "پرش به محتویات", "en": "Skip to content", "uk": "Перейти до змісту"}
TOOL_PAGES = ["praxis/", "passt-das/", "suche/", "kriterien/", "standorttypen/", "ueberblick/", "checkliste/"]
OTHER_PAGES = ["", "praxis/runder-tisch-kleinstadt/", "kriterien/transparenz/", "ueber/"]


def url(lang: str, path: str) -> str:
    return ("/" if lang == "de" else f"/{lang}/") + path


def focused(tab: Any, selector: str) -> bool:
    return bool(tab.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector))


@pytest.mark.parametrize("lang", ["de", "ar", "fa"])
def test_the_first_tab_on_every_page_reaches_a_skip_link_in_the_pages_language(browser: Any, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    tab = context.new_page()
    wrong = []
    for path in TOOL_PAGES + OTHER_PAGES + (["404.html"] if lang == "de" else []):
        tab.goto(url(lang, path), wait_until="load")
        tab.keyboard.press("Tab")
        skip = tab.evaluate(
            """() => { const a = document.activeElement, target = a.hash && document.getElementById(decodeURIComponent(a.hash.slice(1)));
                       return {skip: a.matches('a.md-skip'), text: a.textContent.trim(), target: !!target}; }"""
        )
        if skip != {"skip": True, "text": SKIP_TEXT[lang], "target": True}:
            wrong.append((path, skip))
            continue
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")  # the next stop is in the page's content, past header and menu
        if not tab.evaluate("!!document.activeElement.closest('article, .md-content')"):
            wrong.append((path, "after the skip link: " + tab.evaluate("document.activeElement.outerHTML.slice(0, 80)")))
    context.close()
    assert not wrong, wrong


def tab_stops(tab: Any, count: int) -> list[dict[str, Any]]:
    stops = []
    for _ in range(count):
        tab.keyboard.press("Tab")
        stops.append(
            tab.evaluate(
                """() => { const a = document.activeElement;
                           return {drawer: !!a.closest('.md-sidebar--primary'), menu: !!a.closest('label[for="__drawer"].md-header__button'),
                                   what: a.outerHTML.slice(0, 60)}; }"""
            )
        )
    return stops


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_phone_menu_opens_by_keyboard_and_its_hidden_links_are_no_tab_stops(browser: Any, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    tab = context.new_page()
    tab.goto(url(lang, "praxis/"), wait_until="load")
    stops = tab_stops(tab, 40)
    assert not [s for s in stops if s["drawer"]], "a link of the closed drawer is a Tab stop"
    menu = [i for i, s in enumerate(stops) if s["menu"]]
    assert menu and menu[0] < 4, stops[:5]  # right after the skip link and the logo
    button = tab.locator("label.md-header__button[for='__drawer'] [role=button]")
    assert button.get_attribute("aria-label") == {"de": "Menü", "ar": "القائمة"}[lang]
    button.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.getElementById('__drawer').checked") and button.get_attribute("aria-expanded") == "true"
    opened = tab_stops(tab, 12)
    inside = [s for s in opened if s["drawer"]]
    assert inside, opened
    assert tab.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 0 && r.right > 0 && r.left < innerWidth; })()")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__drawer').checked") and focused(tab, ".pk-menu-button")
    assert button.get_attribute("aria-expanded") == "false"
    tab.keyboard.press(" ")  # Space opens it too
    assert tab.evaluate("document.getElementById('__drawer').checked")
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_language_list_opened_by_keyboard_stays_on_a_phone_screen(browser: Any, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    tab = context.new_page()
    tab.goto(url(lang, "passt-das/"), wait_until="load")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if focused(tab, ".md-select__link"):
            break
    assert focused(tab, ".md-select__link")
    tab.wait_for_timeout(400)  # the list's opening transition
    box = tab.locator(".md-header .md-select__inner").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


# The colour of the focus ring and of what lies around it (the nearest background behind the
# element: the ring is drawn outside it), as WCAG's relative luminance; ≥ 3:1 for non-text contrast.
FOCUS_CONTRAST = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const a = document.activeElement, style = getComputedStyle(a);
    let behind = a.parentElement, bg = 'rgb(255, 255, 255)';
    for (; behind; behind = behind.parentElement) {
        const c = getComputedStyle(behind).backgroundColor, v = rgb(c);
        if (v.length && (v.length < 4 || v[3] > 0.5)) { bg = c; break; }
    }
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? style.outlineColor : null;
    if (!ring) return {what: a.outerHTML.slice(0, 60), ratio: 0};
    const [l1, l2] = [lum(rgb(ring)), lum(rgb(bg))].sort((x, y) => y - x);
    return {what: a.outerHTML.slice(0, 60), ratio: (l1 + 0.05) / (l2 + 0.05), ring, bg};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_focus_ring_has_three_to_one_contrast_against_its_background(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
    tab = context.new_page()
    low = []
    measured = 0
    for lang, path in [("de", ""), ("de", "praxis/"), ("ar", "passt-das/"), ("de", "praxis/runder-tisch-kleinstadt/")]:
        tab.goto(url(lang, path), wait_until="load")
        for _ in range(30):
            tab.keyboard.press("Tab")
            if focused(tab, "a.md-skip, body"):
                continue  # the skip link is a box of its own (text on dark), not a ring; past the end: the body
            found = tab.evaluate(FOCUS_CONTRAST)
            measured += 1
            if found["ratio"] < 3:
                low.append((lang, path, found))
        if width == 390:  # the phone menu's drawer, open: its dark title bar and its links
            tab.locator(".pk-menu-button").focus()
            tab.keyboard.press("Enter")
            for _ in range(8):
                tab.keyboard.press("Tab")
                found = tab.evaluate(FOCUS_CONTRAST)
                measured += 1
                if found["ratio"] < 3:
                    low.append((lang, path, found))
    context.close()
    assert measured > 100
    assert not low, low[:6]
