"""Reading content files from disk: byte-level checks, front matter, strict YAML.

MkDocs never sees a case file: its own front-matter parser swallows YAML errors and renders the
broken text as the page. Everything is read here instead, and every refusal names file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from praxis_kb.load import strictyaml
from praxis_kb.load.strictyaml import Path_, Positions
from praxis_kb.problems import Code, ContentError

MAX_BYTES = 256 * 1024
FENCE = "---"


@dataclass
class Document:
    """One parsed file: its data, where each value stands, and (for Markdown) the body."""

    path: Path
    data: Any
    positions: Positions
    body: str = ""
    body_line: int = 0  # line number of the first body line


class Reread(Positions):
    """Where each value of a file stands, read again from the file when first asked.

    A problem's message names its line; only files with a problem need their positions. Held for
    every value of thousands of case files, they took half the memory of a checked collection.
    (Should the file change in between, the line named is that of the file as it is now.)"""

    def __init__(self, path: Path, read: Callable[[Path], Document]) -> None:
        super().__init__()
        self._path: Path | None = path
        self._read = read

    def _load(self) -> None:
        if self._path is None:
            return
        path, self._path = self._path, None
        try:
            found = self._read(path).positions
        except ContentError:  # the file broke since: its problems are reported at its start
            return
        self.values, self.keys = found.values, found.keys

    def of_value(self, path: Path_) -> tuple[int, int]:
        self._load()
        return super().of_value(path)

    def of_key(self, path: Path_) -> tuple[int, int]:
        self._load()
        return super().of_key(path)


def _lean(read: Callable[[Path], Document]) -> Callable[[Path], Document]:
    """*read*, keeping the document's positions only as ``Reread``."""

    def lean(path: Path) -> Document:
        document = read(path)
        document.positions = Reread(path, read)
        return document

    lean.__doc__ = read.__doc__
    return lean


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, refusing what would make the content unreliable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            1, 1, f"Die Datei kann nicht gelesen werden ({exc.strerror})", "Prüfen Sie, ob die Datei existiert und lesbar ist", code=Code.FILE_UNREADABLE
        ) from None
    if not raw.strip():
        raise ContentError(1, 1, "Die Datei ist leer", "Nehmen Sie ein vorhandenes Praxisbeispiel als Vorlage", code=Code.FILE_EMPTY)
    if len(raw) > MAX_BYTES:
        raise ContentError(
            1,
            1,
            f"Die Datei ist zu groß ({len(raw) // 1024} KB, höchstens {MAX_BYTES // 1024} KB)",
            "Kürzen Sie den Text oder teilen Sie ihn auf; Bilder gehören nicht in die Datei",
            code=Code.FILE_TOO_LARGE,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError(1, 1, "Die Datei beginnt mit einem unsichtbaren BOM-Zeichen", "Speichern Sie die Datei als „UTF-8“ ohne BOM", code=Code.FILE_BOM)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise ContentError(
            line,
            nul - (raw.rfind(b"\n", 0, nul) + 1) + 1,
            "Die Datei enthält ein Nullzeichen (NUL) und ist wohl keine Textdatei",
            "Speichern Sie die Datei als reinen Text in UTF-8",
            code=Code.FILE_NUL,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            line,
            column,
            "Die Datei ist nicht in UTF-8 gespeichert, Umlaute wären kaputt",
            "Speichern Sie die Datei mit der Kodierung „UTF-8“",
            code=Code.FILE_NOT_UTF8,
        ) from None
    text = text.replace("\r\n", "\n")  # Windows line ends (Git's default there) read like LF
    if "\r" in text:
        index = text.index("\r")
        line = text.count("\n", 0, index) + 1
        raise ContentError(
            line,
            index - (text.rfind("\n", 0, index) + 1) + 1,
            "In der Datei endet eine Zeile mit einem einzelnen Wagenrücklauf (CR)",
            "Stellen Sie im Editor die Zeilenenden auf „LF“ (oder „Windows CRLF“) um und speichern Sie erneut",
            code=Code.FILE_CR,
        )
    return text


def _markdown(path: Path) -> Document:
    """Read ``---``-fenced YAML front matter and the Markdown body after it."""
    text = read_text(path)
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise ContentError(
            1,
            1,
            "Die Datei beginnt nicht mit dem Kopfbereich: erste Zeile muss --- sein",
            "Oben stehen die Angaben zwischen zwei Zeilen ---, darunter der Text",
            code=Code.FRONT_MATTER_MISSING,
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        raise ContentError(
            1,
            1,
            "Der Kopfbereich wird nicht abgeschlossen: es fehlt die zweite Zeile ---",
            "Setzen Sie nach den Angaben eine Zeile mit genau --- und darunter den Text",
            code=Code.FRONT_MATTER_UNCLOSED,
        )
    front = "\n".join(lines[1:end]) + "\n"
    if not front.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines[1:end]):
        raise ContentError(
            2, 1, "Der Kopfbereich ist leer", "Zwischen den beiden Zeilen --- stehen die Angaben, z. B. „titel: …“", code=Code.FRONT_MATTER_EMPTY
        )
    data, positions = strictyaml.load(front, line_offset=1)
    if not isinstance(data, dict):
        raise ContentError(
            2,
            1,
            f"Der Kopfbereich muss aus Feldern bestehen („feld: wert“), nicht aus {describe_type(data)}",
            "Schreiben Sie jede Angabe als „feld: wert“ in eine eigene Zeile",
            code=Code.YAML_NOT_MAPPING,
        )
    body = "\n".join(lines[end + 1 :])
    return Document(path, data, positions, body, end + 2)


def _yaml(path: Path) -> Document:
    """Read a plain YAML data file (criteria, vocabularies) whose top level is a mapping."""
    text = read_text(path)
    data, positions = strictyaml.load(text)
    if not isinstance(data, dict):
        raise ContentError(
            1, 1, f"Die Datei muss aus Feldern bestehen („feld: wert“), nicht aus {describe_type(data)}", "Beginnen Sie mit „id: …“", code=Code.YAML_NOT_MAPPING
        )
    return Document(path, data, positions)


def describe_type(value: Any, *, nominative: bool = False) -> str:
    """Name a value's type in words a contributor knows (dative, or nominative)."""
    if value is None:
        return "nichts (leer)"
    if isinstance(value, bool):
        return "ein Wahrheitswert (true/false)" if nominative else "einem Wahrheitswert (true/false)"
    if isinstance(value, float):
        return f"eine Kommazahl ({value})" if nominative else "einer Kommazahl"
    if isinstance(value, int):
        return f"eine Zahl ({value})" if nominative else "einer Zahl"
    if isinstance(value, str):
        return "ein Text" if nominative else "einem Text"
    if isinstance(value, list):
        return "eine Liste" if nominative else "einer Liste"
    return "Angaben der Form „feld: wert“" if nominative else "Feldern"


read_markdown = _lean(_markdown)
read_yaml = _lean(_yaml)
