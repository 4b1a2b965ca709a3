r"""The lines of a view and their shape: what the chrome blanker, the metadata reader and the
speaker reader see of a text before its sentences.

A unit is one non-blank line, trimmed, or a whole paragraph when the text is hard-wrapped; its
shape says whether it is prose, a headline, or part of the page header above the first prose.

>>> [unit.text for unit in units("Title\n\n  By Ana Petrova  \n")]
['Title', 'By Ana Petrova']
>>> header_end(units("Title\n\n" + "word " * 40))
1
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .model import Span


@dataclass(frozen=True)
class Unit(Span):
    """A line of the view, or a whole paragraph when the text is hard-wrapped; trimmed."""

    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


def units(view: str) -> list[Unit]:
    """The non-blank lines of a view, a hard-wrapped paragraph joined into one unit."""
    found: list[Unit] = []
    for block in _line_blocks(view):
        if _hard_wrapped(block):
            found.append(Unit(block[0].start, block[-1].end, " ".join(line.text for line in block)))
        else:
            found.extend(block)
    return found


def _line_blocks(view: str) -> Iterator[list[Unit]]:
    block: list[Unit] = []
    for match in re.finditer(r"^.*$", view, re.M):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            if block:
                yield block
            block = []
            continue
        start = match.start() + len(line) - len(line.lstrip())
        block.append(Unit(start, start + len(stripped), stripped))
    if block:
        yield block


def _hard_wrapped(block: list[Unit]) -> bool:
    """Lines cut at a fixed width form one paragraph: all but the last 40–100 characters long and
    alike, and at least half of them running on into a line that opens in lower case."""
    if len(block) < 2:
        return False
    widths = [len(line.text) for line in block[:-1]]
    running_on = sum(1 for line in block[1:] if line.text[0].islower())
    alike = min(widths) >= 40 and max(widths) <= 100 and max(widths) - min(widths) <= 30
    return alike and 2 * running_on >= len(widths)


def is_prose(unit: Unit) -> bool:
    """A paragraph of running text, not a heading, a label or a line of interface text."""
    count = len(unit.words)
    return count >= 40 or (count >= 20 and unit.text.endswith((".", "!", "?", "”", '"', "’", ")")))


def header_end(found: list[Unit]) -> int:
    """The index of the first paragraph of prose: the units before it are the page header."""
    return next((index for index, unit in enumerate(found) if is_prose(unit)), len(found))


def is_title_like(unit: Unit) -> bool:
    """Short, not a long sentence, and written like a headline (mostly capitalised words) or with
    a headline's colon or question mark."""
    words = unit.words
    if not 1 <= len(words) <= 25 or unit.text.endswith((",", ";")) or (unit.text.endswith(".") and len(words) > 12):
        return False
    lettered = [w for w in words if w[0].isalpha()]
    capitalised = sum(1 for w in lettered if w[0].isupper())
    return bool(lettered) and (capitalised * 2 >= len(lettered) or ":" in unit.text or "?" in unit.text)
