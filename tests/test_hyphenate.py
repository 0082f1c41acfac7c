"""Soft hyphens in long German words (#16): where they go, and where never."""

from __future__ import annotations

import pytest

from praxis_kb.render import hyphenate

SHY = "\u00ad"


def shown(value: str) -> str:
    return value.replace(SHY, "-")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Integrationsnetzwerken", "In-te-gra-tions-netz-wer-ken"),
        ("Wohnungsunternehmen", "Woh-nungs-un-ter-neh-men"),
        ("Kooperationsvereinbarung", "Koope-ra-tions-ver-ein-ba-rung"),
        ("Geschäftsordnung", "Ge-schäfts-ord-nung"),
    ],
)
def test_long_german_words_get_soft_hyphens_at_syllables(word: str, expected: str) -> None:
    assert shown(hyphenate.word(word)) == expected


@pytest.mark.parametrize(
    ("word", "wrong"),
    [
        ("Sozialarbeit", ["a-l", "l-a", "a-r"]),  # the patterns alone: So-zi-a-l-a-r-beit
        ("Flüchtlingssozialarbeit", ["a-l", "a-r"]),
        ("Rückmeldung", ["Rü-ck"]),
        ("Kommunikationsstrukturen", ["onss-t"]),
        ("Videoeinsätzen", ["deoe-in"]),
        ("Zusammenarbeit", ["me-n", "na-r"]),
    ],
)
def test_points_the_patterns_often_get_wrong_are_left_out(word: str, wrong: list[str]) -> None:
    result = shown(hyphenate.word(word))
    assert result.replace("-", "") == word
    for piece in wrong:
        assert piece not in result, result
    assert all(len(piece) >= 2 for piece in result.split("-")), result


def test_short_words_and_addresses_stay_whole() -> None:
    assert hyphenate.text("Der Runde Tisch tagt") == "Der Runde Tisch tagt"
    for address in ("https://www.integrationsnetzwerke.example.org/kooperationsvereinbarung", "kontakt@wohnungsunternehmen.example", "geschaeftsordnung.pdf"):
        assert hyphenate.text(f"Siehe {address} dazu") == f"Siehe {address} dazu"


def test_hyphenated_text_reads_the_same_without_its_soft_hyphens() -> None:
    text = "Akteur*innen der Integrationsnetzwerke (Flüchtlingssozialarbeit, Wohnungsunternehmen) – 12.000 Einwohner*innen."
    result = hyphenate.text(text)
    assert result != text
    assert result.replace(SHY, "") == text
    assert f"In{SHY}te{SHY}gra{SHY}tions{SHY}netz{SHY}werke" in result


def test_only_text_is_hyphenated_never_attributes_pictures_or_code() -> None:
    markup = (
        '<h2 id="integrationsnetzwerke" aria-label="Runder Tisch der Integrationsnetzwerke">Integrationsnetzwerke</h2><!-- Kooperationsvereinbarung -->'
        '<a href="../integrationsnetzwerke/" data-label="Wohnungsunternehmen">Wohnungsunternehmen</a>'
        "<svg><title>Integrationsnetzwerke</title><text>Wohnungsunternehmen</text></svg>"
        "<code>Integrationsnetzwerke</code><p>Wohnungsunternehmen<br>Geschäftsordnung</p>"
    )
    result = hyphenate.html(markup, "de")
    assert result.replace(SHY, "") == markup
    assert 'id="integrationsnetzwerke" aria-label="Runder Tisch der Integrationsnetzwerke"' in result
    assert "<!-- Kooperationsvereinbarung -->" in result
    assert 'href="../integrationsnetzwerke/" data-label="Wohnungsunternehmen"' in result
    assert "<svg><title>Integrationsnetzwerke</title><text>Wohnungsunternehmen</text></svg>" in result
    assert "<code>Integrationsnetzwerke</code>" in result
    expected = [hyphenate.word(w) for w in ("Integrationsnetzwerke", "Wohnungsunternehmen", "Wohnungsunternehmen", "Geschäftsordnung")]
    assert result.count(SHY) == sum(w.count(SHY) for w in expected) > 0  # the heading, the link, the paragraph's two words


def test_markdown_headings_of_a_page_body_are_hyphenated() -> None:
    assert hyphenate.html("\n## Integrationsnetzwerke\n", "de") == f"\n## In{SHY}te{SHY}gra{SHY}tions{SHY}netz{SHY}werke\n"


def test_only_german_text_is_hyphenated() -> None:
    german = "Wohnungsunternehmen"
    hyphenated = hyphenate.word(german)
    # A page in Arabic hyphenates only what is marked German (a case shown untranslated) …
    assert hyphenate.html(f"<p>{german}</p>", "ar") == f"<p>{german}</p>"
    assert hyphenate.html(f'<div lang="de" dir="ltr"><p>{german}</p></div><p>{german}</p>', "ar") == (
        f'<div lang="de" dir="ltr"><p>{hyphenated}</p></div><p>{german}</p>'
    )
    # … never inside code, whatever its language …
    assert hyphenate.html(f'<code><span lang="de">{german}</span></code>', "ar") == f'<code><span lang="de">{german}</span></code>'
    # … and a German page leaves out what is marked as another language, up to its end tag.
    assert hyphenate.html(f'<p lang="en">{german}<br><img alt=""> <p>{german}</p> {german}</p>{german}', "de") == (
        f'<p lang="en">{german}<br><img alt=""> <p>{german}</p> {german}</p>{hyphenated}'
    )


def test_a_piece_of_text_is_read_whole_between_tags_and_white_space() -> None:
    """The text between two tags is hyphenated as a whole (and remembered): an address is found
    up to the white space or tag around it, a word at the page's beginning or after a ">" in the
    text is a word, and the same text in another place is hyphenated the same way."""
    german = "Wohnungsunternehmen"
    hyphenated = hyphenate.word(german)
    markup = f"{german} <p>a > {german}/x {german}</p><p>www.{german}.de</p><p><b>{german}</b>.pdf {german}</p>"
    expected = f"{hyphenated} <p>a > {german}/x {hyphenated}</p><p>www.{german}.de</p><p><b>{hyphenated}</b>.pdf {hyphenated}</p>"
    assert hyphenate.html(markup, "de") == expected
    assert hyphenate.html(markup + markup, "de") == expected + expected


def test_on_a_page_in_another_language_each_german_element_is_hyphenated() -> None:
    german = "Wohnungsunternehmen"
    hyphenated = hyphenate.word(german)
    markup = f'<p>{german}</p><span lang="de">{german} <b lang="ar">{german}</b> {german}</span> {german} <p lang="de-DE"><i>{german}</i></p>'
    expected = f'<p>{german}</p><span lang="de">{hyphenated} <b lang="ar">{german}</b> {hyphenated}</span> {german} <p lang="de-DE"><i>{hyphenated}</i></p>'
    assert hyphenate.html(markup, "uk") == expected
