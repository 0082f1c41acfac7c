"""The JSON Schemas in schemas/ and the one generated from the vocabularies.

The vocabularies in kriterien/vokabulare/ are the single source of the allowed values:
``vokabular-werte.schema.json`` is generated from them (``praxis schema``) and the hand-written
schemas refer to it. Validation always uses the values generated from the current vocabulary
files; the file on disk exists for editors and for the open data, and a test keeps it current.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from praxis_kb.load import filecache

CASE_SCHEMA = "praxisbeispiel.schema.json"
CRITERION_SCHEMA = "kriterium.schema.json"
VOCABULARY_SCHEMA = "vokabular.schema.json"
VALUES_SCHEMA = "vokabular-werte.schema.json"
HAND_WRITTEN = (CASE_SCHEMA, CRITERION_SCHEMA, VOCABULARY_SCHEMA)

# Vocabularies the schemas refer to; each must exist as kriterien/vokabulare/<id>.yml.
REQUIRED_VOCABULARIES = (
    "akteursgruppen",
    "akteurstypen",
    "angebotsarten",
    "beziehungsarten",
    "bezuege",
    "eignungsurteile",
    "evidenzgrade",
    "gemeindestrukturen",
    "genauigkeiten",
    "haeufigkeiten",
    "handlungsfelder",
    "herkunftsarten",
    "instrumente",
    "jahreszeiten",
    "kriteriengruppen",
    "partizipationsbereiche",
    "partizipationsstufen",
    "quellenarten",
    "rahmenwerke",
    "regionen",
    "ressourcen",
    "rueckendeckung",
    "standorttypen",
    "status",
    "uebersetzungsstatus",
)


def values_schema(vocabularies: Mapping[str, list[str]]) -> dict[str, Any]:
    """Build ``vokabular-werte.schema.json`` from ``{vocabulary id: [entry ids]}``."""
    defs: dict[str, Any] = {}
    for vocabulary in sorted(set(vocabularies) | set(REQUIRED_VOCABULARIES)):
        defs[vocabulary] = {
            "description": f"Erlaubte Werte aus kriterien/vokabulare/{vocabulary}.yml.",
            "enum": list(vocabularies.get(vocabulary, [])),
            "x-vokabular": vocabulary,
        }
    site_types = list(vocabularies.get("standorttypen", []))
    defs["eignung_je_standorttyp"] = {
        "description": "Für jeden Standorttyp ein Eignungsurteil; bei bedingt-geeignet und nicht-geeignet mit Bedingungen oder Gründen.",
        "type": "object",
        "required": site_types,
        "propertyNames": {"$ref": "#/$defs/standorttypen"},
        "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "required": ["urteil"],
            "properties": {
                "urteil": {
                    "title": "Urteil",
                    "description": "geeignet, bedingt-geeignet oder nicht-geeignet.",
                    # in a draft, still to decide (praxis new): a fill-in marker
                    "anyOf": [{"$ref": "#/$defs/eignungsurteile"}, {"$ref": f"{CASE_SCHEMA}#/$defs/ergaenzen"}],
                    "x-ergaenzen": "geeignet, bedingt-geeignet oder nicht-geeignet",
                },
                "bedingungen": {
                    "title": "Bedingungen oder Gründe",
                    "description": "Unter welchen Bedingungen die Praxis passt, oder warum nicht.",
                    "type": "string",
                    "minLength": 1,
                    "pattern": "\\S",
                    "maxLength": 4000,
                    "x-uebersetzbar": True,
                },
            },
            "if": {"properties": {"urteil": {"const": "geeignet"}}, "required": ["urteil"]},
            "else": {
                "required": ["bedingungen"],
                "x-hinweis": "Bei bedingt-geeignet und nicht-geeignet: nennen Sie unter bedingungen die Bedingungen oder Gründe",
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Erlaubte Werte aus den Vokabularen",
        "description": "Automatisch erzeugt aus kriterien/vokabulare/*.yml mit „praxis schema“. Nicht von Hand ändern.",
        "$defs": defs,
    }


def render_values_schema(vocabularies: Mapping[str, list[str]]) -> str:
    return json.dumps(values_schema(vocabularies), ensure_ascii=False, indent=2) + "\n"


def load_hand_written(schema_dir: Path) -> dict[str, dict[str, Any]]:
    """The hand-written schemas, read again when one changes (a preview keeps this process)."""
    return {name: filecache.parsed(schema_dir.resolve() / name, json.loads) for name in HAND_WRITTEN}


# Base address under which the schemas refer to each other (their "$ref"s are relative file names).
_BASE_URI = "https://praxis-kb.invalid/schemas/"


class _Checked:
    """One schema, two validators: jsonschema-rs (compiled, about 80 times faster) answers whether
    a file is valid; only for an invalid file does jsonschema list the errors, whose paths and
    keywords messages.py turns into German. Tests keep the two in agreement on every fixture."""

    def __init__(self, explain: Draft202012Validator, quick: Any) -> None:
        self.explain = explain
        self.quick = quick
        self.schema = explain.schema

    def is_valid(self, instance: Any) -> bool:
        return bool(self.quick.is_valid(instance))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if self.quick.is_valid(instance):
            return iter(())
        return self.explain.iter_errors(instance)


class Validators:
    """Ready validators for the three kinds of content file."""

    def __init__(self, schema_dir: Path, vocabularies: Mapping[str, list[str]]) -> None:
        schemas = dict(load_hand_written(schema_dir))
        schemas[VALUES_SCHEMA] = values_schema(vocabularies)
        self.schemas = schemas
        self.translatable: list[tuple[str, ...]] | None = None  # translatable_paths(), once
        registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(contents, default_specification=DRAFT202012)) for name, contents in schemas.items()
        )
        self.registry = registry
        checker = FormatChecker(["date"])
        compiled = jsonschema_rs.Registry([(_BASE_URI + name, contents) for name, contents in schemas.items()])

        def both(name: str) -> _Checked:
            explain = Draft202012Validator(schemas[name], registry=registry, format_checker=checker)
            quick = jsonschema_rs.validator_for(schemas[name], registry=compiled, base_uri=_BASE_URI + name, validate_formats=True)
            return _Checked(explain, quick)

        self.case = both(CASE_SCHEMA)
        self.criterion = both(CRITERION_SCHEMA)
        self.vocabulary = both(VOCABULARY_SCHEMA)

    def resolve(self, base: str, ref: str) -> dict[str, Any]:
        """Follow a ``$ref`` found in schema *base*."""
        resolver = self.registry.resolver(base_uri=base)
        return resolver.lookup(ref).contents  # type: ignore[no-any-return]


def translatable_paths(validators: Validators) -> list[tuple[str, ...]]:
    """Paths in a case whose value is text to translate (``*`` = any key or list index).

    Derived from the schema: every string property marked ``x-uebersetzbar``.
    """
    if validators.translatable is None:
        found: list[tuple[str, ...]] = []
        _walk(validators, validators.schemas[CASE_SCHEMA], CASE_SCHEMA, (), 0, found)
        validators.translatable = sorted(set(found))
    return validators.translatable


def _walk(validators: Validators, schema: dict[str, Any], base: str, path: tuple[str, ...], depth: int, found: list[tuple[str, ...]]) -> None:
    """Collect the paths of translatable texts below *schema*, following ``$ref``s."""
    if depth > 20:
        return
    if "$ref" in schema:
        ref = schema["$ref"]
        _walk(validators, validators.resolve(base, ref), ref.split("#", 1)[0] or base, path, depth + 1, found)
    if schema.get("x-uebersetzbar"):
        found.append(path)
    children = [(sub, path + (key,)) for key, sub in schema.get("properties", {}).items()]
    children += [(schema[k], path + ("*",)) for k in ("additionalProperties", "items") if isinstance(schema.get(k), dict)]
    children += [(sub, path) for keyword in ("anyOf", "oneOf", "allOf") for sub in schema.get(keyword, [])]
    for sub, sub_path in children:
        _walk(validators, sub, base, sub_path, depth + 1, found)
