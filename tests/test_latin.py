"""Latin-script words on Arabic, Persian and Ukrainian pages get their language (render/latin.py)."""

from __future__ import annotations

import pytest

from praxis_kb.render import latin, regions
from praxis_kb.site import htmlpost

DE = '<span lang="de" dir="ltr">'
EN = '<span lang="en" dir="ltr">'


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>العمل الاجتماعي (FSA) هنا</p>", f"<p>العمل الاجتماعي ({DE}FSA</span>) هنا</p>"),
        ("<p>مركز العمل (Jobcenter, Team für Geflüchtete).</p>", f"<p>مركز العمل ({DE}Jobcenter, Team für Geflüchtete</span>).</p>"),
        ("<li>Besucher*innen und Helfer*innen</li>", f"<li>{DE}Besucher*innen und Helfer*innen</span></li>"),
        ("<p>CC BY 4.0 · مرخّص</p>", f"<p>{DE}CC BY 4.0</span> · مرخّص</p>"),
        ("<p>&quot;نص&quot; &amp; A&amp;B</p>", f"<p>&quot;نص&quot; &amp; {DE}A&amp;B</span></p>"),  # entities stay whole
    ],
)
def test_a_latin_run_on_an_arabic_page_is_marked_german(markup: str, expected: str) -> None:
    assert latin.mark(markup, "ar") == expected


def test_text_already_marked_and_what_is_no_text_stay_as_they_are() -> None:
    markup = (
        '<p lang="de" dir="ltr">Runder Tisch <b>Integration</b></p><p lang="en" dir="ltr">Round table</p>'
        '<a href="/praxis/x/" title="Jobcenter">نص</a><svg><title>Karte: FSA</title><text>A</text></svg>'
        "<script>var a = 'Jobcenter';</script>"
    )
    assert latin.mark(markup, "fa") == markup


def test_inside_an_element_of_the_pages_language_a_run_is_marked_again() -> None:
    markup = '<div lang="de" dir="ltr">Stadt <span lang="uk">Місто Jobcenter</span></div>'
    assert latin.mark(markup, "uk") == f'<div lang="de" dir="ltr">Stadt <span lang="uk">Місто {DE}Jobcenter</span></span></div>'


def test_names_quoted_in_english_are_marked_english_within_a_run() -> None:
    quoted = {"en": ("European Website on Integration", "EWSI")}
    assert latin.mark("<td>معايير EWSI (European Website on Integration)</td>", "ar", quoted) == (
        f"<td>معايير {EN}EWSI</span> ({EN}European Website on Integration</span>)</td>"
    )
    assert latin.mark("<td>Kriterien der EWSI-Seite</td>", "ar", quoted) == f"<td>{DE}Kriterien der</span> {EN}EWSI</span>-{DE}Seite</span></td>"


def test_pages_in_a_latin_script_language_are_not_touched() -> None:
    assert latin.mark("<p>Jobcenter</p>", "de") == "<p>Jobcenter</p>"
    assert latin.mark("<p>Jobcenter</p>", "en") == "<p>Jobcenter</p>"
    assert [latin.writes_latin(code) for code in ("de", "en", "ar", "fa", "uk")] == [True, True, False, False, False]


def test_the_scanner_names_the_innermost_language_and_none_inside_code_left_alone() -> None:
    markup = '<p lang="de">① <span lang="en">②</span> ③</p> ④ <code>⑤</code>'
    scanner = regions.Scanner(regions.regions(markup, {"code"}), "ar")
    assert [scanner.at(markup.index(mark)) for mark in "①②③④⑤"] == ["de", "en", "de", "ar", None]


def test_cards_a_script_inserts_later_get_the_same_marks_as_the_page() -> None:
    card = "<li><h2>مائدة مستديرة (Runder Tisch der Integrationsnetzwerke)</h2></li>"
    marked = htmlpost.script_fragment(card, "ar")
    assert f"({DE}Runder Tisch der Integrationsnetzwerke</span>)" in marked.replace("\u00ad", "")


def test_the_same_text_is_marked_by_the_names_quoted_for_its_page() -> None:
    """Marked texts are remembered for each set of quoted names, never across them."""
    markup = "<td>معايير EWSI</td><td>معايير EWSI</td>"
    assert latin.mark(markup, "ar") == f"<td>معايير {DE}EWSI</span></td>" * 2
    assert latin.mark(markup, "ar", {"en": ("EWSI",)}) == f"<td>معايير {EN}EWSI</span></td>" * 2
    assert latin.mark(markup, "ar") == f"<td>معايير {DE}EWSI</span></td>" * 2


def test_text_after_a_closing_bracket_in_text_and_before_the_first_tag() -> None:
    assert latin.mark("FSA <p>a > FSA</p>", "ar") == f"FSA <p>{DE}a</span> > {DE}FSA</span></p>"
