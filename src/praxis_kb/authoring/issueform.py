"""The GitHub issue form "Praxisbeispiel einreichen" and its way back into a case file.

One list of fields (FIELDS) makes both: ``praxis issue-form`` writes
.github/ISSUE_TEMPLATE/praxisbeispiel.yml from it and the vocabularies (dropdowns show labels),
and ``praxis from-issue`` reads a submitted issue body (GitHub renders each field as
``### <label>`` followed by the answer) back into ``praxis/<id>.de.md``.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from praxis_kb.model import pick
from praxis_kb.authoring.scaffold import FILL_IN, SCHEMA_LINE, slug

NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | multi | checkboxes
    description: str = ""
    required: bool = False
    vocabulary: str = ""
    placeholder: str = ""


def fields(site_types: list[tuple[str, str]]) -> list[Field]:
    out = [
        Field("titel", "Titel", "input", "Kurz und sprechend, höchstens 120 Zeichen.", True, placeholder="Runder Tisch Integration mit fester Geschäftsordnung"),
        Field("kurzbeschreibung", "Kurzbeschreibung", "textarea", "Zwei bis drei Sätze: Was wird gemacht, von wem, mit welchem Ziel?", True),
        Field("einfache_sprache", "In einfacher Sprache", "textarea", "Dasselbe in einfacher Sprache: kurze Sätze, keine Fachwörter.", True),
        Field("beschreibung", "Beschreibung", "textarea", "Einige Absätze: Ausgangslage, Vorgehen, was gut läuft, was Sie anders machen würden. Keine Namen von Personen.", True),
        Field("illustrativ", "Art des Beispiels", "checkboxes", "Nur ankreuzen, wenn das Beispiel ausgedacht ist."),
        Field("status", "Status", "dropdown", "", True, "status"),
        Field("beginn", "Beginn", "input", "Jahr oder Monat, z. B. 2018 oder 2018-09. Unsicher? Schreiben Sie „ca. 2018“.", True),
        Field("ende", "Ende", "input", "Nur wenn die Praxis beendet ist, z. B. 2023."),
        Field("standorttyp", "Standorttyp", "dropdown", "", True, "standorttypen"),
        Field("region", "Region", "dropdown", "Nie genauer als der Landkreis; „Sachsen“, wenn der Landkreis nicht genannt werden soll.", True, "regionen"),
        Field("gemeindestruktur", "Gemeindestruktur", "dropdown", "", True, "gemeindestrukturen"),
        Field("standort", "Standort (anonymisiert)", "input", "Ohne Ortsnamen, z. B. „Kleinstadt mit rund 12.000 Einwohner*innen“.", True),
        Field("potenziale", "Sozialraum: Potenziale", "textarea", "Was sich entwickeln lässt – ein Punkt je Zeile.", True),
        Field("ressourcen", "Sozialraum: Ressourcen", "textarea", "Was schon da ist – ein Punkt je Zeile.", True),
        Field("probleme", "Sozialraum: Probleme", "textarea", "Was die Arbeit erschwert – ein Punkt je Zeile.", True),
        Field("handlungsfelder", "Handlungsfelder", "multi", "", True, "handlungsfelder"),
        Field("akteure", "Akteur*innen", "textarea", "Eine Zeile je Akteur*in: Name; Typ (mehrere mit Komma); Rolle. Beispiel: Freier Träger der FSA; Flüchtlingssozialarbeit (FSA); Berät und moderiert den Runden Tisch", True),
        Field("beziehungen", "Beziehungen", "textarea", "Optional, eine Zeile je Beziehung: Name A; Name B; Art; Häufigkeit. Beispiel: Freier Träger der FSA; Jobcenter; Fallbezogene Abstimmung; Monatlich"),
        Field("instrumente", "Instrumente", "textarea", "Eine Zeile je Instrument: Art; Bezeichnung vor Ort; wie es funktioniert. Beispiel: Runder Tisch; Runder Tisch Integration; Trifft sich vierteljährlich im Rathaus", True),
        Field("partizipation_stufe", "Partizipation der Geflüchteten: Stufe", "dropdown", "Stufe im Stufenmodell der Partizipation.", True, "partizipationsstufen"),
        Field("partizipation", "Partizipation der Geflüchteten: so sieht es aus", "textarea", "", True),
        Field("kriterien", "Kriterien", "textarea", "Eine Zeile je Kriterium: Kriterium; Stufe 1–4; Begründung. Beispiel: Transparenz; 3; Protokolle sind für alle zugänglich", True),
        Field("kernelemente", "Übertragung: Kernelemente", "textarea", "Was überall gleich bleiben muss – ein Punkt je Zeile.", True),
        Field("anpassbar", "Übertragung: anpassbare Elemente", "textarea", "Was vor Ort angepasst werden kann – ein Punkt je Zeile.", True),
        Field("vor_akteure", "Voraussetzung: nötige Akteur*innen", "multi", "", True, "akteurstypen"),
        Field("vor_ressourcen", "Voraussetzung: nötige Ressourcen", "multi", "", False, "ressourcen"),
        Field("stunden", "Personalaufwand in Stunden pro Monat", "input", "Eine Zahl, z. B. 10.", True),
        Field("stunden_text", "Personalaufwand: wer bringt die Zeit auf?", "textarea", "", True),
        Field("kosten_von", "Sachkosten pro Jahr in Euro: mindestens", "input", "Eine ganze Zahl, z. B. 0.", True),
        Field("kosten_bis", "Sachkosten pro Jahr in Euro: höchstens", "input", "Eine ganze Zahl, z. B. 2000.", True),
        Field("kosten_text", "Sachkosten: wofür und wer zahlt?", "textarea", "", True),
        Field("aufbauzeit", "Aufbauzeit in Monaten", "input", "Eine Zahl, z. B. 6.", True),
        Field("rueckendeckung", "Politische Rückendeckung", "dropdown", "", True, "rueckendeckung"),
        Field("rueckendeckung_text", "Politische Rückendeckung: welche und wofür?", "textarea", "", True),
    ]
    for site_type, label in site_types:
        out.append(Field(f"eignung_{site_type}", f"Eignung für: {label}", "dropdown", "", True, "eignungsurteile"))
        out.append(Field(f"bedingungen_{site_type}", f"Bedingungen oder Gründe: {label}", "textarea", "Pflicht, außer bei „Geeignet“."))
    out += [
        Field("stolpersteine", "Stolpersteine", "textarea", "Was nicht funktioniert hat – ein Punkt je Zeile.", True),
        Field("perspektive", "Perspektive der Geflüchteten", "textarea", "Wie Geflüchtete die Praxis einschätzen. Zitate nur anonymisiert und nur mit Einwilligung.", True),
        Field("perspektive_erhoben", "Wie wurde ihre Sicht erhoben?", "input", "Z. B. Gruppengespräch mit sechs Teilnehmenden, 2025.", True),
        Field("ergebnisse", "Ergebnisse", "textarea", "Eine Zeile je Ergebnis: Ergebnis; Grundlage (Selbstauskunft, Dokumentiert oder Unabhängig evaluiert); Nummer der Quelle aus der Liste unten (bei dokumentiert oder evaluiert). Beispiel: Weniger Doppelberatungen; Dokumentiert; 1", True),
        Field("zeitleiste", "Zeitleiste", "textarea", "Eine Zeile je Ereignis: Jahr oder Monat; was geschah. Beispiel: 2019; Trägerwechsel der FSA", True),
        Field("quellen", "Quellen", "textarea", "Eine Zeile je Quelle: Titel; Art (z. B. Interview, Protokoll, Bericht). Keine Namen von Geflüchteten.", True),
        Field("organisation", "Kontakt: Organisation", "input", "Die Organisation, die Auskunft gibt – keine Privatperson.", True),
        Field("einwilligung", "Einwilligung und Anonymisierung", "checkboxes", "Beides ist nötig für die Veröffentlichung.", True),
    ]
    return out


CONSENT = "Die Einwilligung aller Beteiligten zur Veröffentlichung ist dokumentiert."
ANONYMISED = "Ich habe geprüft, dass keine Angabe eine geflüchtete Person erkennbar macht."
ILLUSTRATIVE = "Das Beispiel ist ausgedacht (illustrativ)."


def form_yaml(vocabularies: dict[str, Any], site_types: list[tuple[str, str]]) -> str:
    """The issue form, with dropdown options from the vocabularies (German labels)."""
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": (
            "Danke, dass Sie ein Praxisbeispiel teilen! Füllen Sie aus, was Sie wissen; das Projektteam prüft die Angaben, "
            "fragt bei Bedarf nach und macht daraus eine Seite der Wissensbasis.\n\n"
            "**Bitte keine Angaben, die eine geflüchtete Person erkennbar machen** – keine Namen, kein Alter, keine "
            "Herkunftsorte, keine Adressen. Personen nur mit ihrer Funktion nennen."
        )}},
    ]
    for f in fields(site_types):
        attributes: dict[str, Any] = {"label": f.label}
        if f.description:
            attributes["description"] = f.description
        if f.placeholder:
            attributes["placeholder"] = f.placeholder
        if f.kind in ("dropdown", "multi"):
            attributes["options"] = [pick(e["label"], "de") for e in vocabularies[f.vocabulary]["eintraege"]]
            if f.kind == "multi":
                attributes["multiple"] = True
        if f.kind == "checkboxes":
            options = [ILLUSTRATIVE] if f.id == "illustrativ" else [CONSENT, ANONYMISED]
            attributes["options"] = [{"label": o, "required": f.required} for o in options]
        entry: dict[str, Any] = {"type": "dropdown" if f.kind == "multi" else f.kind, "id": f.id, "attributes": attributes}
        if f.required and f.kind != "checkboxes":
            entry["validations"] = {"required": True}
        body.append(entry)
    form = {
        "name": "Praxisbeispiel einreichen",
        "description": "Ein Beispiel guter Praxis aus einem lokalen Integrationsnetzwerk vorschlagen – ohne Git-Kenntnisse.",
        "title": "Praxisbeispiel: ",
        "labels": ["praxisbeispiel"],
        "body": body,
    }
    header = "# Generated by `praxis issue-form` from the vocabularies; do not edit by hand.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=120)


class IssueError(Exception):
    """A problem in a submitted form, named by the form field's label."""


def parse_body(body: str, site_types: list[tuple[str, str]]) -> dict[str, str]:
    labels = {f.label: f.id for f in fields(site_types)}
    answers: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            text = "\n".join(lines).strip()
            answers[current] = "" if text == NO_RESPONSE else text

    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            flush()
            current = labels.get(line[4:].strip())
            lines = []
        elif current is not None:
            lines.append(line)
    flush()
    return answers


@dataclass
class Converter:
    vocabularies: dict[str, Any]
    criteria: dict[str, Any]
    site_types: list[tuple[str, str]]
    problems: list[str] = field(default_factory=list)

    def label_of(self, field_id: str) -> str:
        return next(f.label for f in fields(self.site_types) if f.id == field_id)

    def fail(self, field_id: str, message: str, line: int | None = None) -> None:
        where = f"Feld „{self.label_of(field_id)}“" + (f", Zeile {line}" if line else "")
        self.problems.append(f"{where}: {message}")

    def lookup(self, vocabulary: str, value: str, field_id: str, line: int | None = None) -> str:
        entries = self.vocabularies[vocabulary]["eintraege"]
        table = {pick(e["label"], "de").casefold(): e["id"] for e in entries}
        table.update({e["id"]: e["id"] for e in entries})
        key = value.strip().casefold()
        if key in table:
            return table[key]
        starting = {ident for label, ident in table.items() if key and label.startswith(key)}
        if len(starting) == 1:  # "Selbstauskunft" for "Selbstauskunft der Beteiligten"
            return starting.pop()
        close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        hint = f" (meinten Sie „{close[0]}“?)" if close else ""
        self.fail(field_id, f"„{value.strip()}“ ist kein erlaubter Wert{hint}", line)
        return entries[0]["id"]

    def rows(self, answers: dict[str, str], field_id: str, parts: int, minimum: int | None = None) -> list[tuple[int, list[str]]]:
        out = []
        for number, raw in enumerate(answers.get(field_id, "").split("\n"), 1):
            raw = raw.strip().lstrip("-*• ").strip()
            if not raw:
                continue
            cells = [c.strip() for c in raw.split(";")]
            need = minimum or parts
            if len(cells) < need:
                self.fail(field_id, f"braucht {need} Angaben, getrennt durch Semikolon (;) – gefunden: {len(cells)}", number)
                continue
            if len(cells) > parts:
                cells = cells[: parts - 1] + ["; ".join(cells[parts - 1 :])]
            out.append((number, cells + [""] * (parts - len(cells))))
        return out

    def lines(self, answers: dict[str, str], field_id: str) -> list[str]:
        return [raw.strip().lstrip("-*• ").strip() for raw in answers.get(field_id, "").split("\n") if raw.strip()]

    def convert(self, answers: dict[str, str], case_id: str, today: str) -> tuple[dict[str, Any], str]:
        date = re.compile(r"(ca\.?\s*)?([0-9]{4}(-[0-9]{2})?)")

        def when(field_id: str) -> Any:
            match = date.fullmatch(answers.get(field_id, "").strip())
            if not match:
                self.fail(field_id, "ist kein Jahr oder Monat (Form: 2018 oder 2018-09)")
                return today[:4]
            return {"datum": match[2], "genauigkeit": "ungefaehr"} if match[1] else match[2]

        actors: dict[str, Any] = {}
        names: dict[str, str] = {}
        for number, (name, types, role) in self.rows(answers, "akteure", 3):
            key = slug(name)[:40].strip("-") or f"akteur-{number}"
            while key in actors:
                key += "-2"
            names[name.casefold()] = key
            actors[key] = {"name": name, "typen": [self.lookup("akteurstypen", t, "akteure", number) for t in types.split(",") if t.strip()], "rolle": role}

        def actor(name: str, field_id: str, line: int) -> str:
            if name.casefold() in names:
                return names[name.casefold()]
            self.fail(field_id, f"„{name}“ steht nicht unter Akteur*innen", line)
            return next(iter(actors), "")

        sources = {}
        for number, (title, kind) in self.rows(answers, "quellen", 2):
            sources[f"quelle-{number}"] = {"titel": title, "art": self.lookup("quellenarten", kind, "quellen", number)}
        source_keys = list(sources)
        results = []
        for number, (text, basis, ref) in self.rows(answers, "ergebnisse", 3, minimum=2):
            entry: dict[str, Any] = {"beschreibung": text, "evidenz": self.lookup("evidenzgrade", basis, "ergebnisse", number)}
            if ref.strip():
                wanted = [r.strip() for r in ref.split(",")]
                picked = [source_keys[int(r) - 1] for r in wanted if r.isdigit() and 0 < int(r) <= len(source_keys)]
                if len(picked) != len(wanted):
                    self.fail("ergebnisse", f"„{ref}“ ist keine Nummer aus der Liste der Quellen", number)
                entry["quellen"] = picked
            results.append(entry)
        criteria_names = {pick(c["name"], "de").casefold(): cid for cid, c in self.criteria.items()}
        criteria_names.update({cid: cid for cid in self.criteria})
        assessments: dict[str, Any] = {}
        for number, (name, stage, reason) in self.rows(answers, "kriterien", 3):
            cid = criteria_names.get(name.casefold())
            if cid is None:
                close = difflib.get_close_matches(name.casefold(), list(criteria_names), n=1, cutoff=0.5)
                self.fail("kriterien", f"ein Kriterium „{name}“ gibt es nicht" + (f" (meinten Sie „{close[0]}“?)" if close else ""), number)
                continue
            if not stage.strip().isdigit() or not 1 <= int(stage) <= 4:
                self.fail("kriterien", f"die Stufe „{stage}“ ist keine Zahl von 1 bis 4", number)
                continue
            assessments[cid] = {"stufe": int(stage), "begruendung": reason}

        def number(field_id: str, integer: bool = False) -> float | int:
            raw = answers.get(field_id, "").strip().replace(",", ".")
            try:
                value = float(raw)
            except ValueError:
                self.fail(field_id, f"„{raw}“ ist keine Zahl")
                return 0
            if integer:
                if not value.is_integer():
                    self.fail(field_id, f"„{raw}“ ist keine ganze Zahl")
                return int(value)
            return int(value) if value.is_integer() else value

        status = self.lookup("status", answers.get("status", ""), "status")
        period: dict[str, Any] = {"beginn": when("beginn")}
        if answers.get("ende", "").strip():
            period["ende"] = when("ende")
        verdicts: dict[str, Any] = {}
        for site_type, _ in self.site_types:
            verdict = {"urteil": self.lookup("eignungsurteile", answers.get(f"eignung_{site_type}", ""), f"eignung_{site_type}")}
            if answers.get(f"bedingungen_{site_type}", "").strip():
                verdict["bedingungen"] = answers[f"bedingungen_{site_type}"].strip()
            verdicts[site_type] = verdict
        consent = answers.get("einwilligung", "")
        data: dict[str, Any] = {
            "id": case_id,
            "titel": answers.get("titel", ""),
            "kurzbeschreibung": answers.get("kurzbeschreibung", ""),
            "einfache_sprache": answers.get("einfache_sprache", ""),
            "illustrativ": f"- [X] {ILLUSTRATIVE}" in answers.get("illustrativ", ""),
            "status": status,
            "zeitraum": period,
            "zuletzt_geprueft": today,
            "standort": {
                "bezeichnung": answers.get("standort", ""),
                "standorttyp": self.lookup("standorttypen", answers.get("standorttyp", ""), "standorttyp"),
                "region": self.lookup("regionen", answers.get("region", ""), "region"),
                "gemeindestruktur": self.lookup("gemeindestrukturen", answers.get("gemeindestruktur", ""), "gemeindestruktur"),
            },
            "sozialraum": {k: self.lines(answers, k) for k in ("potenziale", "ressourcen", "probleme")},
            "handlungsfelder": [self.lookup("handlungsfelder", h, "handlungsfelder") for h in answers.get("handlungsfelder", "").split(",") if h.strip()],
            "akteure": actors,
            "beziehungen": [
                {"von": actor(a, "beziehungen", n), "zu": actor(b, "beziehungen", n), "art": self.lookup("beziehungsarten", kind, "beziehungen", n), "haeufigkeit": self.lookup("haeufigkeiten", often, "beziehungen", n)}
                for n, (a, b, kind, often) in self.rows(answers, "beziehungen", 4)
            ],
            "instrumente": [
                {"typ": self.lookup("instrumente", kind, "instrumente", n), "bezeichnung": name, "beschreibung": text, "beteiligte": list(actors)}
                for n, (kind, name, text) in self.rows(answers, "instrumente", 3)
            ],
            "partizipation": {"stufe": self.lookup("partizipationsstufen", answers.get("partizipation_stufe", ""), "partizipation_stufe"), "beschreibung": answers.get("partizipation", "")},
            "kriterien": assessments,
            "transfer": {
                "kernelemente": self.lines(answers, "kernelemente"),
                "anpassbare_elemente": self.lines(answers, "anpassbar"),
                "voraussetzungen": {
                    "akteure": [self.lookup("akteurstypen", a, "vor_akteure") for a in answers.get("vor_akteure", "").split(",") if a.strip()],
                    "ressourcen": [self.lookup("ressourcen", r, "vor_ressourcen") for r in answers.get("vor_ressourcen", "").split(",") if r.strip()],
                    "personal": {"stunden_pro_monat": number("stunden"), "beschreibung": answers.get("stunden_text", "")},
                    "kosten": {"euro_pro_jahr_von": number("kosten_von", True), "euro_pro_jahr_bis": number("kosten_bis", True), "beschreibung": answers.get("kosten_text", "")},
                    "aufbauzeit_monate": number("aufbauzeit"),
                    "politische_rueckendeckung": {"bedarf": self.lookup("rueckendeckung", answers.get("rueckendeckung", ""), "rueckendeckung"), "beschreibung": answers.get("rueckendeckung_text", "")},
                },
                "eignung": verdicts,
                "stolpersteine": self.lines(answers, "stolpersteine"),
            },
            "perspektive_gefluechteter": {"einschaetzung": answers.get("perspektive", ""), "erhoben": answers.get("perspektive_erhoben", "")},
            "ergebnisse": results,
            "zeitleiste": [{"datum": when_text, "ereignis": event} for _, (when_text, event) in self.rows(answers, "zeitleiste", 2)],
            "quellen": sources,
            "kontakt": {"organisation": answers.get("organisation", "")},
            "einwilligung_dokumentiert": f"- [X] {CONSENT}" in consent,
            "anonymisierung_geprueft": f"- [X] {ANONYMISED}" in consent,
            "pruefung": {"durch": f"{FILL_IN} wer aus dem Projektteam geprüft hat", "datum": today},
        }
        if not data["beziehungen"]:
            del data["beziehungen"]
        return data, answers.get("beschreibung", "")


def case_file(data: dict[str, Any], body: str, issue_number: int | None) -> str:
    """The case as a file: the schema line, the front matter (strings always quoted), the body."""
    # Quote every string so that nothing a contributor wrote can change type (no, 01067, …).
    dumped = yaml.dump(_quoted(data), Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=10_000)
    origin = f"# Aus dem Issue #{issue_number} übernommen (praxis from-issue).\n" if issue_number else ""
    return f"---\n{SCHEMA_LINE}\n{origin}{dumped}---\n\n{body.strip()}\n"


class _Quoted(str):
    pass


class _QuotingDumper(yaml.SafeDumper):
    pass


def _represent_quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_QuotingDumper.add_representer(_Quoted, _represent_quoted)

_IDENTIFIER_KEYS = {"id", "status", "standorttyp", "region", "gemeindestruktur", "stufe", "urteil", "art", "haeufigkeit", "typ", "evidenz", "bedarf", "von", "zu"}


def _quoted(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _quoted(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_quoted(v, key) for v in value]
    if isinstance(value, str) and key not in _IDENTIFIER_KEYS and key not in ("typen", "handlungsfelder", "akteure", "ressourcen", "beteiligte", "quellen"):
        return _Quoted(value)
    return value


def read_issue(raw: str) -> tuple[str, int | None]:
    """An issue as GitHub's API gives it (JSON with body and number) or just its body."""
    text = raw.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return raw, None
        return str(data.get("body") or ""), data.get("number")
    return raw, None

