"""The theme's HTML in every built page: a skip link first, the error page, numbers as each
language writes them (read from the files; the browser tests press the keys)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from praxis_kb.render.strings import Strings, format_day, format_list, format_number

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


WESTERN_DIGIT = re.compile(r"[0-9]")


def _cells(html: str, pattern: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(pattern, html, re.S)]


def test_persian_pages_write_numbers_in_persian_digits(built_site: Path) -> None:
    overview = (built_site / "fa" / "ueberblick" / "index.html").read_text(encoding="utf-8")
    shown = _cells(overview, r"<td>(.*?)</td>") + _cells(overview, r'<svg class="pk-chart".*?</svg>')
    matrix = (built_site / "fa" / "kriterien" / "index.html").read_text(encoding="utf-8")
    shown += _cells(matrix, r'<table class="pk-matrix">(.*?)</table>')
    case = (built_site / "fa" / "praxis" / "runder-tisch-kleinstadt" / "index.html").read_text(encoding="utf-8")
    shown += _cells(case, r'<p class="pk-stage">(.*?)</p>')
    assert len(shown) > 20
    assert not [text for text in shown if WESTERN_DIGIT.search(text)][:5]
    assert "۳" in "".join(shown)
    german = (built_site / "ueberblick" / "index.html").read_text(encoding="utf-8")
    assert not re.search("[۰-۹]", german)


@pytest.mark.parametrize(
    ("lang", "step", "listed", "number", "day"),
    [
        ("de", "Stufe 3 von 9", "A, B und C", "1.234,5", "5. März 2024"),
        ("ar", "الدرجة 3 من 9", "A وB وC", "1,234.5", "5 مارس 2024"),
        ("fa", "مرحلهٔ ۳ از ۹", "A،\u200f B، و C", "۱٬۲۳۴٫۵", "۲۰۲۴/۰۳/۰۵"),  # numeric: render/strings.py NUMERIC_DATES
        ("uk", "Рівень 3 з 9", "A, B і C", "1\xa0234,5", "5 березня 2024\u202fр."),
    ],
)
def test_numbers_lists_and_dates_follow_the_language(lang: str, step: str, listed: str, number: str, day: str) -> None:
    assert Strings(lang).step_of.format(n=3, total=9) == step
    assert format_list(["A", "B", "C"], lang) == listed
    assert format_number(1234.5, lang) == number
    assert format_day("2024-03-05", lang) == day


def test_lists_on_case_pages_are_joined_as_each_language_joins_them(built_site: Path) -> None:
    """ "a, b und c" in German; Arabic and Persian join with their own words, never a Latin comma."""
    for lang, needed in (("ar", "الجهات الفاعلة اللازمة"), ("fa", None)):
        page = (built_site / lang / "praxis" / "runder-tisch-kleinstadt" / "index.html").read_text(encoding="utf-8")
        lists = re.findall(r"<div><dt>[^<]*</dt><dd>([^<]*)</dd></div>", page)
        assert lists, lang
        assert not [item for item in lists if re.search(r"[\u0600-\u06ff]\s*,\s*[\u0600-\u06ff]", item)], lang
        if needed:
            assert needed in page
    german = (built_site / "praxis" / "runder-tisch-kleinstadt" / "index.html").read_text(encoding="utf-8").replace("\u00ad", "")
    assert "Ehrenamtsinitiative und Geflüchtete" in german
