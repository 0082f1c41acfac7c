"""`praxis new`: a case skeleton with a comment above every field.

The answers given (by prompt or flag) are filled in; every other field gets a value that starts
with ``ERGÄNZEN:`` and says what belongs there, or the template the schema gives it
(``x-vorlage``: structure only, see casefile.py, which builds and writes it from the shape of a
case). Nothing the contributor did not say is assumed: not whether the example is invented, not
consent or a checked anonymisation (a "no" to these leaves them to fill in as well: true is the
only value they can take). Such a skeleton passes the schema, `praxis validate` lists each
remaining ``ERGÄNZEN`` as a warning with its line, and the build refuses to publish a case that
still has one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from praxis_kb.authoring.casefile import OPEN, SCHEMA_LINE, build, skeleton_body
from praxis_kb.validate.shape import FILL_IN, Shape, fill_in_markers

__all__ = ["FILL_IN", "SCHEMA_LINE", "Answers", "fill_in_markers", "skeleton", "slug"]


@dataclass
class Answers:
    id: str = ""
    titel: str = ""
    kurzbeschreibung: str = ""
    illustrativ: bool | None = None  # None: not said
    status: str = ""
    beginn: Any = ""  # "2018", or written out: {datum: "2018", genauigkeit: ungefaehr}, {datum: unbekannt}
    ende: Any = ""  # OPEN: still to give (an ended practice)
    standorttyp: str = ""
    region: str = ""
    gemeindestruktur: str = ""
    handlungsfelder: list[str] = field(default_factory=list)
    partizipation: str = ""
    einwilligung: bool = False
    anonymisierung: bool = False
    today: str = ""

    def given(self) -> dict[str, Any]:
        """The answers where they belong in a case (empty = not answered)."""
        ende = OPEN if self.status == "beendet" and not self.ende else self.ende
        return {
            "id": self.id,
            "titel": self.titel,
            "kurzbeschreibung": self.kurzbeschreibung,
            "illustrativ": "" if self.illustrativ is None else self.illustrativ,
            "status": self.status,
            "zeitraum": {"beginn": self.beginn, "ende": ende},
            "standort": {"standorttyp": self.standorttyp, "region": self.region, "gemeindestruktur": self.gemeindestruktur},
            "handlungsfelder": self.handlungsfelder,
            "partizipation": {"stufe": self.partizipation},
            "einwilligung_dokumentiert": True if self.einwilligung else OPEN,  # required unless from public sources
            "anonymisierung_geprueft": True if self.anonymisierung else "",
        }


def slug(text: str) -> str:
    """A case id from a title: lower-case ASCII letters, digits and hyphens."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].rstrip("-")


def skeleton(answers: Answers, shape: Shape) -> tuple[dict[str, Any], str]:
    """The skeleton's data and body."""
    return build(shape, answers.given(), answers.today), skeleton_body(shape)
