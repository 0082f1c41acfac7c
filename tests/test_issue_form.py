"""The issue form and `praxis from-issue`: from a submitted form to a case file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from praxis_kb.cli import main
from praxis_kb.load.project import Project

ISSUE = Path(__file__).resolve().parent / "fixtures" / "issues" / "sprachcafe.md"


def test_issue_form_is_generated_from_the_vocabularies(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "issue-form", "--check"]) == 0, capsys.readouterr().out


def test_a_submitted_form_becomes_a_valid_case(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "from-issue", str(ISSUE), "--ordner", str(tmp_path)]) == 0
    written = tmp_path / "sprachcafe-mit-kinderbetreuung-in-der-dorfgemeinschaft.de.md"
    text = written.read_text(encoding="utf-8")
    assert "standorttyp: laendliche-region" in text and "stufe: einbeziehung" in text
    assert 'genauigkeit: "ungefaehr"' in text  # "ca. 2019"
    assert "## Vorgehen" in text
    capsys.readouterr()
    assert main(["--root", str(project.root), "validate", str(written)]) == 0
    out = capsys.readouterr().out
    assert ": error: " not in out
    assert "$.pruefung.durch: Noch auszufüllen" in out  # the team records its review before publishing


def test_the_github_api_json_is_accepted(project: Project, tmp_path: Path) -> None:
    payload = tmp_path / "issue.json"
    payload.write_text(json.dumps({"number": 42, "body": ISSUE.read_text(encoding="utf-8")}), encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(payload), "--ordner", str(tmp_path), "--id", "sprachcafe"]) == 0
    assert "# Aus dem Issue #42 übernommen" in (tmp_path / "sprachcafe.de.md").read_text(encoding="utf-8")


def test_mistakes_in_the_form_are_named_by_field_and_line(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = ISSUE.read_text(encoding="utf-8").replace("Heimatverein; Verein; Stellt den Raum", "Heimatverein; Sportverein; Stellt den Raum")
    body = body.replace("Empowerment; 2;", "Empowerment; zwei;")
    broken = tmp_path / "broken.md"
    broken.write_text(body, encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(broken), "--ordner", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Feld „Akteur*innen“, Zeile 2: „Sportverein“ ist kein erlaubter Wert" in err
    assert "Feld „Kriterien“, Zeile 2: die Stufe „zwei“ ist keine Zahl von 1 bis 4" in err
    assert not list(tmp_path.glob("*.de.md"))


def test_something_else_is_refused(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.md"
    other.write_text("Hallo, ich habe eine Frage.", encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(other), "--ordner", str(tmp_path)]) == 1
    assert "kein ausgefülltes Formular" in capsys.readouterr().err


def test_an_unreadable_issue_file_is_explained(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "from-issue", str(tmp_path / "fehlt.md")]) == 1
    err = capsys.readouterr().err
    assert "kann nicht gelesen werden" in err and "Traceback" not in err
    latin = tmp_path / "latin.md"
    latin.write_bytes("### Titel\n\nGr\xfc\xdfe".encode("latin-1"))
    assert main(["--root", str(project.root), "from-issue", str(latin)]) == 1
    assert "UTF-8" in capsys.readouterr().err
