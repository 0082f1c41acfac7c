"""The Praxisfinder at a few hundred cases (#17), in German and in Arabic (right to left): the page
carries its first cases and a compact filter index, the script fetches the cards it shows in
files of cards; filtering, "show more", a shared filtered link and the plain paged list for
readers without JavaScript. One build of generated cases per module."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser_support import PHONE, build_site, finder_ready, phone_tab, prefix, serve
from conftest import copy_project

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.render import finder
from praxis_kb.render.context import Context
from praxis_kb.validate import content

COUNT = 300
LANGUAGES = ("de", "ar")
STRINGS = yaml.safe_load((Path(__file__).resolve().parent.parent / "src/praxis_kb/ui/strings.yml").read_text(encoding="utf-8"))
SYLLABLES = {
    "de": "ba be bo da di fa ge ha ki lo ma ne ni po ra ri sa so ta tu we zu".split(),
    "ar": "با بي بو دا دي فا جي ها كي لو ما ني نو را ري سا سو تا تو وا زو".split(),
}


def word(rng: random.Random, lang: str) -> str:
    return "".join(rng.choice(SYLLABLES[lang]) for _ in range(3)).capitalize()


def retitle(text: str, case_id: str, prefix: str) -> str:
    """A copied case file with its own id and a title that starts with *prefix* (so that the
    copies of one case do not stand together in the alphabetical list)."""
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"^id: .*$", f"id: {case_id}", front, count=1, flags=re.MULTILINE)
    match = re.search(r"^titel: (.*)$", front, flags=re.MULTILINE)
    assert match
    title = match.group(1).strip().strip('"')
    new_title = f"{prefix} {title}"[:80].rstrip()
    front = front[: match.start()] + "titel: " + json.dumps(new_title, ensure_ascii=False) + front[match.end() :]
    return front + "\n---\n" + body


def only_languages(config: str, languages: tuple[str, ...]) -> str:
    """mkdocs.yml with only *languages* in the i18n plugin's list."""
    out, skip = [], False
    for line in config.split("\n"):
        found = re.match(r"(\s+)- locale: (\w+)", line)
        if found:
            skip = found.group(2) not in languages
        elif skip and (not line.startswith(" " * 10) or re.match(r"\S", line)):
            skip = False
        if not skip:
            out.append(line)
    return "\n".join(out)


def generate_cases(root: Path, count: int) -> None:
    """*count* cases made from the shipped ones, in German and Arabic, with shuffled titles."""
    folder = root / "praxis"
    sources = {path.name.removesuffix(".de.md"): path for path in sorted(folder.glob("*.de.md"))}
    texts = {case_id: {lang: (folder / f"{case_id}.{lang}.md").read_text(encoding="utf-8") for lang in LANGUAGES} for case_id in sources}
    for path in folder.glob("*.md"):
        path.unlink()
    rng = random.Random(17)
    ids = list(texts)
    for number in range(count):
        source = ids[number % len(ids)]
        case_id = f"{source}-{number:04d}"
        for lang in LANGUAGES:
            text = retitle(texts[source][lang], case_id, word(rng, lang)) if lang == "de" else retitle_translation(texts[source][lang], word(rng, lang))
            (folder / f"{case_id}.{lang}.md").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(only_languages(config.read_text(encoding="utf-8"), LANGUAGES), encoding="utf-8")
    for page in (root / "docs").glob("*.*.md"):
        if page.name.split(".")[-2] not in LANGUAGES:
            page.unlink()


def retitle_translation(text: str, prefix: str) -> str:
    front, body = text.split("\n---\n", 1)
    match = re.search(r"^titel: (.*)$", front, flags=re.MULTILINE)
    assert match
    title = f"{prefix} {match.group(1).strip().strip(chr(34))}"[:80].rstrip()
    return front[: match.start()] + "titel: " + json.dumps(title, ensure_ascii=False) + front[match.end() :] + "\n---\n" + body


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("scale"))
    generate_cases(project.root, COUNT)
    return project


@pytest.fixture(scope="module")
def site(project: Project) -> Path:
    target = project.root / "site"
    build_site(project.root, target, pdf=False)
    return target


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.fixture(scope="module")
def cases(site: Path) -> list[dict[str, Any]]:
    return list(json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))["praxisbeispiele"])


@pytest.fixture
def phone(browser: Any, base: str) -> Iterator[Any]:
    with phone_tab(browser, base) as tab:
        yield tab


def title(case: dict[str, Any], lang: str) -> str:
    return str(case["daten"]["titel"] if lang == "de" else case["uebersetzungen"][lang]["texte"]["titel"])


def verdict(case: dict[str, Any], site: str) -> str:
    return str(case["daten"]["transfer"]["eignung"][site]["urteil"])


def expected(cases: list[dict[str, Any]], lang: str, site: str = "", fields: tuple[str, ...] = ()) -> list[str]:
    """The cases the Praxisfinder shows, in its order: suitable first (for a site type), then
    suitable under conditions, alphabetical by title within."""
    rank = {"geeignet": 0, "bedingt-geeignet": 1}
    chosen = [c for c in cases if not fields or set(c["daten"]["handlungsfelder"]) & set(fields)]
    if site:
        chosen = [c for c in chosen if verdict(c, site) in rank]
    alphabetical = sorted(chosen, key=lambda c: title(c, lang).casefold())
    return [c["id"] for c in sorted(alphabetical, key=lambda c: rank[verdict(c, site)] if site else 0)]


def shown(tab: Any) -> list[str]:
    return list(tab.eval_on_selector_all("#pk-results > li", "items => items.filter(i => !i.hidden).map(i => i.dataset.case)"))


def show_all(tab: Any) -> None:
    more = tab.locator("#pk-more")
    while more.is_visible():
        more.click()
        finder_ready(tab)


def text(locator: Any) -> str:
    return " ".join(locator.inner_text().replace("\u00ad", "").split())


def chunk_requests(tab: Any) -> list[str]:
    return [url for url in tab.requests if "/_finder/" in url and "/index.json" not in url]


# -- without a browser: the index says what the cards say --------------------------------------


def test_the_index_holds_every_cards_facet_values_and_verdicts(project: Project) -> None:
    catalogue, problems = content.check(project)
    assert not problems.errors
    built = model.build(catalogue, ("de",))
    ctx = Context(built, "de")
    generated = {page.path: page for page in finder.pages(ctx)}
    index = json.loads(generated["praxis/_finder/index.de.json"].text)
    cards = [finder.card(ctx, case) for case in built.cases_in("de")]
    assert index["cases"] == COUNT and len(cards) == COUNT
    for name, facet in index["facets"].items():
        numbers = facet["cases"].split(" ")
        assert len(numbers) == COUNT
        for item, coded in zip(cards, numbers, strict=True):
            got = {facet["options"][finder.ALPHABET.index(c)] for c in coded}
            assert got == set(item["values"][name]), (name, item["case"].id)
    for site, codes in index["verdicts"].items():
        assert len(codes) == COUNT
        for item, coded in zip(cards, codes, strict=True):
            assert coded == finder.VERDICT_CODES.get(finder._verdict_of(item, site), finder.NO_VERDICT)
    chunks = [path for path in generated if finder.is_chunk(path)]
    assert len(chunks) == -(-(COUNT - finder.FIRST_PAGE) // finder.CHUNK)  # the page carries the first cards
    pages = [path for path in generated if path.startswith(finder.LIST_DIR)]
    assert len(pages) == -(-COUNT // finder.LIST_PAGE)
    # The page itself carries only its first cards.
    page = generated["praxis/index.de.md"]
    assert "".join(page.fragments).count('class="pk-case-card"') == finder.FIRST_PAGE


# -- in the browser ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_view_is_light_and_more_follows_on_request(phone: Any, cases: list[dict[str, Any]], site: Path, lang: str) -> None:
    phone.goto(prefix(lang) + "praxis/")
    finder_ready(phone)
    order = expected(cases, lang)
    assert shown(phone) == order[: finder.FIRST_PAGE]
    assert not chunk_requests(phone), "the first view fetched cards it already has"
    page = (site / ("" if lang == "de" else lang) / "praxis" / "index.html").read_bytes()
    assert page.count(b'class="pk-case-card"') == finder.FIRST_PAGE
    assert text(phone.locator("#pk-shown")).replace("٬", "").count(str(COUNT)) == 1
    phone.locator("#pk-more").click()
    finder_ready(phone)
    assert shown(phone) == order[: 2 * finder.FIRST_PAGE]
    # The keyboard goes on at the first new case.
    focused = phone.evaluate("document.activeElement.closest('li') && document.activeElement.closest('li').dataset.case")
    assert focused == order[finder.FIRST_PAGE]
    assert len(chunk_requests(phone)) == 1
    show_all(phone)
    assert shown(phone) == order
    assert not phone.locator("#pk-more-row").is_visible()
    assert not phone.errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("site_type", "fields"), [("mittelgrosse-stadt", ()), ("laendliche-region", ("wohnen",)), ("", ("sprache", "bildung"))])
def test_filtering_shows_the_matching_cases_in_order(phone: Any, cases: list[dict[str, Any]], lang: str, site_type: str, fields: tuple[str, ...]) -> None:
    phone.goto(prefix(lang) + "praxis/")
    finder_ready(phone)
    phone.locator(".pk-filter-toggle").click()
    if site_type:
        phone.locator(f'input[name="standorttyp"][value="{site_type}"]').click()
    for field in fields:
        details = phone.locator('details:has(input[name="handlungsfeld"])')
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        phone.locator(f'input[name="handlungsfeld"][value="{field}"]').click()
    finder_ready(phone)
    order = expected(cases, lang, site_type, fields)
    assert 0 < len(order) < COUNT
    assert shown(phone) == order[: finder.FIRST_PAGE]
    said = text(phone.locator("#pk-count"))
    number = f"{len(order):,}".replace(",", "")
    assert number in said.replace(".", "").replace("٬", "")
    # The option counts are those of the filtered index: "Wohnen (n)" with the other filters on.
    if fields:
        count = text(phone.locator(f'[data-count-for="handlungsfeld:{fields[0]}"]')).strip("()")
        assert int(count) == len(expected(cases, lang, site_type, (fields[0],)))
    show_all(phone)
    assert shown(phone) == order
    assert not phone.errors


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  });
  observer.observe({type: "layout-shift", buffered: true});
  const done = () => document.documentElement.classList.contains("pk-restoring") ? setTimeout(done, 20)
    : requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { observer.disconnect(); resolve(total); }, 300)));
  done();
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_filtered_link_opens_the_same_view_without_a_jump(phone: Any, cases: list[dict[str, Any]], lang: str) -> None:
    phone.goto(prefix(lang) + "praxis/?standorttyp=laendliche-region&bedingt=0&handlungsfeld=wohnen&handlungsfeld=sprache", wait_until="load")
    shift = phone.evaluate(LAYOUT_SHIFT)
    finder_ready(phone)
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"
    order = [
        i
        for i in expected(cases, lang, "laendliche-region", ("wohnen", "sprache"))
        if verdict(next(c for c in cases if c["id"] == i), "laendliche-region") == "geeignet"
    ]
    assert shown(phone) == order[: finder.FIRST_PAGE]
    phone.locator(".pk-filter-toggle").click()
    assert phone.locator('input[name="handlungsfeld"][value="wohnen"]').is_visible()  # its facet is open
    assert not phone.locator('input[name="bedingt"]').is_checked()
    # The verdict for the chosen site type stands out on every card.
    first = phone.locator("#pk-results > li").first
    assert "pk-verdict--chosen" in (first.locator('[data-verdict-for="laendliche-region"]').get_attribute("class") or "")
    assert not phone.errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_every_case_is_reached_through_the_plain_list(browser: Any, base: str, cases: list[dict[str, Any]], lang: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base, viewport=PHONE)
    tab = context.new_page()
    tab.goto(prefix(lang) + "praxis/?standorttyp=kleinstadt")
    assert tab.locator("#pk-results > li").count() == finder.FIRST_PAGE
    assert not tab.locator("#pk-more").is_visible()
    note = tab.locator("noscript .pk-notice")
    assert "JavaScript" in text(note)
    tab.locator("noscript .pk-notice").get_by_role("link", name=STRINGS["finder_list_link"][lang]).click()
    tab.wait_for_url("**/praxis/alle/1/")
    seen: list[str] = []
    pages = -(-COUNT // finder.LIST_PAGE)
    for number in range(1, pages + 1):
        assert text(tab.locator("h1")) == STRINGS["finder_list_title"][lang].format(page=number, pages=pages)
        assert tab.locator('.pk-pager a[aria-current="page"]').inner_text() == str(number)
        seen += tab.eval_on_selector_all(".pk-case-list > li", "items => items.map(i => i.dataset.case)")
        if number < pages:
            tab.locator('.pk-pager a[rel="next"]').click()
            tab.wait_for_url(f"**/praxis/alle/{number + 1}/")
    assert seen == expected(cases, lang)
    # A card's link leads to its case page.
    tab.locator(".pk-case-list > li h2 a").first.click()
    tab.wait_for_url(re.compile(r".*/praxis/[a-z0-9-]+/$"))
    assert tab.locator("h1").count() == 1
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_longer_finder_and_the_plain_list_pass_axe_and_fit_a_narrow_screen(browser: Any, base: str, lang: str) -> None:
    axe = Axe()
    failures = []
    for javascript, path in ((True, "praxis/?standorttyp=kleinstadt"), (False, "praxis/"), (True, "praxis/alle/2/")):
        context = browser.new_context(java_script_enabled=javascript, base_url=base, viewport={"width": 320, "height": 740})
        tab = context.new_page()
        tab.goto(prefix(lang) + path)
        if javascript and "alle" not in path:
            finder_ready(tab)
            tab.locator("#pk-more").click()
            finder_ready(tab)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320, path
        if javascript:  # axe needs scripting; the Praxisfinder without it shows the same cards, less the form
            result = axe.run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]})
            failures += [(path, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]]
        context.close()
    assert not failures, failures


def test_the_pages_of_the_plain_list_are_no_search_results(site: Path) -> None:
    # Pagefind indexes only pages with a search body once any page has one (site/htmlpost.py).
    assert "data-pagefind-body" in (site / "praxis" / "index.html").read_text(encoding="utf-8")
    for page in (site / "praxis" / "alle").rglob("index.html"):
        assert "data-pagefind-body" not in page.read_text(encoding="utf-8"), page
