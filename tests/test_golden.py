"""Golden files for the renderers: model → Markdown pages, SVG, JSON, CSV and Atom.

Run with UPDATE_GOLDEN=1 to rewrite tests/golden/ after an intended change, then read the diff.
JSON is stored indented with sorted keys, so that a diff shows the field that changed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from praxis_kb import model, render
from praxis_kb.load.project import Project
from praxis_kb.render import escaping, opendata
from praxis_kb.validate import cases, content

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 11, 25)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def built(project: Project) -> tuple[content.Catalogue, model.Model]:
    catalogue, problems = content.check(project)
    assert not problems.errors
    # The golden files show what is published: a draft (a contribution awaiting the team's review,
    # #15) is not, so that it passes the tests of its pull request. Once the team has entered its
    # review, UPDATE_GOLDEN=1 takes the case in.
    for case_id in [c for c, files in catalogue.cases.items() if cases.review_open(files.source.data)]:
        del catalogue.cases[case_id]
    return catalogue, model.build(catalogue, project.languages)


def outputs(catalogue: content.Catalogue, built_model: model.Model) -> dict[str, str]:
    pages = {page.path: render.insert_fragments(page.text, page.fragments) for page in render.render_all(built_model, render.Operator(), TODAY)}
    wanted = {path: text for path, text in pages.items() if not path.startswith(render.LEGAL_PAGES)}
    wanted["data/cases.json"] = opendata.cases_json(built_model, TODAY)
    wanted["data/cases.csv"] = opendata.cases_csv(built_model)
    for lang in built_model.languages:
        wanted[opendata.feed_name(lang)] = opendata.atom_feed(built_model, lang, "Praxiswissen", "Neue Praxisbeispiele")
    return wanted


# Golden pages in one left-to-right and one right-to-left language: the others go through the same
# code with other strings. English alone has translated cases, shown with a notice of their own.
GOLDEN_LANGUAGES = ("de", "ar")
OWN_LOGIC = {"en": "praxis/"}


def golden(rel: str) -> bool:
    """Whether the output *rel* (``praxis/x.en.md``, ``feed.ar.xml``, ``data/cases.json``) has a golden file."""
    name = rel.rsplit("/", 1)[-1]
    parts = name.split(".")
    if rel.startswith("data/"):
        return True
    lang = parts[-2] if len(parts) > 2 else "de"  # feed.xml is German's feed
    return lang in GOLDEN_LANGUAGES or (lang in OWN_LOGIC and rel.startswith(OWN_LOGIC[lang]))


def stored_form(rel: str, text: str) -> str:
    if rel.endswith(".json"):
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return text


def test_renderers_match_the_golden_files(built: tuple[content.Catalogue, model.Model]) -> None:
    produced = {rel: stored_form(rel, text) for rel, text in outputs(*built).items() if golden(rel)}
    assert any(rel.endswith(".en.md") for rel in produced) and any(rel.endswith(".ar.md") for rel in produced)
    if UPDATE:
        for path in sorted(GOLDEN.rglob("*")) if GOLDEN.exists() else []:
            if path.is_file():
                path.unlink()
        for rel, text in produced.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
    stored = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert stored == set(produced), "run UPDATE_GOLDEN=1 pytest tests/test_golden.py and review the diff"
    for rel, text in produced.items():
        with (GOLDEN / rel).open(encoding="utf-8", newline="") as handle:
            assert handle.read() == text, rel


def test_open_data_json_stays_compact(built: tuple[content.Catalogue, model.Model]) -> None:
    # The golden file is indented for reading; the site's own file is one line (see cases_json).
    text = outputs(*built)["data/cases.json"]
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"


def test_rendering_is_deterministic(built: tuple[content.Catalogue, model.Model]) -> None:
    assert outputs(*built) == outputs(*built)


def test_legal_pages_state_missing_operator_plainly() -> None:
    pages = {p.path: p.text for p in render.legal_pages(render.Operator(), ("de", "en"), TODAY)}
    assert set(pages) == {f"{n}.{lang}.md" for n in render.LEGAL_PAGES for lang in ("de", "en")}
    complete = render.Operator("Muster & Partner e. V.", ("Musterstraße 1", "01067 Dresden"), "kontakt@example.org")
    filled = {p.path: p.text for p in render.legal_pages(complete, ("de",), TODAY)}
    assert "Muster &amp; Partner e. V." in filled["impressum.de.md"]
    assert "kontakt@example.org" in filled["impressum.de.md"]
    assert "kontakt@example.org" not in pages["impressum.de.md"]
    assert "25. November 2026" in filled["datenschutz.de.md"]


def test_csv_cells_cannot_start_a_formula() -> None:
    assert escaping.safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escaping.safe_cell("+1") == "'+1" and escaping.safe_cell("@a") == "'@a" and escaping.safe_cell("-2") == "'-2"
    assert escaping.safe_cell("Runder Tisch") == "Runder Tisch"


def test_fragments_round_trip() -> None:
    body = "<p>a</p>\n\n## Eins\n\n<div>\n<p>b</p>\n</div>\n\n## Zwei\n"
    text, fragments = render.split_fragments(body)
    assert "## Eins" in text and "## Zwei" in text and "<p>" not in text
    assert fragments == ("<p>a</p>", "<div>\n<p>b</p>\n</div>")
    assert render.insert_fragments(text, fragments).replace("\n", "") == body.replace("\n", "")


PARALLEL = """
import datetime as dt, multiprocessing, sys, warnings
warnings.simplefilter("error")  # a fork beside threads warns from Python 3.12 on: fail on it
from praxis_kb.validate import content
from praxis_kb import model, render
from praxis_kb.load.project import Project
from pathlib import Path
project = Project(Path(sys.argv[1]))
catalogue, problems = content.check(project)
built = model.build(catalogue, project.languages)
today = dt.date(2026, 11, 25)
serial = render.render_all(built, render.Operator(), today)
forked = []
real = multiprocessing.get_context
multiprocessing.get_context = lambda method=None: forked.append(method) or real(method)
parallel = render.render_all(built, render.Operator(), today, workers=2)
assert forked == ["fork"], forked
assert parallel == serial
print("same pages")
"""


def test_rendering_in_parallel_processes_gives_the_same_pages(project: Project) -> None:
    # in a fresh process: this one may run threads (the browser tests' web server)
    done = subprocess.run([sys.executable, "-c", PARALLEL, str(project.root)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "same pages", done.stderr


def test_beside_another_thread_the_pages_are_rendered_without_forking(built: tuple[content.Catalogue, model.Model]) -> None:
    _, built_model = built
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not render.fork_is_safe()
        pages = render.render_all(built_model, render.Operator(), TODAY, workers=2)  # warnings are errors here
    finally:
        stop.set()
        thread.join()
    assert pages == render.render_all(built_model, render.Operator(), TODAY)


def test_only_a_large_collection_renders_in_parallel_and_never_beside_threads() -> None:
    many = 10 * render.PARALLEL_FROM_CASES
    assert render.parallel_workers(many, cores=2, threads=1) == 2
    assert render.parallel_workers(many, cores=8, threads=1) == 8
    assert render.parallel_workers(render.PARALLEL_FROM_CASES - 1, cores=8, threads=1) == 1
    assert render.parallel_workers(many, cores=1, threads=1) == 1
    assert render.parallel_workers(many, cores=8, threads=3) == 1  # e.g. mkdocs serve
