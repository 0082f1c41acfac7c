"""The criteria: one page per criterion and the overview with the criteria × cases matrix."""

from __future__ import annotations

from typing import Any

from praxis_kb.model import Criterion
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def criterion_page(ctx: Context, criterion: Criterion) -> Page:
    """A criterion, its stages, and the cases assessed on it: highest stage first; a case whose
    stage nobody could assess last, as "nicht bekannt" with the reason."""
    addressing: list[dict[str, Any]] = []
    for case in ctx.model.cases_in(ctx.lang):
        for a in case.assessments:
            if a.criterion == criterion.id:
                shown = ctx.say.stated(a.stage, lambda n: f"{ctx.t.step_of.format(n=n, total=len(criterion.stages))} {ctx.text(criterion.stages[n - 1].label)}")
                addressing.append({"case": case, "stage": a.stage.value, "shown": shown, "justification": a.justification})
    addressing.sort(key=lambda item: (item["stage"] is None, -(item["stage"] or 0), item["case"].title.casefold()))
    body = environment().get_template("criterion.md.j2").render(criterion=criterion, addressing=addressing, **ctx.helpers("../../"))
    return ctx.page(f"kriterien/{criterion.id}.{ctx.lang}.md", ctx.text(criterion.name), ctx.text(criterion.short), body, statuses=criterion.page_review())


def index_page(ctx: Context) -> Page:
    groups: dict[str, list[Criterion]] = {}
    for criterion in ctx.model.criteria.values():
        groups.setdefault(criterion.group, []).append(criterion)
    order = list(ctx.model.vocab("kriteriengruppen").entries)
    ordered = sorted(groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    cases = ctx.model.cases_in(ctx.lang)
    stages = {(case.id, a.criterion): a.stage for case in cases for a in case.assessments}
    body = (
        environment()
        .get_template("criteria_index.md.j2")
        .render(
            groups=ordered,
            cases=cases,
            stages=stages,
            any_unknown=any(not stage.known for stage in stages.values()),
            all_criteria=list(ctx.model.criteria.values()),
            **ctx.helpers("../"),
        )
    )
    return ctx.page(f"kriterien/index.{ctx.lang}.md", ctx.t.criteria, "", body)
