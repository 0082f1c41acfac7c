"""Rules for the criteria of good practice (kriterien/<id>.yml)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any

from praxis_kb.load.sources import Document
from praxis_kb.problems import Code
from praxis_kb.validate.findings import (
    Finding,
    id_matches_file_name,
    labels_in_every_language,
)


def rules(data: dict[str, Any], stem: str, languages: Collection[str]) -> Iterator[Finding]:
    """The rules for one criterion whose data the schema accepted."""
    yield from id_matches_file_name(data, stem, "Kriterium")
    yield from labels_in_every_language(data, languages)


def unique_order(docs: Iterable[Document]) -> Iterator[tuple[Document, Finding]]:
    """Each position (reihenfolge) belongs to one criterion; later files are told the first."""
    order: dict[int, str] = {}
    for doc in docs:
        rank = doc.data["reihenfolge"]
        if rank in order:
            yield (
                doc,
                Finding(
                    Code.CRITERION_ORDER_DUPLICATE,
                    f"Die Reihenfolge {rank} hat schon das Kriterium „{order[rank]}“",
                    "vergeben Sie jede Position nur einmal",
                    ("reihenfolge",),
                ),
            )
        order.setdefault(rank, doc.data["id"])
