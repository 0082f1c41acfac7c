"""Typed objects for validated content, one set per language.

The German source file holds the structured data; a translation holds only text. ``build()``
lays each language's text over the German original (missing texts fall back to German) and
turns the result into plain dataclasses with English names, so that renderers never touch the
German field names of the content files.

Values the code reacts to are named here, once: ``TranslationStatus`` and ``Precision`` (fixed
values), and accessors such as ``Verdict.is_unsuitable``, ``Prerequisites.needs_political_backing``
and ``Tie.occasional`` for the few vocabulary ids that change what a page shows. Values that only
get a label (site types, actor types, …) stay vocabulary ids. ``Model.records`` keeps the case
files as they are, for open data only (see ``CaseRecord``).
"""

from __future__ import annotations

import abc
import calendar
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from markupsafe import Markup, escape

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.validate import references, review, schemas, shape
from praxis_kb.validate.cases import review_open
from praxis_kb.validate.content import Catalogue
from praxis_kb.validate.shape import Shape
from praxis_kb.validate.translations import TRANSLATION_META, pattern_tree

Text = dict[str, str]  # language → text
T = TypeVar("T")


class SourceText(str):
    """A case's text shown in another language's page in its German original, because no
    translation gives it. In HTML (MarkupSafe's ``__html__``, which Jinja's autoescape and
    ``escape`` use) it carries ``lang`` and ``dir`` of its own, so that screen readers read it with
    a German voice and right-to-left pages lay it out left to right. String methods return a plain
    ``str``: keep the mark with ``same_language``; ``str(text)`` drops it (for attributes)."""

    __slots__ = ()

    def __html__(self) -> Markup:
        # An f-string with escape(), not Markup.format (its formatter is slow): the same text.
        return Markup(f'<span lang="{SOURCE_LANGUAGE}" dir="ltr">{escape(str(self))}</span>')  # noqa: S704 - escaped


def same_language(original: str, text: str) -> str:
    """*text* (derived from *original*, e.g. stripped) marked as German when *original* was."""
    return SourceText(text) if isinstance(original, SourceText) else text


class TranslationStatus(StrEnum):
    """How far a language's texts can be trusted (vocabulary uebersetzungsstatus)."""

    REVIEWED = "geprueft"
    MACHINE = "maschinell"
    MISSING = "fehlt"


class Precision(StrEnum):
    """How sure a date is (vocabulary genauigkeiten)."""

    EXACT = "exakt"
    APPROXIMATE = "ungefaehr"
    DISPUTED = "strittig"


class Provenance(StrEnum):
    """Where a case's statements come from (vocabulary herkunftsarten)."""

    COLLECTED = "erhoben"  # by the research team, with documented consent
    PUBLIC_SOURCES = "oeffentliche-quellen"  # documented from publications only; nobody was asked


UNKNOWN = "unbekannt"  # what a case file says for a value nobody knows (null in open data)


# Vocabulary ids the code reacts to (everything else in a vocabulary only gets a label). Each must
# exist in its vocabulary; tests/test_model.py checks the project's vocabularies.
UNSUITABLE = "nicht-geeignet"  # eignungsurteile
BACKING_REQUIRED = "erforderlich"  # rueckendeckung
OCCASIONAL = "anlassbezogen"  # haeufigkeiten
REACTED_TO: dict[str, tuple[str, ...]] = {
    "eignungsurteile": (UNSUITABLE,),
    "rueckendeckung": (BACKING_REQUIRED,),
    "haeufigkeiten": (OCCASIONAL,),
    "uebersetzungsstatus": tuple(TranslationStatus),
    "genauigkeiten": tuple(Precision),
    "herkunftsarten": tuple(Provenance),
}


def _texts(value: Any) -> Iterator[Text]:
    """Every multilingual text in a value built of Text, lists and the dataclasses below."""
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _texts(getattr(value, name))


@dataclass(frozen=True)
class Features:
    """Typical features of a site type's social space."""

    potentials: list[Text] = field(default_factory=list)
    resources: list[Text] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)

    def all(self) -> list[Text]:
        """Potentials, resources and problems, in that order."""
        return self.potentials + self.resources + self.problems


@dataclass(frozen=True)
class Entry:
    """One value of a vocabulary."""

    id: str
    label: Text
    description: Text = field(default_factory=dict)
    group: str = ""
    step: int = 0
    area: str = ""
    level: str = ""
    features: Features = field(default_factory=Features)  # site types only
    directed: bool = False  # relation kinds: one actor acts on the other (von → zu)
    language: str = ""  # frameworks: the language their criteria are named in (sprache)
    proper_names: tuple[str, ...] = ()  # frameworks: names translations keep in that language (eigennamen)


class Reviewed(abc.ABC):
    """Review status per entry (validate/review.py): the file's status per language, unless a
    reviewer marked the entry on its own (``uebersetzung_je_eintrag``)."""

    review: dict[str, TranslationStatus]  # the file's status: language → status (no entry for German)
    entry_review: dict[str, dict[str, TranslationStatus]]  # entry key → language → status

    @abc.abstractmethod
    def units(self) -> list[tuple[str, list[Text]]]:
        """The entries a reviewer can mark, in file order, each with its texts."""

    def status(self, key: str, lang: str) -> TranslationStatus:
        """How far the entry *key*'s texts in *lang* can be trusted."""
        return self.entry_review.get(key, {}).get(lang) or self.review.get(lang) or TranslationStatus.MACHINE

    def reviewed_in(self, lang: str) -> bool:
        """Whether a person reviewed every entry in *lang* (as a whole file or one by one)."""
        return all(self.status(key, lang) is TranslationStatus.REVIEWED for key, _ in self.units())

    def page_review(self) -> dict[str, TranslationStatus]:
        """The status of the whole, per language: reviewed only when every entry is."""
        langs = set(self.review) | {lang for marks in self.entry_review.values() for lang in marks}
        return {lang: TranslationStatus.REVIEWED if self.reviewed_in(lang) else self.review.get(lang, TranslationStatus.MACHINE) for lang in langs}


@dataclass(frozen=True)
class Vocabulary(Reviewed):
    id: str
    name: Text
    description: Text
    review: dict[str, TranslationStatus]  # language → status (no entry for German)
    entries: dict[str, Entry]
    entry_review: dict[str, dict[str, TranslationStatus]] = field(default_factory=dict)

    def label(self, entry_id: str, lang: str) -> str:
        entry = self.entries.get(entry_id)
        return pick(entry.label, lang) if entry else entry_id

    def units(self) -> list[tuple[str, list[Text]]]:
        own = [("name", [self.name]), ("beschreibung", [self.description])]
        return own + [(key, list(_texts(entry))) for key, entry in self.entries.items()]

    def texts(self) -> Iterator[Text]:
        """Every multilingual text (name, description, entries), for translation coverage."""
        yield from _texts([self.name, self.description, list(self.entries.values())])


@dataclass(frozen=True)
class Stage:
    label: Text
    description: Text


@dataclass(frozen=True)
class Mapping_:
    framework: str
    criterion: str
    relation: str


@dataclass(frozen=True)
class Criterion(Reviewed):
    id: str
    order: int
    group: str
    name: Text
    short: Text
    description: Text
    derivation: Text
    questions: list[Text]
    stages: list[Stage]
    crosswalk: list[Mapping_]
    review: dict[str, TranslationStatus]  # language → status (no entry for German)
    entry_review: dict[str, dict[str, TranslationStatus]] = field(default_factory=dict)

    def units(self) -> list[tuple[str, list[Text]]]:
        own = [("name", [self.name]), ("kurz", [self.short]), ("beschreibung", [self.description]), ("herleitung", [self.derivation])]
        questions = [(f"leitfrage-{n}", [q]) for n, q in enumerate(self.questions, 1)]
        return own + questions + [(f"stufe-{n}", [s.label, s.description]) for n, s in enumerate(self.stages, 1)]

    def texts(self) -> Iterator[Text]:
        """Every multilingual text, for translation coverage."""
        yield from _texts([self.name, self.short, self.description, self.derivation, self.questions, self.stages])


@dataclass(frozen=True)
class Stated(Generic[T]):
    """A statement as sure as research could make it: its value, or ``None`` when nobody knows it
    (the file says ``unbekannt``); how precise it is; a note (for an unknown value: why)."""

    value: T | None
    precision: Precision = Precision.EXACT
    note: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def uncertain(self) -> bool:
        return self.precision is not Precision.EXACT


def _earliest(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _latest(value: str) -> str:
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:]))[1]:02d}"
    return value


@dataclass(frozen=True)
class DatePoint:
    """A date as precise as the sources allow: ``2017``, ``2017-03``, ``2017-03-15``; a season of a
    year, a span (``2018`` until ``2019``), or no date at all (``value`` empty, with a note)."""

    value: str
    precision: Precision = Precision.EXACT
    note: str = ""
    until: str = ""  # end of a span such as 2018/19
    season: str = ""  # id in jahreszeiten; value is then a year

    @property
    def known(self) -> bool:
        return bool(self.value)

    def bounds(self) -> tuple[str, str]:
        """The earliest and latest day the statement allows, as ISO dates (for ordering)."""
        if not self.value:
            return "", ""
        return _earliest(self.value), _latest(self.until or self.value)


@dataclass(frozen=True)
class Period:
    """When something held: since, until (either may be missing), and a note."""

    since: DatePoint | None = None
    until: DatePoint | None = None
    note: str = ""

    def holds_on(self, day: str) -> bool:
        """Whether it held on *day* (ISO date): begun by then, not yet over."""
        begun = self.since is None or not self.since.known or self.since.bounds()[0] <= day
        over = self.until is not None and self.until.known and self.until.bounds()[1] < day
        return begun and not over


@dataclass(frozen=True)
class Actor:
    key: str
    name: str
    types: list[str]  # every role the actor has or had, first the main one
    role: str
    period: Period = field(default_factory=Period)
    type_periods: dict[str, Period] = field(default_factory=dict)  # type → when the actor had it
    precision: Precision = Precision.EXACT
    note: str = ""


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    kind: str
    frequency: Stated[str]
    description: str = ""
    period: Period = field(default_factory=Period)
    precision: Precision = Precision.EXACT
    note: str = ""

    @property
    def occasional(self) -> bool:
        """Whether the two meet only when there is a reason to, not regularly."""
        return self.frequency.value == OCCASIONAL


@dataclass(frozen=True)
class Instrument:
    type: str
    name: str
    description: str
    members: list[str]
    frequency: Stated[str] | None = None
    status: str = ""
    since: DatePoint | None = None
    until: DatePoint | None = None
    precision: Precision = Precision.EXACT
    note: str = ""


@dataclass(frozen=True)
class Offer:
    kind: str  # id in angebotsarten
    name: str = ""
    description: str = ""
    actors: list[str] = field(default_factory=list)
    period: Period = field(default_factory=Period)
    precision: Precision = Precision.EXACT
    note: str = ""


@dataclass(frozen=True)
class Operator:
    """Who carried the practice, and when (operator changes in order)."""

    actor: str
    period: Period
    precision: Precision = Precision.EXACT
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A count that describes the practice: members, participants, places, a caseload ratio."""

    label: str
    value: Stated[float]
    unit: str = ""
    as_of: DatePoint | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Funding:
    programme: str
    funder: str = ""
    amount_euro: Stated[int] | None = None
    start: DatePoint | None = None
    end: DatePoint | None = None
    share_percent: Stated[float] | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Assessment:
    criterion: str
    stage: Stated[int]
    justification: str


@dataclass(frozen=True)
class Verdict:
    site_type: str
    verdict: str  # id in eignungsurteile
    conditions: str = ""

    @property
    def is_unsuitable(self) -> bool:
        return self.verdict == UNSUITABLE


@dataclass(frozen=True)
class Prerequisites:
    actor_types: list[str]
    resources: list[str]
    staff_hours_per_month: Stated[float]
    staff_note: str
    cost_min: Stated[int]
    cost_max: Stated[int]
    cost_note: str
    setup_months: Stated[float]
    political_backing: Stated[str]  # id in rueckendeckung
    political_note: str

    @property
    def needs_political_backing(self) -> bool:
        return self.political_backing.value == BACKING_REQUIRED


@dataclass(frozen=True)
class Transfer:
    core_elements: list[str]
    adaptable_elements: list[str]
    prerequisites: Prerequisites
    verdicts: dict[str, Verdict]
    stumbling_blocks: list[str]


@dataclass(frozen=True)
class Quote:
    text: str
    person: str = ""
    source: str = ""  # key in sources, for a quote from a publication


@dataclass(frozen=True)
class RefugeePerspective:
    assessment: str
    collected: str
    quotes: list[Quote]


@dataclass(frozen=True)
class Result:
    description: str
    evidence: str
    sources: list[str]
    precision: Precision = Precision.EXACT
    note: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    date: DatePoint
    event: str


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    kind: str
    year: DatePoint | None = None
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Contact:
    organisation: str
    website: str = ""
    email: str = ""
    phone: str = ""
    asked: bool = True  # False: the organisation was not asked about this case


@dataclass(frozen=True)
class Site:
    label: str
    site_type: str
    region: str
    municipal_structure: Stated[str]
    municipalities: Stated[int] | None = None
    note: str = ""


@dataclass(frozen=True)
class SocialSpace:
    potentials: list[Stated[str]]
    resources: list[Stated[str]]
    problems: list[Stated[str]]


@dataclass(frozen=True)
class Case:
    """A case in one language."""

    id: str
    lang: str
    title: str
    summary: str
    plain_summary: str
    illustrative: bool
    status: Stated[str]
    start: DatePoint
    end: DatePoint | None
    last_verified: str  # "" for a draft
    site: Site
    social_space: SocialSpace
    fields_of_action: list[str]
    actors: dict[str, Actor]
    ties: list[Tie]
    instruments: list[Instrument]
    participation_step: Stated[str]
    participation_note: str
    assessments: list[Assessment]
    transfer: Transfer
    refugee_perspective: RefugeePerspective
    results: list[Result]
    timeline: list[TimelineEvent]
    sources: dict[str, Source]
    contact: Contact
    reviewed_by: str  # "" for a draft
    reviewed_on: str
    body: str
    body_lang: str  # language the narrative is written in (German when not yet translated)
    translation_status: TranslationStatus  # always REVIEWED for the source language
    provenance: Provenance = Provenance.COLLECTED
    publicly_named: bool = False  # may name its place and organisations
    offers: list[Offer] = field(default_factory=list)
    operators: list[Operator] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    draft: bool = False  # the project team has not reviewed it yet: shown only by previews and the tests' build
    missing: tuple[str, ...] = ()  # values left to fill in (ERGÄNZEN: …), as the file has them: only in previews

    @property
    def unfinished(self) -> bool:
        return bool(self.missing)

    @property
    def machine_translated(self) -> bool:
        return self.translation_status is TranslationStatus.MACHINE

    @property
    def translation_missing(self) -> bool:
        """No translation file: every text is the German original."""
        return self.translation_status is TranslationStatus.MISSING


@dataclass(frozen=True)
class TranslationRecord:
    """A case's translation file as it is: its status, texts (German field names) and narrative."""

    status: TranslationStatus
    texts: dict[str, Any]
    body: str


@dataclass(frozen=True)
class CaseRecord:
    """A case's files as they are, for open data only.

    cases.json publishes the validated German source data unchanged (its fields are documented by
    the case schema, which readers of the open data use), with the translated texts as the
    translation files hold them; the CSV columns are schema paths (``x-csv``) into the source data.
    Neither can be rebuilt from ``Case``: it does not keep which optional fields were left out, the
    order of keys, or which texts a translation holds. Renderers read ``Case``; the dicts here are
    the validator's own and must not be changed.
    """

    id: str
    data: dict[str, Any]  # the German source data
    body: str
    translations: dict[str, TranslationRecord]  # language → translation file, every language there is


@dataclass(frozen=True)
class Model:
    languages: tuple[str, ...]
    vocabularies: dict[str, Vocabulary]
    criteria: dict[str, Criterion]
    cases: dict[str, dict[str, Case]]  # id → language → case
    shape: Shape  # the shape of a case, as the project's schema describes it (open data columns)
    records: dict[str, CaseRecord]  # id → the case's files, for open data only

    def vocab(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    def cases_in(self, lang: str) -> list[Case]:
        return sorted((by_lang[lang] for by_lang in self.cases.values()), key=lambda c: c.title.casefold())


def pick(text: Text, lang: str) -> str:
    """A text in *lang*, else the German original."""
    return text.get(lang) or text.get(SOURCE_LANGUAGE) or next(iter(text.values()), "")


def _known(value: Any) -> Any:
    return None if value is None or value == UNKNOWN else value


def _date(value: Any) -> DatePoint:
    if isinstance(value, dict):
        return DatePoint(
            str(_known(value["datum"]) or ""),
            Precision(value.get("genauigkeit", Precision.EXACT)),
            value.get("anmerkung", ""),
            value.get("bis", ""),
            value.get("jahreszeit", ""),
        )
    return DatePoint(str(value))


def _maybe_date(d: dict[str, Any], key: str) -> DatePoint | None:
    return _date(d[key]) if key in d else None


def _open(value: Any) -> bool:
    """Whether a value is a fill-in marker (only in a preview of an unfinished case)."""
    return isinstance(value, str) and value.strip().startswith(shape.FILL_IN)


def _stated(value: Any) -> Stated[Any]:
    """A value as the file gives it: plain, ``unbekannt``, or ``{wert, genauigkeit, anmerkung}``.
    A fill-in marker (only in a preview of an unfinished case) is not known; it is its note."""
    if _open(value):
        return Stated(None, note=value)
    if isinstance(value, dict) and "wert" in value:
        return Stated(_known(value["wert"]), Precision(value.get("genauigkeit", Precision.EXACT)), value.get("anmerkung", ""))
    return Stated(_known(value))


def _fill_ins(value: Any, body: str = "") -> Iterator[str]:
    """The values of a case left to fill in (``ERGÄNZEN: …``), the description's first line too."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _fill_ins(item)
    elif isinstance(value, list):
        for item in value:
            yield from _fill_ins(item)
    elif isinstance(value, str) and value.strip().startswith(shape.FILL_IN):
        yield value.strip()
    if body.strip().startswith(shape.FILL_IN):
        yield body.strip().split("\n", 1)[0].strip()


def _maybe_stated(d: dict[str, Any], key: str) -> Stated[Any] | None:
    return _stated(d[key]) if key in d else None


def _statement(value: Any) -> Stated[str]:
    """A text that may carry how sure it is and a note: ``text`` or ``{text, genauigkeit, anmerkung}``."""
    if isinstance(value, dict):
        return Stated(value["text"], Precision(value.get("genauigkeit", Precision.EXACT)), value.get("anmerkung", ""))
    return Stated(value)


def _precision(d: dict[str, Any]) -> Precision:
    return Precision(d.get("genauigkeit", Precision.EXACT))


def _actor(key: str, a: dict[str, Any]) -> Actor:
    type_periods = {t: Period(_maybe_date(p, "seit"), _maybe_date(p, "bis"), p.get("anmerkung", "")) for t, p in a.get("zeitraum_je_typ", {}).items()}
    period = Period(_maybe_date(a, "seit"), _maybe_date(a, "bis"))
    return Actor(key, a["name"], list(a["typen"]), a["rolle"], period, type_periods, _precision(a), a.get("anmerkung", ""))


def _tie(t: dict[str, Any]) -> Tie:
    period = Period(_maybe_date(t, "seit"), _maybe_date(t, "bis"))
    return Tie(t["von"], t["zu"], t["art"], _stated(t["haeufigkeit"]), t.get("beschreibung", ""), period, _precision(t), t.get("anmerkung", ""))


def _instrument(i: dict[str, Any]) -> Instrument:
    return Instrument(
        i["typ"],
        i["bezeichnung"],
        i["beschreibung"],
        [m for m in i["beteiligte"] if not _open(m)],  # a draft's marker names no one
        _maybe_stated(i, "haeufigkeit"),
        i.get("status", ""),
        _maybe_date(i, "seit"),
        _maybe_date(i, "bis"),
        _precision(i),
        i.get("anmerkung", ""),
    )


def _offer(o: dict[str, Any]) -> Offer:
    period = Period(_maybe_date(o, "seit"), _maybe_date(o, "bis"))
    return Offer(o["art"], o.get("bezeichnung", ""), o.get("beschreibung", ""), list(o.get("akteure", [])), period, _precision(o), o.get("anmerkung", ""))


def _operator(o: dict[str, Any]) -> Operator:
    return Operator(o["akteur"], Period(_maybe_date(o, "seit"), _maybe_date(o, "bis")), _precision(o), o.get("anmerkung", ""))


def _figure(f: dict[str, Any]) -> Figure:
    return Figure(f["bezeichnung"], _stated(f["wert"]), f.get("einheit", ""), _maybe_date(f, "stand"), f.get("quelle", ""), f.get("anmerkung", ""))


def _funding(f: dict[str, Any]) -> Funding:
    return Funding(
        f["programm"],
        f.get("geber", ""),
        _maybe_stated(f, "betrag_euro"),
        _maybe_date(f, "beginn"),
        _maybe_date(f, "ende"),
        _maybe_stated(f, "anteil_prozent"),
        f.get("quelle", ""),
        f.get("anmerkung", ""),
    )


def _overlay(source: Any, translation: Any) -> Any:
    """Lay translated texts over the German data, key by key and item by item."""
    if isinstance(source, dict) and isinstance(translation, dict):
        merged = dict(source)
        for key, value in translation.items():
            if key in source:
                merged[key] = _overlay(source[key], value)
        return merged
    if isinstance(source, dict) and "text" in source and isinstance(translation, str):
        return {**source, "text": _overlay(source["text"], translation)}  # a noted statement, translated as plain text
    if isinstance(source, list) and isinstance(translation, list):
        return [_overlay(item, translation[i]) if i < len(translation) else item for i, item in enumerate(source)]
    if isinstance(source, str) and isinstance(translation, str) and translation.strip():
        # A "translation" that keeps the German text (a name left as it is) is German.
        return source if translation.strip() == source.strip() else translation
    return source


def _mark_source_texts(value: Any, nodes: list[dict[Any, Any]], made: dict[str, SourceText]) -> Any:
    """Every translatable text below *value* as ``SourceText`` (*nodes*: the translatable-path
    tree's nodes for where *value* stands; ``"*"`` stands for any key or list index). *made*: the
    texts marked so far, shared by a case's languages (a large collection holds each text once)."""
    if isinstance(value, dict):
        return {k: _mark_source_texts(v, [c for n in nodes for c in (n.get(k), n.get("*")) if c], made) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark_source_texts(v, [n["*"] for n in nodes if "*" in n], made) for v in value]
    if isinstance(value, str) and any(None in n for n in nodes):
        marked = made.get(value)
        if marked is None:
            marked = made[value] = SourceText(value)
        return marked
    return value


def _vocabulary(data: dict[str, Any]) -> Vocabulary:
    entries = {}
    for raw in data["eintraege"]:
        found = raw.get("merkmale", {})
        features = Features(list(found.get("potenziale", [])), list(found.get("ressourcen", [])), list(found.get("probleme", [])))
        entries[raw["id"]] = Entry(
            raw["id"],
            raw["label"],
            raw.get("beschreibung", {}),
            raw.get("gruppe", ""),
            raw.get("stufe", 0),
            raw.get("bereich", ""),
            raw.get("ebene", ""),
            features,
            directed=bool(raw.get("gerichtet", False)),
            language=raw.get("sprache", ""),
            proper_names=tuple(raw.get("eigennamen", ())),
        )
    return Vocabulary(data["id"], data["name"], data["beschreibung"], _review(data[TRANSLATION_META]), entries, _entry_review(data))


def _review(data: dict[str, str]) -> dict[str, TranslationStatus]:
    return {lang: TranslationStatus(status) for lang, status in data.items()}


def _entry_review(data: dict[str, Any]) -> dict[str, dict[str, TranslationStatus]]:
    return {key: _review(marks) for key, marks in data.get(review.PER_ENTRY, {}).items()}


def _criterion(data: dict[str, Any]) -> Criterion:
    return Criterion(
        data["id"],
        data["reihenfolge"],
        data["gruppe"],
        data["name"],
        data["kurz"],
        data["beschreibung"],
        data["herleitung"],
        list(data["leitfragen"]),
        [Stage(s["label"], s["beschreibung"]) for s in data["stufen"]],
        [Mapping_(m["rahmenwerk"], m["kriterium"], m["bezug"]) for m in data["crosswalk"]],
        _review(data[TRANSLATION_META]),
        _entry_review(data),
    )


def _case(case_id: str, lang: str, d: dict[str, Any], body: str, body_lang: str, status: TranslationStatus) -> Case:
    site = d["standort"]
    space = d["sozialraum"]
    transfer = d["transfer"]
    pre = transfer["voraussetzungen"]
    perspective = d["perspektive_gefluechteter"]
    review = None if review_open(d) else (d["zuletzt_geprueft"], d["pruefung"])
    return Case(
        id=case_id,
        lang=lang,
        title=d["titel"],
        summary=d["kurzbeschreibung"],
        plain_summary=d["einfache_sprache"],
        illustrative=d["illustrativ"] is not False,  # a draft that has not said it is real shows as invented
        status=_stated(d["status"]),
        start=_date(d["zeitraum"]["beginn"]),
        end=_date(d["zeitraum"]["ende"]) if "ende" in d["zeitraum"] else None,
        last_verified=review[0] if review else "",
        site=Site(
            site["bezeichnung"],
            site["standorttyp"],
            site["region"],
            _stated(site["gemeindestruktur"]),
            _maybe_stated(site, "anzahl_gemeinden"),
            site.get("anmerkung", ""),
        ),
        social_space=SocialSpace(*([_statement(item) for item in space[k]] for k in ("potenziale", "ressourcen", "probleme"))),
        fields_of_action=list(d["handlungsfelder"]),
        actors={key: _actor(key, a) for key, a in d["akteure"].items()},
        ties=[_tie(t) for t in d.get("beziehungen", [])],
        instruments=[_instrument(i) for i in d["instrumente"]],
        participation_step=_stated(d["partizipation"]["stufe"]),
        participation_note=d["partizipation"]["beschreibung"],
        assessments=[Assessment(k, _stated(v["stufe"]), v["begruendung"]) for k, v in d["kriterien"].items()],
        transfer=Transfer(
            list(transfer["kernelemente"]),
            list(transfer["anpassbare_elemente"]),
            Prerequisites(
                list(pre["akteure"]),
                list(pre["ressourcen"]),
                _stated(pre["personal"]["stunden_pro_monat"]),
                pre["personal"].get("beschreibung", ""),
                _stated(pre["kosten"]["euro_pro_jahr_von"]),
                _stated(pre["kosten"]["euro_pro_jahr_bis"]),
                pre["kosten"].get("beschreibung", ""),
                _stated(pre["aufbauzeit_monate"]),
                _stated(pre["politische_rueckendeckung"]["bedarf"]),
                pre["politische_rueckendeckung"].get("beschreibung", ""),
            ),
            {k: Verdict(k, v["urteil"], v.get("bedingungen", "")) for k, v in transfer["eignung"].items()},
            list(transfer["stolpersteine"]),
        ),
        refugee_perspective=RefugeePerspective(
            perspective["einschaetzung"],
            perspective["erhoben"],
            [Quote(q["text"], q.get("person", ""), q.get("quelle", "")) for q in perspective.get("zitate", [])],
        ),
        results=[Result(r["beschreibung"], r["evidenz"], list(r.get("quellen", [])), _precision(r), r.get("anmerkung", "")) for r in d["ergebnisse"]],
        timeline=[TimelineEvent(_date(e["datum"]), e["ereignis"]) for e in d["zeitleiste"]],
        sources={k: Source(k, s["titel"], s["art"], _maybe_date(s, "jahr"), s.get("url", ""), s.get("anmerkung", "")) for k, s in d["quellen"].items()},
        contact=Contact(
            d["kontakt"]["organisation"],
            d["kontakt"].get("webseite", ""),
            d["kontakt"].get("email", ""),
            d["kontakt"].get("telefon", ""),
            d["kontakt"].get("angefragt", True),
        ),
        reviewed_by=review[1]["durch"] if review else "",
        reviewed_on=review[1]["datum"] if review else "",
        body=body,
        body_lang=body_lang,
        translation_status=status,
        provenance=Provenance(d.get("herkunft", Provenance.COLLECTED)),
        publicly_named=d.get("oeffentlich_benannt", False),
        offers=[_offer(o) for o in d.get("angebote", [])],
        operators=[_operator(o) for o in d.get("traeger", [])],
        figures=[_figure(f) for f in d.get("kennzahlen", [])],
        funding=[_funding(f) for f in d.get("foerderung", [])],
        draft=review is None,
        missing=tuple(dict.fromkeys(_fill_ins(d, body))),
    )


def translations_tree(catalogue: Catalogue) -> dict[Any, Any]:
    """Where a case has texts to translate, as a tree of path parts (see translations.pattern_tree)."""
    validators = schemas.Validators(catalogue.project.schema_dir, catalogue.vocabulary_ids())
    return pattern_tree(schemas.translatable_paths(validators))


def _with_names(value: Any, labels: references.Labels, steps: dict[str, str], key: Any = None) -> Any:
    """*value* with every reference in its texts ({stufe:7}, {akteurstypen:fsa}) replaced by the
    label in the text's language (see validate/references.py); labels and names stay as they are."""
    if key in references.LABELS:
        return value
    if isinstance(value, dict):
        if isinstance(value.get(SOURCE_LANGUAGE), str):
            return {lang: references.resolve(text, lang, labels, steps) if isinstance(text, str) else text for lang, text in value.items()}
        return {k: _with_names(v, labels, steps, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_names(item, labels, steps) for item in value]
    return value


def _names(catalogue: Catalogue) -> tuple[references.Labels, dict[str, str]]:
    """Every vocabulary entry's label, and the ladder's step numbers, for references."""
    labels = {(name, e["id"]): e["label"] for name, doc in catalogue.vocabularies.items() for e in doc.data["eintraege"]}
    ladder = catalogue.vocabularies.get(references.LADDER)
    return labels, references.ladder_steps(ladder.data) if ladder else {}


def build(catalogue: Catalogue, languages: tuple[str, ...]) -> Model:
    """The model for every language from a catalogue without errors."""
    labels, steps = _names(catalogue)
    vocabularies = {name: _vocabulary(_with_names(doc.data, labels, steps)) for name, doc in sorted(catalogue.vocabularies.items())}
    criteria = dict(
        sorted(((cid, _criterion(_with_names(doc.data, labels, steps))) for cid, doc in catalogue.criteria.items()), key=lambda item: item[1].order)
    )
    cases: dict[str, dict[str, Case]] = {}
    records: dict[str, CaseRecord] = {}
    translatable = [translations_tree(catalogue)]
    for case_id in sorted(catalogue.cases):
        files = catalogue.cases[case_id]
        translations = {
            lang: TranslationRecord(
                TranslationStatus(doc.data.get(TRANSLATION_META, TranslationStatus.MACHINE)),
                {k: v for k, v in doc.data.items() if k != TRANSLATION_META},
                doc.body,
            )
            for lang, doc in sorted(files.translations.items())
        }
        records[case_id] = CaseRecord(case_id, files.source.data, files.source.body, translations)
        per_lang: dict[str, Case] = {}
        made: dict[str, SourceText] = {}
        for lang in languages:
            translation = translations.get(lang) if lang != SOURCE_LANGUAGE else None
            data = copy.deepcopy(files.source.data) if lang == SOURCE_LANGUAGE else _mark_source_texts(files.source.data, translatable, made)
            body, body_lang = files.source.body, SOURCE_LANGUAGE
            status = TranslationStatus.REVIEWED if lang == SOURCE_LANGUAGE else TranslationStatus.MISSING
            if translation is not None:
                data = _overlay(data, translation.texts)
                status = translation.status
                if translation.body.strip():
                    body, body_lang = translation.body, lang
            per_lang[lang] = _case(case_id, lang, data, body, body_lang, status)
        cases[case_id] = per_lang
    case_shape = shape.load(catalogue.project.schema_dir, catalogue.vocabulary_ids())
    return Model(languages, vocabularies, criteria, cases, case_shape, records)
