"""Gates on the built site without a browser: links and anchors, HTML validity, reproducible
builds, build hygiene, and bad input that must never publish anything."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser_support import build_site

from praxis_kb.load.project import Project

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag in ("a", "link") and values.get("href"):
            self.links.append(str(values["href"]))
        if tag in ("script", "img") and values.get("src"):
            self.links.append(str(values["src"]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_broken_internal_link_or_anchor_in_any_language(built_site: Path) -> None:
    site = built_site.resolve()
    # Keyed by resolved path, as the link targets are, so that each page is parsed once however
    # many of the site's 2,000 fragment links point into it.
    pages = {path.resolve(): _parse(path) for path in site.rglob("*.html")}
    broken = []
    for path, parsed in list(pages.items()):
        for href in parsed.links:
            url = urlparse(href)
            if url.scheme or href.startswith(("mailto:", "//")):
                continue
            if not url.path:
                target = path
            elif url.path.startswith("/"):  # site-absolute, as on the 404 page (site_url's path is /)
                target = (site / unquote(url.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)} → {href}")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in pages:
                    pages[target] = _parse(target)
                if unquote(url.fragment) not in pages[target].ids:
                    broken.append(f"{path.relative_to(site)} → {href} (anchor)")
    assert not broken, broken[:20]


# What a page may load from somewhere (every request goes to the site itself); links to
# elsewhere (<a href>, <link rel="canonical">) are navigation, not requests.
_NAVIGATION_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "bookmark", "me"}
_RUNNING_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


def _foreign(url: str, data_allowed: bool = False) -> bool:
    """Whether fetching *url* from a page of the site would leave the site's origin."""
    parsed = urlparse(url.strip())
    if parsed.scheme == "data":
        return not data_allowed  # img-src 'self' data: – and nothing else allows data:
    return bool(parsed.scheme or parsed.netloc)


class _Policy(HTMLParser):
    """What the browser would need to check a page against its Content-Security-Policy."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policy: str | None = None
        self.policy_first = False  # before every script and stylesheet, so that it governs them all
        self.lang = self.dir = ""
        self.seen_resources = False
        self.in_head = False
        self.inline_scripts: list[str] = []
        self.foreign: list[str] = []
        self.blocked: list[str] = []  # markup the policy blocks: handlers, javascript: URLs
        self._script: list[str] | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang, self.dir = values.get("lang", ""), values.get("dir", "")
        elif tag == "head":
            self.in_head = True
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policy = values.get("content", "")
            self.policy_first = self.in_head and not self.seen_resources
        for name, value in values.items():
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value[:30]}>")
            if name == "style":
                self.foreign += [f"<{tag} style> {u}" for u in self._css_urls(value)]
        urls: list[str] = []
        if tag == "link" and values.get("href") and not set(values.get("rel", "").lower().split()) <= _NAVIGATION_RELS:
            urls.append(values["href"])
        if tag not in ("a", "area", "link", "base"):
            urls += [values[n] for n in ("src", "href", "data", "poster", "action", "formaction", "xlink:href") if values.get(n)]
        urls += [part.split()[0] for part in values.get("srcset", "").split(",") if part.strip()]
        self.foreign += [f"<{tag}> {u}" for u in urls if _foreign(u, data_allowed=tag in ("img", "source", "image"))]
        if tag in ("script", "link", "style"):
            self.seen_resources = True
        if tag == "script" and not values.get("src") and values.get("type", "").lower() in _RUNNING_SCRIPT_TYPES:
            self._script = []
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._style:
            self.foreign += [f"<style> {u}" for u in self._css_urls(data)]

    @staticmethod
    def _css_urls(css: str) -> list[str]:
        return [u for m in _CSS_URL.finditer(css) for u in m.groups() if u and _foreign(u, data_allowed=True)]


def _policy_problems(policy: str | None, scripts: list[str]) -> list[str]:
    if policy is None:
        return ["no Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    problems = [
        f"{name} {want} missing"
        for name, want in (("default-src", "'self'"), ("object-src", "'none'"), ("base-uri", "'self'"))
        if directives.get(name) != [want]
    ]
    for name, sources in directives.items():
        # keywords, hashes and data: only: no host, no scheme that reaches another origin
        problems += [f"{name} allows {s}" for s in sources if not (s.startswith("'") or s == "data:")]
    problems += [f"script-src allows {s}" for s in directives.get("script-src", []) if s in ("'unsafe-inline'", "'unsafe-eval'")]
    for body in scripts:
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        if digest not in directives.get("script-src", []):
            problems.append(f"inline script without its hash: {body.strip()[:40]!r}")
    return problems


def test_every_page_loads_only_from_its_own_origin_under_a_content_security_policy(built_site: Path) -> None:
    """The whole site, read as HTML and CSS; the browser checks one page per template
    (test_gates_browser.py) for what only running scripts reveal."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 150
    bad = []
    for path in pages:
        page = _Policy()
        page.feed(path.read_text(encoding="utf-8"))
        name = path.relative_to(built_site).as_posix()
        if page.policy is not None and not page.policy_first:
            bad.append(f"{name}: the policy comes after a script or stylesheet, or outside <head>")
        bad += [f"{name}: {problem}" for problem in _policy_problems(page.policy, page.inline_scripts)]
        bad += [f"{name}: {item}" for item in page.foreign + page.blocked]
    for path in sorted(built_site.rglob("*.css")):
        bad += [f"{path.relative_to(built_site)}: {u}" for u in _Policy._css_urls(path.read_text(encoding="utf-8"))]
    assert not bad, bad[:20]


TEMPLATE_PAGES = [
    "index.html",
    "praxis/index.html",
    "praxis/runder-tisch-kleinstadt/index.html",
    "passt-das/index.html",
    "kriterien/index.html",
    "kriterien/transparenz/index.html",
    "standorttypen/index.html",
    "standorttypen/kleinstadt/index.html",
    "ueberblick/index.html",
    "suche/index.html",
    "checkliste/index.html",
    "checkliste/kleinstadt/index.html",
    "offene-daten/index.html",
    "uebersetzungen/index.html",
    "impressum/index.html",
    "mitmachen/index.html",
    "ueber/index.html",
    "404.html",
    "ar/praxis/runder-tisch-kleinstadt/index.html",
    "fa/kriterien/index.html",
    "uk/passt-das/index.html",
    "en/praxis/index.html",
]


def test_nu_html_checker_finds_no_error(built_site: Path, project: Project) -> None:
    java = shutil.which("java")
    jar = project.root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert java, "Java is needed for the Nu Html Checker"
    assert jar.exists(), "run: npm ci"
    files = [str(built_site / page) for page in TEMPLATE_PAGES]
    done = subprocess.run([java, "-jar", str(jar), "--format", "json", "--errors-only", *files], capture_output=True, text=True, check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    assert messages == [], [(m.get("url", "").split("/")[-2:], m.get("message")) for m in messages][:10]


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(project: Project, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    env = {k: v for k, v in os.environ.items() if k != "PRAXIS_PDF"}
    with ThreadPoolExecutor(2) as pool:  # side by side: a build keeps less than one core busy
        list(pool.map(lambda site: build_site(project.root, site, pdf=False, env=env), (first, second)))
    a, b = _digest(first), _digest(second)
    assert a.keys() == b.keys()
    different = sorted(name for name in a if a[name] != b[name])
    assert not different, different[:10]


def test_build_hygiene(project: Project) -> None:
    config = project.mkdocs_config
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    # nothing that reads files from the build machine, runs code or lets text set attributes
    assert not names & {"pymdownx.snippets", "md_in_html", "attr_list", "pymdownx.superfences", "markdown_include.include", "macros"}
    assert names <= {"admonition", "tables", "toc"}
    plugins = {next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]}
    assert plugins == {"i18n"}, plugins
    package = project.root / "src" / "praxis_kb"
    code = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    # contributor text is data for templates, never a template itself
    assert not re.search(r"\bfrom_string\(|\bTemplate\(", code)  # (a bytecode cache's bytecode_from_string is no template)
    assert re.search(r"autoescape=True", (package / "render" / "escaping.py").read_text(encoding="utf-8"))


BAD_INPUTS = [
    ("yaml_syntax-doppelpunkt", "fall.de.md"),
    ("datei_bom", "fall.de.md"),
    ("yaml_alias-bombe", "fall.de.md"),
    ("kopf_nicht-abgeschlossen", "fall.de.md"),
    ("standort-standorttyp_schreibweise", "fall.de.md"),
    ("uebersetzung_mit-strukturdaten", "fall.en.md"),
    ("datei_nicht-utf8", "fall.de.md"),
    ("kopf_liste", "fall.de.md"),
]


@pytest.mark.parametrize(("fixture", "name"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_stops_the_build_with_the_validators_message(sandbox: Project, tmp_path: Path, fixture: str, name: str) -> None:
    folder = FIXTURES / "invalid" / fixture
    for file in folder.iterdir():
        if file.name != "expected.txt":
            shutil.copyfile(file, sandbox.cases_dir / file.name)
    site = tmp_path / "out"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=sandbox.root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    expected = [line for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines() if ": error: " in line]
    for line in expected:
        assert line.replace(f"tests/fixtures/invalid/{fixture}/", "praxis/") in done.stderr
    assert not site.exists() or not any(site.iterdir())
