"""Small, exact edits of the HTML that MkDocs and Material write.

Material puts ``dir="rtl"`` on ``<body>`` only; W3C's i18n guidance wants language and direction on
``<html>``, where screen readers and browsers look first. The main content gets
``data-pagefind-body`` so that the search index holds page content, not navigation.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


@cache
def direction(lang: str) -> str:
    """"rtl" or "ltr" for a language code, from the Unicode CLDR data babel ships."""
    try:
        return "rtl" if Locale.parse(lang).text_direction == "rtl" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def set_language(html: str, lang: str) -> str:
    """Give the first ``<html>`` tag the page's ``lang`` and ``dir``."""
    match = _HTML_TAG.search(html)
    if not match:
        return html
    tag = match.group(0)
    tag = re.sub(r'\s(lang|dir)="[^"]*"', "", tag)
    new = tag[:5] + f' lang="{lang}" dir="{direction(lang)}"' + tag[5:]
    return html[: match.start()] + new + html[match.end() :]


def mark_search_body(html: str) -> str:
    """Let the search index only the main content of a page."""
    return _ARTICLE.sub('<article class="md-content__inner md-typeset" data-pagefind-body', html, count=1)
