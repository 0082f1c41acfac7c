"""The Praxisfinder: every case as a card, with facets to filter by (the filtering runs in finder.js)."""

from __future__ import annotations

from typing import Any

from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


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
    return {"name": name, "legend": legend, "options": options, "open": open_}


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    cards: list[dict[str, Any]] = []
    for case in cases:
        verdicts, verdict_list = ctx.verdicts(case)
        cards.append(
            {
                "case": case,
                "verdicts": verdicts,
                "verdict_list": verdict_list,
                "actor_types": sorted({t for a in case.actors.values() for t in a.types}),
                "instruments": sorted({i.type for i in case.instruments}),
                "criteria": [a.criterion for a in case.assessments],
            }
        )
    facets = [
        _facet(ctx, "handlungsfeld", ctx.t.fields_of_action, "handlungsfelder", [c.fields_of_action for c in cases]),
        _facet(ctx, "akteur", ctx.t.actors, "akteurstypen", [card["actor_types"] for card in cards]),
        _facet(ctx, "instrument", ctx.t.instruments, "instrumente", [card["instruments"] for card in cards]),
        _facet(ctx, "kriterium", ctx.t.criteria, "kriterien", [card["criteria"] for card in cards]),
        _facet(ctx, "partizipation", ctx.t.participation_step, "partizipationsstufen", [[str(c.participation_step.value)] for c in cases]),
        _facet(ctx, "status", ctx.t.status_facet, "status", [[str(c.status.value)] for c in cases]),
    ]
    body = (
        environment()
        .get_template("cases_index.md.j2")
        .render(cases=cases, cards=cards, facets=facets, site_types=list(ctx.model.vocab("standorttypen").entries.values()), **ctx.helpers("../"))
    )
    return ctx.page(f"praxis/index.{ctx.lang}.md", ctx.t.cases, ctx.t.cases_intro, body)
