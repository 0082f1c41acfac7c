"""Soft hyphens (U+00AD) in long German words, so that a narrow screen breaks them at a syllable,
with a hyphen, and not at any letter ("Integrationsnetzwer|ken").

Browsers hyphenate German themselves only with a dictionary of their own, which Chromium on Linux
and many phones do not have; the page therefore carries the hyphenation points, from Pyphen's
German patterns (LibreOffice's). A soft hyphen is invisible until a line breaks there; the search
(Pagefind) still finds the whole word. Only text is hyphenated, never attributes, addresses, code
or pictures, and only where the text is German: the page's language, or an element's lang="de".
"""

from __future__ import annotations

import functools
import itertools
import re

import pyphen

from praxis_kb.render import regions

SHY = "\u00ad"
MIN_LETTERS = 10  # shorter words fit a line of a 320 px screen, even in a heading
_PATTERNS = pyphen.Pyphen(lang="de_DE", left=2, right=3)
_VOWELS = frozenset("aeiouäöüy")

# Elements whose text is never hyphenated: pictures, code.
_UNTOUCHED = frozenset({"svg", "math", "script", "style", "code", "pre", "kbd", "samp", "textarea"})
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_STUCK_AFTER = re.compile(r"[^\s<>]*")  # what is stuck to a word: punctuation, the rest of an address
_ADDRESS = re.compile(r"@|://|www\.|/|\.[^\W\d_]")  # e-mail and web addresses, paths, file names


def _good(word: str, points: list[int]) -> list[int]:
    """The patterns' points less those that are often wrong. The patterns are made for a
    hyphenator that forbids short pieces at the joints of compounds, where they propose
    "So-zi-a-l-a-r-beit" or "Rü-ck-mel-dung": a piece must have two letters and a vowel. Between
    two vowels they err ("Vi-deoe-in-sät-zen"), and before "t" after "ss"
    ("Kommunikationss-trukturen"). Fewer points are better than a wrong one."""
    kept = []
    bounds = [0, *points, len(word)]
    pieces = [word[start:end].lower() for start, end in itertools.pairwise(bounds)]
    syllable = [len(piece) >= 2 and not _VOWELS.isdisjoint(piece) for piece in pieces]
    for i, point in enumerate(points, 1):
        if not (syllable[i - 1] and syllable[i]):
            continue
        if word[point - 1].lower() in _VOWELS and word[point].lower() in _VOWELS:
            continue
        if word[point - 2 : point].lower() == "ss" and word[point].lower() == "t":
            continue
        kept.append(point)
    return kept


@functools.lru_cache(maxsize=1 << 16)
def word(text: str) -> str:
    """One word with its soft hyphens: "Woh-nungs-un-ter-neh-men", each "-" a U+00AD."""
    if len(text) < MIN_LETTERS:
        return text
    pieces, start = [], 0
    for point in _good(text, _PATTERNS.positions(text)):
        pieces.append(text[start:point])
        start = point
    pieces.append(text[start:])
    return SHY.join(pieces)


def _hyphenated(found: re.Match[str]) -> str:
    """A long word found in a text, hyphenated unless it is part of an address."""
    source, start, end = found.string, found.start(), found.end()
    lowest = max(0, start - 200)
    begin = max(source.rfind(space, lowest, start) for space in " \n\t<>") + 1 or lowest
    after = _STUCK_AFTER.match(source, end)
    stuck = source[begin:start] + found.group() + (after.group() if after else "")
    return found.group() if _ADDRESS.search(stuck) else word(found.group())


def text(plain: str) -> str:
    """Hyphenate the long words of a German text; addresses stay whole."""
    return _LONG_WORD.sub(_hyphenated, plain)


def _german(lang: str) -> bool:
    return lang.split("-")[0].lower() == "de"


# A piece of text between white space (as ``_hyphenated`` looks for it) or a tag that holds a long
# word: the words of one piece are hyphenated, or left whole, together (``_piece``).
_PIECE = re.compile(rf"(?<![^ \n\t<>])[^ \n\t<>]*?[^\W\d_]{{{MIN_LETTERS}}}[^ \n\t<>]*")


@functools.lru_cache(maxsize=1 << 16)
def _piece(found: str) -> str:
    """``text`` of a piece, remembered: pieces repeat, page after page. What ``_hyphenated`` looks
    at around a word, up to the white space or tag before and after it, lies within the piece."""
    return text(found)


def _one_piece(found: re.Match[str]) -> str:
    return _piece(found.group())


@functools.lru_cache(maxsize=1 << 14)
def _between_tags(plain: str) -> str:
    """``text`` of the text between two tags, remembered: labels and headings repeat."""
    return _PIECE.sub(_one_piece, plain)


def html(markup: str, lang: str) -> str:
    """Hyphenate the German text of a page body (HTML, with Markdown headings) written in *lang*.
    Text inside a tag (an attribute) or in an element left untouched stays as it is."""
    if not _german(lang) and ' lang="de' not in markup:
        return markup
    found = regions.regions(markup, _UNTOUCHED)
    scanner = regions.Scanner(found, lang)
    out: list[str] = []
    last = 0
    for start, end in _german_stretches(found, lang, len(markup)):
        out.append(markup[last:start])
        out.append(_hyphenated_stretch(markup[start:end], start, scanner))
        last = end
    out.append(markup[last:])
    return "".join(out)


def _german_stretches(found: list[regions.Region], lang: str, length: int) -> list[tuple[int, int]]:
    """Where German text can be: the whole page if it is German, else its elements marked German."""
    if _german(lang):
        return [(0, length)]
    stretches: list[tuple[int, int]] = []
    for start, end, language in found:
        if language is None or not _german(language):
            continue
        if stretches and start < stretches[-1][1]:  # within the one before
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], end))
        else:
            stretches.append((start, end))
    return stretches


_LONG_TEXT = re.compile(rf">[^<]{{{MIN_LETTERS}}}")  # a ">", then text that may hold a long word


def _hyphenated_stretch(markup: str, offset: int, scanner: regions.Scanner) -> str:
    """A stretch of a page (at *offset* in it, starting with a tag or the page's beginning) with
    its German text hyphenated. Text is what stands before the first "<", and what follows a
    tag's ">" up to the next "<", a tag being what follows a "<" up to the first ">". The
    language changes only at tags."""
    out: list[str] = []
    last = 0
    end = markup.find("<")
    end = len(markup) if end < 0 else end
    if end >= MIN_LETTERS:
        last = _hyphenate_text(markup, 0, end, offset, scanner, out)
    found = _LONG_TEXT.search(markup, end)
    while found:
        start = markup.find(">", markup.rfind("<", 0, found.start()) + 1) + 1  # the tag's end
        end = markup.find("<", found.end())
        end = len(markup) if end < 0 else end
        last = _hyphenate_text(markup, start, end, offset, scanner, out, last)
        found = _LONG_TEXT.search(markup, end)
    out.append(markup[last:])
    return "".join(out)


def _hyphenate_text(markup: str, start: int, end: int, offset: int, scanner: regions.Scanner, out: list[str], last: int = 0) -> int:
    """Add to *out* the markup up to the text from *start* to *end*, and that text, hyphenated if
    it is German; where the markup now goes on."""
    language = scanner.at(offset + start)
    if language is None or not _german(language):
        return last
    out.append(markup[last:start])
    out.append(_between_tags(markup[start:end]))
    return end
