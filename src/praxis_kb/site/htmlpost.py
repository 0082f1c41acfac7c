"""Small, exact edits of the HTML that MkDocs and Material write.

Material puts ``dir="rtl"`` on ``<body>`` only; W3C's i18n guidance wants language and direction on
``<html>``, where screen readers and browsers look first. The main content gets
``data-pagefind-body`` so that the search index holds page content, not navigation.
"""

from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import escape

from praxis_kb.render import hyphenate, latin
from praxis_kb.render.strings import direction

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")
_CHARSET = re.compile(r'<meta charset="[^"]*">', re.IGNORECASE)

# What the site needs besides its own files: WebAssembly for the search (Pagefind), data: URIs
# for Material's icons in CSS, inline style attributes set by Material's scripts.
CSP_BASE = (
    "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'; "
    "img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self'; "
    "worker-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes of the inline scripts that run (not JSON data blocks, not src= scripts)."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def add_content_security_policy(html: str) -> str:
    """A CSP meta tag right after <meta charset>, allowing exactly this page's inline scripts."""
    policy = CSP_BASE + "".join(f" {h}" for h in inline_script_hashes(html))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    match = _CHARSET.search(html)
    if not match:
        return html
    return html[: match.end()] + "\n    " + tag + html[match.end() :]


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


def set_language(html: str, lang: str) -> str:
    """Give the first ``<html>`` tag the page's ``lang`` and ``dir``."""
    match = _HTML_TAG.search(html)
    if not match:
        return html
    tag = match.group(0)
    tag = re.sub(r'\s(lang|dir)="[^"]*"', "", tag)
    new = tag[:5] + f' lang="{lang}" dir="{direction(lang)}"' + tag[5:]
    return html[: match.start()] + new + html[match.end() :]


_ARTICLE_END = "</article>"


def hyphenate_content(html: str, lang: str) -> str:
    """Soft hyphens in the German words of a page's main content (render/hyphenate.py), on every
    page: the pages MkDocs renders from docs/ and the generated ones. A page whose renderer has
    hyphenated it already (case pages, checklists: they carry soft hyphens) is left as it is."""
    start = _ARTICLE.search(html)
    end = html.find(_ARTICLE_END, start.end()) if start else -1
    if not start or end < 0 or html.find("\u00ad", start.start(), end) >= 0:
        return html
    return html[: start.start()] + hyphenate.html(html[start.start() : end], lang) + html[end:]


def script_fragment(html: str, lang: str, quoted: latin.Quoted | None = None) -> str:
    """What the passes over a page do to its main content, done to a piece of it that a script
    inserts later: the Praxisfinder's cards, fetched in files of cards (render/finder.py, called
    by site/generate.py): soft hyphens, and the language of Latin-script words (*quoted*: see
    ``mark_latin_script``). A pass over the main content that changes its text or its language
    marks belongs here too."""
    return latin.mark(hyphenate.html(html, lang), lang, quoted)


UNSEARCHABLE = "data-pk-unsearchable"  # in a page's content: the page stays out of the search


def mark_search_body(html: str) -> str:
    """Let the search index only the main content of a page. A page that says it is no search
    result (the pages of the plain list of cases: a search would find "Alle Praxisbeispiele –
    Seite 3") gets no search body; Pagefind then leaves it out, as every other page has one."""
    if UNSEARCHABLE in html:
        return html
    return _ARTICLE.sub('<article class="md-content__inner md-typeset" data-pagefind-body', html, count=1)


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = 'tabindex=""'
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="(?P<id>__[^"]+)"')  # Material's own toggles: __toc, __nav_2, …


def fix_theme_markup(html: str) -> str:
    """Three spots where Material's templates write invalid HTML (Nu Html Checker errors):
    ``autocomplete`` on checkboxes, empty ``tabindex`` on nav labels, and a table-of-contents label
    whose ``for`` names a toggle the page does not have."""
    if 'autocomplete="off"' in html:
        html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if _EMPTY_TABINDEX in html:
        html = _drop_empty_tabindex(html)

    def keep_or_drop(match: re.Match[str]) -> str:
        return match.group(0) if f' id="{match.group("id")}"' in html else match.group(1)

    return _LABEL_FOR.sub(keep_or_drop, html)


def _drop_empty_tabindex(html: str) -> str:
    """Remove every ``tabindex=""`` attribute with the white space before it (a regular expression
    with ``\\s+`` is quadratic on Material's long indentation)."""
    parts = html.split(_EMPTY_TABINDEX)
    out = [parts[0]]
    for part in parts[1:]:
        before = out[-1].rstrip()
        if before != out[-1]:
            out[-1] = before
        else:  # not an attribute of its own: keep the text
            out.append(_EMPTY_TABINDEX)
        out.append(part)
    return "".join(out)


_HEADER_TOPIC = '<div class="md-header__topic" data-md-component="header-topic">\n          <span class="md-ellipsis"'


def mark_title_language(html: str, lang: str) -> str:
    """Mark the page title in the header as written in *lang* (a page shown untranslated)."""
    return html.replace(_HEADER_TOPIC, f'{_HEADER_TOPIC} lang="{lang}" dir="{direction(lang)}"', 1)


_MENU_BUTTON = '<label class="md-header__button md-icon" for="__drawer">'


def keyboard_menu_button(html: str, name: str) -> str:
    """Material's phone menu is a ``<label>`` for a hidden checkbox, out of the keyboard's reach,
    and a label may carry no role: the label gets a button inside it, a Tab stop with a name
    (overrides/assets/keyboard.js gives it Enter, Space and its state; a click still reaches the
    label)."""
    at = html.find(_MENU_BUTTON)
    if at < 0:
        return html
    end = html.index("</label>", at)
    button = f'<span class="pk-menu-button" tabindex="0" role="button" aria-label="{escape(name)}" aria-expanded="false">'
    inner = html[at + len(_MENU_BUTTON) : end]
    return html[: at + len(_MENU_BUTTON)] + button + inner + "</span>" + html[end:]


_SITE_NAME = '<div class="md-header__topic">\n          <span class="md-ellipsis">'


def mark_site_name(html: str, lang: str) -> str:
    """The site's name in the header is German on every page: marked so, and written left to right,
    so that in a right-to-left page its ellipsis cuts the end of the name, not its beginning."""
    return html.replace(_SITE_NAME, _SITE_NAME[:-1] + f' lang="{lang}" dir="{direction(lang)}">', 1)


_HEADERLINK = 'class="headerlink"'


def unsearchable_headerlinks(html: str) -> str:
    """The "¶" after every heading stays out of the search index (and out of result titles)."""
    return html.replace(_HEADERLINK, _HEADERLINK + " data-pagefind-ignore")


def mark_latin_script(html: str, lang: str, quoted: latin.Quoted | None = None) -> str:
    """On a page written in another script, Latin-script words not marked yet are marked as German
    (render/latin.py): the German names a translation keeps, file names, the site's name; the names
    the data says are quoted in English as English."""
    return latin.mark(html, lang, quoted)
