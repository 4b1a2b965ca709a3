"""Read what a text says about itself: its title and the bylines naming its authors."""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Analysis, Byline, Metadata, Span

_SPACE = r"[ \t\u00a0]+"  # within a line only: a byline never runs on to the next line
_WORD = r"(?:[A-Z][a-z’'-]*[a-z]|[A-Z]\.)"  # a capitalised name or an initial
_NAME = rf"{_WORD}(?:{_SPACE}(?:{_WORD}|de|van|von|bin))*{_SPACE}[A-Z][a-z’'-]*[a-z]"
_BYLINE = re.compile(
    rf"^[ \t]*(?:Written by|By){_SPACE}(?P<names>{_NAME}(?:(?:,{_SPACE}|{_SPACE}and{_SPACE}){_NAME})*)",
    re.M,
)
_ONE_NAME = re.compile(_NAME)
_TITLE_MAX = 160


def read_metadata(analysis: Analysis) -> Analysis:
    """Pipeline component: fill `metadata` with the title line and the bylines."""
    text = analysis.view
    return replace(analysis, metadata=Metadata(title=_title(text), authors=tuple(_bylines(text))))


def _title(text: str) -> Span | None:
    """The first non-blank line, when it reads like a title (short, no closing full stop)."""
    match = re.search(r"\S[^\n]*", text)
    if not match:
        return None
    line = match.group().rstrip()
    if len(line) > _TITLE_MAX or line.endswith((".", ":", ";")):
        return None
    return Span(match.start(), match.start() + len(line))


def _bylines(text: str) -> list[Byline]:
    authors: list[Byline] = []
    for byline in _BYLINE.finditer(text):
        names = byline.group("names")
        offset = byline.start("names")
        for name in _ONE_NAME.finditer(names):
            authors.append(Byline(offset + name.start(), offset + name.end(), name.group()))
    return authors
