"""Full builds: the shipped content builds strictly; invalid content publishes nothing."""

from __future__ import annotations

import os
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
        cwd=project.root, capture_output=True, text=True, env=env, check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    site = tmp_path_factory.mktemp("site")
    done = mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr
    return site


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
        assert "Illustratives Beispiel" in page.read_text(encoding="utf-8"), page
    for page in (built / "en" / "praxis").glob("*/index.html"):
        assert "Illustrative example" in page.read_text(encoding="utf-8"), page


def test_case_pages_are_not_in_the_navigation(built: Path) -> None:
    start = (built / "index.html").read_text(encoding="utf-8")
    assert "runder-tisch-kleinstadt" not in start


def test_invalid_content_stops_the_build_and_publishes_nothing(sandbox: Project, tmp_path: Path) -> None:
    case = sandbox.cases_dir / "runder-tisch-kleinstadt.de.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("standorttyp: kleinstadt", "standorttyp: Kleinstadt", 1), encoding="utf-8")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.strip() == "standorttyp: kleinstadt")
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
