"""Generated pages and the HTML fragments that bypass Markdown parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A generated page source: its path below docs/, its text and the HTML fragments its text
    points to (see ``split_fragments``)."""

    path: str
    text: str
    fragments: tuple[str, ...] = ()


FRAGMENT = '<div class="pk-fragment" data-pk-fragment="{n}"></div>'
_FRAGMENT_RE = re.compile(r'<div class="pk-fragment" data-pk-fragment="(\d+)"></div>')


def split_fragments(body: str) -> tuple[str, tuple[str, ...]]:
    """Keep the Markdown headings, move the (already escaped) HTML between them aside.

    Python-Markdown parses every raw HTML block with an HTML parser, which made large pages slow
    to build; our HTML needs no Markdown processing. The headings stay, so MkDocs still builds the
    table of contents and anchors; ``insert_fragments`` puts the HTML back after rendering.
    """
    lines: list[str] = []
    fragments: list[str] = []
    block: list[str] = []

    def flush() -> None:
        text = "\n".join(block).strip()
        if text:
            lines.append("")
            lines.append(FRAGMENT.format(n=len(fragments)))
            lines.append("")
            fragments.append(text)
        block.clear()

    for line in body.split("\n"):
        if line.startswith("## "):
            flush()
            lines.append("")
            lines.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(lines).strip() + "\n", tuple(fragments)


def insert_fragments(html: str, fragments: tuple[str, ...]) -> str:
    """Put each fragment back where ``split_fragments`` left its marker (an empty numbered div)."""
    return _FRAGMENT_RE.sub(lambda m: fragments[int(m.group(1))], html)
