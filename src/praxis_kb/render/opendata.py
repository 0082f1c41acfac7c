"""Open data: the cases as JSON and CSV, one JSON file per case with a small index, the schemas,
and an Atom feed per language.

Ids are the stable case ids; the JSON carries the validated German source data (its fields are
documented by schemas/praxisbeispiel.schema.json) plus the translated texts, with one change: a
value nobody knows, ``unbekannt`` in the file, is ``null`` (``published``). The CSV has one row per
case with the columns the schema's ``x-csv`` annotations name (``csv_columns``); a value that may be
unknown or uncertain gets two more columns, its precision and its note (for an unknown value, the
reason), derived from the shape. Everything comes from the model: the case files as
``Model.records`` keeps them, the case shape, and the typed cases for the feeds.

The full download grows with the collection (tens of megabytes at a thousand cases), so each case
is also its own file, ``data/praxis/<id>.json``: the same object as its entry in cases.json, with
every language (translations hold only texts; the values are German ids shared by all languages).
``data/praxis/index.json`` lists them with what a reader needs to choose one: id, German title,
site type, status, date of the last review, the page's and the file's address.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.model import UNKNOWN, Case, Model, Precision
from praxis_kb.render.escaping import safe_cell
from praxis_kb.validate.shape import Field, Shape

FORMAT_VERSION = 1
ATOM = "http://www.w3.org/2005/Atom"
CASE_FILES = "praxis"  # below data/: one file per case and index.json
INDEX_FILE = f"data/{CASE_FILES}/index.json"
SCHEMA_NAME = "praxisbeispiel.schema.json"

# A preview keeps each case's open data between rebuilds: reuse(kind, case id, make) returns what
# make() returned last time while the case's files are unchanged (site/incremental.py).
Reuse = Callable[[str, str, Callable[[], str]], str]


def make(kind: str, case_id: str, make: Callable[[], str]) -> str:
    return make()


Getter = Callable[[dict[str, Any]], str]
Seasons = Mapping[str, str]  # season id (jahreszeiten) → its German label


def published(f: Field, value: Any) -> Any:
    """*value* (at field *f*) as open data publishes it: every ``unbekannt`` a value may be is
    ``null``, in the plain form and in ``{wert, anmerkung}``, and an undated date's ``datum``. The
    shape says where a value may be unknown, so a text that happens to read "unbekannt" stays."""
    if f.may_be_unknown:
        if isinstance(value, dict) and value.get("wert") == UNKNOWN:
            return {**value, "wert": None}
        return None if value == UNKNOWN else value
    if f.kind == "point":
        return {**value, "datum": None} if isinstance(value, dict) and value.get("datum") == UNKNOWN else value
    if isinstance(value, dict) and f.kind == "object":
        known = {c.key: c for c in f.children}
        return {k: published(known[k], v) if k in known else v for k, v in value.items()}
    if isinstance(value, dict) and f.kind == "map" and f.item is not None:
        return {k: published(f.item, v) for k, v in value.items()}
    if isinstance(value, list) and f.kind == "list" and f.item is not None:
        return [published(f.item, v) for v in value]
    return value


def _stated(value: Any) -> tuple[Any, str, str]:
    """(value or None when unknown, precision or "" when unknown, note) of a value that may be
    unknown: plain, ``unbekannt``, ``null``, or ``{wert, genauigkeit, anmerkung}``."""
    precision, note = Precision.EXACT.value, ""
    if isinstance(value, dict) and "wert" in value:
        value, precision, note = value["wert"], value.get("genauigkeit", precision), value.get("anmerkung", "")
    if value is None or value == UNKNOWN:
        return None, "", note
    return value, precision, note


def _point(value: Any, seasons: Seasons) -> tuple[str, str, str]:
    """(date as written, precision, note) of a date: "2017", a span "2018/2019", a season
    "2016 (Frühjahr)"; an undated event has no date, only its note."""
    if not isinstance(value, dict):
        return str(value), Precision.EXACT.value, ""
    note = value.get("anmerkung", "")
    if value["datum"] is None or value["datum"] == UNKNOWN:
        return "", "", note
    shown = value["datum"] + (f"/{value['bis']}" if value.get("bis") else "")
    if value.get("jahreszeit"):
        shown += f" ({seasons.get(value['jahreszeit'], value['jahreszeit'])})"
    return shown, value.get("genauigkeit", Precision.EXACT.value), note


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
    "number": lambda v: f"{v:g}" if isinstance(v, int | float) else str(v),  # a marker in an unfinished case: as it is
}


def _leaf(f: Field) -> Getter:
    """A column for a field: a list joined by ;, the values of every entry of a map or list as a
    sorted set joined by ;, else the value as text (an unknown value: empty, left out of a set;
    a missing field: what its ``x-csv`` says a missing field means, ``fehlt``)."""
    item = f.item if f.kind == "list" and f.item is not None else f
    format_ = _FORMATS.get(item.kind, str)
    across = "*" in f.path
    missing = format_(f.csv["fehlt"]) if f.csv and "fehlt" in f.csv else ""

    def text(value: Any) -> str:
        known = _stated(value)[0] if item.may_be_unknown else value
        return "" if known is None else format_(known)

    def get(data: dict[str, Any]) -> str:
        values = _at(data, f.path)
        if f.kind == "list":
            values = [v for inner in values for v in inner]
        if across:
            return ";".join(sorted({text(v) for v in values} - {""}))
        if f.kind == "list":
            return ";".join(text(v) for v in values)
        return text(values[0]) if values else missing

    return get


def _value_at(path: tuple[str, ...]) -> Getter:
    """The value at *path* (one column per key of a map, e.g. a verdict per site type)."""
    return lambda data: str(_at(data, path)[0])


Parts = Callable[[Any], tuple[str, str, str]]  # a value → (as written, precision, note)
_NO_PARTS = ("", "", "")


def _pairs_at(path: tuple[str, ...], value: str, parts: Parts, index: int) -> Getter:
    """A map as key=value pairs, e.g. the stage per criterion: the value (empty when unknown), its
    precision (for known values) or its note (where there is one). A ; inside a note would split
    the pair, so it is written as a comma."""

    def get(data: dict[str, Any]) -> str:
        pairs = ((key, parts(entry[value])) for key, entry in _at(data, path)[0].items())
        return ";".join(f"{key}={shown[index].replace(';', ',')}" for key, shown in pairs if index == 0 or shown[index])

    return get


def _part_at(path: tuple[str, ...], parts: Parts, index: int) -> Getter:
    def get(data: dict[str, Any]) -> str:
        found = _at(data, path)
        return (parts(found[0]) if found else _NO_PARTS)[index]

    return get


def _stated_parts(format_: Callable[[Any], str]) -> Parts:
    def parts(value: Any) -> tuple[str, str, str]:
        known, precision, note = _stated(value)
        return ("" if known is None else format_(known)), precision, note

    return parts


# A value that may be unknown or uncertain: its column, then how precise it is and its note.
UNKNOWN_EMPTY = ("leer, wenn nicht bekannt (der Grund steht dann in {spalte}_anmerkung)", "empty if not known (the reason is then in {spalte}_anmerkung)")
PRECISION_COLUMN = ("{spalte}_genauigkeit", "Genauigkeit von {spalte}: exakt, ungefaehr oder strittig; leer, wenn nicht bekannt")
NOTE_COLUMN = ("{spalte}_anmerkung", "Anmerkung zu {spalte}; ist der Wert nicht bekannt, der Grund")
PAIRS_PRECISION = ("{spalte}_genauigkeit", "Genauigkeit der bekannten Werte von {spalte}: Schlüssel=exakt, ungefaehr oder strittig, durch ; getrennt")
PAIRS_NOTE = ("{spalte}_anmerkung", "Anmerkungen zu {spalte} (bei nicht bekannten Werten der Grund): Schlüssel=Anmerkung, durch ; getrennt")


def _with_parts(name: str, german: str, getters: list[Getter], pairs: bool = False) -> list[tuple[str, str, Getter]]:
    precision, note = (PAIRS_PRECISION, PAIRS_NOTE) if pairs else (PRECISION_COLUMN, NOTE_COLUMN)
    return [
        (name, f"{german}; {UNKNOWN_EMPTY[0].format(spalte=name)}", getters[0]),
        (precision[0].format(spalte=name), precision[1].format(spalte=name), getters[1]),
        (note[0].format(spalte=name), note[1].format(spalte=name), getters[2]),
    ]


def _columns_of(f: Field, seasons: Seasons) -> list[tuple[str, str, Getter]]:
    csv_ = f.csv or {}
    name, german, wert = csv_["spalte"], csv_["beschreibung"], csv_.get("wert", "")
    if "{schluessel}" in name:
        return [(name.format(schluessel=key), german.format(schluessel=key), _value_at(f.path + (key, wert))) for key in f.keys]
    if f.kind == "map" and f.item is not None:
        inner = f.item.find(wert)
        parts = _stated_parts(_FORMATS.get(inner.kind, str))
        if not inner.may_be_unknown:
            return [(name, german, _pairs_at(f.path, wert, parts, 0))]
        return _with_parts(name, german, [_pairs_at(f.path, wert, parts, i) for i in range(3)], pairs=True)
    if f.kind == "point":
        point: Parts = functools.partial(_point, seasons=seasons)
        return _with_parts(name, german, [_part_at(f.path, point, i) for i in range(3)])
    if f.may_be_unknown:
        parts = _stated_parts(_FORMATS.get(f.kind, str))
        return _with_parts(name, german, [_part_at(f.path, parts, i) for i in range(3)])
    return [(name, german, _leaf(f))]


def csv_columns(case_shape: Shape, seasons: Seasons | None = None) -> list[tuple[str, str, Getter]]:
    """(column, German description, getter over the German source data), in the order of the
    schema: every field with an ``x-csv`` annotation (schemas/praxisbeispiel.schema.json). A map
    gives one column per required key (``{schluessel}`` in the name) or ``key=value`` pairs. A date,
    and a value that may be unknown (``Field.may_be_unknown``), is followed by its precision
    (``…_genauigkeit``) and its note (``…_anmerkung``; for an unknown value, the reason). *seasons*
    names the seasons of dates such as "2016 (Frühjahr)" (their ids without it)."""
    columns: list[tuple[str, str, Getter]] = []
    for f in case_shape.fields():
        if f.csv:
            columns += _columns_of(f, seasons or {})
    return columns


COLUMN_DESCRIPTIONS_EN = {
    "id": "Stable id (= address praxis/<id>/)",
    "titel": "Title (German)",
    "kurzbeschreibung": "Short summary (German)",
    "illustrativ": "true for invented examples",
    "herkunft": "erhoben (collected by the research team, with consent) or oeffentliche-quellen (documented from publications)",
    "oeffentlich_benannt": "true if the practice may name its place and organisations",
    "status": "laeuft (running), beendet (ended) or verstetigt (made permanent)",
    "beginn": "Start: YYYY, YYYY-MM or YYYY-MM-DD, a span as YYYY/YYYY, a season as YYYY (Frühjahr)",
    "ende": "End, if ended, written like beginn",
    "zuletzt_geprueft": "Date last verified",
    "standorttyp": "Site type",
    "region": "District, independent city or sachsen",
    "gemeindestruktur": "Municipal structure",
    "handlungsfelder": "Fields of action, separated by ;",
    "akteurstypen": "Types of the actors involved, separated by ;",
    "instrumente": "Kinds of instruments, separated by ;",
    "angebote": "Kinds of offers, separated by ;",
    "partizipationsstufe": "Step on the participation ladder",
    "kriterien": "criterion=stage, separated by ;",
    "ergebnisse_evidenz": "What the results are based on (selbstberichtet: self-reported, dokumentiert: documented, extern-evaluiert: independently evaluated), separated by ;",
    "voraussetzungen_akteure": "Actor types needed, separated by ;",
    "voraussetzungen_ressourcen": "Resources needed, separated by ;",
    "personal_stunden_pro_monat": "Staff time in hours per month",
    "kosten_euro_pro_jahr_von": "Costs per year, lower bound",
    "kosten_euro_pro_jahr_bis": "Costs per year, upper bound",
    "aufbauzeit_monate": "Time to set up in months",
    "politische_rueckendeckung": "Political backing: erforderlich (required), hilfreich (helpful), nicht-erforderlich (not required)",
}
_DERIVED_EN = {
    PRECISION_COLUMN: "Precision of {spalte}: exakt (exact), ungefaehr (approximate) or strittig (disputed); empty if not known",
    NOTE_COLUMN: "Note on {spalte}; if the value is not known, the reason",
    PAIRS_PRECISION: "Precision of the known values of {spalte}: key=exakt (exact), ungefaehr (approximate) or strittig (disputed), separated by ;",
    PAIRS_NOTE: "Notes on {spalte} (for values not known, the reason): key=note, separated by ;",
}


def _english(name: str, german: str) -> str:
    for (pattern, german_pattern), english in _DERIVED_EN.items():
        base = name.removesuffix(pattern.removeprefix("{spalte}"))
        if base != name and german == german_pattern.format(spalte=base):
            return english.format(spalte=base)
    unknown_note = f"; {UNKNOWN_EMPTY[0].format(spalte=name)}"
    if german.endswith(unknown_note):
        found = COLUMN_DESCRIPTIONS_EN.get(name, german.removesuffix(unknown_note))
        return f"{found}; {UNKNOWN_EMPTY[1].format(spalte=name)}"
    if name.startswith("eignung_"):
        return f"Verdict for {name.removeprefix('eignung_')}"
    return COLUMN_DESCRIPTIONS_EN.get(name, german)


def column_description(name: str, german: str, lang: str) -> str:
    """What a column holds, for /offene-daten/: German, else English (the data's values are
    German ids either way)."""
    return german if lang == SOURCE_LANGUAGE else _english(name, german)


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def cases_csv(model: Model, reuse: Reuse = make) -> str:
    seasons = {entry_id: model.vocab("jahreszeiten").label(entry_id, SOURCE_LANGUAGE) for entry_id in model.vocab("jahreszeiten").entries}
    columns = csv_columns(model.shape, seasons)

    def row(case_id: str) -> str:
        data = model.records[case_id].data
        return _csv_line([safe_cell(getter(data)) for _, _, getter in columns])

    lines = [_csv_line([name for name, _, _ in columns])]
    lines += [reuse("csv", case_id, functools.partial(row, case_id)) for case_id in sorted(model.records)]
    return "".join(lines)


def _compact(value: Any) -> str:
    # Compact: json only uses its fast C encoder without indent (a large collection writes in a
    # fraction of the time); any JSON viewer or `python -m json.tool` shows it indented.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def case_entry(model: Model, case_id: str) -> dict[str, Any]:
    """One case as open data: its German source data (an unknown value is null, its reason beside
    it), its narrative, and every translation's texts."""
    record = model.records[case_id]
    translations = {lang: {"status": t.status.value, "texte": t.texts, "beschreibung": t.body.strip()} for lang, t in sorted(record.translations.items())}
    return {
        "id": case_id,
        "url": f"praxis/{case_id}/",
        "daten": published(model.shape.root, record.data),
        "beschreibung": record.body.strip(),
        "uebersetzungen": translations,
    }


def _header(generated: dt.date | None) -> dict[str, Any]:
    dated = {"erzeugt": generated.isoformat()} if generated else {}
    return {"format": FORMAT_VERSION, **dated, "schema": SCHEMA_NAME, "sprache": SOURCE_LANGUAGE}


def _entries(model: Model, reuse: Reuse) -> list[str]:
    """Each case's entry as compact JSON, in the order of their ids."""
    return [reuse("json", case_id, functools.partial(lambda c: _compact(case_entry(model, c)), case_id)) for case_id in sorted(model.records)]


def cases_json(model: Model, generated: dt.date, reuse: Reuse = make, entries: list[str] | None = None) -> str:
    """Every case in one file (*entries*: each case's compact entry, if already made)."""
    entries = _entries(model, reuse) if entries is None else entries
    head = _compact({**_header(generated), "anzahl": len(entries), "praxisbeispiele": []})
    assert head.endswith("[]}")
    return head[:-3] + "[" + ",".join(entries) + "]}\n"


def case_file_name(case_id: str) -> str:
    """Where a case's own file is, below the site's root."""
    return f"data/{CASE_FILES}/{case_id}.json"


def case_json(entry: str) -> str:
    """A case's own file: its entry in cases.json (compact JSON *entry*) with the format, schema and
    language of the data in front. No date of the build: a file changes only when its case does."""
    head = _compact(_header(None))
    return head[:-1] + "," + entry[1:] + "\n"


def index_entry(model: Model, case_id: str) -> dict[str, Any]:
    """What a reader needs to choose a case: German title, site type, status (null when unknown,
    or ``{wert: null, anmerkung}`` with the reason), the date of the last review (null for a draft,
    which only a preview shows), the page's and the file's address below the site's root."""
    data = model.records[case_id].data
    status = published(model.shape.root.find("status"), data["status"]) if "status" in data else None
    return {
        "id": case_id,
        "titel": data.get("titel"),
        "standorttyp": (data.get("standort") or {}).get("standorttyp"),
        "status": status,
        "zuletzt_geprueft": data.get("zuletzt_geprueft"),
        "url": f"praxis/{case_id}/",
        "datei": case_file_name(case_id),
    }


def index_json(model: Model, generated: dt.date) -> str:
    """data/praxis/index.json: one short entry per case, in the order of their ids."""
    cases = [index_entry(model, case_id) for case_id in sorted(model.records)]
    return _compact({**_header(generated), "anzahl": len(cases), "praxisbeispiele": cases}) + "\n"


def feed_name(lang: str) -> str:
    """All feeds live at the site root (feed.xml, feed.en.xml, …), next to the one sitemap."""
    return "feed.xml" if lang == SOURCE_LANGUAGE else f"feed.{lang}.xml"


def atom_feed(model: Model, lang: str, site_name: str, feed_title: str) -> str:
    """New and updated cases, newest first; links relative to the site root, where feeds live. A
    draft (only in a preview) is no news: it has no date of review and is not published."""
    ET.register_namespace("", ATOM)
    cases: list[Case] = sorted((c for c in model.cases_in(lang) if not c.draft), key=lambda c: (c.last_verified, c.id), reverse=True)
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


def write_if_changed(path: Path, text: str) -> bool:
    """Write *text* unless the file holds it already (a preview keeps its site between rebuilds)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    path.write_text(text, encoding="utf-8")
    return True


def _never_current(case_id: str) -> bool:
    return False


def write_case_files(folder: Path, model: Model, entries: list[str], current: Callable[[str], bool] = _never_current) -> int:
    """One file per case and the index into *folder* (data/praxis/); files of removed cases go.
    A file a preview's rebuild left *current* (its case unchanged) is not read again. Returns how
    many case files were written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    names = set()
    for case_id, entry in zip(sorted(model.records), entries, strict=True):
        names.add(f"{case_id}.json")
        target = folder / f"{case_id}.json"
        if not (current(case_id) and target.exists()):
            written += write_if_changed(target, case_json(entry))
    for stale in folder.glob("*.json"):
        if stale.name not in names and stale.name != "index.json":
            stale.unlink()
    return written


def write(
    site_dir: Path,
    model: Model,
    schema_dir: Path,
    site_name: str,
    feed_titles: dict[str, str],
    generated: dt.date,
    reuse: Reuse = make,
    current: Callable[[str], bool] = _never_current,
) -> None:
    """Write /data/ (JSON, CSV, one file per case and their index, schemas) and one feed per
    language into a built site. A preview passes *reuse* and *current* (site/incremental.py)."""
    data = site_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    entries = _entries(model, reuse)
    (data / "cases.json").write_text(cases_json(model, generated, entries=entries), encoding="utf-8")
    (data / "cases.csv").write_text(cases_csv(model, reuse), encoding="utf-8", newline="")
    write_case_files(data / CASE_FILES, model, entries, current)
    (site_dir / INDEX_FILE).write_text(index_json(model, generated), encoding="utf-8")
    for schema in sorted(schema_dir.glob("*.schema.json")):
        shutil.copyfile(schema, data / schema.name)
    for lang in model.languages:
        (site_dir / feed_name(lang)).write_text(atom_feed(model, lang, site_name, feed_titles[lang]), encoding="utf-8")
