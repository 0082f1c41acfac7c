"""`make bench` and `make bench-10k`: how the knowledge base scales, measured in one run.

For N synthetic valid cases in five languages (de, en, ar, fa, uk; translations as often as the
real cases have them) in a temporary project it measures the full build against the baseline of
issue #17: a bare Material + static-i18n build of as many plain pages in the same five languages,
each as long as our case pages in that language (the words Pagefind indexes, measured on the built
case pages), with Pagefind indexing them. Besides: page sizes, what a reader downloads (gzip), the
Praxisfinder's filter time in Chromium, the quick preview (`make serve-de`: seconds from saving an
edited case until its page shows the change), `praxis validate` against check-jsonschema, peak
memory, and where the build time goes. Every run stores its rows in bench-results/*.json; the
report bench-results/scale.md is written from all stored runs. A script, never a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import html.parser
import http.server
import itertools
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench-results"
LANGUAGES = ("de", "en", "ar", "fa", "uk")
# The most frequent words of German prose come first, as in real text: without them, the first
# domain word took a tenth of all words (about 80 times in every case), which no real case does
# (the real cases use „Netzwerk“ 0–6 times) and which made every query for it far heavier.
FUNCTION_WORDS = (
    "und die der in zu den das nicht von sie mit sich des auf für ist im dem ein eine auch als an "
    "es werden aus er hat dass sind nach wird bei einer um am wie über so zum war haben nur oder"
).split()
WORDS = (
    "Netzwerk Runder Tisch Flüchtlingssozialarbeit Koordination Ehrenamt Sprache Wohnen Arbeit Schule "
    "Kita Jobcenter Sozialamt Beratung Vertrauen Absprache Verantwortung Treffen Protokoll Gemeinde "
    "Landkreis Initiative Verein Kirchgemeinde Nachbarschaft Teilhabe Einbeziehung Moderation Termin "
    "Übersetzung Zuständigkeit Austausch Planung Auswertung Förderung Raum Zeit Geld Stelle Team"
).split()
# What the target row of each issue #17 goal compares (see targets()).
LIMITS = {
    "ratio_bare": 1.25,
    "finder_kb_2000": 150,
    "finder_kb_10000": 300,
    "filter_ms": 50,
    "search_kb": 300,
    "preview_s": 3.0,
    "scaling_2000": 2.1,
    "scaling_10000": 10.5,
    "build_s_10000": 600,
    "memory_gb": 8,
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


# The made-up words written in each language's script (Arabic and Persian without short vowels),
# so that the search index of ar, fa and uk holds words of their own alphabet.
_ARABIC = {**dict(zip("abcdfghijklmnopqrstuvwyzäöüß", "ابشدفجهيجكلمنوبقرستووويزاووس", strict=True)), "e": "", "x": "كس"}
SCRIPTS: dict[str, dict[str, str]] = {
    "uk": {**dict(zip("abcdefghijklmnopqrstuvwyzäöüß", "абцдефгхійклмнопкрстуввизяеюс", strict=True)), "x": "кс"},
    "ar": _ARABIC,
    "fa": {**_ARABIC, "g": "گ", "i": "ی", "k": "ک", "p": "پ", "y": "ی"},
}


def in_script(word: str, lang: str) -> str:
    """A made-up word in the alphabet of a language (unchanged for Latin-script languages)."""
    table = SCRIPTS.get(lang)
    if table is None:
        return word
    return "".join(table.get(char, char) for char in word.lower()) or word


@functools.cache
def vocabulary(lang: str) -> tuple[str, ...]:
    """Function words first, then real domain words, then made-up ones; drawn with Zipf-like
    weights as in real prose."""
    words = FUNCTION_WORDS + WORDS + _pseudo_words(6000)
    return tuple(in_script(word, lang) for word in words)


@functools.cache
def _cumulative_weights(size: int) -> tuple[float, ...]:
    """Zipf-like weights, summed up once (random.choices would sum them on every call)."""
    return tuple(itertools.accumulate(1 / rank for rank in range(1, size + 1)))


def sentence(rng: random.Random, low: int, high: int, lang: str = "de") -> str:
    words = vocabulary(lang)
    drawn = rng.choices(words, cum_weights=_cumulative_weights(len(words)), k=rng.randint(low, high))
    return " ".join([drawn[0].capitalize(), *(w.lower() for w in drawn[1:])])


def paragraphs(seed: int, words: int, lang: str = "de") -> list[str]:
    """Paragraphs of made-up prose with exactly `words` words."""
    rng = random.Random(seed)
    out: list[str] = []
    left = words
    while left > 0:
        sentences = []
        for _ in range(rng.randint(4, 7)):
            text = sentence(rng, 8, 16, lang).split()[:left]
            if not text:
                break
            sentences.append(" ".join(text) + ".")
            left -= len(text)
        out.append(" ".join(sentences))
    return out


def narrative(seed: int, words: int = 700, lang: str = "de") -> str:
    """The body of a generated case: two sections of prose."""
    parts = paragraphs(seed, words, lang)
    return "## Ausgangslage\n\n" + "\n\n".join(parts[:2]) + "\n\n## Vorgehen\n\n" + "\n\n".join(parts[2:]) + "\n"


_DEFS = json.loads((ROOT / "schemas" / "praxisbeispiel.schema.json").read_text(encoding="utf-8"))["$defs"]
TITLE_MAX, SUMMARY_MAX = _DEFS["titel"]["maxLength"], _DEFS["kurztext"]["maxLength"]
_TITLE = re.compile(r"^titel: .*$", re.MULTILINE)
_SUMMARY = re.compile(r"^kurzbeschreibung: >-\n(?:  .*\n)+", re.MULTILINE)


def vary(front: str, seed: int, lang: str = "de") -> str:
    """Give a copied case its own title and summary, as every real case has."""
    rng = random.Random(seed)
    title = sentence(rng, 5, 9, lang)[:TITLE_MAX].strip()
    summary = ""
    while True:  # three sentences or so, within the schema's limit
        more = (summary + " " + sentence(rng, 8, 14, lang) + ".").strip()
        if len(more) > SUMMARY_MAX:
            break
        summary = more
    front = _TITLE.sub(lambda _: "titel: " + title, front, count=1)
    return _SUMMARY.sub(lambda _: "kurzbeschreibung: >-\n  " + summary + "\n", front, count=1)


def make_project(target: Path, count: int) -> Path:
    """The project with `count` cases, each a copy of a real one (cycling through them) with its
    own title, summary and narrative in every language the real case is written in."""
    for name in ("schemas", "kriterien", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(*_generated()))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    cases = target / "praxis"
    cases.mkdir()
    sources = sorted((ROOT / "praxis").glob("*.de.md"))
    for index in range(count):
        source = sources[index % len(sources)]
        old = source.name.removesuffix(".de.md")
        new = f"{old}-{index:05d}"
        for offset, lang in enumerate(LANGUAGES):
            original = source.with_name(f"{old}.{lang}.md")
            if not original.exists():
                continue
            text = original.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n", 1)
            front, body = text.split("\n---\n", 1)
            seed = index + offset * 100_000
            body = f"\n{narrative(seed, lang=lang)}" if body.strip() else body
            (cases / f"{new}.{lang}.md").write_text(f"{vary(front, seed, lang)}\n---\n{body}", encoding="utf-8")
    return target


def _generated() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from praxis_kb.render import LEGAL_PAGES
    from praxis_kb.site.generate import GENERATED_DIRS

    return [*GENERATED_DIRS, *(f"{name}.*.md" for name in LEGAL_PAGES)]


def bare_config(languages: tuple[str, ...] = LANGUAGES) -> str:
    """mkdocs.yml of the baseline: Material and static-i18n, the languages, nothing else (listing a
    plugin turns Material's own search off; Pagefind indexes the built site instead)."""
    lines = [
        "site_name: Bare",
        "nav:",
        "  - index.md",
        "not_in_nav: |",
        "  /seiten/*.md",
        "theme:",
        "  name: material",
        "  font: false",
        "plugins:",
        "  - i18n:",
        "      docs_structure: suffix",
        "      languages:",
    ]
    for lang in languages:
        lines += [f"        - locale: {lang}", f"          name: {lang}", "          build: true"]
        if lang == languages[0]:
            lines.append("          default: true")
    return "\n".join(lines) + "\n"


def make_bare(target: Path, count: int, words: dict[str, int]) -> Path:
    """The baseline project: per language `count` plain pages of `words[lang]` words each."""
    docs = target / "docs"
    (docs / "seiten").mkdir(parents=True)
    for offset, lang in enumerate(LANGUAGES):
        (docs / f"index.{lang}.md").write_text("# Start\n", encoding="utf-8")
        for index in range(count):
            text = "\n\n".join(paragraphs(index + offset * 100_000, words[lang], lang))
            (docs / "seiten" / f"p{index:05d}.{lang}.md").write_text(f"# {index}\n\n{text}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(bare_config(), encoding="utf-8")
    return target


class _IndexedText(html.parser.HTMLParser):
    """The text Pagefind indexes: inside the element marked data-pagefind-body (or, on a page
    without that mark, the <article>), without scripts, styles and data-pagefind-ignore parts."""

    _VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self, marked: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.marked = marked
        self.stack: list[tuple[bool, bool]] = []  # per open element: (inside the body, ignored)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        names = {name for name, _ in attrs}
        inside, ignored = self.stack[-1] if self.stack else (False, False)
        starts_body = "data-pagefind-body" in names if self.marked else tag == "article"
        ignored = ignored or (inside or starts_body) and ("data-pagefind-ignore" in names or tag in ("script", "style"))
        self.stack.append((inside or starts_body, ignored))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == (True, False):
            self.parts.append(data)


def indexed_words(page: str) -> int:
    """How many words of a built page Pagefind indexes (soft hyphens joined)."""
    parser = _IndexedText(marked="data-pagefind-body" in page)
    parser.feed(page)
    parser.close()
    return len(" ".join(parser.parts).replace("\u00ad", "").split())


def case_pages(site: Path, lang: str) -> list[Path]:
    folder = site if lang == LANGUAGES[0] else site / lang
    return sorted((folder / "praxis").glob("*/index.html"))


def mean_words(pages: Iterable[Path], sample: int = 60) -> int:
    """Mean indexed words of evenly spread pages (all of them up to `sample`)."""
    chosen = list(pages)
    step = max(1, len(chosen) // sample)
    counts = [indexed_words(path.read_text(encoding="utf-8")) for path in chosen[::step]]
    return round(statistics.mean(counts)) if counts else 0


# --- running builds --------------------------------------------------------------------------


class TreeMemory:
    """Peak memory of a process and all its descendants: the sum of their proportional set sizes
    (shared pages of forked workers counted once), sampled twice a second from /proc."""

    def __init__(self, pid: int, limit_gb: float | None = None) -> None:
        self.pid, self.peak, self.largest, self._stop = pid, 0, 0, threading.Event()
        self.limit, self.exceeded = (limit_gb or math.inf) * 2**30, False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            sizes = [_pss(pid) for pid in _descendants(self.pid)]
            self.peak, self.largest = max(self.peak, sum(sizes)), max(self.largest, *sizes)
            if self.peak > self.limit:  # stop the build before the machine runs out of memory
                self.exceeded = True
                os.killpg(self.pid, 9)
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += [child for child, parent in parents.items() if parent == pid]
    return found


def _pss(pid: int) -> int:
    """Proportional set size in bytes (0 for a process that has ended)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class MemoryLimitError(Exception):
    """A build was stopped because its processes held more memory than allowed."""


@dataclass
class Timed:
    seconds: float
    cpu_seconds: float  # processor time of the process and all its descendants
    started: float  # time.time() at the start, to compare with file times
    peak_gb: float
    process_gb: float  # the largest single process


def run(command: list[str], cwd: Path, env: dict[str, str], limit_gb: float | None = None) -> Timed:
    wall, start, cpu = time.time(), time.perf_counter(), _children_cpu()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    memory = TreeMemory(process.pid, limit_gb)
    _, err = process.communicate()
    elapsed = time.perf_counter() - start
    memory.stop()
    if memory.exceeded:
        raise MemoryLimitError(f"bench: stopped {' '.join(command[:2])} in {cwd}: more than {limit_gb} GB of memory")
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(command[:3])} failed in {cwd}:\n{err[-3000:]}")
    return Timed(elapsed, _children_cpu() - cpu, wall, memory.peak / 2**30, memory.largest / 2**30)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_env(**extra: str) -> dict[str, str]:
    # As the deploy workflow builds: with a public address, so every case page gets its QR code.
    base = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800", "PRAXIS_PDF": "0", "PRAXIS_SITE_URL": "https://praxis.example.org/"}
    return {**os.environ, **base, **extra}


def language_ends(site: Path, started: float) -> dict[str, float]:
    """Seconds after the start at which each language's last page was written (static-i18n
    builds the languages one after another)."""
    ends: dict[str, float] = {}
    for lang in LANGUAGES:
        if lang == LANGUAGES[0]:
            pages = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in LANGUAGES]
        else:
            pages = list((site / lang).rglob("index.html"))
        ends[lang] = max((p.stat().st_mtime for p in pages), default=started) - started
    return ends


STEPS = (
    ("check", "checking the content (YAML, schema, cross-file rules, privacy)"),
    ("model", "model and translation coverage"),
    ("render", "rendering every generated page (languages in parallel processes)"),
    ("write", "writing the page sources"),
    ("mkdocs_de", "MkDocs and Material: starting, then the de pages"),
    *((f"mkdocs_{lang}", f"MkDocs and Material: the {lang} pages") for lang in LANGUAGES[1:]),
    ("open_data", "open data and feeds"),
    ("search_wait", "waiting for the search index after the last language"),
    ("rest", "the rest (after the last page: 404 page, sitemaps, leaving)"),
)


def build_ours(project: Path, site: Path) -> dict[str, float]:
    timings = project.parent / "timings.json"
    done = run([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], project, build_env(PRAXIS_ZEITMESSUNG=str(timings)))
    row = {"build_s": done.seconds, "build_cpu_s": done.cpu_seconds, "peak_gb": done.peak_gb, "process_gb": done.process_gb}
    steps = json.loads(timings.read_text(encoding="utf-8"))
    for name in ("check", "model", "render", "write", "open_data", "search_wait"):
        row[f"step_{name}"] = float(steps.get(name, 0.0))
    before = row["step_check"] + row["step_model"] + row["step_render"] + row["step_write"]
    for lang, end in language_ends(site, done.started).items():
        row[f"step_mkdocs_{lang}"] = end - before
        before = end
    row["step_rest"] = row["build_s"] - sum(v for k, v in row.items() if k.startswith("step_"))
    return row


def build_bare(project: Path, site: Path) -> dict[str, float]:
    """The baseline as its makers would build it: `mkdocs build`, then Pagefind over the site
    (one bundle; Pagefind keeps one index per language by the pages' lang attribute)."""
    built = run([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], project, build_env())
    indexed = run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], project, build_env())
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    missing = set(LANGUAGES) - set(entry.get("languages", {}))
    if missing:
        raise SystemExit(f"bench: the baseline's search index lacks {sorted(missing)}")
    cpu = built.cpu_seconds + indexed.cpu_seconds
    return {"bare_s": built.seconds + indexed.seconds, "bare_cpu_s": cpu, "bare_mkdocs_s": built.seconds, "bare_pagefind_s": indexed.seconds}


# --- what a reader downloads, and the Praxisfinder in Chromium ---------------------------------


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# Filter time: the change event on one facet, then a forced layout, so that both the script's work
# and the browser's restyling of the list count. The median of four changes.
FILTER_SCRIPT = """(value) => { const input = document.querySelector(`input[name="standorttyp"][value="${value}"]`);
  if (!input) return -1; const t0 = performance.now(); input.checked = true;
  input.dispatchEvent(new Event('change', {bubbles: true})); void document.body.offsetHeight;
  return performance.now() - t0; }"""


def cold_kb(browser: Any, site: Path, base: str, path: str, action: Callable[[Any], None] | None = None) -> float:
    """KB (gzip) a reader with an empty cache downloads for a page, or for an action on it."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    unmeasured: list[str] = []

    def record(response: Any) -> None:
        # Every response comes from the built site: measure the file it served (reading the body
        # from the browser fails for large documents after navigation).
        local = site / unquote(response.url.split("/", 3)[3].split("?")[0].split("#")[0])
        local = local / "index.html" if local.is_dir() else local
        if local.is_file():
            sizes[response.url] = gz(local.read_bytes())
        else:
            unmeasured.append(response.url)

    page.on("response", record)
    # "load" first: on a long page the network can fall idle before the parser has reached the
    # scripts at its end, which would then go uncounted.
    page.goto(base + path, wait_until="load", timeout=300_000)
    page.wait_for_load_state("networkidle", timeout=300_000)
    before = sum(sizes.values())
    if action is not None:
        action(page)
        page.wait_for_load_state("networkidle", timeout=300_000)
        page.wait_for_timeout(500)  # the results' excerpts load after the result list
    total = sum(sizes.values()) - (before if action is not None else 0)
    context.close()
    if unmeasured:
        raise SystemExit(f"bench: responses not found in the built site: {unmeasured[:5]}")
    return total / 1024


def filter_ms(browser: Any, base: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/praxis/", wait_until="load", timeout=300_000)
    page.wait_for_load_state("networkidle", timeout=300_000)
    times = [page.evaluate(FILTER_SCRIPT, value) for value in ("kleinstadt", "laendliche-region", "mittelgrosse-stadt", "")]
    context.close()
    if min(times) < 0:
        return math.nan  # the Praxisfinder has no such filter (any more): not measured
    return float(sorted(times)[len(times) // 2])


def browser_measures(site: Path, case_path: str) -> dict[str, float]:
    """Bytes (gzip) a cold reader downloads, and the Praxisfinder's filter time."""
    from playwright.sync_api import sync_playwright

    def query(page: Any) -> None:
        page.fill("#pk-search input", "Netzwerk")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=300_000)

    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        out = {
            "start_kb": cold_kb(browser, site, base, "/"),
            "case_kb": cold_kb(browser, site, base, case_path),
            "finder_kb": cold_kb(browser, site, base, "/praxis/"),
            "search_kb": cold_kb(browser, site, base, "/suche/", query),
            "filter_ms": filter_ms(browser, base),
        }
        browser.close()
    return out


# --- the quick preview -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page_text(address: str) -> str:
    try:
        with urllib.request.urlopen(address, timeout=5) as response:  # noqa: S310 (the local preview)
            return str(response.read().decode("utf-8")).replace("\u00ad", "").replace("&shy;", "")
    except OSError:
        return ""


def _wait_for(address: str, text: str, timeout: float, server: subprocess.Popen[bytes], log: Path) -> float:
    """Seconds until the page at `address` contains `text` (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and server.poll() is None:
        if text in _page_text(address):
            return time.perf_counter() - start
        time.sleep(0.05)
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    raise SystemExit(f"bench: {address} did not show {text!r} within {timeout:.0f} s; mkdocs serve said:\n{tail}")


def preview_seconds(project: Path, edits: int = 3) -> dict[str, float]:
    """`make serve-de` on the project: seconds from saving an edited case until its page shows the
    change, the median of `edits` edits; and the steps of the last rebuild."""
    port, timings, log = _free_port(), project.parent / "preview-timings.json", project.parent / "preview.log"
    env = build_env(PRAXIS_ENTWURF="1", PRAXIS_NUR_DEUTSCH="1", PRAXIS_SITE_URL="", PRAXIS_ZEITMESSUNG=str(timings))
    command = [str(BIN / "mkdocs"), "serve", "--livereload", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]  # as the Makefile's serve-de
    cases = sorted((project / "praxis").glob("*.de.md"))
    case = cases[len(cases) // 2]
    address = f"http://127.0.0.1:{port}/praxis/{case.name.removesuffix('.de.md')}/"
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            out = {"preview_first_s": _wait_for(address, "</html>", 900, server, log)}
            narrative, title = [], []
            for edit in range(edits):
                time.sleep(3)  # the search index the last build left running, and MkDocs' watcher, settle
                marker = f"Vorschauprobe{edit}x"
                case.write_text(case.read_text(encoding="utf-8").rstrip("\n") + f" {marker}\n", encoding="utf-8")
                narrative.append(_wait_for(address, marker, 300, server, log))
            for edit in range(edits):  # a title: the Praxisfinder and the other listings show it too
                time.sleep(3)
                marker = f"Vorschautitel{edit}x"
                case.write_text(_TITLE.sub("titel: " + marker, case.read_text(encoding="utf-8"), count=1), encoding="utf-8")
                title.append(_wait_for(address, marker, 300, server, log))
        finally:
            server.terminate()
            server.wait(timeout=30)
    steps = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {}
    out.update({f"preview_{name}": float(value) for name, value in steps.items()})
    medians = {"preview_narrative_s": statistics.median(narrative), "preview_title_s": statistics.median(title)}
    return {**out, **medians, "preview_s": max(medians.values()), "preview_max_s": max(narrative + title)}


# --- one size -------------------------------------------------------------------------------


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


def filter_bytes_per_case(site: Path, count: int) -> float:
    page = (site / "praxis" / "index.html").read_text(encoding="utf-8")
    attributes = " ".join(re.findall(r'data-(?:case|verdicts|handlungsfeld|akteur|instrument|kriterium|partizipation|status)="[^"]*"', page))
    return gz(attributes.encode("utf-8")) / count


def measure(count: int, work: Path, extras: bool) -> dict[str, float]:
    """Every measurement at one size. `extras`: the preview and the validator comparison (N=1000)."""
    project = make_project(work / "project", count)
    site = work / "site"
    row = build_ours(project, site)
    for lang in LANGUAGES:
        row[f"words_{lang}"] = mean_words(case_pages(site, lang))
        row[f"translated_{lang}"] = len(list((project / "praxis").glob(f"*.{lang}.md"))) / count
    bare_site = work / "bare-site"
    row.update(build_bare(make_bare(work / "bare", count, {lang: int(row[f"words_{lang}"]) for lang in LANGUAGES}), bare_site))
    row["bare_words_de"] = mean_words(sorted((bare_site / "seiten").glob("*/index.html")))
    row["bare_search_mb"] = sum(p.stat().st_size for p in (bare_site / "pagefind").rglob("*") if p.is_file()) / 1024 / 1024
    shutil.rmtree(bare_site, ignore_errors=True)
    shutil.rmtree(work / "bare", ignore_errors=True)
    first_case = case_pages(site, "de")[0]
    row["case_html_kb"] = first_case.stat().st_size / 1024
    row["site_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024
    row["cases_json_mb"] = sum(p.stat().st_size for p in site.rglob("cases.json")) / 1024 / 1024 / len(LANGUAGES)
    row["filter_bytes"] = filter_bytes_per_case(site, count)
    row.update(browser_measures(site, f"/praxis/{first_case.parent.name}/"))
    shutil.rmtree(site, ignore_errors=True)
    if extras and count == 1000:
        row.update(preview_seconds(project))
        row["validate_s"], row["checkjsonschema_s"] = validate_times(project)
    return row


GERMAN_LIMIT_GB = 14  # this machine has 23 GB, shared


def measure_german(count: int, work: Path) -> dict[str, float]:
    """A German-only build (as `make serve-de` builds, but with every check of publishing): what a
    German reader downloads and the filter time at a size whose full build does not fit in memory."""
    project = make_project(work / "project", count)
    site = work / "site"
    try:
        done = run([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], project, build_env(PRAXIS_NUR_DEUTSCH="1"), limit_gb=GERMAN_LIMIT_GB)
    except MemoryLimitError:
        return {"stopped_above_gb": GERMAN_LIMIT_GB}
    row = {"build_s": done.seconds, "build_cpu_s": done.cpu_seconds, "peak_gb": done.peak_gb, "process_gb": done.process_gb}
    first_case = case_pages(site, "de")[0]
    row["case_html_kb"] = first_case.stat().st_size / 1024
    row.update(browser_measures(site, f"/praxis/{first_case.parent.name}/"))
    return row


# --- the report -----------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else "✔" if ok else "✘"


@dataclass(frozen=True)
class Target:
    goal: str
    measured: str
    met: bool | None  # None: not measured (yet)


def _at(runs: dict[str, dict[int, dict[str, float]]], count: int, key: str) -> float | None:
    """A measurement at a size: from the main run, else from the 10,000 run; None if absent."""
    for name in ("main", "10k"):
        value = runs.get(name, {}).get(count, {}).get(key)
        if value is not None and not math.isnan(value):
            return value
    return None


def _target(goal: str, value: float | None, limit: float, unit: str, *, strict: bool = False, digits: int = 0) -> Target:
    if value is None:
        return Target(goal, "not measured", None)
    return Target(goal, f"{value:.{digits}f}{unit}", value < limit if strict else value <= limit)


def _ratio(runs: dict[str, dict[int, dict[str, float]]], run: str, top: int, bottom: int, key: str) -> float | None:
    rows = runs.get(run, {})
    if top in rows and bottom in rows and rows[bottom].get(key):
        return rows[top][key] / rows[bottom][key]
    return None


def _cpu_note(top: dict[str, float], bottom: dict[str, float], top_key: str, bottom_key: str) -> str:
    """The same ratio in processor seconds, which shared load disturbs less than wall time."""
    if top.get(top_key) and bottom.get(bottom_key):
        return f" (processor time {top[top_key] / bottom[bottom_key]:.2f})"
    return ""


def _growth(runs: dict[str, dict[int, dict[str, float]]], count: int, limit: float) -> Target:
    """t(count) / t(1000), with t(1000) from the same run if it has that size, else from make bench.
    Judged by processor time when both builds recorded it: wall time on a shared machine depends on
    what else ran at the moment, processor time much less."""
    goal = f"t({count:,}) / t(1000) ≤ {limit}" if count >= 10000 else f"t({count}) / t(1000) ≤ {limit}"
    run = next((rows for rows in (runs.get("main", {}), runs.get("10k", {})) if count in rows), None)
    base = None if run is None else run.get(1000) or runs.get("main", {}).get(1000)
    german = runs.get("10k-de", {})
    if (run is None or base is None) and count in german and 1000 in german:  # both German-only, one run
        run, base = german, german[1000]
    if run is None or base is None:
        return Target(goal, "not measured", None)
    wall = run[count]["build_s"] / base["build_s"]
    source = "" if 1000 in run else ", t(1000) from `make bench`"
    source += ", German-only builds" if run is german else ""
    if run[count].get("build_cpu_s") and base.get("build_cpu_s"):
        cpu = run[count]["build_cpu_s"] / base["build_cpu_s"]
        return Target(goal, f"{cpu:.2f} in processor time (wall time {wall:.2f}{source})", cpu <= limit)
    return Target(goal, f"{wall:.2f}{source}", wall <= limit)


def _ratio_target(runs: dict[str, dict[int, dict[str, float]]]) -> Target:
    """Build / baseline at N=1000 in every run that measured it; met only if met in all of them."""
    goal = "full build ≤ 1.25× the baseline (N=1000)"
    measured = [(name, rows[1000]) for name, rows in runs.items() if "bare_s" in rows.get(1000, {})]  # German-only runs have no baseline
    if not measured:
        return Target(goal, "not measured", None)
    parts = []
    for name, row in measured:
        parts.append(f"{name}: {row['build_s'] / row['bare_s']:.2f}×{_cpu_note(row, row, 'build_cpu_s', 'bare_cpu_s')}")
    return Target(goal, "; ".join(parts), all(row["build_s"] / row["bare_s"] <= LIMITS["ratio_bare"] for _, row in measured))


def _big(goal: str, runs: dict[str, dict[int, dict[str, float]]], key: str, limit: float, unit: str, *, strict: bool = False, digits: int = 0) -> Target:
    """A target at N=10,000: from make bench-10k, else from a German-only build of that size (the
    German pages and search bundle are the same in either build)."""
    found = _target(goal, _at(runs, 10000, key), limit, unit, strict=strict, digits=digits)
    german = runs.get("10k-de", {}).get(10000, {}).get(key)
    if found.met is None and german is not None and not math.isnan(german):
        found = _target(goal, german, limit, unit, strict=strict, digits=digits)
        return Target(goal, found.measured + " (German-only build)", found.met)
    return found


def _memory_target(runs: dict[str, dict[int, dict[str, float]]]) -> Target:
    goal = "… with peak memory under 8 GB"
    found = _target(goal, runs.get("10k", {}).get(10000, {}).get("peak_gb"), LIMITS["memory_gb"], " GB", strict=True, digits=1)
    german = runs.get("10k-de", {}).get(10000, {})
    stopped = german.get("stopped_above_gb")
    if found.met is None and stopped is not None and stopped >= LIMITS["memory_gb"]:
        return Target(goal, f"> {stopped:.0f} GB already for German alone (build stopped)", False)
    if found.met is None and german.get("peak_gb", 0.0) > LIMITS["memory_gb"]:  # five languages need at least as much
        largest = f", the largest process {german['process_gb']:.1f} GB" if "process_gb" in german else ""
        return Target(goal, f"{german['peak_gb']:.1f} GB already for German alone{largest}", False)
    return found


def targets(runs: dict[str, dict[int, dict[str, float]]]) -> list[Target]:
    """Every target of issue #17, each with what was measured and whether it is met. `runs` maps
    "main" (make bench) and "10k" (make bench-10k) to their rows by size."""
    ratio = _ratio_target(runs)
    big = runs.get("10k", {}).get(10000, {})
    return [
        ratio,
        _target("Praxisfinder first view ≤ 150 KB gzip (N=2000)", _at(runs, 2000, "finder_kb"), LIMITS["finder_kb_2000"], " KB"),
        _big("Praxisfinder first view ≤ 300 KB gzip (N=10,000)", runs, "finder_kb", LIMITS["finder_kb_10000"], " KB"),
        _big("filter update < 50 ms in Chromium (N=10,000)", runs, "filter_ms", LIMITS["filter_ms"], " ms", strict=True, digits=1),
        _big("first search query in one language ≤ 300 KB gzip (N=10,000)", runs, "search_kb", LIMITS["search_kb"], " KB"),
        _target("quick preview ≤ 3 s after saving (make serve-de, N=1000)", _at(runs, 1000, "preview_s"), LIMITS["preview_s"], " s", digits=1),
        _growth(runs, 2000, LIMITS["scaling_2000"]),
        _growth(runs, 10000, LIMITS["scaling_10000"]),
        _target("10,000 cases in five languages in under 10 minutes", big.get("build_s"), LIMITS["build_s_10000"], " s", strict=True),
        _memory_target(runs),
    ]


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def _sizes(runs: dict[str, dict[int, dict[str, float]]]) -> list[tuple[str, int, dict[str, float]]]:
    return [(name, count, row) for name in ("main", "repeat", "10k") for count, row in sorted(runs.get(name, {}).items())]


def render_report(runs: dict[str, dict[int, dict[str, float]]], notes: dict[str, str]) -> str:
    lines = ["# Scale benchmark", "", *(f"- {text}" for text in notes.values()), "", "## Targets of issue #17", ""]
    lines += ["| target | measured | |", "|---|---:|:-:|"]
    found = targets(runs)
    lines += [f"| {t.goal} | {t.measured} | {_mark(t.met)} |" for t in found]
    if any(t.met is None for t in found):
        lines += ["", "– : not measured in the stored runs (`make bench` measures N = 10, 1000 and 2000, `make bench-10k` N = 10,000)."]
    lines += [
        "",
        "## Measurements",
        "",
        "| run | N | build s | baseline s | ratio | ratio of processor time | peak memory GB | largest process GB | case page KB | site MB | start KB gz | case KB gz | Praxisfinder KB gz | first search KB gz | filter ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, count, r in _sizes(runs):
        cpu_ratio = r["build_cpu_s"] / r["bare_cpu_s"] if r.get("build_cpu_s") and r.get("bare_cpu_s") else None
        cells = [r["build_s"], r["bare_s"], r["build_s"] / r["bare_s"], cpu_ratio, r.get("peak_gb"), r.get("process_gb"), r["case_html_kb"], r["site_mb"]]
        cells += [r["start_kb"], r["case_kb"], r["finder_kb"], r["search_kb"], r.get("filter_ms")]
        digits = [1, 1, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 1]
        lines.append(f"| {name} | {count} | " + " | ".join(_num(v, d) for v, d in zip(cells, digits, strict=True)) + " |")
    analysis = RESULTS / "scale-analysis.md"  # written by hand after a run: why a target is missed
    extra = ["", analysis.read_text(encoding="utf-8").rstrip("\n")] if analysis.exists() else []
    return "\n".join(lines + extra + _baseline_lines(runs) + _other_lines(runs) + _time_lines(runs)) + "\n"


def _baseline_lines(runs: dict[str, dict[int, dict[str, float]]]) -> list[str]:
    lines = [
        "",
        "## The baseline",
        "",
        "Material and mkdocs-static-i18n, the same five languages, as many plain pages as cases, each page",
        "as long as our case pages in its language (the words Pagefind indexes, measured on the built",
        "case pages of the same run), then `pagefind --site` over the built site (one index per language).",
        "",
        "| run | N | words per page de / en / ar / fa / uk | baseline page de (measured) | baseline MkDocs s | baseline Pagefind s | baseline search MB |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for name, count, r in _sizes(runs):
        words = " / ".join(str(int(r[f"words_{lang}"])) for lang in LANGUAGES)
        lines.append(
            f"| {name} | {count} | {words} | {int(r['bare_words_de'])} | {_num(r['bare_mkdocs_s'])} | {_num(r['bare_pagefind_s'])} | {_num(r['bare_search_mb'])} |"
        )
    main = runs.get("main", {})
    if main:
        share = " / ".join(f"{100 * main[max(main)][f'translated_{lang}']:.0f} %" for lang in LANGUAGES)
        lines += ["", f"Cases written in de / en / ar / fa / uk (the rest is shown in German on the language's page): {share}."]
    return lines


def _other_lines(runs: dict[str, dict[int, dict[str, float]]]) -> list[str]:
    lines = ["", "## Further measurements", ""]
    r = runs.get("main", {}).get(1000)
    if r and "preview_s" in r:
        steps = ", ".join(f"{name} {r[f'preview_{name}']:.1f} s" for name in ("check", "model", "render", "write", "open_data") if f"preview_{name}" in r)
        if "preview_title_s" in r:
            edits = (
                f"an edited narrative {r['preview_narrative_s']:.1f} s, an edited title (which the listings show too) "
                f"{r['preview_title_s']:.1f} s after saving (medians of three edits each"
            )
        else:
            edits = f"the change {r['preview_s']:.1f} s after saving (median of three edits"
        lines.append(
            f"- Quick preview (`make serve-de`, N=1000): the page of the edited case showed {edits}, slowest {r['preview_max_s']:.1f} s; "
            f"first build {r['preview_first_s']:.0f} s). Steps of the last rebuild: {steps}."
        )
    if r and "validate_s" in r:
        lines.append(f"- `praxis validate` on 1000 cases: {r['validate_s']:.1f} s; check-jsonschema on their front matter: {r['checkjsonschema_s']:.1f} s.")
    german = runs.get("10k-de", {}).get(10000)
    if german and "stopped_above_gb" in german:
        lines.append(f"- A German-only build of 10,000 cases was stopped when its processes held more than {german['stopped_above_gb']:.0f} GB of memory.")
    elif german:
        lines.append(
            f"- German-only build of 10,000 cases (as `make serve-de` builds, but as strict as publishing): {german['build_s']:.0f} s "
            f"({german['build_cpu_s']:.0f} s of processor time), peak memory {german['peak_gb']:.1f} GB (largest process "
            f"{german.get('process_gb', math.nan):.1f} GB); start page {german['start_kb']:.0f} KB, "
            f"case page {german['case_kb']:.0f} KB, Praxisfinder {german['finder_kb']:.0f} KB, first search query {german['search_kb']:.0f} KB (gzip); "
            f"filter update {_num(german['filter_ms'])} ms."
        )
    small = runs.get("main", {}).get(10)
    if r and small:
        lines.append(f"- A case page at N=1000 is {r['case_html_kb'] / small['case_html_kb']:.2f}× its size at N=10 (it does not grow with the collection).")
    for name, count, row in _sizes(runs):
        lines.append(
            f"- {name}, N={count}: cases.json {row['cases_json_mb']:.1f} MB per language, filter attributes {row['filter_bytes']:.0f} B per case (gzip), "
            f"largest single process {row['process_gb']:.1f} GB."
        )
    return lines


def _time_lines(runs: dict[str, dict[int, dict[str, float]]]) -> list[str]:
    sizes = _sizes(runs)
    lines = [
        "",
        "## Where the build time goes",
        "",
        "Seconds per step of the full build (the hooks record the steps before and after MkDocs; a",
        "language's MkDocs time runs from the previous step to its last page written). The search index",
        "of a language is built in the background while the next language builds; only the wait after",
        "the last language is a step of its own.",
        "",
        "| step | " + " | ".join(f"{name} N={count}" for name, count, _ in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for key, label in STEPS:
        lines.append(f"| {label} | " + " | ".join(_num(r.get(f"step_{key}")) for _, _, r in sizes) + " |")
    lines.append("| **full build** | " + " | ".join(f"**{r['build_s']:.1f}**" for _, _, r in sizes) + " |")
    lines.append("| baseline: MkDocs and Material, five languages | " + " | ".join(_num(r["bare_mkdocs_s"]) for _, _, r in sizes) + " |")
    lines.append("| baseline: Pagefind | " + " | ".join(_num(r["bare_pagefind_s"]) for _, _, r in sizes) + " |")
    lines.append("| **baseline** | " + " | ".join(f"**{r['bare_s']:.1f}**" for _, _, r in sizes) + " |")
    lines.append(
        "| processor seconds: full build / baseline | "
        + " | ".join(f"{_num(r.get('build_cpu_s'), 0)} / {_num(r.get('bare_cpu_s'), 0)}" for _, _, r in sizes)
        + " |"
    )
    return lines


def load_runs() -> tuple[dict[str, dict[int, dict[str, float]]], dict[str, str]]:
    runs, notes = {}, {}
    for name in ("main", "repeat", "10k", "10k-de"):
        path = RESULTS / f"scale-{name}.json"
        if path.exists():
            stored = json.loads(path.read_text(encoding="utf-8"))
            runs[name] = {int(count): row for count, row in stored["rows"].items()}
            notes[name] = stored["note"]
    return runs, notes


def cpu_seconds() -> tuple[float, float]:
    """Processor seconds used so far by the whole machine, and by this script and its children."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    busy = (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait
    own = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return busy, sum(usage.ru_utime + usage.ru_stime for usage in own)


def shared_load(before: tuple[float, float], after: tuple[float, float], seconds: float) -> float:
    """How many cores other processes kept busy on average while the bench ran."""
    return max(0.0, (after[0] - before[0]) - (after[1] - before[1])) / seconds


def _note(name: str, sizes: list[int], seconds: float, others: float) -> str:
    what = {"main": "`make bench`", "10k": "`make bench-10k`", "10k-de": "German-only builds (`make bench-10k-de`)"}.get(
        name, "A repeat of `make bench` at these sizes"
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip() or "?"
    text = (
        f"{what} (run {name}: N = {', '.join(map(str, sizes))}) on commit {commit}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {seconds / 60:.0f} min; "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. Other processes kept {others:.1f} of the "
        f"{os.cpu_count()} cores busy on average"
    )
    if others >= 0.2:
        return text + ": timings taken under shared load; the ratio to the baseline, measured in the same run, is what counts."
    return text + "."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,2000")
    parser.add_argument("--run", choices=("main", "10k", "repeat", "10k-de"), default="main", help="which stored run these sizes replace")
    parser.add_argument("--report-only", action="store_true", help="only write scale.md again from the stored runs")
    args = parser.parse_args()
    if not args.report_only:
        measure_run(args.run, [int(s) for s in args.sizes.split(",")])
    runs, notes = load_runs()
    report = render_report(runs, notes)
    print(report)
    (RESULTS / "scale.md").write_text(report, encoding="utf-8")
    return 0


def measure_run(name: str, sizes: list[int]) -> None:
    """Measure every size and store the rows as the run `name`."""
    started, cpu = time.perf_counter(), cpu_seconds()
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="praxis-bench-") as tmp:
        for count in sizes:
            if name == "10k-de":
                rows[count] = measure_german(count, Path(tmp) / f"n{count}")
            else:
                rows[count] = measure(count, Path(tmp) / f"n{count}", extras=name == "main")
            print(f"N={count}: " + ", ".join(f"{k}={v:.2f}" for k, v in rows[count].items()), flush=True)
            shutil.rmtree(Path(tmp) / f"n{count}", ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    seconds = time.perf_counter() - started
    stored = {"note": _note(name, sizes, seconds, shared_load(cpu, cpu_seconds(), seconds)), "rows": rows}
    (RESULTS / f"scale-{name}.json").write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
