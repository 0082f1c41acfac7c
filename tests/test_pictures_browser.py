"""The SVG pictures (network map, participation ladder, overview charts) in the browser: every
text lies inside its picture, in every language and in both directions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en", "ar", "fa", "uk"]

# Each <text> of each shown <svg>, with how far it reaches beyond its picture on any side.
OUTSIDE = """() => [...document.querySelectorAll('article svg')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    if (!box.width) return [];  // not shown (print only)
    return [...svg.querySelectorAll('text')].map(text => {
        const t = text.getBoundingClientRect();
        const beyond = Math.max(box.left - t.left, t.right - box.right, box.top - t.top, t.bottom - box.bottom);
        return {cls: svg.getAttribute('class'), text: text.textContent, beyond};
    });
})"""


def pages_with_text_in_pictures(site: Path, lang: str) -> list[str]:
    base = site if lang == "de" else site / lang
    found = []
    for path in sorted(base.rglob("index.html")):
        rel = path.relative_to(site)
        if lang == "de" and rel.parts[0] in LANGUAGES:
            continue
        html = path.read_text(encoding="utf-8")
        if "<svg" in html and "<text" in html:
            found.append("/" + rel.as_posix().removesuffix("index.html"))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_of_every_picture_lies_inside_it(browser: Any, built_site: Path, base_url: str, lang: str) -> None:
    pages = pages_with_text_in_pictures(built_site, lang)
    assert len(pages) >= 7, pages  # the cases and the overview
    outside = []
    counted = 0
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, base_url=base_url)
        tab = context.new_page()
        for path in pages:
            tab.goto(path, wait_until="load")
            texts = tab.evaluate(OUTSIDE)
            counted += len(texts)
            outside += [f"{width}px {path} {t['cls']}: {t['text']!r} {t['beyond']:.0f}px outside" for t in texts if t["beyond"] > 0.5]
        context.close()
    assert counted > 100
    assert not outside, f"{len(outside)} texts outside their picture: {outside[:8]}"
