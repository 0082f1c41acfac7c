"""`praxis new`: interactive prompts and flags both give a skeleton that validates."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from praxis_kb.cli import main
from praxis_kb.load.project import Project

PRAXIS = str(Path(sys.executable).parent / "praxis")


def test_prompts_lead_to_a_valid_case(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    child = pexpect.spawn(PRAXIS, ["--root", str(project.root), "new", "--ordner", str(tmp_path)], encoding="utf-8", timeout=30, dimensions=(40, 200))
    child.expect("Titel")
    child.sendline("Runder Tisch für Ehrenamtliche")
    child.expect(r"Kennung, zugleich Dateiname \[runder-tisch-fuer-ehrenamtliche\]")
    child.sendline("")
    child.expect("Kurzbeschreibung")
    child.sendline("Ehrenamtliche und FSA treffen sich monatlich.")
    child.expect("Standorttyp:")
    child.expect("Nummer")
    child.sendline("7")  # not in the list: asked again
    child.expect("Bitte eine Nummer aus der Liste eingeben")
    child.sendline("2")
    child.expect(r"Region .*Nummer \[1\]")
    child.sendline("")
    child.expect("Gemeindestruktur:")
    child.expect("Nummer")
    child.sendline("verwaltungsgemeinschaft")  # the id works as well as the number
    child.expect(r"Status:.*Nummer \[1\]")
    child.sendline("2")  # beendet
    child.expect("Beginn")
    child.sendline("2018")
    child.expect("Ende")
    child.sendline("23")
    child.expect("Form: 2023")
    child.sendline("2023")
    child.expect("Handlungsfelder")
    child.expect("Nummern mit Komma")
    child.sendline("1, 8")
    child.expect("Stufe im Stufenmodell")
    child.expect("Nummer")
    child.sendline("6")
    child.expect(r"illustratives Beispiel\? \(j/n\) \[n\]")
    child.sendline("")
    child.expect(r"Einwilligung .* \(j/n\)")
    child.sendline("vielleicht")
    child.expect("Bitte j")
    child.sendline("j")
    child.expect(r"erkennbar macht\? \(j/n\)")
    child.sendline("ja")
    child.expect("angelegt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = tmp_path / "runder-tisch-fuer-ehrenamtliche.de.md"
    text = written.read_text(encoding="utf-8")
    assert "status: beendet" in text and 'ende: "2023"' in text and "handlungsfelder: [wohnen, ehrenamt]" in text
    assert "standorttyp: kleinstadt" in text and "stufe: mitbestimmung" in text
    assert "# Titel: Kurzer, sprechender Titel" in text  # every field explained
    assert text.splitlines()[1] == "# yaml-language-server: $schema=../schemas/praxisbeispiel.schema.json"
    assert main(["--root", str(project.root), "validate", str(written)]) == 0
    out = capsys.readouterr().out
    assert "warning: $.einfache_sprache: Noch auszufüllen" in out
    assert ": error: " not in out


def test_flags_without_prompts(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([
        "--root", str(project.root), "new", "--no-input", "--ordner", str(tmp_path),
        "--titel", "Elterncafé an der Grundschule", "--standorttyp", "mittelgrosse-stadt",
        "--gemeindestruktur", "kreisfreie-stadt", "--handlungsfeld", "bildung", "--handlungsfeld", "kinder-familie",
        "--einwilligung-dokumentiert", "--anonymisierung-geprueft", "--illustrativ",
    ])
    assert code == 0
    written = tmp_path / "elterncafe-an-der-grundschule.de.md"
    assert written.exists()
    capsys.readouterr()
    assert main(["--root", str(project.root), "validate", str(written)]) == 0


def test_bad_flags_are_explained(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(project.root), "new", "--no-input", "--ordner", str(tmp_path), "--titel", "X", "--standorttyp", "Kleinstadt", "--gemeindestruktur", "einheitsgemeinde", "--handlungsfeld", "wohnen"])
    assert code == 2
    assert "--standorttyp: 'Kleinstadt' ist kein erlaubter Wert (meinten Sie 'kleinstadt'?)" in capsys.readouterr().err
    assert main(["--root", str(project.root), "new", "--no-input", "--ordner", str(tmp_path)]) == 2
    assert "fehlen: --titel, --standorttyp, --gemeindestruktur, --handlungsfeld" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_unfinished_case_is_not_published(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from praxis_kb.site.generate import pages_for

    main(["--root", str(sandbox.root), "new", "--no-input", "--titel", "Neu", "--standorttyp", "kleinstadt", "--gemeindestruktur", "einheitsgemeinde", "--handlungsfeld", "wohnen", "--einwilligung-dokumentiert", "--anonymisierung-geprueft"])
    result = pages_for(sandbox)
    errors = [p.as_text() for p in result.problems.errors]
    assert errors and all("wird so nicht veröffentlicht" in e for e in errors)
    assert not result.pages


def test_a_preview_build_shows_an_unfinished_case(sandbox: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from praxis_kb.site.generate import pages_for

    main(["--root", str(sandbox.root), "new", "--no-input", "--titel", "Neu", "--standorttyp", "kleinstadt", "--gemeindestruktur", "einheitsgemeinde", "--handlungsfeld", "wohnen", "--einwilligung-dokumentiert", "--anonymisierung-geprueft"])
    monkeypatch.setenv("PRAXIS_ENTWURF", "1")
    result = pages_for(sandbox)
    assert not result.problems.errors
    assert any(page.path == "praxis/neu.de.md" for page in result.pages)
