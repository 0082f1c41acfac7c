"""The theme's HTML in every built page: a skip link first, the error page (read from the files;
the browser tests press the keys)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

FOCUSABLE = re.compile(r'<(a\s[^>]*href=|button\b|input\b(?![^>]*type="(?:checkbox|hidden)")|select\b|textarea\b|[a-z]+\s[^>]*tabindex="0")[^>]*>')


def test_the_first_tab_stop_of_every_page_is_a_skip_link_to_a_target_on_it(built_site: Path) -> None:
    wrong = []
    pages = sorted(p for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        body = html[html.index("<body") :]
        first = FOCUSABLE.search(body)
        link = re.match(r'<a\s+href="#([^"]+)" class="md-skip"', first.group(0)) if first else None
        if not link or f'id="{link.group(1)}"' not in html:
            wrong.append(f"{path.relative_to(built_site)}: {first.group(0)[:80] if first else 'nothing focusable'}")
    assert len(pages) > 100
    assert not wrong, wrong[:10]


class _Languages(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marked: dict[str, str] = {}  # lang → dir of each element marked with a language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li" and values.get("lang"):
            self.marked[values["lang"] or ""] = values.get("dir") or ""


def test_the_error_page_is_german_with_a_line_in_each_language_and_ways_on(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="de" dir="ltr"' in html and "<h1>Seite nicht gefunden</h1>" in html
    assert "Not found" not in html
    for href in ('href="/praxis/"', 'href="/suche/"', 'href="/en/suche/"', 'href="/ar/"', 'href="/fa/"', 'href="/uk/"'):
        assert href in html, href
    languages = _Languages()
    languages.feed(html)
    assert languages.marked == {"en": "ltr", "ar": "rtl", "fa": "rtl", "uk": "ltr"}
