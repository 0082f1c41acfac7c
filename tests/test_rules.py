"""The validator's rules one by one, and the table of problem codes.

Each rule is a small function that takes what it checks and yields findings; these tests call
them directly, with the least data each rule reads. The fixture corpus (test_fixtures.py) runs
them all together on whole files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from praxis_kb.load.sources import Document
from praxis_kb.load.strictyaml import Positions
from praxis_kb.problems import Code, Severity
from praxis_kb.validate import acknowledged, cases, criteria, messages, places, timing, translations, vocabularies
from praxis_kb.validate.findings import Finding, labels_in_every_language
from praxis_kb.validate.privacy import personal_data

SRC = Path(__file__).resolve().parent.parent / "src" / "praxis_kb"


def codes(findings: Any) -> list[tuple[Code, Any]]:
    return [(f.code, f.path) for f in findings]


def doc(data: dict[str, Any] | None = None, body: str = "\nText.\n", body_line: int = 10) -> Document:
    return Document(Path("praxis/fall.de.md"), data or {}, Positions(), body, body_line)


# -- the table of codes ---------------------------------------------------------------------------
def test_every_code_is_kebab_case_and_explained() -> None:
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.value), code
        assert code.summary and code.summary[0].islower(), code
    assert len({code.value for code in Code}) == len(Code)


def test_every_code_is_reported_somewhere() -> None:
    """No code in the table that nothing can report: each is named in the package's code
    (schema codes come from the keyword that failed)."""
    text = "".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "problems.py")
    handled = set(messages._BY_KEYWORD) | {"propertyNames"}
    by_keyword = {Code.for_schema_keyword(k) for k in handled} | {Code.SCHEMA_OTHER}
    unused = [code for code in Code if f"Code.{code.name}" not in text and code not in by_keyword]
    assert not unused, unused


@pytest.mark.parametrize(
    ("keyword", "code"),
    [
        ("required", Code.SCHEMA_REQUIRED),
        ("maxLength", Code.SCHEMA_MAX_LENGTH),
        ("additionalProperties", Code.SCHEMA_ADDITIONAL_PROPERTIES),
        ("if", Code.SCHEMA_OTHER),
        ("dependentRequired", Code.SCHEMA_OTHER),
    ],
)
def test_schema_codes_follow_the_keyword(keyword: str, code: Code) -> None:
    assert Code.for_schema_keyword(keyword) is code


def test_every_explained_keyword_has_its_own_code() -> None:
    assert all(Code.for_schema_keyword(k) is not Code.SCHEMA_OTHER for k in messages._BY_KEYWORD)


# -- case files -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("fall.md", Code.FILE_NAME_NO_LANGUAGE),
        ("Fall.de.md", Code.FILE_NAME_INVALID),
        ("bürger-fall.de.md", Code.FILE_NAME_INVALID),
        ("fall.xx.md", Code.FILE_NAME_UNKNOWN_LANGUAGE),
        ("fall.de.md", None),
        ("fall-2.en.md", None),
    ],
)
def test_case_file_names(name: str, code: Code | None) -> None:
    assert [f.code for f in cases.file_name(name, ("de", "en"))] == ([code] if code else [])


def test_case_files_lie_directly_in_the_cases_folder(tmp_path: Path) -> None:
    assert [f.code for f in cases.location(tmp_path / "sub" / "fall.de.md", tmp_path)] == [Code.FILE_IN_SUBFOLDER]
    assert [f.code for f in cases.location(tmp_path / "bild.png", tmp_path)] == [Code.FILE_NOT_MARKDOWN]
    assert not list(cases.location(tmp_path / "fall.de.md", tmp_path))


def test_relations_connect_two_actors_of_the_case() -> None:
    data = {"akteure": {"fsa": {}, "jc": {}}, "beziehungen": [{"von": "fsa", "zu": "jc"}, {"von": "fsa", "zu": "jcc"}, {"von": "jc", "zu": "jc"}]}
    found = list(cases.relations(data))
    assert codes(found) == [(Code.CASE_UNKNOWN_ACTOR, ("beziehungen", 1, "zu")), (Code.CASE_SELF_RELATION, ("beziehungen", 2, "zu"))]
    assert found[0].hint == "meinten Sie 'jc'?"


def test_instruments_and_results_name_what_the_case_lists() -> None:
    data = {
        "akteure": {"fsa": {}},
        "instrumente": [{"beteiligte": ["fsa", "sozialamt"]}],
        "quellen": {"protokoll-2020": {}},
        "ergebnisse": [{"quellen": ["protokoll"]}, {}],
    }
    assert codes(cases.instrument_members(data)) == [(Code.CASE_UNKNOWN_ACTOR, ("instrumente", 0, "beteiligte", 1))]
    assert codes(cases.result_sources(data)) == [(Code.CASE_UNKNOWN_SOURCE, ("ergebnisse", 0, "quellen", 0))]


def test_criteria_of_a_case_are_in_the_catalogue() -> None:
    found = list(cases.known_criteria({"kriterien": {"transparenz": {}, "klare-zustaendigkeit": {}}}, {"transparenz", "klare-zustaendigkeiten"}))
    assert codes(found) == [(Code.CASE_UNKNOWN_CRITERION, ("kriterien", "klare-zustaendigkeit"))]
    assert found[0].at_key


@pytest.mark.parametrize(
    ("status", "span", "expected"),
    [
        ("beendet", {"beginn": "2019", "ende": "2018"}, [(Code.CASE_END_BEFORE_START, Severity.ERROR)]),
        ("beendet", {"beginn": {"datum": "2019-05"}, "ende": {"datum": "2019-06"}}, []),
        ("beendet", {"beginn": "2019-03", "ende": "2019"}, []),  # the end may be less precise than the beginning
        ({"wert": "beendet", "anmerkung": "laut Rat"}, {"beginn": "2019"}, [(Code.SCHEMA_REQUIRED, Severity.ERROR)]),
        ({"wert": "unbekannt"}, {"beginn": "2019"}, []),
        ("laeuft", {"beginn": "2019", "ende": "2025"}, [(Code.CASE_END_WHILE_RUNNING, Severity.WARNING)]),
        ({"wert": "laeuft", "genauigkeit": "strittig"}, {"beginn": "2019", "ende": "2025"}, [(Code.CASE_END_WHILE_RUNNING, Severity.WARNING)]),
        ("laeuft", {"beginn": "2019"}, []),
    ],
)
def test_period(status: Any, span: dict[str, Any], expected: list[tuple[Code, Severity]]) -> None:
    data = {"status": status, "zeitraum": span}
    assert [(f.code, f.severity) for f in [*cases.period(data), *timing.periods(data)]] == expected


def test_costs_and_timeline() -> None:
    costs = {"transfer": {"voraussetzungen": {"kosten": {"euro_pro_jahr_von": 500, "euro_pro_jahr_bis": 0}}}}
    assert [f.code for f in cases.cost_range(costs)] == [Code.CASE_COSTS_INVERTED]
    unknown = {"transfer": {"voraussetzungen": {"kosten": {"euro_pro_jahr_von": {"wert": 500}, "euro_pro_jahr_bis": "unbekannt"}}}}
    assert not list(cases.cost_range(unknown))
    timeline = {"zeitleiste": [{"datum": "2019"}, {"datum": "2018"}, {"datum": "2020"}, {"datum": "2017"}]}
    assert codes(timing.timeline(timeline)) == [(Code.CASE_TIMELINE_UNORDERED, ("zeitleiste", 1, "datum"))]  # once, at the first step back
    assert not list(timing.timeline({"zeitleiste": [{"datum": "2019"}, {"datum": "2019"}, {"datum": "2019-03"}]}))


@pytest.mark.parametrize(
    ("dates", "ordered"),
    [
        (["2018-02-01", "2018"], True),  # "2018" may be any day of 2018: not before 1 February
        (["2018", "2018-02-01"], True),
        (["2018-03", "2018-02-01"], False),
        (["2018", {"datum": "unbekannt", "anmerkung": "x"}, "2017"], False),  # undated events are skipped, not the rest
        (["2019", {"datum": "unbekannt", "anmerkung": "x"}, "2019-05"], True),
        ([{"datum": "2016", "jahreszeit": "fruehjahr"}, "2016-02"], True),
        ([{"datum": "2018", "bis": "2019"}, "2018-06"], True),
        (["2020", {"datum": "2018", "bis": "2019"}], False),
    ],
)
def test_the_timeline_is_ordered_as_precisely_as_its_dates(dates: list[Any], ordered: bool) -> None:
    found = list(timing.timeline({"zeitleiste": [{"datum": d} for d in dates]}))
    assert not found if ordered else [f.code for f in found] == [Code.CASE_TIMELINE_UNORDERED]


def test_date_bounds() -> None:
    assert timing.bounds("2018") == ("2018-01-01", "2018-12-31")
    assert timing.bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert timing.bounds({"datum": "2018", "bis": "2019-06"}) == ("2018-01-01", "2019-06-30")
    assert timing.bounds({"datum": "unbekannt", "anmerkung": "x"}) is None
    assert not timing.certainly_before("2018", "2018-02-01")
    assert not timing.certainly_before("2018-02-01", "2018")
    assert timing.certainly_before("2017", "2018-02-01")


def test_date_values() -> None:
    data = {
        "zeitraum": {"beginn": {"datum": "unbekannt"}, "ende": {"datum": "unbekannt", "anmerkung": "Nicht dokumentiert."}},
        "zeitleiste": [
            {"datum": {"datum": "2016-03", "jahreszeit": "fruehjahr"}},
            {"datum": {"datum": "2016", "jahreszeit": "fruehjahr"}},
            {"datum": {"datum": "2019", "bis": "2018"}},
            {"datum": {"datum": "2018", "bis": "2018-06"}},
        ],
    }
    assert codes(timing.date_values(data)) == [
        (Code.CASE_UNDATED_WITHOUT_NOTE, ("zeitraum", "beginn", "datum")),
        (Code.CASE_SEASON_WITHOUT_YEAR, ("zeitleiste", 0, "datum", "jahreszeit")),
        (Code.CASE_END_BEFORE_START, ("zeitleiste", 2, "datum", "bis")),
    ]


def test_everything_that_holds_for_a_time_ends_after_it_begins() -> None:
    data = {
        "zeitraum": {"beginn": "2015"},
        "akteure": {"a": {"seit": "2019", "bis": "2018", "zeitraum_je_typ": {"fsa": {"seit": "2020-05", "bis": "2020-04"}}}, "b": {"seit": "2019"}},
        "beziehungen": [{"seit": "2019", "bis": "2019-01-31"}],
        "instrumente": [{"seit": "2019", "bis": "2017"}],
        "angebote": [{"seit": "2019", "bis": "2018"}],
        "traeger": [{"seit": {"datum": "2019", "genauigkeit": "ungefaehr"}, "bis": "2018"}],
        "foerderung": [{"beginn": "2019", "ende": "2018"}, {"beginn": "2019"}],
    }
    assert codes(timing.periods(data)) == [
        (Code.CASE_END_BEFORE_START, ("akteure", "a", "bis")),
        (Code.CASE_END_BEFORE_START, ("akteure", "a", "zeitraum_je_typ", "fsa", "bis")),
        (Code.CASE_END_BEFORE_START, ("instrumente", 0, "bis")),
        (Code.CASE_END_BEFORE_START, ("angebote", 0, "bis")),
        (Code.CASE_END_BEFORE_START, ("traeger", 0, "bis")),
        (Code.CASE_END_BEFORE_START, ("foerderung", 0, "ende")),
    ]


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([("a", "2015", "2018-02"), ("b", "2018", "2021"), ("a", "2021-07", None)], []),  # "2018" may begin after February 2018
        ([("a", "2015", None), ("b", "2018", None)], []),  # the first ended when the second began
        ([("a", "2019", None), ("b", "2015", None)], [(Code.CASE_OPERATORS_UNORDERED, ("traeger", 1, "seit"))]),
        ([("a", "2015", "2020"), ("b", "2019", None)], [(Code.CASE_OPERATORS_OVERLAP, ("traeger", 1, "seit"))]),
    ],
)
def test_operators_follow_each_other(history: list[tuple[str, str, str | None]], expected: list[tuple[Code, Any]]) -> None:
    data = {"traeger": [{"akteur": a, "seit": since} | ({"bis": until} if until else {}) for a, since, until in history]}
    found = list(timing.operators(data))
    assert codes(found) == expected
    assert all(f.severity is Severity.WARNING for f in found)


def test_offers_operators_and_type_periods_name_what_the_case_lists() -> None:
    data = {
        "akteure": {"stadt": {"typen": ["sozialamt"], "zeitraum_je_typ": {"sozialamt": {}, "fsa": {"seit": "2021"}}}, "verein": {"typen": ["verein"]}},
        "angebote": [{"akteure": ["verein", "vereine"]}, {}],
        "traeger": [{"akteur": "stadt"}, {"akteur": "staat"}],
    }
    assert codes(cases.offer_and_operator_actors(data)) == [
        (Code.CASE_UNKNOWN_ACTOR, ("angebote", 0, "akteure", 1)),
        (Code.CASE_UNKNOWN_ACTOR, ("traeger", 1, "akteur")),
    ]
    found = list(cases.type_periods(data))
    assert codes(found) == [(Code.CASE_TYPE_PERIOD_UNKNOWN_TYPE, ("akteure", "stadt", "zeitraum_je_typ", "fsa"))]
    assert found[0].at_key


def test_quotes_figures_and_funding_name_sources_of_the_case() -> None:
    data = {
        "quellen": {"presse": {}},
        "ergebnisse": [],
        "perspektive_gefluechteter": {"zitate": [{"quelle": "presse"}, {"quelle": "zeitung"}, {"einwilligung": True}]},
        "kennzahlen": [{"quelle": "statistik"}, {}],
        "foerderung": [{"quelle": "presse"}, {"quelle": "bescheid"}],
    }
    assert codes(cases.result_sources(data)) == [
        (Code.CASE_UNKNOWN_SOURCE, ("perspektive_gefluechteter", "zitate", 1, "quelle")),
        (Code.CASE_UNKNOWN_SOURCE, ("kennzahlen", 0, "quelle")),
        (Code.CASE_UNKNOWN_SOURCE, ("foerderung", 1, "quelle")),
    ]


def test_an_empty_value_is_not_read_as_unknown() -> None:
    data = {"status": None, "standort": {"anzahl_gemeinden": None}, "kennzahlen": [{"wert": 3}], "titel": "x"}
    assert codes(cases.empty_values(data)) == [(Code.CASE_EMPTY_VALUE, ("status",)), (Code.CASE_EMPTY_VALUE, ("standort", "anzahl_gemeinden"))]


def test_unfinished_text_is_a_warning_while_editing_and_an_error_when_publishing() -> None:
    unfinished = doc({"titel": "ERGÄNZEN: Titel"}, body="\n\nERGÄNZEN: Beschreibung\n")
    editing = list(cases.unfinished(unfinished, publishing=False))
    assert [(f.code, f.severity, f.path, f.line) for f in editing] == [
        (Code.FILL_IN, Severity.WARNING, ("titel",), 0),
        (Code.FILL_IN, Severity.WARNING, None, 12),  # the first line with text in the body
    ]
    assert {f.severity for f in cases.unfinished(unfinished, publishing=True)} == {Severity.ERROR}
    assert [(f.code, f.line, f.column) for f in cases.unfinished(doc(body="\n  \n"), publishing=False)] == [(Code.CASE_BODY_MISSING, 1, 1)]


def test_personal_data_in_values_and_body_lines() -> None:
    data = {"kontakt": {"email": "info@verein.de", "einwilligung_kontakt": True}, "akteure": {"a": {"rolle": "Erreichbar unter 0351 1234567."}}}
    found = list(personal_data(doc(data, body="\nSchreiben Sie an info@verein.de oder Frau Muster.\n"), {"info@verein.de"}))
    assert [(f.code, f.path, f.line, f.column, f.severity) for f in found] == [
        (Code.PRIVACY_PHONE, ("akteure", "a", "rolle"), 0, 0, Severity.WARNING),
        (Code.PRIVACY_NAME, None, 11, 38, Severity.WARNING),
    ]


@pytest.mark.parametrize("value", ["unbekant", "Unbekannt", "nicht bekannt", "?", "k. A.", "k.A.", "weiß nicht", "n. b.", "-", "unklar"])
def test_words_for_unknown_are_recognised(value: str) -> None:
    assert messages.means_unknown(value)


@pytest.mark.parametrize("value", ["unbekannt", "laeuft", "bekannte", "ja", 4, None, "12 Stunden"])
def test_other_values_are_not_read_as_unknown(value: Any) -> None:
    assert not messages.means_unknown(value)


# -- place names ----------------------------------------------------------------------------------
def test_the_list_of_saxon_municipalities() -> None:
    lines = places.DATA.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert any("Destatis" in line for line in header) and any("2021-07-31" in line for line in header)
    assert any("scripts/gemeinden_sachsen.py" in line for line in header)
    assert 400 < len(rows) < 440  # Saxony has about 420 municipalities (Gemeinden and Städte)
    assert all(len(key) == 8 and key.startswith("14") and name for key, name in rows)
    assert len({key for key, _ in rows}) == len(rows)


def test_the_list_is_written_by_its_script() -> None:
    """scripts/gemeinden_sachsen.py keeps the Saxon rows of the official code list, names unchanged."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("gemeinden_sachsen", SRC.parent.parent / "scripts" / "gemeinden_sachsen.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    code_list = {
        "metadaten": {"kennung": "urn:test", "version": "2021-07-31", "nameKurz": [{"value": "Regionalschlüssel"}]},
        "daten": [["146250020020", "Bautzen / Budyšin, Stadt", None], ["010010000000", "Flensburg, Stadt", None], ["145110000000", "Chemnitz, Stadt", None]],
    }
    text = script.render(json.dumps(code_list).encode())
    assert [line for line in text.splitlines() if not line.startswith("#")] == ["14511000\tChemnitz, Stadt", "14625020\tBautzen / Budyšin, Stadt"]
    assert "2 Gemeinden" in text


def test_name_forms_come_from_the_official_names() -> None:
    assert places.forms("Pirna, Stadt") == {"Pirna"}
    assert places.forms("Bautzen / Budyšin, Stadt") == {"Bautzen", "Budyšin"}
    assert places.forms("Weißwasser/O.L., Stadt / Běła Woda") == {"Weißwasser/O.L.", "Weißwasser", "Běła Woda"}
    assert places.forms("Reichenbach im Vogtland, Stadt") == {"Reichenbach im Vogtland", "Reichenbach"}
    assert places.forms("Sohland a. d. Spree") == {"Sohland a. d. Spree", "Sohland"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Die Idee kam aus Freital.", ["Freital"]),
        ("Ein Stadtteil von Dresden-Neustadt", ["Dresden"]),
        ("Die Innenstadt Pirnas", ["Pirna"]),
        ("Der Leipziger Ring, die Dresdner Bank", []),  # not inside another word
        ("Das Landratsamt Bautzen und der Landkreis Görlitz", []),  # a district may be named like the region
        ("Wandern in den Bergen, eine Feedback-Schleife, eine Glashütte", []),  # ordinary words
        ("Ein Verein in Bergen, die Gemeinde Schleife", ["Bergen", "Schleife"]),
        ("freital", []),  # case-sensitive
    ],
)
def test_place_names_in_a_text(text: str, found: list[str]) -> None:
    assert [p.text for p in places.place_names(text)] == found


def test_place_names_in_a_case_are_warnings_with_field_or_line() -> None:
    from praxis_kb.validate.privacy import places as place_warnings

    data = {"quellen": {"presse": {"titel": "Lokalzeitung Riesa", "url": "https://example.org/riesa"}}, "gepruefte_hinweise": [{"begruendung": "Riesa"}]}
    found = list(place_warnings(doc(data, body="\nAus Meißen kam die Idee.\n")))
    assert [(f.code, f.path, f.line, f.column, f.severity) for f in found] == [
        (Code.PRIVACY_PLACE_NAME, ("quellen", "presse", "titel"), 0, 0, Severity.WARNING),
        (Code.PRIVACY_PLACE_NAME, None, 11, 5, Severity.WARNING),
    ]
    assert "oeffentlich_benannt: true" in found[0].hint


# -- acknowledged warnings ------------------------------------------------------------------------
def test_field_names_as_written_and_as_reported() -> None:
    assert acknowledged.field_name("$.quellen.presse-2019.titel") == "quellen.presse-2019.titel"
    assert acknowledged.field_name("quellen.presse-2019.titel") == "quellen.presse-2019.titel"
    assert acknowledged.field_name("$.ergebnisse[0].beschreibung") == acknowledged.field_name("ergebnisse.0.beschreibung")
    assert acknowledged.field_name("") == "beschreibung"  # the text below the front matter


def test_acknowledged_warnings_are_checked_and_unused_entries_stale() -> None:
    from praxis_kb.problems import Problem

    name = Problem("praxis/a.de.md", 5, 3, Severity.WARNING, Code.PRIVACY_NAME, "$.quellen.presse.titel", "Name", "Hinweis")
    place = Problem("praxis/a.en.md", 9, 1, Severity.WARNING, Code.PRIVACY_PLACE_NAME, "", "Ort", "Hinweis")
    error = Problem("praxis/a.de.md", 7, 1, Severity.ERROR, Code.PRIVACY_NAME, "$.titel", "Fehler")
    other = Problem("praxis/b.de.md", 5, 3, Severity.WARNING, Code.PRIVACY_NAME, "$.quellen.presse.titel", "Name")
    listed = acknowledged.entries(
        {
            "gepruefte_hinweise": [
                {"feld": "quellen.presse.titel", "art": "privacy-name", "begruendung": "Amtsträgerin."},
                {"feld": "beschreibung", "art": "privacy-place-name", "begruendung": "Öffentlich."},
                {"feld": "titel", "art": "privacy-name", "begruendung": "Ein Fehler bleibt ein Fehler."},
            ]
        }
    )
    result, used = acknowledged.apply([name, place, error, other], {"praxis/a.de.md", "praxis/a.en.md"}, listed)
    assert [p.severity for p in result] == [Severity.INFO, Severity.INFO, Severity.ERROR, Severity.WARNING]
    assert result[0].message == "Geprüft: Name" and result[0].hint == "Begründung: Amtsträgerin."
    assert used == {0, 1}
    assert codes(acknowledged.stale(listed, used)) == [(Code.CASE_ACKNOWLEDGEMENT_STALE, ("gepruefte_hinweise", 2))]
    [typo] = acknowledged.stale(acknowledged.entries({"gepruefte_hinweise": [{"feld": "titel", "art": "privacy-nam"}]}), set())
    assert (typo.path, typo.hint) == (("gepruefte_hinweise", 0, "art"), "meinten Sie 'privacy-name'?")


def test_checked_warnings_do_not_count_as_warnings() -> None:
    from praxis_kb.problems import Problem
    from praxis_kb.reporters import summary_line

    checked = Problem("praxis/a.de.md", 5, 3, Severity.INFO, Code.PRIVACY_NAME, "$.titel", "Geprüft: Name")
    assert summary_line([checked], 3) == "Alles in Ordnung: 3 Dateien geprüft, keine Fehler (1 geprüfter Hinweis)."
    assert checked.as_text().endswith(": info: $.titel: Geprüft: Name [privacy-name]")


# -- translations ---------------------------------------------------------------------------------
PATTERNS = translations.pattern_tree([("titel",), ("akteure", "*", "rolle"), ("sozialraum", "potenziale", "*")])
SOURCE = {"titel": "Titel", "status": "laeuft", "akteure": {"fsa": {"rolle": "Berät."}}, "sozialraum": {"potenziale": ["Kurze Wege"]}}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"uebersetzung": "geprueft", "titel": "Title"}, []),
        ({"titel": "Title"}, [(Code.TRANSLATION_STATUS_MISSING, None)]),
        ({"uebersetzung": "fertig"}, [(Code.TRANSLATION_STATUS_UNKNOWN, ("uebersetzung",))]),
        ({"uebersetzung": "maschinell", "status": "beendet"}, [(Code.TRANSLATION_NOT_TRANSLATABLE, ("status",))]),
        ({"uebersetzung": "maschinell", "akteure": {"jobcentre": {"rolle": "Jobs."}}}, [(Code.TRANSLATION_NOT_IN_SOURCE, ("akteure", "jobcentre", "rolle"))]),
        ({"uebersetzung": "maschinell", "sozialraum": {"potenziale": [{}, "Extra"]}}, [(Code.TRANSLATION_NOT_IN_SOURCE, ("sozialraum", "potenziale", 1))]),
        ({"uebersetzung": "maschinell", "titel": 42}, [(Code.TRANSLATION_NOT_TEXT, ("titel",))]),
        ({"uebersetzung": "maschinell", "titel": "  "}, [(Code.TRANSLATION_EMPTY, ("titel",))]),
    ],
)
def test_translation_rules(data: dict[str, Any], expected: list[tuple[Code, Any]]) -> None:
    assert codes(translations.rules(data, SOURCE, PATTERNS)) == expected


# -- vocabularies and criteria --------------------------------------------------------------------
def test_vocabulary_ids_are_unique() -> None:
    data = {"eintraege": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}
    found = list(vocabularies.unique_ids(data))
    assert codes(found) == [(Code.VOCABULARY_DUPLICATE_ID, ("eintraege", 2, "id"))]
    assert "zuerst als Eintrag 1" in found[0].message  # the message tells where the first one is


@pytest.mark.parametrize(
    ("entries", "expected"),
    [([{"id": "a", "stufe": 1, "bereich": "x"}, {"id": "b", "stufe": 2}], [1]), (None, []), ("keine Liste", []), ([3, {"id": "c"}], [1])],
)
def test_participation_levels_have_rank_and_area(entries: Any, expected: list[int]) -> None:
    found = list(vocabularies.participation_levels({"eintraege": entries}))
    assert [(f.code, f.path) for f in found] == [(Code.VOCABULARY_LEVEL_INCOMPLETE, ("eintraege", i)) for i in expected]


def test_missing_vocabulary_and_stale_values_schema(tmp_path: Path) -> None:
    assert [f.code for f in vocabularies.exists(tmp_path / "status.yml", "status")] == [Code.VOCABULARY_MISSING]
    assert [(f.code, f.severity) for f in vocabularies.values_schema_current(None, "{}")] == [(Code.VALUES_SCHEMA_STALE, Severity.WARNING)]
    assert not list(vocabularies.values_schema_current("{}", "{}"))


def test_labels_in_every_language_and_ids_match_file_names() -> None:
    data = {"id": "transparenz", "name": {"de": "Transparenz", "en": "Transparency"}, "stufen": [{"label": {"de": "Eins"}}]}
    assert codes(criteria.rules(data, "offenheit", ("de", "en"))) == [
        (Code.ID_NOT_FILE_NAME, ("id",)),
        (Code.LABEL_LANGUAGE_MISSING, ("stufen", 0, "label")),
    ]
    assert not list(labels_in_every_language(data["name"] | {"text": "x"}, ("de", "en", "uk")))  # not a label: "text" is no language


def test_each_criterion_has_its_own_position() -> None:
    docs = [Document(Path(f"{name}.yml"), {"id": name, "reihenfolge": rank}, Positions()) for name, rank in (("a", 1), ("b", 2), ("c", 1), ("d", 1))]
    found = list(criteria.unique_order(docs))
    assert [(d.data["id"], f.code, f.message) for d, f in found] == [
        ("c", Code.CRITERION_ORDER_DUPLICATE, "Die Reihenfolge 1 hat schon das Kriterium „a“"),
        ("d", Code.CRITERION_ORDER_DUPLICATE, "Die Reihenfolge 1 hat schon das Kriterium „a“"),
    ]


def test_a_finding_names_no_place_unless_given() -> None:
    found = Finding(Code.FILE_CR, "x")
    assert (found.path, found.line, found.severity) == (None, 0, Severity.ERROR)
