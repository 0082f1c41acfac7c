"""JSON Schema errors, told in words a social worker understands.

jsonschema's messages are English and written for programmers ("'x' is not one of [...]");
``best_match`` is a heuristic whose wording changes between versions. We sort ``iter_errors`` by
path and write each message ourselves, by the keyword that failed; the keyword also gives the
problem's code (``maxLength`` → ``schema-max-length``, see ``Code.for_schema_keyword``).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from jsonschema import ValidationError

from praxis_kb.load.sources import describe_type
from praxis_kb.load.strictyaml import Path_
from praxis_kb.problems import Code
from praxis_kb.validate.findings import Finding

TYPE_WORDS = {
    "string": "ein Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "Angaben der Form „feld: wert“",
    "null": "leer",
}


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
        return f'setzen Sie den Wert in Anführungszeichen: "{value}"'
    if "string" in expected_set and value is None:
        return "tragen Sie nach dem Doppelpunkt einen Text ein"
    if "array" in expected_set and isinstance(value, str):
        return f"schreiben Sie eine Liste, z. B. [{value}] oder jeden Eintrag in eine eigene Zeile mit „- “"
    if ("integer" in expected_set or "number" in expected_set) and isinstance(value, str):
        return "schreiben Sie nur die Zahl, ohne Einheit und ohne Anführungszeichen"
    return ""


def _found(error: ValidationError, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> Finding:
    return Finding(Code.for_schema_keyword(str(error.validator)), message, hint, path, at_key)


def _expected(error: ValidationError) -> Any:
    """The value of the failed keyword (e.g. the allowed values of an enum)."""
    return error.validator_value


def _instance(error: ValidationError) -> Any:
    """The value in the file that failed."""
    return error.instance


def _schema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _property_name(error: ValidationError, path: Path_) -> Iterator[Finding]:
    """A key refused by ``propertyNames``: the instance is the key; point at the key itself."""
    value = _instance(error)
    key_path = path + (value,)
    if error.validator == "enum":
        hint = _join(did_you_mean(value, _expected(error)), _allowed(list(_expected(error)), _schema(error)))
        message = f"„{value}“ ist hier kein erlaubter Eintrag"
    else:
        hint = _schema(error).get("x-hinweis", "nur Kleinbuchstaben a–z, Ziffern und Bindestriche")
        message = f"„{value}“ ist keine gültige Kennung"
    yield Finding(Code.SCHEMA_PROPERTY_NAMES, message, hint, key_path, at_key=True)


def _required(error: ValidationError, path: Path_) -> Iterator[Finding]:
    schema = _schema(error)
    properties = schema.get("properties", {})
    for name in _expected(error):
        if isinstance(_instance(error), dict) and name not in _instance(error):
            # a condition (if/then/else) names the field without describing it: its title elsewhere
            title = properties.get(name, {}).get("title") or (_TITLES.get() or {}).get(name)
            label = f"„{title}“ ({name})" if title else f"„{name}“"
            hint = properties.get(name, {}).get("description", "") or schema.get("x-hinweis", "")
            yield _found(error, path, f"Pflichtangabe {label} fehlt", hint, at_key=True)


def _additional_properties(error: ValidationError, path: Path_) -> Iterator[Finding]:
    known = list(_schema(error).get("properties", {}))
    for name in _instance(error):
        if name not in known:
            hint = did_you_mean(name, known) or (f"bekannte Felder hier: {', '.join(known)}" if known else "")
            yield _found(error, path + (name,), f"Unbekanntes Feld „{name}“", hint, at_key=True)


def _enum(error: ValidationError, path: Path_) -> Iterator[Finding]:
    value = _instance(error)
    yield _found(
        error, path, f"'{value}' ist kein erlaubter Wert", _join(did_you_mean(value, _expected(error)), _allowed(list(_expected(error)), _schema(error)))
    )


def _const(error: ValidationError, path: Path_) -> Iterator[Finding]:
    expected, value = _expected(error), _instance(error)
    if expected is True:
        if isinstance(value, str) and value.strip().lower() in ("true", "ja", "yes"):  # "true" in quotes is a text
            yield _found(error, path, f"muss true sein (steht hier der Text '{value}')", "schreiben Sie true ohne Anführungszeichen")
            return
        shown = "false" if value is False else f"'{value}'"
        yield _found(error, path, f"muss true sein (steht hier: {shown})", _schema(error).get("x-hinweis") or _schema(error).get("description", ""))
    elif expected is False:
        shown = "true" if value is True else f"'{value}'"
        yield _found(error, path, f"muss false sein (steht hier: {shown})", _schema(error).get("x-hinweis") or _schema(error).get("description", ""))
    else:
        yield _found(error, path, f"muss {expected!r} sein")


def _type(error: ValidationError, path: Path_) -> Iterator[Finding]:
    expected, value = _expected(error), _instance(error)
    words = " oder ".join(TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    yield _found(error, path, f"Hier wird {words} erwartet, gefunden wurde {describe_type(value, nominative=True)}", _type_hint(expected, value))


def _pattern(error: ValidationError, path: Path_) -> Iterator[Finding]:
    if _expected(error) == "\\S":
        yield _found(error, path, "darf nicht nur aus Leerzeichen bestehen", "tragen Sie einen Text ein")
    else:
        yield _found(error, path, f"'{_instance(error)}' hat nicht die erwartete Form", _schema(error).get("x-hinweis", f"Muster: {_expected(error)}"))


def _format(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, f"'{_instance(error)}' ist kein gültiges Datum", 'den Tag gibt es im Kalender nicht; Form: "JJJJ-MM-TT"')


def _min_length(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, "darf nicht leer sein", "tragen Sie einen Text ein")


def _max_length(error: ValidationError, path: Path_) -> Iterator[Finding]:
    message = f"ist zu lang ({len(_instance(error))} Zeichen, höchstens {_expected(error)})"
    yield _found(error, path, message, "kürzen Sie den Text; Ausführliches gehört in die Beschreibung unter dem Kopfbereich")


def _too_few(error: ValidationError, path: Path_) -> Iterator[Finding]:
    n = _expected(error)
    yield _found(error, path, f"braucht mindestens {n} {'Eintrag' if n == 1 else 'Einträge'}", _schema(error).get("description", ""))


def _too_many(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, f"hat zu viele Einträge (höchstens {_expected(error)})")


def _unique_items(error: ValidationError, path: Path_) -> Iterator[Finding]:
    seen: list[Any] = []
    for item in _instance(error):
        if item in seen:
            yield _found(error, path, f"'{item}' steht doppelt in der Liste", "jeden Eintrag nur einmal nennen")
            return
        seen.append(item)
    yield _found(error, path, "enthält einen Eintrag doppelt", "jeden Eintrag nur einmal nennen")


def _at_least(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, f"muss mindestens {_expected(error)} sein (steht hier: {_instance(error)})")


def _at_most(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, f"darf höchstens {_expected(error)} sein (steht hier: {_instance(error)})")


def _alternatives(error: ValidationError, path: Path_) -> Iterator[Finding]:
    """For anyOf/oneOf: explain the branch whose type fits, else give the schema's hint."""
    branches = _branches(error)
    if _schema(error).get("x-angabe") or _unknown_branch(error) is not None:
        yield from _stated(error, path, branches)
        return
    valued = _without_fill_in(error, branches)
    if len(valued) == 1:  # a value that may stay a fill-in marker in a draft: explain the value
        fallback = _schema(error).get("x-hinweis") or _schema(error).get("description", "")
        for sub in sorted(valued[0], key=lambda e: [str(p) for p in e.absolute_path]):
            yield from (found if found.hint else dataclasses.replace(found, hint=fallback) for found in findings(sub))
        return
    fitting = [errs for errs in branches.values() if not _wrong_type(errs, path)]
    if _schema(error).get("x-aussage"):
        # A text that may carry a note: a plain text is explained by the plain branch, an object
        # by the object branch.
        last = len(_schema(error).get("anyOf", [])) - 1
        fitting = [errs for errs in [branches.get(last if isinstance(_instance(error), dict) else 0, [])] if errs and not _wrong_type(errs, path)]
    if len(fitting) == 1:
        for sub in sorted(fitting[0], key=lambda e: [str(p) for p in e.absolute_path]):
            yield from findings(sub)
        return
    hints = [_type_hint(_expected(e), _instance(error)) for errs in branches.values() for e in errs if e.validator == "type"]
    yield _found(
        error,
        path,
        f"Diese Angabe hat nicht die erwartete Form (gefunden: {describe_type(_instance(error), nominative=True)})",
        next((h for h in hints if h), "") or _schema(error).get("x-hinweis", ""),
    )


def _without_fill_in(error: ValidationError, branches: dict[int, list[ValidationError]]) -> list[list[ValidationError]]:
    """The errors of each branch but the fill-in marker (``$defs/ergaenzen``), when there is one."""
    alternatives = _schema(error).get("anyOf", [])
    marker = [i for i, branch in enumerate(alternatives) if str(branch.get("$ref", "")).endswith("/ergaenzen")]
    return [errs for i, errs in sorted(branches.items()) if i not in marker] if marker else []


def _branches(error: ValidationError) -> dict[int, list[ValidationError]]:
    """The errors of an anyOf/oneOf, by the branch they belong to."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    return branches


def _wrong_type(errors: list[ValidationError], path: Path_) -> bool:
    return any(e.validator == "type" and tuple(e.absolute_path) == path for e in errors)


def _unknown_branch(error: ValidationError) -> int | None:
    """The branch of an anyOf that is the word unbekannt (a value that may be unknown), if any."""
    for sub in error.context or []:
        inner = [sub, *(sub.context or [])]
        if any(e.validator == "const" and e.validator_value == UNKNOWN for e in inner):
            return int(sub.schema_path[0])
    return None


# -- values that may be unknown (x-angabe): the value, unbekannt, or {wert, genauigkeit, anmerkung} --
UNKNOWN = "unbekannt"
# What people write when they mean "unknown" (lower case, without blanks and dots).
UNKNOWN_WORDS = frozenset(
    {"nichtbekannt", "unklar", "ungeklärt", "ka", "keineangabe", "keineangaben", "weißnicht", "weissnicht", "nb", "na", "unknown", "offen", "tbd"}
)
UNKNOWN_HINT = "meinten Sie 'unbekannt'? Mit Grund: {wert: unbekannt, anmerkung: \"…\"}"
ESTIMATE = re.compile(r"^\s*(?:ca\.?|circa|etwa|ungefähr|rund|~)\s*(\d+)\b", re.IGNORECASE)


def means_unknown(value: Any) -> bool:
    """Whether a value that is not the word unbekannt says "unknown" (unbekant, nicht bekannt, ?, k. A.)."""
    if not isinstance(value, str) or value == UNKNOWN:
        return False
    text = value.strip().lower()
    if text and all(c in "?-–—./ " for c in text):
        return True
    squeezed = re.sub(r"[\s.\-_/!?]", "", text)
    # a misspelt "unbekannt" (unbekant, unbeknnt), but not "bekannt": it starts with "un"
    return squeezed in UNKNOWN_WORDS or (squeezed.startswith("un") and difflib.SequenceMatcher(None, squeezed, UNKNOWN).ratio() >= 0.8)


def _stated(error: ValidationError, path: Path_, branches: dict[int, list[ValidationError]]) -> Iterator[Finding]:
    """A value that may be unknown: explain the plain value, or the long form {wert: …}."""
    value, hint = _instance(error), _schema(error).get("x-hinweis", "")
    objects = [errs for errs in branches.values() if not _wrong_type(errs, path) and isinstance(value, dict)]
    if isinstance(value, dict) and objects:
        for sub in sorted(objects[-1], key=lambda e: ([str(p) for p in e.absolute_path], str(e.validator))):
            if sub.validator == "required" and "wert" in _expected(sub) and "wert" not in value:
                yield Finding(Code.SCHEMA_REQUIRED, "In der ausführlichen Form fehlt der Wert selbst (wert)", hint or LONG_FORM, path, at_key=True)
            else:
                yield from findings(sub)
        return
    plain = branches.get(0, [])
    if isinstance(value, (dict, list)) or not plain:
        yield _found(error, path, f"Diese Angabe hat nicht die erwartete Form (gefunden: {describe_type(value, nominative=True)})", hint)
    elif means_unknown(value):
        yield _found(plain[0], path, f"'{value}' ist kein erlaubter Wert", UNKNOWN_HINT)
    else:
        for sub in plain:
            yield from _or_unknown(sub, path)


LONG_FORM = 'ausführlich: {wert: <Wert oder unbekannt>, genauigkeit: ungefaehr oder strittig, anmerkung: "Grund oder Quelle"}'


def _or_unknown(error: ValidationError, path: Path_) -> Iterator[Finding]:
    """The plain value of a statement that could also be unbekannt: say so in the message."""
    value, expected = _instance(error), _expected(error)
    if error.validator == "enum":
        allowed = _allowed(list(expected), _schema(error))
        yield _found(error, path, f"'{value}' ist kein erlaubter Wert", _join(did_you_mean(value, expected), f"{allowed} – oder unbekannt"))
    elif error.validator == "type":
        words = " oder ".join(TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        estimate = ESTIMATE.match(value) if isinstance(value, str) else None
        hint = f"eine geschätzte Zahl schreiben Sie so: {{wert: {estimate[1]}, genauigkeit: ungefaehr}}" if estimate else _type_hint(expected, value)
        yield _found(error, path, f"Hier wird {words} oder unbekannt erwartet, gefunden wurde {describe_type(value, nominative=True)}", hint)
    elif error.validator in ("minimum", "exclusiveMinimum"):
        yield _found(error, path, f"muss mindestens {expected} sein (steht hier: {value})", "ist der Wert nicht bekannt, schreiben Sie unbekannt")
    elif error.validator in ("maximum", "exclusiveMaximum"):
        yield _found(error, path, f"darf höchstens {expected} sein (steht hier: {value})", "ist der Wert nicht bekannt, schreiben Sie unbekannt")
    else:
        yield from findings(error)


def _not(error: ValidationError, path: Path_) -> Iterator[Finding]:
    """A field that must not be there (``not: {}``), with the schema's reason."""
    yield _found(error, path, f"„{path[-1]}“ gehört hier nicht hin" if path else "Diese Angabe gehört hier nicht hin", _schema(error).get("x-hinweis", ""))


def _other(error: ValidationError, path: Path_) -> Iterator[Finding]:
    yield _found(error, path, f"entspricht nicht den Regeln ({error.validator})", _schema(error).get("description", ""))


_BY_KEYWORD = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "enum": _enum,
    "const": _const,
    "type": _type,
    "pattern": _pattern,
    "format": _format,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _too_few,
    "minProperties": _too_few,
    "maxItems": _too_many,
    "maxProperties": _too_many,
    "uniqueItems": _unique_items,
    "minimum": _at_least,
    "exclusiveMinimum": _at_least,
    "maximum": _at_most,
    "exclusiveMaximum": _at_most,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "not": _not,
}


def findings(error: ValidationError) -> Iterator[Finding]:
    """One or more findings for one schema error, coded by the keyword that failed."""
    path: Path_ = tuple(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path:
        return _property_name(error, path)
    return _BY_KEYWORD.get(str(error.validator), _other)(error, path)


# The title of each field name that has one title wherever the schema describes it (set per check).
_TITLES: ContextVar[dict[str, str] | None] = ContextVar("titles", default=None)


def titles(schema: Any) -> dict[str, str]:
    """Field name → title, for the names whose title is the same everywhere in *schema*."""
    found: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if isinstance(sub, dict) and sub.get("title"):
                    found.setdefault(name, set()).add(sub["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return {name: next(iter(named)) for name, named in found.items() if len(named) == 1}


def schema_findings(validator: Any, data: Any) -> list[Finding]:
    """Check *data* against a ``schemas.Validators`` member: the findings, sorted by path.

    The validator's fast path (jsonschema-rs) decides validity; only an invalid file is explained.
    """
    schema = getattr(validator, "schema", None)
    _TITLES.set(_cached_titles(schema))
    ordered = sorted(validator.iter_errors(data), key=lambda e: ([str(p) for p in e.absolute_path], str(e.validator)))
    # A value with the wrong form is not also reported as an impossible date,
    # an empty text is not also reported as blank.
    malformed = {tuple(e.absolute_path) for e in ordered if e.validator == "pattern"}
    empty = {tuple(e.absolute_path) for e in ordered if e.validator == "minLength"}
    ordered = [
        e
        for e in ordered
        if not (e.validator == "format" and tuple(e.absolute_path) in malformed) and not (e.validator == "pattern" and tuple(e.absolute_path) in empty)
    ]
    return [finding for error in ordered for finding in findings(error)]


# Titles per schema object (kept with the schema, so that its id is not reused while cached).
_CACHE: dict[int, tuple[Any, dict[str, str]]] = {}


def _cached_titles(schema: Any) -> dict[str, str]:
    if not isinstance(schema, dict):
        return {}
    if id(schema) not in _CACHE:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[id(schema)] = (schema, titles(schema))
    return _CACHE[id(schema)][1]
