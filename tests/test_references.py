"""One source for every name: criteria and vocabularies take a ladder step's or an entry's label
from its vocabulary ({stufe:7}, {akteurstypen:fsa}), and the ladder's names are the same on case
pages, criterion pages and the printed checklist in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.problems import Code, Severity
from praxis_kb.render import case as case_page
from praxis_kb.render import checklist, criteria
from praxis_kb.render.context import Context
from praxis_kb.render.fragments import Page
from praxis_kb.validate import content, references

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("de", "en", "ar", "fa", "uk")
PARTICIPATION = "partizipation-gefluechteter"
STEPS = {"1": "instrumentalisierung", "2": "anweisung", "7": "teilweise-entscheidungskompetenz"}
LABELS = {
    ("partizipationsstufen", "anweisung"): {"de": "Anweisung", "en": "Instruction"},
    ("partizipationsstufen", "teilweise-entscheidungskompetenz"): {"de": "Teilweise Entscheidungskompetenz", "en": "Partial decision-making authority"},
    ("akteurstypen", "fsa"): {"de": "Flüchtlingssozialarbeit"},
}


def test_a_reference_becomes_the_label_of_the_texts_language() -> None:
    assert references.resolve("Stufe 7 ({stufe:7})", "de", LABELS, STEPS) == "Stufe 7 (Teilweise Entscheidungskompetenz)"
    assert references.resolve("step 7 ({stufe:7})", "en", LABELS, STEPS) == "step 7 (Partial decision-making authority)"
    assert references.resolve("{partizipationsstufen:anweisung}", "en", LABELS, STEPS) == "Instruction"
    # a label missing in a language is the German one, as everywhere on the site
    assert references.resolve("{akteurstypen:fsa}", "uk", LABELS, STEPS) == "Flüchtlingssozialarbeit"
    assert references.resolve("no braces", "de", LABELS, STEPS) == "no braces"


def _rules(text: dict[str, str]) -> list[tuple[Code, Severity, str]]:
    vocabularies = {"partizipationsstufen": list(STEPS.values()), "akteurstypen": ["fsa", "jobcenter"]}
    data = {"id": "x", "beschreibung": text}
    return [(f.code, f.severity, f.message) for f in references.rules(data, vocabularies, STEPS)]


def test_references_are_checked() -> None:
    assert _rules({"de": "Stufe {stufe:7} und {akteurstypen:fsa}", "en": "step {stufe:7} and {akteurstypen:fsa}"}) == []
    unknown = _rules({"de": "{stufe:10} {akteurstypen:fsb} {akteurtypen:fsa}"})
    assert [code for code, _, _ in unknown] == [Code.REFERENCE_UNKNOWN] * 3
    assert "keine Stufe 10" in unknown[0][2]
    assert "keinen Eintrag „fsb“" in unknown[1][2]
    assert "Vokabular „akteurtypen“ gibt es nicht" in unknown[2][2]
    malformed = _rules({"de": "{Stufe: 7}"})
    assert [(code, severity) for code, severity, _ in malformed] == [(Code.REFERENCE_MALFORMED, Severity.ERROR)]
    differs = _rules({"de": "Stufe {stufe:7}", "ar": "الدرجة صلاحية جزئية"})
    assert [(code, severity) for code, severity, _ in differs] == [(Code.REFERENCE_TRANSLATION_DIFFERS, Severity.WARNING)]
    in_label = [(f.code, f.path) for f in references.rules({"label": {"de": "{stufe:7}"}}, {}, STEPS)]
    assert in_label == [(Code.REFERENCE_IN_LABEL, ("label", "de"))]


def test_an_unknown_reference_names_file_and_line(sandbox: Project) -> None:
    path = sandbox.criteria_dir / f"{PARTICIPATION}.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("  de:") and "{stufe:6}" in line)
    path.write_text(text.replace("{stufe:6}", "{stufe:12}", 1), encoding="utf-8")
    _, problems = content.check(sandbox)
    found = [p for p in problems.errors if p.code is Code.REFERENCE_UNKNOWN]
    assert len(found) == 1, [p.as_text() for p in problems.errors]
    assert found[0].file == f"kriterien/{PARTICIPATION}.yml" and found[0].line == number
    assert "{stufe:12}" in found[0].as_text() and "Stufen: 1, 2, 3" in found[0].as_text()


def _pairs(data: object, where: str = "") -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    if isinstance(data, dict):
        if isinstance(data.get("de"), str):
            return [(where, data)]
        for key, value in data.items():
            found += _pairs(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _pairs(value, f"{where}[{index}]")
    return found


def test_no_criterion_retypes_a_step_name() -> None:
    """A German criterion or vocabulary text that names a ladder step writes {stufe:N}."""
    ladder = yaml.safe_load((ROOT / "kriterien/vokabulare/partizipationsstufen.yml").read_text(encoding="utf-8"))
    names = [re.compile(rf"\b{re.escape(e['label']['de'])}\b", re.IGNORECASE) for e in ladder["eintraege"]]
    files = [*sorted((ROOT / "kriterien").glob("*.yml")), *sorted((ROOT / "kriterien/vokabulare").glob("*.yml"))]
    retyped = [
        f"{path.name}{where}: „{m.group(0)}“"
        for path in files
        if path.stem != "partizipationsstufen"
        for where, text in _pairs(yaml.safe_load(path.read_text(encoding="utf-8")))
        if not where.endswith((".label", ".name"))
        for name in names
        for m in [name.search(text["de"])]
        if m
    ]
    assert not retyped, "write {stufe:N} instead of the step's name:\n" + "\n".join(retyped)


def test_the_project_writes_its_references_alike_in_every_language(project: Project) -> None:
    _, problems = content.check(project)
    codes = {Code.REFERENCE_UNKNOWN, Code.REFERENCE_MALFORMED, Code.REFERENCE_IN_LABEL, Code.REFERENCE_TRANSLATION_DIFFERS}
    assert not [p.as_text() for p in problems.sorted() if p.code in codes]


@pytest.fixture(scope="module")
def built(project: Project) -> model.Model:
    catalogue, problems = content.check(project)
    assert not problems.errors
    return model.build(catalogue, project.languages)


def _html(page: Page) -> str:
    return (page.text + "".join(page.fragments)).replace("\u00ad", "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ladder_has_one_name_per_step_on_every_page(built: model.Model, lang: str) -> None:
    """Case page (the ladder), criterion page and the printed checklist name each step the same."""
    ctx = Context(built, lang)
    ladder = built.vocab("partizipationsstufen")
    labels = {entry.step: model.pick(entry.label, lang) for entry in ladder.entries.values()}
    criterion = built.criteria[PARTICIPATION]
    criterion_html = _html(criteria.criterion_page(ctx, criterion))
    print_html = _html(checklist.page(ctx))
    with_step = next(c for c in built.cases_in(lang) if c.participation_step.known)
    case_html = _html(case_page.page(ctx, with_step))
    for step, label in labels.items():
        assert label in case_html, f"{lang}: the case page's ladder lacks step {step} „{label}“"
        assert label in criterion_html, f"{lang}: the criterion page lacks step {step} „{label}“"
    for step in (1, 2, 6):  # the checklist prints the criterion's short text and stage descriptions
        assert labels[step] in print_html, f"{lang}: the printed checklist lacks step {step} „{labels[step]}“"
    for html in (criterion_html, print_html, case_html):
        assert "{stufe:" not in html
