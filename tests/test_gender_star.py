"""The gender star (Akteur*innen) stays a star in every page; real emphasis keeps working."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from praxis_kb.render.escaping import narrative_html

EMPHASIS = ("em", "strong")
INLINE = {*EMPHASIS, "a", "abbr", "b", "bdi", "code", "i", "mark", "small", "span", "sub", "sup", "time"}
# Arabic writes "and", "so", "with", "for", "like" as one letter joined to the next word: emphasis
# of that word starts after it (و**فُحص** …), as it should.
ARABIC_PROCLITICS = set("وفبلك")


class _InsideWords(HTMLParser):
    """Finds <em>/<strong> that start or end inside a word: a letter on both sides of the tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""  # the text so far, with a marker where an emphasis tag opened or closed
        self.marks: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMPHASIS:
            self.marks.append((len(self.text), f"<{tag}>"))
        elif tag not in INLINE:  # a cell, a paragraph, a line break: words end here
            self.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in EMPHASIS:
            self.marks.append((len(self.text), f"</{tag}>"))
        elif tag not in INLINE:
            self.text += "\n"

    def handle_data(self, data: str) -> None:
        self.text += data

    def problems(self) -> list[str]:
        text = self.text
        return [
            f"{text[max(at - 20, 0) : at]}{tag}{text[at : at + 20]}"
            for at, tag in self.marks
            if 0 < at < len(text) and text[at - 1].isalpha() and text[at].isalpha() and not _proclitic(text, at)
        ]


def _proclitic(text: str, at: int) -> bool:
    return text[at - 1] in ARABIC_PROCLITICS and (at == 1 or not text[at - 2].isalpha())


def inside_words(html: str) -> list[str]:
    scan = _InsideWords()
    scan.feed(html)
    return scan.problems()


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Akteur*innen und Koordinator*innen", "<p>Akteur*innen und Koordinator*innen</p>"),
        ("*Wort* und **stark**, Ärzt*innen", "<p><em>Wort</em> und <strong>stark</strong>, Ärzt*innen</p>"),
        ("**Akteur*innen** und *Mieter*innen*", "<p><strong>Akteur*innen</strong> und <em>Mieter*innen</em></p>"),
        (
            "`a*b*c` und [Bürger*innen](https://example.org/a*b)",
            '<p><code>a*b*c</code> und <a href="https://example.org/a*b" rel="nofollow noopener noreferrer">Bürger*innen</a></p>',
        ),
        ("2*3*4 bleibt, wie es war", "<p>2<em>3</em>4 bleibt, wie es war</p>"),
    ],
)
def test_a_star_between_two_letters_is_text_and_emphasis_still_works(markdown: str, expected: str) -> None:
    assert str(narrative_html(markdown)) == expected


def test_the_check_finds_emphasis_inside_a_word() -> None:
    opened, closed = inside_words("<p>Akteur<em>innen und Koordinator</em>innen</p>")
    assert "Akteur<em>innen" in opened and "Koordinator</em>innen" in closed
    assert inside_words("<p><em>Wort</em> und <strong>stark</strong>.</p><td><em>a</em></td><td>b</td>") == []
    assert inside_words("<p>و<strong>فُحص</strong> و</p>") == []


def test_no_emphasis_starts_or_ends_inside_a_word_in_any_built_page(built_site: Path) -> None:
    """Every page: the case narratives (render/escaping.py) and the pages MkDocs renders from docs/."""
    found = []
    pages = sorted(built_site.rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(built_site)}: {problem}" for problem in inside_words(html)]
    assert len(pages) > 100
    assert not found, found[:10]
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Akteur*innen vor Ort" in start and "<strong>wo</strong>" in start  # the star and real emphasis
