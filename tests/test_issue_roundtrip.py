"""Round trip: every shipped case, written into the issue form as GitHub renders a submission and
read back as `praxis from-issue` reads it, equals the original in every field the form covers.

The covered fields are the form's questions, read off the shape of a case (validate/shape.py), so
a field added to the schema with a question is compared without a change here. What cannot travel
through the form is listed in CANNOT_TRAVEL with the reason; the form says so to the contributor.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from praxis_kb.authoring import formrender, issueform
from praxis_kb.authoring.issueform import FormField
from praxis_kb.load import sources
from praxis_kb.load.project import Project
from praxis_kb.model import pick
from praxis_kb.validate import content, shape

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "praxis").glob("*.de.md"))
TODAY = "2026-03-04"

# Values the form cannot carry, and why. Keep this short: anything else that differs is a bug of
# the form path.
CANNOT_TRAVEL = {
    "dropdown-note": (
        "A dropdown answer (status, municipal structure, participation step, political backing, "
        "suitability) is one of its options: a note or precision on it has no place there. The "
        "dropdown's help text asks for the reason in the text field beside it."
    ),
}


class Form:
    """The form of the project, its converter's inputs, and how it reads a case back."""

    def __init__(self, project: Project) -> None:
        catalogue, _ = content.check(project, [])
        self.vocabularies = {k: d.data for k, d in catalogue.vocabularies.items()}
        self.criteria = {k: d.data for k, d in catalogue.criteria.items()}
        self.site_types = [(e["id"], pick(e["label"], "de")) for e in self.vocabularies["standorttypen"]["eintraege"]]
        self.shape = shape.load(project.schema_dir, catalogue.vocabulary_ids())
        self.labels = {name: {e["id"]: pick(e["label"], "de") for e in doc["eintraege"]} for name, doc in self.vocabularies.items()}
        self.criterion_names = {cid: pick(c["name"], "de") for cid, c in self.criteria.items()}
        self.questions = issueform.form_fields(self.shape, {**self.labels, "standorttypen": dict(self.site_types)})

    def issue(self, data: Mapping[str, Any], body: str) -> str:
        return formrender.issue_body(self.questions, formrender.answers_for(data, body, self.questions, self.labels, self.criterion_names))

    def read_back(self, issue: str) -> tuple[dict[str, Any], str, list[str]]:
        converter = issueform.Converter(self.vocabularies, self.criteria, self.site_types, shape=self.shape)
        answers = issueform.parse_body(issue, self.site_types, self.shape)
        data, body = converter.convert(answers, "rueckweg", TODAY)
        return data, body, converter.problems


@pytest.fixture(scope="module")
def form(project: Project) -> Form:
    return Form(project)


# -- what the form covers, compared -------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def normal(value: Any) -> Any:
    """A value as compared: empty is None; {wert: x} alone is x, {datum: x} alone is x, {text: x} alone is x."""
    if _empty(value):
        return None
    if isinstance(value, Mapping):
        value = {k: normal(v) for k, v in value.items() if not _empty(v)}
        if len(value) == 1 and set(value) <= {"wert", "datum", "text"}:
            return next(iter(value.values()))
        return value
    if isinstance(value, list):
        return [normal(v) for v in value]
    return value


def at(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, Mapping) else None
    return data


def _referenced(data: Mapping[str, Any], column: shape.Field, value: Any) -> Any:
    """A reference as what it names: an actor's name, a source's place in the list (the form's words for them)."""
    table = data.get((column.form or {})["verweis"]) or {}
    keys = list(table)

    def one(key: Any) -> Any:
        entry = table.get(key)
        if isinstance(entry, Mapping) and "name" in entry:
            return entry["name"]
        return keys.index(key) + 1 if key in keys else f"? {key}"

    return [one(v) for v in value] if isinstance(value, list) else one(value)


def table(data: Mapping[str, Any], question: FormField) -> Any:
    """A table as the form covers it: its columns; keys the form derives (an actor's from the
    name, a source's from its place) are not compared, a criterion's key is."""
    f = question.field
    assert f is not None and f.item is not None
    found = at(data, question.path) or ({} if f.kind == "map" else [])
    columns = issueform.rows_columns(f)
    rows = []
    for key, entry in found.items() if isinstance(found, Mapping) else enumerate(found):
        row = {}
        for c in columns:
            if c == "*":
                row["*"] = key
                continue
            column = f.item.child(c)
            value = normal(entry.get(c))
            row[c] = _referenced(data, column, value) if value is not None and column.form and "verweis" in column.form else value
        rows.append(row)
    return rows


def covered(data: Mapping[str, Any], body: str, questions: list[FormField]) -> dict[str, Any]:
    """Every value the form asks for, by question (and option) – the comparison of the round trip."""
    out: dict[str, Any] = {}
    for q in questions:
        if q.field is None:
            out[q.label] = body.strip()
        elif q.kind == "checkboxes":
            out.update({f"{q.label}: {o.label}": at(data, o.path) is True for o in q.options})
        elif q.kind == "rows":
            out[q.label] = table(data, q)
        elif q.kind == "dropdown" and isinstance(at(data, q.path), Mapping):  # CANNOT_TRAVEL["dropdown-note"]
            out[q.label] = normal(at(data, q.path)["wert"])
        else:
            out[q.label] = normal(at(data, q.path))
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.name.removesuffix(".de.md") for p in CASES])
def test_a_shipped_case_travels_through_the_form_unchanged(form: Form, path: Path) -> None:
    document = sources.read_markdown(path)
    issue = form.issue(document.data, document.body)
    data, body, problems = form.read_back(issue)
    assert not problems, "\n".join(problems) + "\n\n" + issue
    original = covered(document.data, document.body, form.questions)
    back = covered(data, body, form.questions)
    differences = [f"{label}:\n  vorher:  {original[label]!r}\n  nachher: {back[label]!r}" for label in original if original[label] != back[label]]
    assert not differences, "\n".join(differences)


def test_every_question_of_the_form_is_compared(form: Form) -> None:
    """The comparison is read off the form: every question, and every option of a checkbox group."""
    document = sources.read_markdown(CASES[0])
    compared = covered(document.data, document.body, form.questions)
    expected = sum(len(q.options) if q.kind == "checkboxes" else 1 for q in form.questions)
    assert len(compared) == expected and len(form.questions) > 40
