"""Latin-script words on pages written in another script, marked with their language.

An Arabic, Persian or Ukrainian page keeps German names ("Jobcenter", "FSA"), file names and the
German originals a translation quotes. Under the page's ``lang="ar"`` a screen reader reads them
with an Arabic voice, and a right-to-left line moves their punctuation to the wrong end. Every run
of Latin-script text that no element marks already gets ``<span lang="de" dir="ltr">``: the site's
source language is German, and what a translation keeps in Latin script it keeps from the German
source. English that a page quotes is marked where it is written (a framework's criteria by the
framework's ``sprache``, GitHub's button names in the contribution pages), never guessed here.

Only text is marked: attributes stay as they are, and so do pictures and scripts (an SVG's
``title`` is one string for a screen reader; it cannot change voice inside it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from markupsafe import escape

from praxis_kb.model import Model
from praxis_kb.render import regions

Quoted = Mapping[str, tuple[str, ...]]  # language → names and phrases quoted in it, e.g. "en" → ("UNHCR Global Compact on Refugees",)

SOURCE_LANGUAGE = "de"
LATIN_LANGUAGES = ("de", "en")  # marks that already say which Latin-script language a text is in
_UNTOUCHED = frozenset({"svg", "math", "script", "style", "textarea", "template", "title", "option"})

_LETTER = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
_ENTITY = r"&#?[0-9A-Za-z]+;"
# Between two Latin words of a run: spaces, digits, punctuation, soft hyphens; not a tag, not
# another script. A run ends with a letter or a digit: brackets and full stops around it stay in
# the page's direction.
_INSIDE = r"[0-9 \u00a0\u00ad.,:;/'’*_+()\[\]\-–]"
_RUN = re.compile(rf"{_ENTITY}|(?P<run>[{_LETTER}](?:(?:{_ENTITY}|[{_LETTER}]|{_INSIDE})*[{_LETTER}0-9])?)")
_HAS_LETTER = re.compile(rf"[{_LETTER}]")
_LATIN_TEXT = re.compile(rf">[^<{_LETTER}]*[{_LETTER}]")  # a ">", then text up to a Latin letter


@functools.cache
def writes_latin(lang: str) -> bool:
    """Whether *lang* is written in Latin script: its own name in CLDR (Babel) is."""
    try:
        name = Locale.parse(lang).get_display_name(lang) or ""
    except (UnknownLocaleError, ValueError):
        return True
    return bool(_HAS_LETTER.search(name))


def _marked(language: str) -> bool:
    return language.split("-")[0].lower() in LATIN_LANGUAGES


def quoted(model: Model) -> dict[str, tuple[str, ...]]:
    """What the data says is quoted in a Latin-script language other than German: the names of
    frameworks (``eigennamen``) and their criteria (the crosswalk), by the framework's ``sprache``."""
    found: dict[str, list[str]] = {}
    frameworks = model.vocab("rahmenwerke").entries if "rahmenwerke" in model.vocabularies else {}
    for entry in frameworks.values():
        if entry.language and entry.language != SOURCE_LANGUAGE:
            found.setdefault(entry.language, []).extend(entry.proper_names)
    for criterion in model.criteria.values():
        for mapping in criterion.crosswalk:
            language = frameworks[mapping.framework].language if mapping.framework in frameworks else ""
            if language and language != SOURCE_LANGUAGE:
                found.setdefault(language, []).append(mapping.criterion)
    return {language: tuple(sorted(set(names), key=len, reverse=True)) for language, names in found.items()}


class _Phrases:
    """How the text between two tags is marked, for one set of quoted names: their pattern, the
    language of each, and the texts marked so far (labels, names and headings repeat on every page)."""

    LIMIT = 1 << 15  # texts remembered at most; then forgotten, all at once

    def __init__(self, pattern: re.Pattern[str] | None, language_of: dict[str, str]) -> None:
        self.span = functools.partial(_span, pattern, language_of)
        self.done: dict[str, str] = {}

    def marked(self, text: str) -> str:
        found = self.done.get(text)
        if found is None:
            if len(self.done) >= self.LIMIT:
                self.done.clear()
            found = self.done[text] = _RUN.sub(self.span, text)
        return found


@functools.lru_cache(maxsize=8)
def _phrases(quoted_names: tuple[tuple[str, tuple[str, ...]], ...]) -> _Phrases:
    language_of = {str(escape(name)): language for language, names in quoted_names for name in names}  # as the page writes them
    if not language_of:
        return _Phrases(None, {})
    names = sorted(language_of, key=len, reverse=True)  # the longest first: "EU Best Practice Portal" before "Best Practice Portal"
    return _Phrases(re.compile("|".join(rf"(?<![{_LETTER}]){re.escape(n)}(?![{_LETTER}])" for n in names)), language_of)


def mark(markup: str, lang: str, quoted_names: Quoted | None = None) -> str:
    """*markup* (a page's body, or part of it) with every Latin-script run of a page written in
    *lang* marked as German, unless an element marks it as German or English already; a name or
    phrase of *quoted_names* is marked with its own language.

    The text is what follows a tag's ">" up to the next "<", a tag being what follows a "<" up to
    the first ">"."""
    if writes_latin(lang):
        return markup
    phrases = _phrases(tuple(sorted((k, tuple(v)) for k, v in (quoted_names or {}).items())))
    scanner = regions.Scanner(regions.regions(markup, _UNTOUCHED), lang)
    out: list[str] = []
    last = 0
    found = _LATIN_TEXT.search(markup)
    while found:
        start = markup.find(">", markup.rfind("<", 0, found.start()) + 1) + 1  # the tag's end
        end = markup.find("<", found.end())
        end = len(markup) if end < 0 else end
        language = scanner.at(start)
        if language is not None and not _marked(language):
            out.append(markup[last:start])
            out.append(phrases.marked(markup[start:end]))
            last = end
        found = _LATIN_TEXT.search(markup, end)
    out.append(markup[last:])
    return "".join(out)


def _span(pattern: re.Pattern[str] | None, language_of: dict[str, str], found: re.Match[str]) -> str:
    run = found.group("run")
    if run is None:  # an entity in the page's own script: &quot; &#x27;
        return found.group()
    if pattern is None:
        return _marked_run(run, SOURCE_LANGUAGE)
    pieces, last = [], 0
    for name in pattern.finditer(run):
        pieces.append(_RUN.sub(functools.partial(_span, None, {}), run[last : name.start()]))
        pieces.append(_marked_run(name.group(), language_of[name.group()]))
        last = name.end()
    pieces.append(_RUN.sub(functools.partial(_span, None, {}), run[last:]) if last else _marked_run(run, SOURCE_LANGUAGE))
    return "".join(pieces)


def _marked_run(run: str, language: str) -> str:
    return f'<span lang="{language}" dir="ltr">{run}</span>'
