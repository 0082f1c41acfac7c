"""The rendering context of one language, shared by every page family."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from praxis_kb.model import Case, Model, Text, TranslationStatus, pick
from praxis_kb.model import coverage as coverage_
from praxis_kb.render import svg
from praxis_kb.render.escaping import environment, front_matter, paragraphs
from praxis_kb.render.fragments import Page, split_fragments
from praxis_kb.render.qr import qr_svg
from praxis_kb.render.statements import Statements
from praxis_kb.render.strings import Strings, direction, format_day, format_list, format_number


class Context:
    """What every page of one language needs: the model, the language, its strings, addresses and
    the helpers the templates call."""

    def __init__(
        self,
        model: Model,
        lang: str,
        coverage: list[coverage_.LanguageCoverage] | None = None,
        site_url: str = "",
        pdf: bool = False,
        today: dt.date | None = None,
    ) -> None:
        self.model = model
        self.lang = lang
        self.t = Strings(lang)
        self.coverage = coverage or []
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.pdf = pdf
        self.today = today or dt.date.today()  # the build's date: what a page calls "now"
        seasons = model.vocabularies.get("jahreszeiten")
        self.say = Statements(lang, {key: pick(entry.label, lang) for key, entry in seasons.entries.items()} if seasons else {})

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
            f'<div class="pk-print-only pk-qr">{code}<p>{escape(self.t.online_at)}<br><span class="pk-url" dir="ltr">{escape(url)}</span></p></div>'
        )

    def machine_translated(self, statuses: dict[str, TranslationStatus] | None = None) -> bool:
        """Whether this language's texts on a page are a machine translation nobody reviewed: the
        site's own texts, or the page's content with review *statuses* (language → status)."""
        if self.lang == self.model.languages[0]:
            return False
        if not coverage_.ui_reviewed(self.lang):
            return True
        return statuses is not None and bool(statuses) and statuses.get(self.lang) is not TranslationStatus.REVIEWED

    def page(self, path: str, title: str, description: str, body: str, *, notice: bool = True, statuses: dict[str, TranslationStatus] | None = None) -> Page:
        """A generated page; in a machine-translated language it starts with a notice saying so."""
        prefix = ""
        if notice and self.machine_translated(statuses):
            prefix = environment().get_template("language_notice.md.j2").render(**self.helpers(self.base_of(path)))
        markdown_text, fragments = split_fragments(prefix + body)
        return Page(path, front_matter(title, description) + markdown_text, fragments)

    @staticmethod
    def base_of(path: str) -> str:
        """Relative way from a generated page to its language's root."""
        depth = path.count("/")
        name = path.rsplit("/", 1)[-1]
        return "../" * (depth + (0 if name.startswith("index.") else 1))

    def label(self, vocabulary: str, entry: str) -> str:
        return self.model.vocab(vocabulary).label(entry, self.lang)

    def quoted(self, text: str, language: str) -> Markup:
        """*text* written in *language* (a framework's criterion, an English description), marked
        so when the page is in another language."""
        if not language or language == self.lang:
            return escape(text)
        return Markup(f'<span lang="{escape(language)}" dir="ltr">{escape(text)}</span>')  # noqa: S704 - escaped

    def entry_language(self, vocabulary: str, entry: str) -> str:
        """The language an entry's texts are quoted in (a framework's ``sprache``), "" if none."""
        found = self.model.vocab(vocabulary).entries.get(entry)
        return found.language if found else ""

    def text(self, value: Text) -> str:
        return pick(value, self.lang)

    def number(self, value: float) -> str:
        return format_number(value, self.lang)

    def helpers(self, base: str) -> dict[str, Callable[..., Any] | Any]:
        return {
            "t": self.t,
            "lang": self.lang,
            "base": base,
            "label": self.label,
            "text": self.text,
            "quoted": self.quoted,
            "entry_language": self.entry_language,
            "number": self.number,
            "listing": lambda items: format_list([str(item) for item in items], self.lang),  # "a, b und c", "a، b و c"
            "labels": lambda vocabulary, ids: [self.label(vocabulary, i) for i in ids],
            "paragraphs": paragraphs,
            "date": self.say.date,  # "5. März 2017", "Frühjahr 2016", "2018–2019", "ohne Datum"
            "when": self.say.when,  # a date and its note
            "say": self.say,  # statements: unknown, uncertain, with their notes (render/statements.py)
            "day": lambda v: format_day(v, self.lang),
            "icon": svg.legend_icon,
            "fallback": self.fallback,
            "stage_bar": svg.stage_bar,
            "direction": direction,
        }

    def fallback(self, case: Case) -> Markup:
        """lang/dir attributes for a case's texts shown in German because no translation exists."""
        source = self.model.languages[0]
        if not case.translation_missing or self.lang == source:
            return Markup("")
        return Markup(f' lang="{source}" dir="ltr"')  # noqa: S704 - fixed values

    def root(self) -> str:
        """Relative way from a page one folder deep to the site root (above language folders)."""
        return "../" if self.lang == self.model.languages[0] else "../../"

    def language_name(self, code: str) -> str:
        """A language's name in its own language, as the language switcher shows it."""
        try:
            from babel import Locale

            return str(Locale.parse(code).get_display_name(code)).capitalize()
        except (ValueError, LookupError):
            return code

    def verdicts(self, case: Case) -> tuple[str, list[Any]]:
        order = list(self.model.vocab("standorttypen").entries)
        verdicts = sorted(case.transfer.verdicts.values(), key=lambda v: order.index(v.site_type))
        return " ".join(f"{v.site_type}:{v.verdict}" for v in verdicts), verdicts
