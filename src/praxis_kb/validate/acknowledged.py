"""Warnings a person has checked: ``gepruefte_hinweise`` in a case.

Some warnings are right to stay: the name of an official in the title of a press release, two
operators who carried a practice together for a while. A case lists each checked warning as
``{feld, art, begruendung}``: the field as the message shows it (``quellen.presse-2019.titel``, with
or without the leading ``$.``; ``beschreibung`` for the text below the front matter), the warning's
code (``privacy-name``) and why it may stay. Such a warning is reported as checked (severity info)
and no longer counts as a warning, in the case file and in its translations. An entry that matches
no warning is itself a warning, so that it cannot hide a later problem in the same field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from praxis_kb.problems import Code, Problem, Severity
from praxis_kb.validate.findings import Finding, suggest, warning

BODY = "beschreibung"  # what a warning in the text below the front matter is acknowledged as
FIELD = "gepruefte_hinweise"


@dataclass(frozen=True)
class Acknowledgement:
    field: str  # normalised: quellen.presse-2019.titel, ergebnisse.0.beschreibung, beschreibung
    code: str
    reason: str


def field_name(path: str) -> str:
    """A field as a contributor may write it, or as a problem names it, in one form."""
    text = path.strip()
    text = text[1:] if text.startswith("$") else text
    return re.sub(r"\[(\d+)\]", r".\1", text).strip(".") or BODY


def entries(data: Any) -> list[Acknowledgement]:
    """The acknowledgements of a case (entries the schema refused are left out)."""
    listed = data.get(FIELD) if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    return [
        Acknowledgement(field_name(item["feld"]), item["art"], str(item.get("begruendung", "")))
        for item in listed
        if isinstance(item, dict) and isinstance(item.get("feld"), str) and isinstance(item.get("art"), str)
    ]


def _matches(problem: Problem, entry: Acknowledgement) -> bool:
    return problem.severity is Severity.WARNING and problem.code.value == entry.code and field_name(problem.path) == entry.field


def apply(problems: Iterable[Problem], files: set[str], acknowledged: list[Acknowledgement]) -> tuple[list[Problem], set[int]]:
    """The problems with every acknowledged warning of *files* marked as checked, and the
    positions of the entries that matched a warning."""
    result: list[Problem] = []
    used: set[int] = set()
    for problem in problems:
        index = next((i for i, entry in enumerate(acknowledged) if problem.file in files and _matches(problem, entry)), None)
        if index is None:
            result.append(problem)
            continue
        used.add(index)
        reason = acknowledged[index].reason
        result.append(replace(problem, severity=Severity.INFO, message=f"Geprüft: {problem.message}", hint=f"Begründung: {reason}" if reason else ""))
    return result, used


def stale(acknowledged: list[Acknowledgement], used: set[int]) -> list[Finding]:
    """An entry that matches no warning (any more)."""
    codes = {code.value for code in Code}
    found = []
    for index, entry in enumerate(acknowledged):
        if index in used:
            continue
        if entry.code in codes:
            message = f"Dieser geprüfte Hinweis passt zu keiner Meldung ({entry.code} bei {entry.field})"
            hint = "wurde die Angabe geändert, löschen Sie den Eintrag; sonst schreiben Sie feld so, wie die Meldung es nennt, z. B. quellen.presse-2019.titel"
            found.append(warning(Code.CASE_ACKNOWLEDGEMENT_STALE, message, hint, (FIELD, index)))
        else:
            hint = suggest(entry.code, codes, "die Art steht am Ende der Meldung in eckigen Klammern, z. B. privacy-name")
            found.append(warning(Code.CASE_ACKNOWLEDGEMENT_STALE, f"„{entry.code}“ ist keine Art von Meldung", hint, (FIELD, index, "art")))
    return found
