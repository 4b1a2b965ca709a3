"""Where a sentence sits: the paragraph it belongs to, the entity mentions inside a span, and the
entity a byline names.

Claims and quantities both read a sentence with its neighbours (a pronoun or "the pipeline" points
back to the paragraph before it), so they share this view of the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .model import Analysis, Byline, EntityRef, Mention, Sentence


def paragraphs(analysis: Analysis) -> list[tuple[Sentence, ...]]:
    """The sentences grouped by paragraph: a line break between two sentences starts a new one."""
    groups: list[list[Sentence]] = []
    previous: Sentence | None = None
    for sentence in analysis.sentences:
        if previous is None or "\n" in analysis.view[previous.end : sentence.start]:
            groups.append([])
        groups[-1].append(sentence)
        previous = sentence
    return [tuple(group) for group in groups]


def mentions_within(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """The mentions lying wholly inside [start, end), in the order of `analysis.mentions` (text order):
    found by bisection, as claims and quantities ask this of every sentence."""
    mentions = analysis.mentions
    order, starts, _ = _by_start(mentions)
    inside = (i for i in order[bisect_left(starts, start) : bisect_right(starts, end)] if mentions[i].end <= end)
    return [mentions[i] for i in sorted(inside)]


def mentions_starting(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """The mentions that start in [start, end), in the order of `analysis.mentions`."""
    order, starts, _ = _by_start(analysis.mentions)
    return [analysis.mentions[i] for i in sorted(order[bisect_left(starts, start) : bisect_left(starts, end)])]


def mentions_overlapping(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """The mentions sharing a character with [start, end), in the order of `analysis.mentions`: only
    those starting less than the longest mention's length before `start` can reach into it."""
    mentions = analysis.mentions
    order, starts, longest = _by_start(mentions)
    near = order[bisect_right(starts, start - longest) : bisect_left(starts, end)]
    return [mentions[i] for i in sorted(i for i in near if start < mentions[i].end)]


_INDEXED: list[tuple[tuple[Mention, ...], list[int], list[int], int]] = []  # the mentions indexed last


def _by_start(mentions: tuple[Mention, ...]) -> tuple[list[int], list[int], int]:
    """The indices of the mentions ordered by start, those starts, and the longest mention's length;
    made once per analysis (the mentions kept alongside, so that the identity test cannot meet another
    tuple at the same address)."""
    for indexed, order, starts, longest in _INDEXED[-1:]:
        if indexed is mentions:
            return order, starts, longest
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    longest = max((m.end - m.start for m in mentions), default=0)
    _INDEXED[:] = [(mentions, order, starts, longest)]
    return order, starts, longest


def named_by(analysis: Analysis, byline: Byline, cls: str) -> EntityRef:
    """The entity a byline names: the one of class `cls` recognised inside it, else one first met here."""
    for mention in mentions_within(analysis, byline.start, byline.end):
        if mention.entity.cls == cls:
            return mention.entity
    return EntityRef.first_met(byline.name, cls)
