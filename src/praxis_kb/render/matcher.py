""" "Passt das zu uns?": cases ranked by how many of their prerequisites a site has (matcher.js).

A prerequisite nobody knows (whether the practice needs political backing, how much staff time or
money it takes) is neither met nor missing: the card lists it under "Zu klären" with its reason,
and the ranking counts only the prerequisites that are known.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from praxis_kb.model import Case, Stated
from praxis_kb.render import pieces
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
    """The prerequisites nobody knows, each with its reason: political backing (which the matcher
    asks about), and the effort a site must plan for (staff time, costs, time to set up)."""
    pre = case.transfer.prerequisites
    asked: list[tuple[str, list[Stated[Any]], str]] = [  # label, statements, their explanation
        (ctx.t.political_backing, [pre.political_backing], pre.political_note),
        (ctx.t.staff, [pre.staff_hours_per_month], pre.staff_note),
        (ctx.t.costs, [pre.cost_min, pre.cost_max], pre.cost_note),
        (ctx.t.setup_time, [pre.setup_months], ""),
    ]
    found = []
    for label, statements, explanation in asked:
        unknown = [s for s in statements if not s.known]
        if unknown:
            # the reason given with the value, else the explanation beside it (which then says why)
            reason = " ".join(dict.fromkeys(s.note for s in unknown if s.note)) or explanation
            found.append({"label": label, "reason": reason})
    return found


def card(ctx: Context, case: Case) -> dict[str, Any]:
    """What the card of a case shows and is ranked by."""
    verdicts, verdict_list = ctx.verdicts(case)
    return {"case": case, "verdicts": verdicts, "verdict_list": verdict_list, "needs": needs(ctx, case), "unclear": unclear(ctx, case)}


def _cards_html(ctx: Context, cases: list[Case], helpers: dict[str, Any]) -> Markup:
    """The cards as list items, all at once or, in a preview, each kept (render/pieces.py)."""
    template = environment().get_template("matcher_cards.html.j2")
    end = template.render(cards=[], **helpers)  # what follows the last card
    if not pieces.kept():
        return Markup(template.render(cards=[card(ctx, case) for case in cases], **helpers).removesuffix(end))  # noqa: S704 - rendered by the escaping environment

    def one(case: Case) -> str:
        return pieces.piece(("matcher-card", ctx.lang), case, lambda: template.render(cards=[card(ctx, case)], **helpers).removesuffix(end))

    return Markup("".join(one(case) for case in cases))  # noqa: S704 - rendered by the escaping environment


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    actors_used: set[str] = set()
    resources_used: set[str] = set()
    for case in cases:
        pre = case.transfer.prerequisites
        actors_used.update(pre.actor_types)
        resources_used.update(pre.resources)
    actor_options = [{"id": e, "label": ctx.label("akteurstypen", e)} for e in ctx.model.vocab("akteurstypen").entries if e in actors_used]
    helpers = ctx.helpers("../")
    resource_options = [{"id": e, "label": ctx.label("ressourcen", e)} for e in ctx.model.vocab("ressourcen").entries if e in resources_used]
    body = (
        environment()
        .get_template("matcher.md.j2")
        .render(
            cards_html=_cards_html(ctx, cases, helpers),
            actor_options=actor_options,
            resource_options=resource_options,
            site_types=list(ctx.model.vocab("standorttypen").entries.values()),
            **helpers,
        )
    )
    return ctx.page(f"passt-das/index.{ctx.lang}.md", ctx.t.matcher_title, ctx.t.matcher_intro, body)
