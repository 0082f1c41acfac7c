""" "Passt das zu uns?": cases ranked by how many of their prerequisites a site has (matcher.js)."""

from __future__ import annotations

from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    cards = []
    actors_used: set[str] = set()
    resources_used: set[str] = set()
    for case in cases:
        pre = case.transfer.prerequisites
        needs = [{"key": f"akteur:{a}", "label": ctx.label("akteurstypen", a)} for a in pre.actor_types]
        needs += [{"key": f"ressource:{r}", "label": ctx.label("ressourcen", r)} for r in pre.resources]
        if pre.needs_political_backing:
            needs.append({"key": "rueckendeckung:1", "label": ctx.t.political_backing})
        actors_used.update(pre.actor_types)
        resources_used.update(pre.resources)
        verdicts, verdict_list = ctx.verdicts(case)
        cards.append({"case": case, "verdicts": verdicts, "verdict_list": verdict_list, "needs": needs})
    actor_options = [{"id": e, "label": ctx.label("akteurstypen", e)} for e in ctx.model.vocab("akteurstypen").entries if e in actors_used]
    resource_options = [{"id": e, "label": ctx.label("ressourcen", e)} for e in ctx.model.vocab("ressourcen").entries if e in resources_used]
    body = (
        environment()
        .get_template("matcher.md.j2")
        .render(
            cards=cards,
            actor_options=actor_options,
            resource_options=resource_options,
            site_types=list(ctx.model.vocab("standorttypen").entries.values()),
            **ctx.helpers("../"),
        )
    )
    return ctx.page(f"passt-das/index.{ctx.lang}.md", ctx.t.matcher_title, ctx.t.matcher_intro, body)
