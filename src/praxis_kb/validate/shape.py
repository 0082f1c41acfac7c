"""The shape of a case, read from its schema: one tree of fields for every tool that needs it.

schemas/praxisbeispiel.schema.json is the one description of a case. Besides what JSON Schema
checks, each property carries what the tools around it need, as annotations the validators ignore:

``title``, ``description``
    written for contributors: the comment above the field in the ``praxis new`` skeleton, the
    label and fallback help text in the issue form.
``x-vorlage``
    the value the skeleton starts with where a fill-in marker cannot stand (a vocabulary value, a
    number, example keys of a map). In a map, the key ``*`` stands for every required key. A whole
    string ``{heute}``, ``{jahr}`` or ``{a.b}`` is replaced by today's date, the year, or the value
    already built at path a.b (a map there gives its keys).
``x-ergaenzen``
    what the fill-in marker says (``ERGÄNZEN: <text>``); without it, the field's title. A value
    research may lack (``x-angabe``) never gets an ``x-vorlage``: left open, its marker adds
    "– oder unbekannt", and the schema lets such a marker stand where the value belongs.
    Any other value a contributor must decide (a vocabulary value, a yes or no) may stand open in
    the same way: ``anyOf: [<the value>, {$ref: "#/$defs/ergaenzen"}]`` is read as the value,
    marked ``may_stay_open`` (a list item likewise); the marker fails only the publishing check.
``x-formular``
    how the issue form asks for the field (label, help text, input kind, columns of a table
    answered as lines "a; b; c"); ``false`` leaves the field out of the form.
``x-csv``
    the column of data/cases.csv that holds the field.
``x-beschreibung`` (top level)
    the Markdown body below the front matter: its title, help text and skeleton headings.

Adding a field therefore means: the schema (with these annotations where the defaults do not
fit), the model, and the page template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from praxis_kb.validate import schemas

FILL_IN = "ERGÄNZEN:"

# Kinds of field. Scalars: text (free text to translate), string (other free strings: e-mail,
# phone, address), id (a key such as fsa), choice (a vocabulary value), date, point (year, month or
# day, or an uncertain date as an object), boolean, integer, number. Containers: object (fixed
# properties), map (keys chosen by the contributor, one schema for every value), list.
SCALARS = frozenset({"text", "string", "id", "choice", "date", "point", "boolean", "integer", "number"})
QUOTED = frozenset({"text", "string", "date", "point"})


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Field:
    key: str  # property name; "*" for the values of a map or the items of a list
    path: tuple[str, ...]  # from the case root, "*" standing for any key or index
    kind: str
    title: str = ""
    description: str = ""
    required: bool = False
    vocabulary: str = ""  # for choice
    const: Any = MISSING
    minimum: float | None = None
    maximum: float | None = None
    min_items: int = 0
    children: tuple[Field, ...] = ()  # object properties, in schema order
    item: Field | None = None  # map values, list items
    keys: tuple[str, ...] = ()  # keys a map must have (e.g. every site type)
    key_vocabulary: str = ""  # vocabulary the keys of a map come from
    key_note: str = ""  # what the keys of a map are, for the comment above the first
    template: Any = MISSING  # x-vorlage
    fill_in: str = ""  # x-ergaenzen
    form: Mapping[str, Any] | None = field(default=None, hash=False)  # x-formular; None = defaults
    in_form: bool = True
    csv: Mapping[str, Any] | None = field(default=None, hash=False)
    may_be_unknown: bool = False  # x-angabe: also "unbekannt", or {wert, genauigkeit, anmerkung}
    may_carry_note: bool = False  # x-aussage: a text, or {text, genauigkeit, anmerkung}
    # Required unless these sibling values are unknown (the schema's if/else), e.g. the
    # explanation of a number of hours that nobody knows may be left out.
    needed_unless_unknown: tuple[str, ...] = ()
    may_stay_open: bool = False  # the schema also takes a fill-in marker here (a draft)
    # The parts of a date written out ({datum, bis, jahreszeit, genauigkeit, anmerkung}): each
    # with its title and description, for the comments of the skeleton.
    details: tuple[tuple[str, str, str], ...] = ()

    def child(self, key: str) -> Field:
        return next(c for c in self.children if c.key == key)

    def find(self, path: tuple[str, ...] | str) -> Field:
        """The field at *path* ("a.b" or a tuple; "*" steps into map values and list items)."""
        parts = tuple(path.split(".")) if isinstance(path, str) else path
        here = self
        for part in parts:
            if here.kind in ("map", "list"):
                assert here.item is not None
                here = here.item
            else:
                here = here.child(part)
        return here

    def walk(self) -> Iterator[Field]:
        """This field and every field below it, depth first in schema order."""
        yield self
        for child in self.children:
            yield from child.walk()
        if self.item is not None:
            yield from self.item.walk()

    @property
    def marker(self) -> str:
        """The fill-in value of this field: ERGÄNZEN: and what belongs here (and, for a value
        research may lack, that unbekannt is an answer too)."""
        text = f"{FILL_IN} {self.fill_in or self.title or self.key}"
        return f"{text} – oder unbekannt" if self.may_be_unknown and "unbekannt" not in text else text

    @property
    def comment(self) -> str:
        """Title and description, for the comment above the field."""
        if self.title and self.description:
            return f"{self.title}: {self.description}"
        return self.description or self.title


@dataclass(frozen=True)
class Body:
    """The Markdown text below the front matter."""

    title: str
    description: str
    fill_in: str
    headings: tuple[str, ...]
    form_after: str  # the form asks for it after this top-level field

    @property
    def marker(self) -> str:
        return f"{FILL_IN} {self.fill_in}"


@dataclass(frozen=True)
class Shape:
    root: Field
    body: Body

    def fields(self) -> Iterator[Field]:
        return self.root.walk()


class _Reader:
    def __init__(self, documents: Mapping[str, dict[str, Any]]) -> None:
        self.documents = documents

    def resolve(self, base: str, ref: str) -> tuple[dict[str, Any], str]:
        document, _, pointer = ref.partition("#")
        base = document or base
        node: Any = self.documents[base]
        for part in [p for p in pointer.split("/") if p]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, base

    def merged(self, schema: dict[str, Any], base: str) -> tuple[dict[str, Any], str, str]:
        """A schema with its ``$ref`` chain folded in (the outer keywords win); the last ref's name."""
        out: dict[str, Any] = {}
        name = ""
        while True:
            for key, value in schema.items():
                out.setdefault(key, value)
            ref = schema.get("$ref")
            if not ref:
                break
            name = ref.rsplit("/", 1)[-1]
            schema, base = self.resolve(base, ref)
        out.pop("$ref", None)
        return out, base, name

    def properties(self, s: dict[str, Any], base: str, path: tuple[str, ...]) -> tuple[Field, ...]:
        """The fields of an object, in schema order."""
        needed = set(s.get("required", []))
        unless = _needed_unless_unknown(s)
        return tuple(
            replace(self.read(sub, base, k, path + (k,), k in needed), needed_unless_unknown=unless.get(k, ())) for k, sub in s.get("properties", {}).items()
        )

    def read(self, schema: dict[str, Any], base: str, key: str, path: tuple[str, ...], required: bool) -> Field:
        s, base, ref_name = self.merged(schema, base)
        common: dict[str, Any] = {
            "key": key,
            "path": path,
            "title": s.get("title", ""),
            "description": s.get("description", ""),
            "required": required,
            "template": s.get("x-vorlage", MISSING),
            "fill_in": s.get("x-ergaenzen", ""),
            "form": s.get("x-formular") or None,
            "in_form": s.get("x-formular", True) is not False,
            "csv": s.get("x-csv"),
            "const": s.get("const", MISSING),
            "minimum": s.get("minimum"),
            "maximum": s.get("maximum"),
            "min_items": s.get("minItems", s.get("minProperties", 0)),
        }
        if "properties" in s and "additionalProperties" not in s or s.get("additionalProperties") is False:
            return Field(kind="object", children=self.properties(s, base, path), **common)
        if isinstance(s.get("additionalProperties"), dict):
            names, _, _ = self.merged(s.get("propertyNames", {}), base)
            item = self.read(s["additionalProperties"], base, "*", path + ("*",), True)
            return Field(
                kind="map",
                item=item,
                keys=tuple(s.get("required", [])),
                key_vocabulary=names.get("x-vokabular", ""),
                key_note=s.get("propertyNames", {}).get("description", ""),
                **common,
            )
        if s.get("type") == "array":
            item = self.read(s.get("items", {}), base, "*", path + ("*",), True)
            return Field(kind="list", item=item, **common)
        if "x-vokabular" in s:
            return Field(kind="choice", vocabulary=s["x-vokabular"], **common)
        if s.get("x-angabe") or s.get("x-aussage"):
            return self.statement(s, base, key, path, required)
        value = _open_branch(s)
        if value is not None:
            inner = {k: v for k, v in s.items() if k != "anyOf"} | value
            return replace(self.read(inner, base, key, path, required), may_stay_open=True)
        if "anyOf" in s:
            return Field(kind="point", details=self.details(s, base), **common)
        return Field(kind=_scalar_kind(s, ref_name), **common)

    def statement(self, s: dict[str, Any], base: str, key: str, path: tuple[str, ...], required: bool) -> Field:
        """A value (the first branch) that may also be unknown (``x-angabe``) or carry a note."""
        inner = {k: v for k, v in s.items() if k not in ("anyOf", "x-angabe", "x-aussage", "x-hinweis")} | s["anyOf"][0]
        value = self.read(inner, base, key, path, required)
        return replace(value, may_be_unknown=bool(s.get("x-angabe")), may_carry_note=bool(s.get("x-aussage")))

    def details(self, s: dict[str, Any], base: str) -> tuple[tuple[str, str, str], ...]:
        """What each part of a date written out means (key, title, description)."""
        for branch in s["anyOf"]:
            written_out, inner_base, _ = self.merged(branch, base)
            parts = [(k, self.merged(sub, inner_base)[0]) for k, sub in written_out.get("properties", {}).items()]
            if parts:
                return tuple((k, part.get("title", ""), part.get("description", "")) for k, part in parts)
        return ()


def _open_branch(s: Mapping[str, Any]) -> dict[str, Any] | None:
    """The value of ``anyOf: [<value>, {$ref: …/ergaenzen}]``: a value that may stay a fill-in
    marker in a draft. None for any other schema."""
    branches = s.get("anyOf", [])
    values = [b for b in branches if not str(b.get("$ref", "")).endswith("/ergaenzen")]
    return dict(values[0]) if len(values) == 1 and len(branches) > 1 else None


def _scalar_kind(s: dict[str, Any], ref_name: str) -> str:
    if s.get("type") in ("boolean", "integer", "number") or isinstance(s.get("const"), bool):
        return str(s.get("type", "boolean"))
    if s.get("format") == "date":
        return "date"
    if s.get("x-uebersetzbar"):
        return "text"
    return "id" if ref_name == "kennung" else "string"


def _needed_unless_unknown(s: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Properties an object requires unless the values its ``if`` names are unknown:
    ``if: {properties: {x: {$ref: …/unbekannte_angabe}}}, else: {required: [y]}`` gives {y: (x,)}."""
    condition = s.get("if", {}).get("properties", {})
    if not condition or not all(str(sub.get("$ref", "")).endswith("/unbekannte_angabe") for sub in condition.values()):
        return {}
    return {key: tuple(condition) for key in s.get("else", {}).get("required", [])}


def case_shape(documents: Mapping[str, dict[str, Any]]) -> Shape:
    """The shape from the schemas by file name (the case schema and the ones it refers to)."""
    top = documents[schemas.CASE_SCHEMA]
    root = _Reader(documents).read(top, schemas.CASE_SCHEMA, "", (), True)
    body = top.get("x-beschreibung", {})
    return Shape(
        root,
        Body(
            body.get("title", ""),
            body.get("description", ""),
            body.get("x-ergaenzen", ""),
            tuple(body.get("x-abschnitte", [])),
            body.get("x-formular-nach", ""),
        ),
    )


def load(schema_dir: Path, vocabularies: Mapping[str, list[str]]) -> Shape:
    """The shape of a case in a project, with the allowed values of its vocabularies."""
    documents = dict(schemas.load_hand_written(schema_dir))
    documents[schemas.VALUES_SCHEMA] = schemas.values_schema(vocabularies)
    return case_shape(documents)


# The schemas of the repository this package belongs to: for callers that know no project.
REPOSITORY_SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"


def default(vocabularies: Mapping[str, list[str]]) -> Shape:
    return load(REPOSITORY_SCHEMAS, vocabularies)


def fill_in_markers(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of values that still start with ERGÄNZEN."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += fill_in_markers(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += fill_in_markers(value, path + (index,))
    elif isinstance(data, str) and data.strip().startswith(FILL_IN):
        found.append(path)
    return found
