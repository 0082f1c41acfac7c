"""Imprint, privacy and accessibility statement; and the notice on a hand-written page shown untranslated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from praxis_kb.render.escaping import environment
from praxis_kb.render.fragments import Page
from praxis_kb.render.strings import Strings, direction, format_day

LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")


@dataclass(frozen=True)
class Operator:
    """Who runs the site (mkdocs.yml: extra.betreiber), for imprint, privacy and accessibility."""

    name: str = ""
    address: tuple[str, ...] = ()
    email: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.name and self.address and self.email)


def legal_pages(operator: Operator, languages: tuple[str, ...], today: dt.date) -> list[Page]:
    """Imprint, privacy and accessibility statement in every language that has a template."""
    env = environment()
    pages = []
    for lang in languages:
        for name in LEGAL_PAGES:
            template = f"pages/{name}.{lang}.md.j2"
            if template not in env.list_templates():
                continue  # static-i18n falls back to the German page
            text = env.get_template(template).render(
                operator={"name": operator.name, "address": list(operator.address), "email": operator.email, "complete": operator.complete},
                updated=format_day(today.isoformat(), lang),  # as every date of the site (Persian: numeric)
            )
            pages.append(Page(f"{name}.{lang}.md", text))
    return pages


def untranslated_page(html: str, lang: str, source: str) -> str:
    """A page that exists only in *source* (German), shown in a *lang* build: a notice in the
    reader's language, then the German text marked as German and laid out left to right."""
    return (
        environment()
        .get_template("untranslated_page.html.j2")
        .render(
            t=Strings(lang),
            lang=lang,
            source=source,
            direction=direction(source),
            html=Markup(html),  # noqa: S704 - the page's HTML, built by MkDocs
        )
    )
