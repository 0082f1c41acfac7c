"""Files read once and read again when they change.

A preview (``mkdocs serve``) keeps this package loaded across rebuilds: a plain ``functools.cache``
on a schema, the UI strings or the translation status would keep the first version until the
preview is restarted. ``parsed`` keys each result by the file's modification time and size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_entries: dict[tuple[str, Callable[[str], Any]], tuple[tuple[int, int], Any]] = {}


def parsed(path: Path, parse: Callable[[str], T]) -> T:
    """``parse(text of path)``, computed again only when the file has changed since last time."""
    info = path.stat()
    stamp = (info.st_mtime_ns, info.st_size)
    key = (str(path), parse)
    found = _entries.get(key)
    if found is not None and found[0] == stamp:
        return found[1]  # type: ignore[no-any-return]
    value = parse(path.read_text(encoding="utf-8"))
    _entries[key] = (stamp, value)
    return value
