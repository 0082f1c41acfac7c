"""Open data of values nobody knows (#14): null in cases.json, an empty cell and a reason column in
cases.csv, dates with their precision, the evidence of the results, provenance and offers; and the
/offene-daten/ page that documents it in every language."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from typing import Any

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.render import opendata, service
from praxis_kb.render.context import Context
from praxis_kb.validate import content, schemas

TODAY = dt.date(2026, 3, 4)
CASE = "runder-tisch-kleinstadt"


def with_unknowns(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a case with unknown, uncertain and noted values of every form the file allows."""
    changed = copy.deepcopy(data)
    changed["status"] = {"wert": "unbekannt", "anmerkung": "zuletzt 2019 dokumentiert"}
    changed["standort"]["gemeindestruktur"] = "unbekannt"
    changed["partizipation"]["stufe"] = "unbekannt"
    first, second = list(changed["kriterien"])[:2]
    changed["kriterien"][first]["stufe"] = {"wert": "unbekannt", "anmerkung": "nicht beurteilbar; keine Quelle"}
    changed["kriterien"][second]["stufe"] = {"wert": 2, "genauigkeit": "strittig"}
    pre = changed["transfer"]["voraussetzungen"]
    pre["personal"]["stunden_pro_monat"] = {"wert": 10, "genauigkeit": "ungefaehr", "anmerkung": "laut Pressebericht"}
    pre["kosten"]["euro_pro_jahr_von"] = "unbekannt"
    pre["politische_rueckendeckung"]["bedarf"] = {"wert": "unbekannt", "anmerkung": "in keiner Quelle erwähnt"}
    changed["zeitraum"] = {"beginn": {"datum": "2016", "jahreszeit": "fruehjahr", "genauigkeit": "ungefaehr"}, "ende": {"datum": "2018", "bis": "2019"}}
    changed["zeitleiste"][0]["datum"] = {"datum": "unbekannt", "anmerkung": "ohne Datum überliefert"}
    changed["kurzbeschreibung"] = "unbekannt"  # a text that reads so is a text, not an unknown value
    changed["angebote"] = [{"art": "sprachcafe"}, {"art": "beratung"}, {"art": "sprachcafe"}]
    return changed


def test_every_unknown_is_null_in_the_json_and_nothing_else_changes(built: model.Model, catalogue: content.Catalogue) -> None:
    source = with_unknowns(catalogue.cases[CASE].source.data)
    kept = copy.deepcopy(source)
    published = opendata.published(built.shape.root, source)
    assert source == kept, "the validator's data must not change"
    assert published["status"] == {"wert": None, "anmerkung": "zuletzt 2019 dokumentiert"}
    assert published["standort"]["gemeindestruktur"] is None and published["partizipation"]["stufe"] is None
    first, second = list(published["kriterien"])[:2]
    assert published["kriterien"][first]["stufe"] == {"wert": None, "anmerkung": "nicht beurteilbar; keine Quelle"}
    assert published["kriterien"][second]["stufe"] == {"wert": 2, "genauigkeit": "strittig"}
    pre = published["transfer"]["voraussetzungen"]
    assert pre["kosten"]["euro_pro_jahr_von"] is None and pre["politische_rueckendeckung"]["bedarf"]["wert"] is None
    assert pre["personal"]["stunden_pro_monat"] == {"wert": 10, "genauigkeit": "ungefaehr", "anmerkung": "laut Pressebericht"}
    assert published["zeitleiste"][0]["datum"] == {"datum": None, "anmerkung": "ohne Datum überliefert"}
    assert published["kurzbeschreibung"] == "unbekannt"
    # Only the unknowns differ: with them put back, it is the source again.
    assert "unbekannt" not in json.dumps({k: v for k, v in published.items() if k != "kurzbeschreibung"}, ensure_ascii=False)


def test_the_published_schema_accepts_the_published_data(built: model.Model, catalogue: content.Catalogue, project: Project) -> None:
    validators = schemas.Validators(project.schema_dir, catalogue.vocabulary_ids())
    published = opendata.published(built.shape.root, with_unknowns(catalogue.cases[CASE].source.data))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validators.case.iter_errors(published)]
    assert not errors


def test_cases_json_publishes_null_for_an_unknown_value(catalogue: content.Catalogue, built: model.Model) -> None:
    changed = copy.deepcopy(catalogue)
    changed.cases[CASE].source.data["status"] = "unbekannt"
    published = {c["id"]: c for c in json.loads(opendata.cases_json(model.build(changed, ("de",)), TODAY))["praxisbeispiele"]}
    before = {c["id"]: c for c in json.loads(opendata.cases_json(built, TODAY))["praxisbeispiele"]}
    assert published[CASE]["daten"]["status"] is None and before[CASE]["daten"]["status"] == "laeuft"
    assert {i: c for i, c in published.items() if i != CASE} == {i: c for i, c in before.items() if i != CASE}


def row_of(built: model.Model, data: dict[str, Any], seasons: dict[str, str] | None = None) -> dict[str, str]:
    return {name: get(data) for name, _, get in opendata.csv_columns(built.shape, seasons)}


def test_an_unknown_value_is_an_empty_cell_with_its_reason_beside_it(built: model.Model, catalogue: content.Catalogue) -> None:
    row = row_of(built, with_unknowns(catalogue.cases[CASE].source.data))
    assert (row["status"], row["status_genauigkeit"], row["status_anmerkung"]) == ("", "", "zuletzt 2019 dokumentiert")
    assert (row["gemeindestruktur"], row["gemeindestruktur_anmerkung"]) == ("", "")  # unknown without a reason
    assert (row["partizipationsstufe"], row["partizipationsstufe_anmerkung"]) == ("", "")
    assert (row["politische_rueckendeckung"], row["politische_rueckendeckung_anmerkung"]) == ("", "in keiner Quelle erwähnt")
    assert (row["kosten_euro_pro_jahr_von"], row["kosten_euro_pro_jahr_von_genauigkeit"]) == ("", "")
    # an estimate stays an estimate, with its note
    assert (row["personal_stunden_pro_monat"], row["personal_stunden_pro_monat_genauigkeit"]) == ("10", "ungefaehr")
    assert row["personal_stunden_pro_monat_anmerkung"] == "laut Pressebericht"
    assert (row["aufbauzeit_monate"], row["aufbauzeit_monate_genauigkeit"], row["aufbauzeit_monate_anmerkung"]) == ("6", "exakt", "")


def test_the_stage_per_criterion_keeps_unknown_stages_and_their_reasons(built: model.Model, catalogue: content.Catalogue) -> None:
    data = with_unknowns(catalogue.cases[CASE].source.data)
    row = row_of(built, data)
    first, second, third = list(data["kriterien"])[:3]
    pairs = dict(pair.split("=") for pair in row["kriterien"].split(";"))
    assert pairs[first] == "" and pairs[second] == "2" and pairs[third] == str(data["kriterien"][third]["stufe"])
    precision = dict(pair.split("=") for pair in row["kriterien_genauigkeit"].split(";"))
    assert first not in precision and precision[second] == "strittig" and precision[third] == "exakt"
    # a ; inside a reason would split the pair: it is written as a comma
    assert row["kriterien_anmerkung"] == f"{first}=nicht beurteilbar, keine Quelle"


def test_dates_keep_their_precision_spans_seasons_and_undated_events(built: model.Model, catalogue: content.Catalogue) -> None:
    data = with_unknowns(catalogue.cases[CASE].source.data)
    row = row_of(built, data, {"fruehjahr": "Frühjahr"})
    assert (row["beginn"], row["beginn_genauigkeit"], row["beginn_anmerkung"]) == ("2016 (Frühjahr)", "ungefaehr", "")
    assert (row["ende"], row["ende_genauigkeit"]) == ("2018/2019", "exakt")
    assert row_of(built, data)["beginn"] == "2016 (fruehjahr)"  # without the labels: the season's id
    data["zeitraum"] = {"beginn": {"datum": "unbekannt", "anmerkung": "nur „seit einigen Jahren“"}}
    row = row_of(built, data)
    assert (row["beginn"], row["beginn_genauigkeit"], row["beginn_anmerkung"]) == ("", "", "nur „seit einigen Jahren“")
    assert (row["ende"], row["ende_genauigkeit"], row["ende_anmerkung"]) == ("", "", "")  # not ended
    data["zeitraum"] = {"beginn": "2017-03"}
    assert row_of(built, data)["beginn_genauigkeit"] == "exakt"


def test_evidence_provenance_and_offers_have_columns(built: model.Model, catalogue: content.Catalogue) -> None:
    data = with_unknowns(catalogue.cases[CASE].source.data)
    row = row_of(built, data)
    assert row["ergebnisse_evidenz"] == ";".join(sorted({r["evidenz"] for r in data["ergebnisse"]}))
    assert row["angebote"] == "beratung;sprachcafe"
    assert (row["herkunft"], row["oeffentlich_benannt"]) == ("erhoben", "false")  # missing: what the schema says it means
    data.update(herkunft="oeffentliche-quellen", oeffentlich_benannt=True)
    row = row_of(built, data)
    assert (row["herkunft"], row["oeffentlich_benannt"]) == ("oeffentliche-quellen", "true")


def test_the_reason_columns_come_from_the_shape(built: model.Model) -> None:
    columns = opendata.csv_columns(built.shape)
    names = [name for name, _, _ in columns]
    may_be_unknown = [f.csv["spalte"] for f in built.shape.fields() if f.csv and (f.may_be_unknown or f.kind == "point")]
    assert may_be_unknown, "the schema no longer marks a column that may be unknown"
    for name in may_be_unknown:
        at = names.index(name)
        assert names[at + 1 : at + 3] == [f"{name}_genauigkeit", f"{name}_anmerkung"], name
    assert not [n for n in names if n.endswith("_anmerkung") and n.removesuffix("_anmerkung") not in may_be_unknown + ["kriterien"]]
    assert len(names) == len(set(names))


def test_cases_csv_writes_the_unknown_as_an_empty_cell(catalogue: content.Catalogue, built: model.Model) -> None:
    changed = copy.deepcopy(catalogue)
    changed.cases[CASE].source.data["status"] = {"wert": "unbekannt", "anmerkung": "=nicht bekannt"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(opendata.cases_csv(model.build(changed, ("de",)))))}
    before = {r["id"]: r for r in csv.DictReader(io.StringIO(opendata.cases_csv(built)))}
    assert rows[CASE]["status"] == "" and rows[CASE]["status_anmerkung"] == "'=nicht bekannt"  # never a formula
    assert (before[CASE]["status"], before[CASE]["status_genauigkeit"], before[CASE]["status_anmerkung"]) == ("laeuft", "exakt", "")
    assert {i: r for i, r in rows.items() if i != CASE} == {i: r for i, r in before.items() if i != CASE}


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk"])
def test_every_column_is_described_and_the_page_explains_null(built: model.Model, lang: str) -> None:
    described = [(name, opendata.column_description(name, german, lang)) for name, german, _ in opendata.csv_columns(built.shape)]
    assert all(text.strip() for _, text in described)
    if lang != "de":  # in the other languages in English, as before
        germans = {name: german for name, german, _ in opendata.csv_columns(built.shape)}
        assert not [name for name, text in described if text == germans[name]], "a column without an English description"
    generated = service.open_data_page(Context(built, lang))
    page = generated.text + "".join(generated.fragments)
    strings = Context(built, lang).t
    csv_text = strings.data_unknown_csv.format(
        note='<code dir="ltr">_anmerkung</code>',
        precision='<code dir="ltr">_genauigkeit</code>',
        span='<code dir="ltr">2018/2019</code>',
        season='<code dir="ltr">2016 (Frühjahr)</code>',
    )
    assert strings.data_unknown_json in page and csv_text in page
    assert '"status": {"wert": null, "anmerkung": "…"}' in page
    assert "<code>status_anmerkung</code>" in page and "<code>beginn_genauigkeit</code>" in page
