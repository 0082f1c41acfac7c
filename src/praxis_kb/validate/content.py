"""Load and validate all content: vocabularies, criteria, cases and their translations.

``check()`` is the entry point: it reads every file, runs the rules of its kind on it and collects
every problem of every file in one run, together with what could be loaded. The rules are small
functions, one module per kind of file (vocabularies.py, criteria.py, cases.py, translations.py;
privacy.py for personal data; messages.py explains schema errors); each yields findings, which
the run turns into problems with file, line and column. Callers decide what to do: the CLI
reports, the build refuses to publish anything while there is an error.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from praxis_kb.load.project import SOURCE_LANGUAGE, Project
from praxis_kb.load.sources import Document, read_markdown, read_yaml
from praxis_kb.load.strictyaml import json_path
from praxis_kb.problems import Code, ContentError, Problem, Problems, Severity
from praxis_kb.validate import acknowledged, cases, criteria, references, review, schemas, translations, vocabularies
from praxis_kb.validate.findings import Finding
from praxis_kb.validate.messages import schema_findings
from praxis_kb.validate.privacy import approved_contacts, personal_data, places, publicly_named

CONTENT_SUFFIXES = (".md", ".yml", ".yaml")
ID_PATTERN = cases.ID_PATTERN  # what a case id looks like (authoring/newcase.py checks new ids with it)


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


class Stage(StrEnum):
    """How strict a run is, after what its result is for."""

    EDITING = "editing"  # praxis validate, previews: places left to fill in warn, a draft is noted
    COMPLETE = "complete"  # the build a pull request's tests make: nothing left to fill in; a draft is noted
    PUBLISHING = "publishing"  # praxis validate --veroeffentlichen, make site, deploy: a draft is an error too


T = TypeVar("T")


def digest(data: bytes) -> str:
    """A file's content as a short hash: two files with the same digest hold the same text."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class _Entry:
    value: Any
    problems: list[Problem]
    reads: int  # files read (Catalogue.checked_files)


@dataclass
class CheckCache:
    """What check() found in each case file, kept between runs of one process (a preview).

    A case file's reading and rules are looked up by its content hash, together with the hash of
    everything they depend on besides the file (``context``: vocabularies, criteria, schemas, the
    stage, the languages; a changed vocabulary checks every case again). Cross-file rules (a
    duplicate id, warnings a case lists as checked) run every time; they are cheap.
    """

    context: str = ""
    entries: dict[tuple[str, ...], _Entry] = field(default_factory=dict)
    digests: dict[Path, str] = field(default_factory=dict)  # file → content hash, in the last run
    checked: int = 0  # case files checked in the last run
    reused: int = 0  # case files whose result the last run took from the cache
    _fresh: dict[tuple[str, ...], _Entry] = field(default_factory=dict)

    def start(self, context: str) -> None:
        self.context, self.checked, self.reused = context, 0, 0
        self.digests, self._fresh = {}, {}

    def end(self) -> None:
        """Keep only what this run used: a removed or changed file's old result goes."""
        self.entries, self._fresh = self._fresh, {}

    def parsed(self, path: Path, read: Callable[[Path], Document]) -> Document:
        """``read(path)``, parsed again only when the file's content changed."""
        key = ("parsed", str(path), self.digest_of(path))
        found = self.entries.get(key) or self._fresh.get(key)
        document = found.value if found is not None else read(path)
        self._fresh[key] = _Entry(document, [], 0)
        return document

    def digest_of(self, path: Path) -> str:
        found = self.digests.get(path)
        if found is None:
            try:
                found = digest(path.read_bytes())
            except OSError:
                found = ""
            self.digests[path] = found
        return found


def context_digest(project: Project, stage: Stage) -> str:
    """The hash of every file the rules of one case file read besides that file."""
    folders = (project.vocabularies_dir, project.criteria_dir, project.schema_dir)
    files = sorted(path for folder in folders if folder.is_dir() for path in folder.glob("*") if path.is_file())
    parts = [stage.value, ",".join(project.languages)] + [f"{path}:{digest(path.read_bytes())}" for path in files]
    return digest("\n".join(parts).encode())


def check(
    project: Project, paths: Iterable[Path] | None = None, *, stage: Stage = Stage.EDITING, cache: CheckCache | None = None
) -> tuple[Catalogue, Problems]:
    """Load and validate the project's content (or only *paths*, in the project's context).

    The *stage* turns what is only unfinished while editing into errors: places left to fill in
    (ERGÄNZEN) from COMPLETE on, a case the team has not reviewed yet (a draft) when PUBLISHING.
    With a *cache* (a preview), a case file unchanged since the last run is not checked again.
    """
    if cache is not None:
        cache.start(context_digest(project, stage))
    try:
        return _check(project, paths, stage, cache)
    finally:
        if cache is not None:
            cache.end()


def _check(project: Project, paths: Iterable[Path] | None, stage: Stage, cache: CheckCache | None) -> tuple[Catalogue, Problems]:
    run = _Run(project, stage, cache)
    _load_vocabularies(run)
    if run.problems.has(Code.VOCABULARY_MISSING, Severity.ERROR):
        # Without every vocabulary there is nothing to check cases and criteria against.
        return run.catalogue, run.problems
    if paths is None:
        _check_values_schema(run)
        _load_criteria(run)
        _load_cases(run, _discover_cases(run))
    else:
        _check_selection(run, list(paths))
    return run.catalogue, run.problems


@dataclass
class _Run:
    """One run of check(): what it has loaded, and the problems of every file."""

    project: Project
    stage: Stage
    cache: CheckCache | None = None
    catalogue: Catalogue = field(init=False)
    problems: Problems = field(default_factory=Problems)
    validators: schemas.Validators = field(init=False)  # once the vocabularies are read

    def __post_init__(self) -> None:
        self.catalogue = Catalogue(self.project)

    def read(self, path: Path, *, markdown: bool) -> Document | None:
        """Read one file; a file that cannot be read is a problem, and None. With a cache, a
        vocabulary or criterion unchanged since the last run is not parsed again."""
        self.catalogue.checked_files += 1
        try:
            if self.cache is not None and not markdown:
                return self.cache.parsed(path, read_yaml)
            return read_markdown(path) if markdown else read_yaml(path)
        except ContentError as exc:
            self.problems.add(self.project.relative(path), exc.line, exc.column, exc.message, code=exc.code, path=exc.path, hint=exc.hint)
            return None

    def memo(self, key: tuple[str, ...], step: Callable[[], T]) -> T:
        """``step()``, or with a cache, its value and problems from an earlier run with the same *key*
        (the files' content hashes and the context)."""
        if self.cache is None:
            return step()
        key = (self.cache.context, *key)
        found = self.cache.entries.get(key) or self.cache._fresh.get(key)
        if found is not None:
            self.cache.reused += 1
            self.problems.items.extend(found.problems)
            self.catalogue.checked_files += found.reads
        else:
            self.cache.checked += 1
            start, reads = len(self.problems.items), self.catalogue.checked_files
            value = step()
            found = _Entry(value, self.problems.items[start:], self.catalogue.checked_files - reads)
        self.cache._fresh[key] = found
        return found.value  # type: ignore[no-any-return]

    def digest_key(self, path: Path) -> str:
        return self.cache.digest_of(path) if self.cache is not None else ""

    def report(self, where: Document | Path, findings: Iterable[Finding]) -> bool:
        """Add what the rules found in one file; True when none of it is an error."""
        file = ""
        clean = True
        for found in findings:
            file = file or self.project.relative(where.path if isinstance(where, Document) else where)
            line, column = _position(where, found)
            path = json_path(found.path) if found.path is not None else ""
            self.problems.add(file, line, column, found.message, code=found.code, path=path, hint=found.hint, severity=found.severity)
            clean = clean and found.severity is not Severity.ERROR
        return clean


def _position(where: Document | Path, found: Finding) -> tuple[int, int]:
    """A finding's line and column: given, from its path in the data, or the file's start."""
    if found.line:
        return found.line, found.column
    if not isinstance(where, Document):
        return 1, 1
    path = found.path or ()
    return where.positions.of_key(path) if found.at_key else where.positions.of_value(path)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


# -- vocabularies ---------------------------------------------------------------------------------
def _load_vocabularies(run: _Run) -> None:
    folder = run.project.vocabularies_dir
    docs = [doc for doc in (run.read(path, markdown=False) for path in _yaml_files(folder)) if doc]
    for name in schemas.REQUIRED_VOCABULARIES:
        path = folder / f"{name}.yml"
        run.report(path, vocabularies.exists(path, name))
    run.catalogue.vocabularies.update((doc.path.stem, doc) for doc in docs)
    run.validators = schemas.Validators(run.project.schema_dir, run.catalogue.vocabulary_ids())
    for doc in docs:
        if run.report(doc, schema_findings(run.validators.vocabulary, doc.data)):
            run.report(doc, vocabularies.rules(doc.data, doc.path.stem, run.project.languages))
            run.report(doc, review.known_entries(doc.data, review.vocabulary_keys(doc.data), "Vokabular"))
    participation = run.catalogue.vocabularies.get(vocabularies.PARTICIPATION)
    if participation:
        run.report(participation, vocabularies.participation_levels(participation.data))
    for doc in docs:
        run.report(doc, references.rules(doc.data, run.catalogue.vocabulary_ids(), _ladder_steps(run)))


def _ladder_steps(run: _Run) -> dict[str, str]:
    ladder = run.catalogue.vocabularies.get(references.LADDER)
    return references.ladder_steps(ladder.data) if ladder else {}


def _check_values_schema(run: _Run) -> None:
    path = run.project.schema_dir / schemas.VALUES_SCHEMA
    current = path.read_text(encoding="utf-8") if path.exists() else None
    run.report(path, vocabularies.values_schema_current(current, schemas.render_values_schema(run.catalogue.vocabulary_ids())))


# -- criteria -------------------------------------------------------------------------------------
def _load_criteria(run: _Run, files: Iterable[Path] | None = None) -> None:
    """Criteria the schema accepts join the catalogue (other rules only report)."""
    accepted: list[Document] = []
    for path in sorted(files) if files is not None else _yaml_files(run.project.criteria_dir):
        doc = run.read(path, markdown=False)
        if doc and run.report(doc, schema_findings(run.validators.criterion, doc.data)):
            run.report(doc, criteria.rules(doc.data, path.stem, run.project.languages))
            run.report(doc, references.rules(doc.data, run.catalogue.vocabulary_ids(), _ladder_steps(run)))
            run.report(doc, review.known_entries(doc.data, review.criterion_keys(doc.data), "Kriterium"))
            accepted.append(doc)
    for doc, found in criteria.unique_order(accepted):
        run.report(doc, [found])
    run.catalogue.criteria.update((doc.data["id"], doc) for doc in accepted)


# -- cases ----------------------------------------------------------------------------------------
def _discover_cases(run: _Run) -> list[Path]:
    folder = run.project.cases_dir
    if not folder.is_dir():
        return []
    candidates = (p for p in sorted(folder.rglob("*")) if not (p.is_dir() or p.name in cases.IGNORED_IN_CASES or p.name.startswith(".")))
    return [path for path in candidates if run.report(path, cases.location(path, folder))]


def _load_cases(run: _Run, files: Iterable[Path]) -> None:
    sources: dict[str, Document] = {}
    translated: list[tuple[str, str, Path]] = []
    for case_id, lang, path in _named_case_files(run, files):
        if lang != SOURCE_LANGUAGE:
            translated.append((case_id, lang, path))
        elif case_id in sources:
            run.report(path, [cases.duplicate_id(case_id, run.project.relative(sources[case_id].path))])
        else:
            doc, clean = run.memo(("case", str(path), run.digest_key(path)), functools.partial(_read_and_check, run, path, case_id))
            if doc:
                sources[case_id] = doc
                if clean:
                    run.catalogue.cases[case_id] = CaseFiles(case_id, doc)
    patterns = translations.pattern_tree(schemas.translatable_paths(run.validators))
    for case_id, lang, path in translated:
        _load_translation(run, path, case_id, lang, sources, patterns)
    by_case: dict[str, list[Path]] = {}
    for case_id, _, path in translated:
        by_case.setdefault(case_id, []).append(path)
    for case_id, doc in sources.items():
        _acknowledge(run, doc, case_id, by_case.get(case_id, []))


def _acknowledge(run: _Run, doc: Document, case_id: str, translated: list[Path]) -> None:
    """Warnings the case lists as checked (gepruefte_hinweise) no longer count as warnings."""
    listed = acknowledged.entries(doc.data)
    if not listed:
        return
    files = {str(run.project.relative(path)) for path in [doc.path, *translated]}
    run.problems.items, used = acknowledged.apply(run.problems.items, files, listed)
    if case_id in run.catalogue.cases:  # no errors: every rule ran, so every warning is there
        run.report(doc, acknowledged.stale(listed, used))


def _named_case_files(run: _Run, files: Iterable[Path]) -> Iterator[tuple[str, str, Path]]:
    """(id, language, path) of each case file whose name is right."""
    for path in files:
        if run.report(path, cases.file_name(path.name, run.project.languages)):
            match = cases.CASE_FILE.match(path.name)
            assert match is not None  # cases.file_name refused every other name
            yield match["id"], match["lang"], path


def _read_and_check(run: _Run, path: Path, case_id: str) -> tuple[Document | None, bool]:
    """A German original read and checked: (the document or None, whether it has no error)."""
    doc = run.read(path, markdown=True)
    return doc, bool(doc) and _check_case(run, doc, case_id)  # type: ignore[arg-type]


def _check_case(run: _Run, doc: Document, case_id: str) -> bool:
    """Run every rule on a German original; True when it has no error."""
    valid = run.report(doc, schema_findings(run.validators.case, doc.data))
    if valid:
        valid = run.report(doc, cases.rules(doc, case_id, run.catalogue.criteria))
    reviewed = run.report(doc, cases.review(doc, run.stage is Stage.PUBLISHING))
    return run.report(doc, cases.unfinished(doc, run.stage is not Stage.EDITING)) and valid and reviewed


def _load_translation(run: _Run, path: Path, case_id: str, lang: str, sources: dict[str, Document], patterns: translations.PatternTree) -> None:
    source_path = path.with_name(f"{case_id}.{SOURCE_LANGUAGE}.md")
    if case_id not in sources and not source_path.exists():
        run.report(path, [translations.without_source(case_id)])
        return
    key = ("translation", str(path), run.digest_key(path), run.digest_key(source_path), str(case_id in sources))
    doc = run.memo(key, lambda: _read_translation(run, path, source_path, sources.get(case_id), patterns))
    if doc is not None and case_id in run.catalogue.cases:
        run.catalogue.cases[case_id].translations[lang] = doc


def _read_translation(run: _Run, path: Path, source_path: Path, source: Document | None, patterns: translations.PatternTree) -> Document | None:
    """A translation read and checked against its German original: the document when it has no error."""
    doc = run.read(path, markdown=True)
    source = (source or run.read(source_path, markdown=True)) if doc else None
    if doc is None or source is None:
        return None
    if isinstance(source.data, dict):
        run.report(doc, personal_data(doc, approved_contacts(source.data)))
        if not publicly_named(source.data):
            run.report(doc, places(doc))
    return doc if run.report(doc, translations.rules(doc.data, source.data, patterns)) else None


# -- a selection of files -------------------------------------------------------------------------
def _check_selection(run: _Run, selected: list[Path]) -> None:
    """Check only the files a contributor named (the vocabularies are read as context)."""
    criteria_files = [p for p in selected if p.suffix in (".yml", ".yaml") and p.parent.name != "vokabulare"]
    _load_criteria(run, criteria_files or None)
    _load_cases(run, [p for p in selected if p.suffix == ".md"])
    # Count what the user asked to check, not the vocabularies read as context.
    run.catalogue.checked_files = len(selected)
    for path in selected:
        run.report(path, _content_file(path))


def _content_file(path: Path) -> Iterator[Finding]:
    if path.suffix not in CONTENT_SUFFIXES:
        yield Finding(
            Code.FILE_NOT_CONTENT,
            "Diese Datei ist weder ein Praxisbeispiel (.md) noch ein Kriterium oder Vokabular (.yml)",
            "geben Sie Dateien aus praxis/ oder kriterien/ an",
        )
