"""Drafts in a preview: the places a case still lacks, marked; a case that cannot be shown yet, as a
page listing its problems.

Only previews (make serve, make preview) show places left to fill in (``ERGÄNZEN: …``) and broken
cases; a published build refuses both. A place left open is a whole value of the case file, so its
text is found again in the page and marked there ("fehlt noch: …"), in the running text only —
never inside a tag, a picture (SVG) or a script.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from praxis_kb.load.project import SOURCE_LANGUAGE
from praxis_kb.problems import Problem, Severity
from praxis_kb.render.context import Context
from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page
from praxis_kb.validate.shape import FILL_IN

_TAG = re.compile(r"(<[^>]*>)")
# Elements whose text is no running text: a marker there stays as it is.
_UNTOUCHED = re.compile(r"<(/?)(svg|script|style|textarea|title)\b[^>]*?(/?)>", re.I)


def _forms(marker: str) -> set[str]:
    """How a marker's text may stand in a page: escaped by the templates, or by Markdown."""
    return {str(escape(marker)), html.escape(marker, quote=False)}


def marked(marker: str, label: str, lang: str) -> Markup:
    """One place left to fill in, as a page marks it: "fehlt noch: <what belongs here>"."""
    what = marker.strip().removeprefix(FILL_IN).strip()
    text = Markup("{}").format(what) if lang == SOURCE_LANGUAGE else Markup('<bdi lang="{}">{}</bdi>').format(SOURCE_LANGUAGE, what)
    return Markup('<mark class="pk-missing"><span class="pk-missing__label">{}</span> {}</mark>').format(label, text)


def mark_missing(page_html: str, markers: Iterable[str], label: str, lang: str) -> str:
    """*page_html* with each of the case's *markers* (its values left to fill in) marked where it
    stands as text."""
    forms = sorted({form for marker in markers if marker.strip() for form in _forms(marker.strip())}, key=len, reverse=True)
    if not forms:
        return page_html
    pattern = re.compile("|".join(re.escape(form) for form in forms))
    out: list[str] = []
    untouched = 0  # depth inside elements whose text is left alone
    for part in _TAG.split(page_html):
        tag = _UNTOUCHED.match(part) if part.startswith("<") else None
        if tag and not tag[3]:
            untouched = max(0, untouched - 1) if tag[1] else untouched + 1
        if part.startswith("<") or untouched:
            out.append(part)
        else:
            out.append(pattern.sub(lambda found: str(marked(html.unescape(found[0]), label, lang)), part))
    return "".join(out)


SEVERITY_WORDS = {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung", Severity.INFO: "Hinweis"}


def problem_page(ctx: Context, case_id: str, problems: list[Problem]) -> Page:
    """The page of a case a preview cannot show: what is wrong, in the validator's German words,
    with file, line and column, in the validator's order."""
    body = environment().get_template("draft_problems.md.j2").render(case_id=case_id, problems=problems, severity=SEVERITY_WORDS, **ctx.helpers("../../"))
    title = f"{ctx.t.draft_broken_title}: {case_id}"
    return ctx.page(f"praxis/{case_id}.{ctx.lang}.md", title, ctx.t.draft_broken_text, body, notice=False)
