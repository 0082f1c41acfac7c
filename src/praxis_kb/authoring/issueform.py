"""The GitHub issue form "Praxisbeispiel einreichen" and its way back into a case file.

The form is read off the shape of a case (validate/shape.py): every field the schema requires, or
that has an ``x-formular`` annotation, becomes a question; lists of entries (Akteur*innen, Quellen,
…) become a text area answered one line per entry, "a; b; c". ``praxis issue-form`` writes
.github/ISSUE_TEMPLATE/praxisbeispiel.yml (dropdowns show the vocabularies' German labels), and
``praxis from-issue`` reads a submitted issue body (GitHub renders each field as ``### <label>``
followed by the answer) back into answers for the case builder shared with ``praxis new``.

Where research may lack a value (``may_be_unknown``), the form says that not knowing it is an
answer too: a dropdown offers „Nicht bekannt“, other fields take „unbekannt“, „nicht bekannt“,
„weiß nicht“ or „k. A.“ (with a reason in brackets if wished), numbers „ca. 10“. Dates may be
„ca. 2018“, „Frühjahr 2016“, „2018/19“ or „unbekannt“.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from babel.numbers import NumberFormatError, parse_decimal

from praxis_kb.authoring import casefile
from praxis_kb.authoring.casefile import UNKNOWN, fold, says_unknown
from praxis_kb.authoring.scaffold import slug
from praxis_kb.model import pick
from praxis_kb.validate import shape as case_shape
from praxis_kb.validate.shape import Field, Shape

NO_RESPONSE = "_No response_"
BODY_ID = "beschreibung"
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_MONTH = r"[0-9]{4}(?:-[0-9]{2})?"
_SPAN = re.compile(rf"(?P<start>{_MONTH})\s*(?:/|–|—|bis)\s*(?P<end>{_MONTH}|[0-9]{{2}})")  # 2018/19, 2018–2020, 2018-03 bis 2019-06
_SEASON = re.compile(r"(?P<season>\S+)\s+(?P<year>[0-9]{4})")  # Frühjahr 2016
_ABOUT = r"(?:ca\.?|circa|etwa|ungefähr|ungefaehr|rund|~|≈)"
_ESTIMATE = re.compile(rf"{_ABOUT}\s*(?P<number>[0-9].*)", re.IGNORECASE)
_SINCE = re.compile(r"^(?:seit|ab)\s+", re.IGNORECASE)
_ABOUT_DATE = re.compile(rf"{_ABOUT}\s*(?P<rest>\S.*)", re.IGNORECASE)
# An answer with an optional reason: "unbekannt (nicht veröffentlicht)", "weiß nicht: …".
_WITH_REASON = re.compile(r"(?P<word>.+?)\s*(?:\((?P<paren>.*)\)|[:–—,]\s*(?P<rest>.+))?", re.DOTALL)
# What may follow a value in brackets: a note, „strittig“ or „ungefähr“, or both: „40 (strittig: laut Presse 20)“.
_BRACKETS = re.compile(r"(?P<core>[^()]*?)\s*\((?P<inner>.*)\)", re.DOTALL)
_REMARK = re.compile(r"(?P<word>strittig|ungefähr|ungefaehr|anmerkung)\s*(?::\s*(?P<note>.*))?", re.IGNORECASE | re.DOTALL)
# A text of a list with its remark: „Ablehnende Stimmen im Ort (strittig: die Presse sagt …)“.
_STATEMENT = re.compile(r"(?P<text>.+?)\s*\((?P<word>strittig|ungefähr|ungefaehr|anmerkung)\s*(?::\s*(?P<note>.*))?\)", re.IGNORECASE | re.DOTALL)
_PRECISIONS = {"strittig": "strittig", "ungefähr": "ungefaehr", "ungefaehr": "ungefaehr", "anmerkung": ""}
UNKNOWN_OPTION = "Nicht bekannt"  # the dropdowns' answer for a value nobody knows
# A ticked checkbox, however it was typed when the issue was edited: "- [X] …", "- [x] …", "* [x] …".
_CHECKED = re.compile(r"^[ \t]*[-*]?[ \t]*\[[ \t]*[xX✓✔][ \t]*\][ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Option:
    label: str
    required: bool
    path: tuple[str, ...]


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | multi | checkboxes | rows
    description: str = ""
    required: bool = False
    vocabulary: str = ""
    placeholder: str = ""
    field: Field | None = None  # what it answers; None for the body
    path: tuple[str, ...] = ()  # where the answer goes in the case (a map key instead of "*")
    options: tuple[Option, ...] = ()


def _shape_for(site_types: list[tuple[str, str]]) -> Shape:
    return case_shape.default({"standorttypen": [ident for ident, _ in site_types]})


def _labels(vocabularies: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {name: {e["id"]: pick(e["label"], "de") for e in doc["eintraege"]} for name, doc in vocabularies.items()}


def form_fields(shape: Shape, key_labels: Mapping[str, Mapping[str, str]]) -> list[FormField]:
    """The questions of the form, in the order of the schema."""
    questions = _Questions(shape, key_labels)
    questions.visit(shape.root, (), True)
    return questions.out


def _question_kind(f: Field, spec: Mapping[str, Any]) -> tuple[str, str, bool]:
    """How the form asks for a field that is not a checkbox: (kind, vocabulary, needs an answer
    only if the list must not be empty)."""
    item = f.item
    if f.kind in ("map", "list") and item is not None and item.kind == "object":
        return "rows", "", True
    if f.kind == "list" and item is not None and item.kind == "choice":
        return "multi", item.vocabulary, True
    if f.kind == "list":
        return "textarea", "", True
    if f.kind == "choice":
        return "dropdown", f.vocabulary, False
    return spec.get("feld", "textarea" if f.kind == "text" else "input"), "", False


@dataclasses.dataclass
class _Questions:
    shape: Shape
    key_labels: Mapping[str, Mapping[str, str]]
    out: list[FormField] = dataclasses.field(default_factory=list)
    groups: dict[str, int] = dataclasses.field(default_factory=dict)  # checkbox group → its question

    def add(self, f: Field, path: tuple[str, ...], required: bool, spec: Mapping[str, Any], label: str) -> None:
        description = spec.get("beschreibung", f.description)
        common = {"label": label, "description": description, "field": f, "path": path, "placeholder": spec.get("platzhalter", "")}
        ident = "-".join(path)
        if f.kind == "boolean":  # a checkbox, alone or in a group of checkboxes
            option = Option(spec.get("option", label), f.const is True, path)
            group = spec.get("gruppe", ident)
            if group in self.groups:
                first = self.out[self.groups[group]]
                self.out[self.groups[group]] = dataclasses.replace(first, options=first.options + (option,))
                return
            self.groups[group] = len(self.out)
            self.out.append(FormField(group, kind="checkboxes", required=required, options=(option,), **common))
            return
        kind, vocabulary, per_list = _question_kind(f, spec)
        self.out.append(FormField(ident, kind=kind, required=required and (f.min_items > 0 if per_list else True), vocabulary=vocabulary, **common))

    def visit(self, parent: Field, path: tuple[str, ...], required: bool) -> None:
        for f in parent.children:
            spec = f.form or {}
            if not f.in_form or not (f.required or f.form):
                continue
            here = path + (f.key,)
            needed = required and f.required
            if f.kind == "object":
                self.visit(f, here, needed)
            elif f.kind == "map" and f.keys and f.item is not None and f.item.kind == "object":
                self.per_key(f, f.item, here, needed, spec)
            else:
                self.add(f, here, needed, spec, spec.get("label", f.title))
            if not path and f.key == self.shape.body.form_after:
                self.out.append(FormField(BODY_ID, self.shape.body.title, "textarea", self.shape.body.description, True))

    def per_key(self, f: Field, item: Field, here: tuple[str, ...], needed: bool, spec: Mapping[str, Any]) -> None:
        """One question per key and field, e.g. a verdict for every site type."""
        per_key = spec.get("je_schluessel", {})
        for key in f.keys:
            name = self.key_labels.get(f.key_vocabulary, {}).get(key, key)
            for sub in item.children:
                sub_spec = per_key.get(sub.key, {})
                label = sub_spec.get("label", f"{sub.title}: {{schluessel}}").format(schluessel=name)
                self.add(sub, here + (key, sub.key), needed and sub.required, sub_spec, label)


def fields(site_types: list[tuple[str, str]], shape: Shape | None = None) -> list[FormField]:
    return form_fields(shape or _shape_for(site_types), {"standorttypen": dict(site_types)})


INTRO = (
    "Danke, dass Sie ein Praxisbeispiel teilen! Füllen Sie aus, was Sie wissen; das Projektteam prüft die Angaben, "
    "fragt bei Bedarf nach und macht daraus eine Seite der Wissensbasis. Was niemand weiß, ist kein Fehler: "
    "Wo ein Feld es anbietet, antworten Sie „unbekannt“ oder wählen „Nicht bekannt“. Schätzungen "
    "kennzeichnen Sie mit „ca.“.\n\n"
    "**Bitte keine Angaben, die eine geflüchtete Person erkennbar machen** – keine Namen, kein Alter, keine "
    "Herkunftsorte, keine Adressen. Personen nur mit ihrer Funktion nennen."
)


def form_yaml(vocabularies: dict[str, Any], site_types: list[tuple[str, str]], shape: Shape | None = None, criteria: tuple[str, ...] = ()) -> str:
    """The issue form, with dropdown options from the vocabularies (German labels); *criteria*
    are the criteria's German names, shown where a table names a criterion."""
    labels = {**_labels(vocabularies), "kriterien": {name: name for name in criteria}}
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for f in form_fields(shape or _shape_for(site_types), labels):
        attributes: dict[str, Any] = {"label": f.label}
        description = " ".join(text for text in (f.description, _unknown_help(f)) if text)
        description += _allowed_in_rows(f, labels) if f.kind == "rows" else ""
        if description:
            attributes["description"] = description
        if f.placeholder:
            attributes["placeholder"] = f.placeholder
        if f.kind in ("dropdown", "multi"):
            attributes["options"] = list(labels[f.vocabulary].values()) + ([UNKNOWN_OPTION] if _may_be_unknown(f) else [])
            if f.kind == "multi":
                attributes["multiple"] = True
        if f.kind == "checkboxes":
            attributes["options"] = [{"label": o.label, "required": o.required} for o in f.options]
        kind = {"multi": "dropdown", "rows": "textarea"}.get(f.kind, f.kind)
        entry: dict[str, Any] = {"type": kind, "id": f.id, "attributes": attributes}
        if f.required and f.kind != "checkboxes":
            entry["validations"] = {"required": True}
        body.append(entry)
    form = {
        "name": "Praxisbeispiel einreichen",
        "description": "Ein Beispiel guter Praxis aus einem lokalen Integrationsnetzwerk vorschlagen – ohne Git-Kenntnisse.",
        "title": "Praxisbeispiel: ",
        "labels": ["praxisbeispiel"],
        "body": body,
    }
    header = "# Generated by `praxis issue-form` from schemas/praxisbeispiel.schema.json and the vocabularies; do not edit by hand.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=120)


def _may_be_unknown(question: FormField) -> bool:
    return question.field is not None and question.field.may_be_unknown


def _unknown_help(question: FormField) -> str:
    """How to say what is not known for sure: for a value research may lack, that not knowing it is
    an answer too (and, for a number, how to give an estimate); for a date or a list of
    statements, how to add „strittig“ or a note."""
    f = question.field
    if f is None:
        return ""
    if f.kind == "point":
        return "In Klammern dahinter eine Anmerkung oder „strittig“, z. B. „2016 (strittig: die Presse nennt 2017)“."
    if f.kind == "list" and f.item is not None and f.item.may_carry_note:
        return "Unsicher oder strittig? In Klammern dahinter, z. B. „(strittig: die Presse sagt etwas anderes)“ oder „(ungefähr: geschätzt)“."
    if not f.may_be_unknown:
        return ""
    if question.kind == "dropdown":
        return (
            f"Nicht bekannt? Wählen Sie „{UNKNOWN_OPTION}“. Ein Grund oder eine Unsicherheit passt nicht in die Auswahl: Schreiben Sie sie in die Beschreibung."
        )
    text = "Nicht bekannt? Schreiben Sie „unbekannt“ (oder „weiß nicht“), gern mit Grund: „unbekannt (nicht veröffentlicht)“."
    if f.kind in ("integer", "number"):
        text += " Geschätzt? Schreiben Sie z. B. „ca. 10“. Strittig? „40 (strittig: die Presse nennt 20)“."
    return text


def _column_words(column: Field, labels: Mapping[str, Mapping[str, str]]) -> str:
    """The words a column of a table allows, if they are fixed ("" if any text will do)."""
    vocabulary = column.vocabulary or (column.item.vocabulary if column.item is not None else "")
    words = list(labels[vocabulary].values()) if vocabulary in labels else []
    if not column.may_be_unknown:
        return ", ".join(words)
    if not words and column.minimum is not None and column.maximum is not None:
        words = [f"{column.minimum:g} bis {column.maximum:g}"]
    return ", ".join(words) + (" oder „unbekannt“" if words else "„unbekannt“")


def rows_columns(f: Field) -> list[str]:
    """The columns of a table answered as lines "a; b; c" ("*" for the key of an entry)."""
    assert f.item is not None
    return list((f.form or {}).get("spalten") or [c.key for c in f.item.children if c.required])


def _allowed_in_rows(question: FormField, labels: Mapping[str, Mapping[str, str]]) -> str:
    """For a table answered as lines: the allowed words of each column that has fixed values,
    so that nobody has to guess them (they are not shown anywhere else in the form)."""
    f = question.field
    if f is None or f.item is None:
        return ""
    spec = f.form or {}
    columns = rows_columns(f)
    parts = []
    for column in columns:
        if column == "*":
            if spec.get("schluessel") == "kriterium" and labels.get("kriterien"):
                parts.append("**Kriterium**: " + ", ".join(labels["kriterien"].values()))
            continue
        child = f.item.child(column)
        words = _column_words(child, labels)
        if words:
            parts.append(f"**{child.title}**: {words}")
    return ("\n\nErlaubte Werte – " + "; ".join(parts) + ".") if parts else ""


class IssueError(Exception):
    """A problem in a submitted form, named by the form field's label."""


def _question_lines(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the lines that look like questions, (line, question), the ones that are: a label that
    stands once is its question (wherever it stands); of a label that stands more than once, the
    line between its neighbours in the form's order – the others are headings inside an answer
    („### Stolpersteine“ written into the description)."""
    lines: dict[int, list[int]] = {}
    for line, question in candidates:
        lines.setdefault(question, []).append(line)
    once = {question: found[0] for question, found in lines.items() if len(found) == 1}
    chosen = dict(once)
    for question, found in lines.items():
        if len(found) > 1:
            low = max((line for q, line in once.items() if q < question), default=-1)
            high = min((line for q, line in once.items() if q > question), default=max(found) + 1)
            chosen[question] = next((line for line in found if low < line < high), found[0])
    return sorted((line, question) for question, line in chosen.items())


def parse_body(body: str, site_types: list[tuple[str, str]], shape: Shape | None = None) -> dict[str, str]:
    """The answers of a submitted form by question id. GitHub renders every question as
    "### <label>"; a "### " line that is no question (what GitHub's heading button inserts into an
    answer) is part of the answer."""
    questions = fields(site_types, shape)
    order = {f.label: i for i, f in enumerate(questions)}
    lines = body.replace("\r\n", "\n").split("\n")
    candidates = [(n, order[line[4:].strip()]) for n, line in enumerate(lines) if line.startswith("### ") and line[4:].strip() in order]
    chosen = _question_lines(candidates)
    answers: dict[str, str] = {}
    ends = [line for line, _ in chosen[1:]] + [len(lines)]
    for (start, question), end in zip(chosen, ends, strict=False):
        text = "\n".join(lines[start + 1 : end]).strip()
        answers[questions[question].id] = "" if text == NO_RESPONSE else text
    return answers


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _unknown(raw: str) -> dict[str, str] | str | None:
    """An answer that says nobody knows – „unbekannt“, „nicht bekannt“, „weiß nicht“, „k. A.“,
    optionally with a reason („unbekannt (nicht veröffentlicht)“) – as unbekannt or
    {wert: unbekannt, anmerkung: reason}; None for any other answer."""
    match = _WITH_REASON.fullmatch(raw.strip())
    if not match or not (says_unknown(match["word"]) or set(match["word"]) == {"?"}):
        return None
    reason = (match["paren"] or match["rest"] or "").strip()
    return {"wert": UNKNOWN, "anmerkung": reason} if reason else UNKNOWN


def _span(text: str) -> dict[str, str] | None:
    """„2018/19“ or „2018/2019“ as {datum: "2018", bis: "2019"}."""
    match = _SPAN.fullmatch(text)
    if not match:
        return None
    start, end = match["start"], match["end"]
    end = start[:2] + end if len(end) == 2 else end
    return {"datum": start, "bis": end} if end > start else None


def remark(raw: str) -> tuple[str, str, str]:
    """A value and what follows it in brackets, as (value, precision, note):
    „40 (strittig: laut Presse 20)“ → ("40", "strittig", "laut Presse 20"), „2016 (laut Protokoll)“ →
    ("2016", "", "laut Protokoll"); without brackets (raw, "", "")."""
    match = _BRACKETS.fullmatch(raw.strip())
    if not match:
        return raw.strip(), "", ""
    inner = match["inner"].strip()
    word = _REMARK.fullmatch(inner)
    if word:
        return match["core"], _PRECISIONS[word["word"].casefold()], (word["note"] or "").strip()
    return match["core"], "", inner


def _with_remark(value: Any, key: str, precision: str, note: str) -> Any:
    """A value with its precision and note, as the case writes it: {key: value, genauigkeit, anmerkung}."""
    if not precision and not note:
        return value
    out = {key: value} if not isinstance(value, dict) else dict(value)
    if precision:
        out["genauigkeit"] = precision
    if note:
        out["anmerkung"] = note
    return out


def statement(text: str) -> Any:
    """An item of a list of statements: the text, or with its remark {text, genauigkeit, anmerkung}."""
    match = _STATEMENT.fullmatch(text.strip())
    if not match:
        return text
    return _with_remark(match["text"], "text", _PRECISIONS[match["word"].casefold()], (match["note"] or "").strip()) if match["text"] else text


def _free_text(f: Field) -> bool:
    """Whether a column takes any text (not a value of a list, a number, a date or a reference)."""
    return f.kind == "text" and not (f.form and "verweis" in f.form)


def split_cells(text: str) -> list[str]:
    """The cells of a line "a; b; c"; a semicolon inside brackets („ca. 2 (laut Bericht; unsicher)“)
    stays in its cell (unless the brackets are not closed)."""
    cells: list[str] = []
    depth = start = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            cells.append(text[start:index])
            start = index + 1
    if depth:
        return [c.strip() for c in text.split(";")]
    return [c.strip() for c in [*cells, text[start:]]]


def readings(cells: list[str], columns: list[str], free: int | None, required_after: int) -> list[list[str]]:
    """Ways to read the cells of a line as the columns, the likeliest first. A free text (the
    column *free*) may itself hold semicolons: with more cells than columns, the columns after it
    take the last cells and the text the rest; with as many, a reading that leaves optional columns
    after it out is tried as well („Text; mit Semikolon; Selbstauskunft“)."""
    if free is None:
        if len(cells) > len(columns):  # a semicolon inside the last cell
            return [cells[: len(columns) - 1] + ["; ".join(cells[len(columns) - 1 :])]]
        return [cells]
    after = len(columns) - free - 1
    most = min(after, len(cells) - free - 1)
    if most < 0:
        return [cells]
    fewest = most if len(cells) > len(columns) else max(1, required_after)
    return [cells[:free] + ["; ".join(cells[free : len(cells) - k])] + cells[len(cells) - k :] for k in range(most, min(fewest, most) - 1, -1)]


_BULLET = re.compile(r"[-*•]\s+")  # "- item", as GitHub's list button writes it


# A line that cannot end an item of a list: it goes on in the next line („… organisiert und“).
_OPEN_END = re.compile(
    r"(?:[,–\-(:/&]|\b(?:und|oder|sowie|aber|der|die|das|den|dem|des|ein|eine|einen|einem|einer|mit|für|von|vom|zu|zum|zur"
    r"|in|im|auf|an|am|bei|nach|aus|über|als|wie|dass|weil|wenn|auch))$"
)


def list_lines(raw: str) -> list[tuple[str, int, int]]:
    """The items of a list answer with their first and last line in the answer: one per bullet
    ("- …") where the answer uses bullets, so that a line break inside an item keeps it whole;
    otherwise one per line – unless a line goes on in the next (it ends with a comma or „und“, or
    the next begins in lower case in a list that does not): a paragraph with line breaks stays
    one item. An empty line always ends an item."""
    lines = [(number, line.strip()) for number, line in enumerate(raw.split("\n"), 1)]
    bullets = any(_BULLET.match(line) for _, line in lines)
    first = next((line for _, line in lines if line), "")
    items: list[list[Any]] = []  # [text, first line, last line]
    previous = ""
    for number, line in lines:
        bullet = _BULLET.match(line) if bullets else None
        if not line:
            previous = ""
            continue
        if bullet or not previous:
            items.append([line[bullet.end() :] if bullet else line.lstrip("-*• ").strip(), number, number])
        elif bullets or _OPEN_END.search(previous) or first[:1].isupper() and line[:1].islower():
            items[-1][0] += " " + line  # a line break inside the item
            items[-1][2] = number
        else:
            items.append([line.lstrip("-*• ").strip(), number, number])
        previous = line
    return [(str(text), int(start), int(stop)) for text, start, stop in items]


def list_items(raw: str) -> list[str]:
    """The items of a list answer (see list_lines)."""
    return [text for text, _, _ in list_lines(raw)]


# Units a contributor may write after a number; the field says what it counts.
_UNITS = re.compile(r"(€|EUR|Euro|Std\.?|Stunden|h)\s*$", re.IGNORECASE)


def _names(raw: str, known: Mapping[str, str]) -> list[str]:
    """Names separated by commas; a name that itself holds a comma („Stadtverwaltung, Hauptamt“)
    stays whole when it is one of the *known* names (folded to lower case)."""
    parts = [p.strip() for p in raw.split(",")]
    names: list[str] = []
    start = 0
    while start < len(parts):
        end = next((e for e in range(len(parts), start + 1, -1) if ", ".join(parts[start:e]).casefold() in known), start + 1)
        names.append(", ".join(parts[start:end]))
        start = end
    return [n for n in names if n]


@dataclass
class _Table:
    """A field answered as lines: the entries read so far, to refer to by name or number."""

    keys: list[str] = field(default_factory=list)
    by_name: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # as written


@dataclass
class Converter:
    vocabularies: dict[str, Any]
    criteria: dict[str, Any]
    site_types: list[tuple[str, str]]
    problems: list[str] = field(default_factory=list)
    shape: Shape | None = None
    notes: list[str] = field(default_factory=list)  # what a person should look at, e.g. lines read as one item

    def __post_init__(self) -> None:
        self.shape = self.shape or _shape_for(self.site_types)
        self.form = form_fields(self.shape, _labels(self.vocabularies))
        self.tables: dict[str, _Table] = {}
        self.order: dict[str, tuple[int, int]] = {}  # a problem's place: its question in the form, its line

    def label_of(self, field_id: str) -> str:
        return next(f.label for f in self.form if f.id == field_id)

    def where(self, field_id: str, line: int | None = None) -> str:
        return f"Feld „{self.label_of(field_id)}“" + (f", Zeile {line}" if line else "")

    def fail(self, field_id: str, message: str, line: int | None = None) -> None:
        text = f"{self.where(field_id, line)}: {message}"
        self.problems.append(text)
        index = next(i for i, f in enumerate(self.form) if f.id == field_id)
        self.order.setdefault(text, (index, line or 0))

    # -- single values ---------------------------------------------------------------------------
    def words(self, vocabulary: str) -> dict[str, str]:
        """Every word for an entry of a vocabulary (its label in every language, id, synonyme),
        folded, to its id: "Weekly", «كل أسبوعين» and „14-tägig“ all name an entry."""
        table: dict[str, str] = {}
        for e in self.vocabularies.get(vocabulary, {}).get("eintraege", []):
            words = [*e["label"].values(), e["id"], *(w for ws in e.get("synonyme", {}).values() for w in ws)]
            table.update({fold(word): e["id"] for word in words})
        return table

    def lookup(self, vocabulary: str, value: str, field_id: str, line: int | None = None, unknown: bool = False) -> str:
        """A vocabulary value by its label, id or one of its other words (synonyme), compared
        without case, umlauts and punctuation ("Vierteljaehrlich" is "vierteljährlich"); the
        beginning of a label will do where it names one entry („Selbstauskunft“)."""
        entries = self.vocabularies[vocabulary]["eintraege"]
        table = self.words(vocabulary)
        key = fold(value)
        if key in table:
            return str(table[key])
        labels = {fold(pick(e["label"], "de")): pick(e["label"], "de") for e in entries}
        starting = {table[label] for label in labels if key and label.startswith(key + " ")}
        if len(starting) == 1:  # "Selbstauskunft" for "Selbstauskunft der Beteiligten"
            return str(starting.pop())
        # A word inside several labels („Sozialarbeit“) names them all; else the one label really close.
        close = [label for label in labels if key and key in label] or difflib.get_close_matches(key, list(labels), n=1, cutoff=0.75)
        if 0 < len(close) <= 4:
            hint = " (meinten Sie " + " oder ".join(f"„{labels[c]}“" for c in close) + "?)"
        else:
            hint = " – erlaubt: " + ", ".join(labels.values()) + (" oder „unbekannt“" if unknown else "")
        self.fail(field_id, f"„{value.strip()}“ ist kein erlaubter Wert{hint}", line)
        return ""

    def lookup_many(self, vocabulary: str, value: str, field_id: str, line: int | None = None) -> list[str]:
        """Values separated by commas; a label that itself holds a comma ("Kinder, Jugend und Familie") stays whole."""
        known = {pick(e["label"], "de").casefold(): pick(e["label"], "de") for e in self.vocabularies[vocabulary]["eintraege"]}
        picked = [self.lookup(vocabulary, text, field_id, line) for text in _names(value, known)]
        return list(dict.fromkeys(p for p in picked if p))

    def number(self, f: Field, raw: str, field_id: str, line: int | None = None) -> float | int:
        """A number as Germans write it ("2.000", "1,5", "2.000 €"); an ambiguous one is refused."""
        text = _UNITS.sub("", raw).strip()
        try:
            value = float(parse_decimal(text, locale="de", strict=True))
        except NumberFormatError as exc:
            if exc.suggestions:
                shown = " oder ".join(f"„{s}“" for s in exc.suggestions)
                self.fail(field_id, f"„{raw.strip()}“ ist als Zahl nicht eindeutig (gemeint: {shown}?)", line)
                return 0
            value = float("nan")
        too_small = f.minimum is not None and value < f.minimum
        too_large = f.maximum is not None and value > f.maximum
        if value != value or f.kind == "integer" and not value.is_integer() or too_small or too_large:
            whole = "ganze Zahl" if f.kind == "integer" else "Zahl"
            if f.minimum is not None and f.maximum is not None:
                limits = f" von {f.minimum:g} bis {f.maximum:g}"
            else:
                limits = f" ab {f.minimum:g}" if f.minimum is not None else ""
            what = f"{f.title} " if line else ""  # in a table: which column
            unknown = " – oder „unbekannt“, wenn es niemand weiß" if f.may_be_unknown else ""
            digits = "" if any(c.isdigit() for c in raw) else " (bitte in Ziffern, z. B. „2“)"
            self.fail(field_id, f"{what}„{raw.strip()}“ ist keine {whole}{limits}{unknown}{digits}", line)
            return 0
        return int(value) if value.is_integer() else value

    def point(self, raw: str, field_id: str, line: int | None = None) -> Any:
        """A date: „2018“, „2018-09“, „ca. 2018“, „Frühjahr 2016“, „2018/19“, or „unbekannt“ (undated);
        in brackets after it „strittig“ or a note: „2016 (laut Protokoll)“."""
        text = raw.strip()
        unknown = _unknown(text)
        if isinstance(unknown, dict):
            return {"datum": UNKNOWN, "anmerkung": unknown["anmerkung"]}
        if unknown is not None:
            return {"datum": UNKNOWN}
        core, precision, note = remark(text)
        core = _SINCE.sub("", core)  # „seit ca. 2018“, „ab 2019“
        about = _ABOUT_DATE.fullmatch(core)
        if about:
            core, precision = about["rest"].strip(), precision or "ungefaehr"
        found: dict[str, str] | None = {"datum": core} if _DATE.fullmatch(core) else _span(core) or self.season(core)
        if found is None:
            self.fail(field_id, f"„{text}“ ist kein Datum (möglich sind z. B. 2018, 2018-09, ca. 2018, Frühjahr 2016, 2018/19 oder unbekannt)", line)
            return ""
        value = _with_remark(found, "datum", precision, note)
        return value["datum"] if len(value) == 1 else value

    def season(self, text: str) -> dict[str, str] | None:
        """„Frühjahr 2016“ as {datum: "2016", jahreszeit: fruehjahr} (vocabulary jahreszeiten)."""
        match = _SEASON.fullmatch(text)
        season = self.words("jahreszeiten").get(fold(match["season"])) if match else None
        return {"datum": match["year"], "jahreszeit": season} if match and season else None

    def reference(self, f: Field, raw: str, field_id: str, line: int) -> Any:
        """An entry of another table, by its name (Akteur*innen) or its number in the list (Quellen)."""
        target = (f.form or {})["verweis"]
        table = self.tables.get(target, _Table())
        wanted = _names(raw, table.by_name) if f.kind == "list" else [raw.strip()]
        found = []
        for ref in wanted:
            if ref.isdigit() and not table.by_name and 0 < int(ref) <= len(table.keys):
                found.append(table.keys[int(ref) - 1])
            elif ref.casefold() in table.by_name:
                found.append(table.by_name[ref.casefold()])
            elif table.by_name:
                names = ", ".join(dict.fromkeys(table.names))
                self.fail(
                    field_id,
                    f"„{ref}“ steht nicht unter „{self.label_of(target)}“ – schreiben Sie den Namen wie dort ({names}) "
                    f"oder ergänzen Sie dort eine Zeile für „{ref}“",
                    line,
                )
            else:
                count = len(table.keys)
                there = "steht noch nichts" if not count else "steht nur Nummer 1" if count == 1 else f"stehen die Nummern 1 bis {count}"
                self.fail(field_id, f"„{ref}“ ist keine Nummer aus der Liste unter „{self.label_of(target)}“ (dort {there})", line)
        return found if f.kind == "list" else (found[0] if found else "")

    def value(self, f: Field, raw: str, field_id: str, line: int | None = None) -> Any:
        """One answer as the field's value; empty stays empty (the builder marks what is missing)."""
        raw = raw.strip()
        if not raw:
            return [] if f.kind == "list" else ""
        if f.may_be_unknown:
            return self.stated(f, raw, field_id, line)
        return self.plain(f, raw, field_id, line)

    def stated(self, f: Field, raw: str, field_id: str, line: int | None = None) -> Any:
        """A value research may lack: unknown (with a reason, if given), an estimate („ca. 10“ →
        {wert: 10, genauigkeit: ungefaehr}), a disputed value or one with a note („40 (strittig: …)“,
        „12 (laut Konzept)“), or the value itself."""
        unknown = _unknown(raw)
        if unknown is not None:
            return unknown
        if f.kind == "choice" and fold(raw) in self.words(f.vocabulary):  # a label with brackets
            return self.plain(f, raw, field_id, line)
        core, precision, note = remark(raw)
        estimate = _ESTIMATE.fullmatch(core) if f.kind in ("integer", "number") else None  # „ca. monatlich“ is no answer
        if estimate:
            core, precision = estimate["number"].strip(), precision or "ungefaehr"
        return _with_remark(self.plain(f, core, field_id, line), "wert", precision, note)

    def plain(self, f: Field, raw: str, field_id: str, line: int | None = None) -> Any:
        """An answer as a value of the field's kind."""
        if f.form and "verweis" in f.form:
            return self.reference(f, raw, field_id, line or 0)
        if f.kind == "choice":
            return self.lookup(f.vocabulary, raw, field_id, line, unknown=f.may_be_unknown)
        if f.kind == "list" and f.item is not None and f.item.kind == "choice":
            return self.lookup_many(f.item.vocabulary, raw, field_id, line)
        if f.kind == "list":
            items = self.items(raw, field_id)
            return [statement(item) for item in items] if f.item is not None and f.item.may_carry_note else items
        if f.kind in ("integer", "number"):
            return self.number(f, raw, field_id, line)
        if f.kind == "point":
            return self.point(raw, field_id, line)
        return raw

    def items(self, raw: str, field_id: str) -> list[str]:
        """The items of a list answer; lines read as one item without a bullet are said, so that
        a person can check it."""
        found = list_lines(raw)
        bullets = any(_BULLET.match(line.strip()) for line in raw.split("\n"))
        for text, start, stop in found:
            if stop > start and not bullets:
                shown = text if len(text) <= 60 else f"{text[:40].rsplit(' ', 1)[0]} … {text[-30:].split(' ', 1)[-1]}"
                self.notes.append(
                    f"Feld „{self.label_of(field_id)}“, Zeilen {start}–{stop}: als ein Punkt gelesen („{shown}“). "
                    "Sind es mehrere, beginnen Sie jeden Punkt mit „- “."
                )
        return [text for text, _, _ in found]

    # -- tables ----------------------------------------------------------------------------------
    def rows(self, form: FormField, raw: str) -> Any:
        """A table answered as lines "a; b; c": a list of entries, or entries under keys."""
        f = form.field
        assert f is not None and f.item is not None
        columns = rows_columns(f)
        key_rule = (f.form or {}).get("schluessel", "")
        table = self.tables.setdefault(f.key, _Table())
        entries: list[Any] = []
        keyed: dict[str, Any] = {}
        for number, text in enumerate(raw.split("\n"), 1):
            row = self.row(form, f.item, columns, text, number)
            if row is None:
                continue
            key, entry = row
            if f.kind == "list":
                entries.append(entry)
                continue
            key = self.row_key(key_rule, key, entry, number, keyed, table)
            if key:
                keyed[key] = entry
                table.keys.append(key)
        return entries if f.kind == "list" else keyed

    def row(self, form: FormField, item: Field, columns: list[str], text: str, number: int) -> tuple[str, dict[str, Any]] | None:
        """One line of a table: its key (the "*" column) and its entry; None for an empty or short line.
        A semicolon inside a free text is read as part of it where the other columns allow it."""
        text = text.strip().lstrip("-*• ").strip()
        if not text:
            return None
        needed = sum(1 for c in columns if c == "*" or item.child(c).required)
        cells = split_cells(text)
        if len(cells) < needed:
            titles = "; ".join("Kriterium" if c == "*" else item.child(c).title for c in columns)
            self.fail(form.id, f"„{text}“ hat {len(cells)} statt {needed} Angaben – getrennt durch Semikolon: {titles}", number)
            return None
        free = next((i for i in range(len(columns) - 1, -1, -1) if columns[i] != "*" and _free_text(item.child(columns[i]))), None)
        required_after = sum(1 for c in columns[free + 1 :] if item.child(c).required) if free is not None else 0
        options = readings(cells, columns, free, required_after)
        before = len(self.problems)
        first = self.entry(form, item, columns, options[0], number)
        if len(self.problems) == before or len(options) == 1:
            return first
        found = self.problems[before:]
        for option in options[1:]:
            del self.problems[before:]
            other = self.entry(form, item, columns, option, number)
            if len(self.problems) == before:
                return other
        self.problems[before:] = found  # no reading fits: the likeliest one's problems
        return first

    def entry(self, form: FormField, item: Field, columns: list[str], cells: list[str], number: int) -> tuple[str, dict[str, Any]]:
        key_rule = (form.field.form or {}).get("schluessel", "") if form.field is not None else ""
        entry: dict[str, Any] = {}
        key = ""
        for column, cell in zip(columns, cells, strict=False):  # a short line leaves optional columns out
            if column == "*":
                key = self.criterion(cell, form.id, number) if key_rule == "kriterium" else cell
                continue
            value = self.value(item.child(column), cell, form.id, number)
            if value != "" and value != [] or item.child(column).required:
                entry[column] = value
        return key, entry

    @staticmethod
    def row_key(key_rule: str, key: str, entry: dict[str, Any], number: int, keyed: dict[str, Any], table: _Table) -> str:
        """The key of an entry: its number, a slug of one of its values, or the "*" column."""
        if "{nummer}" in key_rule:
            return key_rule.format(nummer=number)
        if key_rule and key_rule != "kriterium":
            key = slug(str(entry.get(key_rule, "")))[:40].strip("-") or f"eintrag-{number}"
            while key in keyed:
                key += "-2"
            table.by_name[str(entry.get(key_rule, "")).casefold()] = key
            table.names.append(str(entry.get(key_rule, "")))
        return key

    def criterion(self, name: str, field_id: str, line: int) -> str:
        """A criterion by its German name (or its id)."""
        names = {pick(c["name"], "de"): cid for cid, c in sorted(self.criteria.items(), key=lambda item: item[1].get("reihenfolge", 0))}
        known = {fold(n): cid for n, cid in names.items()} | {fold(cid): cid for cid in self.criteria}
        if fold(name) in known:
            return str(known[fold(name)])
        shown = {fold(n): n for n in names}
        close = difflib.get_close_matches(fold(name), list(shown), n=1, cutoff=0.6)
        hint = f" (meinten Sie „{shown[close[0]]}“?)" if close else " – die Kriterien heißen: " + ", ".join(names)
        self.fail(field_id, f"ein Kriterium „{name}“ gibt es nicht{hint}", line)
        return ""

    def convert(self, answers: dict[str, str], case_id: str, today: str) -> tuple[dict[str, Any], str]:
        assert self.shape is not None
        given: dict[str, Any] = {"id": case_id}
        # Tables others refer to (Akteur*innen by name, Quellen by number) are read first.
        targets = {(f.form or {}).get("verweis") for f in self.shape.fields()}
        ordered = sorted(self.form, key=lambda q: q.id not in targets)
        for q in ordered:
            raw = answers.get(q.id, "")
            if q.field is None:
                continue
            if q.kind == "checkboxes":
                ticked = set(_CHECKED.findall(raw))
                for option in q.options:
                    _put(given, option.path, option.label in ticked)
            elif q.kind == "rows":
                _put(given, q.path, self.rows(q, raw))
            else:
                _put(given, q.path, self.value(q.field, raw, q.id))
        data = casefile.build(self.shape, given, today)
        self.problems.sort(key=lambda text: self.order.get(text, (len(self.form), 0)))  # in the form's order
        return data, answers.get(BODY_ID, "")


def case_file(data: dict[str, Any], body: str, issue_number: int | None, shape: Shape | None = None) -> str:
    """The case as a file: the schema line, the front matter (free text always quoted), the body."""
    origin = f"Aus dem Issue #{issue_number} übernommen (praxis from-issue)." if issue_number else ""
    return casefile.case_file(shape or case_shape.default({}), data, body, origin=origin)


def read_issue(raw: str) -> tuple[str, int | None]:
    """An issue as GitHub's API gives it (JSON with body and number) or just its body."""
    text = raw.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return raw, None
        return str(data.get("body") or ""), data.get("number")
    return raw, None


__all__ = ["Converter", "FormField", "IssueError", "case_file", "fields", "form_yaml", "parse_body", "read_issue"]
