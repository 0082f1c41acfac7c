"""Review status per entry (validate/review.py): a reviewer marks single entries of a vocabulary,
a criterion or the site's own texts; coverage and the translation-status page count entries and
list what is still unreviewed, most-read first."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.model import TranslationStatus, coverage
from praxis_kb.problems import Code
from praxis_kb.render import service
from praxis_kb.render.context import Context
from praxis_kb.render.strings import ui_strings
from praxis_kb.validate import content, review

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = TranslationStatus.REVIEWED


@pytest.fixture(scope="module")
def checked(project: Project) -> content.Catalogue:
    catalogue, problems = content.check(project)
    assert not problems.errors
    return catalogue


def _marked(checked: content.Catalogue, kind: str, name: str, marks: dict[str, dict[str, str]]) -> model.Model:
    catalogue = copy.deepcopy(checked)
    docs = catalogue.vocabularies if kind == "vocabulary" else catalogue.criteria
    docs[name].data[review.PER_ENTRY] = marks
    return model.build(catalogue, catalogue.project.languages)


def test_an_entry_marked_reviewed_is_reviewed_alone(checked: content.Catalogue) -> None:
    built = _marked(checked, "vocabulary", "partizipationsstufen", {"mitbestimmung": {"ar": "geprueft"}})
    ladder = built.vocab("partizipationsstufen")
    assert ladder.status("mitbestimmung", "ar") is REVIEWED
    assert ladder.status("anweisung", "ar") is TranslationStatus.MACHINE and ladder.status("mitbestimmung", "fa") is TranslationStatus.MACHINE
    assert not ladder.reviewed_in("ar") and ladder.page_review()["ar"] is TranslationStatus.MACHINE
    found = {c.lang: c for c in coverage.compute(built, {})}
    assert "partizipationsstufen: mitbestimmung" not in found["ar"].areas["vocabularies"].unreviewed
    assert "partizipationsstufen: mitbestimmung" in found["fa"].areas["vocabularies"].unreviewed
    assert found["ar"].areas["vocabularies"].reviewed == 1


def test_every_entry_marked_is_the_whole_file(checked: content.Catalogue) -> None:
    cid = "partizipation-gefluechteter"
    keys = review.criterion_keys(checked.criteria[cid].data)
    assert keys[:4] == ["name", "kurz", "beschreibung", "herleitung"] and keys[-1] == "stufe-4" and "leitfrage-1" in keys
    built = _marked(checked, "criterion", cid, {key: {"uk": "geprueft"} for key in keys})
    criterion = built.criteria[cid]
    assert [key for key, _ in criterion.units()] == keys
    assert criterion.reviewed_in("uk") and criterion.page_review()["uk"] is REVIEWED and not criterion.reviewed_in("ar")
    # a file reviewed as a whole with one entry taken back (its German changed): that one is open
    catalogue = copy.deepcopy(checked)
    catalogue.criteria[cid].data["uebersetzung"]["uk"] = "geprueft"
    catalogue.criteria[cid].data[review.PER_ENTRY] = {"beschreibung": {"uk": "maschinell"}}
    again = model.build(catalogue, catalogue.project.languages).criteria[cid]
    assert not again.reviewed_in("uk") and again.status("kurz", "uk") is REVIEWED and again.status("beschreibung", "uk") is TranslationStatus.MACHINE


def test_vocabulary_keys_are_its_own_texts_and_its_entries(checked: content.Catalogue) -> None:
    keys = review.vocabulary_keys(checked.vocabularies["status"].data)
    assert keys[:2] == ["name", "beschreibung"] and "laeuft" in keys


def test_an_unknown_entry_names_file_and_line(sandbox: Project) -> None:
    path = sandbox.vocabularies_dir / "partizipationsstufen.yml"
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    path.write_text(text + "uebersetzung_je_eintrag:\n  mitbestimmnug:\n    ar: geprueft\n", encoding="utf-8")
    _, problems = content.check(sandbox)
    found = [p for p in problems.errors if p.code is Code.REVIEW_UNKNOWN_ENTRY]
    assert len(found) == 1 and found[0].file == "kriterien/vokabulare/partizipationsstufen.yml" and found[0].line == lines + 2
    assert "meinten Sie 'mitbestimmung'?" in found[0].as_text()


def test_a_wrong_status_is_refused_by_the_schema(sandbox: Project) -> None:
    path = sandbox.criteria_dir / "transparenz.yml"
    path.write_text(path.read_text(encoding="utf-8") + "uebersetzung_je_eintrag:\n  kurz:\n    ar: ok\n", encoding="utf-8")
    _, problems = content.check(sandbox)
    assert any(p.file == "kriterien/transparenz.yml" and p.code.value.startswith("schema-") for p in problems.errors)


def test_ui_entries_marked_in_status_yml_exist() -> None:
    data = yaml.safe_load((ROOT / "src/praxis_kb/ui/status.yml").read_text(encoding="utf-8")) or {}
    marked = data.get(coverage.PER_ENTRY_UI) or {}
    unknown = sorted(set(marked) - set(ui_strings()))
    assert not unknown, f"src/praxis_kb/ui/status.yml: {coverage.PER_ENTRY_UI} names keys strings.yml does not have: {unknown}"


def test_ui_review_per_entry() -> None:
    parsed = coverage._ui_review("en: maschinell\nar: geprueft\nje_eintrag:\n  site_type:\n    en: geprueft\n    ar: maschinell\n")
    assert parsed.status("site_type", "en") == REVIEWED and parsed.status("site", "en") == TranslationStatus.MACHINE
    assert parsed.status("site_type", "ar") == TranslationStatus.MACHINE and parsed.status("site", "ar") == REVIEWED


@pytest.fixture(scope="module")
def built(checked: content.Catalogue) -> model.Model:
    return model.build(checked, checked.project.languages)


def test_the_queue_is_most_read_first(built: model.Model) -> None:
    queue = {c.lang: c for c in coverage.compute(built, ui_strings())}["fa"].queue()
    areas = [group.area for group in queue]
    assert areas == sorted(areas, key=coverage.AREAS.index), "site texts, vocabularies, criteria, cases"
    assert queue[0].file == coverage.UI_FILE
    vocabularies = [g for g in queue if g.area == "vocabularies"]
    reach = [max(p.cases or 0 for p in g.entries) for g in vocabularies]
    assert reach == sorted(reach, reverse=True)
    ladder = next(g for g in vocabularies if g.file.endswith("partizipationsstufen.yml"))
    assert {p.cases for p in ladder.entries} == {len(built.cases)}, "every case page draws the whole ladder"
    uses = coverage.vocabulary_uses(built)
    fsa = sum(1 for record in built.records.values() if any(a.get("typ") == "fsa" or "fsa" in (a.get("typen") or []) for a in record.data["akteure"].values()))
    assert uses[("akteurstypen", "fsa")] >= fsa > 0
    criteria = [g for g in queue if g.area == "criteria"]
    assessed = [max(p.cases or 0 for p in g.entries) for g in criteria]
    assert assessed == sorted(assessed, reverse=True)


def test_the_status_page_says_what_the_order_means_and_links_the_guide(built: model.Model) -> None:
    found = coverage.compute(built, ui_strings())
    for lang in built.languages:
        ctx = Context(built, lang, coverage=found)
        page = service.coverage_page(ctx)
        html = page.text + "".join(page.fragments)
        assert str(escape(ctx.t.coverage_order)) in html and 'href="../pruefen/"' in html
        assert "<code>mitbestimmung</code>" in html and "partizipationsstufen.yml" in html
        assert (ROOT / "docs" / f"pruefen.{lang}.md").exists()


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk"])
def test_the_reviewers_guide_explains_the_three_steps(lang: str) -> None:
    text = (ROOT / "docs" / f"pruefen.{lang}.md").read_text(encoding="utf-8")
    for needed in ("uebersetzungen/index.md", "Frage oder Hinweis", "impressum.md", review.PER_ENTRY, "geprueft", "je_eintrag", "{stufe:6}"):
        assert needed in text, (lang, needed)
    if lang in ("ar", "fa", "uk"):
        assert "pk-language-notice" in text, "a machine translation says so"
