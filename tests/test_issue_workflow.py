"""The shell steps of .github/workflows/issue-to-pr.yml, run as GitHub would run them, offline.

Each `run:` script of the job is taken from the workflow file, with the `${{ }}` expressions of
its environment replaced by test values (an unknown expression fails the test, so that a changed
workflow is noticed), and run with bash in a copy of the project. `gh` and `git push` are a
recorder on PATH that logs its arguments, its standard input and the files it is given
(--body-file); the comment a contributor gets on the issue is what the recorder saw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "issue-to-pr.yml"
ISSUE = ROOT / "tests" / "fixtures" / "issues" / "sprachcafe.md"
NUMBER = 15
PR_URL = "https://github.com/beispiel/praxis/pull/7"
CASE = "sprachcafe-mit-kinderbetreuung-in-der-dorfgemeinschaft"
SETUP_STEP = "Einrichten"  # make setup: the tests run in a project that is set up already

RECORDER = """#!{python}
import json, os, sys
name = os.path.basename(sys.argv[0])
args = sys.argv[1:]
if name == "git" and args[:1] != ["push"]:
    os.execv({git!r}, [{git!r}, *args])
files = {{}}
for flag, value in zip(args, args[1:]):
    if flag == "--body-file":
        with open(value, encoding="utf-8") as handle:
            files[value] = handle.read()
entry = {{"tool": name, "args": args, "stdin": "" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read(), "files": files}}
with open(os.environ["RECORDER_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(entry, ensure_ascii=False) + "\\n")
if name == "gh" and args[:2] == ["pr", "list"]:
    print(os.environ.get("RECORDER_OPEN_PR", ""))
elif name == "gh" and args[:2] == ["pr", "create"]:
    print({url!r})
"""


@dataclass
class Run:
    """One run of the job: what each step printed, where it stopped, and what the recorder saw."""

    project: Path
    calls: list[dict[str, Any]] = field(default_factory=list)
    failed: str = ""  # the name of the step that failed, if one did
    output: str = ""

    def of(self, tool: str, *command: str) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["tool"] == tool and c["args"][: len(command)] == list(command)]

    def comments(self) -> list[str]:
        """The comments posted on the issue, in order."""
        return [next(iter(c["files"].values())) for c in self.of("gh", "issue", "comment")]


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expression: str, values: dict[str, str]) -> str:
    """An expression of the workflow: a context value, or `a || b` (the first that is not empty)."""
    for operand in (part.strip() for part in expression.split("||")):
        if operand not in values:
            raise AssertionError(f"issue-to-pr.yml uses ${{{{ {operand} }}}}, which this test does not know: give it a test value")
        if values[operand]:
            return values[operand]
    return ""


def expand(env: dict[str, Any] | None, values: dict[str, str]) -> dict[str, str]:
    return {key: EXPRESSION.sub(lambda m: evaluate(m[1], values), str(value)) for key, value in (env or {}).items()}


def read_outputs(path: Path) -> dict[str, str]:
    """A step's outputs as it wrote them to $GITHUB_OUTPUT (name=value, or name<<DELIMITER)."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines() if path.exists() else [])
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            name, delimiter = line.split("<<", 1)
            outputs[name] = "\n".join(iter(lambda: next(lines), delimiter))
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_job(tmp_path: Path, body: str, open_pr: str = "") -> Run:
    """The job `convert` for an issue with *body*, labelled; *open_pr*: the pull request that is
    open already (after an edit of the issue)."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["convert"]
    (tmp_path / "repo").mkdir()
    project = copy_project(tmp_path / "repo").root
    for earlier in project.joinpath("praxis").glob(f"{CASE}.*"):  # the submission is new to the repository
        earlier.unlink()
    (project / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    git = shutil.which("git")
    assert git, "git is needed"
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "Stand von main"]):
        subprocess.run([git, *command], cwd=project, check=True, capture_output=True)
    tools = tmp_path / "recorder"
    tools.mkdir()
    for name in ("gh", "git"):
        (tools / name).write_text(RECORDER.format(python=sys.executable, git=git, url=PR_URL), encoding="utf-8")
        (tools / name).chmod(0o755)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    log = tmp_path / "calls.jsonl"
    values = {
        "github.event.issue.number": str(NUMBER),
        "github.event.issue.body": body,
        "github.token": "ghs_workflow_token",
        "secrets.PRAXIS_PR_TOKEN": "",
    }
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_", "RUNNER_"))},
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(project),
        "RUNNER_TEMP": str(temp),
        "RECORDER_LOG": str(log),
        "RECORDER_OPEN_PR": open_pr,
        "HOME": str(tmp_path),  # git config --global, if a step used it, stays here
    }
    run = Run(project)
    job_env = expand(job.get("env"), values)
    for number, step in enumerate(job["steps"]):
        if "run" not in step or step.get("name") == SETUP_STEP:
            continue
        assert "${{" not in step["run"], "untrusted text reaches scripts only through the environment"
        assert step.get("if") in (None, "success()"), f"this test runs steps after a success only: {step.get('name')}"
        outputs = temp / f"output-{number}"
        env = {**base, **job_env, **expand(step.get("env"), values), "GITHUB_OUTPUT": str(outputs)}
        script = temp / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        run.output += f"--- {step.get('name')} (exit {done.returncode})\n{done.stdout}{done.stderr}"
        if "id" in step:
            values.update({f"steps.{step['id']}.outputs.{k}": v for k, v in read_outputs(outputs).items()})
        if done.returncode:
            run.failed = step.get("name", "")
            break
    if log.exists():
        run.calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return run


def test_a_submission_with_a_mistake_gets_a_comment_saying_what_to_fix(tmp_path: Path) -> None:
    body = ISSUE.read_text(encoding="utf-8").replace("\nLändliche Region / Dorf\n", "\nGroßstadt\n", 1)
    run = run_job(tmp_path, body)
    assert run.failed == "Formular in eine Datei umwandeln", run.output
    assert run.comments() == [
        "**Das Formular konnte noch nicht übernommen werden.** Bitte ändern Sie diese Angaben im Issue "
        "(„…“ → „Bearbeiten“); danach wird es automatisch noch einmal übernommen:\n"
        "\n"
        "- Feld „Standorttyp“: „Großstadt“ ist kein erlaubter Wert – erlaubt: Mittelgroße Stadt, Kleinstadt, Ländliche Region / Dorf\n"
    ], run.output
    assert run.of("gh", "issue", "comment")[0]["args"][:3] == ["issue", "comment", str(NUMBER)]
    assert len(run.calls) == 1  # no branch, no push, no pull request
    assert not list((run.project / "praxis").glob("sprachcafe*"))  # never an invalid file left behind


def test_a_good_submission_becomes_a_pull_request_and_the_issue_gets_its_link(tmp_path: Path) -> None:
    run = run_job(tmp_path, ISSUE.read_text(encoding="utf-8"))
    assert not run.failed, run.output
    assert run.comments() == [
        f"**Das Formular wurde übernommen** als `praxis/{CASE}.de.md`. Das Projektteam prüft den Vorschlag jetzt.\n\nPull Request: {PR_URL}\n"
    ], run.output
    branch = f"praxisbeispiel/{CASE}"
    assert [c["args"] for c in run.calls if c["tool"] == "git"] == [["push", "--force", "--set-upstream", "origin", branch]]
    created = run.of("gh", "pr", "create")
    assert len(created) == 1 and created[0]["args"][created[0]["args"].index("--title") + 1] == f"Praxisbeispiel: {CASE}"
    assert [c["args"][:2] for c in run.calls if c["tool"] == "gh"] == [["pr", "list"], ["pr", "create"], ["issue", "comment"]]
    # the branch holds the new case, a draft: no review by the team written for it
    shown = subprocess.run(["git", "show", "--name-only", "--format=%s", branch], cwd=run.project, capture_output=True, text=True, check=True).stdout
    assert f"Praxisbeispiel {CASE} aus Issue #{NUMBER}" in shown and f"praxis/{CASE}.de.md" in shown
    text = (run.project / "praxis" / f"{CASE}.de.md").read_text(encoding="utf-8")
    assert "pruefung" not in text and "zuletzt_geprueft" not in text


def test_warnings_reach_the_contributor_with_the_link(tmp_path: Path) -> None:
    body = ISSUE.read_text(encoding="utf-8").replace(
        "Während der Treffen betreuen Freiwillige die Kinder.", "Während der Treffen betreuen Freiwillige die Kinder. Anmeldung: anna.beispiel@example.org", 1
    )
    run = run_job(tmp_path, body)
    assert not run.failed, run.output
    assert run.comments() == [
        f"**Das Formular wurde übernommen** als `praxis/{CASE}.de.md`. Das Projektteam prüft den Vorschlag jetzt.\n"
        "\n"
        "Bitte sehen Sie sich außerdem an (das verhindert die Übernahme nicht):\n"
        "\n"
        "- Feld „Kurzbeschreibung“: Der Text enthält eine E-Mail-Adresse (anna.beispiel@example.org) "
        "(Bitte löschen Sie die Adresse aus dem Text; die Kontaktdaten der Organisation erfragt das Projektteam selbst)\n"
        "\n"
        f"Pull Request: {PR_URL}\n"
    ], run.output


def test_an_edited_issue_updates_the_open_pull_request(tmp_path: Path) -> None:
    run = run_job(tmp_path, ISSUE.read_text(encoding="utf-8"), open_pr=PR_URL)
    assert not run.failed, run.output
    assert not run.of("gh", "pr", "create")  # the open one is updated by the push
    assert run.comments()[0].endswith(f"\n\nPull Request: {PR_URL}\n")


@pytest.mark.parametrize("name", ["gh", "git"])
def test_the_recorder_is_what_the_steps_call(tmp_path: Path, name: str) -> None:
    """The scripts reach gh and git through PATH, so that the recorder stands in for them."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    scripts = "\n".join(step.get("run", "") for step in flow["jobs"]["convert"]["steps"])
    assert re.search(rf"(^|[\s$(]){name} ", scripts, re.M)
    assert f"/{name} " not in scripts  # never an absolute path past the recorder
