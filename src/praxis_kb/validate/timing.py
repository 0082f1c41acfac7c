"""Rules for the dates of a case: spans, periods and the timeline, compared as precisely as they are.

A date in a case is as precise as its sources: "2018", "2018-02" or "2018-02-01", a season of a
year, a span ({datum: "2018", bis: "2019"}) or no date at all ({datum: unbekannt, anmerkung: …}).
The rules compare each date as the earliest and the latest day it allows (like
``model.DatePoint.bounds``), so "2018" and "2018-02-01" are never out of order: only what is
certainly in the wrong order is reported. Undated values are skipped.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import Any

from praxis_kb.load.strictyaml import Path_
from praxis_kb.problems import Code
from praxis_kb.validate.findings import Finding, warning

UNKNOWN = "unbekannt"
Bounds = tuple[str, str]


# -- one date -------------------------------------------------------------------------------------
def _earliest(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _latest(value: str) -> str:
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:]))[1]:02d}"
    return value


def _plain(value: Any) -> str:
    """The date of a value as written ("" when it is undated or not a date at all)."""
    if isinstance(value, dict):
        value = value.get("datum")
    return value if isinstance(value, str) and value != UNKNOWN and value[:4].isdigit() else ""


def bounds(point: Any) -> Bounds | None:
    """The earliest and latest day a date allows (ISO), or None for an undated value."""
    start = _plain(point)
    if not start:
        return None
    end = point.get("bis") if isinstance(point, dict) else None
    return _earliest(start), _latest(end if isinstance(end, str) and end[:4].isdigit() else start)


def shown(point: Any) -> str:
    """A date as the contributor wrote it, for a message: 2018, or 2018 bis 2019."""
    start = _plain(point)
    end = point.get("bis") if isinstance(point, dict) else None
    return f"{start} bis {end}" if isinstance(end, str) and end else start


def certainly_before(first: Any, second: Any) -> bool:
    """Whether *first* ended before *second* could have begun, whatever their precision."""
    a, b = bounds(first), bounds(second)
    return a is not None and b is not None and a[1] < b[0]


# -- every date value of a case -------------------------------------------------------------------
def _date_objects(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every date written in its long form ({datum: …}) with its path."""
    if isinstance(data, dict):
        if "datum" in data and not isinstance(data["datum"], (dict, list)):
            yield path, data
        for key, value in data.items():
            yield from _date_objects(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _date_objects(value, path + (index,))


def date_values(data: dict[str, Any]) -> Iterator[Finding]:
    """An undated value says why; a season belongs to a year; a span ends after it begins."""
    for path, point in _date_objects(data):
        start = point["datum"]
        if start in (UNKNOWN, None) and not str(point.get("anmerkung") or "").strip():
            yield Finding(
                Code.CASE_UNDATED_WITHOUT_NOTE,
                "Ohne Datum braucht die Angabe eine Anmerkung",
                'schreiben Sie darunter anmerkung: "…" – was man über den Zeitpunkt weiß oder warum er fehlt',
                path + ("datum",),
            )
        if "jahreszeit" in point and not (isinstance(start, str) and len(start) == 4 and start.isdigit()):
            yield Finding(
                Code.CASE_SEASON_WITHOUT_YEAR,
                f"Eine Jahreszeit gehört zu einem Jahr, hier steht „{start}“",
                'schreiben Sie nur das Jahr, z. B. datum: "2016" mit jahreszeit: fruehjahr – oder lassen Sie jahreszeit weg',
                path + ("jahreszeit",),
            )
        end = point.get("bis")
        if isinstance(end, str) and _plain(start) and certainly_before({"datum": end}, {"datum": start}):
            yield Finding(
                Code.CASE_END_BEFORE_START,
                f"Die Spanne endet ({end}) vor ihrem Anfang ({start})",
                'bei einer Spanne steht unter datum der Anfang und unter bis das Ende, z. B. datum: "2018", bis: "2019"',
                path + ("bis",),
            )


# -- periods: seit/bis, beginn/ende ---------------------------------------------------------------
def _periods(data: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any], str, str]]:
    """Everything in a case that holds for a time: (path, mapping, key of start, key of end)."""
    yield ("zeitraum",), data["zeitraum"], "beginn", "ende"
    for key, actor in data.get("akteure", {}).items():
        yield ("akteure", key), actor, "seit", "bis"
        for kind, span in actor.get("zeitraum_je_typ", {}).items():
            yield ("akteure", key, "zeitraum_je_typ", kind), span, "seit", "bis"
    for field in ("beziehungen", "instrumente", "angebote", "traeger"):
        for index, item in enumerate(data.get(field, [])):
            yield (field, index), item, "seit", "bis"
    for index, item in enumerate(data.get("foerderung", [])):
        yield ("foerderung", index), item, "beginn", "ende"


def periods(data: dict[str, Any]) -> Iterator[Finding]:
    """Everything that holds for a time ends after it begins (a period of unknown precision too)."""
    for path, item, start, end in _periods(data):
        if start in item and end in item and certainly_before(item[end], item[start]):
            yield Finding(
                Code.CASE_END_BEFORE_START,
                f"Das Ende ({shown(item[end])}) liegt vor dem Beginn ({shown(item[start])})",
                "prüfen Sie die beiden Daten",
                path + (end,),
            )


def timeline(data: dict[str, Any]) -> Iterator[Finding]:
    """The timeline runs from the oldest event to the newest (one warning, at the first step back).

    An event is out of order only when it certainly happened before an earlier entry began: "2018"
    after "2018-02-01" is in order. Undated events may stand anywhere.
    """
    latest_start: tuple[str, Any] | None = None  # the latest start of the entries so far, and that entry's date
    for index, event in enumerate(data["zeitleiste"]):
        span = bounds(event["datum"])
        if span is None:
            continue
        if latest_start is not None and span[1] < latest_start[0]:
            yield warning(
                Code.CASE_TIMELINE_UNORDERED,
                f"Die Zeitleiste ist nicht zeitlich geordnet: {shown(event['datum'])} steht nach {shown(latest_start[1])}",
                "ordnen Sie die Ereignisse vom ältesten zum neuesten",
                ("zeitleiste", index, "datum"),
            )
            return
        if latest_start is None or span[0] > latest_start[0]:
            latest_start = (span[0], event["datum"])


def operators(data: dict[str, Any]) -> Iterator[Finding]:
    """The operators follow each other: listed in order, and one's period ends before the next begins."""
    history = data.get("traeger", [])
    for index in range(1, len(history)):
        before, after = history[index - 1], history[index]
        if certainly_before(after["seit"], before["seit"]):
            yield warning(
                Code.CASE_OPERATORS_UNORDERED,
                f"Die Trägerschaft ist nicht zeitlich geordnet: „{after['akteur']}“ (seit {shown(after['seit'])}) steht nach „{before['akteur']}“ (seit {shown(before['seit'])})",
                "ordnen Sie die Einträge unter traeger vom ersten zum heutigen Träger",
                ("traeger", index, "seit"),
            )
        elif "bis" in before and certainly_before(after["seit"], before["bis"]):
            yield warning(
                Code.CASE_OPERATORS_OVERLAP,
                f"„{before['akteur']}“ trägt die Praxis bis {shown(before['bis'])}, „{after['akteur']}“ aber schon seit {shown(after['seit'])}",
                "prüfen Sie bis und seit; haben beide die Praxis eine Zeit lang gemeinsam getragen, erklären Sie es unter anmerkung und bestätigen Sie den Hinweis unter gepruefte_hinweise",
                ("traeger", index, "seit"),
            )
