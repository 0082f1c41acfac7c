"""The narrative's fast path (render/escaping.py ``PlainText``): text without inline syntax skips
Python-Markdown's inline patterns, with the same HTML as without the fast path."""

from __future__ import annotations

import random

import markdown
import nh3
import pytest

from praxis_kb.render import escaping

CASES = [
    "Ein Absatz ohne jede Auszeichnung.\n\nNoch einer, mit Zeilen\nüber zwei Zeilen.",
    "Akteur*innen und Koordinator*innen treffen sich.\n\nNur Sternchen im Wort: Bürger*innen.",
    "Akteur*innen mit *Betonung* und **Fettem** und `Code*stern`.",
    "Ein [Link](https://example.org) und <https://example.org> und a&b &amp; <b>fett</b>.",
    "Zeile mit Umbruch  \nund weiter.\n\n- Punkt *eins*\n- Punkt_zwei_ Akteur*innen\n\n1. erstens\n2. zweitens",
    "## Überschrift mit Akteur*innen\n\n| a | b |\n|---|---|\n| Akteur*innen | *x* |",
    "<div>roher Block</div>\n\nAkteur*innen danach.\n\n    eingerückter Code*stern",
    "Steuerzeichen \x02klzzwxh:0001\x03 im Text, Akteur*innen, a_*b*_c",
]


def _without_fast_path() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", escaping.GenderStar()], extension_configs={"toc": {"baselevel": 2, "slugify": escaping._slug}}
    )


def _plain_html(text: str) -> str:
    md = _without_fast_path()
    html = md.convert(text)
    return str(
        nh3.clean(
            html,
            tags=escaping.ALLOWED_TAGS,
            attributes=escaping.ALLOWED_ATTRIBUTES,
            url_schemes=escaping.URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
            strip_comments=True,
        )
    )


@pytest.mark.parametrize("text", CASES)
def test_same_html_as_without_the_fast_path(text: str) -> None:
    assert str(escaping.narrative_html(text)) == _plain_html(text)


def test_same_html_on_random_markdown() -> None:
    rng = random.Random(17)
    pieces = [
        "Wort ",
        "Akteur*innen",
        "a*b",
        "*",
        "**",
        "_",
        "`",
        "\\",
        "[",
        "]",
        "(x)",
        "!",
        "<",
        ">",
        "&",
        "&amp;",
        "\n",
        "\n\n",
        "  \n",
        "## ",
        "- ",
        "1. ",
        "|",
        "\x02",
        "klzzwxh",
    ]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        assert str(escaping.narrative_html(text)) == _plain_html(text), text


def test_plain_text_rules() -> None:
    assert escaping._no_syntax("Nur Wörter, Zahlen 12 und Punkte.")
    assert not escaping._no_syntax("Akteur*innen")
    assert escaping._only_gender_stars("Akteur*innen und Bürger*innen")
    assert not escaping._only_gender_stars("Akteur*innen und *betont*")
    assert not escaping._only_gender_stars("Zeile  \nUmbruch")
