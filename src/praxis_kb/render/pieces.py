"""Pieces of the pages listing cases (a Praxisfinder card, a case's rows on a criterion's page),
kept per case by a preview between its rebuilds.

A full build renders every piece where it is needed. A preview (site/incremental.py) hands a
*keeper* to ``kept_by`` while it renders: a piece of a case whose model is the very object of the
last rebuild (neither its files nor anything every page depends on changed) is taken from there,
so that an edited title renders one card again, not a thousand. The pages are the same either way
(the tests compare a preview's pages with a full build's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TypeVar

from praxis_kb.model import Case

T = TypeVar("T")


class Keeper(Protocol):
    """Returns the piece *key* of *case* kept from an earlier rebuild, else ``make()`` (and keeps it)."""

    def __call__(self, key: tuple[str, ...], case: Case, make: Callable[[], T]) -> T: ...


_KEEPER: ContextVar[Keeper | None] = ContextVar("praxis_pieces_keeper", default=None)


def kept() -> bool:
    """Whether a preview keeps pieces now (a renderer may then render per case)."""
    return _KEEPER.get() is not None


def piece(key: tuple[str, ...], case: Case, make: Callable[[], T]) -> T:
    """The piece *key* (what it is, the page's language, …) of *case*: ``make()``, or what the
    preview kept of it. A piece may depend on its case and on what every page depends on, never
    on another case."""
    keeper = _KEEPER.get()
    return make() if keeper is None else keeper(key, case, make)


@contextmanager
def kept_by(keeper: Keeper) -> Iterator[None]:
    """Render with *keeper* keeping the pieces."""
    token = _KEEPER.set(keeper)
    try:
        yield
    finally:
        _KEEPER.reset(token)
