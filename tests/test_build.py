"""Full builds: the shipped content builds strictly; invalid content publishes nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxis_kb.load.project import Project

BIN = Path(sys.executable).parent


def mkdocs_build(project: Project, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def built(built_site: Path) -> Path:
    """The strict build of the shipped content that the browser tests use too (built once)."""
    return built_site


def test_every_case_exists_in_every_language(built: Path, project: Project) -> None:
    cases = sorted(p.name.removesuffix(".de.md") for p in project.cases_dir.glob("*.de.md"))
    assert len(cases) >= 5
    for lang in project.languages:
        prefix = built if lang == "de" else built / lang
        for case_id in cases:
            page = prefix / "praxis" / case_id / "index.html"
            assert page.exists(), page
            html = page.read_text(encoding="utf-8")
            assert f'lang="{lang}"' in html


def test_every_page_names_its_language_and_direction(built: Path, project: Project) -> None:
    """From the HTML for every page; the browser checks the computed direction on each template."""
    wrong = []
    for path in sorted(built.rglob("*.html")):
        folder = path.relative_to(built).parts[0]
        lang = folder if folder in project.languages else project.languages[0]
        tag = re.search(r"<html\b[^>]*>", path.read_text(encoding="utf-8"))
        expected = f'lang="{lang}" dir="{"rtl" if lang in ("ar", "fa") else "ltr"}"'
        if not tag or expected not in tag.group(0):
            wrong.append(f"{path.relative_to(built)}: {tag.group(0) if tag else 'no <html>'}")
    assert not wrong, wrong[:10]


def test_site_structure(built: Path, project: Project) -> None:
    criteria = sorted(p.stem for p in project.criteria_dir.glob("*.yml"))
    for lang_prefix in ("", "en/"):
        for page in ("index.html", "praxis/index.html", "kriterien/index.html", "standorttypen/index.html", "mitmachen/index.html"):
            assert (built / lang_prefix / page).exists(), lang_prefix + page
        for criterion in criteria:
            assert (built / lang_prefix / "kriterien" / criterion / "index.html").exists()
        for site_type in ("mittelgrosse-stadt", "kleinstadt", "laendliche-region"):
            assert (built / lang_prefix / "standorttypen" / site_type / "index.html").exists()


def test_illustrative_cases_say_so_on_every_page(built: Path, project: Project) -> None:
    for page in (built / "praxis").glob("*/index.html"):
        assert "Illustratives Beispiel" in page.read_text(encoding="utf-8").replace("\u00ad", ""), page  # without soft hyphens
    for page in (built / "en" / "praxis").glob("*/index.html"):
        assert "Illustrative example" in page.read_text(encoding="utf-8"), page


def test_case_pages_are_not_in_the_navigation(built: Path) -> None:
    start = (built / "index.html").read_text(encoding="utf-8")
    assert "runder-tisch-kleinstadt" not in start


def test_invalid_content_stops_the_build_and_publishes_nothing(sandbox: Project, tmp_path: Path) -> None:
    case = sandbox.cases_dir / "runder-tisch-kleinstadt.de.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("standorttyp: kleinstadt", "standorttyp: Kleinstadt", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.strip() == "standorttyp: kleinstadt")
    site = tmp_path / "out"
    done = mkdocs_build(sandbox, site)
    assert done.returncode != 0
    expected = f"praxis/runder-tisch-kleinstadt.de.md:{line}:16: error: $.standort.standorttyp: 'Kleinstadt' ist kein erlaubter Wert (meinten Sie 'kleinstadt'?"
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert not site.exists() or not any(site.iterdir())


def test_broken_front_matter_is_never_rendered_as_page_text(sandbox: Project, tmp_path: Path) -> None:
    case = sandbox.cases_dir / "runder-tisch-kleinstadt.de.md"
    case.write_text(case.read_text(encoding="utf-8").replace("status: ", "status: : ", 1), encoding="utf-8")
    site = tmp_path / "out"
    done = mkdocs_build(sandbox, site)
    assert done.returncode != 0
    assert "praxis/runder-tisch-kleinstadt.de.md:" in done.stderr
    assert not site.exists() or not any(site.iterdir())


def test_qr_codes_need_a_public_address_not_the_preview_server() -> None:
    from praxis_kb.site.generate import public_address

    assert public_address("https://praxis.example.org/", "127.0.0.1", 8000) == "https://praxis.example.org/"
    assert public_address("http://127.0.0.1:8000/", "127.0.0.1", 8000) == ""  # mkdocs serve
    assert public_address("http://127.0.0.1:8000/praxis/", "127.0.0.1", 8000) == ""
    assert public_address("", "127.0.0.1", 8000) == ""
