"""Statements as a page shows them: a value, or "nicht bekannt" with its reason; how sure it is; its note.

One look for each kind of hedge, everywhere on a case page and its transfer check: an unknown
value is the chip ``pk-unknown`` ("nicht bekannt"), an uncertain one carries the chip
``pk-uncertain`` ("ungefähr", "strittig") or, for a number, "ca."; a note is a line of its own
(``pk-note``), printed, never a tooltip. Nothing here turns an unknown value into 0 or a step.

The functions are pure: model values and one language's strings in, escaped markup out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from praxis_kb.model import DatePoint, Period, Precision, Stated, same_language
from praxis_kb.render.strings import Strings, format_number, format_point
from praxis_kb.validate.shape import FILL_IN

EMPTY = Markup("")


@dataclass(frozen=True)
class Shown:
    """A statement as the page writes it: the value in the running line (*inline*, with its chips),
    then its notes, each a line of its own. ``{{ shown }}`` writes both."""

    inline: Markup
    notes: Markup = EMPTY
    known: bool = True

    def __html__(self) -> str:
        return f"{escape(self.inline)}{escape(self.notes)}"

    def __str__(self) -> str:
        return self.__html__()


class Statements:
    """How one language writes statements. *seasons* maps the ids of vocabulary jahreszeiten to
    their labels in that language."""

    def __init__(self, lang: str, seasons: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self.t = Strings(lang)
        self.seasons = dict(seasons or {})

    # --- the pieces ---------------------------------------------------------------------------

    def note(self, text: str) -> Markup:
        """A note as a small line of its own ("Anmerkung: …"); nothing when there is none."""
        if not text or not text.strip():
            return EMPTY
        if text.strip().startswith(FILL_IN):  # a value left to fill in (previews): no note, a mark (render/drafts.py)
            return Markup(f' <span class="pk-note"><span dir="auto">{escape(text.strip())}</span></span>')  # noqa: S704 - escaped
        # dir="auto": a note not yet translated keeps its own direction inside a right-to-left page.
        # The space before it: shown as a line of its own, but a word apart for screen readers and
        # for text copied out of the page ("nicht bekannt Anmerkung: …", not "bekanntAnmerkung").
        label, shown = escape(self.t.stated_note), escape(same_language(text, text.strip()))
        return Markup(f' <span class="pk-note"><span class="pk-note__label">{label}:</span> <span dir="auto">{shown}</span></span>')  # noqa: S704 - escaped

    def notes(self, texts: Iterable[str]) -> Markup:
        """Several notes, each once, in their order."""
        given = [same_language(t, t.strip()) for t in texts if t and t.strip()]
        return Markup("").join(self.note(text) for text in dict.fromkeys(given)) if given else EMPTY

    def unknown_chip(self, text: str = "") -> Markup:
        return Markup(f'<span class="pk-unknown">{escape(text or self.t.stated_unknown)}</span>')  # noqa: S704 - escaped

    def unknown(self, reason: str = "") -> Shown:
        """ "nicht bekannt", with the reason where one is given. A value left to fill in (only in a
        preview) is not unknown: it is shown as what is missing."""
        if reason.strip().startswith(FILL_IN):
            return Shown(escape(reason.strip()), known=False)
        return Shown(self.unknown_chip(), self.note(reason), known=False)

    def hedge(self, precision: Precision) -> Markup:
        """The chip of an uncertain statement ("ungefähr", "strittig"); nothing for an exact one."""
        if precision is Precision.APPROXIMATE:
            return Markup(f' <span class="pk-uncertain pk-uncertain--ungefaehr">{escape(self.t.stated_approximate)}</span>')  # noqa: S704 - escaped
        if precision is Precision.DISPUTED:
            return Markup(f' <span class="pk-uncertain pk-uncertain--strittig">{escape(self.t.stated_disputed)}</span>')  # noqa: S704 - escaped
        return EMPTY

    def number(self, value: float) -> str:
        return format_number(value, self.lang)

    # --- values -------------------------------------------------------------------------------

    def statement(self, text: str, precision: Precision = Precision.EXACT, note: str = "") -> Shown:
        """A text that may be uncertain and carry a note (a Sozialraum item, a result, an offer)."""
        return Shown(escape(text) + self.hedge(precision), self.note(note))

    def said(self, item: Stated[str]) -> Shown:
        """A text given as a statement (a Sozialraum item), with how sure it is and its note."""
        return self.statement(item.value or "", item.precision, item.note)

    def stated(self, value: Stated[Any], shown: Callable[[Any], str | Markup], *, numeric: bool = False, hedged: bool = False) -> Shown:
        """A value research may lack, written by *shown*: "nicht bekannt" with its reason when
        unknown. An approximate number reads "ca. 25" (*numeric*); other approximate values get the
        chip "ungefähr"; *hedged*: the text says "ca." already. A disputed value: the chip "strittig"."""
        if value.value is None:
            return self.unknown(value.note)
        text = shown(value.value)
        precision = value.precision
        if precision is Precision.APPROXIMATE and (numeric or hedged):
            text = text if hedged else escape(self.t.approx).format(date=text)
            precision = Precision.EXACT
        return Shown(escape(text) + self.hedge(precision), self.note(value.note))

    def count(self, value: Stated[Any], pattern: str = "{n}") -> Shown:
        """A number in *pattern* ("{n} €"), as sure as it is."""
        return self.stated(value, lambda n: pattern.format(n=self.number(n)), numeric=True)

    def costs(self, low: Stated[int], high: Stated[int]) -> Shown:
        """Costs per year from *low* to *high*: both, one side ("bis 1.200 € pro Jahr" and
        "Untergrenze nicht bekannt"), or neither; "ca." and "strittig" when either side is so."""
        t = self.t
        if low.value is None and high.value is None:
            return Shown(self.unknown_chip(), self.notes([low.note, high.note]), known=False)
        if low.value is not None and high.value is not None:
            text = t.euro_per_year.format(low=self.number(low.value), high=self.number(high.value))
            missing = EMPTY
        elif high.value is not None:
            text, missing = t.cost_upto.format(high=self.number(high.value)), Markup(", ") + self.unknown_chip(t.cost_lower_unknown)
        else:
            text, missing = t.cost_from.format(low=self.number(low.value or 0)), Markup(", ") + self.unknown_chip(t.cost_upper_unknown)
        precisions = {low.precision, high.precision}
        if Precision.APPROXIMATE in precisions:
            text = t.approx.format(date=text)
        chip = self.hedge(Precision.DISPUTED) if Precision.DISPUTED in precisions else EMPTY
        return Shown(escape(text) + chip + missing, self.notes([low.note, high.note]), known=not missing)

    # --- time ---------------------------------------------------------------------------------

    def date(self, point: DatePoint) -> str:
        """A date as the language writes it: "5. März 2017", "Frühjahr 2016", "2018–2019", "ca. 2016",
        "ohne Datum"."""
        return format_point(point, self.lang, self.seasons.get(point.season, point.season) if point.season else "")

    def when(self, point: DatePoint) -> Shown:
        """A date and its note."""
        return Shown(escape(self.date(point)), self.note(point.note), known=point.known)

    def period(self, period: Period, since: DatePoint | None = None, until: DatePoint | None = None) -> Shown:
        """When something held: "2016 – 2019", "seit 2016", "bis 2019", with the notes of its ends and
        its own; empty when nothing is known. *since*/*until* stand in for the period's own ends."""
        start, end = since or period.since, until or period.until
        t = self.t
        if start and end:
            text = t.date_span.format(start=self.date(start), end=self.date(end))
        elif start:
            text = f"{t.since} {self.date(start)}"
        elif end:
            text = f"{t.until} {self.date(end)}"
        else:
            text = ""
        notes = [p.note for p in (start, end) if p] + [period.note]
        return Shown(escape(text), self.notes(notes), known=bool(text))

    # --- the transfer check -------------------------------------------------------------------

    def clarify(self, what: str, shown: Shown) -> Markup:
        """A prerequisite nobody knows, as a line to clarify instead of a box to tick:
        "Personalaufwand: nicht bekannt – vor Ort klären", with the reason below."""
        return Markup(f"{escape(what)}: {escape(shown.inline)} – {escape(self.t.clarify_here)}{escape(shown.notes)}")  # noqa: S704 - escaped
