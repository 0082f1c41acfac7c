"""One way from answers to a case file, shared by `praxis new` and `praxis from-issue`.

``build`` turns what a contributor answered into the case data, walking the shape of a case
(validate/shape.py): an answer wins; a field left open gets its ``x-vorlage`` from the schema, any
other value the fill-in marker ``ERGÄNZEN: …``. Nothing is made up for a contributor: what no one
answered and no template covers stays a visible marker, and the templates hold only structure
(placeholder keys such as akteur-1, an example criterion, the Saxony-wide region) and markers,
never a plausible fact (a type, a verdict, a kind of evidence, a yes or no: the schema lets a
marker stand there, ``may_stay_open``). A value research may lack (``may_be_unknown``) that was
not answered always gets a marker that says ``unbekannt`` is an answer too, never a template: no
status, stage, number or frequency passes unnoticed. A date nobody gave is written as an undated
date whose note is the marker; a list nobody filled in, one marker item. ``write`` turns the data
into the file, with YAML written by ruamel.yaml: free text always quoted (so that no answer
changes type: no, 01067, …), keys and vocabulary values plain, and, for the skeleton, the
schema's title and description as a comment above each field (in every further entry of a map
or list, its title).
"""

from __future__ import annotations

import copy
import re
import textwrap
import unicodedata
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


class _Open:
    def __repr__(self) -> str:
        return "OPEN"


# An answer that says: this value is still to give, write its marker (even where the field is
# optional and no template applies), e.g. the end of an ended practice nobody has named yet.
OPEN: Any = _Open()


def _empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


# Arabic letters as Persian writes them, so that „ي“ and „ی“, „ك“ and „ک“ compare equal.
_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})


def fold(word: str) -> str:
    """A word as compared with the vocabularies: lower case, umlauts written out, accents and
    Arabic vowel marks left off, no punctuation. Letters of every script stay, so that Arabic,
    Persian and Ukrainian words are compared too (not all folded to nothing)."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_UMLAUTS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_PERSIAN)
    return re.sub(r"[\W_]+", " ", text).strip()


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
            if fill_in_markers(value):  # a value still open: the field here gets its own marker
                return MISSING
            keys = isinstance(value, dict) and self.shape.root.find(name).kind == "map"
            return list(value) if keys else copy.deepcopy(value)
        if isinstance(template, list):
            return [self.expand(v) for v in template]
        if isinstance(template, dict):
            return {k: self.expand(v) for k, v in template.items()}
        return template

    def value(self, f: Field, given: Any) -> Any:
        if given is OPEN:
            given = MISSING
        elif _empty(given) and not (f.kind == "list" and given == [] and f.min_items == 0):
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
        if f.kind == "boolean" and not f.may_stay_open:
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
        # a required list nobody filled in gets one open item, even where [] is an answer ("none")
        items = given if isinstance(given, list) else [MISSING] if f.min_items or f.required else []
        if item.kind in SCALARS:  # an open item of a list of values says what the list is for
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


_ABBREVIATION = re.compile(r"\b(\w)\. (\w)\.")  # z. B., d. h., k. A.: kept on one line


def _wrap(text: str, indent: int) -> str:
    kept = _ABBREVIATION.sub("\\1.\u00a0\\2.", text)
    lines = textwrap.wrap(kept, width=COMMENT_WIDTH - indent, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines).replace("\u00a0", " ")


_PLAIN_KEYS = frozenset({"genauigkeit", "jahreszeit"})  # vocabulary values inside a date or a statement


def _detail(f: Field, key: str, value: Any) -> Any:
    """One part of a date or of ``{wert, genauigkeit, anmerkung}``: the value as the field writes
    it, ``unbekannt`` and vocabulary values plain, every other text quoted."""
    if key == "wert":
        return _scalar(f, value)
    if key in _PLAIN_KEYS or value == UNKNOWN or not isinstance(value, str):
        return value
    return DoubleQuotedScalarString(value)


# How much a field is explained: fully (the first entry of a map or list), by its title (every
# further entry: it looks like the first), or not at all (no comments).
FULL, TITLE, SILENT = 2, 1, 0


def _explained(title: str, description: str, say: int) -> str:
    if say == SILENT:
        return ""
    if say == TITLE or not description:
        return title or description
    return f"{title}: {description}" if title else description


class _Writer:
    def __init__(self, comments: bool) -> None:
        self.comments = comments
        self.unknown_explained = False

    def node(self, f: Field | None, value: Any, indent: int, say: int) -> Any:
        say = say if self.comments else SILENT
        if f is not None and (f.kind == "point" or f.may_be_unknown) and isinstance(value, dict):
            return self._detailed(f, value, indent, say)
        if isinstance(value, dict):
            return self._mapping(f, value, indent, say)
        if isinstance(value, list):
            return self._sequence(f, value, indent, say)
        return _scalar(f, value)

    def _detailed(self, f: Field, value: dict[str, Any], indent: int, say: int) -> CommentedMap:
        """A date or a statement written out: each part as the field writes it, explained."""
        detailed = CommentedMap()
        parts = {key: (title, description) for key, title, description in f.details}
        for key, v in value.items():
            detailed[key] = _detail(f, key, v)
            note = _explained(*parts.get(key, ("", "")), say)
            if note:
                detailed.yaml_set_comment_before_after_key(key, before=_wrapped(note, indent), indent=indent)
        return detailed

    def _sequence(self, f: Field | None, value: list[Any], indent: int, say: int) -> CommentedSeq:
        item = f.item if f is not None else None
        seq = CommentedSeq()
        for position, v in enumerate(value):
            here = say if position == 0 else min(say, TITLE)
            entry = self.node(item, v, indent + 2, here)
            seq.append(entry)
            # The comment on the first field of an entry stands above its "- ".
            first = next(iter(entry), None) if isinstance(entry, CommentedMap) else None  # as written: in schema order
            if first is not None and item is not None and item.kind == "object":
                note = self._note(item, first, here)
                if note:
                    seq.yaml_set_comment_before_after_key(position, before=_wrapped(note, indent), indent=indent)
                    entry.ca.items.pop(first, None)
        if item is not None and item.kind in ("id", "choice") or not value:
            seq.fa.set_flow_style()
        return seq

    def _mapping(self, f: Field | None, value: dict[str, Any], indent: int, say: int) -> CommentedMap:
        out = CommentedMap()
        in_map = f is not None and f.kind == "map"
        known = {c.key: c for c in f.children} if f is not None and f.kind == "object" else {}
        ordered = [k for k in known if k in value] + [k for k in value if k not in known]
        for position, key in enumerate(ordered):
            here = min(say, TITLE) if in_map and position else say
            child = f.item if in_map and f is not None else known.get(key)
            out[key] = self.node(child, value[key], indent + 2, here)
            note = self._key_note(f, ordered, position) if in_map and say else self._note(f, key, say)
            if note and child is not None and child.may_be_unknown and not self.unknown_explained:
                self.unknown_explained = True
                note = f"{UNKNOWN_NOTE}\n{note}"
            if note:
                out.yaml_set_comment_before_after_key(key, before=_wrapped(note, indent), indent=indent)
        return out

    @staticmethod
    def _key_note(f: Field | None, keys: list[str], position: int) -> str:
        """Above the keys of a map: what they are (above the first); that every further one looks like it."""
        if position:
            return f"Aufgebaut wie {keys[0]} oben."
        return f.key_note if f is not None else ""

    @staticmethod
    def _note(f: Field | None, key: str, say: int) -> str:
        """The comment above a field of an object: its title and description, or its title."""
        if f is None or f.kind != "object" or not say:
            return ""
        child = next((c for c in f.children if c.key == key), None)
        return _explained(child.title, child.description, say) if child is not None else ""


def _wrapped(note: str, indent: int) -> str:
    return "\n".join(_wrap(paragraph, indent) for paragraph in note.split("\n"))


# Above the skeleton: what to do with it.
SKELETON_HEAD = (
    "Neues Praxisbeispiel. Über jeder Angabe steht, was dorthin gehört. Ersetzen Sie jeden Text, der mit "
    "„ERGÄNZEN:“ beginnt, durch Ihre eigene Angabe – Zahlen, true und false ohne Anführungszeichen. "
    "„praxis validate“ zeigt jede offene Stelle mit ihrer Zeile; veröffentlicht wird das Praxisbeispiel "
    "erst, wenn keine mehr übrig ist."
)


def front_matter(shape: Shape, data: Mapping[str, Any], comments: bool = False) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 10_000
    out = StringIO()
    yaml.dump(_Writer(comments).node(shape.root, dict(data), 0, FULL), out)
    return out.getvalue()


def case_file(shape: Shape, data: Mapping[str, Any], body: str, *, comments: bool = False, origin: str = "") -> str:
    """The case as a file: the schema line, the front matter, the Markdown body."""
    head = f"# {origin}\n" if origin else ""
    if comments:
        head += "".join(f"# {line}\n" for line in _wrap(SKELETON_HEAD, 0).split("\n"))
    text = body.strip() or shape.body.marker
    return f"---\n{SCHEMA_LINE}\n{head}{front_matter(shape, data, comments)}---\n\n{text}\n"
