"""Translation coverage: per language, what is missing and what is not yet reviewed.

Areas: the site's own texts (ui/strings.yml), vocabularies, criteria and cases. Missing texts are
shown in German on the site; the build warns about gaps but does not fail. Everything is read
from the model (and the site's own texts).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from praxis_kb.load import filecache
from praxis_kb.load.project import SOURCE_LANGUAGE, UI_DIR
from praxis_kb.model import Criterion, Model, Text, TranslationStatus, Vocabulary

AREAS = ("ui", "vocabularies", "criteria", "cases")


def _statuses(raw: str) -> dict[str, str]:
    data = yaml.safe_load(raw) or {}
    return {str(k): str(v) for k, v in data.items()}


def ui_review_status() -> dict[str, str]:
    """Review status of the site's own texts per language (ui/status.yml)."""
    return filecache.parsed(UI_DIR / "status.yml", _statuses)


def ui_reviewed(lang: str) -> bool:
    """Whether a person reviewed the site's own texts in *lang*."""
    return ui_review_status().get(lang) == TranslationStatus.REVIEWED


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


def _missing(texts: Iterator[Text], lang: str) -> int:
    """How many of the texts (those given in German) have nothing in *lang*."""
    return sum(1 for text in texts if SOURCE_LANGUAGE in text and not str(text.get(lang, "")).strip())


def compute(model: Model, ui_strings: dict[str, dict[str, str]]) -> list[LanguageCoverage]:
    """Coverage of every language of the model but the source language."""
    result = []
    for lang in model.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        cov = LanguageCoverage(lang)
        _ui(cov.areas["ui"], ui_strings, lang)
        _documents(cov.areas["vocabularies"], sorted(model.vocabularies.items()), lang)
        _documents(cov.areas["criteria"], sorted(model.criteria.items()), lang)
        _cases(cov.areas["cases"], model, lang)
        result.append(cov)
    return result


def _ui(area: AreaCoverage, ui_strings: dict[str, dict[str, str]], lang: str) -> None:
    reviewed = ui_reviewed(lang)
    for key, texts in ui_strings.items():
        area.total += 1
        if not str(texts.get(lang, "")).strip():
            area.missing.append(key)
        elif not reviewed:
            area.unreviewed.append(key)


def _documents(area: AreaCoverage, items: list[tuple[str, Vocabulary]] | list[tuple[str, Criterion]], lang: str) -> None:
    """Vocabularies or criteria: a document misses texts, or all are there but unreviewed."""
    for name, item in items:
        area.total += 1
        gaps = _missing(item.texts(), lang)
        if gaps:
            area.missing.append(f"{name} ({gaps})")
        elif not item.reviewed_in(lang):
            area.unreviewed.append(name)


def _cases(area: AreaCoverage, model: Model, lang: str) -> None:
    for case_id, by_lang in sorted(model.cases.items()):
        area.total += 1
        case = by_lang[lang]
        if case.translation_missing:
            area.missing.append(case_id)
        elif case.translation_status is not TranslationStatus.REVIEWED:
            area.unreviewed.append(case_id)


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
