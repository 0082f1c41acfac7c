"""The schemas: documented for contributors, and fed by the vocabularies alone."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from praxis_kb.cli import main
from praxis_kb.load.project import Project
from praxis_kb.problems import Code
from praxis_kb.validate import content, schemas
from praxis_kb.validate.findings import NOT_SHOWN

HAND_WRITTEN = list(schemas.HAND_WRITTEN)


def properties(schema: Any, path: str = "$", root: Any = None) -> Iterator[tuple[str, dict[str, Any]]]:
    root = schema if root is None else root
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in schema.items():
            if key in ("if", "then", "else"):  # conditions restate properties described elsewhere
                continue
            if key == "allOf":  # a branch that narrows properties a $ref'd branch describes
                described = _described_by_refs(sub, root)
                sub = [{**branch, "properties": {k: v for k, v in branch.get("properties", {}).items() if k not in described}} for branch in sub]
            if isinstance(sub, (dict, list)):
                yield from properties(sub, f"{path}/{key}", root)
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            yield from properties(sub, f"{path}[{index}]", root)


def _described(sub: dict[str, Any], root: Any) -> bool:
    """A property described in place, or by the local definition it refers to."""
    if "description" in sub or "title" in sub:
        return True
    ref = sub.get("$ref", "")
    target = root.get("$defs", {}).get(ref.removeprefix("#/$defs/"), {}) if ref.startswith("#/$defs/") else {}
    return "description" in target or "title" in target


def _described_by_refs(branches: list[Any], root: Any) -> set[str]:
    """Properties that a branch of an allOf describes through a local $ref (#/$defs/…)."""
    names: set[str] = set()
    for branch in branches:
        ref = branch.get("$ref", "") if isinstance(branch, dict) else ""
        if ref.startswith("#/$defs/"):
            target = root["$defs"][ref.removeprefix("#/$defs/")]
            names |= {name for name, sub in target.get("properties", {}).items() if "description" in sub or "title" in sub}
    return names


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_every_property_is_described_for_contributors(project: Project, name: str) -> None:
    schema = json.loads((project.schema_dir / name).read_text(encoding="utf-8"))
    missing = [path for path, sub in properties(schema) if "description" not in sub and "$ref" not in sub]
    missing += [path for path, sub in properties(schema) if "$ref" in sub and not _described(sub, schema)]
    assert not missing, missing


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_vocabulary_references_exist(project: Project, name: str) -> None:
    text = (project.schema_dir / name).read_text(encoding="utf-8")
    referenced = set(re.findall(r"vokabular-werte\.schema\.json#/\$defs/([a-z_-]+)", text))
    catalogue, problems = content.check(project, [])
    generated = schemas.values_schema(catalogue.vocabulary_ids())["$defs"]
    assert referenced <= set(generated), referenced - set(generated)


def test_values_schema_on_disk_is_generated_from_the_vocabularies(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "schema", "--check"]) == 0, capsys.readouterr().out


def test_allowed_values_are_exactly_the_vocabulary_ids(project: Project) -> None:
    generated = json.loads((project.schema_dir / schemas.VALUES_SCHEMA).read_text(encoding="utf-8"))["$defs"]
    for path in sorted(project.vocabularies_dir.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r"^  - id: (\S+)$", text, flags=re.M)
        assert generated[path.stem]["enum"] == ids, path.name


def test_adding_a_vocabulary_entry_makes_it_allowed(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    vocab = sandbox.vocabularies_dir / "standorttypen.yml"
    vocab.write_text(
        vocab.read_text(encoding="utf-8")
        + "  - id: grossstadt\n    label:\n      de: Großstadt\n      en: City\n      ar: مدينة كبيرة\n      fa: کلان‌شهر\n      uk: Велике місто\n",
        encoding="utf-8",
    )
    case = sandbox.cases_dir / "runder-tisch-kleinstadt.de.md"
    case.write_text(case.read_text(encoding="utf-8").replace("standorttyp: kleinstadt", "standorttyp: grossstadt", 1), encoding="utf-8")
    assert main(["--root", str(sandbox.root), "validate", str(case)]) == 1
    out = capsys.readouterr().out
    # the new site type needs a verdict in every case now; the value itself is accepted
    assert "$.standort.standorttyp" not in out
    assert "Pflichtangabe „grossstadt“ fehlt" in out
    assert main(["--root", str(sandbox.root), "schema", "--check"]) == 1
    assert main(["--root", str(sandbox.root), "schema"]) == 0
    assert main(["--root", str(sandbox.root), "schema", "--check"]) == 0


def test_translatable_paths_come_from_the_schema(project: Project) -> None:
    checker_catalogue, _ = content.check(project, [])
    validators = schemas.Validators(project.schema_dir, checker_catalogue.vocabulary_ids())
    paths = schemas.translatable_paths(validators)
    assert ("titel",) in paths
    assert ("akteure", "*", "rolle") in paths
    assert ("transfer", "eignung", "*", "bedingungen") in paths
    assert ("zeitraum", "beginn", "anmerkung") in paths
    assert ("status",) not in paths
    assert ("quellen", "*", "titel") in paths


def test_every_label_exists_in_every_site_language(project: Project) -> None:
    missing = []
    for folder in (project.vocabularies_dir, project.criteria_dir):
        for path in sorted(folder.glob("*.yml")):
            data = content.read_yaml(path).data
            missing += [f"{path.name}: {where}" for where in _missing_languages(data, project.languages)]
    assert not missing, missing[:20]


def _missing_languages(data: Any, languages: tuple[str, ...], where: str = "$") -> Iterator[str]:
    if isinstance(data, dict):
        if "de" in data and all(isinstance(k, str) and len(k) == 2 for k in data):
            for lang in languages:
                if not str(data.get(lang, "")).strip():
                    yield f"{where} ({lang})"
            return
        for key, value in data.items():
            if key not in NOT_SHOWN:  # a value's other words are not shown on the site
                yield from _missing_languages(value, languages, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _missing_languages(value, languages, f"{where}[{index}]")


def test_vocabulary_problems_are_reported(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (sandbox.vocabularies_dir / "haeufigkeiten.yml").unlink()
    status = sandbox.vocabularies_dir / "status.yml"
    text = status.read_text(encoding="utf-8")
    status.write_text(text.replace("  - id: beendet", "  - id: laeuft", 1), encoding="utf-8")
    assert main(["--root", str(sandbox.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "kriterien/vokabulare/haeufigkeiten.yml:1:1: error: Das Vokabular „haeufigkeiten“ fehlt" in out
    assert "kriterien/vokabulare/status.yml:" in out and "Die Kennung „laeuft“ steht zweimal im Vokabular" in out
    catalogue, problems = content.check(sandbox)
    assert [(p.file, p.code) for p in problems.errors] == [
        ("kriterien/vokabulare/haeufigkeiten.yml", Code.VOCABULARY_MISSING),
        ("kriterien/vokabulare/status.yml", Code.VOCABULARY_DUPLICATE_ID),
    ]
    assert not catalogue.criteria and not catalogue.cases  # without every vocabulary nothing else is checked


def test_a_broken_vocabulary_does_not_stop_the_check(sandbox: Project) -> None:
    status = sandbox.vocabularies_dir / "status.yml"
    status.write_text(status.read_text(encoding="utf-8").replace("  - id: beendet", "  - id: laeuft", 1), encoding="utf-8")
    catalogue, problems = content.check(sandbox)
    # the cases are still checked: those with status "beendet" now have a value the vocabulary lacks
    assert {p.code for p in problems.errors} == {Code.VOCABULARY_DUPLICATE_ID, Code.SCHEMA_ENUM}
    assert catalogue.criteria and catalogue.cases


def test_language_configuration_is_read_from_mkdocs_yml(project: Project, tmp_path: Path) -> None:
    assert project.languages[0] == "de"
    assert "en" in project.languages
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - i18n:\n      languages:\n        - locale: en\n        - locale: de\n          default: true\n        - locale: uk\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        encoding="utf-8",
    )
    assert Project(tmp_path).languages == ("de", "en", "uk")


def test_every_site_text_exists_in_every_language(project: Project) -> None:
    from praxis_kb.render import ui_strings

    missing = [f"{key} ({lang})" for key, texts in ui_strings().items() for lang in project.languages if not str(texts.get(lang, "")).strip()]
    assert not missing, missing


def test_label_check_fails_when_a_language_is_missing(sandbox: Project) -> None:
    vocab = sandbox.vocabularies_dir / "status.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("      uk: Триває\n", "", 1), encoding="utf-8")
    data = content.read_yaml(vocab).data
    assert list(_missing_languages(data, sandbox.languages)) == ["$.eintraege[0].label (uk)"]


def _front_matter_files(root: Path) -> Iterator[Path]:
    fixtures = root / "tests" / "fixtures"
    yield from sorted((fixtures / "valid").glob("*.md"))
    yield from sorted((fixtures / "invalid").glob("*/*.md"))
    yield from sorted((root / "praxis").glob("*.md"))


def test_fast_and_explaining_validators_agree_on_every_case(project: Project, root: Path) -> None:
    """jsonschema-rs decides "valid?", jsonschema explains: both must judge each file alike."""
    from praxis_kb.load.sources import ContentError, read_markdown

    catalogue, _ = content.check(project)
    validators = schemas.Validators(project.schema_dir, catalogue.vocabulary_ids())
    judged = disagree = 0
    for path in _front_matter_files(root):
        try:
            data = read_markdown(path).data
        except ContentError:
            continue
        judged += 1
        explained_valid = not any(True for _ in validators.case.explain.iter_errors(data))
        if validators.case.is_valid(data) != explained_valid:
            disagree += 1
            print(path, "jsonschema says valid" if explained_valid else "jsonschema says invalid")
    assert judged > 100
    assert disagree == 0


def test_fast_and_explaining_validators_agree_on_criteria_and_vocabularies(project: Project) -> None:
    from praxis_kb.load.sources import read_yaml

    catalogue, _ = content.check(project)
    validators = schemas.Validators(project.schema_dir, catalogue.vocabulary_ids())
    broken_vocabulary = {"id": "x", "titel": {"de": ""}, "eintraege": "keine Liste"}
    assert not validators.vocabulary.is_valid(broken_vocabulary)
    assert list(validators.vocabulary.iter_errors(broken_vocabulary))
    for path in sorted(project.criteria_dir.glob("*.yml")):
        data = read_yaml(path).data
        assert validators.criterion.is_valid(data), path
        data_without_title = {k: v for k, v in data.items() if k != "name"}
        assert not validators.criterion.is_valid(data_without_title)
        assert list(validators.criterion.explain.iter_errors(data_without_title))


def test_true_in_quotes_is_named_as_text_with_the_fix(sandbox: Project) -> None:
    from praxis_kb.validate import content

    case = sandbox.cases_dir / "runder-tisch-kleinstadt.de.md"
    case.write_text(case.read_text(encoding="utf-8").replace("einwilligung_dokumentiert: true", 'einwilligung_dokumentiert: "true"', 1), encoding="utf-8")
    _, problems = content.check(sandbox, [case])
    [problem] = problems.errors
    assert problem.message == "muss true sein (steht hier der Text 'true')"
    assert problem.hint == "schreiben Sie true ohne Anführungszeichen"
