"""A build that fails or is stopped halfway leaves the previous site/ as it was (praxis build)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_project

from praxis_kb.load.project import Project
from praxis_kb.site import sitedir


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def praxis_build(project: Project) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRAXIS_PDF": "0", "SOURCE_DATE_EPOCH": "1764028800", "PRAXIS_UNGEPRUEFT": "1"}
    env.pop("PRAXIS_SITE_URL", None)
    command = [str(Path(sys.executable).parent / "praxis"), "--root", str(project.root), "build"]
    return subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One successful build for the whole module; each test gets a copy of it (seconds cheaper)."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    process = praxis_build(project)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    site = project.root / "site"
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
    assert not sitedir.staging_dir(site).exists()
    return project.root


@pytest.fixture
def built(first_build: Path, tmp_path: Path) -> tuple[Project, dict[str, str]]:
    root = tmp_path / "project"
    shutil.copytree(first_build, root, symlinks=True)
    return Project(root), snapshot(root / "site")


def test_the_new_site_takes_the_place_of_the_old_one(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / ".site-im-bau"
    (site / "alt").mkdir(parents=True)
    (staging / "neu").mkdir(parents=True)
    sitedir.replace(site, staging)
    assert [p.name for p in site.iterdir()] == ["neu"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_needs_no_old_site(tmp_path: Path) -> None:
    staging = tmp_path / ".site-im-bau"
    staging.mkdir()
    sitedir.replace(tmp_path / "site", staging)
    assert (tmp_path / "site").is_dir() and not staging.exists()


def test_a_failing_step_leaves_the_previous_site_untouched(built: tuple[Project, dict[str, str]]) -> None:
    project, before = built
    # a page with a broken link: MkDocs writes every page, then --strict fails the build at the end
    (project.root / "docs" / "kaputt.de.md").write_text("# Kaputt\n\n[weg](gibt-es-nicht.md)\n", encoding="utf-8")
    process = praxis_build(project)
    _, err = process.communicate(timeout=300)
    assert process.returncode != 0
    assert "site/ ist unverändert geblieben" in err
    assert snapshot(project.root / "site") == before
    assert not sitedir.staging_dir(project.root / "site").exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_build_stopped_halfway_leaves_the_previous_site_untouched(built: tuple[Project, dict[str, str]], signum: int) -> None:
    project, before = built
    (project.root / "docs" / "index.de.md").write_text("# Neu\n\nEin neuer Text.\n", encoding="utf-8")
    staging = sitedir.staging_dir(project.root / "site")
    process = praxis_build(project)
    deadline = time.monotonic() + 120
    while not (staging / "praxis").is_dir():  # halfway: the German pages are being written
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it could be stopped"
        time.sleep(0.01)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert f"Der Bau wurde abgebrochen ({signal.Signals(signum).name}); site/ ist unverändert geblieben." in err
    assert "Traceback" not in err
    assert snapshot(project.root / "site") == before
    assert not staging.exists()
    # nothing the build started (search index runs) is still writing
    assert not [line for line in command_lines() if str(staging) in line]


def command_lines() -> list[str]:
    lines = []
    for entry in Path("/proc").iterdir():
        try:
            lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:  # not a process, or one that just ended
            continue
    return lines
