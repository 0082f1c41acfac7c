"""Pictures drawn at build time as SVG: network maps, the participation ladder, stage bars and
bar charts. Pure functions from plain values to markup; no client-side diagram library.

Every picture has a text equivalent on its page (a table or list); the SVGs carry a title and
description for screen readers, or are hidden from them where the text beside says the same.
"""

from __future__ import annotations

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
class Node:
    number: int
    group: str


@dataclass(frozen=True)
class Edge:
    source: int  # index into nodes
    target: int
    frequency: str  # id in haeufigkeiten: the line's width
    dashed: bool = False  # ties that meet only on occasion


def network_map(nodes: Sequence[Node], edges: Sequence[Edge], title: str, description: str, ident: str) -> Markup:
    """Actors on a circle, ties as lines whose width shows how often they meet."""
    size = 320
    centre = size / 2
    count = len(nodes)
    node_radius = 19 if count <= 10 else 15
    ring = centre - node_radius - 14
    positions = []
    for i in range(count):
        angle = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
        positions.append((centre + ring * math.cos(angle), centre + ring * math.sin(angle)))
    parts = [
        f'<svg class="pk-network-map" viewBox="0 0 {size} {size}" role="img" aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        '<g class="pk-ties" stroke="#555" stroke-linecap="round">',
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        width = FREQUENCY_WIDTH.get(edge.frequency, 1.5)
        dash = ' stroke-dasharray="5 4"' if edge.dashed else ""
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width}"{dash}/>')
    parts.append("</g>")
    parts.append('<g class="pk-actors" font-family="sans-serif" font-weight="700" text-anchor="middle">')
    for node, (x, y) in zip(nodes, positions, strict=True):
        fill, kind = GROUP_STYLE.get(node.group, FALLBACK_STYLE)
        parts.append(shape(kind, x, y, node_radius, fill))
        parts.append(f'<text x="{x:.1f}" y="{y + 5:.1f}" font-size="15" fill="#fff">{node.number}</text>')
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


@dataclass(frozen=True)
class LadderStep:
    number: int
    label: str
    area: str


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
        label = f"{step.number} {step.label}" + (" " + layout.marker if marked else "")
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
