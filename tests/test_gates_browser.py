"""Gates in Chromium: privacy (no other origin, CSP), accessibility (axe, keyboard, 320 px),
and an injection corpus that must not run anywhere."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import build_site, serve
from praxis_kb.validate import schemas
from praxis_kb.validate.content import check
from praxis_kb.load.project import Project
from praxis_kb.load.sources import read_markdown

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "en", "ar", "fa", "uk"]
TEMPLATES = [
    "", "praxis/", "praxis/runder-tisch-kleinstadt/", "passt-das/", "kriterien/", "kriterien/transparenz/",
    "standorttypen/", "standorttypen/laendliche-region/", "ueberblick/", "suche/", "checkliste/",
    "praxis/mieterlotsen-laendlich/#transfer-check", "offene-daten/", "uebersetzungen/", "mitmachen/", "impressum/",
]


def url(lang: str, path: str) -> str:
    return ("/" if lang == "de" else f"/{lang}/") + path


def all_pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def test_every_page_stays_on_its_origin_and_carries_a_content_security_policy(page: Any, built_site: Path, base_url: str) -> None:
    origin = urlparse(base_url).netloc
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    pages = all_pages(built_site)
    assert len(pages) > 150
    for path in pages:
        page.requests.clear()
        page.goto(path, wait_until="load")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy and "default-src 'self'" in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy, path
        foreign = [u for u in page.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]
        assert not foreign, (path, foreign)
    assert not violations, violations[:5]
    assert not [e for e in page.errors if "404" not in e], page.errors[:5]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(browser: Any, base_url: str, lang: str) -> None:
    axe = Axe()
    failures = []
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
        tab = context.new_page()
        for path in TEMPLATES if width == 1280 else TEMPLATES[:6]:
            tab.goto(url(lang, path), wait_until="networkidle")
            result = axe.run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            for violation in result.response["violations"]:
                failures.append((width, path, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
        context.close()
    assert not failures, failures[:10]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_scrolls_sideways_at_320_px(browser: Any, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=base_url)
    tab = context.new_page()
    wide = []
    for path in TEMPLATES:
        tab.goto(url(lang, path))
        if tab.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(path)
    context.close()
    assert not wide, wide


def focus_is_visible(page: Any) -> bool:
    return bool(page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
    ))


def tab_to(page: Any, selector: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert focus_is_visible(page), selector
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_praxisfinder_works_by_keyboard_alone(page: Any) -> None:
    page.goto("/praxis/")
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
    '<svg onload="window.__pwned=\'s5\'"></svg>',
    "[klick](javascript:window.__pwned='s6')",
    "[bild](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nczcnPC9zY3JpcHQ+)",
    'Absatz {: onclick="window.__pwned=\'s8\'" }',
    '<a href="javascript:window.__pwned=\'s9\'">x</a>',
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
        elif isinstance(value, str) and any(len(p) == len(path) and all(a == "*" or a == b for a, b in zip(p, path)) for p in patterns):
            yield path

    yield from walk(data, ())


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("injected")
    for name in ("mkdocs.yml", "schemas", "kriterien", "praxis", "docs", "hooks", "overrides"):
        source = project.root / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
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
    for path in ["/praxis/runder-tisch-kleinstadt/", "/en/praxis/runder-tisch-kleinstadt/", "/praxis/", "/passt-das/",
                 "/kriterien/transparenz/", "/standorttypen/kleinstadt/", "/ueberblick/"]:
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
