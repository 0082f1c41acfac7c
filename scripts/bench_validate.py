"""Benchmark: `praxis validate` vs check-jsonschema over the same generated cases.

Generates N valid cases (copies of the shipped examples with new ids) into a temporary folder,
once as case files (front matter + narrative) for `praxis validate` and once as plain YAML for
check-jsonschema with the same schemas, and times both as a user would run them. Prints a table
and writes it to bench-results/validate.md. A script, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def generate(target: Path, count: int) -> tuple[Path, Path]:
    examples = sorted((ROOT / "praxis").glob("*.de.md"))
    if not examples:
        raise SystemExit("Keine Praxisbeispiele in praxis/ gefunden.")
    cases = target / "cases"
    plain = target / "yaml"
    cases.mkdir()
    plain.mkdir()
    for index in range(count):
        source = examples[index % len(examples)]
        old_id = source.name.removesuffix(".de.md")
        new_id = f"{old_id}-{index:05d}"
        text = source.read_text(encoding="utf-8").replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
        (cases / f"{new_id}.de.md").write_text(text, encoding="utf-8")
        front = text.split("\n---\n", 1)[0].removeprefix("---\n")
        (plain / f"{new_id}.yaml").write_text(front + "\n", encoding="utf-8")
    return cases, plain


def timed(command: list[str], runs: int) -> tuple[float, int]:
    best = float("inf")
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        code = done.returncode
        if code:
            sys.stderr.write(done.stderr[-2000:])
    return best, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "validate.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cases, plain = generate(Path(tmp), args.cases)
        schema = ROOT / "schemas" / "praxisbeispiel.schema.json"
        praxis_time, praxis_code = timed([str(BIN / "praxis"), "validate", str(cases)], args.runs)
        check_time, check_code = timed([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *sorted(str(p) for p in plain.iterdir())], args.runs)
    rows = [
        ("praxis validate (Zeilennummern, Querverweise, Meldungen auf Deutsch)", praxis_time, praxis_code),
        ("check-jsonschema (nur Schema, keine Zeilennummern)", check_time, check_code),
    ]
    ratio = praxis_time / check_time if check_time else float("nan")
    lines = [
        f"# Validation benchmark ({args.cases} cases, best of {args.runs} runs)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| tool | seconds | exit code |",
        "|---|---:|---:|",
        *[f"| {name} | {seconds:.2f} | {code} |" for name, seconds, code in rows],
        "",
        f"Ratio praxis / check-jsonschema: **{ratio:.2f}** (goal: ≤ 1.00)",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    return 0 if praxis_code == 0 and check_code == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
