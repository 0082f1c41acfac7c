"""Printable criteria checklists, for every site and per site type."""

from __future__ import annotations

from typing import Any

from praxis_kb.render import hyphenate
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page


def page(ctx: Context, site_type: str = "") -> Page:
    entry = ctx.model.vocab("standorttypen").entries.get(site_type) if site_type else None
    needs: list[dict[str, Any]] = []
    if entry:
        counts: dict[tuple[str, str], int] = {}
        for case in ctx.model.cases_in(ctx.lang):
            verdict = case.transfer.verdicts.get(site_type)
            if not verdict or verdict.is_unsuitable:
                continue
            pre = case.transfer.prerequisites
            for key in [("akteurstypen", a) for a in pre.actor_types] + [("ressourcen", r) for r in pre.resources]:
                counts[key] = counts.get(key, 0) + 1
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        needs = [{"label": ctx.label(vocab, ident), "count": n} for (vocab, ident), n in ordered]
    title = ctx.t.checklist_for_site_type.format(label=ctx.text(entry.label)) if entry else ctx.t.checklist
    path = f"checkliste/{site_type}.{ctx.lang}.md" if entry else f"checkliste/index.{ctx.lang}.md"
    base = ctx.base_of(path)
    pdf = f"{'../' if entry else ''}{ctx.root()}pdf/checkliste.{ctx.lang}.pdf" if ctx.pdf and not entry else ""
    body = (
        environment()
        .get_template("checklist.md.j2")
        .render(
            title=title,
            site_type=entry,
            needs=needs,
            criteria=list(ctx.model.criteria.values()),
            site_types=list(ctx.model.vocab("standorttypen").entries.values()),
            pdf=pdf,
            qr=ctx.qr(f"checkliste/{site_type}/" if entry else "checkliste/"),
            **ctx.helpers(base),
        )
    )
    return ctx.page(path, title, ctx.t.checklist_intro, hyphenate.html(body, ctx.lang))
