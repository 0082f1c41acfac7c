"""The case page: facts, narrative, network map, participation ladder, criteria, transfer check."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from praxis_kb.model import Case
from praxis_kb.render import hyphenate, svg
from praxis_kb.render import network as network_
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment, narrative_html
from praxis_kb.render.fragments import Page


def network(ctx: Context, case: Case) -> dict[str, Any]:
    """The network section: its maps over time and its tables (render/network.py)."""
    return network_.network(ctx, case)


def ladder(ctx: Context, current: str, ident: str) -> Markup:
    vocabulary = ctx.model.vocab("partizipationsstufen")
    steps = [svg.LadderStep(e.step, ctx.text(e.label), e.area) for e in vocabulary.entries.values()]
    entry = vocabulary.entries[current]
    return svg.participation_ladder(steps, entry.step, ctx.t.ladder_title, ctx.t.ladder_desc.format(n=entry.step, label=ctx.text(entry.label)), ident)


def notice(ctx: Context, case: Case) -> dict[str, str] | None:
    if case.body_lang != ctx.lang:
        return {"title": ctx.t.not_translated_title, "text": ctx.t.not_translated_text}
    if case.machine_translated:
        return {"title": ctx.t.machine_translated_title, "text": ctx.t.machine_translated_text}
    return None


# The ids MkDocs gives Markdown headings: the toc extension's slugify, as set in mkdocs.yml.
_SLUG = slugify(case="lower")
_SECTIONS_MARK = Markup('<div data-pk-sections=""></div>')  # noqa: S704 - a fixed placeholder
# A section is a Markdown heading, or an element whose data-pk-section names it (with its id).
_SECTION = re.compile(r'^## (?P<heading>.+)$|<[a-z0-9]+ id="(?P<id>[^"]+)" data-pk-section="(?P<label>[^"]+)"', re.M)


def with_section_links(ctx: Context, body: str) -> str:
    """The page with its list of section links (for phones: Material's table of contents is then in
    the drawer), made from the sections the page has, in their order."""
    links, used = [], set()
    for found in _SECTION.finditer(body):
        if found["heading"]:
            label = found["heading"]
            ident = base = _SLUG(html.unescape(label), "-")
            n = 0
            while ident in used:  # as the toc extension makes repeated ids unique
                n += 1
                ident = f"{base}_{n}"
            used.add(ident)
        else:
            label, ident = found["label"], found["id"]
        links.append(f'<li><a href="#{escape(ident)}">{label}</a></li>')
    nav = (
        f'<nav class="pk-sections pk-screen-only" aria-labelledby="pk-sections-title" data-pagefind-ignore>'
        f'<p class="pk-sections__title" id="pk-sections-title">{escape(ctx.t.sections_label)}</p><ol>{"".join(links)}</ol></nav>'
    )
    return body.replace(_SECTIONS_MARK, nav, 1)


def page(ctx: Context, case: Case) -> Page:
    criteria = ctx.model.criteria
    step = ctx.model.vocab("partizipationsstufen").entries[str(case.participation_step.value)]
    assessments = [
        {"criterion": criteria[a.criterion], "stage": a.stage.value, "justification": a.justification}
        for a in sorted(case.assessments, key=lambda a: criteria[a.criterion].order)
    ]
    site_types = list(ctx.model.vocab("standorttypen").entries)
    verdicts = sorted(case.transfer.verdicts.values(), key=lambda v: site_types.index(v.site_type))
    body = (
        environment()
        .get_template("case.md.j2")
        .render(
            case=case,
            notice=notice(ctx, case),
            narrative=narrative_html(case.body),
            instrument_types=list(dict.fromkeys(i.type for i in case.instruments)),
            participation={"step": step.step, "area": step.area, "svg": ladder(ctx, str(case.participation_step.value), f"leiter-{case.id}")},
            network=network(ctx, case),
            assessments=assessments,
            pre=case.transfer.prerequisites,
            verdicts=verdicts,
            qr=ctx.qr(f"praxis/{case.id}/"),  # on the case sheet
            qr_transfer_check=ctx.qr(f"praxis/{case.id}/#transfer-check"),  # opens the page ready to print the check
            sections=_SECTIONS_MARK,
            **ctx.helpers("../../"),
        )
    )
    body = hyphenate.html(with_section_links(ctx, body), ctx.lang)
    return ctx.page(f"praxis/{case.id}.{ctx.lang}.md", case.title, case.summary, body, notice=notice(ctx, case) is None)
