"""Output formats of `praxis validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from praxis_kb import reporters
from praxis_kb.problems import Code, Problem, Severity

PROBLEM = Problem(
    "praxis/a,b:c.de.md",
    12,
    5,
    Severity.ERROR,
    Code.SCHEMA_ENUM,
    "$.transfer.eignung.kleinstadt.urteil",
    "'gut' ist kein erlaubter Wert: 100% falsch\r\nzweite Zeile",
    "meinten Sie 'geeignet'?",
)
WHOLE_FILE = Problem("praxis/a.de.md", 1, 1, Severity.WARNING, Code.FILE_CR, "", "Die Datei hat Windows-Zeilenenden (CRLF)")


def test_text_format_matches_the_documented_shape() -> None:
    out = reporters.text([PROBLEM], 3)
    first = out.splitlines()[0]
    assert first.startswith("praxis/a,b:c.de.md:12:5: error: $.transfer.eignung.kleinstadt.urteil: 'gut' ist kein erlaubter Wert")
    assert out.splitlines()[-1] == "Bitte korrigieren: 1 Fehler, 0 Warnungen in 1 von 3 Dateien."


def test_text_format_shows_contributors_codes_only_where_they_acknowledge_a_warning() -> None:
    out = reporters.text([PROBLEM, WHOLE_FILE], 3)
    assert "schema-enum" not in out  # an error is fixed, never acknowledged: no code
    # a warning a person has checked is acknowledged by field and code (gepruefte_hinweise: feld, art)
    assert out.splitlines()[-2] == "praxis/a.de.md:1:1: warning: Die Datei hat Windows-Zeilenenden (CRLF) [file-cr]"


def test_checked_warnings_are_notices_and_no_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    checked = Problem("praxis/a.de.md", 1, 1, Severity.INFO, Code.PRIVACY_NAME, "$.titel", "Geprüft: Name", "Begründung: Amtsträgerin.")
    assert reporters.github([checked], 1).splitlines()[0].startswith("::notice file=praxis/a.de.md")
    assert json.loads(reporters.as_json([checked, WHOLE_FILE], 1))["warnings"] == 1
    assert reporters.text([checked], 1).splitlines()[-1] == "Alles in Ordnung: 1 Dateien geprüft, keine Fehler (1 geprüfter Hinweis)."


def test_github_escapes_data_and_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    line = reporters.github([PROBLEM], 1).splitlines()[0]
    assert line == (
        "::error file=praxis/a%2Cb%3Ac.de.md,line=12,col=5,"
        "title=Praxisbeispiel prüfen%3A $.transfer.eignung.kleinstadt.urteil [schema-enum]"
        "::'gut' ist kein erlaubter Wert: 100%25 falsch%0D%0Azweite Zeile (meinten Sie 'geeignet'?)"
    )


def test_github_title_names_the_code_also_without_a_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    line = reporters.github([WHOLE_FILE], 1).splitlines()[0]
    assert line == "::warning file=praxis/a.de.md,line=1,col=1,title=Praxisbeispiel prüfen [file-cr]::Die Datei hat Windows-Zeilenenden (CRLF)"


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\rb", "a%0Db", "a%0Db"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_workflow_command_escaping(raw: str, data: str, prop: str) -> None:
    assert reporters.escape_data(raw) == data
    assert reporters.escape_property(raw) == prop


def test_github_writes_the_full_report_to_the_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    reporters.github([PROBLEM], 1)
    text = summary.read_text(encoding="utf-8")
    assert "| praxis/a,b:c.de.md | 12:5 | Fehler |" in text
    assert "meinten Sie 'geeignet'?" in text


def test_json_report() -> None:
    data = json.loads(reporters.as_json([PROBLEM], 4))
    assert data["errors"] == 1 and data["warnings"] == 0 and data["checked_files"] == 4
    assert data["problems"][0]["line"] == 12 and data["problems"][0]["hint"] == "meinten Sie 'geeignet'?"
    assert data["problems"][0]["code"] == "schema-enum"
    assert list(data["problems"][0]) == ["file", "line", "column", "severity", "code", "path", "message", "hint"]


def test_no_problems() -> None:
    assert reporters.text([], 7) == "Alles in Ordnung: 7 Dateien geprüft, keine Fehler.\n"
