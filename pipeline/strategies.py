"""Named strategies tried in order: the first that finds an answer decides, and the answer names it.

Where the pipeline has several ways of finding one thing (the publisher of a text, the subject a
quantity measures, the speaker named after a quotation), each way is a small function of one
argument, the case, returning what it found or None. A tuple of them, most telling first, is the
policy; `first_found` runs it and says which strategy decided, so that a test can check each
strategy alone and a reader can ask why an answer was given.

>>> def _from_title(case): return case.get("title")
>>> def _from_first_line(case): return case.get("first line")
>>> decision = first_found((_from_title, _from_first_line), {"first line": "Steppe Wire"})
>>> decision.value, decision.by
('Steppe Wire', 'from-first-line')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterable, TypeVar

Case = TypeVar("Case")
Found = TypeVar("Found")


@dataclass(frozen=True)
class Decision(Generic[Found]):
    """What a strategy found, and the strategy that found it."""

    value: Found
    strategy: Callable[..., object]

    @property
    def by(self) -> str:
        """The strategy's name: its function's name, in words joined by dashes."""
        return strategy_name(self.strategy)


def strategy_name(strategy: Callable[..., object]) -> str:
    return strategy.__name__.strip("_").replace("_", "-")


def first_found(strategies: Iterable[Callable[[Case], Found | None]], case: Case) -> Decision[Found] | None:
    """The answer of the first strategy that finds one (not None), with that strategy; None if none does."""
    for strategy in strategies:
        value = strategy(case)
        if value is not None:
            return Decision(value, strategy)
    return None
