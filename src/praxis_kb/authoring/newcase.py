"""`praxis new`: ask for the core of a case (or take it from flags) and write the skeleton.

Status, start, municipal structure and participation step may be answered ``unbekannt``; what is
not asked or given (a flag left out, a question answered with Enter alone) stays a fill-in marker
in the file, never a default. The only suggestions Enter accepts are the id (made from the title)
and the region ``sachsen`` (true of every case here, and the least it says about a place).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from praxis_kb.authoring.casefile import UNKNOWN, case_file, open_fields, says_unknown
from praxis_kb.authoring.scaffold import FILL_IN, Answers, skeleton, slug
from praxis_kb.load.project import Project
from praxis_kb.model import pick
from praxis_kb.validate import content, shape
from praxis_kb.validate.content import ID_PATTERN

YEAR = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\Z")


class Aborted(Exception):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--titel", help="Titel des Praxisbeispiels")
    parser.add_argument("--id", help="Kennung und Dateiname (Standard: aus dem Titel)")
    parser.add_argument("--kurzbeschreibung", help="zwei bis drei Sätze")
    parser.add_argument("--standorttyp", help="z. B. kleinstadt")
    parser.add_argument("--region", help="Landkreis, kreisfreie Stadt oder sachsen (Standard)")
    parser.add_argument("--gemeindestruktur", help="z. B. verwaltungsgemeinschaft, oder unbekannt")
    parser.add_argument("--status", help="laeuft, beendet, verstetigt oder unbekannt (ohne Angabe: in der Datei zu ergänzen)")
    parser.add_argument(
        "--beginn", help="Jahr, Monat oder Tag, z. B. 2018 oder 2018-09; ungefähr: „ca. 2018“; oder unbekannt (ohne Angabe: in der Datei zu ergänzen)"
    )
    parser.add_argument("--ende", help="nur bei status beendet, geschrieben wie --beginn (ohne Angabe: in der Datei zu ergänzen)")
    parser.add_argument("--handlungsfeld", action="append", default=[], help="mehrfach angeben, z. B. --handlungsfeld wohnen --handlungsfeld sprache")
    parser.add_argument("--partizipation", help="Stufe im Stufenmodell, z. B. anhoerung, oder unbekannt (ohne Angabe: in der Datei zu ergänzen)")
    parser.add_argument(
        "--illustrativ",
        nargs="?",
        const="ja",
        metavar="ja|nein",
        help="ausgedachtes Beispiel: --illustrativ (ja); ein echtes: --illustrativ nein (ohne Angabe: in der Datei zu entscheiden)",
    )
    parser.add_argument(
        "--einwilligung-dokumentiert", action="store_true", help="die Einwilligung aller Beteiligten ist dokumentiert (ohne Angabe: in der Datei zu ergänzen)"
    )
    parser.add_argument("--anonymisierung-geprueft", action="store_true", help="die Anonymisierung ist geprüft (ohne Angabe: in der Datei zu ergänzen)")
    parser.add_argument("--ordner", default=None, help="wohin schreiben (Standard: praxis/)")
    parser.add_argument("--ueberschreiben", action="store_true", help="eine vorhandene Datei ersetzen")
    parser.add_argument("--no-input", action="store_true", help="nicht nachfragen; fehlende Pflichtangaben sind ein Fehler")


class Vocabularies:
    def __init__(self, project: Project) -> None:
        catalogue, _ = content.check(project, [])
        self.docs = catalogue.vocabularies
        self.shape = shape.load(project.schema_dir, catalogue.vocabulary_ids())

    def choices(self, name: str, unknown: bool = False) -> list[tuple[str, str]]:
        """The entries of a vocabulary as (id, German label); with *unknown*, "nicht bekannt" last."""
        entries = self.docs[name].data["eintraege"]
        return [(e["id"], pick(e["label"], "de")) for e in entries] + ([(UNKNOWN, "nicht bekannt")] if unknown else [])


def _check_choice(value: str, options: list[tuple[str, str]], flag: str) -> str:
    ids = [i for i, _ in options]
    if value in ids:
        return value
    if UNKNOWN in ids and says_unknown(value):
        return UNKNOWN
    close = difflib.get_close_matches(value.lower(), ids, n=1)
    hint = f" (meinten Sie '{close[0]}'?)" if close else ""
    raise Aborted(f"--{flag}: '{value}' ist kein erlaubter Wert{hint}. Erlaubt: {', '.join(ids)}")


_ESTIMATE = re.compile(r"(?:ca\.?|circa|etwa|ungefähr|ungefaehr|rund|~)\s*(?P<date>\S+)\Z", re.IGNORECASE)
UNDATED = f"{FILL_IN} was man über den Zeitpunkt weiß oder warum er nicht bekannt ist"
DATE_FORMS = "Form: 2018, 2018-09 oder 2018-09-15; ungefähr: ca. 2018; oder unbekannt"


def point(answer: str) -> Any:
    """A date as answered: "2018" as it is, "ca. 2018" as {datum, genauigkeit: ungefaehr},
    "unbekannt" (or "weiß nicht") as {datum: unbekannt} with the reason still to give (an undated
    date says why); None if it is none of these."""
    text = answer.strip()
    if says_unknown(text):
        return {"datum": UNKNOWN, "anmerkung": UNDATED}
    estimate = _ESTIMATE.match(text)
    if estimate and YEAR.match(estimate["date"]):
        return {"datum": estimate["date"], "genauigkeit": "ungefaehr"}
    return text if YEAR.match(text) else None


def _yes_no(value: str | None, flag: str) -> bool | None:
    if value is None:
        return None
    if value.lower() in ("ja", "j", "true"):
        return True
    if value.lower() in ("nein", "n", "false"):
        return False
    raise Aborted(f"--{flag}: '{value}' – bitte ja oder nein")


def from_flags(args: argparse.Namespace, vocab: Vocabularies, today: str) -> Answers:
    given = {"titel": args.titel, "standorttyp": args.standorttyp, "gemeindestruktur": args.gemeindestruktur, "handlungsfeld": args.handlungsfeld}
    missing = [flag for flag, value in given.items() if not value]
    if missing:
        raise Aborted("Ohne Nachfragen (--no-input) fehlen: " + ", ".join(f"--{m}" for m in missing))
    answers = Answers(today=today)
    answers.titel = args.titel
    answers.id = args.id or slug(args.titel)
    answers.kurzbeschreibung = args.kurzbeschreibung or ""
    answers.standorttyp = _check_choice(args.standorttyp, vocab.choices("standorttypen"), "standorttyp")
    answers.region = _check_choice(args.region or "sachsen", vocab.choices("regionen"), "region")
    answers.gemeindestruktur = _check_choice(args.gemeindestruktur, vocab.choices("gemeindestrukturen", unknown=True), "gemeindestruktur")
    # Not given: left to fill in (a marker), never a plausible default.
    answers.status = _check_choice(args.status, vocab.choices("status", unknown=True), "status") if args.status else ""
    answers.handlungsfelder = [_check_choice(h, vocab.choices("handlungsfelder"), "handlungsfeld") for h in args.handlungsfeld]
    if args.partizipation:
        answers.partizipation = _check_choice(args.partizipation, vocab.choices("partizipationsstufen", unknown=True), "partizipation")
    for flag, value in (("beginn", args.beginn), ("ende", args.ende)):
        if value and point(value) is None:
            raise Aborted(f"--{flag}: '{value}' ist kein Datum. {DATE_FORMS}")
    answers.beginn = point(args.beginn) if args.beginn else ""
    answers.ende = point(args.ende) if args.ende else ""
    answers.illustrativ = _yes_no(args.illustrativ, "illustrativ")
    answers.einwilligung = args.einwilligung_dokumentiert
    answers.anonymisierung = args.anonymisierung_geprueft
    if not ID_PATTERN.match(answers.id):
        raise Aborted(f"--id: '{answers.id}' ist keine gültige Kennung (nur a–z, Ziffern und Bindestriche)")
    return answers


def _picked(answer: str, options: list[tuple[str, str]]) -> list[str] | None:
    """The ids an answer picks by number or id; None if any part is neither. Where "nicht bekannt"
    is an option, "weiß nicht" and the like pick it too."""
    ids = [i for i, _ in options]
    if UNKNOWN in ids and says_unknown(answer):
        return [UNKNOWN]
    picked = []
    for part in re.split(r"[,\s]+", answer):
        if not part:
            continue
        if part.isdigit() and 1 <= int(part) <= len(options):
            picked.append(options[int(part) - 1][0])
        elif part in ids:
            picked.append(part)
        else:
            return None
    return list(dict.fromkeys(picked))


class Prompter:
    """Plain numbered prompts: they work with screen readers, over SSH and in tests."""

    def __init__(self, read: Callable[[str], str], out: TextIO) -> None:
        self.read = read
        self.out = out

    def ask(self, question: str, default: str = "", check: Callable[[str], str | None] | None = None) -> str:
        while True:
            shown = f"{question} [{default}]: " if default else f"{question}: "
            try:
                answer = self.read(shown).strip()
            except EOFError:
                raise Aborted("Abgebrochen: keine Eingabe mehr.") from None
            answer = answer or default
            problem = check(answer) if check else None
            if problem is None:
                return answer
            self.out.write(f"  → {problem}\n")

    def choose(self, question: str, options: list[tuple[str, str]], default: str = "", many: bool = False, open_: bool = False) -> list[str]:
        """One (or, *many*, several) of *options*; with *open_*, Enter alone picks none (the
        value stays to fill in)."""
        self.out.write(f"{question}\n")
        for number, (ident, label) in enumerate(options, 1):
            self.out.write(f"  {number:>2}) {label} ({ident})\n")
        default_number = str([i for i, _ in options].index(default) + 1) if default else ""

        def parse(answer: str) -> list[str] | None:
            return _picked(answer, options)

        hint = "Nummern mit Komma, z. B. 1,3" if many else "Nummer"
        if open_:
            hint += f" – {LATER}"

        def check(answer: str) -> str | None:
            if open_ and not answer:
                return None
            picked = parse(answer)
            if not picked:
                return f"Bitte {'eine oder mehrere Nummern' if many else 'eine Nummer'} aus der Liste eingeben."
            if not many and len(picked) > 1:
                return "Bitte nur eine Nummer eingeben."
            return None

        answer = self.ask(hint, default_number, check)
        return parse(answer) or []

    def yes(self, question: str) -> bool:
        """Yes or no, asked without a suggestion: the answer is the contributor's."""

        def check(answer: str) -> str | None:
            return None if answer.lower() in ("j", "ja", "n", "nein") else "Bitte j (ja) oder n (nein) eingeben."

        return self.ask(f"{question} (j/n)", check=check).lower() in ("j", "ja")


# What Enter alone does where a question may stay open.
LATER = "Eingabetaste allein: später in der Datei ergänzen"


def _date_check(answer: str) -> str | None:
    return None if not answer or point(answer) is not None else f"{DATE_FORMS}."


def interactive(vocab: Vocabularies, today: str, read: Callable[[str], str], out: TextIO) -> Answers:
    p = Prompter(read, out)
    out.write(
        "Neues Praxisbeispiel anlegen. Was Sie hier nicht beantworten, bleibt in der Datei als „ERGÄNZEN: …“ offen – "
        "nichts wird für Sie angenommen; nur Vorschläge in [Klammern] übernimmt die Eingabetaste. "
        "Was niemand weiß, ist kein Fehler: wählen Sie „nicht bekannt“, wo es angeboten wird. Strg+C bricht ab.\n\n"
    )
    answers = Answers(today=today)
    answers.titel = p.ask("Titel (kurz und sprechend)", check=lambda a: None if a else "Bitte einen Titel eingeben.")
    answers.id = p.ask(
        "Kennung, zugleich Dateiname",
        slug(answers.titel),
        lambda a: None if ID_PATTERN.match(a) else "Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. runder-tisch-kleinstadt.",
    )
    answers.kurzbeschreibung = p.ask(f"Kurzbeschreibung: was, wer, wozu (zwei bis drei Sätze; {LATER})")
    answers.standorttyp = p.choose("Standorttyp:", vocab.choices("standorttypen"))[0]
    answers.region = p.choose(
        "Region, nie genauer als der Landkreis (Eingabetaste: Sachsen, ohne den Landkreis zu nennen):", vocab.choices("regionen"), "sachsen"
    )[0]
    answers.gemeindestruktur = p.choose("Gemeindestruktur:", vocab.choices("gemeindestrukturen", unknown=True))[0]
    answers.status = next(iter(p.choose("Status:", vocab.choices("status", unknown=True), open_=True)), "")
    answers.beginn = point(p.ask(f"Beginn (Jahr, z. B. 2018, oder Monat, z. B. 2018-09; ungefähr: ca. 2018; oder unbekannt; {LATER})", check=_date_check)) or ""
    if answers.status == "beendet":
        answers.ende = point(p.ask(f"Ende (Jahr oder Monat, z. B. 2023; ungefähr: ca. 2023; oder unbekannt; {LATER})", check=_date_check)) or ""
    answers.handlungsfelder = p.choose("Handlungsfelder (mehrere möglich):", vocab.choices("handlungsfelder"), many=True)
    answers.partizipation = next(
        iter(
            p.choose(
                "Wie weit wirken Geflüchtete mit? Stufe im Stufenmodell der Partizipation:", vocab.choices("partizipationsstufen", unknown=True), open_=True
            )
        ),
        "",
    )
    answers.illustrativ = p.yes("Ist es ein ausgedachtes, illustratives Beispiel (j), oder ein echtes (n)?")
    # true is the only value these two can take: "no" leaves them to fill in once it is so
    answers.einwilligung = p.yes(
        "Ist die Einwilligung aller Beteiligten zur Veröffentlichung dokumentiert? Bei n bleibt es in der Datei offen, bis sie es ist."
    )
    answers.anonymisierung = p.yes(
        "Wurde geprüft, dass keine Angabe eine geflüchtete Person erkennbar macht? Bei n bleibt es in der Datei offen, bis es geprüft ist."
    )
    return answers


def run(args: argparse.Namespace, project: Project, read: Callable[[str], str] = input, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    today = dt.date.today().isoformat()
    vocab = Vocabularies(project)
    try:
        if args.no_input or not sys.stdin.isatty() and read is input:
            answers = from_flags(args, vocab, today)
        else:
            answers = interactive(vocab, today, read, out)
    except Aborted as exc:
        sys.stderr.write(f"praxis new: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("\npraxis new: abgebrochen, nichts geschrieben.\n")
        return 130
    folder = Path(args.ordner) if args.ordner else project.cases_dir
    target = folder / f"{answers.id}.de.md"
    if target.exists() and not args.ueberschreiben:
        sys.stderr.write(f"praxis new: {project.relative(target)} gibt es schon. Andere Kennung wählen oder --ueberschreiben angeben.\n")
        return 1
    data, body = skeleton(answers, vocab.shape)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(case_file(vocab.shape, data, body, comments=True), encoding="utf-8")
    _, problems = content.check(project, [target])
    todo = open_fields(data, body)
    out.write(f"\n{project.relative(target)} angelegt.\n")
    if problems.errors:
        for problem in problems.errors:
            out.write(problem.as_text() + "\n")
        out.write("Diese Fehler müssen vor der Veröffentlichung behoben werden.\n")
    out.write(
        f"Noch {todo} Stellen sind auszufüllen (sie beginnen mit „ERGÄNZEN:“). „praxis validate {project.relative(target)}“ zeigt sie mit Zeilennummer.\n"
        "Was niemand weiß, ist kein Fehler: Wo es „– oder unbekannt“ heißt, schreiben Sie unbekannt.\n"
    )
    return 0
