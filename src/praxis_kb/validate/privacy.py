"""Warnings about personal data in case texts: e-mail addresses, phone numbers, names.

A heuristic, so it warns rather than fails: a contributor or reviewer decides. Contact data the
case publishes with documented consent (``kontakt.email`` / ``kontakt.telefon`` with
``einwilligung_kontakt: true``) is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w/.-])(?:\+\d{2}|0)[\d /()-]{6,}\d(?![\w/])")
NAME = re.compile(r"\b(?:Frau|Herrn?|Familie|Dr\.|Prof\.)\s+(?:[A-ZÄÖÜ]\.\s*)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")
DATE_LIKE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@dataclass(frozen=True)
class Finding:
    kind: str  # email | phone | name
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


def scan_line(line: str, approved: set[str]) -> Iterator[Finding]:
    if "@" in line:
        for match in EMAIL.finditer(line):
            if match.group(0) not in approved:
                yield Finding("email", match.group(0), match.start())
    if _HAS_DIGIT.search(line):
        approved_digits = {_digits(a) for a in approved if _digits(a)}
        for match in PHONE.finditer(line):
            number = match.group(0).strip()
            digits = _digits(number)
            if len(digits) >= 7 and not DATE_LIKE.match(number) and digits not in approved_digits:
                yield Finding("phone", number, match.start())
    if _NAME_WORD.search(line):
        for match in NAME.finditer(line):
            yield Finding("name", match.group(0), match.start())


MESSAGES = {
    "email": ("Der Text enthält eine E-Mail-Adresse ({text})", "nur die Funktionsadresse der Organisation unter kontakt.email, mit einwilligung_kontakt: true"),
    "phone": ("Der Text enthält wohl eine Telefonnummer ({text})", "nur die Nummer der Organisation unter kontakt.telefon, mit einwilligung_kontakt: true"),
    "name": ("Der Text nennt wohl eine Person mit Namen ({text})", "Personen nur mit ihrer Funktion nennen, z. B. „die Koordinatorin“ – nie Namen von Geflüchteten"),
}
SKIP_FIELDS = {"email", "telefon", "webseite", "url"}


def scan_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Finding]]:
    """Findings in the free-text values of the front matter."""
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
