"""Pictures drawn at build time as SVG: network maps, the participation ladder, stage bars and
bar charts. Pure functions from plain values to markup; no client-side diagram library.

Every picture has a text equivalent on its page (a table or list); the SVGs carry a title and
description for screen readers, or are hidden from them where the text beside says the same.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Actor groups → colour (white numerals stay above 4.5:1 contrast on each) and shape.
GROUP_STYLE: dict[str, tuple[str, str]] = {
    "sozialarbeit": ("#a8431a", "circle"),
    "verwaltung": ("#0b5394", "square"),
    "koordination": ("#6a2c8a", "diamond"),
    "bildung": ("#1b6e35", "triangle"),
    "zivilgesellschaft": ("#7a4708", "hexagon"),
    "wirtschaft": ("#3f3f3f", "pentagon"),
    "gesundheit": ("#a50f15", "octagon"),
    "politik": ("#01635b", "triangle-down"),
    "gefluechtete": ("#b3186f", "ring"),
    "sonstige": ("#666666", "pill"),
}
FALLBACK_STYLE = ("#3f3f3f", "circle")

FREQUENCY_WIDTH = {
    "fortlaufend": 5.5,
    "woechentlich": 4.5,
    "vierzehntaeglich": 4.0,
    "monatlich": 3.5,
    "quartalsweise": 2.5,
    "mehrmals-jaehrlich": 2.25,
    "halbjaehrlich": 2.0,
    "jaehrlich": 1.5,
    "einmalig": 1.0,
    "anlassbezogen": 1.5,
}


def _polygon(cx: float, cy: float, radius: float, corners: int, rotation: float) -> str:
    points = []
    for i in range(corners):
        angle = rotation + 2 * math.pi * i / corners
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def shape(kind: str, cx: float, cy: float, size: float, fill: str) -> str:
    """One node shape centred on (cx, cy); *size* is the radius of the enclosing circle."""
    if kind == "square":
        s = size * 0.85
        return f'<rect x="{cx - s:.1f}" y="{cy - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" fill="{fill}"/>'
    if kind == "diamond":
        return f'<polygon points="{_polygon(cx, cy, size * 1.1, 4, -math.pi / 2)}" fill="{fill}"/>'
    if kind == "triangle":
        return f'<polygon points="{_polygon(cx, cy + size * 0.2, size * 1.25, 3, -math.pi / 2)}" fill="{fill}"/>'
    if kind == "triangle-down":
        return f'<polygon points="{_polygon(cx, cy - size * 0.2, size * 1.25, 3, math.pi / 2)}" fill="{fill}"/>'
    if kind == "hexagon":
        return f'<polygon points="{_polygon(cx, cy, size, 6, 0)}" fill="{fill}"/>'
    if kind == "pentagon":
        return f'<polygon points="{_polygon(cx, cy, size * 1.05, 5, -math.pi / 2)}" fill="{fill}"/>'
    if kind == "octagon":
        return f'<polygon points="{_polygon(cx, cy, size, 8, math.pi / 8)}" fill="{fill}"/>'
    if kind == "pill":
        w, h = size * 1.15, size * 0.75
        return f'<rect x="{cx - w:.1f}" y="{cy - h:.1f}" width="{2 * w:.1f}" height="{2 * h:.1f}" rx="{h:.1f}" fill="{fill}"/>'
    if kind == "ring":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size:.1f}" fill="{fill}"/>'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size * 0.78:.1f}" fill="none" stroke="#fff" stroke-width="2"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size:.1f}" fill="{fill}"/>'


def legend_icon(group: str) -> Markup:
    """A small shape for the legend, hidden from screen readers (the text names the group)."""
    fill, kind = GROUP_STYLE.get(group, FALLBACK_STYLE)
    return Markup(f'<svg class="pk-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">{shape(kind, 12, 12, 9, fill)}</svg>')  # noqa: S704


@dataclass(frozen=True)
class Badge:
    """A further role of an actor, in another group than the node's own: a small mark on it."""

    group: str
    present: bool = True  # the actor had this role at the map's time


@dataclass(frozen=True)
class Node:
    number: int
    group: str
    badges: tuple[Badge, ...] = ()
    present: bool = True  # part of the network at the map's time; drawn hollow otherwise
    shown: str = ""  # the number as the page's language writes it (Persian: ۳); else the number


@dataclass(frozen=True)
class Edge:
    source: int  # index into nodes
    target: int
    frequency: str  # id in haeufigkeiten: the line's width
    dashed: bool = False  # ties that meet only on occasion
    directed: bool = False  # an arrowhead at the target: the source acts on it
    style: str = ""  # "double" (carrying, employing), "diamond" (owning: at the owner), "dashdot" (supervising)
    ended: bool = False  # over at the map's time: grey and dotted


TIE_COLOUR = "#555"
ENDED_COLOUR = "#767676"  # 4.5:1 on white, as the numerals of hollow nodes need it too


def _ring(count: int, size: float, node_radius: float) -> list[tuple[float, float]]:
    centre = size / 2
    ring = centre - node_radius - 14
    positions = []
    for i in range(count):
        angle = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
        positions.append((centre + ring * math.cos(angle), centre + ring * math.sin(angle)))
    return positions


def _offsets(edges: Sequence[Edge]) -> list[float]:
    """Sideways shifts that keep several ties between the same two actors apart, each visible."""
    pairs: dict[frozenset[int], list[int]] = {}
    for index, edge in enumerate(edges):
        pairs.setdefault(frozenset((edge.source, edge.target)), []).append(index)
    shifts = [0.0] * len(edges)
    for indices in pairs.values():
        for rank, index in enumerate(indices):
            shifts[index] = (rank - (len(indices) - 1) / 2) * 7.0
    return shifts


ENDED_WIDTH = 3.0  # dots of one size, whatever the tie's frequency was


def _head(tip: tuple[float, float], ux: float, uy: float, length: float, spread: float, colour: str) -> str:
    """An arrowhead whose point is *tip*, pointing along (ux, uy)."""
    x, y = tip
    bx, by = x - ux * length, y - uy * length
    return f'<polygon points="{x:.1f},{y:.1f} {bx - uy * spread:.1f},{by + ux * spread:.1f} {bx + uy * spread:.1f},{by - ux * spread:.1f}" fill="{colour}"/>'


def _diamond(start: tuple[float, float], ux: float, uy: float, length: float, spread: float, colour: str) -> str:
    """An owner's diamond from *start* along (ux, uy)."""
    x, y = start
    mx, my, fx, fy = x + ux * length / 2, y + uy * length / 2, x + ux * length, y + uy * length
    return f'<polygon points="{x:.1f},{y:.1f} {mx - uy * spread:.1f},{my + ux * spread:.1f} {fx:.1f},{fy:.1f} {mx + uy * spread:.1f},{my - ux * spread:.1f}" fill="{colour}"/>'


def _tie(edge: Edge, start: tuple[float, float], end: tuple[float, float], shift: float, node_radius: float) -> str:
    """One tie: its line, and an arrowhead or an owner's diamond where it has one."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    if shift:  # a parallel line beside the others between the same two actors
        x1, y1, x2, y2 = x1 - uy * shift, y1 + ux * shift, x2 - uy * shift, y2 + ux * shift
    width = ENDED_WIDTH if edge.ended else FREQUENCY_WIDTH.get(edge.frequency, 1.5)
    colour = ENDED_COLOUR if edge.ended else TIE_COLOUR
    marks = []
    if edge.directed:  # the line stops inside the arrowhead, whose tip lies just outside the node
        head = 8 + width
        x2, y2 = x2 - ux * (node_radius + 3), y2 - uy * (node_radius + 3)
        marks.append(_head((x2, y2), ux, uy, head, 3.5 + width / 2, colour))
        x2, y2 = x2 - ux * (head - 1), y2 - uy * (head - 1)
    if edge.style == "diamond":  # at the owner's end, wider than the line
        x1, y1 = x1 + ux * (node_radius + 2), y1 + uy * (node_radius + 2)
        size = 14 + width * 1.5
        marks.append(_diamond((x1, y1), ux, uy, size, 4.5 + width / 2, colour))
        x1, y1 = x1 + ux * (size - 1), y1 + uy * (size - 1)
    return _line(edge, (x1, y1, x2, y2), width, colour) + "".join(marks)


def _line(edge: Edge, ends: tuple[float, float, float, float], width: float, colour: str) -> str:
    x1, y1, x2, y2 = ends
    coords = f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
    stroke = f' stroke="{colour}"' if colour != TIE_COLOUR else ""
    gap = width + 3  # round caps reach half the width into a gap on each side
    if edge.ended:  # dots
        return f'<line {coords} stroke-width="{width:g}"{stroke} stroke-dasharray="0.1 {gap:g}"/>'
    dash = ' stroke-dasharray="5 4"' if edge.dashed else ""
    if edge.style == "dashdot":  # a dash, a dot
        dash = f' stroke-dasharray="{width * 2 + 6:g} {gap:g} 0.1 {gap:g}"'
    if edge.style == "double":  # two rails: a wide line with a white one along its middle
        return f'<line {coords} stroke-width="{width + 3:g}"{dash}/><line {coords} stroke-width="{max(width - 1, 1.2):g}" stroke="#fff"{dash}/>'
    return f'<line {coords} stroke-width="{width}"{stroke}{dash}/>'


def _node(node: Node, x: float, y: float, radius: float, outward: float, *, numbered: bool = True) -> str:
    fill, kind = GROUP_STYLE.get(node.group, FALLBACK_STYLE)
    if node.present:
        parts = [shape(kind, x, y, radius, fill)]
    else:  # hollow, its outline dashed: not part of the network at the map's time
        parts = [f'<g stroke="{fill}" stroke-width="2.5" stroke-dasharray="4 2.5">{shape(kind, x, y, radius - 1.2, "#fff")}</g>']
    if numbered:
        parts.append(f'<text x="{x:.1f}" y="{y + 5:.1f}" font-size="15" fill="{"#fff" if node.present else fill}">{node.shown or node.number}</text>')
    for index, badge in enumerate(node.badges):  # beside the node, away from the centre of the map
        angle = outward + (index - (len(node.badges) - 1) / 2) * 0.9 - 0.45 * (len(node.badges) == 1)
        bx, by = x + radius * 1.05 * math.cos(angle), y + radius * 1.05 * math.sin(angle)
        colour, badge_kind = GROUP_STYLE.get(badge.group, FALLBACK_STYLE)
        inner = shape(badge_kind, bx, by, 6.5, colour if badge.present else "#fff")
        parts.append(f'<g stroke="{"#fff" if badge.present else colour}" stroke-width="1.6">{inner}</g>')
    return "".join(parts)


def network_map(nodes: Sequence[Node], edges: Sequence[Edge], title: str, description: str, ident: str) -> Markup:
    """Actors on a circle, ties as lines whose width shows how often they meet; arrowheads where a
    tie has a direction, a faded picture of what is over at the map's time."""
    size = 320
    count = len(nodes)
    node_radius = 19 if count <= 10 else 15
    positions = _ring(count, size, node_radius)
    parts = [
        f'<svg class="pk-network-map" viewBox="0 0 {size} {size}" role="img" aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f'<g class="pk-ties" stroke="{TIE_COLOUR}" stroke-linecap="round">',
    ]
    # ended ties first, so that the ties that hold are drawn over them
    for edge, shift in sorted(zip(edges, _offsets(edges), strict=True), key=lambda pair: not pair[0].ended):
        parts.append(_tie(edge, positions[edge.source], positions[edge.target], shift, node_radius))
    parts.append("</g>")
    parts.append('<g class="pk-actors" font-family="sans-serif" font-weight="700" text-anchor="middle">')
    for index, (node, (x, y)) in enumerate(zip(nodes, positions, strict=True)):
        parts.append(_node(node, x, y, node_radius, -math.pi / 2 + 2 * math.pi * index / max(count, 1)))
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def _sample(body: str, width: float, height: float = 16) -> Markup:
    return Markup(  # noqa: S704 - fixed markup
        f'<svg class="pk-icon pk-line-sample" viewBox="0 0 {width:g} {height:g}" width="{20 * width / height:g}" height="20"'
        f' aria-hidden="true" focusable="false">{body}</svg>'
    )


def line_sample(*, directed: bool = False, style: str = "", ended: bool = False) -> Markup:
    """A short line for the map's key, drawn as the map draws that kind of tie."""
    edge = Edge(0, 1, "monatlich" if style or directed else "", directed=directed, style=style, ended=ended)
    return _sample(f'<g stroke="{TIE_COLOUR}" stroke-linecap="round">{_tie(edge, (-20.0, 8.0), (60.0, 8.0), 0.0, 19.0)}</g>', 40)


def node_sample() -> Markup:
    """A hollow node for the map's key: not part of the network at the map's time."""
    return _sample(_node(Node(0, "", present=False), 60, 24, 19, 0, numbered=False), 120, 48)


def badge_sample() -> Markup:
    """A node with a mark for a further role, for the map's key."""
    return _sample(_node(Node(0, "verwaltung", (Badge("sozialarbeit"),)), 58, 28, 19, -math.pi / 4, numbered=False), 120, 48)


@dataclass(frozen=True)
class LadderStep:
    number: int
    label: str
    area: str
    shown: str = ""  # the number as the page's language writes it (Persian: ۳); else the number


AREA_FILL = {
    "nicht-partizipation": "#f3e5e5",
    "vorstufe": "#fdf1d8",
    "partizipation": "#e3f1e6",
    "ueber-partizipation": "#dfeaf5",
}


def participation_ladder(steps: Sequence[LadderStep], current: int, title: str, description: str, ident: str) -> Markup:
    """The nine-step ladder as a staircase, highest step on top, the case's step marked.

    Each step's label has a line of its own above its bar, so that no label depends on the length
    of a bar; the picture reads from the side its language starts (see ``Layout``)."""
    row = 34
    width = 320
    layout = Layout(width, _direction(title))
    ordered = sorted(steps, key=lambda s: -s.number)
    height = row * len(ordered) + 2
    parts = [
        layout.open("pk-ladder", height, ident, title, description),
        '<g font-family="sans-serif" font-size="13" fill="#1d1d1d">',
    ]
    for index, step in enumerate(ordered):
        y = index * row
        bar = 110 + (width - 110) * (step.number - 1) / max(len(ordered) - 1, 1)
        marked = step.number == current
        fill = "#1f3d5c" if marked else AREA_FILL.get(step.area, "#eee")
        parts.append(layout.rect(0, y + 18, bar, 13, fill))
        label = f"{step.shown or step.number} {step.label}" + (" " + layout.marker if marked else "")
        parts.append(layout.text(2, y + 13, label, bold=marked))
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 - Layout escapes every text


def stage_bar(stage: int, total: int) -> Markup:
    """A small bar of *total* segments with *stage* filled; decorative (the text says the stage)."""
    segment = 12
    gap = 3
    width = total * segment + (total - 1) * gap
    rects = []
    for i in range(total):
        fill = "#1f3d5c" if i < stage else "#d5dde6"
        rects.append(f'<rect x="{i * (segment + gap)}" y="0" width="{segment}" height="10" rx="2" fill="{fill}"/>')
    return Markup(f'<svg class="pk-stage-bar" viewBox="0 0 {width} 10" width="{width}" height="10" aria-hidden="true" focusable="false">{"".join(rects)}</svg>')  # noqa: S704


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str = ""  # how the value is written; defaults to the number


def bar_chart(bars: Sequence[Bar], title: str, description: str, ident: str) -> Markup:
    """Horizontal bars, each label on its own line above the bar (readable at 320 px)."""
    width = 320
    row = 40
    layout = Layout(width, _direction(title))
    top = max((b.value for b in bars), default=0) or 1
    height = row * len(bars) + 4
    # leave room after the longest bar for its value, written beside it
    room = max((text_width(b.shown or f"{b.value:g}") for b in bars), default=0) + 8
    span = width - room
    parts = [
        layout.open("pk-chart", height, ident, title, description),
        '<g font-family="sans-serif" font-size="13" fill="#1d1d1d">',
    ]
    for index, bar in enumerate(bars):
        y = index * row
        length = max(span * bar.value / top, 2 if bar.value else 0)
        parts.append(layout.text(2, y + 13, bar.label))
        parts.append(layout.rect(0, y + 18, length, 14, "#1f3d5c"))
        parts.append(layout.text(length + 6, y + 30, bar.shown or f"{bar.value:g}", room=width - length - 8))
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 - Layout escapes every text


def _direction(text: str) -> str:
    """ "rtl" or "ltr" from the first letter with a strong direction, as HTML's dir="auto" does:
    a picture reads in the direction of its title (the page's language)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


_NARROW = frozenset(" .,:;'!|()[]/-fijlrtIJاأإآٱ")
_WIDE = frozenset("mwMWÖÄÜжшщюЖШЩЮ—◀▶Ø%")


@functools.lru_cache(maxsize=4096)  # labels repeat on page after page
def text_width(text: str, size: float = 13, bold: bool = False) -> float:
    """A generous estimate of how wide *text* is drawn in the reader's sans-serif (per character,
    measured on DejaVu Sans, wider than most), so that a label that seems to fit does fit."""
    em = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":  # marks, ZWNJ
            continue
        if char in _NARROW:
            em += 0.36
        elif char in _WIDE or char.isupper():
            em += 0.86
        elif "\u0600" <= char <= "\u06ff":  # Arabic script: the wide letters count for all
            em += 0.74
        else:
            em += 0.66
    return em * size * (1.1 if bold else 1.0)


@dataclass(frozen=True)
class Layout:
    """Coordinates of a picture *width* wide, measured from the side its language starts: in a
    right-to-left picture x runs from the right edge, and text starts there (``direction`` on the
    picture itself, not inherited from the page). A text that might not fit is set smaller, so
    that it ends inside the picture (``text_width`` errs on the wide side)."""

    width: float
    direction: str

    @property
    def marker(self) -> str:
        return "▶" if self.direction == "rtl" else "◀"

    def open(self, kind: str, height: float, ident: str, title: str, description: str) -> str:
        return (
            f'<svg class="{kind}" viewBox="0 0 {self.width:g} {height:g}" role="img" aria-labelledby="{ident}-title {ident}-desc"'
            f' direction="{self.direction}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
        )

    def x(self, start: float, length: float = 0) -> float:
        """The left edge of something *length* long that begins *start* from the reading start."""
        return self.width - start - length if self.direction == "rtl" else start

    def rect(self, start: float, y: float, length: float, height: float, fill: str) -> str:
        return f'<rect x="{self.x(start, length):.1f}" y="{y:g}" width="{length:.1f}" height="{height:g}" rx="2" fill="{fill}"/>'

    def text(self, start: float, y: float, text: str, *, bold: bool = False, room: float | None = None) -> str:
        """*text* beginning *start* from the reading start, fitted into *room* (the rest of the line)."""
        room = self.width - start - 2 if room is None else room
        estimate = text_width(text, bold=bold)
        fit = f' font-size="{13 * room / estimate:.1f}"' if estimate > room else ""  # smaller, never distorted
        weight = ' font-weight="700"' if bold else ""
        return f'<text x="{self.x(start):.1f}" y="{y:g}"{weight}{fit}>{escape(text)}</text>'
