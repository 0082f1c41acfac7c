"""Review status per entry: what a native speaker checked, one entry at a time.

A vocabulary or criterion file says per language how far its translations can be trusted
(``uebersetzung: {ar: maschinell}``). A reviewer who checked single entries marks them in
``uebersetzung_je_eintrag`` (``mitbestimmung: {ar: geprueft}``), which wins over the file's status
for those entries. The entries of a file are named here, once, for the rule below, the model and
the translation-status page:

- a vocabulary: ``name`` and ``beschreibung`` (the vocabulary's own texts), then each entry's id;
- a criterion: ``name``, ``kurz``, ``beschreibung``, ``herleitung``, ``leitfrage-1`` …,
  ``stufe-1`` … ``stufe-4`` (a stage's label and description together).

The site's own texts (ui/strings.yml) do the same in ui/status.yml under ``je_eintrag``, keyed by
the string's key; a case's translation is one entry, its file's ``uebersetzung``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from praxis_kb.problems import Code
from praxis_kb.validate.findings import Finding, suggest

PER_ENTRY = "uebersetzung_je_eintrag"
OWN_TEXTS = ("name", "beschreibung")  # a vocabulary's own texts, before its entries
CRITERION_TEXTS = ("name", "kurz", "beschreibung", "herleitung")


def vocabulary_keys(data: dict[str, Any]) -> list[str]:
    """The entries of a vocabulary a reviewer can mark, in file order."""
    entries = data.get("eintraege")
    ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)] if isinstance(entries, list) else []
    return [*OWN_TEXTS, *ids]


def criterion_keys(data: dict[str, Any]) -> list[str]:
    """The parts of a criterion a reviewer can mark, in file order."""
    questions = data.get("leitfragen")
    stages = data.get("stufen")
    return [
        *CRITERION_TEXTS,
        *(f"leitfrage-{n}" for n in range(1, len(questions) + 1 if isinstance(questions, list) else 1)),
        *(f"stufe-{n}" for n in range(1, len(stages) + 1 if isinstance(stages, list) else 1)),
    ]


def known_entries(data: dict[str, Any], keys: Collection[str], what: str) -> Iterator[Finding]:
    """Every entry ``uebersetzung_je_eintrag`` names is one of the file's (*what*: the kind of file)."""
    marked = data.get(PER_ENTRY)
    for key in marked if isinstance(marked, dict) else {}:
        if key not in keys:
            yield Finding(
                Code.REVIEW_UNKNOWN_ENTRY,
                f"„{key}“ ist kein Eintrag dieses {what}s",
                suggest(str(key), keys, "Einträge"),
                (PER_ENTRY, key),
                at_key=True,
            )
