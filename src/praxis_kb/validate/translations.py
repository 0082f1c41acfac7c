"""Rules for translations of a case (praxis/<id>.<lang>.md beside praxis/<id>.de.md).

A translation holds only texts, in exactly the shape of its German original, and says how far it
is reviewed (``uebersetzung: geprueft`` or ``maschinell``). Which fields are texts comes from the
schema (``x-uebersetzbar``, see ``schemas.translatable_paths``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.load.strictyaml import Path_
from praxis_kb.problems import Code
from praxis_kb.validate.findings import Finding

TRANSLATION_META = "uebersetzung"
TRANSLATION_STATES = ("geprueft", "maschinell")
PatternTree = dict[Any, Any]


def without_source(case_id: str) -> Finding:
    return Finding(
        Code.TRANSLATION_WITHOUT_SOURCE,
        f"Zu dieser Übersetzung gibt es kein deutsches Original {case_id}.{SOURCE_LANGUAGE}.md",
        "prüfen Sie den Dateinamen der Übersetzung",
    )


def review_status(data: dict[str, Any]) -> Iterator[Finding]:
    """A translation says whether a person has reviewed it."""
    if TRANSLATION_META not in data:
        yield Finding(
            Code.TRANSLATION_STATUS_MISSING,
            "Pflichtangabe „uebersetzung“ fehlt",
            "uebersetzung: maschinell (maschinell übersetzt, noch nicht geprüft) oder uebersetzung: geprueft",
        )
    elif data[TRANSLATION_META] not in TRANSLATION_STATES:
        yield Finding(
            Code.TRANSLATION_STATUS_UNKNOWN,
            f"'{data[TRANSLATION_META]}' ist kein erlaubter Übersetzungsstand",
            "erlaubt: geprueft, maschinell",
            (TRANSLATION_META,),
        )


def texts(data: dict[str, Any], source: Any, patterns: PatternTree) -> Iterator[Finding]:
    """Every value is a translatable, non-empty text that the original has too."""
    for path, value in _leaves({k: v for k, v in data.items() if k != TRANSLATION_META}):
        found = _text(path, value, source, patterns)
        if found:
            yield found


def _text(path: Path_, value: Any, source: Any, patterns: PatternTree) -> Finding | None:
    if not _matches(path, patterns):
        return Finding(
            Code.TRANSLATION_NOT_TRANSLATABLE,
            "Dieses Feld gehört nicht in eine Übersetzung",
            "Übersetzungen enthalten nur Texte; Kennungen, Daten, Zahlen und Auswahlwerte stehen nur im deutschen Original",
            path,
            at_key=True,
        )
    if _get(source, path) is _MISSING:
        return Finding(
            Code.TRANSLATION_NOT_IN_SOURCE,
            "Diese Angabe gibt es im deutschen Original nicht",
            "die Übersetzung folgt genau dem Aufbau des Originals: gleiche Kennungen, höchstens so viele Listeneinträge",
            path,
            at_key=True,
        )
    if not isinstance(value, str):
        return Finding(Code.TRANSLATION_NOT_TEXT, "Hier wird ein übersetzter Text erwartet", "setzen Sie den Text in Anführungszeichen", path)
    if not value.strip():
        return Finding(Code.TRANSLATION_EMPTY, "Der übersetzte Text ist leer", "lassen Sie das Feld weg, dann erscheint das deutsche Original", path)
    return None


def rules(data: dict[str, Any], source: Any, patterns: PatternTree) -> Iterator[Finding]:
    yield from review_status(data)
    yield from texts(data, source, patterns)


def _leaves(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in a translation; an empty {} or [] only keeps a list position free."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, path + (index,))
    else:
        yield path, data


def pattern_tree(patterns: list[tuple[str, ...]]) -> PatternTree:
    """The translatable paths as a tree, so that one walk tests a path against all of them."""
    tree: PatternTree = {}
    for pattern in patterns:
        node = tree
        for part in pattern:
            node = node.setdefault(part, {})
        node[None] = True  # a pattern ends here
    return tree


def _matches(path: Path_, tree: PatternTree) -> bool:
    """Does *path* match one of the patterns in *tree* ("*" = any key or list index)?"""
    nodes = [tree]
    for part in path:
        nodes = [child for node in nodes for child in (node.get(part) if isinstance(part, str) else None, node.get("*")) if child]
        if not nodes:
            return False
    return any(None in node for node in nodes)


_MISSING = object()


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return _MISSING
    return data
