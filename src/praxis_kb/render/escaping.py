"""Every rule for turning text into markup, in one place.

Contributor strings reach pages only through Jinja's autoescape (``environment``); contributor
Markdown is rendered here, not by MkDocs, and sanitised with an allow-list (nh3); page titles and
descriptions are escaped before Material prints them raw; SVG text and QR labels are escaped where
they are drawn (``svg``, ``qr``) with markupsafe's ``escape``; CSV cells are guarded against
formulas here (``safe_cell``), and JSON is written by the standard encoder, never into a script."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from typing import Any

import markdown
import nh3
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from praxis_kb.model import same_language

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "th": {"scope"},
    "td": set(),
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
NARRATIVE_ID_PREFIX = "text-"


def _slug(value: str, separator: str) -> str:
    return NARRATIVE_ID_PREFIX + str(slugify(case="lower")(value, separator))


# A star between two letters is the gender star (Akteur*innen), never the start or end of emphasis.
GENDER_STAR = r"(?<=[^\W\d_])\*(?=[^\W\d_])"


class _LiteralStar(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return "*", m.start(0), m.end(0)  # stashed as text: the emphasis rule never sees it


class GenderStar(Extension):
    """Python-Markdown: ``Akteur*innen … Koordinator*innen`` stays text, ``*Wort*`` and ``**Wort**``
    stay emphasis. An inline pattern after code spans, escapes, links and inline HTML (so a star
    in code or in an address stays as it is) and before emphasis. Used for contributor Markdown
    (``narrative_html``) and for the pages MkDocs renders (``site/adapter.py``)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_LiteralStar(GENDER_STAR, md), "gender_star", 75)


# Every character an inline pattern can start with or needs (code, escapes, links and images,
# autolinks and HTML, entities, emphasis and the gender star) and the stash's placeholders; a
# line break is two spaces before a new line.
_INLINE_SYNTAX = re.compile(r"[`\\\[\]!<>&*_\x02\x03]|  \n")


_GENDER_STAR = re.compile(GENDER_STAR)


def _no_syntax(text: str) -> bool:
    return not _INLINE_SYNTAX.search(text)


def _only_gender_stars(text: str) -> bool:
    """Whether *text* has no inline syntax but gender stars (which stay as they are, see ``GenderStar``)."""
    if not _INLINE_SYNTAX.search(text):
        return True
    return "*" in text and not _INLINE_SYNTAX.search(_GENDER_STAR.sub("", text))


class _PlainText(Treeprocessor):
    """Text without any inline syntax is marked as an AtomicString before the inline patterns run:
    Python-Markdown then leaves it as it is instead of trying every pattern on it, which gives the
    same text (most paragraphs of a narrative have no inline syntax but gender stars)."""

    def run(self, root: etree.Element) -> None:
        # Texts the inline patterns would look at (an AtomicString, such as code, they leave alone).
        texts = [t for element in root.iter() for t in (element.text, element.tail) if t and type(t) is str]
        # Gender stars are stashed while the inline patterns run, and so counted: were some texts
        # with them left out and others not, a stash placeholder that emphasis across it breaks up
        # (its number then shows) would be numbered otherwise. So either all texts are plain, or
        # only those without any inline syntax are left out.
        plain = _only_gender_stars if all(_only_gender_stars(t) for t in texts) else _no_syntax
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and type(text) is str and plain(text):
                element.text = AtomicString(text)
            if tail and type(tail) is str and plain(tail):
                element.tail = AtomicString(tail)


class PlainText(Extension):
    """Python-Markdown: plain text skips the inline patterns (``_PlainText``); same output, faster."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_PlainText(md), "pk_plain_text", 25)  # before "inline" (20)


@cache
def _narrative_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", GenderStar(), PlainText()], extension_configs={"toc": {"baselevel": 2, "slugify": _slug}}
    )


def narrative_html(text: str) -> Markup:
    """Contributor Markdown → sanitised HTML (``##`` becomes h3 under the page's sections, ids prefixed)."""
    md = _narrative_markdown()
    md.reset()
    html = md.convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def paragraphs(text: str) -> Markup:
    parts = [same_language(text, p.strip()) for p in text.replace("\r", "").split("\n\n") if p.strip()]
    return Markup("\n".join(f"<p>{escape(p)}</p>" for p in parts))  # noqa: S704 - escaped


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("praxis_kb", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    # For attributes: a text without markup of its own (a SourceText writes a span in HTML).
    env.filters["plain"] = lambda value: str(value)
    return env


def front_matter(title: str, description: str = "", **extra: Any) -> str:
    # Material prints page.meta.title and description unescaped: escape them here.
    meta: dict[str, Any] = {"title": str(escape(str(title)))}  # str(): no markup of a SourceText
    if description:
        meta["description"] = str(escape(str(description)))
    meta.update(extra)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when PyYAML has it: faster
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


# CSV cells that a spreadsheet would run as a formula get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs (formula injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
