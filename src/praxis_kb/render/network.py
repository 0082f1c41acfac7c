"""The network section of a case page over time: which actors, roles and ties held when, the map
of the network now (what ended drawn faded, not left out), one map per earlier period, and the
rows of the actors' and ties' tables.

The periods are computed from every boundary the case states (``change_days``, ``spans``): a
period begins on the earliest day a ``seit`` allows, and ends the day before something begins or
after the latest day a ``bis`` allows (``Period.holds_on``). A case without any date has no
periods and gets the one map it always had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from praxis_kb.model import Actor, Case, DatePoint, Period, Precision, Stated, Tie
from praxis_kb.render import svg
from praxis_kb.render.context import Context
from praxis_kb.render.strings import format_list, format_point

# ------------------------------------------------------------------------------------ periods


def day_after(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _worse(a: Precision, b: Precision) -> Precision:
    order = (Precision.EXACT, Precision.APPROXIMATE, Precision.DISPUTED)
    return max(a, b, key=order.index)


def change_days(periods: Iterable[Period]) -> dict[str, Precision]:
    """Every day on which something begins, or which is the first day after something ended, with
    how sure the date behind it is (the least sure, where several dates fall on one day)."""
    days: dict[str, Precision] = {}
    for period in periods:
        if period.since is not None and period.since.known:
            day = period.since.bounds()[0]
            days[day] = _worse(days.get(day, Precision.EXACT), period.since.precision)
        if period.until is not None and period.until.known:
            day = day_after(period.until.bounds()[1])
            days[day] = _worse(days.get(day, Precision.EXACT), period.until.precision)
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class Span:
    """One period of the network, ISO days inclusive; "" where it is open (before the first
    boundary, after the last). The precisions say how sure the dates of its boundaries are."""

    start: str
    end: str
    start_precision: Precision = Precision.EXACT
    end_precision: Precision = Precision.EXACT

    @property
    def probe(self) -> str:
        """A day inside the period: what holds on it holds all through the period."""
        return self.start or self.end

    def contains(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def spans(periods: Sequence[Period]) -> list[Span]:
    """The periods in which the same things held, in order; none when no date is stated.

    Neighbouring periods in which the same things held are one (a tie that ends the day another
    begins changes the network; a date stated twice does not). A first period in which nothing
    held is left out."""
    days = change_days(periods)
    if not days:
        return []
    starts = ["", *days]
    candidates = [
        Span(start, day_before(following) if following else "", days.get(start, Precision.EXACT), days.get(following, Precision.EXACT))
        for start, following in zip(starts, [*days, ""], strict=True)
    ]
    merged: list[Span] = []
    held: list[frozenset[int]] = []
    for span in candidates:
        state = frozenset(i for i, period in enumerate(periods) if period.holds_on(span.probe))
        if merged and state == held[-1]:
            merged[-1] = Span(merged[-1].start, span.end, merged[-1].start_precision, span.end_precision)
        else:
            merged.append(span)
            held.append(state)
    if held and not held[0]:
        merged.pop(0)
    return merged


def from_opening(periods: Sequence[Span], opening: DatePoint) -> list[Span]:
    """The periods from the day the practice began (*opening*) on: the network before it is not
    the practice's (the tables still say when each actor and tie began)."""
    if not opening.known:
        return list(periods)
    day = opening.bounds()[0]
    kept = [span for span in periods if not span.end or span.end >= day]
    if kept and (not kept[0].start or kept[0].start < day):
        kept[0] = Span(day, kept[0].end, opening.precision, kept[0].end_precision)
    return kept


def case_periods(case: Case) -> list[Period]:
    """Every period the network section depends on: actors, their roles, ties."""
    periods = [actor.period for actor in case.actors.values()]
    periods += [period for actor in case.actors.values() for period in actor.type_periods.values()]
    return periods + [tie.period for tie in case.ties]


def dated(period: Period) -> bool:
    return any(point is not None and (point.known or point.note) for point in (period.since, period.until))


def ever_held_by(period: Period, day: str) -> bool:
    """Whether it had begun by *day* (it may have ended since)."""
    return period.since is None or not period.since.known or period.since.bounds()[0] <= day


def type_held(actor: Actor, kind: str, day: str) -> bool:
    period = actor.type_periods.get(kind)
    return period is None or period.holds_on(day)


# ------------------------------------------------------------------------------------ words


def coarse_point(day: str, *, end: bool, precision: Precision) -> DatePoint:
    """A period's boundary as a date as coarse as it allows: a whole year, a month, or the day."""
    if day[5:] == ("12-31" if end else "01-01"):
        return DatePoint(day[:4], precision)
    if (day_after(day) if end else day)[8:] == "01":
        return DatePoint(day[:7], precision)
    return DatePoint(day, precision)


def span_label(ctx: Context, span: Span) -> str:
    """A period in words: "2016 – 2019", "2021", "seit 2020", "bis 2015"."""
    start = coarse_point(span.start, end=False, precision=span.start_precision) if span.start else None
    end = coarse_point(span.end, end=True, precision=span.end_precision) if span.end else None
    if start is not None and end is not None and start.value == end.value:  # one year, one month
        return format_point(DatePoint(start.value, _worse(start.precision, end.precision)), ctx.lang)
    return _between(ctx, format_point(start, ctx.lang) if start else "", format_point(end, ctx.lang) if end else "")


def _between(ctx: Context, start: str, end: str) -> str:
    if start and end:
        return ctx.t.network_span.format(start=start, end=end)
    if start:
        return ctx.t.network_since.format(date=start)
    return ctx.t.network_until.format(date=end) if end else ""


def point_text(ctx: Context, point: DatePoint | None) -> str:
    if point is None:
        return ""
    return format_point(point, ctx.lang) if point.known else ctx.t.stated_unknown


def period_text(ctx: Context, period: Period) -> str:
    """When something held, in words: "seit 2021", "bis 2019", "2016 – 2019"; "" if undated."""
    if not dated(period):
        return ""
    return _between(ctx, point_text(ctx, period.since), point_text(ctx, period.until))


def period_notes(period: Period) -> list[str]:
    notes = [point.note for point in (period.since, period.until) if point is not None and point.note]
    return [*notes, period.note] if period.note else notes


def precision_text(ctx: Context, precision: Precision) -> str:
    if precision is Precision.APPROXIMATE:
        return ctx.t.stated_approximate
    if precision is Precision.DISPUTED:
        return ctx.t.stated_disputed
    return ""


def frequency_text(ctx: Context, frequency: Stated[str]) -> str:
    """How often, as the case says it: a label, "nicht bekannt", with how sure it is."""
    shown = ctx.label("haeufigkeiten", frequency.value) if frequency.value is not None else ctx.t.stated_unknown
    qualifier = precision_text(ctx, frequency.precision)
    return f"{shown} ({qualifier})" if qualifier else shown


# ------------------------------------------------------------------------------------ rows


def isolated(template: str, **names: str) -> Markup:
    """*template* with each name set apart (``bdi``): a name in another script than the page's
    keeps its place, and an arrow between two names points the page's way (Arabic names on an
    English page, German ones on an Arabic page)."""
    return Markup(escape(template)).format(**{key: Markup("<bdi>{}</bdi>").format(value) for key, value in names.items()})  # noqa: S704


def _group_of(ctx: Context, kind: str) -> str:
    return ctx.model.vocab("akteurstypen").entries[kind].group


def _groups(ctx: Context, actor: Actor, day: str | None) -> tuple[str, list[tuple[str, bool]]]:
    """The actor's main group on *day* (its first role it held then) and every other group of
    its roles, each with whether the actor had that role then (every role when *day* is None)."""
    held = [kind for kind in actor.types if day is None or type_held(actor, kind, day)]
    main = _group_of(ctx, (held or actor.types)[0])
    others: dict[str, bool] = {}
    for kind in actor.types:
        group = _group_of(ctx, kind)
        if group != main:
            others[group] = others.get(group, False) or kind in held
    return main, list(others.items())


def actor_rows(ctx: Context, case: Case, today: str | None) -> list[dict[str, Any]]:
    rows = []
    for number, actor in enumerate(case.actors.values(), 1):
        main, others = _groups(ctx, actor, today)
        types = []
        for kind in actor.types:
            period = actor.type_periods.get(kind, Period())
            when = period_text(ctx, period)
            label = ctx.label("akteurstypen", kind)
            types.append(ctx.t.network_with_period.format(text=label, period=when) if when else label)
        rows.append(
            {
                "number": number,
                "name": actor.name,
                "role": actor.role,
                "group": main,
                "icons": Markup("").join(svg.legend_icon(g) for g in [main, *(g for g, _ in others)]),
                "types": types,
                "types_dated": bool(actor.type_periods),
                "type_notes": [n for kind in actor.types for n in period_notes(actor.type_periods.get(kind, Period()))],
                "when": period_text(ctx, actor.period),
                "when_notes": period_notes(actor.period),
                "present": today is None or actor.period.holds_on(today),
                "precision": precision_text(ctx, actor.precision),
                "note": actor.note,
            }
        )
    return rows


def directed(ctx: Context, tie: Tie) -> bool:
    entry = ctx.model.vocab("beziehungsarten").entries.get(tie.kind)
    return entry is not None and entry.directed


def tie_rows(ctx: Context, case: Case, today: str | None) -> list[dict[str, Any]]:
    rows = []
    for tie in case.ties:
        source, target = case.actors[tie.source].name, case.actors[tie.target].name
        between = ctx.t.network_directed if directed(ctx, tie) else ctx.t.network_mutual
        rows.append(
            {
                "between": isolated(between, source=source, target=target),
                "kind": tie.kind,
                "frequency": frequency_text(ctx, tie.frequency),
                "frequency_note": tie.frequency.note,
                "when": period_text(ctx, tie.period),
                "when_notes": period_notes(tie.period),
                "present": today is None or tie.period.holds_on(today),
                "description": tie.description,
                "precision": precision_text(ctx, tie.precision),
                "note": tie.note,
            }
        )
    return rows


def _statements(ctx: Context, case: Case) -> list[tuple[Period, Markup]]:
    """Everything in the network that may begin or end, in the order of the page, in words: the
    actors, the roles that have a period of their own, the ties."""
    found = []
    for number, actor in enumerate(case.actors.values(), 1):
        found.append((actor.period, isolated(f"{number} {{name}}", name=actor.name)))
        for kind, period in actor.type_periods.items():
            found.append((period, isolated(ctx.t.network_as_role, name=actor.name, role=ctx.label("akteurstypen", kind))))
    for row, tie in zip(tie_rows(ctx, case, None), case.ties, strict=True):
        found.append((tie.period, Markup("{}: {}").format(row["between"], ctx.label("beziehungsarten", tie.kind))))
    return found


def differences(ctx: Context, case: Case, then: str, now: str) -> tuple[list[Markup], list[Markup]]:
    """What held on day *then* and no longer on *now*, and what holds on *now* and did not then."""
    statements = _statements(ctx, case)
    gone = [text for period, text in statements if period.holds_on(then) and not period.holds_on(now)]
    new = [text for period, text in statements if period.holds_on(now) and not period.holds_on(then)]
    return gone, new


# ------------------------------------------------------------------------------------ maps

# How a kind of relation is drawn, besides the width its frequency gives it.
KIND_STYLE = {"traegerschaft": "double", "eigentum": "diamond", "aufsicht": "dashdot"}


def map_at(ctx: Context, case: Case, day: str | None, title: str, ident: str) -> tuple[Markup, int, int]:
    """The map of the network on *day* (None: undated, everything as it is stated), with how many
    actors and ties held then. What held before and ended is drawn faded; a tie that begins only
    later is left out."""
    keys = list(case.actors)
    nodes = []
    for number, actor in enumerate(case.actors.values(), 1):
        main, others = _groups(ctx, actor, day)
        present = day is None or actor.period.holds_on(day)
        nodes.append(svg.Node(number, main, tuple(svg.Badge(g, held) for g, held in others), present))
    edges = []
    for tie in case.ties:
        if day is not None and not ever_held_by(tie.period, day):
            continue
        ended = day is not None and not tie.period.holds_on(day)
        style = KIND_STYLE.get(tie.kind, "")
        edges.append(svg.Edge(keys.index(tie.source), keys.index(tie.target), tie.frequency.value or "", tie.occasional, directed(ctx, tie), style, ended))
    actors = sum(node.present for node in nodes)
    ties = sum(not edge.ended for edge in edges)
    description = ctx.t.network_map_desc.format(actors=actors, ties=ties)
    faded = len(nodes) - actors + len(edges) - ties
    if faded:
        description += " " + ctx.t.network_map_desc_faded
    return svg.network_map(nodes, edges, title, description, ident), actors, ties


@dataclass(frozen=True)
class LineKey:
    sample: Markup
    text: str


def line_key(ctx: Context, case: Case, faded: bool) -> list[LineKey]:
    """What the lines and marks of the maps mean, for what the maps of this case show beyond the
    width and dashes every map explains (``t.map_lines``)."""
    keys = []
    if any(directed(ctx, tie) for tie in case.ties):
        keys.append(LineKey(svg.line_sample(directed=True), ctx.t.network_key_directed))
    for kind, style in KIND_STYLE.items():
        if any(tie.kind == kind for tie in case.ties):
            keys.append(LineKey(svg.line_sample(style=style, directed=True), ctx.label("beziehungsarten", kind)))
    if any(not tie.frequency.known for tie in case.ties):
        keys.append(LineKey(svg.line_sample(), ctx.t.network_key_unknown))
    if faded:
        keys.append(LineKey(svg.line_sample(ended=True), ctx.t.network_key_ended))
        keys.append(LineKey(svg.node_sample(), ctx.t.network_key_absent))
    if any(len({_group_of(ctx, kind) for kind in actor.types}) > 1 for actor in case.actors.values()):
        keys.append(LineKey(svg.badge_sample(), ctx.t.network_key_roles))
    return keys


def network(ctx: Context, case: Case) -> dict[str, Any]:
    """Everything the network section shows (template ``case_network.md.j2``)."""
    periods = from_opening(spans(case_periods(case)), case.start)
    today = ctx.today.isoformat() if periods else None
    title = ctx.t.network_map_title.format(title=case.title)
    picture, _, _ = map_at(ctx, case, today, title, f"netz-{case.id}")
    actors = actor_rows(ctx, case, today)
    ties = tie_rows(ctx, case, today)
    earlier, labels = [], []
    for number, span in enumerate(p for p in periods if today and p.end and p.end < today):
        label = span_label(ctx, span)
        title_then = ctx.t.network_map_title_then.format(title=case.title, period=label)
        then, _, _ = map_at(ctx, case, span.probe, title_then, f"netz-{case.id}-{number + 1}")
        gone, new = differences(ctx, case, span.probe, today or "")
        earlier.append({"label": label, "svg": then, "gone": gone, "new": new})
        labels.append(label)
    current = next((span for span in periods if today and span.contains(today)), None)
    faded = today is not None and (any(not row["present"] for row in actors + ties) or bool(earlier))
    group_order = list(ctx.model.vocab("akteursgruppen").entries)
    groups = {_group_of(ctx, kind) for actor in case.actors.values() for kind in actor.types}
    return {
        "svg": picture,
        "actors": actors,
        "ties": ties,
        "groups": sorted(groups, key=lambda g: group_order.index(g) if g in group_order else len(group_order)),
        "now": ctx.t.network_now.format(period=span_label(ctx, current)) if current and current.start else "",
        "earlier": earlier,
        "earlier_summary": ctx.t.network_earlier.format(periods=format_list(labels, ctx.lang)),
        "dated": any(row["when"] for row in ties) or any(row["when"] for row in actors),
        "line_key": line_key(ctx, case, faded),
    }
