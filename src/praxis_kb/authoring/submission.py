"""A submitted issue form, turned into a case file and answered on the issue.

``praxis from-issue`` reads the form, converts it and checks the result with every rule before it
keeps a file: a case with an error is never left behind. What it found is said in the form's terms
(the field as the form names it, and the line of the answer), in the order of the form, so that the
contributor can fix the issue and the conversion runs again. ``Outcome.comment`` is the Markdown
the workflow posts on the issue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from praxis_kb.authoring import issueform
from praxis_kb.authoring.issueform import FormField
from praxis_kb.authoring.scaffold import slug
from praxis_kb.load.project import Project
from praxis_kb.load.strictyaml import json_path
from praxis_kb.problems import Code, Problem
from praxis_kb.validate import content
from praxis_kb.validate.shape import Shape

FORM_ORDER_LAST = 10_000  # problems no question of the form answers: after all others


@dataclass
class Outcome:
    """What a conversion did: the file it kept (none when anything is wrong) and what it found."""

    number: int | None = None
    case_id: str = ""
    path: Path | None = None
    problems: list[str] = field(default_factory=list)  # errors: nothing is kept
    warnings: list[str] = field(default_factory=list)  # kept, but a person should look (privacy first)

    def comment(self, relative: str = "") -> str:
        """The answer on the issue, in plain German, as GitHub renders Markdown."""
        if self.problems:
            lines = [
                "**Das Formular konnte noch nicht übernommen werden.** Bitte ändern Sie diese Angaben im Issue "
                "(„…“ → „Bearbeiten“); danach wird es automatisch noch einmal übernommen:",
                "",
                *(f"- {problem}" for problem in self.problems),
            ]
        else:
            lines = [f"**Das Formular wurde übernommen** als `{relative}`. Das Projektteam prüft den Vorschlag jetzt."]
        if self.warnings:
            lines += ["", "Bitte sehen Sie sich außerdem an (das verhindert die Übernahme nicht):", "", *(f"- {w}" for w in self.warnings)]
        return "\n".join(lines) + "\n"


def convert(project: Project, raw: str, site_types: list[tuple[str, str]], case_shape: Shape, catalogue: content.Catalogue, **options: Any) -> Outcome:
    """Read a submitted form (*raw*: the issue text or GitHub's JSON of the issue) into a case file.

    Options: ``case_id`` (default: from the title, else from the issue number), ``folder`` (default:
    praxis/), ``overwrite``, ``today``.
    """
    body, number = issueform.read_issue(raw)
    outcome = Outcome(number)
    answers = issueform.parse_body(body, site_types, case_shape)
    if not answers.get("titel"):
        outcome.problems.append(
            "Das ist kein ausgefülltes Formular „Praxisbeispiel einreichen“ (kein Titel gefunden). Bitte legen Sie ein neues Issue "
            "mit der Vorlage „Praxisbeispiel einreichen“ an und füllen Sie dort die Fragen aus."
        )
        return outcome
    outcome.case_id = options.get("case_id") or slug(answers["titel"]) or (f"praxisbeispiel-{number}" if number else "")
    if not outcome.case_id:
        outcome.problems.append("Feld „Titel“: Aus dem Titel lässt sich kein Dateiname bilden; schreiben Sie ihn mit Buchstaben.")
        return outcome
    vocabularies = {k: d.data for k, d in catalogue.vocabularies.items()}
    converter = issueform.Converter(vocabularies, {k: d.data for k, d in catalogue.criteria.items()}, site_types, shape=case_shape)
    today = options.get("today") or dt.date.today().isoformat()
    data, narrative = converter.convert(answers, outcome.case_id, today)
    if converter.problems:
        outcome.problems.extend(converter.problems)
        outcome.warnings.extend(converter.notes)
        return outcome
    folder = options.get("folder") or project.cases_dir
    target = folder / f"{outcome.case_id}.de.md"
    if target.exists() and not options.get("overwrite"):
        outcome.problems.append(
            f"Feld „Titel“: Ein Praxisbeispiel mit diesem Titel gibt es schon ({project.relative(target)}) – bitte wählen Sie einen anderen Titel."
        )
        return outcome
    folder.mkdir(parents=True, exist_ok=True)
    text = issueform.case_file(data, narrative, number, case_shape)
    target.write_text(text, encoding="utf-8")
    _, found = content.check(project, [target])
    terms = FormTerms(converter.form, answers, data, _body_line(text))
    outcome.problems = _unique(terms.say(p) for p in sorted(found.errors, key=terms.order))
    warnings = sorted(found.warnings, key=lambda p: (not p.code.value.startswith("privacy-"), terms.order(p)))
    # Open fields the form does not ask for (the team's review) are not the contributor's task.
    mine = [p for p in warnings if not (p.code is Code.FILL_IN and terms.question(p)[1] is None)]
    privacy = [p for p in mine if p.code.value.startswith("privacy-")]
    others = [p for p in mine if not p.code.value.startswith("privacy-")]
    outcome.warnings = _unique([*(terms.say(p) for p in privacy), *converter.notes, *(terms.say(p) for p in others)])
    if outcome.problems:
        target.unlink()  # never leave a case with an error behind: it would block the next run
    else:
        outcome.path = target
    return outcome


def _unique(lines: Any) -> list[str]:
    return list(dict.fromkeys(lines))


def _body_line(text: str) -> int:
    """The line of the written file where the Markdown body (the answer „Beschreibung“) begins."""
    lines = text.split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i] == "---")
    return closing + 3  # the closing ---, an empty line, then the body (lines count from 1)


_NAMED = re.compile(r"„([^“]+)“")  # the field a message names: „Quellen“

# Hints in the form's terms where a check's own hint speaks of fields of the file.
FORM_HINTS = {
    Code.PRIVACY_EMAIL: "Bitte löschen Sie die Adresse aus dem Text; die Kontaktdaten der Organisation erfragt das Projektteam selbst",
    Code.PRIVACY_PHONE: "Bitte löschen Sie die Nummer aus dem Text; die Kontaktdaten der Organisation erfragt das Projektteam selbst",
    Code.PRIVACY_PLACE_NAME: "Bitte anonymisieren Sie die Angabe, z. B. „eine Kleinstadt im Landkreis“",
    Code.CASE_SELF_RELATION: "die beiden Namen am Anfang der Zeile müssen verschieden sein",
    Code.CASE_COSTS_INVERTED: "„mindestens“ darf nicht größer sein als „höchstens“",
    Code.CASE_UNDATED_WITHOUT_NOTE: "schreiben Sie in Klammern dahinter, was man über den Zeitpunkt weiß oder warum er fehlt, z. B. „unbekannt (steht in keiner Quelle)“",
}
# Messages that speak of values of the file (a status id) where the form shows a label.
FORM_MESSAGES = {
    Code.CASE_END_WHILE_RUNNING: "Beim Status steht „Läuft“, hier aber ein Ende (wählen Sie beim Status „Beendet“, oder lassen Sie „Ende“ leer)",
}


@dataclass
class FormTerms:
    """A problem found in the written file, said in the form's terms: the question as the form
    names it, the line of the answer, and what to do there – never a path or line of the file."""

    form: list[FormField]
    answers: dict[str, str]
    data: dict[str, Any]
    body_line: int

    def question(self, problem: Problem) -> tuple[int, FormField | None]:
        """The question whose answer a problem is about (the longest matching path); the
        description for a problem in the body; for a missing value, the question that asks for it."""
        if problem.path in ("", "$") and problem.line >= self.body_line:
            return next((i, q) for i, q in enumerate(self.form) if q.id == issueform.BODY_ID)
        best: tuple[int, int, FormField | None] = (FORM_ORDER_LAST, -1, None)
        for index, question in enumerate(self.form):
            for path in self._paths(question):
                prefix = json_path(path)
                if (problem.path == prefix or problem.path.startswith((prefix + ".", prefix + "["))) and len(prefix) > best[1]:
                    best = (index, len(prefix), question)
        if best[2] is None and problem.code is Code.SCHEMA_REQUIRED:
            return self._missing(problem)
        return best[0], best[2]

    @staticmethod
    def _paths(question: FormField) -> list[tuple[str, ...]]:
        return [question.path] if question.path else [o.path for o in question.options]

    def _missing(self, problem: Problem) -> tuple[int, FormField | None]:
        """The first question below the path of a "required" problem whose answer is missing."""
        for index, question in enumerate(self.form):
            for path in self._paths(question):
                if json_path(path[:-1]) == problem.path and _at(self.data, path) is None:
                    return index, question
        return FORM_ORDER_LAST, None

    def order(self, problem: Problem) -> tuple[int, int, int]:
        return self.question(problem)[0], problem.line, problem.column

    def line(self, question: FormField, problem: Problem) -> int | None:
        """The line of the answer: in the description, the line of the body; in a table, the line of the entry."""
        if question.id == issueform.BODY_ID:
            return problem.line - self.body_line + 1 if problem.line >= self.body_line else None
        if question.kind != "rows":
            return None
        rest = problem.path[len(json_path(question.path)) :]
        entries = _at(self.data, question.path)
        keys = list(entries) if isinstance(entries, dict) else list(range(len(entries or [])))
        step = next((k for k in keys if rest.startswith((f"[{k}]", f".{k}", f"[{k!r}]")) and rest[len(f"[{k}]") :][:1] in ("", ".", "[")), None)
        if step is None:
            return None
        filled = [n for n, line in enumerate(self.answers.get(question.id, "").split("\n"), 1) if line.strip()]
        position = keys.index(step)
        return filled[position] if position < len(filled) else None

    def say(self, problem: Problem) -> str:
        _, question = self.question(problem)
        if question is None:
            return f"Angaben: {problem.message}" + (f" ({problem.hint})" if problem.hint else "")
        line = self.line(question, problem)
        where = f"Feld „{question.label}“" + (f", Zeile {line}" if line else "")
        return f"{where}: {self.message(question, problem)}"

    @staticmethod
    def message(question: FormField, problem: Problem) -> str:
        if problem.code is Code.FILL_IN:
            return "ist noch leer – bitte im Issue ausfüllen (nötig vor der Veröffentlichung)"
        if problem.code is Code.SCHEMA_REQUIRED:
            named = _NAMED.search(problem.message) if question.kind == "rows" else None  # a column of a line
            what = f"die Angabe „{named[1]}“ fehlt" if named else "fehlt"
            return what + (f" ({question.description.rstrip('.')})" if question.description else "")
        if problem.code is Code.SCHEMA_CONST and question.kind == "checkboxes":
            option = next((o.label for o in question.options if json_path(o.path) == problem.path), question.label)
            need = f" ({question.description.rstrip('.')})" if question.description else ""
            return f"bitte ankreuzen: „{option}“{need}"
        if problem.code in FORM_MESSAGES:
            return FORM_MESSAGES[problem.code]
        hint = FORM_HINTS.get(problem.code, problem.hint)
        return problem.message + (f" ({hint})" if hint else "")


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data
