"""Drafts and publishing apart (#15).

The team's review (pruefung, zuletzt_geprueft) is never the contributor's: `praxis new` and
`praxis from-issue` do not write it. A case without it is a draft: `praxis validate` notes it and
passes, the tests' build (a pull request) builds it with a banner, and publishing (`praxis validate
--veroeffentlichen`, `make site`, the deploy workflow) refuses it, naming the file and what the
team adds. A preview marks drafts and each missing value, and shows a broken case as a page of its
problems while the rest of the site builds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from drafts_support import BROKEN, COMPLETE, OPEN, UNFINISHED, broken_draft, complete_draft, unfinished_draft
from markupsafe import Markup

from praxis_kb import model, reporters
from praxis_kb.cli import main
from praxis_kb.load.project import Project
from praxis_kb.load.sources import Document
from praxis_kb.load.strictyaml import Positions
from praxis_kb.problems import Code, Problem, Severity
from praxis_kb.render import drafts, opendata
from praxis_kb.render.statements import Statements
from praxis_kb.site import generate
from praxis_kb.validate import cases, content

REVIEW = {"pruefung": {"durch": "Projektteam", "datum": "2026-11-01"}, "zuletzt_geprueft": "2026-11-01"}
STAGE_VARIABLES = (generate.DRAFT_VARIABLE, generate.UNREVIEWED_VARIABLE)


def doc(data: dict[str, Any]) -> Document:
    return Document(Path("praxis/fall.de.md"), data, Positions(), "\nText.\n", 10)


@pytest.fixture(autouse=True)
def publishing_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from a build that publishes (neither variable set)."""
    for name in STAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# -- the rule --------------------------------------------------------------------------------------
def test_a_case_without_the_teams_review_is_a_draft() -> None:
    assert cases.review_open(REVIEW) == []
    assert cases.review_open({}) == ["pruefung", "zuletzt_geprueft"]
    assert cases.review_open({"pruefung": REVIEW["pruefung"]}) == ["zuletzt_geprueft"]
    # an older skeleton left the reviewer to fill in: still a draft, not a contributor's task
    older = {**REVIEW, "pruefung": {"durch": "ERGÄNZEN: wer aus dem Projektteam geprüft hat", "datum": "2026-11-01"}}
    assert cases.review_open(older) == ["pruefung"]
    assert list(cases.fill_ins(doc(older), publishing=True)) == []
    assert cases.review_open(["not", "a", "mapping"]) == []  # the schema reports that


def test_a_draft_is_noted_while_editing_and_refused_when_publishing() -> None:
    [noted] = cases.review(doc({}), publishing=False)
    assert (noted.code, noted.severity, noted.line, noted.column) == (Code.CASE_DRAFT, Severity.INFO, 1, 1)
    assert noted.message == "Entwurf: noch nicht vom Projektteam geprüft"
    assert noted.hint.startswith("nichts zu tun: ")
    [refused] = cases.review(doc({}), publishing=True)
    assert (refused.code, refused.severity) == (Code.CASE_DRAFT, Severity.ERROR)
    assert refused.message == "Entwurf: noch nicht vom Projektteam geprüft – wird so nicht veröffentlicht"
    assert refused.hint == 'nach seiner Prüfung trägt das Projektteam pruefung: {durch: "…", datum: "JJJJ-MM-TT"} und zuletzt_geprueft: "JJJJ-MM-TT" ein'
    assert list(cases.review(doc(REVIEW), publishing=True)) == []


def test_the_schema_leaves_the_review_to_the_team(project: Project) -> None:
    import json

    schema = json.loads((project.schema_dir / "praxisbeispiel.schema.json").read_text(encoding="utf-8"))
    assert "pruefung" not in schema["required"] and "zuletzt_geprueft" not in schema["required"]
    for key in ("pruefung", "zuletzt_geprueft"):
        assert "x-vorlage" not in json.dumps(schema["properties"][key])  # no tool writes a review date
        assert schema["properties"][key]["x-formular"] is False


# -- the authoring tools -----------------------------------------------------------------------------
def test_from_issue_writes_no_review(sandbox: Project) -> None:
    text = complete_draft(sandbox).read_text(encoding="utf-8")
    assert "pruefung" not in text and "zuletzt_geprueft" not in text and "Geprüft" not in text


def test_praxis_new_writes_no_review(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--root", str(sandbox.root), "new", "--no-input", "--titel", "Ganz neu", "--standorttyp", "kleinstadt"]
    assert main([*args, "--gemeindestruktur", "unbekannt", "--handlungsfeld", "sprache"]) == 0, capsys.readouterr()
    data = yaml.safe_load((sandbox.cases_dir / "ganz-neu.de.md").read_text(encoding="utf-8").split("---\n")[1])
    assert "pruefung" not in data and "zuletzt_geprueft" not in data


# -- praxis validate and make site -----------------------------------------------------------------
def test_validate_accepts_a_complete_contribution_awaiting_review(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = complete_draft(sandbox)
    capsys.readouterr()
    assert main(["--root", str(sandbox.root), "validate"]) == 0
    out = capsys.readouterr().out
    assert ": error: " not in out and ": warning: " not in out
    assert f"praxis/{path.name}:1:1: info: Entwurf: noch nicht vom Projektteam geprüft (nichts zu tun: " in out
    assert re.search(r"; \d+ Entw(urf wartet|ürfe warten) auf die Prüfung durch das Projektteam\)\.$", out.splitlines()[-1])


def test_publishing_refuses_a_draft_naming_the_file_and_what_the_team_adds(sandbox: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = complete_draft(sandbox)
    capsys.readouterr()
    assert main(["--root", str(sandbox.root), "validate", "--veroeffentlichen"]) == 1
    out = capsys.readouterr().out
    assert (
        f"praxis/{path.name}:1:1: error: Entwurf: noch nicht vom Projektteam geprüft – wird so nicht veröffentlicht "
        '(nach seiner Prüfung trägt das Projektteam pruefung: {durch: "…", datum: "JJJJ-MM-TT"} und zuletzt_geprueft: "JJJJ-MM-TT" ein)'
    ) in out
    assert "Keine Fehler" not in out and "Alles in Ordnung" not in out
    assert out.splitlines()[-1].startswith("Bitte korrigieren: ")


def test_make_site_refuses_a_draft_before_it_builds_and_never_says_all_is_well(sandbox: Project) -> None:
    make = shutil.which("make")
    assert make, "make is needed"
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, sandbox.root / name)
        os.utime(sandbox.root / name, (0, 0))  # older than the stamp of the installed .venv
    (sandbox.root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)  # set up: its stamp matches
    path = complete_draft(sandbox)
    env = {k: v for k, v in os.environ.items() if k not in (*STAGE_VARIABLES, "MAKEFLAGS", "MAKELEVEL")}
    done = subprocess.run([make, "--no-print-directory", "site"], cwd=sandbox.root, capture_output=True, text=True, env=env, check=False, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert f"praxis/{path.name}:1:1: error: Entwurf" in out
    assert "Keine Fehler" not in out and "Alles in Ordnung" not in out
    assert "mkdocs" not in out and not (sandbox.root / "site").exists()  # refused before the build


def test_the_makefile_publishes_only_what_passed_the_publishing_check() -> None:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\n")
    site = lines[next(i for i, line in enumerate(lines) if line.startswith("site:")) + 1 :]
    recipe = [line.strip() for line in site[: next(i for i, line in enumerate(site) if not line.startswith("\t"))]]
    assert recipe == ["$(BIN)/praxis validate --veroeffentlichen", "$(BIN)/praxis build"]
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "run: make site" in deploy and generate.DRAFT_VARIABLE not in deploy and generate.UNREVIEWED_VARIABLE not in deploy


def test_make_preview_builds_whatever_the_content_holds() -> None:
    """No validation gate before the preview: it shows every problem itself (a broken case as a page)."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("preview:")) + 1
    recipe = [line.strip() for line in lines[start : start + 3] if line.startswith("\t")]
    assert recipe == [f"{generate.DRAFT_VARIABLE}=1 $(BIN)/praxis build"]


def test_a_pull_request_always_gets_its_preview() -> None:
    """The preview is built beside the tests, not after them, and uploaded whatever happened."""
    checks = yaml.safe_load((ROOT / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8"))
    preview = checks["jobs"]["preview"]
    assert "needs" not in preview
    runs = [step.get("run", "") for step in preview["steps"]]
    assert "make preview" in runs and "make test" not in runs
    [upload] = [step for step in preview["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload["if"] == "always()" and upload["with"]["name"] == "site" and upload["with"]["path"] == "site/"
    assert not any("make preview" in step.get("run", "") for step in checks["jobs"]["test"]["steps"])


def test_the_summary_counts_drafts_apart_from_acknowledged_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    draft = Problem("praxis/a.de.md", 1, 1, Severity.INFO, Code.CASE_DRAFT, "", "Entwurf: noch nicht vom Projektteam geprüft")
    checked = Problem("praxis/b.de.md", 3, 1, Severity.INFO, Code.PRIVACY_NAME, "$.titel", "Geprüft: Name")
    assert reporters.summary_line([draft], 2) == "Alles in Ordnung: 2 Dateien geprüft, keine Fehler (1 Entwurf wartet auf die Prüfung durch das Projektteam)."
    assert reporters.summary_line([draft, draft, checked], 3).endswith("(1 geprüfter Hinweis; 2 Entwürfe warten auf die Prüfung durch das Projektteam).")
    assert '"drafts": 1' in reporters.as_json([draft, checked], 2) and '"checked_warnings": 1' in reporters.as_json([draft, checked], 2)
    assert reporters.github([draft], 1).startswith("::notice file=praxis/a.de.md,line=1,col=1,")
    assert "| Entwurf |" in reporters.markdown_summary([draft], 1)


# -- the builds --------------------------------------------------------------------------------------
def test_a_build_publishes_by_default_and_refuses_a_draft(sandbox: Project) -> None:
    complete_draft(sandbox)
    result = generate.pages_for(sandbox)
    assert {p.code for p in result.blocking} == {Code.CASE_DRAFT} and not result.pages


def test_the_tests_build_takes_a_complete_draft_but_nothing_left_to_fill_in(sandbox: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(generate.UNREVIEWED_VARIABLE, "1")
    complete_draft(sandbox)
    result = generate.pages_for(sandbox)
    assert not result.blocking, [p.as_text() for p in result.blocking]
    page = next(p for p in result.pages if p.path == f"praxis/{COMPLETE}.de.md")
    assert 'class="admonition pk-draft"' in "".join(page.fragments)
    unfinished_draft(sandbox)
    assert {p.code for p in generate.pages_for(sandbox).blocking} == {Code.FILL_IN}


def test_the_tests_build_is_the_one_the_suite_makes() -> None:
    from browser_support import build_site

    source = Path(build_site.__code__.co_filename).read_text(encoding="utf-8")
    assert f'"{generate.UNREVIEWED_VARIABLE}": "1"' in source


def test_a_preview_shows_a_broken_draft_as_a_page_of_its_problems(sandbox: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(generate.DRAFT_VARIABLE, "1")
    complete_draft(sandbox)
    unfinished_draft(sandbox)
    path, line = broken_draft(sandbox)
    result = generate.pages_for(sandbox)
    assert not result.blocking and [p.code for p in result.problems.errors] == [Code.SCHEMA_ENUM]
    assert list(result.broken) == [BROKEN] and [p.line for p in result.broken[BROKEN]] == [line]
    paths = {page.path for page in result.pages}
    assert {f"praxis/{BROKEN}.{lang}.md" for lang in sandbox.languages} <= paths  # the problem page, in every language
    assert {f"praxis/{COMPLETE}.de.md", f"praxis/{UNFINISHED}.de.md", "praxis/runder-tisch-kleinstadt.de.md"} <= paths  # the rest builds
    page = next(p for p in result.pages if p.path == f"praxis/{BROKEN}.de.md")
    html = page.text + "".join(page.fragments)
    assert f"<code>praxis/{path.name}:{line}:16</code>" in html and f"in Zeile {line}, Spalte 16" in html
    assert "$.standort.standorttyp</code>: &#39;Dorf&#39; ist kein erlaubter Wert" in html
    assert "Entwurf: noch nicht" not in html  # a note, nothing to fix
    arabic = next(p for p in result.pages if p.path == f"praxis/{BROKEN}.ar.md")
    assert '<ol class="pk-draft-problems" lang="de" dir="ltr">' in "".join(arabic.fragments)


def test_a_broken_vocabulary_still_stops_a_preview(sandbox: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(generate.DRAFT_VARIABLE, "1")
    vocabulary = sandbox.vocabularies_dir / "standorttypen.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("eintraege:", "eintraege: : x", 1), encoding="utf-8")
    result = generate.pages_for(sandbox)
    assert result.blocking and not result.pages


def test_the_build_stops_only_for_blocking_errors(sandbox: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from praxis_kb.site.build import Language, SiteBuild

    monkeypatch.setenv(generate.DRAFT_VARIABLE, "1")
    broken_draft(sandbox)
    docs = sandbox.root / "docs"
    SiteBuild(sandbox.root).configure(Language("de", True), docs_dir=docs, site_dir=sandbox.root / "site", site_url="", dev_host="", dev_port=0)
    err = capsys.readouterr().err
    assert f"praxis/{BROKEN}.de.md:" in err and f"statt seiner zeigt die Seite praxis/{BROKEN}/ diese Fehler" in err
    assert (docs / "praxis" / f"{BROKEN}.de.md").exists()


# -- the pages ---------------------------------------------------------------------------------------
@pytest.fixture
def preview_model(sandbox: Project, monkeypatch: pytest.MonkeyPatch) -> model.Model:
    complete_draft(sandbox)
    unfinished_draft(sandbox)
    catalogue, problems = content.check(sandbox)
    assert not problems.errors
    return model.build(catalogue, ("de", "ar"))


def test_the_model_knows_a_draft_and_what_it_lacks(preview_model: model.Model) -> None:
    draft = preview_model.cases[COMPLETE]["de"]
    assert draft.draft and not draft.unfinished and draft.last_verified == "" and draft.reviewed_by == ""
    unfinished = preview_model.cases[UNFINISHED]["ar"]
    assert unfinished.draft and set(unfinished.missing) == set(OPEN.values())
    reviewed = preview_model.cases["runder-tisch-kleinstadt"]["de"]
    assert not reviewed.draft and not reviewed.missing and reviewed.last_verified


def test_a_draft_is_no_news_in_the_feeds(preview_model: model.Model) -> None:
    feed = opendata.atom_feed(preview_model, "de", "Praxiswissen", "Neu")
    assert "runder-tisch-kleinstadt" in feed and COMPLETE not in feed and UNFINISHED not in feed


def test_a_value_left_to_fill_in_is_missing_not_unknown() -> None:
    say = Statements("de")
    shown = say.unknown("ERGÄNZEN: Stunden pro Monat – oder unbekannt")
    assert str(shown) == "ERGÄNZEN: Stunden pro Monat – oder unbekannt" and not shown.known
    assert "Anmerkung" not in say.note("ERGÄNZEN: typ prüfen")
    assert "nicht bekannt" in str(say.unknown("niemand hat gezählt"))


def test_missing_values_are_marked_in_the_text_only() -> None:
    marker = 'ERGÄNZEN: „Name“ & <Art> – oder "unbekannt"'
    escaped = str(Markup("{}").format(marker))
    page = (
        f'<p title="{escaped}">{escaped}</p><svg><title>{escaped}</title><text>{escaped}</text></svg>'
        f"<dd>nicht bekannt – {escaped} <span>x</span></dd><p>ERGÄNZEN: anderes</p>"
    )
    out = drafts.mark_missing(page, [marker], "fehlt noch:", "de")
    mark = '<mark class="pk-missing"><span class="pk-missing__label">fehlt noch:</span> „Name“ &amp; &lt;Art&gt; – oder &#34;unbekannt&#34;</mark>'
    assert out.count('<mark class="pk-missing">') == 2
    assert f'<p title="{escaped}">{mark}</p>' in out  # the attribute stays as it is
    assert f"<svg><title>{escaped}</title><text>{escaped}</text></svg>" in out  # so does a picture
    assert f"<dd>nicht bekannt – {mark} <span>x</span></dd>" in out
    assert "<p>ERGÄNZEN: anderes</p>" in out  # only the case's own values
    arabic = drafts.mark_missing(f"<p>{escaped}</p>", [marker], "لم يُملأ بعد:", "ar")
    assert '<span class="pk-missing__label">لم يُملأ بعد:</span> <bdi lang="de">„Name“' in arabic
    assert drafts.mark_missing("<p>x</p>", [], "fehlt noch:", "de") == "<p>x</p>"


def test_a_narrative_left_to_fill_in_is_marked_as_markdown_escapes_it() -> None:
    marker = 'ERGÄNZEN: Beschreiben Sie hier das "Praxisbeispiel".'
    out = drafts.mark_missing('<p>ERGÄNZEN: Beschreiben Sie hier das "Praxisbeispiel".</p>', [marker], "fehlt noch:", "de")
    assert out.startswith('<p><mark class="pk-missing">')


def test_make_serve_goes_on_over_a_broken_draft_and_shows_it_once_it_is_fixed(sandbox: Project) -> None:
    from test_serve import preview, wait_for

    path, _ = broken_draft(sandbox)
    with preview(sandbox) as base:
        wait_for(f"{base}/praxis/{BROKEN}/", "Entwurf mit Fehlern")
        wait_for(f"{base}/praxis/runder-tisch-kleinstadt/", "Runder Tisch")  # the rest of the site
        path.write_text(path.read_text(encoding="utf-8").replace("standorttyp: Dorf", "standorttyp: laendliche-region"), encoding="utf-8")
        wait_for(f"{base}/praxis/{BROKEN}/", "Sprachcafé mit Kinderbetreuung")
