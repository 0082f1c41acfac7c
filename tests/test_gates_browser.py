"""Gates in Chromium: privacy (no other origin, CSP), accessibility (axe, keyboard, 320 px),
and an injection corpus that must not run anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import build_site, foreign_requests, record, serve
from conftest import copy_project

from praxis_kb.load.project import Project
from praxis_kb.load.sources import read_markdown
from praxis_kb.validate import schemas
from praxis_kb.validate.content import check

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en", "ar", "fa", "uk"]
TEMPLATES = [
    "",
    "praxis/",
    "praxis/runder-tisch-kleinstadt/",
    "passt-das/",
    "kriterien/",
    "kriterien/transparenz/",
    "standorttypen/",
    "standorttypen/laendliche-region/",
    "ueberblick/",
    "suche/",
    "checkliste/",
    "praxis/mieterlotsen-laendlich/#transfer-check",
    "offene-daten/",
    "uebersetzungen/",
    "mitmachen/",
    "impressum/",
]
# axe runs on every template in one left-to-right and one right-to-left language; the others
# share those templates, so one page each catches what their own texts and notices bring.
AXE_EVERY_TEMPLATE = ["de", "ar"]
AXE_ONE_PAGE = {"en": "praxis/mieterlotsen-laendlich/", "fa": "kriterien/transparenz/", "uk": "praxis/runder-tisch-kleinstadt/"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RTL = {"ar", "fa"}


def url(lang: str, path: str) -> str:
    return ("/" if lang == "de" else f"/{lang}/") + path


def one_page_per_template(site: Path, languages: list[str]) -> list[str]:
    """A page of each kind the site has, German where there is one: the pages of one collection
    (cases, criteria, site types, checklists) share a template, and a page shown untranslated
    in German under another language's frame counts as a kind of its own."""
    kinds: dict[tuple[str, bool], str] = {}
    for path in sorted(site.rglob("*.html"), key=lambda p: (p.relative_to(site).parts[0] in languages, p)):
        parts = list(path.relative_to(site).parts)
        if parts[0] in languages:
            parts.pop(0)
        if len(parts) == 3:
            parts[1] = "*"
        kind = ("/".join(parts), "pk-untranslated" in path.read_text(encoding="utf-8"))
        rel = path.relative_to(site).as_posix()
        kinds.setdefault(kind, "/" + rel.removesuffix("index.html"))
    return sorted(kinds.values())


def test_one_page_of_each_template_stays_on_its_origin_when_its_scripts_run(browser: Any, built_site: Path, base_url: str) -> None:
    """What only running scripts show: a request to another origin, a Content-Security-Policy
    violation, a JavaScript error. test_gates.py reads every page's HTML for the rest."""
    pages = one_page_per_template(built_site, LANGUAGES[1:])
    assert len(pages) > 15 and "/404.html" in pages
    context = browser.new_context(base_url=base_url)
    tabs = []
    for path in pages:  # all at once: the waits for the network to fall quiet overlap
        tab = record(context.new_page())
        tab.goto(path, wait_until="commit")
        tabs.append((path, tab))
    problems = []
    for path, tab in tabs:
        tab.wait_for_load_state("networkidle")
        policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        if not (policy and "default-src 'self'" in policy):
            problems.append(f"{path}: no policy")
        problems += [f"{path}: {u}" for u in foreign_requests(tab, base_url)]
        problems += [f"{path}: {e}" for e in tab.errors]
    context.close()
    assert not problems, problems[:10]


SETTLE = """() => new Promise(frame => requestAnimationFrame(() => requestAnimationFrame(frame))).then(() => Promise.race([
    Promise.all(document.getAnimations().filter(a => a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null))),
    new Promise(enough => setTimeout(enough, 2000)),
]))"""


def settle(tab: Any) -> None:
    """Wait until the page's scripts have drawn and its transitions have ended, so that axe sees
    the colours a reader sees; much sooner than networkidle's half second of quiet."""
    tab.evaluate(SETTLE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(browser: Any, base_url: str, lang: str) -> None:
    axe = Axe()
    every = TEMPLATES if lang in AXE_EVERY_TEMPLATE else [AXE_ONE_PAGE[lang]]
    failures = []
    for width, paths in ((1280, every), (360, every[:6])):
        context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
        tab = record(context.new_page())
        for path in paths:
            tab.goto(url(lang, path), wait_until="load")
            settle(tab)
            result = axe.run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
            for violation in result.response["violations"]:
                failures.append((width, path, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
        context.close()
        assert not tab.errors, tab.errors[:5]
    assert not failures, failures[:10]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_reads_in_its_direction_and_nothing_scrolls_sideways_at_320_px(browser: Any, base_url: str, lang: str) -> None:
    # Every language: how wide a page gets depends on its words (long German compounds, the
    # German pages shown in a right-to-left frame).
    direction = "rtl" if lang in RTL else "ltr"
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=base_url)
    tab = record(context.new_page())
    wrong = []
    for path in TEMPLATES:
        tab.goto(url(lang, path))
        shown = tab.evaluate("[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]")
        if shown != [lang, direction, direction]:
            wrong.append((path, shown))
        if tab.evaluate("document.documentElement.scrollWidth") > 320:
            wrong.append((path, "scrolls sideways"))
    foreign = foreign_requests(tab, base_url)
    context.close()
    assert not wrong, wrong
    assert not foreign, foreign[:5]
    assert not tab.errors, tab.errors[:5]


def focus_is_visible(page: Any) -> bool:
    return bool(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
        )
    )


def tab_to(page: Any, selector: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert focus_is_visible(page), selector
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_praxisfinder_works_by_keyboard_alone(page: Any) -> None:
    page.goto("/praxis/")
    tab_to(page, ".pk-filter-toggle")  # on a phone the facets are folded behind this button
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="standorttyp"]')
    for _ in range(2):  # radio group: arrow keys move the choice
        page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.value")
    assert chosen == "kleinstadt"
    assert "standorttyp=kleinstadt" in page.evaluate("location.search")
    tab_to(page, "details.pk-facet summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert "handlungsfeld=" in page.evaluate("location.search")
    tab_to(page, "#pk-results a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/praxis/*/")


def test_the_matcher_works_by_keyboard_alone(page: Any) -> None:
    page.goto("/passt-das/")
    tab_to(page, 'input[name="standorttyp"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="akteur"]')
    page.keyboard.press("Space")
    assert "akteur=" in page.evaluate("location.search")
    assert page.locator("#pk-matches [data-score]").first.inner_text()


# -- injection corpus ------------------------------------------------------------------------

PAYLOADS = [
    '<script>window.__pwned = "s1"</script>',
    '"><script>window.__pwned = "s2"</script>',
    "'><img src=x onerror=\"window.__pwned='s3'\">",
    '</script><script>window.__pwned = "s4"</script>',
    "<svg onload=\"window.__pwned='s5'\"></svg>",
    "[klick](javascript:window.__pwned='s6')",
    "[bild](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nczcnPC9zY3JpcHQ+)",
    "Absatz {: onclick=\"window.__pwned='s8'\" }",
    "<a href=\"javascript:window.__pwned='s9'\">x</a>",
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name=q></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<style>body{display:none}</style>",
    '=HYPERLINK("https://evil.example/")',
    "{{ config.site_name }} {% raw %}",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='s17'\">",
]
PLAIN = "Ärger & <Streit> \"zitiert\" 'einfach'"


def _text_paths(validators: schemas.Validators, data: Any) -> Iterator[tuple[str | int, ...]]:
    patterns = schemas.translatable_paths(validators)

    def walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, path + (index,))
        elif isinstance(value, str) and any(len(p) == len(path) and all(a == "*" or a == b for a, b in zip(p, path, strict=True)) for p in patterns):
            yield path

    yield from walk(data, ())


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Iterator[tuple[str, Path]]:
    root = copy_project(tmp_path_factory.mktemp("injected")).root
    doc = read_markdown(project.cases_dir / "runder-tisch-kleinstadt.de.md")
    data = doc.data
    catalogue, _ = check(Project(root), [])
    validators = schemas.Validators(project.schema_dir, catalogue.vocabulary_ids())
    paths = list(_text_paths(validators, data))
    assert len(paths) > 40
    for number, path in enumerate(paths):
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = (PAYLOADS[number % len(PAYLOADS)] + " " + PLAIN)[:110]
    data["titel"] = PAYLOADS[0][:60] + " " + PLAIN
    for source in data["quellen"].values():
        source["titel"] = PAYLOADS[1]
    body = "\n\n".join(PAYLOADS + [PLAIN])
    front = "\n".join(f"{key}: {strictyaml_dump(value)}" for key, value in data.items())
    (root / "praxis" / "runder-tisch-kleinstadt.de.md").write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    for translation in (root / "praxis").glob("runder-tisch-kleinstadt.*.md"):
        if not translation.name.endswith(".de.md"):
            translation.unlink()
    site = root / "site"
    build_site(root, site, pdf=False)
    yield from ((base, site) for base in serve(site))


def strictyaml_dump(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if re.match(r"\s*(javascript|data|vbscript):", value, re.I) and name in ("href", "src", "action", "formaction"):
                self.bad.append(f"<{tag} {name}={value[:30]}>")
            if "evil.example" in value:
                self.bad.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("iframe", "base", "object", "embed"):
            self.bad.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.bad.append("<meta refresh>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.bad.append("payload inside <script>")


def test_no_executable_payload_survives_anywhere_in_the_site(injected: tuple[str, Path]) -> None:
    _, site = injected
    bad = []
    for path in site.rglob("*.html"):
        scanner = _Scan()
        scanner.feed(path.read_text(encoding="utf-8"))
        bad += [f"{path.relative_to(site)}: {b}" for b in scanner.bad]
    assert not bad, bad[:10]
    csv = (site / "data" / "cases.csv").read_text(encoding="utf-8")
    assert ',"=HYPERLINK' not in csv and ",=HYPERLINK" not in csv
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed  # escaped as &lt;script&gt;


def test_no_injected_script_runs_in_the_browser(browser: Any, injected: tuple[str, Path]) -> None:
    base, _ = injected
    context = browser.new_context(base_url=base)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in [
        "/praxis/runder-tisch-kleinstadt/",
        "/en/praxis/runder-tisch-kleinstadt/",
        "/praxis/",
        "/passt-das/",
        "/kriterien/transparenz/",
        "/standorttypen/kleinstadt/",
        "/ueberblick/",
    ]:
        tab.goto(path, wait_until="networkidle")
        for link in tab.locator("article a").all()[:60]:
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), href
        assert tab.evaluate("window.__pwned === undefined"), path
        assert tab.locator("iframe, form[action*='evil'], base").count() == 0
    tab.goto("/praxis/runder-tisch-kleinstadt/")
    assert PLAIN in tab.locator("article").inner_text()  # ordinary text still reads right
    assert tab.locator("h1").inner_text().endswith(PLAIN)
    assert not dialogs
    context.close()
