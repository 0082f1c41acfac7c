"""UI strings per language, and numbers and dates as each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache, lru_cache

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent

from praxis_kb.load import filecache
from praxis_kb.load.project import UI_DIR
from praxis_kb.model import DatePoint, Precision, Text, pick


def _table(raw: str) -> dict[str, Text]:
    data = yaml.safe_load(raw)
    assert isinstance(data, dict)
    return data


_seen: dict[str, Text] | None = None


def ui_strings() -> dict[str, Text]:
    """The site's own texts (ui/strings.yml), read again when the file changes."""
    global _seen
    table = filecache.parsed(UI_DIR / "strings.yml", _table)
    if table is not _seen:  # changed (under a preview): dates formatted with the old texts go too
        _seen = table
        format_point.cache_clear()
    return table


class LocalText(str):
    """A UI text whose ``format`` writes numbers as its language does (Babel): "۳ از ۹" in Persian,
    not "3 از 9". Counts and steps reach the texts as numbers, so every page writes them alike."""

    lang: str

    def __new__(cls, value: str, lang: str) -> LocalText:
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def format(self, *args: object, **kwargs: object) -> str:
        def local(value: object) -> object:
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            return format_number(value, self.lang) if is_number else value

        return str.format(self, *map(local, args), **{key: local(value) for key, value in kwargs.items()})


class Strings:
    """UI strings of one language, with German as fallback."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getattr__(self, key: str) -> LocalText:
        table = ui_strings()
        if key not in table:
            raise AttributeError(key)
        value = LocalText(pick(table[key], self.lang), self.lang)
        setattr(self, key, value)  # looked up once per key and language
        return value


# The zero of each numbering system a site language writes by default (CLDR); Babel knows which
# system a locale uses and its separators, but writes every number in Western digits.
_ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0"}


@cache
def _digits(lang: str) -> dict[int, int]:
    try:
        system = Locale.parse(lang).default_numbering_system
    except (UnknownLocaleError, ValueError):
        system = "latn"
    zero = ord(_ZERO.get(system, "0"))
    return {ord("0") + i: zero + i for i in range(10)}


def local_digits(text: str, lang: str) -> str:
    """*text* with its digits in the digits *lang* writes (Persian: ۰ to ۹)."""
    return text.translate(_digits(lang))


@lru_cache(maxsize=8192)
def format_number(value: float, lang: str) -> str:
    """A number in the digits and separators of *lang* (Persian: ۱۲٫۵)."""
    return local_digits(str(format_decimal(value, locale=lang, numbering_system="default")), lang)


def format_percent(value: float, lang: str) -> str:
    """A share given in percent (40 → "40 %", "۴۰%") as *lang* writes it."""
    shown = babel_format_percent(value / 100, locale=lang, numbering_system="default", decimal_quantization=False)
    return local_digits(str(shown), lang)


def format_list(items: Sequence[str], lang: str) -> str:
    """Items joined as *lang* joins them: "a, b und c", "a، b و c" (Babel, CLDR)."""
    return str(babel_format_list(list(items), style="standard", locale=lang)) if items else ""


# Languages whose readers name the Gregorian months differently: Persian in Iran writes ژوئیه, مهٔ
# (from French), in Afghanistan (Dari) جولای, می (from English). A month or a day is written as
# numbers instead, year first as both write their own calendar's dates (۲۰۱۶/۰۷, ۲۰۱۸/۰۵/۰۳; the
# digits are made Persian by format_point); a Gregorian year cannot be mistaken for a solar one.
NUMERIC_DATES = frozenset({"fa"})


def _single(value: str, lang: str, season: str = "") -> str:
    """One date as *lang* writes it: a day, a month, a year, or a season of a year (*season*: its label)."""
    parts = value.split("-")
    try:
        if season:
            return Strings(lang).date_season.format(season=season, year=value)
        if lang in NUMERIC_DATES and len(parts) in (2, 3):
            return "/".join(f"{int(part):02d}" for part in parts)
        if len(parts) == 3:
            return str(format_date(dt.date.fromisoformat(value), format="long", locale=lang))
        if len(parts) == 2:
            return str(format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=lang))
    except (ValueError, LookupError):
        pass
    return value


def _span(start: str, end: str, lang: str, season: str = "") -> str:
    """A span such as 2018/19: two years as the language joins them (Babel: "2018–2019", "2018 تا 2019"),
    anything finer as its two ends."""
    if len(start) == len(end) == 4 and not season:
        try:
            return str(format_interval(dt.date(int(start), 1, 1), dt.date(int(end), 1, 1), "y", locale=lang))
        except (ValueError, LookupError):
            pass
    return Strings(lang).date_span.format(start=_single(start, lang, season), end=_single(end, lang))


@lru_cache(maxsize=8192)  # the same dates recur across cases; babel's formatting is not free
def format_point(point: DatePoint, lang: str, season: str = "") -> str:
    """A date as *lang* writes it, as sure as it is ("ca. 2016", "2016 (strittig)"): a day, a month,
    a year, a season (*season*: the label of ``point.season``), a span, or "ohne Datum"."""
    strings = Strings(lang)
    if not point.known:
        return str(strings.date_undated)
    shown = _span(point.value, point.until, lang, season) if point.until else _single(point.value, lang, season)
    shown = local_digits(shown, lang)
    if point.precision is Precision.APPROXIMATE:
        return strings.approx.format(date=shown)
    if point.precision is Precision.DISPUTED:
        return strings.disputed.format(date=shown)
    return shown


def format_day(value: str, lang: str) -> str:
    return format_point(DatePoint(value), lang)


@cache
def direction(lang: str) -> str:
    """ "rtl" or "ltr" for a language code, from the Unicode CLDR data babel ships."""
    try:
        return "rtl" if Locale.parse(lang).text_direction == "rtl" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"
