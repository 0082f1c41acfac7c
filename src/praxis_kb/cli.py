"""The ``praxis`` command: check content, regenerate schemas, scaffold cases."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from praxis_kb.load.project import Project, find_root
from praxis_kb.validate import content, schemas, shape
from praxis_kb.validate.shape import Shape

from .reporters import REPORTERS

CONTENT_SUFFIXES = (".md", ".yml", ".yaml")


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve() if args.root else find_root())


def cmd_validate(args: argparse.Namespace) -> int:
    project = _project(args)
    paths = [Path(p) for p in args.paths] if args.paths else None
    if paths:
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            print(f"{path}:1:1: error: Die Datei gibt es nicht (prüfen Sie den Pfad)", file=sys.stderr)
        if missing:
            return 2
        expanded: list[Path] = []
        for path in paths:
            expanded.extend(sorted(q for q in path.rglob("*") if q.is_file() and q.suffix in CONTENT_SUFFIXES) if path.is_dir() else [path])
        paths = expanded
    stage = content.Stage.PUBLISHING if args.veroeffentlichen else content.Stage.EDITING
    catalogue, problems = content.check(project, paths, stage=stage)
    found = problems.sorted()
    sys.stdout.write(REPORTERS[args.format](found, catalogue.checked_files))
    return 1 if problems.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    project = _project(args)
    catalogue, problems = content.check(project, [])
    if problems.errors:
        sys.stdout.write(REPORTERS["text"](problems.errors, catalogue.checked_files))
        return 1
    target = project.schema_dir / schemas.VALUES_SCHEMA
    return _write_generated(project, target, schemas.render_values_schema(catalogue.vocabulary_ids()), args.check, "praxis schema")


def _write_generated(project: Project, target: Path, rendered: str, check_only: bool, command: str) -> int:
    """Write a file generated from the vocabularies, or (check_only) say whether it is current."""
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if check_only:
        if current != rendered:
            print(f"{project.relative(target)} ist nicht auf dem Stand der Vokabulare: führen Sie „{command}“ aus.")
            return 1
        print(f"{project.relative(target)} ist aktuell.")
        return 0
    if current != rendered:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered, encoding="utf-8")
        print(f"{project.relative(target)} neu geschrieben.")
    else:
        print(f"{project.relative(target)} ist schon aktuell.")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from praxis_kb import model
    from praxis_kb.model import coverage
    from praxis_kb.render import ui_strings

    project = _project(args)
    catalogue, problems = content.check(project)
    if problems.errors:
        sys.stdout.write(REPORTERS["text"](problems.errors, catalogue.checked_files))
        return 1
    found = coverage.compute(model.build(catalogue, project.languages), ui_strings())
    if args.format == "json":
        sys.stdout.write(json.dumps(coverage.as_dict(found), ensure_ascii=False, indent=2) + "\n")
        return 0
    labels = {"ui": "Website-Texte", "vocabularies": "Vokabulare", "criteria": "Kriterien", "cases": "Praxisbeispiele"}
    for cov in found:
        print(f"{cov.lang}:")
        for area, entry in cov.areas.items():
            print(f"  {labels[area]:<16} geprüft {entry.reviewed:>4} / {entry.total:<4} ungeprüft {len(entry.unreviewed):>4}   fehlt {len(entry.missing):>4}")
            if args.details:
                for item in entry.missing:
                    print(f"      fehlt: {item}")
                for item in entry.unreviewed:
                    print(f"      ungeprüft: {item}")
    if not found:
        print("Die Website hat nur die Ausgangssprache.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from praxis_kb.authoring import newcase

    return newcase.run(args, _project(args))


def _form_inputs(project: Project) -> tuple[content.Catalogue, list[tuple[str, str]], Shape] | None:
    from praxis_kb.model import pick

    catalogue, problems = content.check(project)
    if problems.errors:
        sys.stdout.write(REPORTERS["text"](problems.errors, catalogue.checked_files))
        return None
    site_types = [(e["id"], pick(e["label"], "de")) for e in catalogue.vocabularies["standorttypen"].data["eintraege"]]
    return catalogue, site_types, shape.load(project.schema_dir, catalogue.vocabulary_ids())


def cmd_issue_form(args: argparse.Namespace) -> int:
    from praxis_kb.authoring import issueform
    from praxis_kb.model import pick

    project = _project(args)
    inputs = _form_inputs(project)
    if inputs is None:
        return 1
    catalogue, site_types, case_shape = inputs
    criteria = sorted(catalogue.criteria.values(), key=lambda d: d.data["reihenfolge"])
    names = tuple(pick(d.data["name"], "de") for d in criteria)
    rendered = issueform.form_yaml({k: d.data for k, d in catalogue.vocabularies.items()}, site_types, case_shape, names)
    target = project.root / ".github" / "ISSUE_TEMPLATE" / "praxisbeispiel.yml"
    return _write_generated(project, target, rendered, args.check, "praxis issue-form")


# When the repository itself has an error (not the submission), the form cannot be taken over yet.
REPOSITORY_BROKEN_COMMENT = (
    "**Das Formular konnte noch nicht übernommen werden** – das liegt nicht an Ihren Angaben: In der "
    "Wissensbasis selbst ist gerade ein Fehler, den das Projektteam zuerst beheben muss. Sie brauchen "
    "nichts zu tun; sobald der Fehler behoben ist, wird Ihr Formular übernommen (das Projektteam stößt "
    "das an, oder Sie bearbeiten das Issue danach noch einmal).\n"
)


def cmd_from_issue(args: argparse.Namespace) -> int:
    from praxis_kb.authoring import submission

    project = _project(args)
    inputs = _form_inputs(project)
    if inputs is None:
        if args.kommentar:  # the contributor is not left without an answer
            Path(args.kommentar).write_text(REPOSITORY_BROKEN_COMMENT, encoding="utf-8")
        return 1
    catalogue, site_types, case_shape = inputs
    try:
        raw = sys.stdin.read() if args.issue in (None, "-") else Path(args.issue).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"praxis from-issue: {args.issue} kann nicht gelesen werden ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        print("Hinweis: geben Sie eine Textdatei in UTF-8 mit dem Text des Issues an, oder - für die Standardeingabe.", file=sys.stderr)
        return 1
    folder = Path(args.ordner) if args.ordner else None
    outcome = submission.convert(project, raw, site_types, case_shape, catalogue, case_id=args.id, folder=folder, overwrite=args.ueberschreiben)
    relative = project.relative(outcome.path) if outcome.path else ""
    if args.kommentar:  # the answer the workflow posts on the issue
        Path(args.kommentar).write_text(outcome.comment(relative), encoding="utf-8")
    issue = f"Issue #{outcome.number}" if outcome.number else "Issue"
    for problem in outcome.problems:
        print(f"{issue}: {problem}", file=sys.stderr)
    for warning in outcome.warnings:
        print(f"{issue}: Hinweis: {warning}")
    if outcome.path is None:
        print("Nichts geschrieben: bitte die Angaben im Issue korrigieren (oder nachfragen).", file=sys.stderr)
        return 1
    print(f"{relative} geschrieben.")
    if args.github_output:
        with Path(args.github_output).open("a", encoding="utf-8") as handle:
            handle.write(f"path={relative}\nid={outcome.case_id}\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from praxis_kb.site import sitedir

    project = _project(args)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else project.root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project.root / "mkdocs.yml")]
    return sitedir.build(site_dir, command, project.root)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="praxis",
        description="Werkzeug der Wissensbasis guter Praxis: Praxisbeispiele prüfen und anlegen.",
    )
    parser.add_argument("--root", help="Projektordner (Standard: der nächste Ordner mit mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")

    validate = sub.add_parser("validate", help="Praxisbeispiele, Kriterien und Vokabulare prüfen")
    validate.add_argument("paths", nargs="*", metavar="PFAD", help="Dateien oder Ordner (Standard: alles in praxis/ und kriterien/)")
    validate.add_argument(
        "--format", choices=sorted(REPORTERS), default="text", help="Ausgabe: text (Standard), json oder github (Anmerkungen in GitHub Actions)"
    )
    validate.add_argument(
        "--veroeffentlichen",
        action="store_true",
        help="so streng wie das Veröffentlichen: noch offene ERGÄNZEN-Stellen und Entwürfe (ohne Prüfung durch das Projektteam) sind Fehler",
    )
    validate.set_defaults(handler=cmd_validate)

    schema = sub.add_parser("schema", help="schemas/vokabular-werte.schema.json aus den Vokabularen erzeugen")
    schema.add_argument("--check", action="store_true", help="nur prüfen, ob die Datei aktuell ist")
    schema.set_defaults(handler=cmd_schema)
    from praxis_kb.authoring import newcase

    new = sub.add_parser("new", help="ein neues Praxisbeispiel anlegen (fragt nach oder nimmt Angaben als Optionen)")
    newcase.add_arguments(new)
    new.set_defaults(handler=cmd_new)

    form = sub.add_parser("issue-form", help=".github/ISSUE_TEMPLATE/praxisbeispiel.yml aus den Vokabularen erzeugen")
    form.add_argument("--check", action="store_true", help="nur prüfen, ob die Datei aktuell ist")
    form.set_defaults(handler=cmd_issue_form)

    issue = sub.add_parser("from-issue", help="ein ausgefülltes Formular „Praxisbeispiel einreichen“ in eine Datei in praxis/ umwandeln")
    issue.add_argument("issue", nargs="?", help="Datei mit dem Text des Issues oder dem JSON der GitHub-API; - oder leer: Standardeingabe")
    issue.add_argument("--id", help="Kennung (Standard: aus dem Titel)")
    issue.add_argument("--ordner", help="wohin schreiben (Standard: praxis/)")
    issue.add_argument("--ueberschreiben", action="store_true")
    issue.add_argument("--kommentar", metavar="DATEI", help="die Antwort auf das Issue (Markdown) in diese Datei schreiben")
    issue.add_argument("--github-output", help=argparse.SUPPRESS)
    issue.set_defaults(handler=cmd_from_issue)

    site = sub.add_parser("build", help="die Website bauen (wie mkdocs build --strict); site/ wird erst ersetzt, wenn alles gelungen ist")
    site.add_argument("--site-dir", help="Zielordner (Standard: site/ im Projektordner)")
    site.set_defaults(handler=cmd_build)

    cover = sub.add_parser("coverage", help="Stand der Übersetzungen je Sprache zeigen")
    cover.add_argument("--format", choices=["text", "json"], default="text")
    cover.add_argument("--details", action="store_true", help="auch jeden fehlenden oder ungeprüften Text nennen")
    cover.set_defaults(handler=cmd_coverage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
