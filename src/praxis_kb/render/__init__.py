"""Pure functions from the model to page sources (Markdown with embedded, escaped HTML).

Every contributor string goes through Jinja's autoescape; contributor Markdown is rendered here,
not by MkDocs, and sanitised with an allow-list (nh3) before it reaches a page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import markdown
import nh3
import yaml
import zxingcpp
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from praxis_kb.model import coverage as coverage_
from praxis_kb.site import htmlpost
from praxis_kb.render import opendata, svg
from praxis_kb.model import Case, Criterion, DatePoint, Model, Text, pick

# What contributor Markdown may become: text structure, links, tables. No scripts, styles,
# forms, frames, event handlers or URL schemes other than http(s) and mailto.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
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
        value = pick(table[key], self.lang)
        setattr(self, key, value)  # looked up once per key and language
        return value


def _slug(value: str, separator: str) -> str:
    return NARRATIVE_ID_PREFIX + slugify(case="lower")(value, separator)


@cache
def _narrative_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", "toc"], extension_configs={"toc": {"baselevel": 2, "slugify": _slug}})


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


@lru_cache(maxsize=8192)
def _format_number(value: float, lang: str) -> str:
    return str(format_decimal(value, locale=lang))


def paragraphs(text: str) -> Markup:
    parts = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    return Markup("\n".join(f"<p>{escape(p)}</p>" for p in parts))  # noqa: S704 - escaped


@lru_cache(maxsize=8192)  # the same dates recur across cases; babel's formatting is not free
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


def untranslated_page(html: str, lang: str, source: str) -> str:
    """A page that exists only in *source* (German), shown in a *lang* build: a notice in the
    reader's language, then the German text marked as German and laid out left to right."""
    return _environment().get_template("untranslated_page.html.j2").render(
        t=Strings(lang), lang=lang, source=source, direction=htmlpost.direction(source), html=Markup(html)
    )


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
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when PyYAML has it: faster
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


_ZINT_SVG = re.compile(r'<svg width="(\d+)" height="(\d+)".*?<path d="([A-Za-z0-9 .-]+)"', re.S)


def qr_svg(text: str, label: str) -> str:
    """An inline SVG QR code (error correction M, the best-scanning mask, a quiet zone of four
    modules) drawn by zxing-cpp, which encodes in C++ (segno took about 6 ms per code in Python);
    ``label`` names the image for screen readers."""
    drawn = zxingcpp.write_barcode_to_svg(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M"))
    found = _ZINT_SVG.search(drawn)
    if found is None:  # a changed writer: fail loudly in the tests, never print a broken code
        raise RuntimeError(f"unexpected QR code SVG from zxing-cpp: {drawn[:200]!r}")
    width, height, path = found.groups()
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{height}" fill="#fff"/><path fill="#000" d="{path}"/></svg>'
    )


class Renderer:
    """Renders all pages of one language."""

    def __init__(
        self, model: Model, lang: str, coverage: list[coverage_.LanguageCoverage] | None = None, site_url: str = "", pdf: bool = False
    ) -> None:
        self.model = model
        self.lang = lang
        self.t = Strings(lang)
        self.coverage = coverage or []
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.pdf = pdf

    def url_of(self, path: str) -> str:
        """The public address of a page below this language's root, if site_url is known."""
        if not self.site_url:
            return ""
        prefix = "" if self.lang == self.model.languages[0] else f"{self.lang}/"
        return f"{self.site_url}{prefix}{path}"

    def qr(self, path: str) -> Markup:
        """For print: a QR code of the page's address, with the address written beside it."""
        url = self.url_of(path)
        if not url:
            return Markup("")
        code = qr_svg(url, self.t.qr_label)
        return Markup(  # noqa: S704 - the code's own SVG and escaped text
            f'<div class="pk-print-only pk-qr">{code}<p>{escape(self.t.online_at)}<br><span class="pk-url">{escape(url)}</span></p></div>'
        )

    def machine_translated(self, statuses: dict[str, str] | None = None) -> bool:
        """Whether this language's texts on a page are a machine translation nobody reviewed."""
        if self.lang == self.model.languages[0]:
            return False
        if coverage_.ui_review_status().get(self.lang) != "geprueft":
            return True
        return bool(statuses) and statuses.get(self.lang) != "geprueft"

    def page(self, path: str, title: str, description: str, body: str, *, notice: bool = True, statuses: dict[str, str] | None = None) -> Page:
        """A generated page; in a machine-translated language it starts with a notice saying so."""
        prefix = ""
        if notice and self.machine_translated(statuses):
            prefix = _environment().get_template("language_notice.md.j2").render(**self.helpers(self.base_of(path)))
        markdown_text, fragments = split_fragments(prefix + body)
        return Page(path, _front_matter(title, description) + markdown_text, fragments)

    @staticmethod
    def base_of(path: str) -> str:
        """Relative way from a generated page to its language's root."""
        depth = path.count("/")
        name = path.rsplit("/", 1)[-1]
        return "../" * (depth + (0 if name.startswith("index.") else 1))

    def label(self, vocabulary: str, entry: str) -> str:
        return self.model.vocab(vocabulary).label(entry, self.lang)

    def text(self, value: Text) -> str:
        return pick(value, self.lang)

    def number(self, value: float) -> str:
        return _format_number(value, self.lang)

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
            "icon": svg.legend_icon,
            "fallback": self.fallback,
            "stage_bar": svg.stage_bar,
        }

    def fallback(self, case: Case) -> Markup:
        """lang/dir attributes for a case's texts shown in German because no translation exists."""
        source = self.model.languages[0]
        if case.translation_status != "fehlt" or self.lang == source:
            return Markup("")
        return Markup(f' lang="{source}" dir="ltr"')  # noqa: S704 - fixed values

    def network(self, case: Case) -> dict[str, Any]:
        actor_types = self.model.vocab("akteurstypen").entries
        keys = list(case.actors)
        actors = []
        for number, key in enumerate(keys, 1):
            actor = case.actors[key]
            group = actor_types[actor.types[0]].group
            actors.append({"number": number, "name": actor.name, "types": actor.types, "role": actor.role, "group": group})
        nodes = [svg.Node(a["number"], a["group"]) for a in actors]
        edges = [svg.Edge(keys.index(t.source), keys.index(t.target), t.frequency) for t in case.ties]
        group_order = list(self.model.vocab("akteursgruppen").entries)
        groups = sorted({a["group"] for a in actors}, key=lambda g: group_order.index(g) if g in group_order else len(group_order))
        picture = svg.network_map(
            nodes,
            edges,
            self.t.network_map_title.format(title=case.title),
            self.t.network_map_desc.format(actors=len(actors), ties=len(edges)),
            f"netz-{case.id}",
        )
        return {"svg": picture, "actors": actors, "groups": groups}

    def ladder(self, current: str, ident: str) -> Markup:
        vocabulary = self.model.vocab("partizipationsstufen")
        steps = [svg.LadderStep(e.step, self.text(e.label), e.area) for e in vocabulary.entries.values()]
        entry = vocabulary.entries[current]
        return svg.participation_ladder(
            steps, entry.step, self.t.ladder_title, self.t.ladder_desc.format(n=entry.step, label=self.text(entry.label)), ident
        )

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
            participation={"step": step.step, "area": step.area, "svg": self.ladder(case.participation_step, f"leiter-{case.id}")},
            network=self.network(case),
            assessments=assessments,
            pre=case.transfer.prerequisites,
            verdicts=verdicts,
            qr=self.qr(f"praxis/{case.id}/"),  # on the case sheet and on the transfer check
            **self.helpers("../../"),
        )
        return self.page(f"praxis/{case.id}.{self.lang}.md", case.title, case.summary, body, notice=self.notice(case) is None)

    def _verdicts(self, case: Case) -> tuple[str, list[Any]]:
        order = list(self.model.vocab("standorttypen").entries)
        verdicts = sorted(case.transfer.verdicts.values(), key=lambda v: order.index(v.site_type))
        return " ".join(f"{v.site_type}:{v.verdict}" for v in verdicts), verdicts

    def _facet(self, name: str, legend: str, vocabulary: str, used: list[list[str]], open_: bool = False) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for values in used:
            for value in set(values):
                counts[value] = counts.get(value, 0) + 1
        options = [
            {"id": entry_id, "label": self.label(vocabulary, entry_id), "count": counts[entry_id]}
            for entry_id in self.model.vocab(vocabulary).entries
            if entry_id in counts
        ] if vocabulary != "kriterien" else [
            {"id": c.id, "label": self.text(c.name), "count": counts[c.id]} for c in self.model.criteria.values() if c.id in counts
        ]
        return {"name": name, "legend": legend, "options": options, "open": open_}

    def cases_index(self) -> Page:
        cases = self.model.cases_in(self.lang)
        cards = []
        for case in cases:
            verdicts, verdict_list = self._verdicts(case)
            cards.append({
                "case": case,
                "verdicts": verdicts,
                "verdict_list": verdict_list,
                "actor_types": sorted({t for a in case.actors.values() for t in a.types}),
                "instruments": sorted({i.type for i in case.instruments}),
                "criteria": [a.criterion for a in case.assessments],
            })
        facets = [
            self._facet("handlungsfeld", self.t.fields_of_action, "handlungsfelder", [c.fields_of_action for c in cases]),
            self._facet("akteur", self.t.actors, "akteurstypen", [card["actor_types"] for card in cards]),
            self._facet("instrument", self.t.instruments, "instrumente", [card["instruments"] for card in cards]),
            self._facet("kriterium", self.t.criteria, "kriterien", [card["criteria"] for card in cards]),
            self._facet("partizipation", self.t.participation_step, "partizipationsstufen", [[c.participation_step] for c in cases]),
            self._facet("status", self.t.status_facet, "status", [[c.status] for c in cases]),
        ]
        body = _environment().get_template("cases_index.md.j2").render(
            cases=cases, cards=cards, facets=facets, site_types=list(self.model.vocab("standorttypen").entries.values()), **self.helpers("../")
        )
        return self.page(f"praxis/index.{self.lang}.md", self.t.cases, self.t.cases_intro, body)

    def matcher_page(self) -> Page:
        cases = self.model.cases_in(self.lang)
        cards = []
        actors_used: set[str] = set()
        resources_used: set[str] = set()
        for case in cases:
            pre = case.transfer.prerequisites
            needs = [{"key": f"akteur:{a}", "label": self.label("akteurstypen", a)} for a in pre.actor_types]
            needs += [{"key": f"ressource:{r}", "label": self.label("ressourcen", r)} for r in pre.resources]
            if pre.political_backing == "erforderlich":
                needs.append({"key": "rueckendeckung:1", "label": self.t.political_backing})
            actors_used.update(pre.actor_types)
            resources_used.update(pre.resources)
            verdicts, verdict_list = self._verdicts(case)
            cards.append({"case": case, "verdicts": verdicts, "verdict_list": verdict_list, "needs": needs})
        actor_options = [{"id": e, "label": self.label("akteurstypen", e)} for e in self.model.vocab("akteurstypen").entries if e in actors_used]
        resource_options = [{"id": e, "label": self.label("ressourcen", e)} for e in self.model.vocab("ressourcen").entries if e in resources_used]
        body = _environment().get_template("matcher.md.j2").render(
            cards=cards,
            actor_options=actor_options,
            resource_options=resource_options,
            site_types=list(self.model.vocab("standorttypen").entries.values()),
            **self.helpers("../"),
        )
        return self.page(f"passt-das/index.{self.lang}.md", self.t.matcher_title, self.t.matcher_intro, body)

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
        return self.page(f"kriterien/{criterion.id}.{self.lang}.md", self.text(criterion.name), self.text(criterion.short), body, statuses=criterion.review)

    def criteria_index(self) -> Page:
        groups: dict[str, list[Criterion]] = {}
        for criterion in self.model.criteria.values():
            groups.setdefault(criterion.group, []).append(criterion)
        order = list(self.model.vocab("kriteriengruppen").entries)
        ordered = sorted(groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        cases = self.model.cases_in(self.lang)
        stages = {(case.id, a.criterion): a.stage for case in cases for a in case.assessments}
        body = _environment().get_template("criteria_index.md.j2").render(
            groups=ordered, cases=cases, stages=stages, all_criteria=list(self.model.criteria.values()), **self.helpers("../")
        )
        return self.page(f"kriterien/index.{self.lang}.md", self.t.criteria, "", body)

    def site_type_page(self, site_type: str) -> Page:
        entry = self.model.vocab("standorttypen").entries[site_type]
        verdict_order = list(self.model.vocab("eignungsurteile").entries)
        grouped: dict[str, list[dict[str, Any]]] = {v: [] for v in verdict_order}
        for case in self.model.cases_in(self.lang):
            verdict = case.transfer.verdicts.get(site_type)
            if verdict:
                grouped.setdefault(verdict.verdict, []).append({"case": case, "conditions": verdict.conditions})
        body = _environment().get_template("site_type.md.j2").render(entry=entry, grouped=grouped, **self.helpers("../../"))
        return self.page(f"standorttypen/{site_type}.{self.lang}.md", self.text(entry.label), self.text(entry.description), body)

    def site_types_index(self) -> Page:
        entries = list(self.model.vocab("standorttypen").entries.values())
        counts = {
            e.id: sum(1 for c in self.model.cases_in(self.lang) if c.site.site_type == e.id) for e in entries
        }
        body = _environment().get_template("site_types_index.md.j2").render(entries=entries, counts=counts, **self.helpers("../"))
        return self.page(f"standorttypen/index.{self.lang}.md", self.t.site_types, "", body)

    def overview_page(self) -> Page:
        cases = self.model.cases_in(self.lang)
        charts = []

        def chart(ident: str, title: str, label_header: str, value_header: str, rows: list[dict[str, Any]]) -> None:
            bars = [svg.Bar(r["label"], r["value"], r["shown"]) for r in rows]
            picture = svg.bar_chart(bars, title, "; ".join(f"{r['label']}: {r['shown']}" for r in rows), f"chart-{ident}")
            charts.append({"id": ident, "title": title, "label_header": label_header, "value_header": value_header, "rows": rows, "svg": picture})

        site_rows = []
        for entry_id in self.model.vocab("standorttypen").entries:
            n = sum(1 for c in cases if c.site.site_type == entry_id)
            site_rows.append({"label": self.label("standorttypen", entry_id), "value": n, "shown": str(n), "href": f"../standorttypen/{entry_id}/"})
        chart("standorttypen", self.t.cases_per_site_type, self.t.site_type, self.t.cases, site_rows)

        field_rows = []
        for entry_id in self.model.vocab("handlungsfelder").entries:
            n = sum(1 for c in cases if entry_id in c.fields_of_action)
            field_rows.append({"label": self.label("handlungsfelder", entry_id), "value": n, "shown": str(n), "href": ""})
        chart("handlungsfelder", self.t.cases_per_field, self.t.fields_of_action, self.t.cases, field_rows)

        criteria_rows = []
        for criterion in self.model.criteria.values():
            found = [a.stage for c in cases for a in c.assessments if a.criterion == criterion.id]
            mean = sum(found) / len(found) if found else 0
            shown = self.t.coverage_value.format(n=len(found), mean=self.number(round(mean, 1))) if found else "0"
            criteria_rows.append({"label": self.text(criterion.name), "value": len(found), "shown": shown, "href": f"../kriterien/{criterion.id}/"})
        chart("kriterien", self.t.criteria_coverage, self.t.criterion, self.t.coverage_header, criteria_rows)

        body = _environment().get_template("overview.md.j2").render(charts=charts, case_count=len(cases), **self.helpers("../"))
        return self.page(f"ueberblick/index.{self.lang}.md", self.t.overview, self.t.overview_intro.format(n=len(cases)), body)

    def open_data_page(self) -> Page:
        site_types = list(self.model.vocab("standorttypen").entries)
        columns = [(name, opendata.column_description(name, german, self.lang)) for name, german, _ in opendata.csv_columns(site_types)]
        body = _environment().get_template("open_data.md.j2").render(
            columns=columns, root=self.root(), feed=opendata.feed_name(self.lang), **self.helpers("../")
        )
        return self.page(f"offene-daten/index.{self.lang}.md", self.t.open_data, self.t.open_data_intro, body)

    def root(self) -> str:
        """Relative way from a page one folder deep to the site root (above language folders)."""
        return "../" if self.lang == self.model.languages[0] else "../../"

    def search_page(self) -> Page:
        body = _environment().get_template("search.md.j2").render(**self.helpers("../"))
        return self.page(f"suche/index.{self.lang}.md", self.t.search, self.t.search_intro, body)

    def coverage_page(self) -> Page:
        areas = [("ui", self.t.coverage_ui), ("vocabularies", self.t.coverage_vocabularies), ("criteria", self.t.coverage_criteria), ("cases", self.t.coverage_cases)]
        body = _environment().get_template("coverage.md.j2").render(
            coverage=self.coverage, areas=areas, source=self.model.languages[0], language_name=self.language_name, **self.helpers("../")
        )
        return self.page(f"uebersetzungen/index.{self.lang}.md", self.t.coverage, self.t.coverage_intro, body)

    def language_name(self, code: str) -> str:
        """A language's name in its own language, as the language switcher shows it."""
        try:
            from babel import Locale

            return str(Locale.parse(code).get_display_name(code)).capitalize()
        except (ValueError, LookupError):
            return code

    def checklist_page(self, site_type: str = "") -> Page:
        entry = self.model.vocab("standorttypen").entries.get(site_type) if site_type else None
        needs: list[dict[str, Any]] = []
        if entry:
            counts: dict[tuple[str, str], int] = {}
            for case in self.model.cases_in(self.lang):
                verdict = case.transfer.verdicts.get(site_type)
                if not verdict or verdict.verdict == "nicht-geeignet":
                    continue
                pre = case.transfer.prerequisites
                for key in [("akteurstypen", a) for a in pre.actor_types] + [("ressourcen", r) for r in pre.resources]:
                    counts[key] = counts.get(key, 0) + 1
            ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            needs = [{"label": self.label(vocab, ident), "count": n} for (vocab, ident), n in ordered]
        title = self.t.checklist_for_site_type.format(label=self.text(entry.label)) if entry else self.t.checklist
        path = f"checkliste/{site_type}.{self.lang}.md" if entry else f"checkliste/index.{self.lang}.md"
        base = self.base_of(path)
        pdf = f"{'../' if entry else ''}{self.root()}pdf/checkliste.{self.lang}.pdf" if self.pdf and not entry else ""
        body = _environment().get_template("checklist.md.j2").render(
            title=title, site_type=entry, needs=needs, criteria=list(self.model.criteria.values()),
            site_types=list(self.model.vocab("standorttypen").entries.values()), pdf=pdf, **self.helpers(base),
        )
        return self.page(path, title, self.t.checklist_intro, body)

    def pages(self) -> list[Page]:
        out = [self.cases_index(), self.matcher_page(), self.overview_page(), self.open_data_page(), self.criteria_index(), self.site_types_index()]
        out += [self.search_page(), self.coverage_page(), self.checklist_page()]
        out += [self.checklist_page(s) for s in self.model.vocab("standorttypen").entries]
        out += [self.case_page(by_lang[self.lang]) for by_lang in self.model.cases.values()]
        out += [self.criterion_page(c) for c in self.model.criteria.values()]
        out += [self.site_type_page(s) for s in self.model.vocab("standorttypen").entries]
        return out


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
    env = _environment()
    pages = []
    for lang in languages:
        for name in LEGAL_PAGES:
            template = f"pages/{name}.{lang}.md.j2"
            if template not in env.list_templates():
                continue  # static-i18n falls back to the German page
            text = env.get_template(template).render(
                operator={"name": operator.name, "address": list(operator.address), "email": operator.email, "complete": operator.complete},
                updated=format_date(today, format="long", locale=lang),
            )
            pages.append(Page(f"{name}.{lang}.md", text))
    return pages


def render_all(
    model: Model,
    operator: Operator | None = None,
    today: dt.date | None = None,
    coverage: list[coverage_.LanguageCoverage] | None = None,
    site_url: str = "",
    pdf: bool = False,
    *,
    workers: int = 1,
) -> list[Page]:
    """Every generated page in every language, in a stable order.

    With *workers* > 1 the languages are rendered in that many forked processes at once (see
    ``parallel_workers``); the pages are the same either way.
    """
    def one(lang: str) -> list[Page]:
        return Renderer(model, lang, coverage, site_url, pdf).pages()

    workers = min(workers, len(model.languages))
    if workers > 1 and not fork_is_safe():
        workers = 1  # forking beside other threads can deadlock (and warns from Python 3.12 on)
    if workers > 1:
        import multiprocessing

        global _fork_job
        # This process renders every workers-th language, forked workers the others. A forked
        # worker inherits the job: the model is not copied through a pipe.
        shares = [model.languages[start::workers] for start in range(workers)]
        _fork_job = lambda share: [page for lang in share for page in one(lang)]  # noqa: E731
        import gc

        gc.freeze()  # what exists now stays shared with the workers, never scanned or copied
        try:
            with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
                others = pool.map_async(_run_fork_job, shares[1:], chunksize=1)
                pages = _fork_job(shares[0])
                for share_pages in others.get():
                    pages.extend(share_pages)
        finally:
            _fork_job = None
            gc.unfreeze()
    else:
        pages = [page for lang in model.languages for page in one(lang)]
    pages.extend(legal_pages(operator or Operator(), model.languages, today or dt.date.today()))
    return sorted(pages, key=lambda p: p.path)


_fork_job: Callable[[tuple[str, ...]], list[Page]] | None = None


def _run_fork_job(share: tuple[str, ...]) -> list[Page]:
    assert _fork_job is not None
    return _fork_job(share)


# Below this many cases, starting processes costs more than it saves.
PARALLEL_FROM_CASES = 100


def fork_is_safe() -> bool:
    """Whether this process may fork render workers: it can, and no other thread is running."""
    import multiprocessing
    import threading

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def parallel_workers(cases: int, *, cores: int | None = None, threads: int | None = None) -> int:
    """How many processes may render at once: more than one only for a large collection, on a
    machine with more than one core, in a process without other threads (forking a process with
    threads, such as ``mkdocs serve``'s, is unsafe). *cores* and *threads* default to this machine
    and this process."""
    import multiprocessing
    import os
    import threading

    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if threads is None:
        threads = threading.active_count()
    if cases < PARALLEL_FROM_CASES or cores < 2 or threads > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return cores
