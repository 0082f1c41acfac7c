"""A submitted issue form, turned into a case file and answered on the issue.

``praxis from-issue`` reads the form, converts it and checks the result with every rule before it
keeps a file: a case with an error is never left behind. What it found is said in the form's terms
(the field as the form names it, and the line of the answer), in the order of the form, so that the
contributor can fix the issue and the conversion runs again. ``Outcome.comment`` is the Markdown
the workflow posts on the issue.
"""

from __future__ import annotations

import datetime as dt
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
        outcome.problems.append("Das ist kein ausgefülltes Formular „Praxisbeispiel einreichen“ (kein Titel gefunden).")
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
        return outcome
    folder = options.get("folder") or project.cases_dir
    target = folder / f"{outcome.case_id}.de.md"
    if target.exists() and not options.get("overwrite"):
        outcome.problems.append(f"{project.relative(target)} gibt es schon; ein anderer Titel oder --id hilft.")
        return outcome
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(issueform.case_file(data, narrative, number, case_shape), encoding="utf-8")
    _, found = content.check(project, [target])
    in_form = _in_form_terms(converter.form)
    outcome.problems = [in_form(p) for p in sorted(found.errors, key=_order(converter.form))]
    warnings = sorted(found.warnings, key=lambda p: (not p.code.value.startswith("privacy-"), _order(converter.form)(p)))
    # Open fields the form does not ask for (the team's review) are not the contributor's task.
    outcome.warnings = [in_form(p) for p in warnings if not (p.code is Code.FILL_IN and _question(converter.form, p)[1] is None)]
    if outcome.problems:
        target.unlink()  # never leave a case with an error behind: it would block the next run
    else:
        outcome.path = target
    return outcome


def _question(form: list[FormField], problem: Problem) -> tuple[int, FormField | None]:
    """The question of the form whose answer a problem is about (the longest matching path)."""
    best: tuple[int, int, FormField | None] = (FORM_ORDER_LAST, -1, None)
    for index, question in enumerate(form):
        if not question.path:
            continue
        prefix = json_path(question.path)
        if (problem.path == prefix or problem.path.startswith((prefix + ".", prefix + "["))) and len(prefix) > best[1]:
            best = (index, len(prefix), question)
    return best[0], best[2]


def _order(form: list[FormField]) -> Any:
    return lambda problem: (_question(form, problem)[0], problem.line, problem.column)


def _in_form_terms(form: list[FormField]) -> Any:
    def say(problem: Problem) -> str:
        _, question = _question(form, problem)
        where = f"Feld „{question.label}“" if question else "Angaben"
        hint = f" ({problem.hint})" if problem.hint else ""
        return f"{where}: {problem.message}{hint}"

    return say
