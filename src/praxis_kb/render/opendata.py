"""Open data: the cases as JSON and CSV, the schemas, and an Atom feed per language.

Ids are the stable case ids; the JSON carries the validated German source data unchanged (its
fields are documented by schemas/praxisbeispiel.schema.json) plus the translated texts; the CSV
has one row per case with the columns the schema's ``x-csv`` annotations name (``csv_columns``).
Everything comes from the model: the case files as ``Model.records`` keeps them, the case shape,
and the typed cases for the feeds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.model import Case, Model
from praxis_kb.render.escaping import safe_cell
from praxis_kb.validate.shape import Field, Shape

FORMAT_VERSION = 1
ATOM = "http://www.w3.org/2005/Atom"


def _point(value: Any) -> str:
    return value["datum"] if isinstance(value, dict) else str(value or "")


Getter = Callable[[dict[str, Any]], str]


def _at(data: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at *path*; ``*`` runs over every value of a map or item of a list."""
    found = [data]
    for part in path:
        step: list[Any] = []
        for value in found:
            if part == "*":
                step += list(value.values()) if isinstance(value, dict) else list(value) if isinstance(value, list) else []
            elif isinstance(value, dict) and part in value:
                step.append(value[part])
        found = step
    return found


_FORMATS: dict[str, Callable[[Any], str]] = {
    "boolean": lambda v: "true" if v else "false",
    "number": lambda v: f"{v:g}",
    "point": _point,
}


def _leaf(f: Field) -> Getter:
    """A column for a field: a list joined by ;, the values of every entry of a map or list as a
    sorted set joined by ;, else the value as text."""
    item = f.item if f.kind == "list" and f.item is not None else f
    text = _FORMATS.get(item.kind, str)
    across = "*" in f.path

    def get(data: dict[str, Any]) -> str:
        values = _at(data, f.path)
        if f.kind == "list":
            values = [v for inner in values for v in inner]
        if across:
            return ";".join(sorted({text(v) for v in values}))
        if f.kind == "list":
            return ";".join(text(v) for v in values)
        return text(values[0]) if values else ""

    return get


def _value_at(path: tuple[str, ...]) -> Getter:
    """The value at *path* (one column per key of a map, e.g. a verdict per site type)."""
    return lambda data: str(_at(data, path)[0])


def _pairs_at(path: tuple[str, ...], value: str) -> Getter:
    """A map as key=value pairs, e.g. the stage per criterion."""
    return lambda data: ";".join(f"{key}={entry[value]}" for key, entry in _at(data, path)[0].items())


def csv_columns(case_shape: Shape) -> list[tuple[str, str, Getter]]:
    """(column, German description, getter over the German source data), in the order of the
    schema: every field with an ``x-csv`` annotation (schemas/praxisbeispiel.schema.json). A map
    gives one column per required key (``{schluessel}`` in the name) or ``key=value`` pairs."""
    columns: list[tuple[str, str, Getter]] = []
    for f in case_shape.fields():
        if not f.csv:
            continue
        name, german, wert = f.csv["spalte"], f.csv["beschreibung"], f.csv.get("wert", "")
        if "{schluessel}" in name:
            for key in f.keys:
                columns.append((name.format(schluessel=key), german.format(schluessel=key), _value_at(f.path + (key, wert))))
        elif f.kind == "map":
            columns.append((name, german, _pairs_at(f.path, wert)))
        else:
            columns.append((name, german, _leaf(f)))
    return columns


COLUMN_DESCRIPTIONS_EN = {
    "id": "Stable id (= address praxis/<id>/)",
    "titel": "Title (German)",
    "kurzbeschreibung": "Short summary (German)",
    "illustrativ": "true for invented examples",
    "status": "laeuft (running), beendet (ended) or verstetigt (made permanent)",
    "beginn": "Start (YYYY, YYYY-MM or YYYY-MM-DD)",
    "ende": "End, if ended",
    "zuletzt_geprueft": "Date last verified",
    "standorttyp": "Site type",
    "region": "District, independent city or sachsen",
    "gemeindestruktur": "Municipal structure",
    "handlungsfelder": "Fields of action, separated by ;",
    "akteurstypen": "Types of the actors involved, separated by ;",
    "instrumente": "Kinds of instruments, separated by ;",
    "partizipationsstufe": "Step on the participation ladder",
    "kriterien": "criterion=stage, separated by ;",
    "voraussetzungen_akteure": "Actor types needed, separated by ;",
    "voraussetzungen_ressourcen": "Resources needed, separated by ;",
    "personal_stunden_pro_monat": "Staff time in hours per month",
    "kosten_euro_pro_jahr_von": "Costs per year, lower bound",
    "kosten_euro_pro_jahr_bis": "Costs per year, upper bound",
    "aufbauzeit_monate": "Time to set up in months",
    "politische_rueckendeckung": "Political backing: erforderlich (required), hilfreich (helpful), nicht-erforderlich (not required)",
}


def column_description(name: str, german: str, lang: str) -> str:
    if lang == SOURCE_LANGUAGE:
        return german
    if name.startswith("eignung_"):
        return f"Verdict for {name.removeprefix('eignung_')}"
    return COLUMN_DESCRIPTIONS_EN.get(name, german)


def cases_csv(model: Model) -> str:
    columns = csv_columns(model.shape)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in columns])
    for case_id in sorted(model.records):
        data = model.records[case_id].data
        writer.writerow([safe_cell(getter(data)) for _, _, getter in columns])
    return out.getvalue()


def cases_json(model: Model, generated: dt.date) -> str:
    cases = []
    for case_id in sorted(model.records):
        record = model.records[case_id]
        translations = {lang: {"status": t.status.value, "texte": t.texts, "beschreibung": t.body.strip()} for lang, t in sorted(record.translations.items())}
        cases.append(
            {
                "id": case_id,
                "url": f"praxis/{case_id}/",
                "daten": record.data,
                "beschreibung": record.body.strip(),
                "uebersetzungen": translations,
            }
        )
    payload = {
        "format": FORMAT_VERSION,
        "erzeugt": generated.isoformat(),
        "schema": "praxisbeispiel.schema.json",
        "sprache": SOURCE_LANGUAGE,
        "anzahl": len(cases),
        "praxisbeispiele": cases,
    }
    # Compact: json only uses its fast C encoder without indent (a large collection writes in a
    # fraction of the time); any JSON viewer or `python -m json.tool` shows it indented.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def feed_name(lang: str) -> str:
    """All feeds live at the site root (feed.xml, feed.en.xml, …), next to the one sitemap."""
    return "feed.xml" if lang == SOURCE_LANGUAGE else f"feed.{lang}.xml"


def atom_feed(model: Model, lang: str, site_name: str, feed_title: str) -> str:
    """New and updated cases, newest first; links relative to the site root, where feeds live."""
    ET.register_namespace("", ATOM)
    cases: list[Case] = sorted(model.cases_in(lang), key=lambda c: (c.last_verified, c.id), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = feed_title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:praxis-kb,2026:feed:{lang}"
    newest = cases[0].last_verified if cases else "2026-01-01"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest}T00:00:00Z"
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_name(lang)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{prefix}praxis/"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site_name
    for case in cases:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = case.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:praxis-kb,2026:praxis/{case.id}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{case.last_verified}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{prefix}praxis/{case.id}/"})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = case.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write(site_dir: Path, model: Model, schema_dir: Path, site_name: str, feed_titles: dict[str, str], generated: dt.date) -> None:
    """Write /data/ (JSON, CSV, schemas) and one feed per language into a built site."""
    data = site_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "cases.json").write_text(cases_json(model, generated), encoding="utf-8")
    (data / "cases.csv").write_text(cases_csv(model), encoding="utf-8", newline="")
    for schema in sorted(schema_dir.glob("*.schema.json")):
        shutil.copyfile(schema, data / schema.name)
    for lang in model.languages:
        (site_dir / feed_name(lang)).write_text(atom_feed(model, lang, site_name, feed_titles[lang]), encoding="utf-8")
