"""The strict YAML reader: no silent coercion, no aliases, no duplicates, positions kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from praxis_kb.load import strictyaml
from praxis_kb.problems import Code, ContentError


def load(text: str) -> object:
    return strictyaml.load(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plz: 01067", {"plz": "01067"}),  # PyYAML: 567 (octal)
        ("a: no", {"a": "no"}),  # PyYAML: False
        ("a: off", {"a": "off"}),
        ("a: yes", {"a": "yes"}),
        ("a: 2024-02-30", {"a": "2024-02-30"}),  # PyYAML: ValueError
        ("a: 2024-03-01", {"a": "2024-03-01"}),  # PyYAML: date object
        ("a: 12", {"a": 12}),
        ("a: -3", {"a": -3}),
        ("a: 1.5", {"a": 1.5}),
        ("a: 1e3", {"a": "1e3"}),
        ("a: .inf", {"a": ".inf"}),
        ("a: 0x1F", {"a": "0x1F"}),
        ("a: 1_000", {"a": "1_000"}),
        ("a: true", {"a": True}),
        ("a: false", {"a": False}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ('a: "12"', {"a": "12"}),
        ("a: 'true'", {"a": "true"}),
        ("1: x", {"1": "x"}),  # keys are always text
        ("no: x", {"no": "x"}),
        ("a: |\n  line one\n  line two\n", {"a": "line one\nline two\n"}),
        ("a: [1, x, true]", {"a": [1, "x", True]}),
    ],
)
def test_scalars_resolve_without_surprises(text: str, expected: object) -> None:
    assert load(text) == expected


def test_positions_of_values_and_keys() -> None:
    data, positions = strictyaml.load("a:\n  b: 1\n  c:\n    - x\n    - y\n", line_offset=1)
    assert data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert positions.of_value(("a", "b")) == (3, 6)
    assert positions.of_key(("a", "c")) == (4, 3)
    assert positions.of_value(("a", "c", 1)) == (6, 7)
    assert positions.of_value(("a", "missing", 3)) == (3, 3)
    assert positions.of_key(("a",)) == (2, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "code", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, Code.YAML_DUPLICATE_KEY, "Das Feld „a“ steht zweimal hier (zuerst in Zeile 1)"),
        ("x:\n  k: 1\n  k: 2\n", 3, 3, Code.YAML_DUPLICATE_KEY, "Das Feld „k“ steht zweimal hier (zuerst in Zeile 2)"),
        ("a: &anker 1\nb: 2\n", 1, 4, Code.YAML_ANCHOR, "YAML-Anker (&anker) sind nicht erlaubt"),
        ("a: !!python/object:os.system x\n", 1, 4, Code.YAML_TAG, "YAML-Typangaben wie „tag:yaml.org,2002:python/object:os.system“ sind nicht erlaubt"),
        ("a: !!str 12\n", 1, 4, Code.YAML_TAG, "YAML-Typangaben wie „tag:yaml.org,2002:str“ sind nicht erlaubt"),
        ("a:\n\t- b\n", 2, 1, Code.YAML_TAB, "In dieser Zeile steht ein Tabulatorzeichen"),
        ("? [a, b]\n: 1\n", 1, 3, Code.YAML_COMPLEX_KEY, "Ein Feldname muss ein einfacher Text sein"),
        ("? a\n: 1\n? {b: 2}\n: 3\n", 3, 3, Code.YAML_COMPLEX_KEY, "Ein Feldname muss ein einfacher Text sein"),
        ("a: 1\n---\nb: 2\n", 2, 1, Code.YAML_SECOND_DOCUMENT, "Hier beginnt ein zweites YAML-Dokument"),
        ("a: *nirgends\n", 1, 4, Code.YAML_ALIAS, "YAML-Verweise (*nirgends) sind nicht erlaubt"),
    ],
)
def test_refusals_name_line_and_column(text: str, line: int, column: int, code: Code, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        strictyaml.load(text)
    assert (caught.value.line, caught.value.column, caught.value.code, caught.value.message) == (line, column, code, message)
    assert caught.value.hint


def test_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    with pytest.raises(ContentError) as caught:
        strictyaml.load(bomb)
    assert caught.value.line == 1
    assert caught.value.code is Code.YAML_ANCHOR


def test_syntax_error_carries_position_and_hint() -> None:
    with pytest.raises(ContentError) as caught:
        strictyaml.load("titel: Runder Tisch: Kleinstadt\n", line_offset=1)
    assert caught.value.line == 2
    assert caught.value.code is Code.YAML_SYNTAX
    assert "Anführungszeichen" in caught.value.hint


def test_json_path() -> None:
    assert strictyaml.json_path(("a", 0, "b-c", "x y")) == "$.a[0].b-c['x y']"


@pytest.mark.parametrize("text", ["kosten: 2.000", "kosten: 12.500", "kosten: 1.000.000"])
def test_a_german_thousands_point_is_refused_not_read_as_a_decimal(text: str) -> None:
    with pytest.raises(ContentError) as caught:
        strictyaml.load(text)
    assert caught.value.code is Code.YAML_AMBIGUOUS_NUMBER
    assert (caught.value.line, caught.value.column) == (1, 9)
    assert "ohne Punkt (" + text.split(": ")[1].replace(".", "") + ")" in caught.value.hint


@pytest.mark.parametrize(("text", "value"), [("x: 2.5", 2.5), ("x: 0.125", 0.125), ("x: 2000", 2000), ('x: "2.000"', "2.000"), ("x: 12.50", 12.5)])
def test_numbers_that_are_not_ambiguous_are_read_as_before(text: str, value: object) -> None:
    assert strictyaml.load(text)[0] == {"x": value}


def test_windows_line_ends_are_read_like_unix_ones(tmp_path: Path) -> None:
    from praxis_kb.load.sources import read_markdown

    source = Path(__file__).resolve().parent.parent / "praxis" / "runder-tisch-kleinstadt.de.md"
    crlf = tmp_path / "fall.de.md"
    crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))  # as Git checks out on Windows by default
    lf, windows = read_markdown(source), read_markdown(crlf)
    assert windows.data == lf.data and windows.body == lf.body
    assert windows.positions.values == lf.positions.values


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("titel: *Wichtig* ist das", "Beginnt der Text mit *?"),
        ('titel: "Der "Runde Tisch" tagt"', "innen „…“"),
        ("titel: 'Das ist's'", "schreiben Sie ihn doppelt ('')"),
    ],
)
def test_misleading_yaml_errors_get_a_hint_that_names_the_real_cause(text: str, hint: str) -> None:
    with pytest.raises(ContentError) as caught:
        strictyaml.load(text)
    assert hint in caught.value.hint and "Einrückung" not in caught.value.hint
