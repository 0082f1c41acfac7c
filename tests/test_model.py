"""The typed model: named values instead of vocabulary ids, and what reads it (coverage, open data)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.model import (
    REACTED_TO,
    DatePoint,
    Features,
    Precision,
    Prerequisites,
    Stated,
    Tie,
    TranslationStatus,
    Verdict,
    coverage,
)
from praxis_kb.render import opendata
from praxis_kb.render.strings import Strings, format_point
from praxis_kb.validate import content
from praxis_kb.validate.findings import NOT_SHOWN

PACKAGE = Path(model.__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


def _prerequisites(backing: str) -> Prerequisites:
    return Prerequisites([], [], Stated(0), "", Stated(0), Stated(0), "", Stated(0), Stated(backing), "")


def test_named_values_are_ids_of_their_vocabularies(built: model.Model) -> None:
    assert [s.value for s in TranslationStatus] == list(built.vocab("uebersetzungsstatus").entries)
    assert [p.value for p in Precision] == list(built.vocab("genauigkeiten").entries)
    for vocabulary, ids in REACTED_TO.items():
        for ident in ids:
            assert ident in built.vocab(vocabulary).entries, (vocabulary, ident)


def test_accessors_answer_for_the_value_they_name() -> None:
    assert Verdict("dorf", "nicht-geeignet").is_unsuitable
    assert not Verdict("dorf", "bedingt-geeignet").is_unsuitable and not Verdict("dorf", "geeignet").is_unsuitable
    assert _prerequisites("erforderlich").needs_political_backing
    assert not _prerequisites("hilfreich").needs_political_backing and not _prerequisites("nicht-erforderlich").needs_political_backing
    assert Tie("a", "b", "kooperation", Stated("anlassbezogen")).occasional
    assert not Tie("a", "b", "kooperation", Stated("monatlich")).occasional
    assert not Tie("a", "b", "kooperation", Stated(None)).occasional  # unknown is not "occasional"


def test_dates_carry_their_precision() -> None:
    assert DatePoint("2017").precision is Precision.EXACT
    assert model._date({"datum": "2017", "genauigkeit": "ungefaehr"}) == DatePoint("2017", Precision.APPROXIMATE)
    assert model._date({"datum": "2017", "genauigkeit": "strittig", "anmerkung": "x"}).precision is Precision.DISPUTED
    assert format_point(DatePoint("2017", Precision.APPROXIMATE), "de") == Strings("de").approx.format(date="2017")
    assert format_point(DatePoint("2017", Precision.DISPUTED), "de") == Strings("de").disputed.format(date="2017")
    with pytest.raises(ValueError):
        model._date({"datum": "2017", "genauigkeit": "vielleicht"})


def test_each_case_knows_its_translation_status(built: model.Model, catalogue: content.Catalogue) -> None:
    for case_id, by_lang in built.cases.items():
        files = catalogue.cases[case_id]
        source = by_lang["de"]
        assert source.translation_status is TranslationStatus.REVIEWED and not source.machine_translated and not source.translation_missing
        for lang in built.languages[1:]:
            case = by_lang[lang]
            if lang not in files.translations:
                assert case.translation_missing and not case.machine_translated
            else:
                assert case.translation_status == files.translations[lang].data["uebersetzung"]
                assert case.machine_translated == (case.translation_status is TranslationStatus.MACHINE)
    statuses = {case.translation_status for by_lang in built.cases.values() for case in by_lang.values()}
    assert TranslationStatus.MACHINE in statuses  # the project's cases have machine translations


def test_a_case_without_a_translation_file_is_missing_in_that_language(sandbox: Project) -> None:
    (sandbox.cases_dir / "runder-tisch-kleinstadt.uk.md").unlink()
    catalogue, problems = content.check(sandbox)
    assert not problems.errors
    case = model.build(catalogue, sandbox.languages).cases["runder-tisch-kleinstadt"]["uk"]
    assert case.translation_missing and not case.machine_translated
    assert case.translation_status is TranslationStatus.MISSING
    assert case.title == model.build(catalogue, sandbox.languages).cases["runder-tisch-kleinstadt"]["de"].title  # the German text


def test_site_types_have_typed_features(built: model.Model, catalogue: content.Catalogue) -> None:
    for entry in built.vocab("standorttypen").entries.values():
        raw = next(e for e in catalogue.vocabularies["standorttypen"].data["eintraege"] if e["id"] == entry.id)["merkmale"]
        assert entry.features.potentials == raw["potenziale"] and entry.features.problems == raw["probleme"]
        assert entry.features.all() == raw["potenziale"] + raw["ressourcen"] + raw["probleme"]
    assert Features().all() == []
    assert built.vocab("akteurstypen").entries[next(iter(built.vocab("akteurstypen").entries))].features == Features()


def _language_maps(data: Any) -> int:
    if isinstance(data, dict):
        if "de" in data and all(isinstance(k, str) and len(k) == 2 for k in data):
            return 1
        return sum(_language_maps(v) for k, v in data.items() if k not in NOT_SHOWN)  # other words: not on the site
    if isinstance(data, list):
        return sum(_language_maps(v) for v in data)
    return 0


def test_the_model_keeps_every_multilingual_text(built: model.Model, catalogue: content.Catalogue) -> None:
    # coverage counts the model's texts: none of the files' texts may be left out of it
    for name, doc in catalogue.vocabularies.items():
        assert sum(1 for text in built.vocab(name).texts() if text) == _language_maps(doc.data), name
    for cid, doc in catalogue.criteria.items():
        assert sum(1 for text in built.criteria[cid].texts() if text) == _language_maps(doc.data), cid


def test_coverage_reads_the_model(built: model.Model) -> None:
    before = {c.lang: c for c in coverage.compute(built, {"titel": {"de": "Titel", "en": "Title"}})}
    assert set(before) == set(built.languages[1:])
    assert before["en"].areas["criteria"].missing == [] and before["en"].areas["ui"].total == 1
    criterion_id, criterion = next(iter(built.criteria.items()))
    case_id = next(iter(built.cases))
    changed = dataclasses.replace(
        built,
        criteria={**built.criteria, criterion_id: dataclasses.replace(criterion, name={"de": "Nur deutsch"}, short={"de": "x", "en": " "})},
        vocabularies={
            name: dataclasses.replace(v, review={lang: TranslationStatus.REVIEWED for lang in built.languages[1:]}) if name == "status" else v
            for name, v in built.vocabularies.items()
        },
        cases={
            **built.cases,
            case_id: {
                lang: dataclasses.replace(c, translation_status=TranslationStatus.REVIEWED) if lang == "en" else c for lang, c in built.cases[case_id].items()
            },
        },
    )
    after = {c.lang: c for c in coverage.compute(changed, {})}
    # review is counted per entry (validate/review.py): a criterion's parts, a vocabulary's entries
    assert [f"{criterion_id}: name", f"{criterion_id}: kurz"] == [m for m in after["en"].areas["criteria"].missing if m.startswith(criterion_id)]
    assert f"{criterion_id}: name" not in after["en"].areas["criteria"].unreviewed
    assert f"{criterion_id}: beschreibung" in after["en"].areas["criteria"].unreviewed
    assert not [u for u in after["en"].areas["vocabularies"].unreviewed if u.startswith("status: ")]
    assert "status: laeuft" in before["en"].areas["vocabularies"].unreviewed
    assert case_id not in after["en"].areas["cases"].unreviewed and case_id in before["en"].areas["cases"].unreviewed


def test_open_data_comes_from_the_models_records(built: model.Model, catalogue: content.Catalogue, project: Project) -> None:
    payload = json.loads(opendata.cases_json(built, TODAY))
    for case in payload["praxisbeispiele"]:
        files = catalogue.cases[case["id"]]
        # the source data as it is, but every unknown value is null (tests/test_opendata_unknown.py)
        assert case["daten"] == opendata.published(built.shape.root, files.source.data) and case["beschreibung"] == files.source.body.strip()
        assert sorted(case["uebersetzungen"]) == sorted(files.translations)
        for lang, translation in case["uebersetzungen"].items():
            assert translation["status"] == files.translations[lang].data["uebersetzung"]
            assert "uebersetzung" not in translation["texte"]
    # the open data holds every translation, whichever languages the site is built in
    german_only = model.build(catalogue, ("de",))
    assert opendata.cases_json(german_only, TODAY) == opendata.cases_json(built, TODAY)
    assert opendata.cases_csv(german_only) == opendata.cases_csv(built)
    assert opendata.cases_csv(built).splitlines()[0].startswith("id,titel,")


COMPARED = re.compile(r"""(==|!=|\bis|\bin)\s*\(?\s*["']([a-z-]+)["']|["']([a-z-]+)["']\s*(==|!=)""")


def test_render_code_does_not_compare_with_the_values_the_model_names() -> None:
    named = {ident for ids in REACTED_TO.values() for ident in ids}
    found = []
    for path in sorted((PACKAGE / "render").glob("*.py")) + sorted((PACKAGE / "templates").rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in COMPARED.finditer(line):
                if (match.group(2) or match.group(3)) in named:
                    found.append(f"{path.name}:{number}: {line.strip()}")
    assert not found, "use the model's accessors or enums:\n" + "\n".join(found)
    assert COMPARED.search('if verdict.verdict == "nicht-geeignet":') and COMPARED.search("{% if v.verdict == 'nicht-geeignet' %}")


def test_a_reviewed_translation_is_reviewed_everywhere(catalogue: content.Catalogue, project: Project) -> None:
    changed = copy.deepcopy(catalogue)
    case_id = next(cid for cid, files in sorted(changed.cases.items()) if "en" in files.translations)
    changed.cases[case_id].translations["en"].data["uebersetzung"] = "geprueft"
    built = model.build(changed, project.languages)
    case = built.cases[case_id]["en"]
    assert case.translation_status is TranslationStatus.REVIEWED and not case.machine_translated and not case.translation_missing
    assert built.records[case_id].translations["en"].status is TranslationStatus.REVIEWED
    found = {c.lang: c for c in coverage.compute(built, {})}
    assert case_id not in found["en"].areas["cases"].unreviewed and found["en"].areas["cases"].reviewed == 1
    published = {c["id"]: c for c in json.loads(opendata.cases_json(built, TODAY))["praxisbeispiele"]}
    assert published[case_id]["uebersetzungen"]["en"]["status"] == "geprueft"


def test_statements_read_plain_unknown_and_noted_values() -> None:
    assert model._stated(12) == Stated(12)
    assert model._stated("unbekannt") == Stated(None) and not Stated(None).known
    assert model._stated(None) == Stated(None)  # null, as open data writes it
    noted = model._stated({"wert": 40000, "genauigkeit": "ungefaehr", "anmerkung": "Pressemitteilung"})
    assert noted == Stated(40000, Precision.APPROXIMATE, "Pressemitteilung") and noted.uncertain
    assert model._stated({"wert": "unbekannt", "anmerkung": "nicht veröffentlicht"}) == Stated(None, Precision.EXACT, "nicht veröffentlicht")
    assert model._statement({"text": "Weite Wege", "genauigkeit": "strittig"}) == Stated("Weite Wege", Precision.DISPUTED)


def test_dates_know_their_bounds_for_ordering() -> None:
    assert model._date("2018").bounds() == ("2018-01-01", "2018-12-31")
    assert model._date("2018-02").bounds() == ("2018-02-01", "2018-02-28")
    assert model._date("2020-02").bounds() == ("2020-02-01", "2020-02-29")  # a leap year
    assert model._date({"datum": "2018", "bis": "2019"}).bounds() == ("2018-01-01", "2019-12-31")
    assert model._date({"datum": "unbekannt", "anmerkung": "ohne Datum"}).bounds() == ("", "")
    spring = model._date({"datum": "2016", "jahreszeit": "fruehjahr"})
    assert spring.season == "fruehjahr" and spring.known


def test_periods_say_whether_something_held_on_a_day() -> None:
    since_2019 = model.Period(model._date("2019"))
    assert since_2019.holds_on("2020-06-01") and not since_2019.holds_on("2018-12-31")
    ended = model.Period(model._date("2016"), model._date("2019-03"))
    assert ended.holds_on("2019-03-31") and not ended.holds_on("2019-04-01")
    assert model.Period().holds_on("2000-01-01")
