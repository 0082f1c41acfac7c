"""Writes src/praxis_kb/data/gemeinden-sachsen.txt: every Saxon municipality, from the official list.

The source is the code list "Regionalschlüssel" of the Federal Statistical Office (Destatis),
published in XRepository: every German municipality with its Amtlicher Regionalschlüssel (ARS) as in
the Gemeindeverzeichnis. Saxon keys start with 14. Run

    .venv/bin/python scripts/gemeinden_sachsen.py Regionalschl_ssel_2021-07-31.json

with the JSON file of the code list (download address in SOURCE below) and read the diff. The data
file keeps each name exactly as the list writes it (with its designation such as ", Stadt" and the
Sorbian name after " / "); validate/places.py derives the forms a text would use.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SOURCE = (
    "https://www.xrepository.de/api/xrepository/urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs_2021-07-31/download/Regionalschl_ssel_2021-07-31.json"
)
TARGET = Path(__file__).resolve().parent.parent / "src" / "praxis_kb" / "data" / "gemeinden-sachsen.txt"
SAXONY = "14"


def ags(ars: str) -> str:
    """The 8-digit Amtlicher Gemeindeschlüssel of a 12-digit ARS (without the Verband digits 6–9)."""
    return ars[:5] + ars[9:]


def render(raw: bytes) -> str:
    data = json.loads(raw)
    meta = data["metadaten"]
    rows = sorted((ags(row[0]), row[1]) for row in data["daten"] if row[0].startswith(SAXONY))
    header = [
        "# Die Gemeinden des Freistaates Sachsen (Gemeinden und Städte), je Zeile: AGS, Tabulator, amtlicher Name.",
        f"# Quelle: Statistisches Bundesamt (Destatis), Codeliste „{meta['nameKurz'][0]['value']}“ ({meta['kennung']}),",
        f"# Version {meta['version']}, in XRepository: {SOURCE}",
        "# Gelesen aus der Kopie im öffentlichen Repository github.com/TimoCak/gemeindeschluessel-skript,",
        "# data/Regionalschl_ssel_2021-07-31.json (Commit 038889978a9d73228fca7d7b9ddf97a56e392453),",
        f"# SHA-256 der JSON-Datei: {hashlib.sha256(raw).hexdigest()}",
        f"# Erzeugt mit scripts/gemeinden_sachsen.py (alle Schlüssel, die mit {SAXONY} beginnen): {len(rows)} Gemeinden.",
        "# Nicht von Hand ändern; Gebietsstand der Version, spätere Zusammenschlüsse fehlen.",
    ]
    return "\n".join(header + [f"{key}\t{name}" for key, name in rows]) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    TARGET.write_text(render(Path(argv[0]).read_bytes()), encoding="utf-8")
    print(f"{TARGET} geschrieben.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
