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
import functools
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from praxis_kb.model import Actor, Case, DatePoint, Period, Precision, Stated, Tie
from praxis_kb.render import svg
from praxis_kb.render.context import Context
from praxis_kb.render.statements import Shown
from praxis_kb.render.strings import format_list, local_digits

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


def ever_held_by(period: Period, day: str) -> bool:
    """Whether it had begun by *day* (it may have ended since)."""
    return period.since is None or not period.since.known or period.since.bounds()[0] <= day


def type_held(actor: Actor, kind: str, day: str) -> bool:
    period = actor.type_periods.get(kind)
    return period is None or period.holds_on(day)


# ------------------------------------------------------------------------------------ words


def coarse_point(day: str, *, end: bool, precision: Precision, finest: int = 4) -> DatePoint:
    """A period's boundary as a date as coarse as it allows: a whole year, a month, or the day;
    never coarser than *finest* characters of an ISO date (4 a year, 7 a month, 10 a day)."""
    if finest <= 4 and day[5:] == ("12-31" if end else "01-01"):
        return DatePoint(day[:4], precision)
    if finest <= 7 and (day_after(day) if end else day)[8:] == "01":
        return DatePoint(day[:7], precision)
    return DatePoint(day, precision)


def span_label(ctx: Context, span: Span) -> str:
    """A period in words: "2016 – 2019", "2021", "Juli 2016 – Dezember 2016", "seit 2020", "bis
    2015"; both ends as precise as the finer of them."""
    ends = ((span.start, False, span.start_precision), (span.end, True, span.end_precision))
    finest = max((len(coarse_point(day, end=is_end, precision=sure).value) for day, is_end, sure in ends if day), default=4)
    start, end = (coarse_point(day, end=is_end, precision=sure, finest=finest) if day else None for day, is_end, sure in ends)
    if start is not None and end is not None and start.value == end.value:  # one year, one month
        return ctx.say.date(DatePoint(start.value, _worse(start.precision, end.precision)))
    return str(ctx.say.period(Period(start, end)).inline)


def cell(inline: Markup, notes: Markup) -> Markup:
    """A table cell's content: what stands in its line kept together (a phone shows a cell as a
    grid, each element in a row of its own), its notes below."""
    return (Markup("<span>{}</span>").format(inline) if "<" in inline else inline) + notes


def frequency(ctx: Context, stated: Stated[str]) -> Shown:
    """How often, as the case says it: a label or "nicht bekannt", how sure it is, its note."""
    return ctx.say.stated(stated, lambda value: ctx.label("haeufigkeiten", value))


# ------------------------------------------------------------------------------------ rows


def isolated(template: str, **names: str) -> Markup:
    """*template* with each name set apart (``bdi``): a name in another script than the page's
    keeps its place, and an arrow between two names points the page's way (Arabic names on an
    English page, German ones on an Arabic page)."""
    escaped = escape(template)
    if not _named_fields_only(escaped):
        return escaped.format(**{key: Markup("<bdi>{}</bdi>").format(value) for key, value in names.items()})
    # What Markup.format gives, without its formatter, which is slow: each name escaped (a
    # SourceText by its __html__) in its bdi, the template's fields filled as str.format does.
    return Markup(str.format(escaped, **{key: f"<bdi>{escape(value)}</bdi>" for key, value in names.items()}))  # noqa: S704 - escaped


@functools.lru_cache(maxsize=256)
def _named_fields_only(template: str) -> bool:
    """Whether every field of a format string is a plain name: no index, conversion or format."""
    try:
        return all(
            field is None or (field.isidentifier() and not spec and conversion is None) for _, field, spec, conversion in string.Formatter().parse(template)
        )
    except ValueError:  # a lone "{" or "}": Markup.format says so
        return False


OTHER_GROUP = "sonstige"  # akteursgruppen: where a type not in the vocabulary is drawn


def _group_of(ctx: Context, kind: str) -> str:
    entry = ctx.model.vocab("akteurstypen").entries.get(kind)
    return entry.group if entry else OTHER_GROUP  # a type still to fill in (a draft's preview)


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


def _types(ctx: Context, actor: Actor) -> tuple[list[str], Markup]:
    """The actor's roles, each with its period where it has one, and the notes of those periods."""
    shown: list[str] = []
    notes = Markup("")
    for kind in actor.types:
        label = ctx.label("akteurstypen", kind)
        when = ctx.say.period(actor.type_periods[kind]) if kind in actor.type_periods else None
        shown.append(escape(ctx.t.network_with_period).format(text=label, period=when.inline) if when and when.known else label)
        notes += when.notes if when else Markup("")
    return shown, notes


def actor_rows(ctx: Context, case: Case, today: str | None) -> list[dict[str, Any]]:
    rows = []
    for number, actor in enumerate(case.actors.values(), 1):
        main, others = _groups(ctx, actor, today)
        types, type_notes = _types(ctx, actor)
        rows.append(
            {
                "number": local_digits(str(number), ctx.lang),
                "name": actor.name,
                "role": actor.role,
                "group": main,
                "icons": Markup("").join(svg.legend_icon(g) for g in [main, *(g for g, _ in others)]),
                "types": types,
                "types_dated": bool(actor.type_periods),
                "type_notes": type_notes,
                "when": ctx.say.period(actor.period),
                "present": today is None or actor.period.holds_on(today),
                "name_cell": cell(escape(actor.name) + ctx.say.hedge(actor.precision), ctx.say.note(actor.note)),
            }
        )
    return rows


def directed(ctx: Context, tie: Tie) -> bool:
    entry = ctx.model.vocab("beziehungsarten").entries.get(tie.kind)
    return entry is not None and entry.directed


def tie_rows(ctx: Context, case: Case, today: str | None) -> list[dict[str, Any]]:
    rows = []
    for tie in case.ties:
        how_often = frequency(ctx, tie.frequency)
        rows.append(
            {
                "between": _between(ctx, case, tie),
                "kind": tie.kind,
                "frequency": how_often,
                "frequency_cell": cell(how_often.inline, how_often.notes),
                "when": ctx.say.period(tie.period),
                "present": today is None or tie.period.holds_on(today),
                "description": tie.description,
                "details_cell": cell(escape(tie.description) + ctx.say.hedge(tie.precision), ctx.say.note(tie.note)),
            }
        )
    return rows


def _between(ctx: Context, case: Case, tie: Tie) -> Markup:
    """The two actors of a tie, with an arrow the way it points (``tie_rows``' "between")."""
    between = ctx.t.network_directed if directed(ctx, tie) else ctx.t.network_mutual
    return isolated(between, source=case.actors[tie.source].name, target=case.actors[tie.target].name)


def _statements(ctx: Context, case: Case) -> list[tuple[Period, Markup]]:
    """Everything in the network that may begin or end, in the order of the page, in words: the
    actors, the roles that have a period of their own, the ties."""
    found = []
    for number, actor in enumerate(case.actors.values(), 1):
        found.append((actor.period, isolated(f"{number} {{name}}", name=actor.name)))
        for kind, period in actor.type_periods.items():
            found.append((period, isolated(ctx.t.network_as_role, name=actor.name, role=ctx.label("akteurstypen", kind))))
    for tie in case.ties:
        found.append((tie.period, Markup("{}: {}").format(_between(ctx, case, tie), ctx.label("beziehungsarten", tie.kind))))
    return [(period, text + _when(ctx, period)) for period, text in found]


def _when(ctx: Context, period: Period) -> Markup:
    """ " (2016 – 2019)" after a statement that has a period; nothing after one that has none."""
    shown = ctx.say.period(period)
    return Markup(" <bdi>({})</bdi>").format(shown.inline) if shown.known else Markup("")


def differences(ctx: Context, case: Case, then: str, now: str, statements: list[tuple[Period, Markup]] | None = None) -> tuple[list[Markup], list[Markup]]:
    """What held on day *then* and no longer on *now*, and what holds on *now* and did not then
    (of *statements*, the case's ``_statements`` when not given)."""
    if statements is None:
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
        nodes.append(svg.Node(number, main, tuple(svg.Badge(g, held) for g, held in others), present, local_digits(str(number), ctx.lang)))
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
    statements: list[tuple[Period, Markup]] | None = None  # the same for every earlier map
    for number, span in enumerate(p for p in periods if today and p.end and p.end < today):
        label = span_label(ctx, span)
        title_then = ctx.t.network_map_title_then.format(title=case.title, period=label)
        then, _, _ = map_at(ctx, case, span.probe, title_then, f"netz-{case.id}-{number + 1}")
        statements = statements if statements is not None else _statements(ctx, case)
        gone, new = differences(ctx, case, span.probe, today or "", statements)
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
        "dated": any(row["when"].known for row in ties) or any(row["when"].known for row in actors),
        "line_key": line_key(ctx, case, faded),
    }
