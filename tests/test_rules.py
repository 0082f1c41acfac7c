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
from praxis_kb.validate import cases, criteria, messages, translations, vocabularies
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
        ("laeuft", {"beginn": "2019", "ende": "2025"}, [(Code.CASE_END_WHILE_RUNNING, Severity.WARNING)]),
        ("laeuft", {"beginn": "2019"}, []),
    ],
)
def test_period(status: str, span: dict[str, Any], expected: list[tuple[Code, Severity]]) -> None:
    assert [(f.code, f.severity) for f in cases.period({"status": status, "zeitraum": span})] == expected


def test_costs_and_timeline() -> None:
    costs = {"transfer": {"voraussetzungen": {"kosten": {"euro_pro_jahr_von": 500, "euro_pro_jahr_bis": 0}}}}
    assert [f.code for f in cases.cost_range(costs)] == [Code.CASE_COSTS_INVERTED]
    timeline = {"zeitleiste": [{"datum": "2019"}, {"datum": "2018"}, {"datum": "2020"}, {"datum": "2017"}]}
    assert codes(cases.timeline(timeline)) == [(Code.CASE_TIMELINE_UNORDERED, ("zeitleiste", 1, "datum"))]  # once, at the first step back
    assert not list(cases.timeline({"zeitleiste": [{"datum": "2019"}, {"datum": "2019"}, {"datum": "2019-03"}]}))


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
