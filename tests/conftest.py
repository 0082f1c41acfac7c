from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from praxis_kb.project import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture
def sandbox(tmp_path: Path) -> Project:
    """A copy of the project's configuration and content, free to change."""
    for name in ("mkdocs.yml", "schemas", "kriterien", "praxis", "docs", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("praxis", "kriterien", "standorttypen") if name == "docs" else None)
        else:
            shutil.copy2(source, tmp_path / name)
    return Project(tmp_path)
