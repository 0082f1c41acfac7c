"""Drafts for the tests (#15): contributions as they arrive, before the team's review.

A complete draft is the issue form of tests/fixtures/issues/sprachcafe.md converted by `praxis
from-issue` (no pruefung, no zuletzt_geprueft); an unfinished one still has places to fill in; a
broken one has a value the schema refuses.
"""

from __future__ import annotations

import re
from pathlib import Path

from praxis_kb.cli import main
from praxis_kb.load.project import Project

ISSUE = Path(__file__).resolve().parent / "fixtures" / "issues" / "sprachcafe.md"
COMPLETE = "sprachcafe-mit-kinderbetreuung-in-der-dorfgemeinschaft"
UNFINISHED = "noch-offen"
BROKEN = "kaputter-entwurf"
# The places left open in the unfinished draft, as `praxis new` writes them.
OPEN = {
    "kurzbeschreibung": "ERGÄNZEN: zwei bis drei Sätze: was, wer, wozu",
    "status": "ERGÄNZEN: laeuft, beendet oder verstetigt – oder unbekannt",
    "  bezeichnung": "ERGÄNZEN: anonymisierte Beschreibung des Standorts, ohne Ortsnamen",
}
BROKEN_VALUE = "  standorttyp: Dorf"


def complete_draft(project: Project) -> Path:
    """A complete contribution awaiting review, as the issue form brings it (again, should the
    repository hold it already)."""
    target = project.cases_dir / f"{COMPLETE}.de.md"
    if not target.exists() or "pruefung:" in target.read_text(encoding="utf-8"):
        assert main(["--root", str(project.root), "from-issue", str(ISSUE), "--ueberschreiben"]) == 0
    return target


def _variant(project: Project, case_id: str, replace: dict[str, str]) -> Path:
    text = complete_draft(project).read_text(encoding="utf-8").replace(f"id: {COMPLETE}\n", f"id: {case_id}\n", 1)
    for key, value in replace.items():
        text, found = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1)
        assert found, key
    target = project.cases_dir / f"{case_id}.de.md"
    target.write_text(text, encoding="utf-8")
    return target


def unfinished_draft(project: Project) -> Path:
    """A draft with places left to fill in."""
    return _variant(project, UNFINISHED, {key: f'"{value}"' for key, value in OPEN.items()})


def broken_draft(project: Project) -> tuple[Path, int]:
    """A draft with a value the schema refuses, and the line it stands on."""
    target = _variant(project, BROKEN, {"  standorttyp": "Dorf"})
    line = target.read_text(encoding="utf-8").split("\n").index(BROKEN_VALUE) + 1
    return target, line
