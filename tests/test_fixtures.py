"""The fixture corpus: every schema rule and cross-file rule, each with its exact message.

tests/fixtures/invalid/<field>_<reason>/ holds the files of one broken case, expected.txt, the
exact output of `praxis validate` for that folder, and codes.txt, the code of each problem in the
same order. tests/fixtures/generate.py writes the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from praxis_kb.cli import main
from praxis_kb.problems import Code, Problem, Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(["--root", str(root), "validate", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("folder", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_exactly_the_expected_problems(
    folder: Path, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    code, out = run(capsys, root, str(folder.relative_to(root)))
    assert out == (folder / "expected.txt").read_text(encoding="utf-8")
    has_error = any(": error: " in line for line in out.splitlines())
    assert code == (1 if has_error else 0)
    assert "Traceback" not in out


@pytest.mark.parametrize("folder", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_the_expected_codes(folder: Path, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    _, out = run(capsys, root, "--format", "json", str(folder.relative_to(root)))
    found = [
        Problem(p["file"], p["line"], p["column"], Severity(p["severity"]), Code(p["code"]), p["path"], p["message"], p["hint"])
        for p in json.loads(out)["problems"]
    ]
    # the JSON reports the same problems as the text, in the same order, each with its code
    assert [p.as_text() for p in found] == (folder / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    assert [p.code.value for p in found] == (folder / "codes.txt").read_text(encoding="utf-8").split()


def test_every_invalid_fixture_reports_an_error_or_warning() -> None:
    """Or, for a warning a case acknowledges (gepruefte_hinweise), that it was checked."""
    for folder in INVALID:
        text = (folder / "expected.txt").read_text(encoding="utf-8")
        assert ": error: " in text or ": warning: " in text or ": info: " in text, folder.name


VALID = sorted(p.name for p in (FIXTURES / "valid").glob("*.md"))


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_passes(name: str, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    code, out = run(capsys, root, str((FIXTURES / "valid" / name).relative_to(root)))
    assert code == 0, out
    assert out.startswith("Alles in Ordnung")


def test_shipped_content_is_valid(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, root)
    assert code == 0, out
    assert ": warning: " not in out, out


def test_all_problems_of_all_files_in_one_run(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    picked = [FIXTURES / "invalid" / name for name in ("akteure-kennung_ungueltig", "kriterium_drei-stufen", "uebersetzung_ohne-original")]
    code, out = run(capsys, root, *(str(p.relative_to(root)) for p in picked))
    assert code == 1
    for folder in picked:
        for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]:
            assert line in out
