from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.site.generate import GENERATED_DIRS as GENERATED
from praxis_kb.site.generate import UNREVIEWED_VARIABLE
from praxis_kb.validate import content

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The tests check what a pull request holds: a contribution awaiting the team's review (a draft,
# #15) is built, with its banner, by every build the tests make. Publishing refuses it; the tests
# of that (tests/test_drafts.py) unset the variable.
os.environ.setdefault(UNREVIEWED_VARIABLE, "1")


_QUICK_FAILURES: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test without a browser first: they are quick and say most precisely what broke."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)  # stable sort


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and "browser" not in report.keywords:
        _QUICK_FAILURES.append(report.nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    # After a failing quick test the slow browser tests would mostly fail for the same reason:
    # the run stops before them, as with -x, and ends with the usual summary line.
    if _QUICK_FAILURES and item.get_closest_marker("browser") is not None:
        item.session.shouldfail = f"{len(_QUICK_FAILURES)} test(s) without a browser failed, so the browser tests did not run"
        return True
    return None


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


def copy_project(target: Path) -> Project:
    """A copy of the project's configuration and content in *target*, free to change."""
    for name in ("mkdocs.yml", "schemas", "kriterien", "praxis", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(*GENERATED) if name == "docs" else None)
        else:
            shutil.copy2(source, target / name)
    return Project(target)


@pytest.fixture
def sandbox(tmp_path: Path) -> Project:
    """A copy of the project's configuration and content, free to change."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from browser_support import build_site

    target = tmp_path_factory.mktemp("site")
    build_site(ROOT, target)
    return target


@pytest.fixture(scope="session")
def base_url(built_site: Path):  # type: ignore[no-untyped-def]
    from browser_support import serve

    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):  # type: ignore[no-untyped-def]
    """A phone-sized page that records JavaScript errors and every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base_url)
    from browser_support import record

    yield record(context.new_page())
    context.close()


@pytest.fixture(scope="session")
def catalogue(project: Project) -> content.Catalogue:
    """The shipped content, checked: it has no error."""
    found, problems = content.check(project)
    assert not problems.errors
    return found


@pytest.fixture(scope="session")
def built(catalogue: content.Catalogue, project: Project) -> model.Model:
    """The model of the shipped content, in every language."""
    return model.build(catalogue, project.languages)
