"""A strict YAML reader that keeps the position of every value.

PyYAML follows YAML 1.1 and silently turns ``no`` into ``False``, ``01067`` into ``567``, an
unquoted date into a ``date`` object and keeps the last of two duplicate keys; aliases can expand
exponentially. Contributors must never lose data that way, so this module builds values directly
from the parser's event stream:

* plain scalars resolve as in YAML 1.2's core schema, but only ``true``/``false``, ``null``/``~``,
  integers without leading zeros and simple decimals get a type; everything else stays a string;
* anchors, aliases and explicit tags are refused;
* duplicate keys and non-scalar keys are refused;
* every value's and every key's position is recorded (1-based line and column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from praxis_kb.problems import Code, ContentError

try:  # libyaml is much faster; PyYAML's pure-Python parser gives the same events
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Positions:
    """Where each value (and each mapping key) stands in the file."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path_) -> tuple[int, int]:
        """Position of the value at *path*, or of the nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:end]))
            if found:
                return found
        return (1, 1)

    def of_key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that introduces *path* (falls back to the value)."""
        return self.keys.get(tuple(path)) or self.of_value(path)


# A dot before groups of three digits, as German writes thousands: 2.000, 12.500, 1.000.000
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(\.[0-9]{3})+\Z")


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar without YAML 1.1's surprises."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


_SYNTAX_HINTS = (
    ("while scanning an alias", "Beginnt der Text mit *? Dann setzen Sie ihn in Anführungszeichen (YAML liest * am Anfang als Verweis)"),
    ("while scanning an anchor", "Beginnt der Text mit &? Dann setzen Sie ihn in Anführungszeichen (YAML liest & am Anfang als Anker)"),
    ("mapping values are not allowed", "Steht ein Doppelpunkt im Text? Dann setzen Sie den ganzen Text in Anführungszeichen"),
    ("could not find expected ':'", "Jede Zeile braucht die Form „feld: wert“; prüfen Sie Einrückung und Doppelpunkt"),
    ("did not find expected key", "Prüfen Sie die Einrückung: Felder derselben Ebene beginnen in derselben Spalte"),
    ("did not find expected '-' indicator", "Prüfen Sie die Einrückung der Liste: jeder Eintrag beginnt mit „- “ in derselben Spalte"),
    ("found unexpected end of stream", "Ein Anführungszeichen wurde geöffnet, aber nicht geschlossen"),
    ("found character '%' that cannot start any token", "Setzen Sie den Text in Anführungszeichen"),
    ("found character '@' that cannot start any token", "Setzen Sie den Text in Anführungszeichen"),
    ("found character '`' that cannot start any token", "Setzen Sie den Text in Anführungszeichen"),
    ("found undefined alias", "YAML-Verweise (*) sind nicht erlaubt: schreiben Sie den Wert aus"),
)


# "feld: "text "zitat" text"": a quoted value that ends before the line does
_CLOSED_EARLY = re.compile(r"""^\s*(?:-\s+)?[^\s:#"']+:\s+(?P<q>["'])(?:(?!(?P=q)).)*(?P=q)[ \t]*[^\s#]""")


def _quotes_inside(lines: list[str], index: int) -> str:
    """The hint for quotation marks inside a quoted text, if that is what broke the line."""
    for line in lines[max(index - 1, 0) : index + 1]:
        found = _CLOSED_EARLY.match(line)
        if found and found.group("q") == '"':
            return "Im Text stehen Anführungszeichen innerhalb der Anführungszeichen: schreiben Sie innen „…“ (deutsche Anführungszeichen)"
        if found:
            return "Im Text steht ein Apostroph innerhalb der einfachen Anführungszeichen: schreiben Sie ihn doppelt ('') oder setzen Sie den Text in \"…\""
    return ""


def _syntax_error(exc: yaml.YAMLError, text: str, line_offset: int) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    raw = f"{context} {problem}" if context else problem
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
        return ContentError(
            line,
            lines[mark.line].index("\t") + 1,
            "In dieser Zeile steht ein Tabulatorzeichen",
            "Rücken Sie im Kopfbereich nur mit Leerzeichen ein",
            code=Code.YAML_TAB,
        )
    hint = _quotes_inside(lines, mark.line if mark else 0) or next(
        (h for needle, h in _SYNTAX_HINTS if needle in raw), "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile"
    )
    return ContentError(line, column, f"Die Angaben sind kein gültiges YAML ({raw})", hint, code=Code.YAML_SYNTAX)


def load(text: str, *, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document strictly; return the data and the positions of its values.

    *line_offset* is added to every line, for YAML that starts further down a file (front matter).
    Raises :class:`ContentError` for the first problem found.
    """
    builder = _Builder(line_offset)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.take(event)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, line_offset) from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - defensive: deep nesting
        raise ContentError(
            1 + line_offset, 1, f"Die Angaben konnten nicht gelesen werden ({exc})", "Prüfen Sie die Verschachtelung", code=Code.YAML_NESTING
        ) from None
    return builder.root, builder.positions


class _Builder:
    """Builds the data from PyYAML's events, noting where each key and value stands."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.positions = Positions()
        self.stack: list[Any] = []  # containers being built
        self.paths: list[Path_] = []  # path of each container
        self.pending_key: list[str | None] = []  # for mappings: key waiting for its value
        self.key_marks: list[dict[str, int]] = []  # for mappings: line of each key, to name duplicates
        self.root: Any = None
        self.documents = 0

    def pos(self, mark: Any) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def take(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                line, col = self.pos(event.start_mark)
                raise ContentError(
                    line,
                    col,
                    "Hier beginnt ein zweites YAML-Dokument",
                    "Eine Datei enthält genau einen Block mit Angaben; entfernen Sie die zusätzliche Zeile ---",
                    code=Code.YAML_SECOND_DOCUMENT,
                )
        elif isinstance(event, yaml.AliasEvent):
            line, col = self.pos(event.start_mark)
            raise ContentError(
                line,
                col,
                f"YAML-Verweise (*{event.anchor}) sind nicht erlaubt",
                "Schreiben Sie den Wert aus, statt auf einen Anker zu verweisen",
                code=Code.YAML_ALIAS,
            )
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            self.paths.pop()
            self.pending_key.pop()
            self.key_marks.pop()

    def awaiting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1], dict) and self.pending_key[-1] is None

    def scalar(self, event: Any) -> None:
        self.refuse_extras(event)
        if self.awaiting_key() or event.style not in (None, "") or not event.implicit[0]:
            value: Any = event.value  # keys, quoted and block texts stay text
        else:
            if _THOUSANDS.match(event.value):  # "2.000 €" would silently become 2
                line, col = self.pos(event.start_mark)
                raise ContentError(
                    line,
                    col,
                    f"„{event.value}“ ist als Zahl mehrdeutig: der Punkt zählt hier als Komma, nicht als Tausenderpunkt",
                    f"Schreiben Sie Tausender ohne Punkt ({event.value.replace('.', '')}), Kommazahlen mit Punkt (z. B. 2.5)",
                    code=Code.YAML_AMBIGUOUS_NUMBER,
                )
            value = resolve_plain(event.value)
        self.attach(value, event.start_mark)

    def open(self, event: Any) -> None:
        self.refuse_extras(event)
        if self.awaiting_key():
            line, col = self.pos(event.start_mark)
            raise ContentError(line, col, "Ein Feldname muss ein einfacher Text sein", "Schreiben Sie „feld: wert“", code=Code.YAML_COMPLEX_KEY)
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.attach(container, event.start_mark)
        assert path is not None
        self.stack.append(container)
        self.paths.append(path)
        self.pending_key.append(None)
        self.key_marks.append({})

    def refuse_extras(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            line, col = self.pos(event.start_mark)
            raise ContentError(
                line,
                col,
                f"YAML-Anker (&{event.anchor}) sind nicht erlaubt",
                "Schreiben Sie jeden Wert dort aus, wo er gebraucht wird",
                code=Code.YAML_ANCHOR,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!" and not event.implicit[0]):
            line, col = self.pos(event.start_mark)
            raise ContentError(
                line,
                col,
                f"YAML-Typangaben wie „{tag}“ sind nicht erlaubt",
                "Lassen Sie die Angabe mit ! weg; Texte stehen in Anführungszeichen",
                code=Code.YAML_TAG,
            )

    def attach(self, value: Any, start: Any) -> Path_ | None:
        """Put a finished value into its parent; return the path it got (None for a key)."""
        if not self.stack:
            self.root = value
            self.positions.values[()] = self.pos(start)
            return ()
        parent = self.stack[-1]
        if isinstance(parent, list):
            path = self.paths[-1] + (len(parent),)
            parent.append(value)
        else:
            key = self.pending_key[-1]
            if key is None:  # this value is a key
                self.key(value, start)
                return None
            path = self.paths[-1] + (key,)
            parent[key] = value
            self.pending_key[-1] = None
        self.positions.values[path] = self.pos(start)
        return path

    def key(self, value: Any, start: Any) -> None:
        line, col = self.pos(start)
        if not isinstance(value, str):
            raise ContentError(line, col, "Ein Feldname muss ein einfacher Text sein", "Schreiben Sie „feld: wert“", code=Code.YAML_COMPLEX_KEY)
        marks = self.key_marks[-1]
        if value in marks:
            raise ContentError(
                line,
                col,
                f"Das Feld „{value}“ steht zweimal hier (zuerst in Zeile {marks[value]})",
                "Löschen Sie eine der beiden Angaben oder führen Sie sie zusammen",
                path=json_path(self.paths[-1] + (value,)),
                code=Code.YAML_DUPLICATE_KEY,
            )
        marks[value] = line
        self.pending_key[-1] = value
        self.positions.keys[self.paths[-1] + (value,)] = (line, col)


def json_path(path: Path_) -> str:
    """``("a", 0, "b")`` → ``$.a[0].b`` as in check-jsonschema's messages."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out
