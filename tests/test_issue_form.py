"""The issue form and `praxis from-issue`: from a submitted form to a case file."""

from __future__ import annotations

import json
import re
import shutil
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
    assert "pruefung" not in text and "zuletzt_geprueft" not in text  # the team records its review, after it
    assert "info: Entwurf: noch nicht vom Projektteam geprüft" in out and "warning" not in out


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
    assert "Feld „Beziehungen“, Zeile 1: „Sportverein“ steht nicht unter „Akteur*innen“" in err
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
    written = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert "pruefung" not in written and "zuletzt_geprueft" not in written  # written by the team after its review
    assert "Noch auszufüllen" not in answer.read_text(encoding="utf-8") and "Entwurf" not in answer.read_text(encoding="utf-8")
    assert "ist noch leer" not in answer.read_text(encoding="utf-8")


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
    assert "Feld „Instrumente“, Zeile 1: „Sportverein“ steht nicht unter „Akteur*innen“" in capsys.readouterr().err


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


def test_fourteen_days_and_words_in_every_language_are_understood(project: Project, tmp_path: Path) -> None:
    """„14-tägig“ is its own frequency; a label or synonym in English, Arabic, Persian or Ukrainian names
    an entry too (Arabic and Persian letters compare equal: „ي“ is „ی“)."""
    changes = (
        ("Heimatverein; Verein; Stellt den Raum", "Heimatverein; Volunteer initiative; Stellt den Raum"),
        ("Austauschplattform; Sprachcafé;", "Austauschplattform; Мовне кафе;"),
        ("Informationsaustausch; Monatlich", "Informationsaustausch; 14-tägig"),
    )
    assert submit(project, tmp_path, *changes) == 0
    text = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert "typen: [ehrenamtsinitiative]" in text and "haeufigkeit: vierzehntaeglich" in text
    (tmp_path / "fa").mkdir()
    assert submit(project, tmp_path / "fa", ("Informationsaustausch; Monatlich", "Informationsaustausch; هر دو هفته يک بار")) == 0
    assert "haeufigkeit: vierzehntaeglich" in (tmp_path / "fa" / "neu.de.md").read_text(encoding="utf-8")


def test_words_in_other_scripts_are_not_folded_to_nothing() -> None:
    from praxis_kb.authoring.casefile import fold

    assert fold("كل أسبوعين") == fold("كل اسبوعين") != ""
    assert fold("هر دو هفته یک‌بار") == fold("هر دو هفته يک بار")
    assert fold("Раз на два тижні") == "раз на два тижні"
    assert fold("Sprachcafé") == fold("Sprachcafe") and fold("Vierteljährlich") == "vierteljaehrlich"
    assert fold("k. A.") == "k a"


def test_a_misspelt_value_gets_a_suggestion_from_the_labels(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert submit(project, tmp_path, ("Heimatverein; Verein; Stellt den Raum", "Heimatverein; Vereinn; Stellt den Raum")) == 1
    assert "„Vereinn“ ist kein erlaubter Wert (meinten Sie „Verein“?)" in capsys.readouterr().err


# -- what nobody knows: „unbekannt“ in the form, unknown in the case ------------------------------

from typing import Any  # noqa: E402

from praxis_kb import model  # noqa: E402
from praxis_kb.validate import content, schemas  # noqa: E402

TODAY = "2026-03-04"


@pytest.fixture(scope="module")
def catalogue(project: Project) -> content.Catalogue:
    found, _ = content.check(project, [])
    return found


def site_types(catalogue: content.Catalogue) -> list[tuple[str, str]]:
    return [(e["id"], e["label"]["de"]) for e in catalogue.vocabularies["standorttypen"].data["eintraege"]]


def converter(catalogue: content.Catalogue) -> issueform.Converter:
    vocabularies = {k: d.data for k, d in catalogue.vocabularies.items()}
    return issueform.Converter(vocabularies, {k: d.data for k, d in catalogue.criteria.items()}, site_types(catalogue))


def with_answer(body: str, label: str, answer: str) -> str:
    """The issue text with the answer to the question *label* replaced."""
    pattern = re.compile(rf"^(### {re.escape(label)}\n\n).*?(?=\n\n### |\n*\Z)", re.DOTALL | re.MULTILINE)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m[1] + answer, body, count=1)


def unknown_columns(question: issueform.FormField) -> list[int]:
    """The columns of a table question that may be unknown (their index in a line "a; b; c")."""
    f = question.field
    assert f is not None and f.item is not None
    columns = (f.form or {}).get("spalten") or [c.key for c in f.item.children if c.required]
    return [i for i, c in enumerate(columns) if c != "*" and f.item.child(c).may_be_unknown]


def unknowable(catalogue: content.Catalogue) -> list[issueform.FormField]:
    """The questions of the form whose answer (or a column of it) may be unknown."""
    return [q for q in issueform.fields(site_types(catalogue)) if q.field is not None and (q.field.may_be_unknown or q.kind == "rows" and unknown_columns(q))]


def answered_unknown(body: str, question: issueform.FormField, word: str = "unbekannt") -> str:
    if question.kind == "dropdown":
        return with_answer(body, question.label, issueform.UNKNOWN_OPTION)
    if question.kind != "rows":
        return with_answer(body, question.label, word)
    old = re.search(rf"^### {re.escape(question.label)}\n\n(.*?)(?=\n\n### )", body, re.DOTALL | re.MULTILINE)
    assert old is not None
    lines = []
    for line in old[1].split("\n"):
        cells = [c.strip() for c in line.split(";")]
        lines.append("; ".join(word if i in unknown_columns(question) else c for i, c in enumerate(cells)))
    return with_answer(body, question.label, "\n".join(lines))


def test_every_value_research_may_lack_is_asked_so_that_unknown_is_an_answer(root: Path, catalogue: content.Catalogue) -> None:
    import yaml

    questions = unknowable(catalogue)
    assert {q.id for q in questions} == {
        "status",
        "standort-gemeindestruktur",
        "beziehungen",
        "partizipation-stufe",
        "kriterien",
        "transfer-voraussetzungen-personal-stunden_pro_monat",
        "transfer-voraussetzungen-kosten-euro_pro_jahr_von",
        "transfer-voraussetzungen-kosten-euro_pro_jahr_bis",
        "transfer-voraussetzungen-aufbauzeit_monate",
        "transfer-voraussetzungen-politische_rueckendeckung-bedarf",
    }
    form = yaml.safe_load((root / ".github" / "ISSUE_TEMPLATE" / "praxisbeispiel.yml").read_text(encoding="utf-8"))
    asked = {e["id"]: e["attributes"] for e in form["body"] if e["type"] != "markdown"}
    for q in questions:
        help_text = asked[q.id].get("description", "")
        if q.kind == "dropdown":
            assert asked[q.id]["options"][-1] == "Nicht bekannt" and "„Nicht bekannt“" in help_text, q.id
        else:
            assert "„unbekannt“" in help_text, q.id
    assert "„weiß nicht“" in asked["transfer-voraussetzungen-personal-stunden_pro_monat"]["description"]
    assert "„ca. 10“" in asked["transfer-voraussetzungen-aufbauzeit_monate"]["description"]
    assert "**Stufe**: 1 bis 4 oder „unbekannt“" in asked["kriterien"]["description"]
    assert "Bei Bedarf oder „unbekannt“" in asked["beziehungen"]["description"]
    assert "„Frühjahr 2016“, „2018/19“ oder „unbekannt“" in asked["zeitraum-beginn"]["description"]
    assert "validations" not in form["body"][[e.get("id") for e in form["body"]].index("transfer-voraussetzungen-personal-beschreibung")]


def test_unbekannt_in_any_such_field_gives_a_valid_case(project: Project, catalogue: content.Catalogue) -> None:
    """One field at a time: the answer „unbekannt“ (a dropdown's „Nicht bekannt“) becomes unbekannt
    in the case, and the case is valid."""
    validators = schemas.Validators(project.schema_dir, catalogue.vocabulary_ids())
    original = ISSUE.read_text(encoding="utf-8")
    for question in unknowable(catalogue):
        convert = converter(catalogue)
        answers = issueform.parse_body(answered_unknown(original, question), site_types(catalogue))
        data, _ = convert.convert(answers, "neu", TODAY)
        assert not convert.problems, (question.id, convert.problems)
        assert validators.case.is_valid(data), (question.id, [e.message for e in validators.case.iter_errors(data)])
        if question.kind == "rows":
            entries = data[question.path[0]]
            values = [e[c] for e in (entries.values() if isinstance(entries, dict) else entries) for c in ("stufe", "haeufigkeit") if c in e]
        else:
            value: Any = data
            for part in question.path:
                value = value[part]
            values = [value]
        assert values and all(v == "unbekannt" for v in values), (question.id, values)


def test_a_form_answered_unbekannt_reads_back_as_unknown(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """All of them at once, through `praxis from-issue`, the checks and the model."""
    found, _ = content.check(sandbox, [])
    body = ISSUE.read_text(encoding="utf-8")
    for question in unknowable(found):
        body = answered_unknown(body, question, "Weiß nicht")
    body = with_answer(body, "Personalaufwand: wer bringt die Zeit auf?", "_No response_")  # may be left out when unknown
    (sandbox.root / "issue.md").write_text(body, encoding="utf-8")
    answer = sandbox.root / "antwort.md"
    code = main(["--root", str(sandbox.root), "from-issue", str(sandbox.root / "issue.md"), "--id", "neu", "--kommentar", str(answer)])
    assert code == 0, answer.read_text(encoding="utf-8")
    assert "ist noch leer" not in answer.read_text(encoding="utf-8")
    catalogue, problems = content.check(sandbox)
    assert not [p for p in problems.errors if "neu.de.md" in p.file], [p.as_text() for p in problems.errors]
    case = model.build(catalogue, ("de",)).cases["neu"]["de"]
    pre = case.transfer.prerequisites
    stated = [case.status, case.site.municipal_structure, case.participation_step, *(a.stage for a in case.assessments), *(t.frequency for t in case.ties)]
    stated += [pre.staff_hours_per_month, pre.cost_min, pre.cost_max, pre.setup_months, pre.political_backing]
    assert len(stated) == 11 and all(not s.known for s in stated), stated
    assert pre.staff_note == "" and pre.cost_note == "Getränke und Material, bezahlt vom Heimatverein"


@pytest.mark.parametrize("word", ["unbekannt", " Unbekannt ", "nicht bekannt", "Nicht bekannt", "weiß nicht", "Weiss nicht.", "k. A.", "K.A.", "UNBEKANNT"])
def test_words_for_not_known(catalogue: content.Catalogue, word: str) -> None:
    convert = converter(catalogue)
    hours = convert.shape.root.find("transfer.voraussetzungen.personal.stunden_pro_monat")  # type: ignore[union-attr]
    frequency = convert.shape.root.find("beziehungen.*.haeufigkeit")  # type: ignore[union-attr]
    assert convert.value(hours, word, "x") == "unbekannt"
    assert convert.value(frequency, word, "beziehungen", 1) == "unbekannt"
    assert convert.point(word, "x") == {"datum": "unbekannt"}  # an undated event
    assert not convert.problems


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("unbekannt (nicht veröffentlicht)", {"wert": "unbekannt", "anmerkung": "nicht veröffentlicht"}),
        ("weiß nicht: steht in keiner Quelle", {"wert": "unbekannt", "anmerkung": "steht in keiner Quelle"}),
        ("ca. 10", {"wert": 10, "genauigkeit": "ungefaehr"}),
        ("etwa 10", {"wert": 10, "genauigkeit": "ungefaehr"}),
        ("~10", {"wert": 10, "genauigkeit": "ungefaehr"}),
        ("ungefähr 2,5 Stunden", {"wert": 2.5, "genauigkeit": "ungefaehr"}),
        ("12", 12),
    ],
)
def test_reasons_and_estimates(catalogue: content.Catalogue, answer: str, value: Any) -> None:
    convert = converter(catalogue)
    hours = convert.shape.root.find("transfer.voraussetzungen.personal.stunden_pro_monat")  # type: ignore[union-attr]
    assert convert.value(hours, answer, "transfer-voraussetzungen-personal-stunden_pro_monat") == value
    assert not convert.problems


def test_an_estimate_is_only_for_numbers(catalogue: content.Catalogue) -> None:
    convert = converter(catalogue)
    status = convert.shape.root.find("status")  # type: ignore[union-attr]
    assert convert.value(status, "ca. Läuft", "status") == ""
    assert convert.problems == ["Feld „Status“: „ca. Läuft“ ist kein erlaubter Wert (meinten Sie „Läuft“?)"]
    title = convert.shape.root.find("titel")  # type: ignore[union-attr]
    assert convert.value(title, "unbekannt", "titel") == "unbekannt"  # where unknown is no answer, it is just a text


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("2018", "2018"),
        ("2018-09", "2018-09"),
        ("ca. 2018", {"datum": "2018", "genauigkeit": "ungefaehr"}),
        ("Frühjahr 2016", {"datum": "2016", "jahreszeit": "fruehjahr"}),
        ("fruehjahr 2016", {"datum": "2016", "jahreszeit": "fruehjahr"}),
        ("Herbst 2019", {"datum": "2019", "jahreszeit": "herbst"}),
        ("Frühling 2016", {"datum": "2016", "jahreszeit": "fruehjahr"}),
        ("2018/19", {"datum": "2018", "bis": "2019"}),
        ("2018/2019", {"datum": "2018", "bis": "2019"}),
        ("2019–2021", {"datum": "2019", "bis": "2021"}),
        ("unbekannt (vor der Gründung des Vereins)", {"datum": "unbekannt", "anmerkung": "vor der Gründung des Vereins"}),
    ],
)
def test_dates_as_people_write_them(catalogue: content.Catalogue, answer: str, value: Any) -> None:
    convert = converter(catalogue)
    assert convert.point(answer, "zeitleiste", 1) == value
    assert not convert.problems


@pytest.mark.parametrize("answer", ["Ostern 2016", "2019/18", "bald", "Mitte 2018"])
def test_a_date_that_is_none_is_explained(catalogue: content.Catalogue, answer: str) -> None:
    convert = converter(catalogue)
    assert convert.point(answer, "zeitleiste", 2) == ""
    assert convert.problems == [
        f"Feld „Zeitleiste“, Zeile 2: „{answer}“ ist kein Datum (möglich sind z. B. 2018, 2018-09, ca. 2018, Frühjahr 2016, 2018/19 oder unbekannt)"
    ]


def test_dates_from_the_form_reach_the_case(project: Project, tmp_path: Path) -> None:
    changes = (("### Beginn\n\nca. 2019", "### Beginn\n\nFrühjahr 2019"), ("2022; Kinderbetreuung kommt dazu", "2022/23; Kinderbetreuung kommt dazu"))
    assert submit(project, tmp_path, *changes) == 0
    text = (tmp_path / "neu.de.md").read_text(encoding="utf-8")
    assert '  beginn:\n    datum: "2019"\n    jahreszeit: fruehjahr\n' in text
    assert '  - datum:\n      datum: "2022"\n      bis: "2023"\n' in text


def test_the_comment_names_what_is_missing_in_the_forms_words(project: Project, tmp_path: Path) -> None:
    """A known number asks for its explanation, an unknown one does not; a stage that is neither a
    number nor unbekannt is said with the way out."""
    body = with_answer(ISSUE.read_text(encoding="utf-8"), "Personalaufwand: wer bringt die Zeit auf?", "_No response_")
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    answer = tmp_path / "antwort.md"
    args = ["--root", str(project.root), "from-issue", str(tmp_path / "issue.md"), "--ordner", str(tmp_path), "--id", "neu", "--kommentar", str(answer)]
    assert main([*args, "--ueberschreiben"]) == 0
    assert "- Feld „Personalaufwand: wer bringt die Zeit auf?“: ist noch leer" in answer.read_text(encoding="utf-8")
    (tmp_path / "issue.md").write_text(with_answer(body, "Personalaufwand in Stunden pro Monat", "k. A."), encoding="utf-8")
    assert main([*args, "--ueberschreiben"]) == 0
    assert "ist noch leer" not in answer.read_text(encoding="utf-8")
    (tmp_path / "issue.md").write_text(body.replace("Empowerment; 2;", "Empowerment; vielleicht;"), encoding="utf-8")
    assert main([*args, "--ueberschreiben"]) == 1
    comment = answer.read_text(encoding="utf-8")
    assert "- Feld „Kriterien“, Zeile 2: Stufe „vielleicht“ ist keine ganze Zahl von 1 bis 4 – oder „unbekannt“, wenn es niemand weiß" in comment


def test_a_broken_repository_still_answers_the_contributor(tmp_path: Path) -> None:
    """An error in the repository (not in the submission) stops the conversion; the comment says
    so in words, and that the contributor need not change anything."""
    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "repo"
    shutil.copytree(repo, root, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".site-*", "__pycache__"))
    (root / "praxis" / "kaputt.de.md").write_text("---\nid: kaputt\n---\n", encoding="utf-8")
    answer = tmp_path / "antwort.md"
    issue = repo / "tests" / "fixtures" / "issues" / "sprachcafe.md"
    assert main(["--root", str(root), "from-issue", str(issue), "--kommentar", str(answer)]) == 1
    text = answer.read_text(encoding="utf-8")
    assert text.startswith("**Das Formular konnte noch nicht übernommen werden**") and "nicht an Ihren Angaben" in text
