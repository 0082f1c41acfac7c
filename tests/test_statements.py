"""Statements as a case page writes them (render/statements.py): unknown values as "nicht bekannt"
with their reason and never as 0, uncertain ones marked, every note shown; dates with seasons,
spans and none (render/strings.py)."""

from __future__ import annotations

import re

import pytest

from praxis_kb.model import DatePoint, Period, Precision, Stated
from praxis_kb.render.statements import Shown, Statements
from praxis_kb.render.strings import Strings, format_percent, format_point

SEASONS = {"fruehjahr": "Frühjahr", "herbst": "Herbst"}
LANGUAGES = ["de", "en", "ar", "fa", "uk"]


def say(lang: str = "de") -> Statements:
    return Statements(lang, SEASONS)


def text(markup: object) -> str:
    """What a reader sees: the markup without its tags."""
    return re.sub(r"<[^>]+>", "", str(markup))


def euro(value: Stated[int]) -> str:
    return text(say().count(value, "{n} €"))


# -- unknown ----------------------------------------------------------------------------------


def test_an_unknown_value_says_so_with_its_reason() -> None:
    shown = say().stated(Stated(None, note="zuletzt 2019 dokumentiert"), str)
    assert not shown.known
    assert 'class="pk-unknown">nicht bekannt<' in str(shown.inline)
    assert "zuletzt 2019 dokumentiert" in str(shown.notes) and 'class="pk-note"' in str(shown.notes)
    assert text(shown) == "nicht bekannt" + " Anmerkung: zuletzt 2019 dokumentiert"


def test_an_unknown_value_without_a_reason_has_no_empty_note() -> None:
    shown = say().stated(Stated(None), str)
    assert shown.notes == "" and text(shown) == "nicht bekannt"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_numbers_are_never_zero(lang: str) -> None:
    s = say(lang)
    unknown = s.t.stated_unknown
    for shown in (s.count(Stated(None), "{n} €"), s.stated(Stated(None), lambda n: s.t.hours_per_month.format(n=n), hedged=True)):
        assert text(shown) == unknown
        assert "0" not in text(shown) and "۰" not in text(shown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_is_said_in_every_language(lang: str) -> None:
    assert text(say(lang).unknown()) == Strings(lang).stated_unknown
    if lang != "de":
        assert Strings(lang).stated_unknown != Strings("de").stated_unknown


def test_the_reason_is_escaped() -> None:
    assert "&lt;script&gt;" in str(say().unknown("<script>"))


# -- uncertain ---------------------------------------------------------------------------------


def test_an_approximate_number_reads_circa() -> None:
    assert euro(Stated(40000, Precision.APPROXIMATE)) == "ca. 40.000 €"


def test_an_approximate_label_gets_its_chip() -> None:
    shown = say().stated(Stated("laeuft", Precision.APPROXIMATE), lambda v: "Läuft")
    assert 'class="pk-uncertain pk-uncertain--ungefaehr">ungefähr<' in str(shown)
    assert text(shown) == "Läuft ungefähr"


def test_a_disputed_value_gets_its_chip_and_its_note() -> None:
    shown = say().count(Stated(40, Precision.DISPUTED, "Webseite: 40, Zeitung: gut zwanzig"), "{n} Plätze")
    assert text(shown.inline) == "40 Plätze strittig"
    assert "pk-uncertain--strittig" in str(shown.inline)
    assert text(shown.notes) == " Anmerkung: Webseite: 40, Zeitung: gut zwanzig"


def test_a_text_that_says_circa_already_is_not_hedged_twice() -> None:
    s = say()
    shown = s.stated(Stated(12.0, Precision.APPROXIMATE), lambda n: s.t.hours_per_month.format(n=s.number(n)), hedged=True)
    assert text(shown) == "ca. 12 Stunden pro Monat"


def test_an_exact_value_is_shown_as_it_is() -> None:
    assert euro(Stated(3000)) == "3.000 €"
    assert say().hedge(Precision.EXACT) == ""


def test_a_statement_carries_its_hedge_and_note() -> None:
    shown = say().said(Stated("Viele Engagierte", Precision.DISPUTED, "20 oder 60"))
    assert text(shown) == "Viele Engagierte strittig Anmerkung: 20 oder 60"
    assert text(say().said(Stated("Kurze Wege"))) == "Kurze Wege"


def test_notes_are_shown_once_each_and_empty_ones_not_at_all() -> None:
    notes = say().notes(["a", "", "  ", "a", "b"])
    assert text(notes) == " Anmerkung: a Anmerkung: b"
    assert say().note("") == ""


# -- costs -------------------------------------------------------------------------------------


def test_costs_known_on_both_sides() -> None:
    shown = say().costs(Stated(300), Stated(1200))
    assert shown.known and text(shown) == "300 bis 1.200 € pro Jahr"


def test_costs_known_on_one_side_say_which_side_is_unknown() -> None:
    upper = say().costs(Stated(None, note="nicht genannt"), Stated(1200, note="Haushaltsansatz 2018"))
    assert not upper.known
    assert text(upper.inline) == "bis 1.200 € pro Jahr, Untergrenze nicht bekannt"
    assert 'class="pk-unknown">Untergrenze nicht bekannt<' in str(upper.inline)
    assert text(upper.notes) == " Anmerkung: nicht genannt Anmerkung: Haushaltsansatz 2018"
    lower = say().costs(Stated(300), Stated(None))
    assert text(lower) == "ab 300 € pro Jahr, Obergrenze nicht bekannt"


def test_costs_unknown_on_both_sides_and_uncertain_ones() -> None:
    both = say().costs(Stated(None, note="keine Quelle"), Stated(None, note="keine Quelle"))
    assert not both.known and text(both) == "nicht bekannt Anmerkung: keine Quelle"
    assert "0" not in text(both)
    assert text(say().costs(Stated(300, Precision.APPROXIMATE), Stated(1200))) == "ca. 300 bis 1.200 € pro Jahr"
    assert text(say().costs(Stated(300), Stated(1200, Precision.DISPUTED))) == "300 bis 1.200 € pro Jahr strittig"


# -- the transfer check ------------------------------------------------------------------------


def test_a_prerequisite_nobody_knows_is_a_line_to_clarify() -> None:
    s = say()
    line = s.clarify("Personalaufwand", s.unknown("keine Angaben in den Quellen"))
    assert text(line) == "Personalaufwand: nicht bekannt – vor Ort klären Anmerkung: keine Angaben in den Quellen"
    assert "checkbox" not in str(line)


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point", "lang", "expected"),
    [
        (DatePoint("2016", season="fruehjahr"), "de", "Frühjahr 2016"),
        (DatePoint("2016", Precision.APPROXIMATE, season="herbst"), "de", "ca. Herbst 2016"),
        (DatePoint("2018", until="2019"), "de", "2018–2019"),
        (DatePoint("2018", until="2019"), "fa", "۲۰۱۸ تا ۲۰۱۹"),
        (DatePoint("2018", Precision.APPROXIMATE, until="2019"), "de", "ca. 2018–2019"),
        (DatePoint("2018-03", until="2018-05"), "de", "März 2018 – Mai 2018"),
        (DatePoint("2018-03", until="2018-05"), "fa", "۲۰۱۸/۰۳ تا ۲۰۱۸/۰۵"),  # months as numbers (render/strings.py: NUMERIC_DATES)
        (DatePoint("", note="im Artikel ohne Datum"), "de", "ohne Datum"),
        (DatePoint("", note="im Artikel ohne Datum"), "ar", "دون تاريخ"),
        (DatePoint("2017-03-15"), "de", "15. März 2017"),
        (DatePoint("2017-03"), "fa", "۲۰۱۷/۰۳"),
        (DatePoint("2018", Precision.DISPUTED), "de", "2018 (strittig)"),
    ],
)
def test_dates_as_each_language_writes_them(point: DatePoint, lang: str, expected: str) -> None:
    assert say(lang).date(point) == expected


def test_a_season_without_its_label_shows_its_id_and_never_fails() -> None:
    assert format_point(DatePoint("2016", season="winter"), "de", "winter") == "winter 2016"


def test_a_date_carries_its_note() -> None:
    shown = say().when(DatePoint("2016", Precision.APPROXIMATE, "Protokolle erst ab März 2017"))
    assert text(shown) == "ca. 2016 Anmerkung: Protokolle erst ab März 2017"
    undated = say().when(DatePoint("", note="nach dem Beschluss von 2019"))
    assert not undated.known and text(undated) == "ohne Datum Anmerkung: nach dem Beschluss von 2019"


def test_periods() -> None:
    s = say()
    assert text(s.period(Period(DatePoint("2016"), DatePoint("2019")))) == "2016 – 2019"
    assert text(s.period(Period(DatePoint("2019-01")))) == "seit Januar 2019"
    assert text(s.period(Period(None, DatePoint("2019")))) == "bis 2019"
    assert not s.period(Period()).known and text(s.period(Period())) == ""
    noted = s.period(Period(DatePoint("2016", note="laut Presse"), DatePoint("", note="Ende nicht berichtet"), "Trägerwechsel"))
    assert text(noted.inline) == "2016 – ohne Datum"
    assert text(noted.notes) == " Anmerkung: laut Presse Anmerkung: Ende nicht berichtet Anmerkung: Trägerwechsel"
    assert text(s.period(Period(), DatePoint("2017"), DatePoint("2022-12"))) == "2017 – Dezember 2022"


def test_percent_and_numbers_as_each_language_writes_them() -> None:
    assert format_percent(40, "de") == "40\xa0%"
    assert format_percent(12.5, "de") == "12,5\xa0%"
    assert format_percent(40, "fa") == "۴۰%"
    assert text(say("fa").count(Stated(1200), "{n}")) == "۱٬۲۰۰"


def test_shown_writes_its_value_then_its_notes() -> None:
    shown = say().unknown("weil")
    assert isinstance(shown, Shown)
    assert str(shown) == str(shown.inline) + str(shown.notes) == shown.__html__()
