"""The Praxisfinder: every case as a card, with facets to filter by (the filtering runs in finder.js).

A value nobody knows (``Stated`` without a value) is its own option, "nicht bekannt", with the id
``unbekannt`` (the word of the case files, the same in every language and in shared addresses):
a reader can find the cases whose status is not known, and no unknown is counted as a value.
"""

from __future__ import annotations

from typing import Any

from praxis_kb.model import UNKNOWN, Case, Stated
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


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


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    cards = [card(ctx, case) for case in cases]
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
    body = (
        environment()
        .get_template("cases_index.md.j2")
        .render(
            cases=cases,
            cards=cards,
            facets=[f for f in built if f["options"]],  # a facet no case has a value for is left out
            site_types=list(ctx.model.vocab("standorttypen").entries.values()),
            **ctx.helpers("../"),
        )
    )
    return ctx.page(f"praxis/index.{ctx.lang}.md", ctx.t.cases, ctx.t.cases_intro, body)
