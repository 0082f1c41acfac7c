"""UI strings per language, and numbers and dates as each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

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


@lru_cache(maxsize=8192)
def format_number(value: float, lang: str) -> str:
    return str(format_decimal(value, locale=lang))


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
