"""The corpus of mistaken submissions: what a contributor gets back on the issue.

tests/fixtures/issues/<name>.md holds one submitted form "Praxisbeispiel einreichen" as GitHub
renders it (<name>.json: the issue as GitHub's API gives it, with its number), made with one kind
of mistake new contributors made (issue #15, "Why"); <name>.kommentar.md is the exact answer
`praxis from-issue --kommentar` writes for it, which the workflow posts on the issue. Read them as
the social worker who filled in the form would.

Run with UPDATE_GOLDEN=1 to rewrite the answers after an intended change, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import copy_project

from praxis_kb.cli import main
from praxis_kb.load.project import Project

ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"
SUBMISSIONS = sorted(p for p in ISSUES.iterdir() if p.suffix in (".md", ".json") and not p.name.endswith(".kommentar.md"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# Every submission, and what went wrong in it.
MISTAKES = {
    "sprachcafe": "none: a complete submission, as GitHub renders the form",
    "ueberschrift-im-text": "### headings inside the description (GitHub's heading button), one of them a label of the form",
    "zahlen-deutsch": "2.000 €, 1.000 Euro, 6,5 and 1,5 – numbers as Germans write them",
    "zahlen-falsch": "1,5 euros, an ambiguous 1.5, a number in words",
    "haekchen-klein": "checkboxes ticked [x] in lower case",
    "liste-mit-zeilenumbruechen": "a paragraph with line breaks in a list answer; a bullet item broken over two lines",
    "titel-nur-emoji": "a title made only of emoji (GitHub's JSON, with the issue number)",
    "auswahl-mit-komma": "a multi-select answer whose label holds commas (Kinder, Jugend und Familie)",
    "alltagswoerter": "everyday words for fixed values: FSA, VHS, Landratsamt, Helferkreis, vierteljährlich, nach Bedarf, "
    "WhatsApp-Gruppe, Begegnungscafé, Finanzierung, dokumentiert, Selbstauskunft, Görlitz; names with commas",
    "alltagswoerter-unbekannt": "words the vocabularies do not know: Sozialarbeit, Verien, Ehrenamtliche, Austausch, 14-tägig, Sprachcafé as an instrument, Liste",
    "datenschutz-name-email-telefon": "a name, an e-mail address and a phone number in the description",
    "unbekannt-und-ungefaehr": "„seit ca. 2018“, „weiß nicht“, „?“, „ca. 10“, „unbekannt (Grund)“, also in tables",
    "unbekannte-akteurin": "a relation and an instrument name actors that are not listed",
    "pflichtangabe-fehlt": "required answers removed when editing the issue; the consent box not ticked",
    "tabellenzeilen-falsch": "a line without its semicolon, an instrument without who takes part, a misspelt criterion, a source number that does not exist",
    "raute-und-semikolon-im-text": "a # in the title; semicolons inside texts of tables, also where an optional column is left out",
    "datum-unklar": "dates in words („Sommer letzten Jahres“, „irgendwann“) beside seasons and spans that work",
    "eignung-ohne-bedingungen": "suitability with conditions or not suitable, without saying which or why",
    "kein-formular": "an issue that is no form at all",
    "ergebnis-ohne-quelle": "a documented result without the number of its source (found by the checks after the conversion)",
    "widersprueche": "an end before the start of a running practice, a relation of an actor with itself, costs from 500 to 300, a place name",
    "zeitleiste-ohne-datum": "a timeline out of order and an event „unbekannt“ without a reason",
}

# For a submission that is taken: what the case file must hold (nothing lost, nothing changed).
KEPT = {
    "ueberschrift-im-text": [
        "### Kritik der Geflüchteten",
        "Der Raum ist im Winter kalt",
        "### Stolpersteine\n\nAnfangs kamen nur Frauen.",
        "Im Winter kamen weniger",
    ],
    "zahlen-deutsch": ["euro_pro_jahr_von: 1000\n", "euro_pro_jahr_bis: 2000\n", "stunden_pro_monat: 6.5\n", "aufbauzeit_monate: 1.5\n"],
    "haekchen-klein": ["illustrativ: true", "einwilligung_dokumentiert: true", "anonymisierung_geprueft: true"],
    "liste-mit-zeilenumbruechen": [
        '- "Ein aktiver Heimatverein, der seit Jahren Feste organisiert und auch neue Leute einbindet, sowie viel nachbarschaftliche Hilfe, '
        'besonders bei Fahrten in die Kreisstadt."\n  ressourcen:',
        '- "Fester wöchentlicher Termin, auch in den Ferien"\n    - "Kinderbetreuung während der Treffen"',
    ],
    "titel-nur-emoji": ['titel: "☕🧒"', "id: praxisbeispiel-17"],
    "auswahl-mit-komma": ["handlungsfelder: [sprache, kinder-familie, ehrenamt]"],
    "alltagswoerter": [
        "region: goerlitz",
        "typen: [fsa]",
        "typen: [bildungstraeger]",
        "typen: [landkreis]",
        "typen: [ehrenamtsinitiative, verein]",
        "haeufigkeit: quartalsweise",
        "art: finanzierung\n    haeufigkeit: anlassbezogen",
        "typ: austauschplattform",
        "typ: begegnungsort",
        "beteiligte: [ehrenamtliche-im-dorf, volkshochschule, landratsamt-sachgebiet-integration]",
        "evidenz: dokumentiert",
        "evidenz: selbstberichtet",
    ],
    "datenschutz-name-email-telefon": ["Frau Maria Schneider"],  # kept as written: a person decides
    "unbekannt-und-ungefaehr": [
        'beginn:\n    datum: "2018"\n    genauigkeit: ungefaehr\n',
        "stunden_pro_monat: unbekannt",
        "euro_pro_jahr_von: unbekannt",
        "euro_pro_jahr_bis:\n        wert: 10\n        genauigkeit: ungefaehr",
        'aufbauzeit_monate:\n      wert: unbekannt\n      anmerkung: "hat niemand aufgeschrieben"',
        "haeufigkeit: unbekannt",
        "empowerment:\n    stufe: unbekannt",
    ],
    "raute-und-semikolon-im-text": [
        'titel: "Sprachcafé #2 – Treffpunkt im Dorf"',
        'beschreibung: "Treffen jeden Dienstag; in den Ferien nach Absprache"\n    beteiligte: [ehrenamtliche-im-dorf, heimatverein]',
        'beschreibung: "Mehr Frauen nehmen teil; vorher kamen fast nur Männer"\n    evidenz: dokumentiert',
        'beschreibung: "Bessere Kontakte im Dorf; sagen die Ehrenamtlichen"\n    evidenz: selbstberichtet',
    ],
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project with its reviewed cases: a contribution awaiting review in the repository (the
    same sample, converted in a pull request) must not change what the submissions are answered."""
    project = copy_project(tmp_path_factory.mktemp("einreichungen"))
    for source in list(project.cases_dir.glob("*.de.md")):
        if "\npruefung:" not in source.read_text(encoding="utf-8"):  # a draft
            for path in project.cases_dir.glob(source.name.removesuffix(".de.md") + ".*.md"):
                path.unlink()
    return project


def test_every_mistake_has_its_submission() -> None:
    assert {p.name.rsplit(".", 1)[0] for p in SUBMISSIONS} == set(MISTAKES)
    answers = {p.name.removesuffix(".kommentar.md") for p in ISSUES.glob("*.kommentar.md")}
    assert answers == set(MISTAKES) or UPDATE


@pytest.mark.parametrize("submission", SUBMISSIONS, ids=[p.name.rsplit(".", 1)[0] for p in SUBMISSIONS])
def test_the_answer_on_the_issue(workspace: Project, submission: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = submission.name.rsplit(".", 1)[0]
    before = set(workspace.cases_dir.glob("*.de.md"))
    answer = workspace.root / "antwort.md"
    code = main(["--root", str(workspace.root), "from-issue", str(submission), "--kommentar", str(answer)])
    out = capsys.readouterr()
    comment = answer.read_text(encoding="utf-8")
    written = sorted(set(workspace.cases_dir.glob("*.de.md")) - before)
    case = written[0].read_text(encoding="utf-8") if written else ""
    for path in written:
        path.unlink()  # the next submission starts from the shipped cases again
    expected = submission.with_name(f"{name}.kommentar.md")
    if UPDATE:
        expected.write_text(comment, encoding="utf-8")
    assert comment == expected.read_text(encoding="utf-8")
    taken = comment.startswith("**Das Formular wurde übernommen**")
    assert code == (0 if taken else 1) and len(written) == (1 if taken else 0)  # never a file with an error
    assert "Traceback" not in out.out + out.err and "$." not in comment
    for needle in KEPT.get(name, []):
        assert needle in case, f"{name}: {needle!r} not in\n{case}"
    assert taken == (name in KEPT or name == "sprachcafe")
