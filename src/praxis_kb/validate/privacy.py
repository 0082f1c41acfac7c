"""Warnings about personal data in case texts: e-mail addresses, phone numbers, names, places.

A heuristic, so it warns rather than fails: a contributor or reviewer decides (and may acknowledge a
checked warning under ``gepruefte_hinweise``). Contact data the case publishes with documented
consent (``kontakt.email`` / ``kontakt.telefon`` with ``einwilligung_kontakt: true``) is not
reported; the names of Saxon municipalities only where the case is not ``oeffentlich_benannt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from praxis_kb.load.sources import Document
from praxis_kb.problems import Code, Severity
from praxis_kb.validate.findings import Finding, warning
from praxis_kb.validate.places import place_names

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w/.-])(?:\+\d{2}|0)[\d /()-]{6,}\d(?![\w/])")
NAME = re.compile(r"\b(?:Frau|Herrn?|Familie|Dr\.|Prof\.)\s+(?:[A-ZÄÖÜ]\.\s*)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")
DATE_LIKE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@dataclass(frozen=True)
class Match:
    """Something in a text that looks like personal data."""

    kind: str  # email | phone | name | place
    text: str
    column: int  # 0-based column in the scanned line


def approved_contacts(data: dict[str, Any]) -> set[str]:
    contact = data.get("kontakt") if isinstance(data, dict) else None
    if not isinstance(contact, dict) or contact.get("einwilligung_kontakt") is not True:
        return set()
    return {str(contact[key]).strip() for key in ("email", "telefon") if contact.get(key)}


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


_HAS_DIGIT = re.compile(r"\d")
_NAME_WORD = re.compile(r"Frau|Herr|Familie|Dr\.|Prof\.")


def scan_line(line: str, approved: set[str]) -> Iterator[Match]:
    if "@" in line:
        for match in EMAIL.finditer(line):
            if match.group(0) not in approved:
                yield Match("email", match.group(0), match.start())
    if _HAS_DIGIT.search(line):
        approved_digits = {_digits(a) for a in approved if _digits(a)}
        for match in PHONE.finditer(line):
            number = match.group(0).strip()
            digits = _digits(number)
            if len(digits) >= 7 and not DATE_LIKE.match(number) and digits not in approved_digits:
                yield Match("phone", number, match.start())
    if _NAME_WORD.search(line):
        for match in NAME.finditer(line):
            yield Match("name", match.group(0), match.start())


MESSAGES = {
    "email": (
        Code.PRIVACY_EMAIL,
        "Der Text enthält eine E-Mail-Adresse ({text})",
        "nur die Funktionsadresse der Organisation unter kontakt.email, mit einwilligung_kontakt: true",
    ),
    "phone": (
        Code.PRIVACY_PHONE,
        "Der Text enthält wohl eine Telefonnummer ({text})",
        "nur die Nummer der Organisation unter kontakt.telefon, mit einwilligung_kontakt: true",
    ),
    "name": (
        Code.PRIVACY_NAME,
        "Der Text nennt wohl eine Person mit Namen ({text})",
        "Personen nur mit ihrer Funktion nennen, z. B. „die Koordinatorin“ – nie Namen von Geflüchteten",
    ),
    "place": (
        Code.PRIVACY_PLACE_NAME,
        "Der Text nennt einen sächsischen Ort ({text})",
        "anonymisieren Sie die Angabe, z. B. „eine Kleinstadt im Landkreis“ – oder setzen Sie oeffentlich_benannt: true, wenn die Praxis unter ihrem und dem Namen ihres Ortes öffentlich bekannt ist",
    ),
}
SKIP_FIELDS = {"email", "telefon", "webseite", "url"}


def scan_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Match]]:
    """Matches in the free-text values of the front matter."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SKIP_FIELDS:
                continue
            yield from scan_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from scan_values(value, path + (index,))
    elif isinstance(data, str):
        for finding in scan_line(data, set()):
            yield path, finding


def _warning(match: Match, path: tuple[str | int, ...] | None = None, line: int = 0) -> Finding:
    code, message, hint = MESSAGES[match.kind]
    if line:
        return Finding(code, message.format(text=match.text), hint, severity=Severity.WARNING, line=line, column=match.column + 1)
    return warning(code, message.format(text=match.text), hint, path)


def personal_data(doc: Document, approved: set[str]) -> Iterator[Finding]:
    """Warn about personal data in the front matter's texts and, line by line, in the body."""
    for path, match in scan_values(doc.data):
        if match.text not in approved:
            yield _warning(match, path)
    for offset, line in enumerate(doc.body.split("\n")):
        for match in scan_line(line, approved):
            yield _warning(match, line=doc.body_line + offset)


# -- place names ----------------------------------------------------------------------------------
# Not shown on the site, or no text: where a place name harms nobody.
PLACE_SKIP_FIELDS = SKIP_FIELDS | {"gepruefte_hinweise"}


def publicly_named(data: dict[str, Any]) -> bool:
    """Whether a case may name its place (it is public under its own and its town's name)."""
    return isinstance(data, dict) and data.get("oeffentlich_benannt") is True


def _texts(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in PLACE_SKIP_FIELDS:
                yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def places(doc: Document) -> Iterator[Finding]:
    """Warn where a text of the case (front matter or body) names a Saxon municipality."""
    for path, text in _texts(doc.data):
        for found in place_names(text):
            yield _warning(Match("place", found.text, found.column), path)
    for offset, line in enumerate(doc.body.split("\n")):
        for found in place_names(line):
            yield _warning(Match("place", found.text, found.column), line=doc.body_line + offset)
