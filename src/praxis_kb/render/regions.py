"""Which language the text at a place of a page's HTML is in: the innermost element with a
``lang`` attribute decides, the page's language otherwise. Some elements (pictures, scripts,
code) are left alone by the passes that change text; their text has no language here.

The passes that use this (soft hyphens in German words, language marks on Latin-script words)
walk a page's text from its beginning to its end, so the scanner answers for places in that order
and keeps the open elements on a stack: one pass over the page, however many elements carry a
``lang``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

Region = tuple[int, int, str | None]  # start, end, language (None: left alone)


@functools.lru_cache(maxsize=8)
def _starts(untouched: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted(untouched))
    return re.compile(rf'<({names})\b[^>]*>|<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\slang="([^"]*)"[^>]*>', re.I)


@functools.lru_cache(maxsize=64)
def _tags_named(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.I)


def end_of(markup: str, name: str, start: int) -> int:
    """Where the element whose start tag ends at *start* ends (after its end tag)."""
    depth = 1
    for tag in _tags_named(name).finditer(markup, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group().endswith("/>"):
            depth += 1
    return len(markup)


def regions(markup: str, untouched: Iterable[str]) -> list[Region]:
    """The stretches of *markup* that an element's ``lang`` attribute, or its kind, decides for,
    in the order they start."""
    found_regions: list[Region] = []
    for found in _starts(frozenset(untouched)).finditer(markup):
        name = (found.group(1) or found.group(2)).lower()
        if name in VOID or found.group().endswith("/>"):
            continue
        found_regions.append((found.start(), end_of(markup, name, found.end()), None if found.group(1) else found.group(3)))
    return found_regions


class Scanner:
    """The language at places asked for in ascending order (see the module's docstring)."""

    def __init__(self, found_regions: list[Region], page: str) -> None:
        self._regions = found_regions
        self._next = 0
        self._open: list[Region] = []
        self._left_alone = 0  # how many of the open regions are left alone (language None)
        self._page = page

    def at(self, position: int) -> str | None:
        """The language of the text at *position*; None inside an element left alone."""
        self._close(position)
        while self._next < len(self._regions) and self._regions[self._next][0] <= position:
            region = self._regions[self._next]
            self._next += 1
            self._close(region[0])
            if region[1] > position:
                self._open.append(region)
                self._left_alone += region[2] is None
        if self._left_alone:
            return None
        return self._open[-1][2] if self._open else self._page

    def _close(self, position: int) -> None:
        """Drop the open regions (innermost first) that end at or before *position*."""
        while self._open and self._open[-1][1] <= position:
            self._left_alone -= self._open.pop()[2] is None
