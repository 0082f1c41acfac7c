"""One way from answers to a case file, shared by `praxis new` and `praxis from-issue`.

``build`` turns what a contributor answered into the case data, walking the shape of a case
(validate/shape.py): an answer wins; a field left open gets its ``x-vorlage`` from the schema, a text
the fill-in marker ``ERGÄNZEN: …``. Nothing is made up for a contributor: what no one answered and
no template covers stays a visible marker. A value research may lack (``may_be_unknown``) that was
not answered always gets a marker that says ``unbekannt`` is an answer too, never a template: no
status, stage, number or frequency passes unnoticed. A date nobody gave is written as an undated
date whose note is the marker. ``write`` turns the data into the file, with YAML
written by ruamel.yaml: free text always quoted (so that no answer changes type: no, 01067, …),
keys and vocabulary values plain, and, for the skeleton, the schema's title and description as a
comment above each field.
"""

from __future__ import annotations

import copy
import re
import textwrap
from collections.abc import Mapping
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from praxis_kb.validate.shape import FILL_IN, MISSING, QUOTED, SCALARS, Field, Shape, fill_in_markers

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/praxisbeispiel.schema.json"
UNKNOWN = "unbekannt"
# Said once in the skeleton, above the first value research may lack.
UNKNOWN_NOTE = (
    "Was niemand weiß, ist kein Fehler: Wo es „– oder unbekannt“ heißt, schreiben Sie unbekannt, "
    'mit Grund so: {wert: unbekannt, anmerkung: "zuletzt 2019 erwähnt"}. Geschätzt oder strittig: '
    '{wert: 12, genauigkeit: ungefaehr, anmerkung: "…"} (genauigkeit: ungefaehr oder strittig).'
)
COMMENT_WIDTH = 96
_REFERENCE = re.compile(r"\{([a-z_.]+)\}\Z")
_PLAIN = re.compile(r"[a-z][a-z0-9-]*\Z")
# Words a YAML 1.1 reader (PyYAML, which reads the content) would not take as a string.
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(word: str) -> str:
    """A word as compared with the vocabularies: lower case, umlauts written out, no punctuation."""
    return re.sub(r"[^a-z0-9]+", " ", word.casefold().translate(_UMLAUTS)).strip()


# What people write when nobody knows (compared folded: „Weiß nicht.“ is "weiss nicht").
UNKNOWN_WORDS = frozenset({"unbekannt", "nicht bekannt", "weiss nicht", "k a"})


def says_unknown(answer: str) -> bool:
    """Whether an answer says that nobody knows: unbekannt, nicht bekannt, weiß nicht, k. A."""
    return fold(answer) in UNKNOWN_WORDS


def is_unknown(value: Any) -> bool:
    """Whether a value says that nobody knows it: ``unbekannt``, or ``{wert: unbekannt, …}``."""
    if isinstance(value, Mapping):
        value = value.get("wert", MISSING)
    return value is None or value == UNKNOWN


class _Builder:
    def __init__(self, shape: Shape, today: str) -> None:
        self.shape = shape
        self.today = today
        self.root: dict[str, Any] = {}

    def expand(self, template: Any) -> Any:
        """A template with ``{heute}``, ``{jahr}`` and ``{path}`` replaced."""
        if isinstance(template, str):
            match = _REFERENCE.match(template)
            if not match:
                return template
            name = match[1]
            if name == "heute":
                return self.today
            if name == "jahr":
                return self.today[:4]
            value: Any = self.root
            for part in name.split("."):
                value = value.get(part, MISSING) if isinstance(value, dict) else MISSING
            keys = isinstance(value, dict) and self.shape.root.find(name).kind == "map"
            return list(value) if keys else copy.deepcopy(value)
        if isinstance(template, list):
            return [self.expand(v) for v in template]
        if isinstance(template, dict):
            return {k: self.expand(v) for k, v in template.items()}
        return template

    def value(self, f: Field, given: Any) -> Any:
        if _empty(given) and not (f.kind == "list" and given == [] and f.min_items == 0):
            given = MISSING if f.may_be_unknown else self.expand(f.template)
        if f.kind == "object":
            return self._object(f, given)
        if f.kind in ("map", "list"):
            assert f.item is not None, f.path
            return self._map(f, f.item, given) if f.kind == "map" else self._list(f, f.item, given)
        assert f.kind in SCALARS, f.path
        if _empty(given):
            return self._open(f)
        return given

    @staticmethod
    def _open(f: Field) -> Any:
        """What stands for a scalar nobody gave: a marker; an undated date with the marker as its note."""
        if f.kind == "boolean":
            return False
        if f.kind == "point":
            return {"datum": UNKNOWN, "anmerkung": f.marker}
        return f.marker

    def _object(self, f: Field, given: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if not f.path:
            self.root = out
        source = given if isinstance(given, Mapping) else {}
        for child in f.children:
            answer = source.get(child.key, MISSING)
            if child.required or not _empty(answer) or answer is MISSING and child.template is not MISSING or _needed(child, out):
                out[child.key] = self.value(child, answer)
        return out

    def _map(self, f: Field, item: Field, given: Any) -> dict[str, Any]:
        if isinstance(given, Mapping):
            entries = dict(given)
            if "*" in entries:  # one answer for every required key
                every = entries.pop("*")
                entries = {key: every for key in f.keys} | entries
        else:
            entries = dict.fromkeys(f.keys, MISSING)
        return {key: self.value(item, v) for key, v in entries.items()}

    def _list(self, f: Field, item: Field, given: Any) -> list[Any]:
        items = given if isinstance(given, list) else [MISSING] if f.min_items else []
        if item.kind in ("text", "string"):  # an open item of a list of texts says what the list is for
            return [f.marker if _empty(v) else v for v in items]
        return [self.value(item, v) for v in items]


def _needed(f: Field, siblings: Mapping[str, Any]) -> bool:
    """Whether a field the schema requires unless other values are unknown is required here (a
    marker there is not unknown: the explanation stays asked for until someone decides)."""
    return bool(f.needed_unless_unknown) and not all(is_unknown(siblings.get(key)) for key in f.needed_unless_unknown)


def build(shape: Shape, given: Mapping[str, Any], today: str) -> dict[str, Any]:
    """The case data from *given* answers (nested like the case; absent or empty = not answered)."""
    return _Builder(shape, today).value(shape.root, given)  # type: ignore[no-any-return]


def open_fields(data: Any, body: str) -> int:
    """How many fill-in markers the case still has (front matter and body)."""
    return len(fill_in_markers(data)) + (1 if body.strip().startswith(FILL_IN) else 0)


def skeleton_body(shape: Shape) -> str:
    parts = [shape.body.marker, *(f"## {heading}" for heading in shape.body.headings)]
    return "\n\n".join(parts) + "\n"


# -- writing ---------------------------------------------------------------------------------


def _scalar(f: Field | None, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    kind = f.kind if f is not None else "text"
    if kind in QUOTED or value.startswith(FILL_IN) or not _PLAIN.match(value) or value in _YAML11_WORDS:
        return DoubleQuotedScalarString(value)
    return value


def _wrap(text: str, indent: int) -> str:
    return "\n".join(textwrap.wrap(text, width=COMMENT_WIDTH - indent, break_on_hyphens=False, break_long_words=False))


_PLAIN_KEYS = frozenset({"genauigkeit", "jahreszeit"})  # vocabulary values inside a date or a statement


def _detail(f: Field, key: str, value: Any) -> Any:
    """One part of a date or of ``{wert, genauigkeit, anmerkung}``: the value as the field writes
    it, ``unbekannt`` and vocabulary values plain, every other text quoted."""
    if key == "wert":
        return _scalar(f, value)
    if key in _PLAIN_KEYS or value == UNKNOWN or not isinstance(value, str):
        return value
    return DoubleQuotedScalarString(value)


class _Writer:
    def __init__(self, comments: bool) -> None:
        self.comments = comments
        self.unknown_explained = False

    def node(self, f: Field | None, value: Any, indent: int, commented: bool) -> Any:
        if f is not None and (f.kind == "point" or f.may_be_unknown) and isinstance(value, dict):
            detailed = CommentedMap()
            for key, v in value.items():
                detailed[key] = _detail(f, key, v)
            return detailed
        if isinstance(value, dict):
            return self._mapping(f, value, indent, commented)
        if isinstance(value, list):
            item = f.item if f is not None else None
            seq = CommentedSeq(self.node(item, v, indent + 4, False) for v in value)
            if item is not None and item.kind in ("id", "choice") or not value:
                seq.fa.set_flow_style()
            return seq
        return _scalar(f, value)

    def _mapping(self, f: Field | None, value: dict[str, Any], indent: int, commented: bool) -> CommentedMap:
        out = CommentedMap()
        known = {c.key: c for c in f.children} if f is not None and f.kind == "object" else {}
        ordered = [k for k in known if k in value] + [k for k in value if k not in known]
        for position, key in enumerate(ordered):
            in_map = f is not None and f.kind == "map"
            child = f.item if in_map and f is not None else known.get(key)
            # In a map, the fields of the first entry are explained; the others look the same.
            out[key] = self.node(child, value[key], indent + 2, commented and (position == 0 or not in_map))
            note = self._note(f, child, position) if self.comments and commented else ""
            if note and child is not None and child.may_be_unknown and not self.unknown_explained:
                self.unknown_explained = True
                note = f"{UNKNOWN_NOTE}\n{note}"
            if note:
                before = "\n".join(_wrap(paragraph, indent) for paragraph in note.split("\n"))
                out.yaml_set_comment_before_after_key(key, before=before, indent=indent)
        return out

    @staticmethod
    def _note(f: Field | None, child: Field | None, position: int) -> str:
        """The comment above a key: what the keys of a map are (once), or what a field is."""
        if f is not None and f.kind == "map" and position == 0:
            return f.key_note
        if f is not None and f.kind == "object" and child is not None:
            return child.comment
        return ""


def front_matter(shape: Shape, data: Mapping[str, Any], comments: bool = False) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 10_000
    out = StringIO()
    yaml.dump(_Writer(comments).node(shape.root, dict(data), 0, True), out)
    return out.getvalue()


def case_file(shape: Shape, data: Mapping[str, Any], body: str, *, comments: bool = False, origin: str = "") -> str:
    """The case as a file: the schema line, the front matter, the Markdown body."""
    head = f"# {origin}\n" if origin else ""
    text = body.strip() or shape.body.marker
    return f"---\n{SCHEMA_LINE}\n{head}{front_matter(shape, data, comments)}---\n\n{text}\n"
