"""The case page: facts, narrative, network map, participation ladder, criteria, transfer check."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from praxis_kb.model import Case, Criterion, Period, Prerequisites, Provenance, Stated
from praxis_kb.render import drafts, hyphenate, svg
from praxis_kb.render import network as network_
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment, narrative_html
from praxis_kb.render.fragments import Page
from praxis_kb.render.statements import Shown
from praxis_kb.render.strings import format_percent, local_digits
from praxis_kb.validate.shape import FILL_IN


def network(ctx: Context, case: Case) -> dict[str, Any]:
    """The network section: its maps over time and its tables (render/network.py)."""
    return network_.network(ctx, case)


def ladder(ctx: Context, current: Stated[str], ident: str) -> Markup:
    """The participation ladder with the case's step marked; an unknown step marks none."""
    vocabulary = ctx.model.vocab("partizipationsstufen")
    steps = [svg.LadderStep(e.step, ctx.text(e.label), e.area, local_digits(str(e.step), ctx.lang)) for e in vocabulary.entries.values()]
    entry = vocabulary.entries.get(current.value) if current.value is not None else None
    if entry is None:
        return svg.participation_ladder(steps, 0, ctx.t.ladder_title, ctx.t.ladder_desc_unknown, ident)
    return svg.participation_ladder(
        steps, entry.step, ctx.t.ladder_title, ctx.t.ladder_desc.format(n=local_digits(str(entry.step), ctx.lang), label=ctx.text(entry.label)), ident
    )


def participation(ctx: Context, case: Case) -> dict[str, Any]:
    """The case's step on the ladder: "Stufe 7 von 9: Mitbestimmung" (with its area), or "nicht bekannt"."""
    vocabulary = ctx.model.vocab("partizipationsstufen")
    stated = case.participation_step
    entry = vocabulary.entries.get(stated.value) if stated.value is not None else None
    picture = ladder(ctx, stated, f"leiter-{case.id}")
    if entry is None:
        return {"step": ctx.say.unknown(stated.note), "area": "", "svg": picture}
    shown = ctx.say.stated(stated, lambda value: f"{ctx.t.step_of.format(n=entry.step, total=len(vocabulary.entries))}: {ctx.text(entry.label)}")
    return {"step": shown, "area": ctx.label("partizipationsbereiche", entry.area), "svg": picture}


def _stage(ctx: Context, criterion: Criterion, stage: Stated[int]) -> Shown:
    total = len(criterion.stages)
    return ctx.say.stated(stage, lambda n: f"{ctx.t.step_of.format(n=n, total=total)}: {ctx.text(criterion.stages[n - 1].label)}")


def assessments(ctx: Context, case: Case) -> list[dict[str, Any]]:
    """The criteria the case touches, in the criteria's order, each with its stage ("Stufe 3 von 4:
    label") or "nicht bekannt" (then no segment of the stage bar is filled)."""
    criteria = ctx.model.criteria
    out = []
    for a in sorted(case.assessments, key=lambda a: criteria[a.criterion].order):
        criterion = criteria[a.criterion]
        filled = a.stage.value if a.stage.value is not None else 0
        bar = svg.stage_bar(filled, len(criterion.stages))
        out.append({"criterion": criterion, "bar": bar, "stage": _stage(ctx, criterion, a.stage), "justification": a.justification})
    return out


def notice(ctx: Context, case: Case) -> dict[str, str] | None:
    if case.body_lang != ctx.lang:
        return {"title": ctx.t.not_translated_title, "text": ctx.t.not_translated_text}
    if case.machine_translated:
        return {"title": ctx.t.machine_translated_title, "text": ctx.t.machine_translated_text}
    return None


# The ids MkDocs gives Markdown headings: the toc extension's slugify, as set in mkdocs.yml.
_SLUG = slugify(case="lower")
_SECTIONS_MARK = Markup('<div data-pk-sections=""></div>')  # noqa: S704 - a fixed placeholder
# A section is a Markdown heading, or an element whose data-pk-section names it (with its id). A
# heading is looked for after a new line (the body is searched with one put before it): a pattern
# that starts with a character, not with "^", lets the search skip quickly to the next candidate.
_SECTION = re.compile(r'\n## (?P<heading>[^\n]+)|<[a-z0-9]+ id="(?P<id>[^"]+)" data-pk-section="(?P<label>[^"]+)"')


def with_section_links(ctx: Context, body: str) -> str:
    """The page with its list of section links (for phones: Material's table of contents is then in
    the drawer), made from the sections the page has, in their order."""
    links, used = [], set()
    for found in _SECTION.finditer(f"\n{body}"):
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


def facts(ctx: Context, case: Case) -> dict[str, Any]:
    """The facts at the top that research may lack: status, municipal structure and count, period."""
    say = ctx.say
    site = case.site
    structure = say.stated(site.municipal_structure, lambda v: ctx.label("gemeindestrukturen", v))
    count = None
    if site.municipalities:  # "eine Gemeinde", "3 Gemeinden"
        pattern = ctx.t.municipalities_one if site.municipalities.value == 1 else ctx.t.municipalities
        count = say.count(site.municipalities, pattern)
    return {
        "status": say.stated(case.status, lambda v: ctx.label("status", v)),
        "structure": structure,
        "municipalities": count,
        "site_note": say.note(site.note),
        "period": _period(ctx, case),
    }


def _period(ctx: Context, case: Case) -> Shown:
    say = ctx.say
    if not case.start.known and case.start.note.strip().startswith(FILL_IN):  # a preview: what is missing, not "seit ohne Datum"
        return say.unknown(case.start.note)
    if case.end:
        period = f"{say.date(case.start)} – {say.date(case.end)}"
    elif case.status.known:
        period = f"{say.date(case.start)} – {ctx.t.ongoing}"
    else:  # not known to be running: "seit 2016", not "2016 – heute"
        period = f"{ctx.t.since} {say.date(case.start)}"
    return Shown(escape(period), say.notes([case.start.note, case.end.note if case.end else ""]))


def instruments(ctx: Context, case: Case) -> list[dict[str, Any]]:
    """Per instrument, what research may lack: its frequency, its status (the case's when it has none
    of its own), and the notes of its dates."""
    say = ctx.say
    out = []
    for i in case.instruments:
        frequency = say.stated(i.frequency, lambda v: ctx.label("haeufigkeiten", v)) if i.frequency else None
        status = say.statement(ctx.label("status", i.status)) if i.status else Shown(say.stated(case.status, lambda v: ctx.label("status", v)).inline)
        notes = (frequency.notes if frequency else Markup("")) + say.notes([i.since.note if i.since else "", i.until.note if i.until else ""])
        out.append({"frequency": frequency, "status": status, "notes": notes})
    return out


def prerequisites(ctx: Context, pre: Prerequisites) -> list[dict[str, Any]]:
    """Staff time, costs, setup time and political backing: each with the text that explains it, and
    whether it is known (the transfer check then gives a box to tick, else a line to clarify)."""
    say, t = ctx.say, ctx.t
    rows = [
        ("staff", t.staff, say.stated(pre.staff_hours_per_month, lambda n: t.hours_per_month.format(n=say.number(n)), hedged=True), pre.staff_note),
        ("costs", t.costs, say.costs(pre.cost_min, pre.cost_max), pre.cost_note),
        ("setup", t.setup_time, say.stated(pre.setup_months, lambda n: t.months.format(n=say.number(n)), hedged=True), ""),
        ("backing", t.political_backing, say.stated(pre.political_backing, lambda v: ctx.label("rueckendeckung", v)), pre.political_note),
    ]
    return [{"id": ident, "label": label, "shown": shown, "explanation": explanation} for ident, label, shown, explanation in rows]


def offers(ctx: Context, case: Case) -> list[dict[str, Any]]:
    return [
        {
            "offer": o,
            "kind": ctx.label("angebotsarten", o.kind),
            "actors": [case.actors[a].name for a in o.actors if a in case.actors],
            "period": ctx.say.period(o.period),
            "hedge": ctx.say.hedge(o.precision),
            "note": ctx.say.note(o.note),
        }
        for o in case.offers
    ]


def _with_unit(say: Any, unit: str) -> Callable[[float], str | Markup]:
    """A count with its unit: the contributor's text (perhaps still German) escaped, never a pattern."""

    def shown(n: float) -> str | Markup:
        return Markup(f"{escape(say.number(n))} {escape(unit)}") if unit else str(say.number(n))  # noqa: S704 - escaped

    return shown


def figures(ctx: Context, case: Case) -> list[dict[str, Any]]:
    say = ctx.say
    out = []
    for f in case.figures:
        value = say.stated(f.value, _with_unit(say, f.unit), numeric=True)
        source = case.sources.get(f.source)
        out.append({"label": f.label, "value": value, "as_of": say.when(f.as_of) if f.as_of else None, "source": source, "note": say.note(f.note)})
    return out


def funding(ctx: Context, case: Case) -> list[dict[str, Any]]:
    say = ctx.say
    return [
        {
            "funding": f,
            "amount": say.count(f.amount_euro, ctx.t.amount_euro) if f.amount_euro else None,
            "share": say.stated(f.share_percent, lambda n: format_percent(n, ctx.lang), numeric=True) if f.share_percent else None,
            "period": say.period(Period(), f.start, f.end),
            "source": case.sources.get(f.source),
            "note": say.note(f.note),
        }
        for f in case.funding
    ]


def operators(ctx: Context, case: Case) -> list[dict[str, Any]]:
    say = ctx.say
    return [
        {
            "name": case.actors[o.actor].name if o.actor in case.actors else o.actor,
            "period": say.period(o.period),
            "hedge": say.hedge(o.precision),
            "note": say.note(o.note),
        }
        for o in case.operators
    ]


def page(ctx: Context, case: Case) -> Page:
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
            facts=facts(ctx, case),
            instrument_facts=instruments(ctx, case),
            participation=participation(ctx, case),
            network=network(ctx, case),
            assessments=assessments(ctx, case),
            pre=case.transfer.prerequisites,
            prerequisites=prerequisites(ctx, case.transfer.prerequisites),
            offers=offers(ctx, case),
            figures=figures(ctx, case),
            funding=funding(ctx, case),
            operators=operators(ctx, case),
            public_sources=case.provenance is Provenance.PUBLIC_SOURCES,
            verdicts=verdicts,
            qr=ctx.qr(f"praxis/{case.id}/"),  # on the case sheet
            qr_transfer_check=ctx.qr(f"praxis/{case.id}/#transfer-check"),  # opens the page ready to print the check
            sections=_SECTIONS_MARK,
            **ctx.helpers("../../"),
        )
    )
    if case.missing:  # only in a preview: published cases have no place left to fill in
        body = drafts.mark_missing(body, case.missing, ctx.t.missing_label, ctx.lang)
    body = hyphenate.html(with_section_links(ctx, body), ctx.lang)
    return ctx.page(f"praxis/{case.id}.{ctx.lang}.md", case.title, case.summary, body, notice=notice(ctx, case) is None)
