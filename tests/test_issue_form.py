"""The issue form and `praxis from-issue`: from a submitted form to a case file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxis_kb.authoring import issueform
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
    assert "genauigkeit: ungefaehr" in text  # "ca. 2019"
    assert '- "Dorfgemeinschaftshaus"' in text  # free text is always quoted
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


def submit(project: Project, tmp_path: Path, *changes: tuple[str, str]) -> int:
    """`praxis from-issue` on the example issue with some answers changed; the case is written as neu.de.md."""
    body = ISSUE.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in body
        body = body.replace(old, new)
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    return main(["--root", str(project.root), "from-issue", str(issue), "--ordner", str(tmp_path), "--id", "neu"])


def test_mistakes_in_the_form_are_named_by_field_and_line(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        submit(
            project,
            tmp_path,
            ("Heimatverein; Verein; Stellt den Raum", "Heimatverein; Sportverein; Stellt den Raum"),
            ("Empowerment; 2;", "Empowerment; zwei;"),
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "Feld „Akteur*innen“, Zeile 2: „Sportverein“ ist kein erlaubter Wert" in err
    assert "Feld „Kriterien“, Zeile 2: Stufe „zwei“ ist keine ganze Zahl von 1 bis 4" in err
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


def test_the_form_is_a_valid_github_issue_form(root: Path) -> None:
    import re

    import yaml

    path = root / ".github" / "ISSUE_TEMPLATE" / "praxisbeispiel.yml"
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    fields = [e for e in form["body"] if e["type"] != "markdown"]
    ids = [e["id"] for e in fields]
    labels = [e["attributes"]["label"] for e in fields]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert len(set(labels)) == len(labels)  # from-issue finds each answer by its label
    for entry in fields:
        assert entry["type"] in ("input", "textarea", "dropdown", "checkboxes")
        if entry["type"] in ("dropdown", "checkboxes"):
            assert entry["attributes"]["options"]
    assert labels.index("Beschreibung") == labels.index("In einfacher Sprache") + 1  # the Markdown body
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run([str(checker), "--builtin-schema", "vendor.github-issue-forms", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_answers_are_read_by_the_shape_of_a_case(project: Project, tmp_path: Path) -> None:
    assert submit(project, tmp_path, ("Sprache, Ehrenamt", "Sprache, Kinder, Jugend und Familie"), ("- [X] Das Beispiel", "- [x] Das Beispiel")) == 0
    text = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert "handlungsfelder: [sprache, kinder-familie]" in text  # a label with a comma stays whole
    assert "illustrativ: true" in text
    assert "beteiligte: [ehrenamtliche-im-dorf, heimatverein]" in text  # asked in the form, not every actor


def test_references_between_tables_are_checked(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        submit(project, tmp_path, ("Freier Träger der FSA; Heimatverein;", "Freier Träger der FSA; Sportverein;"), ("Dokumentiert; 1", "Dokumentiert; 7")) == 1
    )
    err = capsys.readouterr().err
    assert "Feld „Beziehungen“, Zeile 1: „Sportverein“ steht nicht unter Akteur*innen" in err
    assert "Feld „Ergebnisse“, Zeile 1: „7“ ist keine Nummer aus der Liste unter „Quellen“" in err


def test_a_problem_found_after_conversion_leaves_no_file_and_is_said_in_form_terms(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_title = "Sprachcafé mit Kinderbetreuung " * 5  # the schema allows 120 characters
    answer = tmp_path / "antwort.md"
    body = ISSUE.read_text(encoding="utf-8").replace("Sprachcafé mit Kinderbetreuung in der Dorfgemeinschaft", long_title.strip())
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    code = main(["--root", str(project.root), "from-issue", str(tmp_path / "issue.md"), "--ordner", str(tmp_path), "--id", "neu", "--kommentar", str(answer)])
    assert code == 1
    assert not (tmp_path / "neu.de.md").exists()  # nothing left behind to block the next run
    comment = answer.read_text(encoding="utf-8")
    assert comment.startswith("**Das Formular konnte noch nicht übernommen werden.**")
    assert "- Feld „Titel“: ist zu lang" in comment and "$." not in comment and "neu.de.md" not in comment
    # corrected in the issue, the next run takes it
    (tmp_path / "issue.md").write_text(ISSUE.read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["--root", str(project.root), "from-issue", str(tmp_path / "issue.md"), "--ordner", str(tmp_path), "--id", "neu", "--kommentar", str(answer)])
    assert code == 0 and (tmp_path / "neu.de.md").exists()
    assert answer.read_text(encoding="utf-8").startswith("**Das Formular wurde übernommen**")


def test_privacy_warnings_reach_the_contributor_first(project: Project, tmp_path: Path) -> None:
    answer = tmp_path / "antwort.md"
    body = ISSUE.read_text(encoding="utf-8").replace(
        "Die FSA hat mit dem Heimatverein einen Raum gefunden.", "Die FSA hat mit dem Heimatverein einen Raum gefunden (Kontakt: maria.muster@example.org)."
    )
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    code = main(["--root", str(project.root), "from-issue", str(tmp_path / "issue.md"), "--ordner", str(tmp_path), "--id", "neu", "--kommentar", str(answer)])
    comment = answer.read_text(encoding="utf-8")
    assert code == 0, comment
    warnings = comment.split("Bitte sehen Sie sich außerdem an", 1)[1].strip().splitlines()
    assert "E-Mail" in warnings[2], warnings  # the first warning listed


def test_an_id_from_a_title_without_letters_falls_back_to_the_issue_number(project: Project, tmp_path: Path) -> None:
    body = ISSUE.read_text(encoding="utf-8").replace("Sprachcafé mit Kinderbetreuung in der Dorfgemeinschaft", "☕🧒")
    payload = tmp_path / "issue.json"
    payload.write_text(json.dumps({"number": 7, "body": body}), encoding="utf-8")
    main(["--root", str(project.root), "from-issue", str(payload), "--ordner", str(tmp_path)])
    assert not (tmp_path / ".de.md").exists()
    assert [p.name for p in tmp_path.glob("*.de.md")] == ["praxisbeispiel-7.de.md"]


def test_the_teams_own_open_fields_are_not_the_contributors_task(project: Project, tmp_path: Path) -> None:
    answer = tmp_path / "antwort.md"
    code = main(["--root", str(project.root), "from-issue", str(ISSUE), "--ordner", str(tmp_path), "--id", "neu", "--kommentar", str(answer)])
    assert code == 0
    assert "ERGÄNZEN: wer aus dem Projektteam" in (tmp_path / "neu.de.md").read_text(encoding="utf-8")  # left for the review
    assert "Noch auszufüllen" not in answer.read_text(encoding="utf-8")


def test_a_heading_inside_an_answer_stays_part_of_it(project: Project, tmp_path: Path) -> None:
    critique = "### Kritik der Geflüchteten\n\nDer Raum ist abends zu kalt."
    body = ISSUE.read_text(encoding="utf-8").replace(
        "Die FSA hat mit dem Heimatverein einen Raum gefunden.", "Die FSA hat mit dem Heimatverein einen Raum gefunden.\n\n" + critique
    )
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(tmp_path / "issue.md"), "--ordner", str(tmp_path), "--id", "neu"]) == 0
    written = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert "Kritik der Geflüchteten" in written and "Der Raum ist abends zu kalt." in written


@pytest.mark.parametrize(("answer", "value"), [("2.000", 2000), ("2.000 €", 2000), ("1.500 Euro", 1500), ("300", 300)])
def test_numbers_are_read_as_germans_write_them(project: Project, tmp_path: Path, answer: str, value: float) -> None:
    changed = ("### Sachkosten pro Jahr in Euro: höchstens\n\n300", f"### Sachkosten pro Jahr in Euro: höchstens\n\n{answer}")
    assert submit(project, tmp_path, changed) == 0
    written = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert re.search(rf"euro_pro_jahr_bis: {value:g}\n", written), written


def test_an_ambiguous_number_is_refused_with_what_it_could_mean(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = ("### Sachkosten pro Jahr in Euro: höchstens\n\n300", "### Sachkosten pro Jahr in Euro: höchstens\n\n1.5")
    assert submit(project, tmp_path, changed) == 1
    assert "Feld „Sachkosten pro Jahr in Euro: höchstens“: „1.5“ ist als Zahl nicht eindeutig (gemeint: „15“ oder „1,5“?)" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.de.md"))


@pytest.mark.parametrize(
    ("answer", "items"),
    [
        ("- Viele Engagierte, die seit 2015\n  dabei sind\n- Kurze Wege", ["Viele Engagierte, die seit 2015 dabei sind", "Kurze Wege"]),
        ("Viele Engagierte\nKurze Wege", ["Viele Engagierte", "Kurze Wege"]),
        ("* Raum im Rathaus\n\n* Zwei Fachkräfte", ["Raum im Rathaus", "Zwei Fachkräfte"]),
    ],
)
def test_a_line_break_inside_a_list_item_keeps_it_whole(answer: str, items: list[str]) -> None:
    assert issueform.list_items(answer) == items


def test_an_instrument_names_who_takes_part_from_the_actors(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = ("Gemeinschaftshaus; Ehrenamtliche im Dorf, Heimatverein", "Gemeinschaftshaus; Ehrenamtliche im Dorf, Sportverein")
    assert submit(project, tmp_path, changed) == 1
    assert "Feld „Instrumente“, Zeile 1: „Sportverein“ steht nicht unter Akteur*innen" in capsys.readouterr().err


def test_every_table_names_its_allowed_words(root: Path) -> None:
    """Six line-format fields need fixed words: the form shows them under each field."""
    import yaml

    form = yaml.safe_load((root / ".github" / "ISSUE_TEMPLATE" / "praxisbeispiel.yml").read_text(encoding="utf-8"))
    described = {e["attributes"]["label"]: e["attributes"].get("description", "") for e in form["body"] if e["type"] != "markdown"}
    wanted = {
        "Akteur*innen": ["**Akteurstypen**", "Flüchtlingssozialarbeit (FSA)"],
        "Beziehungen": ["**Art der Beziehung**", "**Häufigkeit**", "Quartalsweise"],
        "Instrumente": ["**Art des Instruments**", "Runder Tisch"],
        "Kriterien": ["**Kriterium**", "Transparenz"],
    }
    for label, words in wanted.items():
        assert all(word in described[label] for word in words), (label, described[label])
    assert any("**Art**" in text and "Interview" in text for text in described.values())  # the sources' kinds


def test_everyday_words_for_fixed_values_are_understood(project: Project, tmp_path: Path) -> None:
    changes = (
        ("Heimatverein; Verein; Stellt den Raum", "Heimatverein; VHS; Stellt den Raum"),
        ("Austauschplattform; Sprachcafé;", "WhatsApp-Gruppe; Sprachcafé;"),
        ("Informationsaustausch; Monatlich", "Informationsaustausch; vierteljährlich"),
    )
    assert submit(project, tmp_path, *changes) == 0
    text = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert "typen: [bildungstraeger]" in text and "typ: austauschplattform" in text and "haeufigkeit: quartalsweise" in text


def test_a_misspelt_value_gets_a_suggestion_from_the_labels(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert submit(project, tmp_path, ("Heimatverein; Verein; Stellt den Raum", "Heimatverein; Vereinn; Stellt den Raum")) == 1
    assert "„Vereinn“ ist kein erlaubter Wert (meinten Sie „Verein“?)" in capsys.readouterr().err
