"""Problems found in content files, and how they are collected.

Every problem names the file, line and column, the path in the data, a message a contributor
understands and, where possible, a hint how to fix it. Nothing in the package raises a traceback
at a contributor: loaders and validators collect problems and the caller reports them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    path: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        path = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity.value}: {path}{self.message}{hint}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class ContentError(Exception):
    """A single problem that stops loading one file (the loader turns it into a Problem)."""

    def __init__(self, line: int, column: int, message: str, hint: str = "", path: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.path = path


@dataclass
class Problems:
    """All problems of one run, in a stable order."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str | Path,
        line: int,
        column: int,
        message: str,
        *,
        path: str = "",
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(str(file), line, column, severity, path, message, hint))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=lambda p: (p.file, p.line, p.column, p.severity.value, p.path, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)
