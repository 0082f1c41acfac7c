"""`make bench`: how the knowledge base scales, measured in one run.

For N = 10, 1000, 2000 synthetic valid cases (two languages, about 700 words each) in a temporary
project it measures the full build against a bare Material build of as many plain pages (no
hooks, pages not in the navigation, Material's own search as by default), page sizes, what a
reader downloads (gzip), the Praxisfinder's filter time in Chromium, and `praxis validate`
against check-jsonschema. It prints a table and writes it to bench-results/scale.md. A script,
never a timed test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORDS = (
    "Netzwerk Runder Tisch Flüchtlingssozialarbeit Koordination Ehrenamt Sprache Wohnen Arbeit Schule "
    "Kita Jobcenter Sozialamt Beratung Vertrauen Absprache Verantwortung Treffen Protokoll Gemeinde "
    "Landkreis Initiative Verein Kirchgemeinde Nachbarschaft Teilhabe Einbeziehung Moderation Termin "
    "Übersetzung Zuständigkeit Austausch Planung Auswertung Förderung Raum Zeit Geld Stelle Team"
).split()
BARE_NOTE = (
    "The bare build converts 700 words per page and builds Material's own search index (one file for\n"
    "all languages, {bare_index_mb:.1f} MB at N={count}, which every reader downloads whole). A case page carries\n"
    "about 2,400 words (network, criteria, transferability besides the narrative), every file is\n"
    "checked, every case page gets a QR code for print, and the search index (Pagefind, one bundle per\n"
    "language, split so that a query loads about 200 KB) needs about 8 ms of processor time per case\n"
    "page and language: on two cores, the search index alone takes about as long as the whole bare\n"
    "build."
)
TARGETS = {
    "ratio_bare": 1.15,
    "scaling": 2.1,
    "case_growth": 1.1,
    "search_kb": 300,
    "case_kb": 150,
    "filter_ms": 50,
    "filter_bytes": 300,
}


def _pseudo_words(count: int) -> list[str]:
    """Made-up words from syllables: text with a vocabulary as large as real prose, so that search
    index and compression behave as they would with real cases (40 words alone compress too well)."""
    rng = random.Random(7)
    syllables = "ba be bi bo bu da de di do du fa fe fi ga ge gi ka ke ki ko la le li lo lu ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to wa we wi za ze zu ung en er ter schaft heit keit".split()
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(found)


# Real domain words first, then made-up ones; drawn with Zipf-like weights as in real prose.
VOCABULARY = WORDS + _pseudo_words(6000)
WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(low, high))
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])])


def narrative(seed: int, words: int = 700) -> str:
    rng = random.Random(seed)
    paragraphs = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(4, 7)):
            text = sentence(rng, 8, 16)
            sentences.append(text + ".")
            count += len(text.split())
        paragraphs.append(" ".join(sentences))
    return "## Ausgangslage\n\n" + "\n\n".join(paragraphs[:2]) + "\n\n## Vorgehen\n\n" + "\n\n".join(paragraphs[2:]) + "\n"


_DEFS = json.loads((ROOT / "schemas" / "praxisbeispiel.schema.json").read_text(encoding="utf-8"))["$defs"]
TITLE_MAX, SUMMARY_MAX = _DEFS["titel"]["maxLength"], _DEFS["kurztext"]["maxLength"]
_TITLE = re.compile(r"^titel: .*$", re.MULTILINE)
_SUMMARY = re.compile(r"^kurzbeschreibung: >-\n(?:  .*\n)+", re.MULTILINE)


def vary(front: str, seed: int) -> str:
    """Give a copied case its own title and summary, as every real case has."""
    rng = random.Random(seed)
    title = sentence(rng, 5, 9)[:TITLE_MAX].strip()
    summary = ""
    while True:  # three sentences or so, within the schema's limit
        more = (summary + " " + sentence(rng, 8, 14) + ".").strip()
        if len(more) > SUMMARY_MAX:
            break
        summary = more
    front = _TITLE.sub(lambda _: "titel: " + title, front, count=1)
    return _SUMMARY.sub(lambda _: "kurzbeschreibung: >-\n  " + summary + "\n", front, count=1)


def make_project(target: Path, count: int, languages: tuple[str, ...] = ("de", "en")) -> Path:
    for name in ("schemas", "kriterien", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(*_generated()))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = _only_languages(config, languages)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    for lang_file in (target / "docs").glob("*.*.md"):
        if lang_file.name.split(".")[-2] not in languages:
            lang_file.unlink()
    cases = target / "praxis"
    cases.mkdir()
    sources = sorted((ROOT / "praxis").glob("*.de.md"))
    for index in range(count):
        source = sources[index % len(sources)]
        old = source.name.removesuffix(".de.md")
        new = f"{old}-{index:05d}"
        text = source.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n", 1)
        front, _ = text.split("\n---\n", 1)
        (cases / f"{new}.de.md").write_text(f"{vary(front, index)}\n---\n\n{narrative(index)}", encoding="utf-8")
        english = source.with_name(f"{old}.en.md")
        if english.exists() and "en" in languages:
            en_front, _ = english.read_text(encoding="utf-8").split("\n---\n", 1)
            (cases / f"{new}.en.md").write_text(f"{vary(en_front, index + 100_000)}\n---\n\n{narrative(index + 100_000)}", encoding="utf-8")
    return target


def _generated() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from praxis_kb.render import LEGAL_PAGES
    from praxis_kb.site.generate import GENERATED_DIRS

    return [*GENERATED_DIRS, *(f"{name}.*.md" for name in LEGAL_PAGES)]


def _only_languages(config: str, languages: tuple[str, ...]) -> str:
    """Keep only the given languages in the i18n plugin's list."""
    out, skip = [], False
    for line in config.split("\n"):
        match = re.match(r"(\s+)- locale: (\w+)", line)
        if match:
            skip = match.group(2) not in languages
        elif skip and (not line.startswith(" " * 10) or re.match(r"\S", line)):
            skip = False
        if not skip:
            out.append(line)
    return "\n".join(out)


def make_bare(target: Path, count: int) -> Path:
    """A bare Material + static-i18n project: as many plain pages, no hooks, not in the nav, and
    Material's built-in search, which MkDocs turns on when a project lists no plugins (the issue's
    reference measurement, 10.1 s and 66 MB with a 16.6 MB search index, includes it)."""
    docs = target / "docs"
    (docs / "seiten").mkdir(parents=True)
    (docs / "index.de.md").write_text("# Start\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n", encoding="utf-8")
    for index in range(count):
        for lang, seed in (("de", index), ("en", index + 100_000)):
            (docs / "seiten" / f"p{index:05d}.{lang}.md").write_text(f"# Seite {index}\n\n{narrative(seed)}", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Bare\nnav:\n  - index.md\nnot_in_nav: |\n  /seiten/*.md\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n      languages:\n        - locale: de\n          default: true\n"
        "          name: Deutsch\n          build: true\n        - locale: en\n          name: English\n          build: true\n",
        encoding="utf-8",
    )
    return target


STEPS = (
    ("check", "checking the content (YAML, schema, cross-file rules, privacy)"),
    ("model", "model and translation coverage"),
    ("render", "rendering every generated page (languages in parallel processes)"),
    ("write", "writing the page sources"),
    ("mkdocs", "MkDocs and Material: both languages' pages (rest of the build)"),
    ("open_data", "open data and feeds"),
    ("search_wait", "waiting for the search index after the last page"),
)


def build(project: Path, site: Path, timings: Path | None = None) -> float:
    # As the deploy workflow builds: with a public address, so every case page gets its QR code.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800", "PRAXIS_PDF": "0", "PRAXIS_SITE_URL": "https://praxis.example.org/"}
    if timings is not None:
        env["PRAXIS_ZEITMESSUNG"] = str(timings)
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], cwd=project, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-3000:]}")
    return elapsed


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def browser_measures(site: Path, case_path: str) -> dict[str, float]:
    """Bytes (gzip) a cold reader downloads, and the Praxisfinder's filter time."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            )

            def cold(path: str, action: object = None) -> int:
                context = browser.new_context()
                page = context.new_page()
                sizes: dict[str, int] = {}
                unmeasured: list[str] = []

                def record(response: object) -> None:
                    # Every response comes from the built site: measure the file it served (reading
                    # the body from the browser fails for large documents after navigation).
                    address = response.url  # type: ignore[attr-defined]
                    local = site / unquote(address.split("/", 3)[3].split("?")[0].split("#")[0])
                    local = local / "index.html" if local.is_dir() else local
                    if local.is_file():
                        sizes[address] = gz(local.read_bytes())
                    else:
                        unmeasured.append(address)

                page.on("response", record)
                # "load" first: on a long page the network can fall idle before the parser has
                # reached the scripts at its end, which would then go uncounted.
                page.goto(base + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                before = sum(sizes.values())
                if callable(action):
                    action(page)
                    page.wait_for_timeout(1500)
                    total = sum(sizes.values()) - before
                else:
                    total = before
                context.close()
                if unmeasured:
                    raise SystemExit(f"bench: responses not found in the built site: {unmeasured[:5]}")
                return total

            out["start_kb"] = cold("/") / 1024
            out["case_kb"] = cold(case_path) / 1024
            out["finder_kb"] = cold("/praxis/") / 1024

            def query(page: object) -> None:
                page.fill("#pk-search input", "Netzwerk")  # type: ignore[attr-defined]

            out["search_kb"] = cold("/suche/", query) / 1024
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "/praxis/")
            times = []
            for value in ("kleinstadt", "laendliche-region", "mittelgrosse-stadt", ""):
                times.append(
                    page.evaluate(
                        """(value) => { const input = document.querySelector(`input[name="standorttyp"][value="${value}"]`);
                       const t0 = performance.now(); input.checked = true;
                       input.dispatchEvent(new Event('change', {bubbles: true}));
                       return performance.now() - t0; }""",
                        value,
                    )
                )
            out["filter_ms"] = sorted(times)[len(times) // 2]
            context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def filter_bytes_per_case(site: Path, count: int) -> float:
    html = (site / "praxis" / "index.html").read_text(encoding="utf-8")
    attributes = " ".join(re.findall(r'data-(?:case|verdicts|handlungsfeld|akteur|instrument|kriterium|partizipation|status)="[^"]*"', html))
    return gz(attributes.encode("utf-8")) / count


def validate_times(project: Path) -> tuple[float, float]:
    cases = project / "praxis"
    start = time.perf_counter()
    subprocess.run([str(BIN / "praxis"), "--root", str(project), "validate", str(cases)], capture_output=True, check=False)
    praxis = time.perf_counter() - start
    plain = project / "plain"
    plain.mkdir()
    for path in cases.glob("*.de.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        (plain / (path.name.removesuffix(".de.md") + ".yaml")).write_text(front + "\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "check-jsonschema"), "--schemafile", str(project / "schemas" / "praxisbeispiel.schema.json"), *map(str, sorted(plain.iterdir()))],
        capture_output=True,
        check=False,
    )
    return praxis, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,2000")
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "scale.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            work = Path(tmp) / f"n{count}"
            project = make_project(work / "project", count)
            bare = make_bare(work / "bare", count)
            row: dict[str, float] = {}
            row["build_s"] = build(project, work / "site", work / "timings.json")
            steps = json.loads((work / "timings.json").read_text(encoding="utf-8"))
            for name, _ in STEPS:
                if name != "mkdocs":
                    row[f"step_{name}"] = float(steps.get(name, 0.0))
            row["step_mkdocs"] = row["build_s"] - sum(v for k, v in row.items() if k.startswith("step_"))
            row["bare_s"] = build(bare, work / "bare-site")
            row["bare_index_mb"] = (work / "bare-site" / "search" / "search_index.json").stat().st_size / 1024 / 1024
            site = work / "site"
            first_case = sorted((site / "praxis").glob("*/index.html"))[0]
            row["case_html_kb"] = first_case.stat().st_size / 1024
            row["site_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024
            row["filter_bytes"] = filter_bytes_per_case(site, count)
            row.update(browser_measures(site, "/praxis/" + first_case.parent.name + "/"))
            if count == 1000 or count == sizes[-1] and 1000 not in sizes:
                row["validate_s"], row["checkjsonschema_s"] = validate_times(project)
            rows[count] = row
            print(f"N={count}: " + ", ".join(f"{k}={v:.2f}" for k, v in row.items()), flush=True)
            shutil.rmtree(work / "bare-site", ignore_errors=True)
    report = render_report(rows)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    return 0


def _mark(ok: bool) -> str:
    return "✔" if ok else "✘"


def render_report(rows: dict[int, dict[str, float]]) -> str:
    lines = [
        "# Scale benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. Two languages (de, en), about 700 words per case.",
        "",
        "| N | build s | bare Material s | ratio | case page KB | site MB | start KB gz | case KB gz | Praxisfinder KB gz | first search KB gz | filter ms | filter index B/case gz |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, r in rows.items():
        lines.append(
            f"| {count} | {r['build_s']:.1f} | {r['bare_s']:.1f} | {r['build_s'] / r['bare_s']:.2f} | {r['case_html_kb']:.1f} | {r['site_mb']:.1f} | "
            f"{r['start_kb']:.0f} | {r['case_kb']:.0f} | {r['finder_kb']:.0f} | {r['search_kb']:.0f} | {r['filter_ms']:.1f} | {r['filter_bytes']:.0f} |"
        )
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---:|---|"]
    if 1000 in rows:
        r = rows[1000]
        lines.append(
            f"| build ≤ {TARGETS['ratio_bare']}× bare Material (N=1000) | {r['build_s'] / r['bare_s']:.2f}× | {_mark(r['build_s'] / r['bare_s'] <= TARGETS['ratio_bare'])} |"
        )
        lines.append(f"| first search query ≤ {TARGETS['search_kb']} KB (N=1000) | {r['search_kb']:.0f} KB | {_mark(r['search_kb'] <= TARGETS['search_kb'])} |")
        lines.append(f"| cold case page ≤ {TARGETS['case_kb']} KB gzip (N=1000) | {r['case_kb']:.0f} KB | {_mark(r['case_kb'] <= TARGETS['case_kb'])} |")
        lines.append(f"| filter update < {TARGETS['filter_ms']} ms (N=1000) | {r['filter_ms']:.1f} ms | {_mark(r['filter_ms'] < TARGETS['filter_ms'])} |")
        lines.append(
            f"| filter index ≤ {TARGETS['filter_bytes']} B per case gzip | {r['filter_bytes']:.0f} B | {_mark(r['filter_bytes'] <= TARGETS['filter_bytes'])} |"
        )
        if 10 in rows:
            growth = rows[1000]["case_html_kb"] / rows[10]["case_html_kb"]
            lines.append(f"| case page at N=1000 ≤ {TARGETS['case_growth']}× N=10 | {growth:.2f}× | {_mark(growth <= TARGETS['case_growth'])} |")
        if "validate_s" in r:
            lines.append(
                f"| praxis validate no slower than check-jsonschema (1000 cases) | {r['validate_s']:.1f} s vs {r['checkjsonschema_s']:.1f} s | {_mark(r['validate_s'] <= r['checkjsonschema_s'])} |"
            )
    if 1000 in rows and 2000 in rows:
        scaling = rows[2000]["build_s"] / rows[1000]["build_s"]
        lines.append(f"| t(2000) / t(1000) ≤ {TARGETS['scaling']} | {scaling:.2f} | {_mark(scaling <= TARGETS['scaling'])} |")
    lines += [
        "",
        "## Where the build time goes",
        "",
        "Seconds per step of the full build (the hooks record them; MkDocs is the rest). The search index",
        "of a language is built in the background while the next language builds; only the wait after",
        "the last page is a step of its own.",
        "",
        "| step | " + " | ".join(f"N={count}" for count in rows) + " |",
        "|---|" + "---:|" * len(rows),
    ]
    for name, label in STEPS:
        lines.append(f"| {label} | " + " | ".join(f"{r[f'step_{name}']:.1f}" for r in rows.values()) + " |")
    lines.append("| bare Material build of as many plain pages (with its own search) | " + " | ".join(f"{r['bare_s']:.1f}" for r in rows.values()) + " |")
    count = 1000 if 1000 in rows else max(rows)
    lines += ["", BARE_NOTE.format(bare_index_mb=rows[count]["bare_index_mb"], count=count)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
