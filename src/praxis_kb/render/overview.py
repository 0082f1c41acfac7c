"""The overview: charts of the collection (cases per site type and field of action, criteria coverage)."""

from __future__ import annotations

from typing import Any

from praxis_kb.model import Case
from praxis_kb.render import svg
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def _criterion_row(ctx: Context, criterion_id: str, label: str, cases: list[Case]) -> dict[str, Any]:
    """How many cases were assessed on a criterion and their mean stage, from known stages only;
    stages nobody could assess are counted apart and named ("1 nicht bekannt")."""
    stages = [a.stage for c in cases for a in c.assessments if a.criterion == criterion_id]
    found = [s.value for s in stages if s.value is not None]
    unknown = len(stages) - len(found)
    bar = ctx.t.coverage_value.format(n=len(found), mean=ctx.number(round(sum(found) / len(found), 1))) if found else ctx.number(0)
    shown = f"{bar}{ctx.t.list_separator}{ctx.t.unknown_count.format(n=unknown)}" if unknown else bar
    # The picture writes the known part beside the bar (room for the bars at 320 px); its
    # description, the table and the note below say how many were not known.
    return {"label": label, "value": len(found), "shown": shown, "bar": bar, "href": f"../kriterien/{criterion_id}/", "unknown": unknown}


def page(ctx: Context) -> Page:
    cases = ctx.model.cases_in(ctx.lang)
    charts = []

    def chart(ident: str, title: str, label_header: str, value_header: str, rows: list[dict[str, Any]]) -> None:
        bars = [svg.Bar(r["label"], r["value"], r.get("bar", r["shown"])) for r in rows]
        picture = svg.bar_chart(bars, title, "; ".join(f"{r['label']}: {r['shown']}" for r in rows), f"chart-{ident}")
        charts.append({"id": ident, "title": title, "label_header": label_header, "value_header": value_header, "rows": rows, "svg": picture, "note": ""})

    site_rows = []
    for entry_id in ctx.model.vocab("standorttypen").entries:
        n = sum(1 for c in cases if c.site.site_type == entry_id)
        site_rows.append({"label": ctx.label("standorttypen", entry_id), "value": n, "shown": ctx.number(n), "href": f"../standorttypen/{entry_id}/"})
    chart("standorttypen", ctx.t.cases_per_site_type, ctx.t.site_type, ctx.t.cases, site_rows)

    field_rows = []
    for entry_id in ctx.model.vocab("handlungsfelder").entries:
        n = sum(1 for c in cases if entry_id in c.fields_of_action)
        field_rows.append({"label": ctx.label("handlungsfelder", entry_id), "value": n, "shown": ctx.number(n), "href": ""})
    chart("handlungsfelder", ctx.t.cases_per_field, ctx.t.fields_of_action, ctx.t.cases, field_rows)

    criteria_rows = [_criterion_row(ctx, criterion.id, ctx.text(criterion.name), cases) for criterion in ctx.model.criteria.values()]
    chart("kriterien", ctx.t.criteria_coverage, ctx.t.criterion, ctx.t.coverage_header, criteria_rows)
    charts[-1]["note"] = ctx.t.coverage_unknown_note if any(row["unknown"] for row in criteria_rows) else ""

    body = environment().get_template("overview.md.j2").render(charts=charts, case_count=len(cases), **ctx.helpers("../"))
    return ctx.page(f"ueberblick/index.{ctx.lang}.md", ctx.t.overview, ctx.t.overview_intro.format(n=len(cases)), body)
