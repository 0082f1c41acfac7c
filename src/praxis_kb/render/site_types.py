"""Site types: one page per type with the cases judged for it, and their overview."""

from __future__ import annotations

from typing import Any

from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def site_type_page(ctx: Context, site_type: str) -> Page:
    entry = ctx.model.vocab("standorttypen").entries[site_type]
    verdict_order = list(ctx.model.vocab("eignungsurteile").entries)
    grouped: dict[str, list[dict[str, Any]]] = {v: [] for v in verdict_order}
    for case in ctx.model.cases_in(ctx.lang):
        verdict = case.transfer.verdicts.get(site_type)
        if verdict:
            grouped.setdefault(verdict.verdict, []).append({"case": case, "conditions": verdict.conditions})
    body = environment().get_template("site_type.md.j2").render(entry=entry, grouped=grouped, **ctx.helpers("../../"))
    return ctx.page(f"standorttypen/{site_type}.{ctx.lang}.md", ctx.text(entry.label), ctx.text(entry.description), body)


def index_page(ctx: Context) -> Page:
    entries = list(ctx.model.vocab("standorttypen").entries.values())
    counts = {e.id: sum(1 for c in ctx.model.cases_in(ctx.lang) if c.site.site_type == e.id) for e in entries}
    body = environment().get_template("site_types_index.md.j2").render(entries=entries, counts=counts, **ctx.helpers("../"))
    return ctx.page(f"standorttypen/index.{ctx.lang}.md", ctx.t.site_types, "", body)
