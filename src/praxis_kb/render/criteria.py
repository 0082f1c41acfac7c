"""The criteria: one page per criterion and the overview with the criteria × cases matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from praxis_kb.model import Case, Criterion
from praxis_kb.render import pieces
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def _addressing(ctx: Context, criterion: Criterion, case: Case) -> list[dict[str, Any]]:
    """The case's assessments on the criterion, as its page lists them."""
    found = []
    for a in case.assessments:
        if a.criterion == criterion.id:
            shown = ctx.say.stated(a.stage, lambda n: f"{ctx.t.step_of.format(n=n, total=len(criterion.stages))} {ctx.text(criterion.stages[n - 1].label)}")
            found.append({"case": case, "stage": a.stage.value, "shown": shown, "justification": a.justification})
    return found


def _kept_rows(ctx: Context, criterion: Criterion, case: Case, rows: Callable[[list[dict[str, Any]]], str]) -> list[dict[str, Any]]:
    """``_addressing``, each with its row of the table, kept by a preview (render/pieces.py)."""
    return pieces.piece(("criterion-rows", ctx.lang, criterion.id), case, lambda: [{**item, "row": rows([item])} for item in _addressing(ctx, criterion, case)])


def criterion_page(ctx: Context, criterion: Criterion) -> Page:
    """A criterion, its stages, and the cases assessed on it: highest stage first; a case whose
    stage nobody could assess last, as "nicht bekannt" with the reason."""
    helpers = ctx.helpers("../../")
    template = environment().get_template("criterion_rows.html.j2")
    end = template.render(addressing=[], **helpers)  # what follows the last row

    def rows(items: list[dict[str, Any]]) -> str:
        return template.render(addressing=items, **helpers).removesuffix(end)

    cases = ctx.model.cases_in(ctx.lang)
    if pieces.kept():
        addressing = [item for case in cases for item in _kept_rows(ctx, criterion, case, rows)]
    else:
        addressing = [item for case in cases for item in _addressing(ctx, criterion, case)]
    addressing.sort(key=lambda item: (item["stage"] is None, -(item["stage"] or 0), item["case"].title.casefold()))
    table = "".join(item["row"] for item in addressing) if pieces.kept() else rows(addressing)
    body = environment().get_template("criterion.md.j2").render(criterion=criterion, addressing=addressing, rows=Markup(table), **helpers)  # noqa: S704 - rendered by the escaping environment
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
