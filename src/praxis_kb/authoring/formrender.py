"""A case as a filled issue form: the answers, and the issue body GitHub renders from them.

The way back of ``praxis from-issue`` (issueform.py): ``answers_for`` writes every question of the
form "Praxisbeispiel einreichen" as a contributor would answer it for a given case, and
``issue_body`` puts the answers together as GitHub renders a submitted issue form: for each
question ``### <label>``, an empty line and the answer; ``_No response_`` for a question left
open; checkboxes as ``- [X] <option>`` or ``- [ ] <option>``; a dropdown as the label of the
chosen option, several as labels joined by ", ".

Answers are written as the form's help texts ask for them: numbers as Germans write them
(„1.200“, „1,5“), estimates with „ca.“, disputed values and notes in brackets („40 (strittig: …)“),
dates as „Frühjahr 2016“ or „2018/19“, a table one line per entry, "a; b; c". The round-trip test
renders every shipped case this way and reads it back; the documentation can show a filled form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from praxis_kb.authoring.casefile import UNKNOWN, is_unknown
from praxis_kb.authoring.issueform import NO_RESPONSE, UNKNOWN_OPTION, FormField, rows_columns
from praxis_kb.validate.shape import Field

# Words for a precision, as the answers write them (and the form reads them back).
PRECISION_WORDS = {"ungefaehr": "ungefähr", "strittig": "strittig"}


def number(value: float) -> str:
    """A number as Germans write it: 1.200, 1,5."""
    return str(format_decimal(value, locale="de"))


@dataclass
class Renderer:
    """Answers of the form for one case. *labels*: the German labels of the vocabularies' entries
    by vocabulary and id; *criteria*: the criteria's German names by id."""

    labels: Mapping[str, Mapping[str, str]]
    criteria: Mapping[str, str]
    data: Mapping[str, Any]

    # -- single values -----------------------------------------------------------------------
    def label(self, vocabulary: str, ident: str) -> str:
        return self.labels.get(vocabulary, {}).get(ident, ident)

    def scalar(self, f: Field, value: Any) -> str:
        """A known value as its answer."""
        if f.kind == "choice":
            return self.label(f.vocabulary, str(value))
        if f.kind in ("integer", "number") and isinstance(value, int | float) and not isinstance(value, bool):
            return number(value)
        return str(value)

    @staticmethod
    def remark(precision: str, note: str) -> str:
        """What follows a value in brackets: „(strittig: note)“, „(ungefähr)“, „(note)“."""
        inner = ": ".join(part for part in (PRECISION_WORDS.get(precision, ""), note) if part)
        return f" ({inner})" if inner else ""

    def stated(self, f: Field, value: Any) -> str:
        """A value research may lack: „unbekannt (Grund)“, „ca. 12“, „40 (strittig: …)“,
        „Monatlich (ungefähr)“ („ca.“ is for numbers)."""
        details = value if isinstance(value, Mapping) else {"wert": value}
        note = str(details.get("anmerkung", ""))
        if is_unknown(value):
            return UNKNOWN + (f" ({note})" if note else "")
        precision = str(details.get("genauigkeit", ""))
        if precision == "ungefaehr" and f.kind in ("integer", "number"):
            return "ca. " + self.scalar(f, details["wert"]) + self.remark("", note)
        return self.scalar(f, details["wert"]) + self.remark(precision, note)

    def point(self, value: Any) -> str:
        """A date: „2017-03“, „ca. 2016“, „Frühjahr 2016“, „2018/19“, „unbekannt (Grund)“."""
        if not isinstance(value, Mapping):
            return str(value)
        note = str(value.get("anmerkung", ""))
        if value.get("datum") == UNKNOWN:
            return UNKNOWN + (f" ({note})" if note else "")
        text = str(value["datum"])
        if value.get("jahreszeit"):
            text = f"{self.label('jahreszeiten', str(value['jahreszeit']))} {text}"
        if value.get("bis"):
            text = f"{text} bis {value['bis']}"
        if value.get("genauigkeit") == "ungefaehr":
            return "ca. " + text + self.remark("", note)
        return text + self.remark(str(value.get("genauigkeit", "")), note)

    def statement(self, value: Any) -> str:
        """A text that may carry a precision and a note: „Text (strittig: note)“."""
        if not isinstance(value, Mapping):
            return str(value)
        precision = str(value.get("genauigkeit", ""))
        note = str(value.get("anmerkung", ""))
        word = PRECISION_WORDS.get(precision, "Anmerkung" if note else "")
        inner = ": ".join(part for part in (word, note) if part)
        return str(value["text"]) + (f" ({inner})" if inner else "")

    def value(self, f: Field, value: Any) -> str:
        """Any answer to a field of the form (not a table)."""
        if value is None or value == "" or value == []:
            return ""
        if f.kind == "list" and f.item is not None:
            if f.item.kind == "choice":
                return ", ".join(self.label(f.item.vocabulary, str(v)) for v in value)
            return "\n".join(f"- {self.statement(v)}" for v in value)
        if f.may_be_unknown:
            return self.stated(f, value)
        if f.kind == "point":
            return self.point(value)
        return self.scalar(f, value)

    def dropdown(self, f: Field, value: Any) -> str:
        """The label of the chosen option; a note or precision has no place in a dropdown."""
        if value is None or value == "":
            return ""
        if is_unknown(value):
            return UNKNOWN_OPTION
        ident = value.get("wert") if isinstance(value, Mapping) else value
        return self.label(f.vocabulary, str(ident))

    # -- tables ------------------------------------------------------------------------------
    def reference(self, f: Field, value: Any) -> str:
        """An entry of another table: an actor by name, a source by its number in the list."""
        target = (f.form or {})["verweis"]
        table = self.data.get(target) or {}
        keys = list(table)
        named = all(isinstance(e, Mapping) and "name" in e for e in table.values())

        def one(key: str) -> str:
            if named:
                return str(table[key]["name"]) if key in table else key
            return str(keys.index(key) + 1) if key in keys else key

        return ", ".join(one(str(v)) for v in value) if isinstance(value, list) else one(str(value))

    def cell(self, column: Field, value: Any) -> str:
        if value is None or value == "" or value == []:
            return ""
        if column.form and "verweis" in column.form:
            return self.reference(column, value)
        return self.value(column, value)

    def rows(self, question: FormField) -> str:
        """A table, one line per entry: the columns joined by "; ". Trailing empty columns are left
        out, unless a text holds a semicolon: then every column is written, so that the line
        says where the text ends."""
        f = question.field
        assert f is not None and f.item is not None
        found = self.data
        for part in question.path:
            found = found.get(part, {}) if isinstance(found, Mapping) else {}
        entries = list(found.items()) if isinstance(found, Mapping) else [(str(i), e) for i, e in enumerate(found or [])]
        columns = rows_columns(f)
        lines = []
        for key, entry in entries:
            cells = [self.criteria.get(key, key) if c == "*" else self.cell(f.item.child(c), entry.get(c)) for c in columns]
            if not any(";" in c for c in cells):
                while cells and not cells[-1]:
                    cells.pop()
            lines.append("; ".join(cells).rstrip())
        return "\n".join(lines)

    # -- questions ---------------------------------------------------------------------------
    def at(self, path: tuple[str, ...]) -> Any:
        found: Any = self.data
        for part in path:
            found = found.get(part) if isinstance(found, Mapping) else None
        return found

    def answer(self, question: FormField) -> str:
        f = question.field
        if f is None:
            return ""
        if question.kind == "checkboxes":
            return "\n".join(f"- [{'X' if self.at(o.path) is True else ' '}] {o.label}" for o in question.options)
        if question.kind == "rows":
            return self.rows(question)
        if question.kind == "dropdown":
            return self.dropdown(f, self.at(question.path))
        return self.value(f, self.at(question.path))


def answers_for(
    data: Mapping[str, Any], body: str, form: list[FormField], labels: Mapping[str, Mapping[str, str]], criteria: Mapping[str, str]
) -> dict[str, str]:
    """The answers a contributor gives to the *form* for the case *data* with the Markdown *body*
    ("" for a question left open), by question id."""
    renderer = Renderer(labels, criteria, data)
    return {q.id: body.strip() if q.field is None else renderer.answer(q) for q in form}


def issue_body(form: list[FormField], answers: Mapping[str, str]) -> str:
    """The issue text GitHub writes for a submitted form with these answers."""
    return "\n\n".join(f"### {q.label}\n\n{answers.get(q.id, '').strip() or NO_RESPONSE}" for q in form) + "\n"


__all__ = ["Renderer", "answers_for", "issue_body", "number"]
