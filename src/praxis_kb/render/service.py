"""The service pages: open data, search and the translation status."""

from __future__ import annotations

from praxis_kb.render import opendata
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def open_data_page(ctx: Context) -> Page:
    written_in = ctx.model.languages[0] if ctx.lang == ctx.model.languages[0] else "en"  # see column_description
    columns = [(name, ctx.quoted(opendata.column_description(name, german, ctx.lang), written_in)) for name, german, _ in opendata.csv_columns(ctx.model.shape)]
    example = opendata.case_file_name(min(ctx.model.records)) if ctx.model.records else ""
    body = (
        environment()
        .get_template("open_data.md.j2")
        .render(columns=columns, root=ctx.root(), feed=opendata.feed_name(ctx.lang), index_file=opendata.INDEX_FILE, example=example, **ctx.helpers("../"))
    )
    return ctx.page(f"offene-daten/index.{ctx.lang}.md", ctx.t.open_data, ctx.t.open_data_intro, body)


def search_page(ctx: Context) -> Page:
    body = environment().get_template("search.md.j2").render(**ctx.helpers("../"))
    return ctx.page(f"suche/index.{ctx.lang}.md", ctx.t.search, ctx.t.search_intro, body)


def coverage_page(ctx: Context) -> Page:
    areas = [("ui", ctx.t.coverage_ui), ("vocabularies", ctx.t.coverage_vocabularies), ("criteria", ctx.t.coverage_criteria), ("cases", ctx.t.coverage_cases)]
    body = (
        environment()
        .get_template("coverage.md.j2")
        .render(
            coverage=ctx.coverage, areas=areas, area_labels=dict(areas), source=ctx.model.languages[0], language_name=ctx.language_name, **ctx.helpers("../")
        )
    )
    return ctx.page(f"uebersetzungen/index.{ctx.lang}.md", ctx.t.coverage, ctx.t.coverage_intro, body)
