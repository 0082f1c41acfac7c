"""`praxis new`: a case skeleton with a comment above every field.

The answers given (by prompt or flag) are filled in; every other field gets a value that starts
with ``ERGÄNZEN:`` and says what belongs there. Such a skeleton passes the schema, `praxis validate`
lists each remaining ``ERGÄNZEN`` as a warning with its line, and the build refuses to publish a case
that still has one.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FILL_IN = "ERGÄNZEN:"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/praxisbeispiel.schema.json"


@dataclass
class Answers:
    id: str = ""
    titel: str = ""
    kurzbeschreibung: str = ""
    illustrativ: bool = False
    status: str = ""
    beginn: str = ""
    ende: str = ""
    standorttyp: str = ""
    region: str = ""
    gemeindestruktur: str = ""
    handlungsfelder: list[str] = field(default_factory=list)
    partizipation: str = ""
    einwilligung: bool = False
    anonymisierung: bool = False
    today: str = ""


def slug(text: str) -> str:
    """A case id from a title: lower-case ASCII letters, digits and hyphens."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].rstrip("-")


def q(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


class _Doc:
    """Collects lines; ``describe`` looks up a field's description in the schema."""

    def __init__(self, describe: Callable[[tuple[str, ...]], str]) -> None:
        self.lines: list[str] = []
        self.describe = describe

    def comment(self, path: tuple[str, ...], indent: int) -> None:
        text = self.describe(path)
        if text:
            for line in textwrap.wrap(text, width=96 - indent, break_on_hyphens=False, break_long_words=False):
                self.lines.append(" " * indent + "# " + line)

    def field(self, path: tuple[str, ...], value: str | None, indent: int = 0) -> None:
        self.comment(path, indent)
        key = path[-1]
        self.lines.append(" " * indent + (f"{key}: {value}" if value is not None else f"{key}:"))

    def fill(self, what: str) -> str:
        return q(f"{FILL_IN} {what}")


def render(answers: Answers, describe: Callable[[tuple[str, ...]], str], site_types: list[str]) -> str:
    d = _Doc(describe)
    d.lines += ["---", SCHEMA_LINE]
    d.field(("id",), answers.id)
    d.field(("titel",), q(answers.titel) if answers.titel else d.fill("kurzer, sprechender Titel"))
    d.field(("kurzbeschreibung",), q(answers.kurzbeschreibung) if answers.kurzbeschreibung else d.fill("zwei bis drei Sätze: was, wer, wozu"))
    d.field(("einfache_sprache",), d.fill("das Praxisbeispiel in einfacher Sprache, kurze Sätze"))
    d.field(("illustrativ",), "true" if answers.illustrativ else "false")
    d.field(("status",), answers.status or "laeuft")
    d.field(("zeitraum",), None)
    d.field(("zeitraum", "beginn"), q(answers.beginn or answers.today[:4]), 2)
    if answers.ende:
        d.field(("zeitraum", "ende"), q(answers.ende), 2)
    d.field(("zuletzt_geprueft",), q(answers.today))
    d.field(("standort",), None)
    d.field(("standort", "bezeichnung"), d.fill("anonymisierte Beschreibung des Standorts, ohne Ortsnamen"), 2)
    d.field(("standort", "standorttyp"), answers.standorttyp, 2)
    d.field(("standort", "region"), answers.region or "sachsen", 2)
    d.field(("standort", "gemeindestruktur"), answers.gemeindestruktur, 2)
    d.field(("sozialraum",), None)
    for key, what in (("potenziale", "was sich entwickeln lässt"), ("ressourcen", "was schon da ist"), ("probleme", "was die Arbeit erschwert")):
        d.field(("sozialraum", key), None, 2)
        d.lines.append(f"    - {d.fill(what)}")
    d.field(("handlungsfelder",), "[" + ", ".join(answers.handlungsfelder) + "]")
    d.field(("akteure",), None)
    d.lines.append("  # Je Akteur*in eine kurze Kennung (hier fsa und partner), darunter name, typen und rolle.")
    for key, types in (("fsa", "fsa"), ("partner", "sonstige")):
        d.lines.append(f"  {key}:")
        d.field(("akteure", "*", "name"), d.fill("anonymisierte Bezeichnung, z. B. Freier Träger der FSA"), 4)
        d.field(("akteure", "*", "typen"), f"[{types}]", 4)
        d.field(("akteure", "*", "rolle"), d.fill("was diese*r Akteur*in tut"), 4)
    d.field(("beziehungen",), None)
    d.lines += ["  - von: fsa", "    zu: partner", "    art: informationsaustausch", "    haeufigkeit: monatlich"]
    d.field(("instrumente",), None)
    d.lines += [
        "  - typ: runder-tisch",
        f"    bezeichnung: {d.fill('wie das Instrument vor Ort heißt')}",
        f"    beschreibung: {d.fill('wie es funktioniert')}",
        "    beteiligte: [fsa, partner]",
    ]
    d.field(("partizipation",), None)
    d.field(("partizipation", "stufe"), answers.partizipation or "information", 2)
    d.field(("partizipation", "beschreibung"), d.fill("wie Geflüchtete konkret mitwirken"), 2)
    d.field(("kriterien",), None)
    d.lines += [
        "  # Kennungen der Kriterien stehen in kriterien/ (Dateinamen), z. B. transparenz.",
        "  transparenz:",
        "    stufe: 1",
        f"    begruendung: {d.fill('woran man die Stufe erkennt')}",
    ]
    d.field(("transfer",), None)
    d.field(("transfer", "kernelemente"), None, 2)
    d.lines.append(f"    - {d.fill('was überall gleich bleiben muss')}")
    d.field(("transfer", "anpassbare_elemente"), None, 2)
    d.lines.append(f"    - {d.fill('was vor Ort angepasst werden kann')}")
    d.field(("transfer", "voraussetzungen"), None, 2)
    d.field(("transfer", "voraussetzungen", "akteure"), "[fsa]", 4)
    d.field(("transfer", "voraussetzungen", "ressourcen"), "[]", 4)
    d.lines.append("    personal:")
    d.lines.append("      stunden_pro_monat: 0")
    d.lines.append(f"      beschreibung: {d.fill('wer wie viel Zeit aufbringt')}")
    d.lines.append("    kosten:")
    d.lines.append("      euro_pro_jahr_von: 0")
    d.lines.append("      euro_pro_jahr_bis: 0")
    d.lines.append(f"      beschreibung: {d.fill('wofür Kosten anfallen und wer sie trägt')}")
    d.field(("transfer", "voraussetzungen", "aufbauzeit_monate"), "0", 4)
    d.lines.append("    politische_rueckendeckung:")
    d.lines.append("      bedarf: hilfreich")
    d.lines.append(f"      beschreibung: {d.fill('welche Rückendeckung wofür')}")
    d.field(("transfer", "eignung"), None, 2)
    for site_type in site_types:
        d.lines.append(f"    {site_type}:")
        d.lines.append("      urteil: bedingt-geeignet")
        d.lines.append(f"      bedingungen: {d.fill('unter welchen Bedingungen es hier passt')}")
    d.field(("transfer", "stolpersteine"), None, 2)
    d.lines.append(f"    - {d.fill('was nicht funktioniert hat')}")
    d.field(("perspektive_gefluechteter",), None)
    d.field(("perspektive_gefluechteter", "einschaetzung"), d.fill("wie Geflüchtete die Praxis einschätzen"), 2)
    d.field(("perspektive_gefluechteter", "erhoben"), d.fill("wie ihre Sicht erhoben wurde"), 2)
    d.field(("ergebnisse",), None)
    d.lines += [f"  - beschreibung: {d.fill('was sich verändert hat')}", "    evidenz: selbstberichtet"]
    d.field(("zeitleiste",), None)
    d.lines += [f"  - datum: {q(answers.beginn or answers.today[:4])}", f"    ereignis: {d.fill('was geschah')}"]
    d.field(("quellen",), None)
    d.lines += ["  gespraech:", f"    titel: {d.fill('woher die Angaben stammen, z. B. Interview mit der FSA')}", "    art: interview"]
    d.field(("kontakt",), None)
    d.field(("kontakt", "organisation"), d.fill("Organisation, die Auskunft gibt"), 2)
    d.field(("einwilligung_dokumentiert",), "true" if answers.einwilligung else "false")
    d.field(("anonymisierung_geprueft",), "true" if answers.anonymisierung else "false")
    d.field(("pruefung",), None)
    d.field(("pruefung", "durch"), d.fill("wer aus dem Projektteam geprüft hat"), 2)
    d.field(("pruefung", "datum"), q(answers.today), 2)
    d.lines += ["---", "", f"{FILL_IN} Beschreiben Sie hier das Praxisbeispiel in einigen Absätzen.", "", "## Ausgangslage", "", "## Vorgehen", "", "## Was gut läuft", "", "## Was wir anders machen würden", ""]
    return "\n".join(d.lines)


def fill_in_markers(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of values that still start with ERGÄNZEN."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += fill_in_markers(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += fill_in_markers(value, path + (index,))
    elif isinstance(data, str) and data.strip().startswith(FILL_IN):
        found.append(path)
    return found
