"""Output formats for problems: plain text, JSON and GitHub workflow commands.

The plain text is for contributors and shows no problem codes: a line names file, line, column,
the place in the data, the message and the hint. Programs read the JSON (each problem's ``code``);
the GitHub annotations carry the code in their title, for maintainers and for filtering.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from .problems import Code, Problem, Severity


def _drafts(problems: Sequence[Problem]) -> int:
    """Cases awaiting the team's review (a note; when publishing, an error)."""
    return sum(p.code is Code.CASE_DRAFT and p.severity is Severity.INFO for p in problems)


def _also(acknowledged: int, drafts: int) -> str:
    parts = [f"{acknowledged} {'geprüfter Hinweis' if acknowledged == 1 else 'geprüfte Hinweise'}"] if acknowledged else []
    if drafts:
        parts.append(f"{drafts} Entwurf wartet" if drafts == 1 else f"{drafts} Entwürfe warten")
        parts[-1] += " auf die Prüfung durch das Projektteam"
    return f" ({'; '.join(parts)})" if parts else ""


def summary_line(problems: Sequence[Problem], checked: int) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    drafts = _drafts(problems)
    acknowledged = len(problems) - errors - warnings - drafts
    files = len({p.file for p in problems if p.severity is not Severity.INFO})
    checked = max(checked, files)
    also = _also(acknowledged, drafts)
    if not errors and not warnings:
        return f"Alles in Ordnung: {checked} Dateien geprüft, keine Fehler{also}."
    verdict = "Bitte korrigieren" if errors else "Keine Fehler"
    return f"{verdict}: {errors} Fehler, {warnings} Warnungen in {files} von {checked} Dateien{also}."


def text(problems: Sequence[Problem], checked: int) -> str:
    lines = [p.as_text() for p in problems]
    lines.append(summary_line(problems, checked))
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], checked: int) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    drafts = _drafts(problems)
    payload = {
        "checked_files": checked,
        "errors": errors,
        "warnings": warnings,
        "checked_warnings": len(problems) - errors - warnings - drafts,
        "drafts": drafts,
        "problems": [p.as_dict() for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def escape_data(value: str) -> str:
    """Escape a workflow command's message (GitHub: %, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (additionally ':' and ',')."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(problems: Sequence[Problem], checked: int) -> str:
    """Annotations on the right lines, and the full report in the job's step summary."""
    lines = []
    for p in problems:
        title = f"Praxisbeispiel prüfen: {p.path} [{p.code}]" if p.path else f"Praxisbeispiel prüfen [{p.code}]"
        message = p.message + (f" ({p.hint})" if p.hint else "")
        props = ",".join(f"{key}={escape_property(str(value))}" for key, value in (("file", p.file), ("line", p.line), ("col", p.column), ("title", title)))
        lines.append(f"::{GITHUB_LEVELS[p.severity]} {props}::{escape_data(message)}")
    lines.append(summary_line(problems, checked))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as handle:
            handle.write(markdown_summary(problems, checked))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown_summary(problems: Sequence[Problem], checked: int) -> str:
    out = ["## Prüfung der Praxisbeispiele", "", summary_line(problems, checked), ""]
    if problems:
        out += ["| Datei | Zeile | Art | Feld | Problem | Hinweis |", "|---|---|---|---|---|---|"]
        for p in problems:
            kind = {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung", Severity.INFO: "Geprüft"}[p.severity]
            kind = "Entwurf" if p.code is Code.CASE_DRAFT and p.severity is Severity.INFO else kind
            out.append(f"| {_cell(p.file)} | {p.line}:{p.column} | {kind} | `{_cell(p.path)}` | {_cell(p.message)} | {_cell(p.hint)} |")
    return "\n".join(out) + "\n\n"


REPORTERS: dict[str, Callable[[Sequence[Problem], int], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
