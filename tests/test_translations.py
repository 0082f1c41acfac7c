"""Translations: terms from the glossary, script and punctuation, and the ladder's step names.

The glossary (glossar.yml) lists per language the variants a review found wrong; none of them may
come back. Every text in ar, fa and uk is written in its own script with its own punctuation. The
nine steps of the participation ladder carry in every text the names of their vocabulary labels:
criteria write a reference ({stufe:7}, see tests/test_references.py), the site's own texts the label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "ar", "fa", "uk")
SOURCE = "de"
STRINGS = ROOT / "src/praxis_kb/ui/strings.yml"
LADDER = ROOT / "kriterien/vokabulare/partizipationsstufen.yml"


@functools.cache
def _load(path: Path) -> Any:
    """A YAML file, read once per test run (the tests only read)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _yaml_files() -> list[Path]:
    return [STRINGS, *sorted((ROOT / "kriterien").glob("*.yml")), *sorted((ROOT / "kriterien/vokabulare").glob("*.yml"))]


def _pairs(data: Any, where: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Every multilingual text in a YAML document: a mapping with a German string under "de"."""
    if isinstance(data, dict):
        if isinstance(data.get(SOURCE), str):
            yield where, data
        for key, value in data.items():
            yield from _pairs(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _pairs(value, f"{where}[{index}]")


def texts(lang: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every translated text of *lang*: ui strings, vocabularies, criteria,
    translated pages, case translations and legal-page templates."""
    for path in _yaml_files():
        name = path.relative_to(ROOT).as_posix()
        for where, pair in _pairs(_load(path), name):
            if isinstance(pair.get(lang), str):
                yield f"{where}.{lang}", pair[lang]
    pages = [
        *sorted((ROOT / "docs").glob(f"*.{lang}.md")),
        *sorted((ROOT / "praxis").glob(f"*.{lang}.md")),
        *sorted((ROOT / "src/praxis_kb/templates/pages").glob(f"*.{lang}.md.j2")),
    ]
    for path in pages:
        name = path.relative_to(ROOT).as_posix()
        front, body, offset = _split(path.read_text(encoding="utf-8"))
        yield from _leaves(yaml.safe_load(front) if front else None, f"{name}:")
        for number, line in enumerate(body.splitlines(), offset):
            yield f"{name}:{number}", line


def _split(text: str) -> tuple[str, str, int]:
    """Front matter (YAML, its quotes are syntax) and body of a page, and the body's first line number."""
    if not text.startswith("---\n"):
        return "", text, 1
    front, _, body = text[4:].partition("\n---\n")
    return front, body, front.count("\n") + 3


def _leaves(data: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in parsed front matter, with its path (file:key.key[index])."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{where}{'' if where.endswith(':') else '.'}{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, f"{where}[{index}]")
    elif isinstance(data, str):
        yield where, data


GLOSSARY = _load(ROOT / "glossar.yml")["begriffe"]


def test_glossary_is_complete() -> None:
    for term in GLOSSARY:
        missing = [lang for lang in (SOURCE, *LANGUAGES) if not str(term.get(lang, "")).strip()]
        assert not missing, f"glossar.yml: „{term.get(SOURCE)}“ has no rendering in {missing}"
        for lang, patterns in term.get("verboten", {}).items():
            assert lang in LANGUAGES, f"glossar.yml: „{term[SOURCE]}“: unknown language {lang!r}"
            for pattern in patterns:
                assert not re.search(pattern, term[lang]), f"glossar.yml: „{term[SOURCE]}“ forbids its own {lang} rendering with {pattern!r}"


def _forbidden(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(term[SOURCE], re.compile(pattern)) for term in GLOSSARY for pattern in term.get("verboten", {}).get(lang, [])]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_forbidden_variants(lang: str) -> None:
    rules = _forbidden(lang)
    found = [f"{where}: „{match.group(0)}“ (glossary: {term})" for where, text in texts(lang) for term, rule in rules for match in [rule.search(text)] if match]
    assert not found, f"{len(found)} variants the glossary forbids in {lang}:\n" + "\n".join(found)


ARABIC_LETTERS = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"
LATIN_PUNCTUATION = re.compile(f"[{ARABIC_LETTERS}]\\s*[,;?]|[,;?]\\s*[{ARABIC_LETTERS}]")
SCRIPT_RULES: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "ar": [
        ("Persian letter (ی ک گ چ پ ژ) in Arabic", re.compile("[\u06cc\u06a9\u06af\u0686\u067e\u0698]")),
        ("Latin , ; or ? next to Arabic text (use ، ؛ ؟)", LATIN_PUNCTUATION),
    ],
    "fa": [
        ("Arabic ي ك or ى in Persian (use ی and ک)", re.compile("[\u064a\u0643\u0649]")),
        ("Latin , ; or ? next to Persian text (use ، ؛ ؟)", LATIN_PUNCTUATION),
    ],
    "uk": [
        ("Russian-only letter (ы э ъ ё)", re.compile("[ыэъёЫЭЪЁ]")),
        ("apostrophe other than ’ (U+2019) inside a word", re.compile("(?<=[а-яіїєґА-ЯІЇЄҐ])['\u02bc`\u2018](?=[а-яіїєґА-ЯІЇЄҐ])")),
        ("quotation marks other than «»", re.compile('[„“”]|(?<=\\s)"(?=[а-яіїєґА-ЯІЇЄҐ])|(?<=[а-яіїєґА-ЯІЇЄҐ.!?])"(?=[\\s.,;:!?)]|$)')),
    ],
}


@pytest.mark.parametrize("lang", sorted(SCRIPT_RULES))
def test_script_and_punctuation(lang: str) -> None:
    found = [
        f"{where}: {what}: …{text[max(0, m.start() - 20) : m.end() + 20]}…"
        for where, text in texts(lang)
        for what, rule in SCRIPT_RULES[lang]
        for m in [rule.search(text)]
        if m
    ]
    assert not found, f"{len(found)} script or punctuation problems in {lang}:\n" + "\n".join(found)


def _ladder() -> list[dict[str, str]]:
    return [entry["label"] for entry in _load(LADDER)["eintraege"]]


def test_ladder_has_nine_named_steps() -> None:
    labels = _ladder()
    assert len(labels) == 9
    for lang in (SOURCE, *LANGUAGES):
        names = [label[lang].casefold() for label in labels]
        assert len(set(names)) == 9, f"{lang}: two steps share a name: {names}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ladder_step_names_match_the_vocabulary(lang: str) -> None:
    """A text whose German names a step (by its German label) names it in *lang* by the label too."""
    labels = _ladder()
    german = [(re.compile(rf"\b{re.escape(label[SOURCE])}\b", re.IGNORECASE), label) for label in labels]
    wrong = []
    for path in _yaml_files():
        if path == LADDER:
            continue
        name = path.relative_to(ROOT).as_posix()
        for where, pair in _pairs(_load(path), name):
            text = pair.get(lang)
            if not isinstance(text, str):
                continue
            for pattern, label in german:
                if pattern.search(pair[SOURCE]) and label[lang].casefold() not in text.casefold():
                    wrong.append(f"{where}.{lang}: names step „{label[SOURCE]}“ but not as „{label[lang]}“")
    assert not wrong, f"{len(wrong)} step names differ from kriterien/vokabulare/partizipationsstufen.yml:\n" + "\n".join(wrong)


def test_ladder_check_finds_the_steps() -> None:
    """The criterion on participation names all nine steps, by reference in every language (the
    model puts in the vocabulary's labels; tests/test_references.py checks the pages)."""
    criterion = _load(ROOT / "kriterien/partizipation-gefluechteter.yml")
    for lang in (SOURCE, *LANGUAGES):
        for step in range(1, 10):
            assert f"{{stufe:{step}}}" in criterion["beschreibung"][lang], (lang, step)


PLAIN_LANGUAGES = ("ar", "fa", "uk")  # the languages of most refugees in Saxony


@pytest.mark.parametrize("lang", PLAIN_LANGUAGES)
def test_every_case_has_its_plain_summary(lang: str) -> None:
    """Every case's plain-language summary exists in ar, fa and uk, in that language, and the file
    says whether a person reviewed it (machine-made until then)."""
    problems = []
    for source in sorted((ROOT / "praxis").glob("*.de.md")):
        case = source.name.removesuffix(".de.md")
        path = source.with_name(f"{case}.{lang}.md")
        if not path.exists():
            problems.append(f"{path.name}: missing")
            continue
        front = yaml.safe_load(_split(path.read_text(encoding="utf-8"))[0])
        german = yaml.safe_load(_split(source.read_text(encoding="utf-8"))[0])["einfache_sprache"]
        plain = str(front.get("einfache_sprache", "")).strip()
        if not plain or plain == str(german).strip():
            problems.append(f"{path.name}: einfache_sprache not translated")
        if front.get("uebersetzung") not in ("maschinell", "geprueft"):
            problems.append(f"{path.name}: uebersetzung must say maschinell or geprueft")
    assert not problems, "\n".join(problems)


# Month names of the Gregorian calendar as Iran (from French) and Afghanistan (from English) write
# them; neither may appear in a Persian date, which is numeric (render/strings.py: NUMERIC_DATES).
PERSIAN_MONTHS = re.compile("ژانویه|فوریه|مارس|آوریل|مهٔ|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|جنوری|فبروری|اپریل|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر")


@pytest.mark.parametrize("value", ["2016-07", "2018-05-03", "2019-12"])
def test_persian_dates_are_the_same_for_iranian_and_afghan_readers(value: str) -> None:
    from praxis_kb.model import DatePoint
    from praxis_kb.render.strings import format_point

    shown = format_point(DatePoint(value), "fa")
    assert not PERSIAN_MONTHS.search(shown), shown
    assert re.fullmatch("[۰-۹]{4}/[۰-۹]{2}(/[۰-۹]{2})?", shown), shown
    assert shown == "/".join(part.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) for part in value.split("-"))
    assert format_point(DatePoint(value), "de") != value  # other languages keep their month names


INSTITUTIONS = ("Jobcenter", "Ausländerbehörde", "Sozialamt")  # readers meet these names on letters and doors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_german_institutions_keep_their_name(lang: str) -> None:
    """A site text, vocabulary or criterion text naming a German institution keeps its German name
    in every translation (with the explanation the glossary gives; glossar.yml)."""
    lost = [
        f"{where}.{lang}: „{name}“ lost: {pair[lang][:80]}"
        for path in _yaml_files()
        for where, pair in _pairs(_load(path), path.relative_to(ROOT).as_posix())
        for name in INSTITUTIONS
        if name in pair[SOURCE] and isinstance(pair.get(lang), str) and name not in pair[lang]
    ]
    assert not lost, "\n".join(lost)
