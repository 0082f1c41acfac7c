"""A practice documented from public sources only (#14), as a reader sees it on a phone and on paper:
what nobody knows says so, with its reason, and never reads as 0 or as a step; uncertain values are
marked; every note is shown; results carry their evidence as a badge; the page says where its
statements come from; the transfer check asks to clarify instead of offering a box to tick."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from praxis_kb import model
from praxis_kb.model import Case, Provenance
from praxis_kb.render.strings import Strings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CASE = "begegnungsort-kleinstadt"  # documented from public sources, with unknown values
LANGUAGES = ["de", "ar"]


@pytest.fixture(scope="module")
def cases(built: model.Model) -> dict[str, dict[str, Case]]:
    return built.cases


def address(lang: str, case: str = CASE) -> str:
    return f"/{'' if lang == 'de' else lang + '/'}praxis/{case}/"


def visible_text(tab: Any, selector: str) -> str:
    """The text of an element as a reader sees it (no soft hyphens, one space between words)."""
    return " ".join(tab.locator(selector).first.inner_text().replace("\u00ad", "").split())


def plain(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture
def phone(browser: Any, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    yield context.new_page()
    context.close()


def test_the_case_is_documented_from_public_sources_with_unknown_values(cases: dict[str, dict[str, Case]]) -> None:
    case = cases[CASE]["de"]
    assert case.provenance is Provenance.PUBLIC_SOURCES and not case.contact.asked
    assert not case.status.known and not case.participation_step.known
    assert any(not a.stage.known for a in case.assessments)
    pre = case.transfer.prerequisites
    assert not pre.staff_hours_per_month.known and not pre.setup_months.known


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_values_say_so_with_their_reason_and_never_read_as_zero(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    case = cases[CASE][lang]
    t = Strings(lang)
    phone.goto(address(lang))
    facts = phone.locator("dl.pk-facts").first
    status = facts.locator("div", has=phone.locator("dt", has_text=t.status)).locator("dd")
    assert status.locator(".pk-unknown").inner_text() == t.stated_unknown
    assert status.locator(".pk-unknown").is_visible()
    assert plain(case.status.note) in " ".join(status.locator(".pk-note").inner_text().replace("\u00ad", "").split())
    step = facts.locator("div", has=phone.locator("dt", has_text=t.participation_step)).locator("dd")
    assert step.locator(".pk-unknown").inner_text() == t.stated_unknown
    assert plain(case.participation_step.note) in " ".join(step.inner_text().replace("\u00ad", "").split())
    # One look for every unknown value: the same chip, the same words.
    chips = phone.locator("article .pk-unknown")
    assert chips.count() >= 6
    styles = phone.evaluate(
        "() => Array.from(document.querySelectorAll('article .pk-unknown')).map(e => getComputedStyle(e).borderTopStyle + getComputedStyle(e).fontStyle)"
    )
    assert set(styles) == {"dashedoblique"} or set(styles) == {"dasheditalic"}, styles
    # Never a zero, never a step for what nobody knows.
    text = visible_text(phone, "article")
    assert not re.search(r"(?<![\d.,٫٬])0\s*(€|Stunden|Monate|يورو|ساعة|أشهر)", text), "a value nobody gave reads as 0"
    assert phone.locator("svg.pk-ladder rect[fill='#1f3d5c']").count() == 0  # no step of the ladder marked
    assert phone.locator("svg.pk-ladder text[font-weight='700']").count() == 0
    unknown_stages = [a for a in case.assessments if not a.stage.known]
    cards = phone.locator(".pk-criterion-card", has=phone.locator(".pk-unknown"))
    assert cards.count() == len(unknown_stages)
    for i in range(cards.count()):
        assert cards.nth(i).locator("svg.pk-stage-bar rect[fill='#1f3d5c']").count() == 0  # no segment of the bar filled
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways


@pytest.mark.parametrize("lang", LANGUAGES)
def test_uncertain_values_are_marked_and_every_note_is_shown(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    case = cases[CASE][lang]
    t = Strings(lang)
    phone.goto(address(lang))
    assert phone.locator("article .pk-uncertain--strittig", has_text=t.stated_disputed).first.is_visible()
    assert phone.locator("article .pk-uncertain--ungefaehr", has_text=t.stated_approximate).first.is_visible()
    notes = " ".join(phone.locator("article .pk-note").all_inner_texts()).replace("\u00ad", "")
    notes = " ".join(notes.split())
    expected = [case.start.note, case.site.note, case.results[1].note, case.funding[1].note, case.offers[1].note]
    expected += [item.note for item in case.social_space.resources + case.social_space.problems if item.note]
    expected += [e.date.note for e in case.timeline if e.date.note]
    for note in filter(None, expected):
        assert plain(note) in notes, note
    note = phone.locator("dl.pk-facts .pk-note").first
    assert note.is_visible() and note.evaluate("e => getComputedStyle(e).display") == "block"  # a line of its own, not a tooltip
    # The season and the undated event, as the language writes them.
    assert t.date_undated in visible_text(phone, ".pk-timeline")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_carry_their_evidence_as_a_badge_on_screen_and_on_paper(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    case = cases[CASE][lang]
    phone.goto(address(lang))
    for media in ("screen", "print"):
        phone.emulate_media(media=media)
        badges = phone.locator(".pk-results .pk-evidence")
        assert badges.count() == len(case.results)
        kinds = {}
        for i in range(badges.count()):
            badge = badges.nth(i)
            assert badge.is_visible()
            style = badge.evaluate("e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopWidth, s.color, s.display]; }")
            assert style[0] != "none" and style[3] == "inline-block", style
            kinds[badge.get_attribute("class")] = style[0]
        assert len(set(kinds.values())) == len(kinds), kinds  # each kind of evidence has its own line, also in black and white
        if media == "print":
            assert all(badges.nth(i).evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)" for i in range(badges.count()))
    phone.emulate_media(media="screen")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_says_where_its_statements_come_from(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    case = cases[CASE][lang]
    t = Strings(lang)
    phone.goto(address(lang))
    box = phone.locator(".pk-provenance")
    assert box.is_visible()
    first_heading = phone.evaluate("document.querySelector('article h2').getBoundingClientRect().top")
    assert box.bounding_box()["y"] < first_heading  # near the top
    said = visible_text(phone, ".pk-provenance")
    assert plain(t.provenance_public) in said and plain(t.contact_not_asked) in said
    phone.locator(".pk-provenance a[href='#quellen']").click()
    phone.wait_for_function("location.hash === '#quellen'")
    # A quote from a publication names its source.
    quote = case.refugee_perspective.quotes[0]
    assert quote.source
    footer = phone.locator(".pk-perspective blockquote footer").first
    assert footer.locator(f"a[href='#quelle-{quote.source}']").is_visible()
    assert phone.locator(f"#quelle-{quote.source}").count() == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_transfer_check_asks_to_clarify_what_nobody_knows(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    case = cases[CASE][lang]
    t = Strings(lang)
    pre = case.transfer.prerequisites
    unknown = [label for label, known in ((t.staff, pre.staff_hours_per_month.known), (t.setup_time, pre.setup_months.known)) if not known]
    if not (pre.cost_min.known and pre.cost_max.known):
        unknown.append(t.costs)
    if not pre.political_backing.known:
        unknown.append(t.political_backing)
    phone.goto(address(lang))
    lines = phone.locator("#transfer-check li.pk-clarify")
    assert lines.count() == len(unknown) >= 2
    for i in range(lines.count()):
        line = lines.nth(i)
        said = " ".join(line.inner_text().replace("\u00ad", "").split())
        assert plain(t.clarify_here) in said and t.stated_unknown in said, said
        assert line.locator("input").count() == 0  # no box to tick
    labels = " ".join(phone.locator("#transfer-check .pk-ticks label").all_inner_texts()).replace("\u00ad", "")
    for what in unknown:
        assert f"{what}:" not in labels  # no tick box for an unknown prerequisite
    # On paper: the transfer check alone, its lines to clarify with their reasons.
    phone.evaluate("document.documentElement.dataset.pkPrint = 'transfer-check'")
    phone.emulate_media(media="print")
    assert lines.first.is_visible()
    assert phone.locator("#transfer-check li.pk-clarify .pk-note").first.is_visible()
    phone.emulate_media(media="screen")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offers_figures_funding_and_operators_have_their_sections(phone: Any, cases: dict[str, dict[str, Case]], lang: str) -> None:
    t = Strings(lang)
    for case_id, sections in ((CASE, (t.offers, t.figures, t.funding)), ("traegerwechsel-koordination", (t.operators, t.figures, t.funding))):
        phone.goto(address(lang, case_id))
        headings = [" ".join(h.replace("\u00ad", "").replace("¶", "").split()) for h in phone.locator("article h2").all_inner_texts()]
        links = [" ".join(a.replace("\u00ad", "").split()) for a in phone.locator("nav.pk-sections a").all_inner_texts()]
        for section in sections:
            assert section in headings and section in links, (case_id, section)
    assert phone.locator(".pk-operators li").count() == len(cases["traegerwechsel-koordination"][lang].operators) >= 2


def test_notes_of_existing_cases_are_shown(phone: Any, cases: dict[str, dict[str, Case]]) -> None:
    case = cases["runder-tisch-kleinstadt"]["de"]
    assert case.start.note
    phone.goto(address("de", "runder-tisch-kleinstadt"))
    assert plain(case.start.note) in visible_text(phone, "dl.pk-facts")
    assert phone.locator("dl.pk-facts .pk-note").first.is_visible()
    assert phone.locator(".pk-provenance--erhoben").is_visible()
