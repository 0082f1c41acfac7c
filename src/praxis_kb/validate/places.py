"""Saxon place names in the texts of a case that may not name its place.

A case is anonymised: it names no town, so that nobody can find the people in it. A practice that is
public under its own name (``oeffentlich_benannt: true``) may name its place. For every other case
this warns where a text names a Saxon municipality: the list of all of them is shipped as data
(``praxis_kb/data/gemeinden-sachsen.txt``, from the official Gemeindeverzeichnis; see its header).

A name is found as a whole word, case-sensitive, also before a hyphen ("Dresden-Neustadt") and in
the genitive ("Pirnas"), never inside another word ("Leipziger", "Feedback-Schleife"). Some
municipalities are called like ordinary German words (Bergen: "in den Bergen"); those are found only
where a text clearly means the place ("in Bergen", "Gemeinde Bergen").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "gemeinden-sachsen.txt"

# Municipalities whose name is also an ordinary German word, found by comparing every name with a
# German word list (Debian's wngerman): reported only right after a word that makes them a place.
COMMON_WORDS = frozenset(
    {
        "Bergen",  # Vogtlandkreis: "in den Bergen"
        "Glashütte",  # Sächsische Schweiz-Osterzgebirge: "eine Glashütte"
        "Machern",  # Landkreis Leipzig: "den Machern"
        "Schleife",  # Landkreis Görlitz: "eine Schleife"
        "Treuen",  # Vogtlandkreis: "die Treuen"
    }
)
PLACE_BEFORE = re.compile(r"\b(?:in|aus|nach|bei|von|Gemeinde|Stadt|Ort|Ortsteil|Kommune|Raum)\s+$")
# A district (Landkreis) is named like its seat ("Landkreis Bautzen", "Landratsamt Görlitz"): it is
# no finer than the region a case may name (standort.region), so it is not reported.
DISTRICT_BEFORE = re.compile(r"\b(?:Landkreise?s?|Landratsamte?s?|Kreise?s?)[\s-]+$")
# How official names mark what follows the name itself: the kind of municipality after a comma
# ("Pirna, Stadt"), a second (Sorbian) name after " / ", a disambiguation after "/" or a preposition
# ("Breitenbrunn/Erzgeb.", "Reichenbach im Vogtland", "Sohland a. d. Spree").
_QUALIFIER = re.compile(r"/| a\. d\. | b\. | i\.d\. | im | in | am | an der ")


@dataclass(frozen=True)
class PlaceName:
    text: str  # as found in the text
    official: str  # the municipality's official name
    column: int  # 0-based column in the scanned text


def forms(official: str) -> set[str]:
    """The names a text would use for a municipality with this official name."""
    found: set[str] = set()
    for part in official.split(" / "):
        name = part.split(", ")[0].strip()
        found.add(name)
        found.add(_QUALIFIER.split(name)[0].strip())
    return {name for name in found if len(name) >= 3}


@cache
def municipalities() -> dict[str, str]:
    """Every name form → the official name of its municipality (from the shipped list)."""
    names: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            official = line.split("\t", 1)[1]
            for form in sorted(forms(official)):
                names.setdefault(form, official)
    return names


def _trie(names: Iterator[str] | list[str]) -> str:
    """One regular expression for many names, as a tree of their common beginnings: far faster
    than an alternation of ~500 names; a longer name is tried before its beginning."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def expression(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + expression(node[char]) for char in sorted(k for k in node if k)]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")

    return expression(root)


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<name>{_trie(list(municipalities()))})s?(?!\w)")


def place_names(text: str) -> Iterator[PlaceName]:
    """Saxon municipalities named in *text*."""
    for match in _pattern().finditer(text):
        name = match["name"]
        before = text[: match.start()]
        if DISTRICT_BEFORE.search(before) or (name in COMMON_WORDS and not PLACE_BEFORE.search(before)):
            continue
        yield PlaceName(name, municipalities()[name], match.start())
