"""Names taken from a vocabulary inside a text: ``{stufe:7}``, ``{akteurstypen:fsa}``.

A criterion's or a vocabulary's text that names a step of the participation ladder or an entry of
a vocabulary writes a reference instead of retyping the label; the model puts in the label of the
text's language (``model.build``). So a step has one name per language, on case pages, criterion
pages and in print alike. ``{stufe:N}`` is short for the ladder's step number N; any other
reference is ``{<vocabulary>:<entry id>}``. A translation writes the same references as the German
text, in the place its own grammar puts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.load.strictyaml import Path_
from praxis_kb.problems import Code
from praxis_kb.validate.findings import Finding, suggest, warning

LADDER = "partizipationsstufen"
LADDER_SHORTHAND = "stufe"  # {stufe:7}: the ladder's step 7, by its number

REFERENCE = re.compile(r"\{(?P<vocabulary>[a-z][a-z0-9-]*):(?P<entry>[a-z0-9][a-z0-9-]*)\}")
BRACES = re.compile(r"\{[^{}\n]{0,60}\}")  # anything in braces: a reference, or one mistyped
LABELS = frozenset({"label", "name"})  # a name is where references come from, never where they stand

Labels = Mapping[tuple[str, str], Mapping[str, str]]  # (vocabulary, entry id) → language → label


def ladder_steps(ladder: Mapping[str, Any]) -> dict[str, str]:
    """The ladder's step numbers (as written in a reference) → entry ids."""
    entries = ladder.get("eintraege")
    return {str(e["stufe"]): e["id"] for e in entries if isinstance(e, dict) and "stufe" in e and "id" in e} if isinstance(entries, list) else {}


def target(vocabulary: str, entry: str, steps: Mapping[str, str]) -> tuple[str, str]:
    """The (vocabulary, entry id) a reference names; a step number the ladder lacks stays as written."""
    if vocabulary == LADDER_SHORTHAND:
        return LADDER, steps.get(entry, entry)
    return vocabulary, entry


def resolve(text: str, lang: str, labels: Labels, steps: Mapping[str, str]) -> str:
    """*text* with every reference replaced by its label in *lang* (German where *lang* has none);
    an unknown reference stays as written (validation reports it)."""

    def label(match: re.Match[str]) -> str:
        found = labels.get(target(match["vocabulary"], match["entry"], steps))
        if not found:
            return match.group(0)
        return found.get(lang) or found[SOURCE_LANGUAGE]

    return REFERENCE.sub(label, text) if "{" in text else text


def _texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every multilingual text ({de: …, en: …}) below *data*, with its path."""
    if isinstance(data, dict):
        if isinstance(data.get(SOURCE_LANGUAGE), str) and all(isinstance(k, str) and len(k) == 2 for k in data):
            yield path, data
            return
        for key, value in data.items():
            yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, path + (index,))


def _written(text: str) -> list[str]:
    return sorted(m.group(0) for m in REFERENCE.finditer(text))


def rules(data: Any, vocabularies: Mapping[str, list[str]], steps: Mapping[str, str]) -> Iterator[Finding]:
    """Every reference in a criterion's or vocabulary's texts names an existing entry; a label
    holds none; a translation writes the same references as the German text."""
    for path, text in _texts(data):
        for lang, value in text.items():
            if isinstance(value, str):
                yield from _check_text(value, path + (lang,), vocabularies, steps, in_label=bool(path) and path[-1] in LABELS)
        german = _written(text[SOURCE_LANGUAGE])
        for lang, value in text.items():
            if lang != SOURCE_LANGUAGE and isinstance(value, str) and _written(value) != german:
                yield warning(
                    Code.REFERENCE_TRANSLATION_DIFFERS,
                    f"Die Übersetzung „{lang}“ nennt andere Einträge als der deutsche Text ({', '.join(german) or 'keinen'} – hier: {', '.join(_written(value)) or 'keinen'})",
                    "schreiben Sie in jeder Sprache dieselben Verweise in geschweiften Klammern, nicht die Bezeichnung selbst",
                    path + (lang,),
                )


def _check_text(value: str, path: Path_, vocabularies: Mapping[str, list[str]], steps: Mapping[str, str], *, in_label: bool) -> Iterator[Finding]:
    for found in BRACES.finditer(value):
        match = REFERENCE.fullmatch(found.group(0))
        if match is None:
            yield Finding(
                Code.REFERENCE_MALFORMED,
                f"„{found.group(0)}“ ist kein lesbarer Verweis",
                "ein Verweis lautet {stufe:7} oder {vokabular:kennung}, z. B. {akteurstypen:fsa} – kleingeschrieben, ohne Leerzeichen",
                path,
            )
        elif in_label:
            yield Finding(
                Code.REFERENCE_IN_LABEL, f"Eine Bezeichnung darf keinen Verweis enthalten ({found.group(0)})", "schreiben Sie die Bezeichnung aus", path
            )
        else:
            yield from _known(match, path, vocabularies, steps)


def _known(match: re.Match[str], path: Path_, vocabularies: Mapping[str, list[str]], steps: Mapping[str, str]) -> Iterator[Finding]:
    vocabulary, entry = match["vocabulary"], match["entry"]
    if vocabulary == LADDER_SHORTHAND:
        if entry not in steps:
            known = ", ".join(sorted(steps, key=int))
            yield Finding(Code.REFERENCE_UNKNOWN, f"{match.group(0)}: die Stufenleiter hat keine Stufe {entry}", f"Stufen: {known}", path)
        return
    if vocabulary not in vocabularies:
        hint = suggest(vocabulary, [*vocabularies, LADDER_SHORTHAND], "Vokabulare")
        yield Finding(Code.REFERENCE_UNKNOWN, f"{match.group(0)}: ein Vokabular „{vocabulary}“ gibt es nicht", hint, path)
    elif entry not in vocabularies[vocabulary]:
        hint = suggest(entry, vocabularies[vocabulary], f"Einträge in kriterien/vokabulare/{vocabulary}.yml")
        yield Finding(Code.REFERENCE_UNKNOWN, f"{match.group(0)}: das Vokabular „{vocabulary}“ hat keinen Eintrag „{entry}“", hint, path)
