"""What a rule reports, and the rules every kind of content file shares.

A rule is a small function: it takes what it checks (a file's data, a document, a catalogue of
names) and yields :class:`Finding`s. It knows nothing of where the file lies or how problems are
reported; ``content.check`` runs the rules, adds file, line and column, and collects the problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.load.strictyaml import Path_
from praxis_kb.problems import Code, Severity


@dataclass(frozen=True)
class Finding:
    """One problem a rule found in the file it looked at."""

    code: Code
    message: str
    hint: str = ""
    # Where in the data: a path is shown as $.a[0].b and gives line and column; () is the whole
    # data ("$"); None names no place in the data (the file, or the front matter as a whole).
    path: Path_ | None = None
    at_key: bool = False  # point at the key that introduces *path*, not at its value
    severity: Severity = Severity.ERROR
    line: int = 0  # an explicit position (in the Markdown body, or 1:1 for the whole file)
    column: int = 0


def warning(code: Code, message: str, hint: str = "", path: Path_ | None = None, *, at_key: bool = False) -> Finding:
    return Finding(code, message, hint, path, at_key, Severity.WARNING)


def suggest(value: str, known: Iterable[str], what: str) -> str:
    """A hint for an unknown name: the closest known one, or the list of known ones."""
    options = sorted(known)
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"meinten Sie '{close[0]}'?"
    return f"{what}: {', '.join(options)}" if options else what


def id_matches_file_name(data: dict[str, Any], stem: str, what: str) -> Iterator[Finding]:
    """The id inside a file is its file name (*what*: the kind of file, for the hint)."""
    value = data.get("id")
    if isinstance(value, str) and value != stem:
        yield Finding(
            Code.ID_NOT_FILE_NAME,
            f"Die Kennung „{value}“ passt nicht zum Dateinamen „{stem}“",
            f"{what}: Kennung und Dateiname müssen gleich sein – ändern Sie eines von beiden",
            ("id",),
        )


# Per-language data that is not shown on the site (a vocabulary entry's other words for it).
NOT_SHOWN = frozenset({"synonyme"})


def labels_in_every_language(data: Any, languages: Iterable[str], path: Path_ = ()) -> Iterator[Finding]:
    """Warn where a multilingual text ({de: …, en: …}) lacks one of the site's languages."""
    if path and path[-1] in NOT_SHOWN:
        return
    if isinstance(data, dict):
        if SOURCE_LANGUAGE in data and all(isinstance(k, str) and len(k) == 2 for k in data):
            for lang in languages:
                if lang not in data:
                    yield warning(Code.LABEL_LANGUAGE_MISSING, f"Übersetzung in „{lang}“ fehlt", "die Website zeigt hier den deutschen Text", path or None)
            return
        for key, value in data.items():
            yield from labels_in_every_language(value, languages, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from labels_in_every_language(value, languages, path + (index,))
