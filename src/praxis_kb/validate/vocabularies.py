"""Rules for the vocabularies (kriterien/vokabulare/<id>.yml), the source of all allowed values."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from praxis_kb.problems import Code
from praxis_kb.validate.findings import (
    Finding,
    id_matches_file_name,
    labels_in_every_language,
    warning,
)

PARTICIPATION = "partizipationsstufen"


def exists(path: Path, name: str) -> Iterator[Finding]:
    """A vocabulary the schemas refer to exists."""
    if not path.exists():
        yield Finding(Code.VOCABULARY_MISSING, f"Das Vokabular „{name}“ fehlt", f"legen Sie kriterien/vokabulare/{name}.yml an")


def unique_ids(data: dict[str, Any]) -> Iterator[Finding]:
    """Each entry id stands once in its vocabulary."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["eintraege"]):
        if entry["id"] in seen:
            yield Finding(
                Code.VOCABULARY_DUPLICATE_ID,
                f"Die Kennung „{entry['id']}“ steht zweimal im Vokabular (zuerst als Eintrag {seen[entry['id']] + 1})",
                "jede Kennung nur einmal vergeben",
                ("eintraege", index, "id"),
            )
        seen.setdefault(entry["id"], index)


def rules(data: dict[str, Any], stem: str, languages: Collection[str]) -> Iterator[Finding]:
    """The rules for a vocabulary whose data the schema accepted."""
    yield from id_matches_file_name(data, stem, "Vokabular")
    yield from unique_ids(data)
    yield from labels_in_every_language(data, languages)


def participation_levels(data: dict[str, Any]) -> Iterator[Finding]:
    """Each participation level has a rank (stufe) and an area (bereich)."""
    entries = data.get("eintraege")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and ("stufe" not in entry or "bereich" not in entry):
            yield Finding(
                Code.VOCABULARY_LEVEL_INCOMPLETE,
                "Jede Partizipationsstufe braucht „stufe“ und „bereich“",
                "z. B. stufe: 6 und bereich: partizipation",
                ("eintraege", index),
            )


def values_schema_current(current: str | None, expected: str) -> Iterator[Finding]:
    """schemas/vokabular-werte.schema.json is what `praxis schema` writes from the vocabularies."""
    if current != expected:
        yield warning(
            Code.VALUES_SCHEMA_STALE,
            "Die Datei ist nicht auf dem Stand der Vokabulare (Editoren schlagen dann alte Werte vor)",
            "führen Sie „praxis schema“ aus und übernehmen Sie die geänderte Datei",
        )
