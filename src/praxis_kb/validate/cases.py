"""Rules for case files (praxis/<id>.<lang>.md): where they lie, their names, their content.

The schema (praxisbeispiel.schema.json) checks each value's form; these rules check what the
schema cannot: references inside a case, references to the criteria catalogue, dates in order,
an unfinished text, personal data. Each rule takes what it checks and yields findings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.load.sources import Document
from praxis_kb.problems import Code, Severity
from praxis_kb.validate import timing
from praxis_kb.validate.findings import Finding, id_matches_file_name, suggest, warning
from praxis_kb.validate.privacy import approved_contacts, personal_data, places, publicly_named
from praxis_kb.validate.shape import FILL_IN, fill_in_markers

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
CASE_FILE = re.compile(r"(?P<id>.+)\.(?P<lang>[A-Za-z_-]+)\.md\Z")
IGNORED_IN_CASES = {"README.md"}
ACTORS_HINT = "Kennungen unter akteure"


# -- the cases folder and file names ------------------------------------------------------------
def location(path: Path, folder: Path) -> Iterator[Finding]:
    """Cases lie directly in praxis/, and nothing else does."""
    if path.parent != folder:
        yield Finding(
            Code.FILE_IN_SUBFOLDER,
            "Praxisbeispiele liegen direkt im Ordner praxis/, nicht in Unterordnern",
            f"verschieben Sie die Datei nach praxis/{path.name}",
        )
    elif path.suffix != ".md":
        yield Finding(Code.FILE_NOT_MARKDOWN, "Im Ordner praxis/ liegen nur Praxisbeispiele als .md-Dateien", "Bilder und andere Dateien gehören nicht hierher")


def file_name(name: str, languages: Collection[str]) -> Iterator[Finding]:
    """A case file is named <id>.<language>.md, with a valid id and one of the site's languages."""
    match = CASE_FILE.match(name)
    if not match:
        yield Finding(
            Code.FILE_NAME_NO_LANGUAGE,
            f"Der Dateiname „{name}“ nennt keine Sprache",
            f"nennen Sie die Datei <kennung>.{SOURCE_LANGUAGE}.md für das deutsche Original oder <kennung>.en.md für eine Übersetzung",
        )
    elif not ID_PATTERN.match(match["id"]):
        yield Finding(
            Code.FILE_NAME_INVALID,
            f"Der Dateiname „{name}“ ist keine gültige Kennung",
            f"nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. {_slug(match['id'])}.{match['lang']}.md",
        )
    elif match["lang"] not in languages:
        yield Finding(Code.FILE_NAME_UNKNOWN_LANGUAGE, f"„{match['lang']}“ ist keine Sprache dieser Website", f"Sprachen: {', '.join(languages)}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")).strip("-")


def duplicate_id(case_id: str, first: str) -> Finding:
    """A second German original with the id of *first* (the file that has it already)."""
    return Finding(Code.CASE_DUPLICATE_ID, f"Die Kennung „{case_id}“ gibt es schon ({first})", "jede Kennung nur einmal vergeben")


# -- references inside a case -------------------------------------------------------------------
def relations(data: dict[str, Any]) -> Iterator[Finding]:
    """Each relation connects two different actors of this case."""
    actors = data["akteure"]
    for index, tie in enumerate(data.get("beziehungen", [])):
        for end in ("von", "zu"):
            if tie[end] not in actors:
                yield _unknown_actor(tie[end], actors, ("beziehungen", index, end))
        if tie["von"] == tie["zu"]:
            yield Finding(
                Code.CASE_SELF_RELATION,
                "Eine Beziehung verbindet zwei verschiedene Akteur*innen",
                "von und zu müssen verschieden sein",
                ("beziehungen", index, "zu"),
            )


def instrument_members(data: dict[str, Any]) -> Iterator[Finding]:
    """Everyone taking part in an instrument is an actor of this case."""
    actors = data["akteure"]
    for index, instrument in enumerate(data["instrumente"]):
        for position, member in enumerate(instrument["beteiligte"]):
            if member not in actors and not member.startswith(FILL_IN):  # a marker is listed as such
                yield _unknown_actor(member, actors, ("instrumente", index, "beteiligte", position))


def offer_and_operator_actors(data: dict[str, Any]) -> Iterator[Finding]:
    """Who runs an offer and who carried the practice are actors of this case."""
    actors = data["akteure"]
    for index, offer in enumerate(data.get("angebote", [])):
        for position, member in enumerate(offer.get("akteure", [])):
            if member not in actors:
                yield _unknown_actor(member, actors, ("angebote", index, "akteure", position))
    for index, operator in enumerate(data.get("traeger", [])):
        if operator["akteur"] not in actors:
            yield _unknown_actor(operator["akteur"], actors, ("traeger", index, "akteur"))


def _unknown_actor(name: str, actors: Iterable[str], path: tuple[str | int, ...]) -> Finding:
    return Finding(Code.CASE_UNKNOWN_ACTOR, f"„{name}“ ist keine der Akteur*innen dieses Praxisbeispiels", suggest(name, actors, ACTORS_HINT), path)


def type_periods(data: dict[str, Any]) -> Iterator[Finding]:
    """A period per type (zeitraum_je_typ) names only types the actor has."""
    for key, actor in data["akteure"].items():
        for kind in actor.get("zeitraum_je_typ", {}):
            if kind not in actor["typen"]:
                yield Finding(
                    Code.CASE_TYPE_PERIOD_UNKNOWN_TYPE,
                    f"„{kind}“ ist keiner der Typen dieser*dieses Akteur*in",
                    f"Typen hier: {', '.join(actor['typen'])} – ergänzen Sie {kind} unter typen oder korrigieren Sie den Schlüssel",
                    ("akteure", key, "zeitraum_je_typ", kind),
                    at_key=True,
                )


def _sources_named(data: dict[str, Any]) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Every source a case refers to, with the place of the reference."""
    for index, result in enumerate(data["ergebnisse"]):
        for position, source in enumerate(result.get("quellen", [])):
            yield source, ("ergebnisse", index, "quellen", position)
    for index, quote in enumerate(data.get("perspektive_gefluechteter", {}).get("zitate", [])):
        if "quelle" in quote:
            yield quote["quelle"], ("perspektive_gefluechteter", "zitate", index, "quelle")
    for field in ("kennzahlen", "foerderung"):
        for index, item in enumerate(data.get(field, [])):
            if "quelle" in item:
                yield item["quelle"], (field, index, "quelle")


def result_sources(data: dict[str, Any]) -> Iterator[Finding]:
    """Results, quotes, figures and funding name only sources listed in this case."""
    sources = data["quellen"]
    for source, path in _sources_named(data):
        if source not in sources:
            yield Finding(
                Code.CASE_UNKNOWN_SOURCE,
                f"„{source}“ ist keine der Quellen dieses Praxisbeispiels",
                suggest(source, sources, "Kennungen unter quellen"),
                path,
            )


def known_criteria(data: dict[str, Any], criteria: Collection[str]) -> Iterator[Finding]:
    """A case rates only criteria of the catalogue (kriterien/)."""
    for criterion in data["kriterien"]:
        if criterion not in criteria:
            yield Finding(
                Code.CASE_UNKNOWN_CRITERION,
                f"Ein Kriterium „{criterion}“ gibt es im Katalog nicht",
                suggest(criterion, criteria, "Kriterien in kriterien/"),
                ("kriterien", criterion),
                at_key=True,
            )


# -- dates and numbers --------------------------------------------------------------------------
def _known(value: Any) -> Any:
    """The value of a statement that may be unknown ({wert: …} or the value itself); None when unknown."""
    value = value.get("wert") if isinstance(value, dict) else value
    return None if value == timing.UNKNOWN else value


def period(data: dict[str, Any]) -> Iterator[Finding]:
    """A running practice has no end (that it ends after it begins: timing.periods)."""
    if _known(data["status"]) == "laeuft" and "ende" in data["zeitraum"]:
        yield warning(
            Code.CASE_END_WHILE_RUNNING,
            "Die Praxis hat den Status „laeuft“, aber ein Ende",
            "status: beendet setzen oder das Ende löschen",
            ("zeitraum", "ende"),
        )
    if _known(data["status"]) == "beendet" and "ende" not in data["zeitraum"]:
        # the schema asks for the end when status is the plain word; this covers {wert: beendet}
        yield Finding(
            Code.SCHEMA_REQUIRED,
            "Pflichtangabe „Ende“ (ende) fehlt",
            'Bei status: beendet gehört das Ende dazu, z. B. ende: "2023" – ist es nicht bekannt: ende: {datum: unbekannt, anmerkung: "…"}',
            ("zeitraum",),
            at_key=True,
        )


def empty_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[Finding]:
    """A value left empty: the schema reads it as unknown (null in open data), a file says so in words."""
    if data is None:
        yield Finding(
            Code.CASE_EMPTY_VALUE,
            "Die Angabe ist leer",
            'tragen Sie den Wert ein – oder unbekannt, wenn ihn niemand kennt, mit Grund so: {wert: unbekannt, anmerkung: "…"}',
            path,
        )
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from empty_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from empty_values(value, path + (index,))


def _amount(value: Any) -> float | None:
    """A number as stated (plain or {wert: …}); None when unknown or still to fill in."""
    if isinstance(value, dict):
        value = value.get("wert")
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def cost_range(data: dict[str, Any]) -> Iterator[Finding]:
    costs = data["transfer"]["voraussetzungen"]["kosten"]
    low, high = _amount(costs["euro_pro_jahr_von"]), _amount(costs["euro_pro_jahr_bis"])
    if low is not None and high is not None and low > high:
        yield Finding(
            Code.CASE_COSTS_INVERTED,
            "Die obere Grenze der Kosten ist kleiner als die untere",
            "euro_pro_jahr_von ≤ euro_pro_jahr_bis",
            ("transfer", "voraussetzungen", "kosten", "euro_pro_jahr_bis"),
        )


# -- unfinished text ----------------------------------------------------------------------------
def body(doc: Document) -> Iterator[Finding]:
    """Below the front matter stands the description."""
    if not doc.body.strip():
        yield Finding(
            Code.CASE_BODY_MISSING,
            "Unter dem Kopfbereich fehlt die Beschreibung des Praxisbeispiels",
            "schreiben Sie nach der zweiten Zeile --- einige Absätze: Ausgangslage, Vorgehen, was gut läuft",
            line=1,
            column=1,
        )


def fill_ins(doc: Document, publishing: bool) -> Iterator[Finding]:
    """Values `praxis new` left to fill in: a warning while editing, an error when publishing.
    The team's review is not the contributor's to fill in: ``review`` reports it."""
    severity = Severity.ERROR if publishing else Severity.WARNING
    why = "wird so nicht veröffentlicht" if publishing else "vor der Veröffentlichung ausfüllen"
    for path in fill_in_markers(doc.data):
        if path and path[0] in REVIEW:
            continue
        yield Finding(
            Code.FILL_IN, f"Noch auszufüllen ({why})", "ersetzen Sie den Text nach ERGÄNZEN: durch die eigene Angabe", path or None, severity=severity
        )
    if doc.body.strip().startswith(FILL_IN):
        line = doc.body_line + next(i for i, text in enumerate(doc.body.split("\n")) if text.strip())
        yield Finding(
            Code.FILL_IN,
            f"Die Beschreibung ist noch auszufüllen ({why})",
            "schreiben Sie die Beschreibung unter die zweite Zeile ---",
            severity=severity,
            line=line,
            column=1,
        )


# -- the team's review --------------------------------------------------------------------------
# What the project team writes after its review, in the order a hint names it. Without it a case
# is a draft (Entwurf): checked and shown in previews, never published.
REVIEW = {
    "pruefung": 'pruefung: {durch: "…", datum: "JJJJ-MM-TT"}',
    "zuletzt_geprueft": 'zuletzt_geprueft: "JJJJ-MM-TT"',
}


def review_open(data: Any) -> list[str]:
    """The keys of the team's review a case lacks (absent, or still a fill-in marker from an
    older skeleton); none for data that is no mapping (the schema reports that)."""
    if not isinstance(data, dict):
        return []
    return [key for key in REVIEW if key not in data or fill_in_markers(data[key])]


def review(doc: Document, publishing: bool) -> Iterator[Finding]:
    """A draft: noted while a contribution awaits the team's review, an error when publishing."""
    missing = review_open(doc.data)
    if not missing:
        return
    what = " und ".join(REVIEW[key] for key in missing)
    if publishing:
        message = "Entwurf: noch nicht vom Projektteam geprüft – wird so nicht veröffentlicht"
        hint = f"nach seiner Prüfung trägt das Projektteam {what} ein"
        yield Finding(Code.CASE_DRAFT, message, hint, severity=Severity.ERROR, line=1, column=1)
    else:
        hint = f"nichts zu tun: nach seiner Prüfung trägt das Projektteam {what} ein"
        yield Finding(Code.CASE_DRAFT, "Entwurf: noch nicht vom Projektteam geprüft", hint, severity=Severity.INFO, line=1, column=1)


# -- all rules of a case ------------------------------------------------------------------------
DATA_RULES = (
    relations,
    instrument_members,
    offer_and_operator_actors,
    type_periods,
    result_sources,
    period,
    empty_values,
    cost_range,
    timing.date_values,
    timing.periods,
    timing.timeline,
    timing.operators,
)


def rules(doc: Document, case_id: str, criteria: Collection[str]) -> Iterator[Finding]:
    """The rules for a German original whose data the schema accepted."""
    yield from id_matches_file_name(doc.data, case_id, "Praxisbeispiel")
    for rule in DATA_RULES:
        yield from rule(doc.data)
    yield from known_criteria(doc.data, criteria)
    yield from personal_data(doc, approved_contacts(doc.data))
    if not publicly_named(doc.data):
        yield from places(doc)


def unfinished(doc: Document, publishing: bool) -> Iterator[Finding]:
    """What is not written yet; checked even where the schema refused the data."""
    yield from body(doc)
    yield from fill_ins(doc, publishing)
