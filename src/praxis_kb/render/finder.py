"""The Praxisfinder: facets to filter the cases by, and the cases as cards (the filtering runs in
finder.js).

A value nobody knows (``Stated`` without a value) is its own option, "nicht bekannt", with the id
``unbekannt`` (the word of the case files, the same in every language and in shared addresses):
a reader can find the cases whose status is not known, and no unknown is counted as a value.

The page stays light however many cases there are (#17). It carries the facets and the first
``FIRST_PAGE`` cards; the script loads a compact filter index (``index_data``: each case's facet
values as option numbers, its verdicts as one letter per site type) and the cards in files of
``CHUNK`` cards after those (file 0 starts with card ``FIRST_PAGE``), rendered here, in the
page's language, and fetched as the reader asks for more.
A reader without JavaScript reads every case in a plain list of pages of ``LIST_PAGE`` cards
(``praxis/alle/1/``, …), linked from the page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from praxis_kb.model import UNKNOWN, Case, Stated
from praxis_kb.render import pieces
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page

FIRST_PAGE = 20  # cards the page carries itself; the script shows as many more per step
CHUNK = 20  # cards per file the script fetches, after the page's own: one file for each "show more"
LIST_PAGE = 100  # cards per page of the plain list for readers without JavaScript
DATA_DIR = "praxis/_finder"  # no case id has "_": the folder never meets a case's page
LIST_DIR = "praxis/alle"  # only numbered pages inside: beside a case called "alle", nothing clashes

# A case's options of one facet in the index: one character per option number, cases apart by a
# space (gzip-friendly, quick to read). More options than characters: two characters each.
ALPHABET = "".join(chr(c) for c in range(48, 127) if c != 92)  # "0" to "~" without the backslash
VERDICT_CODES = {"geeignet": "0", "bedingt-geeignet": "1", "nicht-geeignet": "2"}  # the script's VERDICT_RANK
NO_VERDICT = "3"


def stated_id(value: Stated[Any]) -> str:
    """The facet value of a statement: its id, or ``unbekannt`` when nobody knows it."""
    return str(value.value) if value.known else UNKNOWN


def _facet(ctx: Context, name: str, legend: str, vocabulary: str, used: list[list[str]], open_: bool = False) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for values in used:
        for value in set(values):
            counts[value] = counts.get(value, 0) + 1
    options = (
        [
            {"id": entry_id, "label": ctx.label(vocabulary, entry_id), "count": counts[entry_id]}
            for entry_id in ctx.model.vocab(vocabulary).entries
            if entry_id in counts
        ]
        if vocabulary != "kriterien"
        else [{"id": c.id, "label": ctx.text(c.name), "count": counts[c.id]} for c in ctx.model.criteria.values() if c.id in counts]
    )
    for option in options:
        option["said"] = option["label"]
    if UNKNOWN in counts:
        # said with its facet ("Status: nicht bekannt"): it may be chosen in two facets at once
        options.append({"id": UNKNOWN, "label": ctx.t.stated_unknown, "said": f"{legend}: {ctx.t.stated_unknown}", "count": counts[UNKNOWN]})
    return {"name": name, "legend": legend, "options": options, "open": open_}


def card(ctx: Context, case: Case) -> dict[str, Any]:
    """What a card shows and the values it is found by, one list of ids per facet."""
    verdicts, verdict_list = ctx.verdicts(case)
    values = {
        "handlungsfeld": list(case.fields_of_action),
        "akteur": sorted({t for a in case.actors.values() for t in a.types}),
        "instrument": sorted({i.type for i in case.instruments}),
        "angebot": sorted({o.kind for o in case.offers}),
        "kriterium": [a.criterion for a in case.assessments],
        "evidenz": sorted({r.evidence for r in case.results}),
        "partizipation": [stated_id(case.participation_step)],
        "status": [stated_id(case.status)],
        "herkunft": [case.provenance.value],
    }
    status = ctx.label("status", str(case.status.value)) if case.status.known else ctx.t.status_unknown
    return {"case": case, "verdicts": verdicts, "verdict_list": verdict_list, "values": values, "status": status}


def _kept_card(ctx: Context, case: Case) -> dict[str, Any]:
    """``card``, kept by a preview (render/pieces.py)."""
    return pieces.piece(("finder-item", ctx.lang), case, lambda: card(ctx, case))


def _facets(ctx: Context, cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facets with their options and counts; a facet no case has a value for is left out."""
    t = ctx.t
    facets = [
        ("handlungsfeld", t.fields_of_action, "handlungsfelder"),
        ("akteur", t.actors, "akteurstypen"),
        ("instrument", t.instruments, "instrumente"),
        ("angebot", t.offers, "angebotsarten"),
        ("kriterium", t.criteria, "kriterien"),
        ("evidenz", t.facet_evidence, "evidenzgrade"),
        ("partizipation", t.participation_step, "partizipationsstufen"),
        ("status", t.status_facet, "status"),
        ("herkunft", t.facet_provenance, "herkunftsarten"),
    ]
    built = [_facet(ctx, name, legend, vocabulary, [c["values"][name] for c in cards]) for name, legend, vocabulary in facets]
    return [f for f in built if f["options"]]


def encode_values(values: list[list[int]], options: int) -> str:
    """Each case's option numbers as characters (``ALPHABET``), the cases apart by a space."""
    width = 1 if options <= len(ALPHABET) else 2
    base = len(ALPHABET)

    def code(number: int) -> str:
        return ALPHABET[number] if width == 1 else ALPHABET[number // base] + ALPHABET[number % base]

    return " ".join("".join(code(n) for n in numbers) for numbers in values)


def index_data(ctx: Context, cards: list[dict[str, Any]], facets: list[dict[str, Any]]) -> dict[str, Any]:
    """What the script filters by, in the cards' order: per facet its option ids (as the form names
    them) and each case's options; per site type one verdict code per case (``VERDICT_CODES``)."""
    site_types = list(ctx.model.vocab("standorttypen").entries)
    verdicts = {site: "".join(VERDICT_CODES.get(_verdict_of(item, site), NO_VERDICT) for item in cards) for site in site_types}
    encoded = {}
    for facet in facets:
        ids = [option["id"] for option in facet["options"]]
        number = {option_id: n for n, option_id in enumerate(ids)}
        # a value that is no option (a draft's placeholder in a preview) finds nothing, as before
        values = [sorted({number[v] for v in item["values"][facet["name"]] if v in number}) for item in cards]
        encoded[facet["name"]] = {"options": ids, "width": 1 if len(ids) <= len(ALPHABET) else 2, "cases": encode_values(values, len(ids))}
    return {"cases": len(cards), "chunk": CHUNK, "first": FIRST_PAGE, "verdicts": verdicts, "facets": encoded}


def _verdict_of(item: dict[str, Any], site: str) -> str:
    return next((v.verdict for v in item["verdict_list"] if v.site_type == site), "")


def _cards_html(ctx: Context, cards: list[dict[str, Any]], base: str) -> Markup:
    """The cards as list items; *base* leads from where they are shown to the Praxisfinder's folder.
    A preview keeps each card (render/pieces.py): the same text as all cards rendered at once."""
    template = environment().get_template("finder_cards.html.j2")
    if not pieces.kept():
        return Markup(template.render(cards=cards, to_cases=base, **ctx.helpers("../")))  # noqa: S704 - rendered by the escaping environment
    helpers = ctx.helpers("../")
    end = template.render(cards=[], to_cases=base, **helpers)  # what follows the last card

    def one(item: dict[str, Any]) -> str:
        return pieces.piece(("finder-card", ctx.lang, base), item["case"], lambda: template.render(cards=[item], to_cases=base, **helpers).removesuffix(end))

    return Markup("".join(one(item) for item in cards) + end)  # noqa: S704 - rendered by the escaping environment


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def chunk_path(lang: str, number: int) -> str:
    return f"{DATA_DIR}/{number}.{lang}.json"


def index_path(lang: str) -> str:
    return f"{DATA_DIR}/index.{lang}.json"


def is_chunk(path: str) -> bool:
    """Whether *path* is a file of cards the script fetches (``finish_chunk`` treats them)."""
    return path.startswith(DATA_DIR + "/") and not path.startswith(DATA_DIR + "/index.")


def pages(ctx: Context) -> list[Page]:
    """The Praxisfinder, its data files (filter index, cards in chunks) and the plain list."""
    cases = ctx.model.cases_in(ctx.lang)
    cards = [_kept_card(ctx, case) for case in cases]
    facets = _facets(ctx, cards)
    index = index_data(ctx, cards, facets)
    # The page carries the first cards itself; the files hold the others.
    chunks = [_json({"html": _cards_html(ctx, cards[start : start + CHUNK], "")}) for start in range(FIRST_PAGE, len(cards), CHUNK)]
    index_text = _json(index)
    version = hashlib.sha256("".join([index_text, *chunks]).encode("utf-8")).hexdigest()[:12]
    index_text = _json({**index, "version": version})
    lists = _list_pages(ctx, cards) if len(cards) > FIRST_PAGE else []
    out = [_finder_page(ctx, cards, facets, version, len(lists))]
    out += [Page(index_path(ctx.lang), index_text)]
    out += [Page(chunk_path(ctx.lang, number), text) for number, text in enumerate(chunks)]
    return out + lists


def page(ctx: Context) -> Page:
    """The Praxisfinder's page alone."""
    return pages(ctx)[0]


def _finder_page(ctx: Context, cards: list[dict[str, Any]], facets: list[dict[str, Any]], version: str, list_pages: int) -> Page:
    site_types = list(ctx.model.vocab("standorttypen").entries.values())
    body = (
        environment()
        .get_template("cases_index.md.j2")
        .render(
            cards=cards,
            first_cards=_cards_html(ctx, cards[:FIRST_PAGE], ""),
            facets=facets,
            site_types=site_types,
            index_url=f"{DATA_DIR.removeprefix('praxis/')}/index.json?v={version}",
            list_pages=list_pages,
            first_count=min(FIRST_PAGE, len(cards)),
            **ctx.helpers("../"),
        )
    )
    return ctx.page(f"praxis/index.{ctx.lang}.md", ctx.t.cases, ctx.t.cases_intro, body)


def _list_pages(ctx: Context, cards: list[dict[str, Any]]) -> list[Page]:
    """Every case for a reader without JavaScript: plain pages of ``LIST_PAGE`` cards, alphabetical."""
    count = (len(cards) + LIST_PAGE - 1) // LIST_PAGE
    template = environment().get_template("cases_list.md.j2")
    out = []
    for number in range(1, count + 1):
        shown = cards[(number - 1) * LIST_PAGE : number * LIST_PAGE]
        title = ctx.t.finder_list_title.format(page=number, pages=count)
        body = template.render(
            title=title,
            page_number=number,
            pages=count,
            size=LIST_PAGE,
            total=len(cards),
            cards_html=_cards_html(ctx, shown, "../../"),
            **ctx.helpers("../../../"),
        )
        out.append(ctx.page(f"{LIST_DIR}/{number}.{ctx.lang}.md", title, ctx.t.cases_intro, body))
    return out


def finish_chunk(generated: Page, passes: Callable[[str, str], str], kept: dict[str, tuple[str, Page]] | None = None) -> Page:
    """A card file with its HTML through *passes* (html, language): what the site does to the
    HTML of every page (site/htmlpost.py) it does to the cards the script inserts. Other pages
    stay as they are. *kept* (a preview's, between its rebuilds; emptied when what the passes
    depend on changes): a file whose text is the same as last time is not passed again."""
    if not is_chunk(generated.path):
        return generated
    found = kept.get(generated.path) if kept is not None else None
    if found is not None and found[0] == generated.text:
        return found[1]
    lang = generated.path.rsplit(".", 2)[-2]
    data = json.loads(generated.text)
    data["html"] = passes(data["html"], lang)
    finished = Page(generated.path, _json(data), generated.fragments)
    if kept is not None:
        kept[generated.path] = (generated.text, finished)
    return finished
