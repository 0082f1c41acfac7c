""" "Passt das zu uns?": cases ranked by how many of their prerequisites a site has (matcher.js).

A prerequisite nobody knows (whether the practice needs political backing, say) is neither met
nor missing: the card lists it under "Zu klären" with its reason, and the ranking counts only the
prerequisites that are known.
"""

from __future__ import annotations

from typing import Any

from praxis_kb.model import Case
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def needs(ctx: Context, case: Case) -> list[dict[str, str]]:
    """The known prerequisites the matcher asks about, each with its key in the form."""
    pre = case.transfer.prerequisites
    found = [{"key": f"akteur:{a}", "label": ctx.label("akteurstypen", a)} for a in pre.actor_types]
    found += [{"key": f"ressource:{r}", "label": ctx.label("ressourcen", r)} for r in pre.resources]
    if pre.needs_political_backing:
        found.append({"key": "rueckendeckung:1", "label": ctx.t.political_backing})
    return found


def unclear(ctx: Context, case: Case) -> list[dict[str, str]]:
    """The prerequisites the matcher asks about that nobody knows, each with its reason."""
    backing = case.transfer.prerequisites.political_backing
    return [] if backing.known else [{"label": ctx.t.political_backing, "reason": backing.note}]


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    cards: list[dict[str, Any]] = []
    actors_used: set[str] = set()
    resources_used: set[str] = set()
    for case in cases:
        pre = case.transfer.prerequisites
        actors_used.update(pre.actor_types)
        resources_used.update(pre.resources)
        verdicts, verdict_list = ctx.verdicts(case)
        cards.append({"case": case, "verdicts": verdicts, "verdict_list": verdict_list, "needs": needs(ctx, case), "unclear": unclear(ctx, case)})
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
