"""Pure functions from the model to page sources (Markdown with embedded, escaped HTML).

Every contributor string goes through Jinja's autoescape; contributor Markdown is rendered here,
not by MkDocs, and sanitised with an allow-list (nh3) before it reaches a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import markdown
import nh3
import yaml
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from .model import Case, Criterion, DatePoint, Model, Text, pick

# What contributor Markdown may become: text structure, links, tables. No scripts, styles,
# forms, frames, event handlers or URL schemes other than http(s) and mailto.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
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


@cache
def ui_strings() -> dict[str, Text]:
    raw = resources.files("praxis_kb").joinpath("ui/strings.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    assert isinstance(data, dict)
    return data


class Strings:
    """UI strings of one language, with German as fallback."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        table = ui_strings()
        if key not in table:
            raise AttributeError(key)
        return pick(table[key], self.lang)


def _slug(value: str, separator: str) -> str:
    return NARRATIVE_ID_PREFIX + slugify(case="lower")(value, separator)


def narrative_html(text: str) -> Markup:
    """Contributor Markdown → sanitised HTML (headings start at h3, ids prefixed)."""
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3, "slugify": _slug}},
    )
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
    parts = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    return Markup("\n".join(f"<p>{escape(p)}</p>" for p in parts))  # noqa: S704 - escaped


def format_point(point: DatePoint, lang: str) -> str:
    value = point.value
    parts = value.split("-")
    try:
        if len(parts) == 3:
            shown = format_date(dt.date.fromisoformat(value), format="long", locale=lang)
        elif len(parts) == 2:
            shown = format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=lang)
        else:
            shown = value
    except (ValueError, LookupError):
        shown = value
    strings = Strings(lang)
    if point.precision == "ungefaehr":
        return strings.approx.format(date=shown)
    if point.precision == "strittig":
        return strings.disputed.format(date=shown)
    return shown


def format_day(value: str, lang: str) -> str:
    return format_point(DatePoint(value), lang)


@dataclass(frozen=True)
class Page:
    """A generated page source: its path below docs/ and its text."""

    path: str
    text: str


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("praxis_kb", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    return env


def _front_matter(title: str, description: str = "", **extra: Any) -> str:
    # Material prints page.meta.title and description unescaped: escape them here.
    meta: dict[str, Any] = {"title": str(escape(title))}
    if description:
        meta["description"] = str(escape(description))
    meta.update(extra)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


class Renderer:
    """Renders all pages of one language."""

    def __init__(self, model: Model, lang: str) -> None:
        self.model = model
        self.lang = lang
        self.t = Strings(lang)

    def label(self, vocabulary: str, entry: str) -> str:
        return self.model.vocab(vocabulary).label(entry, self.lang)

    def text(self, value: Text) -> str:
        return pick(value, self.lang)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.lang)

    def helpers(self, base: str) -> dict[str, Callable[..., Any] | Any]:
        return {
            "t": self.t,
            "lang": self.lang,
            "base": base,
            "label": self.label,
            "text": self.text,
            "number": self.number,
            "paragraphs": paragraphs,
            "date": lambda p: format_point(p, self.lang),
            "day": lambda v: format_day(v, self.lang),
        }

    def notice(self, case: Case) -> dict[str, str] | None:
        if case.body_lang != self.lang:
            return {"title": self.t.not_translated_title, "text": self.t.not_translated_text}
        if case.translation_status == "maschinell":
            return {"title": self.t.machine_translated_title, "text": self.t.machine_translated_text}
        return None

    def case_page(self, case: Case) -> Page:
        criteria = self.model.criteria
        step = self.model.vocab("partizipationsstufen").entries[case.participation_step]
        assessments = [
            {"criterion": criteria[a.criterion], "stage": a.stage, "justification": a.justification}
            for a in sorted(case.assessments, key=lambda a: criteria[a.criterion].order)
        ]
        site_types = list(self.model.vocab("standorttypen").entries)
        verdicts = sorted(case.transfer.verdicts.values(), key=lambda v: site_types.index(v.site_type))
        body = _environment().get_template("case.md.j2").render(
            case=case,
            notice=self.notice(case),
            narrative=narrative_html(case.body),
            instrument_types=list(dict.fromkeys(i.type for i in case.instruments)),
            participation={"step": step.step, "area": step.area},
            assessments=assessments,
            pre=case.transfer.prerequisites,
            verdicts=verdicts,
            **self.helpers("../../"),
        )
        return Page(f"praxis/{case.id}.{self.lang}.md", _front_matter(case.title, case.summary) + body)

    def cases_index(self) -> Page:
        body = _environment().get_template("cases_index.md.j2").render(cases=self.model.cases_in(self.lang), **self.helpers("../"))
        return Page(f"praxis/index.{self.lang}.md", _front_matter(self.t.cases) + body)

    def criterion_page(self, criterion: Criterion) -> Page:
        addressing = []
        for case in self.model.cases_in(self.lang):
            for a in case.assessments:
                if a.criterion == criterion.id:
                    addressing.append({"case": case, "stage": a.stage, "justification": a.justification})
        addressing.sort(key=lambda item: (-item["stage"], item["case"].title.casefold()))
        body = _environment().get_template("criterion.md.j2").render(
            criterion=criterion, addressing=addressing, **self.helpers("../../")
        )
        return Page(f"kriterien/{criterion.id}.{self.lang}.md", _front_matter(self.text(criterion.name), self.text(criterion.short)) + body)

    def criteria_index(self) -> Page:
        groups: dict[str, list[Criterion]] = {}
        for criterion in self.model.criteria.values():
            groups.setdefault(criterion.group, []).append(criterion)
        order = list(self.model.vocab("kriteriengruppen").entries)
        ordered = sorted(groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        body = _environment().get_template("criteria_index.md.j2").render(groups=ordered, **self.helpers("../"))
        return Page(f"kriterien/index.{self.lang}.md", _front_matter(self.t.criteria) + body)

    def site_type_page(self, site_type: str) -> Page:
        entry = self.model.vocab("standorttypen").entries[site_type]
        verdict_order = list(self.model.vocab("eignungsurteile").entries)
        grouped: dict[str, list[dict[str, Any]]] = {v: [] for v in verdict_order}
        for case in self.model.cases_in(self.lang):
            verdict = case.transfer.verdicts.get(site_type)
            if verdict:
                grouped.setdefault(verdict.verdict, []).append({"case": case, "conditions": verdict.conditions})
        body = _environment().get_template("site_type.md.j2").render(entry=entry, grouped=grouped, **self.helpers("../../"))
        return Page(f"standorttypen/{site_type}.{self.lang}.md", _front_matter(self.text(entry.label), self.text(entry.description)) + body)

    def site_types_index(self) -> Page:
        entries = list(self.model.vocab("standorttypen").entries.values())
        counts = {
            e.id: sum(1 for c in self.model.cases_in(self.lang) if c.site.site_type == e.id) for e in entries
        }
        body = _environment().get_template("site_types_index.md.j2").render(entries=entries, counts=counts, **self.helpers("../"))
        return Page(f"standorttypen/index.{self.lang}.md", _front_matter(self.t.site_types) + body)

    def pages(self) -> list[Page]:
        out = [self.cases_index(), self.criteria_index(), self.site_types_index()]
        out += [self.case_page(by_lang[self.lang]) for by_lang in self.model.cases.values()]
        out += [self.criterion_page(c) for c in self.model.criteria.values()]
        out += [self.site_type_page(s) for s in self.model.vocab("standorttypen").entries]
        return out


def render_all(model: Model) -> list[Page]:
    """Every generated page in every language, in a stable order."""
    pages: list[Page] = []
    for lang in model.languages:
        pages.extend(Renderer(model, lang).pages())
    return sorted(pages, key=lambda p: p.path)
