"""Problems found in content files, and how they are collected.

Every problem names the file, line and column, the path in the data, a message a contributor
understands and, where possible, a hint how to fix it. Nothing in the package raises a traceback
at a contributor: loaders and validators collect problems and the caller reports them once.

Every problem also carries a stable :class:`Code`, like a linter's rule id. The message is for
people and may be reworded at any time; code that reacts to a problem (the validator itself, the
build, tests, bots reading ``praxis validate --format json``) checks the code, never the wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Self


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # shown, never failing: a warning a person has acknowledged (gepruefte_hinweise), a draft (case-draft)


class Code(StrEnum):
    """Every problem the package reports, one stable kebab-case code each.

    The first word names the stage or the kind of file: ``file-`` (reading bytes, file names),
    ``front-matter-``, ``yaml-``, ``schema-`` (one code per JSON Schema keyword), then the
    cross-file rules: ``id-``, ``label-``, ``vocabulary-``, ``criterion-``, ``case-``,
    ``translation-``, ``privacy-``; ``fill-in`` and ``operator-missing`` stand alone. A code is
    never renamed or reused for another problem; the one-line summary says what it means.
    """

    summary: str

    def __new__(cls, value: str, summary: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.summary = summary
        return member

    def __str__(self) -> str:
        return str(self.value)

    # -- reading a file (load/sources.py) ------------------------------------------------------
    FILE_UNREADABLE = "file-unreadable", "the file cannot be read (missing, no permission)"
    FILE_EMPTY = "file-empty", "the file is empty or holds only whitespace"
    FILE_TOO_LARGE = "file-too-large", "the file is larger than the limit (256 KB)"
    FILE_BOM = "file-bom", "the file starts with a byte order mark"
    FILE_NUL = "file-nul", "the file contains a NUL byte, so it is no text file"
    FILE_NOT_UTF8 = "file-not-utf8", "the file is not valid UTF-8"
    FILE_CR = "file-cr", "a line ends with a carriage return alone (Windows line ends, CRLF, are read as LF)"
    FRONT_MATTER_MISSING = "front-matter-missing", "a case file does not start with a line ---"
    FRONT_MATTER_UNCLOSED = "front-matter-unclosed", "the front matter has no closing line ---"
    FRONT_MATTER_EMPTY = "front-matter-empty", "the front matter holds nothing but comments or blank lines"
    # -- YAML (load/strictyaml.py) -------------------------------------------------------------
    YAML_SYNTAX = "yaml-syntax", "the YAML cannot be parsed"
    YAML_TAB = "yaml-tab", "a tab character where YAML needs spaces"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key", "a key stands twice in the same mapping"
    YAML_ANCHOR = "yaml-anchor", "a YAML anchor (&name), refused"
    YAML_ALIAS = "yaml-alias", "a YAML alias (*name), refused"
    YAML_TAG = "yaml-tag", "an explicit YAML tag (!!type), refused"
    YAML_COMPLEX_KEY = "yaml-complex-key", "a key that is a list or mapping instead of plain text"
    YAML_SECOND_DOCUMENT = "yaml-second-document", "a second YAML document (another ---) in the file"
    YAML_NESTING = "yaml-nesting", "the YAML is nested too deeply to be read"
    YAML_NOT_MAPPING = "yaml-not-mapping", "the front matter or YAML file is not a mapping of fields"
    YAML_AMBIGUOUS_NUMBER = "yaml-ambiguous-number", "a number like 2.000 that YAML reads as 2 and a German reader as 2000"
    # -- JSON Schema (validate/messages.py): one code per keyword that failed -------------------
    SCHEMA_REQUIRED = "schema-required", "a required field is missing"
    SCHEMA_ADDITIONAL_PROPERTIES = "schema-additional-properties", "a field the schema does not know"
    SCHEMA_PROPERTY_NAMES = "schema-property-names", "a key (e.g. an actor id or site type) is not allowed"
    SCHEMA_ENUM = "schema-enum", "a value not in the vocabulary or list of allowed values"
    SCHEMA_CONST = "schema-const", "a value that must be exactly one thing (e.g. true) is not"
    SCHEMA_TYPE = "schema-type", "a value of the wrong type (text, number, list, fields)"
    SCHEMA_PATTERN = "schema-pattern", "a text without the expected form (or only blanks)"
    SCHEMA_FORMAT = "schema-format", "a date that does not exist in the calendar"
    SCHEMA_MIN_LENGTH = "schema-min-length", "an empty text"
    SCHEMA_MAX_LENGTH = "schema-max-length", "a text longer than allowed"
    SCHEMA_MIN_ITEMS = "schema-min-items", "a list with too few entries"
    SCHEMA_MAX_ITEMS = "schema-max-items", "a list with too many entries"
    SCHEMA_MIN_PROPERTIES = "schema-min-properties", "a mapping with too few entries"
    SCHEMA_MAX_PROPERTIES = "schema-max-properties", "a mapping with too many entries"
    SCHEMA_UNIQUE_ITEMS = "schema-unique-items", "a list names an entry twice"
    SCHEMA_MINIMUM = "schema-minimum", "a number below the minimum"
    SCHEMA_EXCLUSIVE_MINIMUM = "schema-exclusive-minimum", "a number not above the limit"
    SCHEMA_MAXIMUM = "schema-maximum", "a number above the maximum"
    SCHEMA_EXCLUSIVE_MAXIMUM = "schema-exclusive-maximum", "a number not below the limit"
    SCHEMA_ANY_OF = "schema-any-of", "a value that fits none of the allowed forms"
    SCHEMA_ONE_OF = "schema-one-of", "a value that fits not exactly one of the allowed forms"
    SCHEMA_NOT = "schema-not", "a field that must not be there (e.g. einwilligung_dokumentiert with herkunft: oeffentliche-quellen)"
    SCHEMA_OTHER = "schema-other", "any other schema keyword (the message names it)"
    # -- files and file names (validate/content.py, validate/cases.py) -------------------------
    FILE_NOT_CONTENT = "file-not-content", "a file given to validate is neither .md nor .yml"
    FILE_IN_SUBFOLDER = "file-in-subfolder", "a case file in a subfolder of praxis/"
    FILE_NOT_MARKDOWN = "file-not-markdown", "a file in praxis/ that is not a .md case file"
    FILE_NAME_NO_LANGUAGE = "file-name-no-language", "a case file name without a language (<id>.<lang>.md)"
    FILE_NAME_INVALID = "file-name-invalid", "a case file name that is no valid id"
    FILE_NAME_UNKNOWN_LANGUAGE = "file-name-unknown-language", "a case file in a language the site does not have"
    ID_NOT_FILE_NAME = "id-not-file-name", "the id in a file differs from its file name"
    LABEL_LANGUAGE_MISSING = "label-language-missing", "a multilingual label lacks one of the site's languages"
    # -- vocabularies (validate/vocabularies.py) -----------------------------------------------
    VOCABULARY_MISSING = "vocabulary-missing", "a vocabulary the schemas need does not exist"
    VOCABULARY_DUPLICATE_ID = "vocabulary-duplicate-id", "an entry id stands twice in a vocabulary"
    VOCABULARY_LEVEL_INCOMPLETE = "vocabulary-level-incomplete", "a participation level lacks stufe or bereich"
    VALUES_SCHEMA_STALE = "values-schema-stale", "schemas/vokabular-werte.schema.json is not generated from the current vocabularies"
    # -- criteria (validate/criteria.py) -------------------------------------------------------
    CRITERION_ORDER_DUPLICATE = "criterion-order-duplicate", "two criteria have the same position (reihenfolge)"
    # -- names taken from a vocabulary ({stufe:7}, {akteurstypen:fsa}; validate/references.py) -
    REFERENCE_UNKNOWN = "reference-unknown", "a reference in a text names a vocabulary, entry or ladder step that does not exist"
    REFERENCE_MALFORMED = "reference-malformed", "a text holds braces that are no readable reference"
    REFERENCE_IN_LABEL = "reference-in-label", "a label or name holds a reference (names are where references come from)"
    REVIEW_UNKNOWN_ENTRY = "review-unknown-entry", "uebersetzung_je_eintrag names an entry the file does not have (validate/review.py)"
    REFERENCE_TRANSLATION_DIFFERS = "reference-translation-differs", "a translation writes other references than the German text"
    # -- cases (validate/cases.py) -------------------------------------------------------------
    CASE_DUPLICATE_ID = "case-duplicate-id", "two case files have the same id"
    CASE_UNKNOWN_ACTOR = "case-unknown-actor", "a relation, instrument, offer or operator (traeger) names an actor the case does not list"
    CASE_SELF_RELATION = "case-self-relation", "a relation connects an actor with itself"
    CASE_UNKNOWN_SOURCE = "case-unknown-source", "a result, quote, figure or funding names a source the case does not list"
    CASE_UNKNOWN_CRITERION = "case-unknown-criterion", "a criterion that is not in the catalogue"
    CASE_END_BEFORE_START = "case-end-before-start", "something ends before it begins (zeitraum, seit/bis, beginn/ende, a span's datum/bis)"
    CASE_END_WHILE_RUNNING = "case-end-while-running", "a running practice (status laeuft) has an end"
    CASE_COSTS_INVERTED = "case-costs-inverted", "the upper bound of the costs is below the lower"
    CASE_TIMELINE_UNORDERED = "case-timeline-unordered", "the timeline is certainly not in date order (precision-aware; undated events skipped)"
    CASE_UNDATED_WITHOUT_NOTE = "case-undated-without-note", "a value without a date ({datum: unbekannt}) lacks the anmerkung that says why"
    CASE_SEASON_WITHOUT_YEAR = "case-season-without-year", "a jahreszeit with a date that is not a year"
    CASE_TYPE_PERIOD_UNKNOWN_TYPE = "case-type-period-unknown-type", "zeitraum_je_typ names a type the actor does not have"
    CASE_OPERATORS_UNORDERED = "case-operators-unordered", "the operators (traeger) are not listed in the order they took over"
    CASE_OPERATORS_OVERLAP = "case-operators-overlap", "an operator's period (traeger) ends after the next one's began"
    CASE_EMPTY_VALUE = "case-empty-value", "a value left empty where the schema would read it as unknown (write unbekannt)"
    CASE_ACKNOWLEDGEMENT_STALE = "case-acknowledgement-stale", "an entry of gepruefte_hinweise matches no warning (any more)"
    CASE_BODY_MISSING = "case-body-missing", "no description below the front matter"
    CASE_DRAFT = "case-draft", "a case the project team has not reviewed yet (no pruefung, zuletzt_geprueft): noted, an error when publishing"
    FILL_IN = "fill-in", "a value `praxis new` left to fill in (ERGÄNZEN:); an error when publishing"
    # -- personal data (validate/privacy.py) ---------------------------------------------------
    PRIVACY_EMAIL = "privacy-email", "an e-mail address in a text, without consent"
    PRIVACY_PHONE = "privacy-phone", "a phone number in a text, without consent"
    PRIVACY_NAME = "privacy-name", "a person named in a text"
    PRIVACY_PLACE_NAME = "privacy-place-name", "a Saxon municipality named in a case that is not oeffentlich_benannt"
    # -- translations (validate/translations.py) -----------------------------------------------
    TRANSLATION_WITHOUT_SOURCE = "translation-without-source", "a translation whose German original does not exist"
    TRANSLATION_STATUS_MISSING = "translation-status-missing", "a translation without uebersetzung: (its review status)"
    TRANSLATION_STATUS_UNKNOWN = "translation-status-unknown", "a review status other than geprueft or maschinell"
    TRANSLATION_NOT_TRANSLATABLE = "translation-not-translatable", "a field that holds no text to translate (ids, dates, choices)"
    TRANSLATION_NOT_IN_SOURCE = "translation-not-in-source", "a field or list entry the German original does not have"
    TRANSLATION_NOT_TEXT = "translation-not-text", "a translated value that is not text"
    TRANSLATION_EMPTY = "translation-empty", "a translated text that is empty"
    # -- the site (site/generate.py) -----------------------------------------------------------
    OPERATOR_MISSING = "operator-missing", "mkdocs.yml lacks the site operator's details (imprint, privacy)"

    @classmethod
    def for_schema_keyword(cls, keyword: str) -> Code:
        """The code of a failed JSON Schema keyword (``maxLength`` → ``schema-max-length``)."""
        kebab = "".join(f"-{c.lower()}" if c.isupper() else c for c in keyword)
        return next((code for code in cls if code.value == f"schema-{kebab}"), cls.SCHEMA_OTHER)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    code: Code
    path: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        """One line for contributors. Warnings name their code, which acknowledges them (gepruefte_hinweise: art)."""
        where = f"{self.file}:{self.line}:{self.column}"
        path = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        code = f" [{self.code}]" if self.severity is not Severity.ERROR else ""
        return f"{where}: {self.severity.value}: {path}{self.message}{hint}{code}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code.value,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class ContentError(Exception):
    """A single problem that stops loading one file (the loader turns it into a Problem)."""

    def __init__(self, line: int, column: int, message: str, hint: str = "", path: str = "", *, code: Code) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.path = path
        self.code = code


@dataclass
class Problems:
    """All problems of one run, in a stable order."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str | Path,
        line: int,
        column: int,
        message: str,
        *,
        code: Code,
        path: str = "",
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(str(file), line, column, severity, code, path, message, hint))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    @property
    def checked(self) -> list[Problem]:
        """Warnings a person has acknowledged (gepruefte_hinweise)."""
        return [p for p in self.sorted() if p.severity is Severity.INFO and p.code is not Code.CASE_DRAFT]

    def has(self, code: Code, severity: Severity | None = None) -> bool:
        """Is there a problem with *code* (of *severity*, if given)?"""
        return any(p.code is code and severity in (None, p.severity) for p in self.items)

    def sorted(self) -> list[Problem]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=lambda p: (p.file, p.line, p.column, p.severity.value, p.path, p.message, p.code.value))

    def __bool__(self) -> bool:
        return bool(self.items)
