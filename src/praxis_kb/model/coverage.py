"""Translation coverage: per language, what is missing and what a person has not reviewed yet.

Areas: the site's own texts (ui/strings.yml), vocabularies, criteria and cases. Missing texts are
shown in German on the site; the build warns about gaps but does not fail. Everything is read
from the model (and the site's own texts).

Review is counted per entry (validate/review.py): a UI string, a vocabulary entry, a part of a
criterion, a case's translation. The entries still to review are ordered by reach, as far as the
build knows it – the site counts no visits (it makes no request to another origin), so "most read"
can only mean "shown in most places": the site's own texts first (menus, headings and buttons
stand on many pages), then vocabulary entries by the number of case pages that show them (the
ladder's steps: every case page), then the criteria by the number of cases assessed on them, then
the cases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from praxis_kb.load import filecache
from praxis_kb.load.project import SOURCE_LANGUAGE, UI_DIR
from praxis_kb.model import Model, Reviewed, Text, TranslationStatus
from praxis_kb.validate import references
from praxis_kb.validate.shape import Field

AREAS = ("ui", "vocabularies", "criteria", "cases")
UI_FILE = "src/praxis_kb/ui/strings.yml"
UI_STATUS_FILE = "src/praxis_kb/ui/status.yml"
PER_ENTRY_UI = "je_eintrag"  # ui/status.yml: key → language → status


@dataclass(frozen=True)
class UiReview:
    """ui/status.yml: the status of the site's own texts per language, and per string."""

    default: dict[str, str] = field(default_factory=dict)
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    def status(self, key: str, lang: str) -> str:
        return self.entries.get(key, {}).get(lang) or self.default.get(lang, TranslationStatus.MACHINE)


def _ui_review(raw: str) -> UiReview:
    data = yaml.safe_load(raw) or {}
    marks = data.get(PER_ENTRY_UI) or {}
    default = {str(k): str(v) for k, v in data.items() if k != PER_ENTRY_UI}
    return UiReview(default, {str(key): {str(k): str(v) for k, v in (langs or {}).items()} for key, langs in marks.items()})


def ui_review() -> UiReview:
    """Review status of the site's own texts (ui/status.yml), read again when it changes."""
    return filecache.parsed(UI_DIR / "status.yml", _ui_review)


def ui_review_status() -> dict[str, str]:
    """Review status of the site's own texts per language (ui/status.yml, the file's default)."""
    return ui_review().default


def ui_reviewed(lang: str) -> bool:
    """Whether a person reviewed every one of the site's own texts in *lang*."""
    review = ui_review()
    if review.default.get(lang) == TranslationStatus.REVIEWED:
        return all(marks.get(lang, TranslationStatus.REVIEWED) == TranslationStatus.REVIEWED for marks in review.entries.values())
    return False


@dataclass(frozen=True)
class Pending:
    """One entry nobody has reviewed yet in a language, where a reviewer finds it."""

    area: str  # one of AREAS
    file: str  # the file that holds the translation
    key: str  # the entry: a UI key, a vocabulary entry's id, a part of a criterion, a case
    text: str  # its German text, shortened, so that a reviewer recognises it
    cases: int | None = None  # how many cases name it (vocabularies) or are assessed on it (criteria)


@dataclass
class AreaCoverage:
    total: int = 0
    missing: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)

    @property
    def reviewed(self) -> int:
        return self.total - len(self.missing) - len(self.unreviewed)


@dataclass(frozen=True)
class Group:
    """The entries of one file still to review, in the order of their reach."""

    area: str
    file: str
    entries: list[Pending]


@dataclass
class LanguageCoverage:
    lang: str
    areas: dict[str, AreaCoverage] = field(default_factory=lambda: {a: AreaCoverage() for a in AREAS})

    @property
    def gaps(self) -> int:
        return sum(len(a.missing) + len(a.unreviewed) for a in self.areas.values())

    @property
    def unreviewed_count(self) -> int:
        return sum(len(a.pending) for a in self.areas.values())

    def queue(self) -> list[Group]:
        """What is still to review, most-read first (see the module's docstring): by area, and
        within an area by the number of cases, files before their entries in file order."""
        groups: list[Group] = []
        for area in AREAS:
            by_file: dict[str, list[Pending]] = {}
            for item in self.areas[area].pending:
                by_file.setdefault(item.file, []).append(item)
            found = [Group(area, name, sorted(items, key=lambda p: -(p.cases or 0))) for name, items in by_file.items()]
            groups += sorted(found, key=lambda g: (-max(p.cases or 0 for p in g.entries), g.file))
        return groups


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _has(texts: list[Text], lang: str) -> bool:
    """Whether every text given in German has something in *lang*."""
    return all(str(text.get(lang, "")).strip() for text in texts if SOURCE_LANGUAGE in text)


def compute(model: Model, ui_strings: dict[str, dict[str, str]]) -> list[LanguageCoverage]:
    """Coverage of every language of the model but the source language."""
    named = vocabulary_uses(model)
    assessed = Counter(a.criterion for by_lang in model.cases.values() for a in by_lang[SOURCE_LANGUAGE].assessments)
    result = []
    for lang in model.languages:
        if lang == SOURCE_LANGUAGE:
            continue
        cov = LanguageCoverage(lang)
        _ui(cov.areas["ui"], ui_strings, lang)
        for name, vocabulary in sorted(model.vocabularies.items()):
            # every case page draws the whole ladder, its nine labels included (render/case.py)
            every = len(model.cases) if name == references.LADDER else 0
            uses = {key: every or named[(name, key)] for key, _ in vocabulary.units()}
            uses.update({own: max(uses.values(), default=0) for own in ("name", "beschreibung")})
            _entries(cov.areas["vocabularies"], f"kriterien/vokabulare/{name}.yml", name, vocabulary, lang, uses)
        for cid, criterion in model.criteria.items():
            _entries(cov.areas["criteria"], f"kriterien/{cid}.yml", cid, criterion, lang, {key: assessed[cid] for key, _ in criterion.units()})
        _cases(cov.areas["cases"], model, lang)
        result.append(cov)
    return result


def _ui(area: AreaCoverage, ui_strings: dict[str, dict[str, str]], lang: str) -> None:
    review = ui_review()
    for key, texts in ui_strings.items():
        area.total += 1
        if not str(texts.get(lang, "")).strip():
            area.missing.append(key)
        elif review.status(key, lang) != TranslationStatus.REVIEWED:
            area.unreviewed.append(key)
            area.pending.append(Pending("ui", UI_FILE, key, _short(texts.get(SOURCE_LANGUAGE, ""))))


def _entries(area: AreaCoverage, file: str, name: str, item: Reviewed, lang: str, uses: dict[str, int]) -> None:
    """A vocabulary's or criterion's entries: each missing, unreviewed or reviewed."""
    for key, texts in item.units():
        area.total += 1
        if not _has(texts, lang):
            area.missing.append(f"{name}: {key}")
        elif item.status(key, lang) is not TranslationStatus.REVIEWED:
            area.unreviewed.append(f"{name}: {key}")
            german = next((str(t[SOURCE_LANGUAGE]) for t in texts if SOURCE_LANGUAGE in t), "")
            area.pending.append(Pending(area_of(file), file, key, _short(german), uses.get(key, 0)))


def area_of(file: str) -> str:
    return "vocabularies" if "/vokabulare/" in file else "criteria"


def _cases(area: AreaCoverage, model: Model, lang: str) -> None:
    for case_id, by_lang in sorted(model.cases.items()):
        area.total += 1
        case = by_lang[lang]
        if case.translation_missing:
            area.missing.append(case_id)
        elif case.translation_status is not TranslationStatus.REVIEWED:
            area.unreviewed.append(case_id)
            area.pending.append(Pending("cases", f"praxis/{case_id}.{lang}.md", case_id, _short(by_lang[SOURCE_LANGUAGE].title)))


def vocabulary_uses(model: Model) -> Counter[tuple[str, str]]:
    """How many cases name each vocabulary entry ((vocabulary, id) → cases), read along the case
    schema's fields that take a vocabulary's values or keys."""
    uses: Counter[tuple[str, str]] = Counter()
    for record in model.records.values():
        uses.update(set(_named(model.shape.root, record.data)))
    return uses


def _named(spec: Field, value: Any) -> Iterator[tuple[str, str]]:
    if spec.vocabulary:
        yield from _values(spec.vocabulary, value)
    if isinstance(value, dict):
        if spec.key_vocabulary:
            yield from ((spec.key_vocabulary, str(k)) for k in value)
        for child in spec.children:
            if child.key in value:
                yield from _named(child, value[child.key])
    if spec.item is not None:
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else []:
            yield from _named(spec.item, item)


def _values(vocabulary: str, value: Any) -> Iterator[tuple[str, str]]:
    """The entries a choice names: a value, a noted statement's value, or a list of values."""
    if isinstance(value, dict):
        value = value.get("wert")
    for one in value if isinstance(value, list) else [value]:
        if isinstance(one, str):
            yield vocabulary, one


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
