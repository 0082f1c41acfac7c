"""Load and validate all content: vocabularies, criteria, cases and their translations.

``check()`` collects every problem of every file in one run (shape via JSON Schema, relations via
the cross-file rules below) and returns them together with what could be loaded. Callers decide
what to do: the CLI reports, the build refuses to publish anything while there is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from praxis_kb.validate import schemas
from praxis_kb.validate.messages import schema_problems
from praxis_kb.problems import ContentError, Problems, Severity
from praxis_kb.validate.privacy import MESSAGES, approved_contacts, scan_line, scan_values
from praxis_kb.validate.shape import FILL_IN, fill_in_markers
from praxis_kb.load.project import SOURCE_LANGUAGE, Project
from praxis_kb.load.sources import Document, read_markdown, read_yaml
from praxis_kb.load.strictyaml import Path_, json_path

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
CASE_FILE = re.compile(r"(?P<id>.+)\.(?P<lang>[A-Za-z_-]+)\.md\Z")
IGNORED_IN_CASES = {"README.md"}
TRANSLATION_META = "uebersetzung"
TRANSLATION_STATES = ("geprueft", "maschinell")


@dataclass
class CaseFiles:
    """A case: its German source and the translations beside it."""

    id: str
    source: Document
    translations: dict[str, Document] = field(default_factory=dict)


@dataclass
class Catalogue:
    """Everything loaded from one project (only files without errors)."""

    project: Project
    vocabularies: dict[str, Document] = field(default_factory=dict)
    criteria: dict[str, Document] = field(default_factory=dict)
    cases: dict[str, CaseFiles] = field(default_factory=dict)
    checked_files: int = 0

    def vocabulary_ids(self) -> dict[str, list[str]]:
        return {name: _entry_ids(doc.data) for name, doc in self.vocabularies.items()}


def _entry_ids(data: Any) -> list[str]:
    entries = data.get("eintraege") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


class _Checker:
    def __init__(self, project: Project, publishing: bool = False) -> None:
        self.project = project
        self.publishing = publishing
        self.problems = Problems()
        self.catalogue = Catalogue(project)

    # -- helpers ---------------------------------------------------------------------------
    def name(self, path: Path) -> str:
        return self.project.relative(path)

    def error(self, doc: Document | Path, path: Path_, message: str, hint: str = "", *, at_key: bool = False, severity: Severity = Severity.ERROR) -> None:
        if isinstance(doc, Document):
            line, column = doc.positions.of_key(path) if at_key else doc.positions.of_value(path)
            file = doc.path
        else:
            line, column, file = 1, 1, doc
        self.problems.add(self.name(file), line, column, message, path=json_path(path) if path else "", hint=hint, severity=severity)

    def warning(self, doc: Document | Path, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> None:
        self.error(doc, path, message, hint, at_key=at_key, severity=Severity.WARNING)

    def read(self, path: Path, markdown: bool) -> Document | None:
        self.catalogue.checked_files += 1
        try:
            return read_markdown(path) if markdown else read_yaml(path)
        except ContentError as exc:
            self.problems.add(self.name(path), exc.line, exc.column, exc.message, path=exc.path, hint=exc.hint)
            return None

    def schema_check(self, validator: Any, doc: Document) -> bool:
        found = schema_problems(validator.iter_errors(doc.data), doc.positions)
        for line, column, path, message, hint in found:
            self.problems.add(self.name(doc.path), line, column, message, path=path, hint=hint)
        return not found

    def check_file_id(self, doc: Document, stem: str, what: str) -> None:
        value = doc.data.get("id")
        if isinstance(value, str) and value != stem:
            self.error(doc, ("id",), f"Die Kennung „{value}“ passt nicht zum Dateinamen „{stem}“", f"{what}: Kennung und Dateiname müssen gleich sein – ändern Sie eines von beiden")

    def check_labels(self, doc: Document, data: Any, path: Path_ = ()) -> None:
        """Warn where a multilingual text lacks a configured language."""
        languages = self.project.languages
        if isinstance(data, dict):
            if SOURCE_LANGUAGE in data and all(isinstance(k, str) and len(k) == 2 for k in data):
                for lang in languages:
                    if lang not in data:
                        self.warning(doc, path, f"Übersetzung in „{lang}“ fehlt", "die Website zeigt hier den deutschen Text")
                return
            for key, value in data.items():
                self.check_labels(doc, value, path + (key,))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                self.check_labels(doc, value, path + (index,))

    # -- vocabularies ----------------------------------------------------------------------
    def load_vocabularies(self) -> None:
        folder = self.project.vocabularies_dir
        files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        docs = [d for d in (self.read(p, markdown=False) for p in files) if d]
        for name in schemas.REQUIRED_VOCABULARIES:
            if not (folder / f"{name}.yml").exists():
                self.error(folder / f"{name}.yml", (), f"Das Vokabular „{name}“ fehlt", f"legen Sie kriterien/vokabulare/{name}.yml an")
        for doc in docs:
            self.catalogue.vocabularies[doc.path.stem] = doc
        self.validators = schemas.Validators(self.project.schema_dir, self.catalogue.vocabulary_ids())
        for doc in docs:
            if not self.schema_check(self.validators.vocabulary, doc):
                continue
            self.check_file_id(doc, doc.path.stem, "Vokabular")
            seen: dict[str, int] = {}
            for index, entry in enumerate(doc.data["eintraege"]):
                if entry["id"] in seen:
                    self.error(doc, ("eintraege", index, "id"), f"Die Kennung „{entry['id']}“ steht zweimal im Vokabular (zuerst als Eintrag {seen[entry['id']] + 1})", "jede Kennung nur einmal vergeben")
                seen.setdefault(entry["id"], index)
            self.check_labels(doc, doc.data)
        participation = self.catalogue.vocabularies.get("partizipationsstufen")
        if participation:
            for index, entry in enumerate(participation.data.get("eintraege", [])):
                if isinstance(entry, dict) and ("stufe" not in entry or "bereich" not in entry):
                    self.error(participation, ("eintraege", index), "Jede Partizipationsstufe braucht „stufe“ und „bereich“", "z. B. stufe: 6 und bereich: partizipation")

    def check_values_schema(self) -> None:
        path = self.project.schema_dir / schemas.VALUES_SCHEMA
        expected = schemas.render_values_schema(self.catalogue.vocabulary_ids())
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != expected:
            self.warning(path, (), "Die Datei ist nicht auf dem Stand der Vokabulare (Editoren schlagen dann alte Werte vor)", "führen Sie „praxis schema“ aus und übernehmen Sie die geänderte Datei")

    # -- criteria --------------------------------------------------------------------------
    def load_criteria(self, files: Iterable[Path] | None = None) -> None:
        folder = self.project.criteria_dir
        paths = sorted(files) if files is not None else (sorted(folder.glob("*.yml")) if folder.is_dir() else [])
        order: dict[int, str] = {}
        for path in paths:
            doc = self.read(path, markdown=False)
            if not doc or not self.schema_check(self.validators.criterion, doc):
                continue
            self.check_file_id(doc, path.stem, "Kriterium")
            rank = doc.data["reihenfolge"]
            if rank in order:
                self.error(doc, ("reihenfolge",), f"Die Reihenfolge {rank} hat schon das Kriterium „{order[rank]}“", "vergeben Sie jede Position nur einmal")
            order.setdefault(rank, doc.data["id"])
            self.check_labels(doc, doc.data)
            self.catalogue.criteria[doc.data["id"]] = doc

    # -- cases -----------------------------------------------------------------------------
    def discover_cases(self) -> list[Path]:
        folder = self.project.cases_dir
        if not folder.is_dir():
            return []
        found: list[Path] = []
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.name in IGNORED_IN_CASES or path.name.startswith("."):
                continue
            if path.parent != folder:
                self.error(path, (), "Praxisbeispiele liegen direkt im Ordner praxis/, nicht in Unterordnern", f"verschieben Sie die Datei nach praxis/{path.name}")
                continue
            if path.suffix != ".md":
                self.error(path, (), "Im Ordner praxis/ liegen nur Praxisbeispiele als .md-Dateien", "Bilder und andere Dateien gehören nicht hierher")
                continue
            found.append(path)
        return found

    def load_cases(self, files: Iterable[Path]) -> None:
        sources: dict[str, Document] = {}
        translations: list[tuple[str, str, Path]] = []
        for path in files:
            match = CASE_FILE.match(path.name)
            if not match:
                self.error(path, (), f"Der Dateiname „{path.name}“ nennt keine Sprache", f"nennen Sie die Datei <kennung>.{SOURCE_LANGUAGE}.md für das deutsche Original oder <kennung>.en.md für eine Übersetzung")
                continue
            case_id, lang = match["id"], match["lang"]
            if not ID_PATTERN.match(case_id):
                suggestion = re.sub(r"[^a-z0-9]+", "-", case_id.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")).strip("-")
                self.error(path, (), f"Der Dateiname „{path.name}“ ist keine gültige Kennung", f"nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. {suggestion}.{lang}.md")
                continue
            if lang not in self.project.languages:
                self.error(path, (), f"„{lang}“ ist keine Sprache dieser Website", f"Sprachen: {', '.join(self.project.languages)}")
                continue
            if lang == SOURCE_LANGUAGE:
                if case_id in sources:
                    self.error(path, (), f"Die Kennung „{case_id}“ gibt es schon ({self.name(sources[case_id].path)})", "jede Kennung nur einmal vergeben")
                    continue
                doc = self.read(path, markdown=True)
                if doc:
                    sources[case_id] = doc
            else:
                translations.append((case_id, lang, path))
        for case_id, doc in sources.items():
            if self.check_case(doc, case_id):
                self.catalogue.cases[case_id] = CaseFiles(case_id, doc)
        for case_id, lang, path in translations:
            source_path = path.with_name(f"{case_id}.{SOURCE_LANGUAGE}.md")
            if case_id not in sources and not source_path.exists():
                self.error(path, (), f"Zu dieser Übersetzung gibt es kein deutsches Original {case_id}.{SOURCE_LANGUAGE}.md", "prüfen Sie den Dateinamen der Übersetzung")
                continue
            doc = self.read(path, markdown=True)
            if doc is None:
                continue
            source = sources.get(case_id) or self.read(source_path, markdown=True)
            if source is None:
                continue
            if isinstance(source.data, dict):
                self.check_privacy(doc, approved_contacts(source.data))
            if self.check_translation(doc, source) and case_id in self.catalogue.cases:
                self.catalogue.cases[case_id].translations[lang] = doc

    def check_case(self, doc: Document, case_id: str) -> bool:
        before = len(self.problems.errors)
        if not self.schema_check(self.validators.case, doc):
            self.check_body(doc)
            self.check_fill_ins(doc)
            return False
        data = doc.data
        self.check_file_id(doc, case_id, "Praxisbeispiel")
        actors = data["akteure"]
        for index, tie in enumerate(data.get("beziehungen", [])):
            for end in ("von", "zu"):
                if tie[end] not in actors:
                    self.error(doc, ("beziehungen", index, end), f"„{tie[end]}“ ist keine der Akteur*innen dieses Praxisbeispiels", _suggest(tie[end], actors, "Kennungen unter akteure"))
            if tie["von"] == tie["zu"]:
                self.error(doc, ("beziehungen", index, "zu"), "Eine Beziehung verbindet zwei verschiedene Akteur*innen", "von und zu müssen verschieden sein")
        for index, instrument in enumerate(data["instrumente"]):
            for position, member in enumerate(instrument["beteiligte"]):
                if member not in actors:
                    self.error(doc, ("instrumente", index, "beteiligte", position), f"„{member}“ ist keine der Akteur*innen dieses Praxisbeispiels", _suggest(member, actors, "Kennungen unter akteure"))
        sources = data["quellen"]
        for index, result in enumerate(data["ergebnisse"]):
            for position, source in enumerate(result.get("quellen", [])):
                if source not in sources:
                    self.error(doc, ("ergebnisse", index, "quellen", position), f"„{source}“ ist keine der Quellen dieses Praxisbeispiels", _suggest(source, sources, "Kennungen unter quellen"))
        for criterion in data["kriterien"]:
            if criterion not in self.catalogue.criteria:
                self.error(doc, ("kriterien", criterion), f"Ein Kriterium „{criterion}“ gibt es im Katalog nicht", _suggest(criterion, self.catalogue.criteria, "Kriterien in kriterien/"), at_key=True)
        period = data["zeitraum"]
        if "ende" in period and _date_of(period["ende"]) < _date_of(period["beginn"]):
            self.error(doc, ("zeitraum", "ende"), "Das Ende liegt vor dem Beginn", "prüfen Sie die beiden Daten")
        if data["status"] == "laeuft" and "ende" in period:
            self.warning(doc, ("zeitraum", "ende"), "Die Praxis hat den Status „laeuft“, aber ein Ende", "status: beendet setzen oder das Ende löschen")
        costs = data["transfer"]["voraussetzungen"]["kosten"]
        if costs["euro_pro_jahr_von"] > costs["euro_pro_jahr_bis"]:
            self.error(doc, ("transfer", "voraussetzungen", "kosten", "euro_pro_jahr_bis"), "Die obere Grenze der Kosten ist kleiner als die untere", "euro_pro_jahr_von ≤ euro_pro_jahr_bis")
        dates = [_date_of(event["datum"]) for event in data["zeitleiste"]]
        for index in range(1, len(dates)):
            if dates[index] < dates[index - 1]:
                self.warning(doc, ("zeitleiste", index, "datum"), "Die Zeitleiste ist nicht zeitlich geordnet", "ordnen Sie die Ereignisse vom ältesten zum neuesten")
                break
        self.check_body(doc)
        self.check_fill_ins(doc)
        self.check_privacy(doc, approved_contacts(data))
        return len(self.problems.errors) == before

    def check_privacy(self, doc: Document, approved: set[str]) -> None:
        """Warn about personal data in texts, with file and line (privacy.py)."""
        for path, finding in scan_values(doc.data):
            if finding.text in approved:
                continue
            message, hint = MESSAGES[finding.kind]
            self.warning(doc, path, message.format(text=finding.text), hint)
        for offset, line in enumerate(doc.body.split("\n")):
            for finding in scan_line(line, approved):
                message, hint = MESSAGES[finding.kind]
                self.problems.add(self.name(doc.path), doc.body_line + offset, finding.column + 1, message.format(text=finding.text), hint=hint, severity=Severity.WARNING)

    def check_fill_ins(self, doc: Document) -> None:
        """Values `praxis new` left to fill in: a warning while editing, an error when publishing."""
        severity = Severity.ERROR if self.publishing else Severity.WARNING
        why = "wird so nicht veröffentlicht" if self.publishing else "vor der Veröffentlichung ausfüllen"
        for path in fill_in_markers(doc.data):
            self.error(doc, path, f"Noch auszufüllen ({why})", "ersetzen Sie den Text nach ERGÄNZEN: durch die eigene Angabe", severity=severity)
        if doc.body.strip().startswith(FILL_IN):
            line = doc.body_line + next(i for i, text in enumerate(doc.body.split("\n")) if text.strip())
            self.problems.add(self.name(doc.path), line, 1, f"Die Beschreibung ist noch auszufüllen ({why})", hint="schreiben Sie die Beschreibung unter die zweite Zeile ---", severity=severity)

    def check_body(self, doc: Document) -> None:
        if not doc.body.strip():
            self.error(doc.path, (), "Unter dem Kopfbereich fehlt die Beschreibung des Praxisbeispiels", "schreiben Sie nach der zweiten Zeile --- einige Absätze: Ausgangslage, Vorgehen, was gut läuft")

    def check_translation(self, doc: Document, source: Document) -> bool:
        before = len(self.problems.errors)
        patterns = _pattern_tree(schemas.translatable_paths(self.validators))
        meta = doc.data.get(TRANSLATION_META)
        if TRANSLATION_META not in doc.data:
            self.error(doc, (), "Pflichtangabe „uebersetzung“ fehlt", "uebersetzung: maschinell (maschinell übersetzt, noch nicht geprüft) oder uebersetzung: geprueft")
        elif meta not in TRANSLATION_STATES:
            self.error(doc, (TRANSLATION_META,), f"'{meta}' ist kein erlaubter Übersetzungsstand", "erlaubt: geprueft, maschinell")
        for path, value in _leaves({k: v for k, v in doc.data.items() if k != TRANSLATION_META}):
            if not _matches(path, patterns):
                self.error(doc, path, "Dieses Feld gehört nicht in eine Übersetzung", "Übersetzungen enthalten nur Texte; Kennungen, Daten, Zahlen und Auswahlwerte stehen nur im deutschen Original", at_key=True)
                continue
            original = _get(source.data, path)
            if original is _MISSING:
                self.error(doc, path, "Diese Angabe gibt es im deutschen Original nicht", "die Übersetzung folgt genau dem Aufbau des Originals: gleiche Kennungen, höchstens so viele Listeneinträge", at_key=True)
            elif not isinstance(value, str):
                self.error(doc, path, "Hier wird ein übersetzter Text erwartet", "setzen Sie den Text in Anführungszeichen")
            elif not value.strip():
                self.error(doc, path, "Der übersetzte Text ist leer", "lassen Sie das Feld weg, dann erscheint das deutsche Original")
        return len(self.problems.errors) == before


def _leaves(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in a translation; an empty {} or [] only keeps a list position free."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, path + (index,))
    else:
        yield path, data


def _pattern_tree(patterns: list[tuple[str, ...]]) -> dict[Any, Any]:
    """The translatable paths as a tree, so that one walk tests a path against all of them."""
    tree: dict[Any, Any] = {}
    for pattern in patterns:
        node = tree
        for part in pattern:
            node = node.setdefault(part, {})
        node[None] = True  # a pattern ends here
    return tree


def _matches(path: Path_, tree: dict[Any, Any]) -> bool:
    """Does *path* match one of the patterns in *tree* ("*" = any key or list index)?"""
    nodes = [tree]
    for part in path:
        nodes = [child for node in nodes for child in (node.get(part) if isinstance(part, str) else None, node.get("*")) if child]
        if not nodes:
            return False
    return any(None in node for node in nodes)


_MISSING = object()


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return _MISSING
    return data


def _date_of(point: Any) -> str:
    return point["datum"] if isinstance(point, dict) else str(point)


def _suggest(value: str, known: Iterable[str], what: str) -> str:
    import difflib

    options = sorted(known)
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"meinten Sie '{close[0]}'?"
    return f"{what}: {', '.join(options)}" if options else what


def check(project: Project, paths: Iterable[Path] | None = None, *, publishing: bool = False) -> tuple[Catalogue, Problems]:
    """Load and validate the project's content (or only *paths*, in the project's context).

    *publishing* (the build) turns what is only unfinished while editing into errors.
    """
    checker = _Checker(project, publishing)
    checker.load_vocabularies()
    if checker.problems.errors and any("Das Vokabular" in p.message for p in checker.problems.errors):
        # Without every vocabulary there is nothing to check cases and criteria against.
        return checker.catalogue, checker.problems
    selected = [p for p in paths] if paths is not None else None
    if selected is None:
        checker.check_values_schema()
        checker.load_criteria()
        checker.load_cases(checker.discover_cases())
    else:
        criteria_files = [p for p in selected if p.suffix in (".yml", ".yaml") and p.parent.name != "vokabulare"]
        checker.load_criteria(criteria_files or None)
        checker.load_cases([p for p in selected if p.suffix == ".md"])
        # Count what the user asked to check, not the vocabularies read as context.
        checker.catalogue.checked_files = len(selected)
        for path in selected:
            if path.suffix not in (".md", ".yml", ".yaml"):
                checker.error(path, (), "Diese Datei ist weder ein Praxisbeispiel (.md) noch ein Kriterium oder Vokabular (.yml)", "geben Sie Dateien aus praxis/ oder kriterien/ an")
    return checker.catalogue, checker.problems
