"""JSON Schema errors, told in words a social worker understands.

jsonschema's messages are English and written for programmers ("'x' is not one of [...]");
``best_match`` is a heuristic whose wording changes between versions. We sort ``iter_errors`` by
path and write each message ourselves, by the keyword that failed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import ValidationError

from praxis_kb.load.sources import describe_type
from praxis_kb.load.strictyaml import Path_, Positions, json_path

TYPE_WORDS = {
    "string": "ein Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "Angaben der Form „feld: wert“",
    "null": "leer",
}

Finding = tuple[Path_, bool, str, str]  # (path, point at key?, message, hint)


def did_you_mean(value: Any, choices: Iterable[Any]) -> str:
    options = [str(c) for c in choices]
    matches = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    if not matches:
        lowered = str(value).strip().lower().replace(" ", "-").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        matches = [o for o in options if o == lowered]
    return f"meinten Sie '{matches[0]}'?" if matches else ""


def _allowed(choices: list[Any], schema: dict[str, Any]) -> str:
    shown = ", ".join(str(c) for c in choices[:12]) + (" …" if len(choices) > 12 else "")
    source = f" (siehe kriterien/vokabulare/{schema['x-vokabular']}.yml)" if "x-vokabular" in schema else ""
    return f"erlaubt: {shown}{source}"


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _type_hint(expected: str | list[str], value: Any) -> str:
    expected_set = {expected} if isinstance(expected, str) else set(expected)
    if "boolean" in expected_set and isinstance(value, str):
        return "schreiben Sie true oder false, ohne Anführungszeichen"
    if "string" in expected_set and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"setzen Sie den Wert in Anführungszeichen: \"{value}\""
    if "string" in expected_set and value is None:
        return "tragen Sie nach dem Doppelpunkt einen Text ein"
    if "array" in expected_set and isinstance(value, str):
        return f"schreiben Sie eine Liste, z. B. [{value}] oder jeden Eintrag in eine eigene Zeile mit „- “"
    if ("integer" in expected_set or "number" in expected_set) and isinstance(value, str):
        return "schreiben Sie nur die Zahl, ohne Einheit und ohne Anführungszeichen"
    return ""


def findings(error: ValidationError) -> Iterator[Finding]:
    """One or more findings (path, at_key, message, hint) for one schema error."""
    path: Path_ = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    keyword = error.validator
    in_property_names = "propertyNames" in error.absolute_schema_path

    if in_property_names:
        # The instance is the offending key; point at the key itself.
        key_path = path + (value,)
        if keyword == "enum":
            yield key_path, True, f"„{value}“ ist hier kein erlaubter Eintrag", _join(did_you_mean(value, error.validator_value), _allowed(list(error.validator_value), schema))
        else:
            yield key_path, True, f"„{value}“ ist keine gültige Kennung", schema.get("x-hinweis", "nur Kleinbuchstaben a–z, Ziffern und Bindestriche")
        return

    if keyword == "required":
        properties = schema.get("properties", {})
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                title = properties.get(name, {}).get("title")
                label = f"„{title}“ ({name})" if title else f"„{name}“"
                hint = properties.get(name, {}).get("description", "") or schema.get("x-hinweis", "")
                yield path, True, f"Pflichtangabe {label} fehlt", hint
        return
    if keyword == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in value:
            if name not in known:
                hint = did_you_mean(name, known) or (f"bekannte Felder hier: {', '.join(known)}" if known else "")
                yield path + (name,), True, f"Unbekanntes Feld „{name}“", hint
        return
    if keyword == "enum":
        yield path, False, f"'{value}' ist kein erlaubter Wert", _join(did_you_mean(value, error.validator_value), _allowed(list(error.validator_value), schema))
        return
    if keyword == "const":
        expected = error.validator_value
        if expected is True:
            shown = "false" if value is False else f"'{value}'"
            yield path, False, f"muss true sein (steht hier: {shown})", schema.get("description", "")
        else:
            yield path, False, f"muss {expected!r} sein", ""
        return
    if keyword == "type":
        expected = error.validator_value
        words = " oder ".join(TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        yield path, False, f"Hier wird {words} erwartet, gefunden wurde {describe_type(value, nominative=True)}", _type_hint(expected, value)
        return
    if keyword == "pattern":
        if error.validator_value == "\\S":
            yield path, False, "darf nicht nur aus Leerzeichen bestehen", "tragen Sie einen Text ein"
        else:
            yield path, False, f"'{value}' hat nicht die erwartete Form", schema.get("x-hinweis", f"Muster: {error.validator_value}")
        return
    if keyword == "format":
        yield path, False, f"'{value}' ist kein gültiges Datum", "den Tag gibt es im Kalender nicht; Form: \"JJJJ-MM-TT\""
        return
    if keyword == "minLength":
        yield path, False, "darf nicht leer sein", "tragen Sie einen Text ein"
        return
    if keyword == "maxLength":
        yield path, False, f"ist zu lang ({len(value)} Zeichen, höchstens {error.validator_value})", "kürzen Sie den Text; Ausführliches gehört in die Beschreibung unter dem Kopfbereich"
        return
    if keyword in ("minItems", "minProperties"):
        n = error.validator_value
        yield path, False, f"braucht mindestens {n} {'Eintrag' if n == 1 else 'Einträge'}", schema.get("description", "")
        return
    if keyword in ("maxItems", "maxProperties"):
        yield path, False, f"hat zu viele Einträge (höchstens {error.validator_value})", ""
        return
    if keyword == "uniqueItems":
        seen: list[Any] = []
        for item in value:
            if item in seen:
                yield path, False, f"'{item}' steht doppelt in der Liste", "jeden Eintrag nur einmal nennen"
                return
            seen.append(item)
        yield path, False, "enthält einen Eintrag doppelt", "jeden Eintrag nur einmal nennen"
        return
    if keyword in ("minimum", "exclusiveMinimum"):
        yield path, False, f"muss mindestens {error.validator_value} sein (steht hier: {value})", ""
        return
    if keyword in ("maximum", "exclusiveMaximum"):
        yield path, False, f"darf höchstens {error.validator_value} sein (steht hier: {value})", ""
        return
    if keyword in ("anyOf", "oneOf"):
        yield from _alternatives(error)
        return
    yield path, False, f"entspricht nicht den Regeln ({keyword})", schema.get("description", "")


def _alternatives(error: ValidationError) -> Iterator[Finding]:
    """For anyOf/oneOf: explain the branch whose type fits, else give the schema's hint."""
    path: Path_ = tuple(error.absolute_path)
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    fitting = [errs for errs in branches.values() if not any(e.validator == "type" and tuple(e.absolute_path) == path for e in errs)]
    if len(fitting) == 1:
        for sub in sorted(fitting[0], key=lambda e: [str(p) for p in e.absolute_path]):
            yield from findings(sub)
        return
    hint = error.schema.get("x-hinweis", "") if isinstance(error.schema, dict) else ""
    yield path, False, f"Diese Angabe hat nicht die erwartete Form (gefunden: {describe_type(error.instance, nominative=True)})", hint


def schema_problems(errors: Iterable[ValidationError], positions: Positions) -> list[tuple[int, int, str, str, str]]:
    """Turn schema errors into (line, column, json path, message, hint), sorted by path."""
    out: list[tuple[int, int, str, str, str]] = []
    ordered = sorted(errors, key=lambda e: ([str(p) for p in e.absolute_path], str(e.validator)))
    # A value with the wrong form is not also reported as an impossible date,
    # an empty text is not also reported as blank.
    malformed = {tuple(e.absolute_path) for e in ordered if e.validator == "pattern"}
    empty = {tuple(e.absolute_path) for e in ordered if e.validator == "minLength"}
    ordered = [
        e for e in ordered
        if not (e.validator == "format" and tuple(e.absolute_path) in malformed)
        and not (e.validator == "pattern" and tuple(e.absolute_path) in empty)
    ]
    for error in ordered:
        for path, at_key, message, hint in findings(error):
            line, column = positions.of_key(path) if at_key else positions.of_value(path)
            out.append((line, column, json_path(path), message, hint))
    return out
