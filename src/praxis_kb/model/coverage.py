"""Translation coverage: per language, what is missing and what is not yet reviewed.

Areas: the site's own texts (ui/strings.yml), vocabularies, criteria and cases. Missing texts are
shown in German on the site; the build warns about gaps but does not fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from praxis_kb.validate.content import Catalogue
from praxis_kb.load import filecache
from praxis_kb.load.project import SOURCE_LANGUAGE, UI_DIR

AREAS = ("ui", "vocabularies", "criteria", "cases")


def _statuses(raw: str) -> dict[str, str]:
    data = yaml.safe_load(raw) or {}
    return {str(k): str(v) for k, v in data.items()}


def ui_review_status() -> dict[str, str]:
    """Review status of the site's own texts per language (ui/status.yml)."""
    return filecache.parsed(UI_DIR / "status.yml", _statuses)


@dataclass
class AreaCoverage:
    total: int = 0
    missing: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)

    @property
    def reviewed(self) -> int:
        return self.total - len(self.missing) - len(self.unreviewed)


@dataclass
class LanguageCoverage:
    lang: str
    areas: dict[str, AreaCoverage] = field(default_factory=lambda: {a: AreaCoverage() for a in AREAS})

    @property
    def gaps(self) -> int:
        return sum(len(a.missing) + len(a.unreviewed) for a in self.areas.values())


def _missing_labels(data: Any, lang: str, where: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(data, dict):
        if SOURCE_LANGUAGE in data and all(isinstance(k, str) and len(k) == 2 for k in data):
            return [] if str(data.get(lang, "")).strip() else [where or "$"]
        for key, value in data.items():
            out += _missing_labels(value, lang, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _missing_labels(value, lang, f"{where}[{index}]")
    return out


def compute(catalogue: Catalogue, languages: tuple[str, ...], ui_strings: dict[str, dict[str, str]]) -> list[LanguageCoverage]:
    result = []
    ui_status = ui_review_status()
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        cov = LanguageCoverage(lang)
        ui = cov.areas["ui"]
        for key, texts in ui_strings.items():
            ui.total += 1
            if not str(texts.get(lang, "")).strip():
                ui.missing.append(key)
            elif ui_status.get(lang) != "geprueft":
                ui.unreviewed.append(key)
        for area, docs in (("vocabularies", catalogue.vocabularies), ("criteria", catalogue.criteria)):
            for name, doc in sorted(docs.items()):
                entry = cov.areas[area]
                entry.total += 1
                gaps = _missing_labels(doc.data, lang)
                status = (doc.data.get("uebersetzung") or {}).get(lang)
                if gaps:
                    entry.missing.append(f"{name} ({len(gaps)})")
                elif status != "geprueft":
                    entry.unreviewed.append(name)
        cases = cov.areas["cases"]
        for case_id, files in sorted(catalogue.cases.items()):
            cases.total += 1
            translation = files.translations.get(lang)
            if translation is None:
                cases.missing.append(case_id)
            elif translation.data.get("uebersetzung") != "geprueft":
                cases.unreviewed.append(case_id)
        result.append(cov)
    return result


def summary_lines(coverage: list[LanguageCoverage]) -> list[str]:
    """One warning line per language with gaps, for the build log."""
    lines = []
    for cov in coverage:
        parts = []
        for area, label in (("ui", "Website-Texte"), ("vocabularies", "Vokabulare"), ("criteria", "Kriterien"), ("cases", "Praxisbeispiele")):
            entry = cov.areas[area]
            if entry.missing:
                parts.append(f"{label}: {len(entry.missing)} fehlen")
            if entry.unreviewed:
                parts.append(f"{label}: {len(entry.unreviewed)} ungeprüft")
        if parts:
            lines.append(f"Übersetzung {cov.lang}: " + "; ".join(parts) + " (Einzelheiten: praxis coverage)")
    return lines


def as_dict(coverage: list[LanguageCoverage]) -> dict[str, Any]:
    return {
        cov.lang: {
            area: {"total": entry.total, "reviewed": entry.reviewed, "unreviewed": entry.unreviewed, "missing": entry.missing}
            for area, entry in cov.areas.items()
        }
        for cov in coverage
    }
