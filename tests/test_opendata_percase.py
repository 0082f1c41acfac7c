"""Open data that scales (#17): one JSON file per case, the same object as its entry in cases.json,
and a small index to choose from; documented on /offene-daten/ in every language."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.render import opendata, service
from praxis_kb.render.context import Context
from praxis_kb.validate import content

TODAY = dt.date(2026, 3, 4)
CASE = "runder-tisch-kleinstadt"


def test_a_case_file_is_its_entry_in_cases_json_with_the_format_in_front(built: model.Model) -> None:
    whole = json.loads(opendata.cases_json(built, TODAY))
    entries = {entry["id"]: entry for entry in whole["praxisbeispiele"]}
    own = json.loads(opendata.case_json(json.dumps(opendata.case_entry(built, CASE), ensure_ascii=False, separators=(",", ":"))))
    assert own == {"format": whole["format"], "schema": whole["schema"], "sprache": "de", **entries[CASE]}
    assert "erzeugt" not in own  # no build date: the file changes only when its case does
    assert set(own["uebersetzungen"]) == set(built.languages) - {"de"}  # every language in one file


def test_cases_json_is_the_same_as_before_the_entries_were_made_one_by_one(built: model.Model) -> None:
    """cases.json joins the entries as text; it must be the JSON of the whole payload."""
    joined = opendata.cases_json(built, TODAY)
    payload = {
        "format": opendata.FORMAT_VERSION,
        "erzeugt": TODAY.isoformat(),
        "schema": "praxisbeispiel.schema.json",
        "sprache": "de",
        "anzahl": len(built.records),
        "praxisbeispiele": [opendata.case_entry(built, case_id) for case_id in sorted(built.records)],
    }
    assert joined == json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_index_names_each_case_its_title_site_type_status_review_and_file(built: model.Model) -> None:
    index = json.loads(opendata.index_json(built, TODAY))
    assert index["anzahl"] == len(built.records) == len(index["praxisbeispiele"])
    assert [entry["id"] for entry in index["praxisbeispiele"]] == sorted(built.records)
    entry = next(e for e in index["praxisbeispiele"] if e["id"] == CASE)
    data = built.records[CASE].data
    assert entry == {
        "id": CASE,
        "titel": data["titel"],
        "standorttyp": data["standort"]["standorttyp"],
        "status": data["status"],
        "zuletzt_geprueft": data["zuletzt_geprueft"],
        "url": f"praxis/{CASE}/",
        "datei": f"data/praxis/{CASE}.json",
    }
    assert set(entry) == {"id", "titel", "standorttyp", "status", "zuletzt_geprueft", "url", "datei"}  # small


def test_the_index_says_null_with_the_reason_for_an_unknown_status(catalogue: content.Catalogue) -> None:
    changed = copy.deepcopy(catalogue)
    changed.cases[CASE].source.data["status"] = {"wert": "unbekannt", "anmerkung": "zuletzt 2019 dokumentiert"}
    entry = next(e for e in json.loads(opendata.index_json(model.build(changed, ("de",)), TODAY))["praxisbeispiele"] if e["id"] == CASE)
    assert entry["status"] == {"wert": None, "anmerkung": "zuletzt 2019 dokumentiert"}
    changed.cases[CASE].source.data["status"] = "unbekannt"
    entry = next(e for e in json.loads(opendata.index_json(model.build(changed, ("de",)), TODAY))["praxisbeispiele"] if e["id"] == CASE)
    assert entry["status"] is None


def test_case_files_are_written_only_when_changed_and_removed_with_their_case(built: model.Model, tmp_path: Path) -> None:
    entries = [json.dumps(opendata.case_entry(built, case_id), ensure_ascii=False, separators=(",", ":")) for case_id in sorted(built.records)]
    folder = tmp_path / "praxis"
    assert opendata.write_case_files(folder, built, entries) == len(entries)
    (folder / "entfernt.json").write_text("{}", encoding="utf-8")  # a case removed since
    assert opendata.write_case_files(folder, built, entries) == 0  # nothing changed, nothing written
    assert not (folder / "entfernt.json").exists()
    assert opendata.write_case_files(folder, built, entries, current=lambda case_id: True) == 0
    (folder / f"{CASE}.json").unlink()
    assert opendata.write_case_files(folder, built, entries, current=lambda case_id: True) == 1  # missing: written


def test_write_puts_the_index_and_every_case_file_into_data(built: model.Model, project: Project, tmp_path: Path) -> None:
    titles = {lang: "Feed" for lang in built.languages}
    opendata.write(tmp_path, built, project.schema_dir, "Praxiswissen", titles, TODAY)
    index = json.loads((tmp_path / opendata.INDEX_FILE).read_text(encoding="utf-8"))
    for entry in index["praxisbeispiele"]:
        own = json.loads((tmp_path / entry["datei"]).read_text(encoding="utf-8"))
        assert own["id"] == entry["id"] and own["url"] == entry["url"]
    assert sorted(path.name for path in (tmp_path / "data" / "praxis").iterdir()) == sorted([*(f"{i}.json" for i in built.records), "index.json"])


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk"])
def test_the_open_data_page_links_the_index_and_a_case_file_in_every_language(built: model.Model, lang: str) -> None:
    page = service.open_data_page(Context(built, lang, today=TODAY))
    html = "".join(page.fragments)
    root = "../" if lang == "de" else "../../"
    assert f'href="{root}data/praxis/index.json"' in html
    assert f'href="{root}data/praxis/{min(built.records)}.json"' in html
    assert '<code dir="ltr">data/praxis/&lt;id&gt;.json</code>' in html  # the path stays left to right in ar and fa
    assert "{path}" not in html
