"""Where a sentence sits: the paragraph it belongs to, the entity mentions inside a span, and the
entity a byline names.

Claims and quantities both read a sentence with its neighbours (a pronoun or "the pipeline" points
back to the paragraph before it), so they share this view of the text.
"""

from __future__ import annotations

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
    """The mentions lying wholly inside [start, end), in text order."""
    return [m for m in analysis.mentions if m.start >= start and m.end <= end]


def named_by(analysis: Analysis, byline: Byline, cls: str) -> EntityRef:
    """The entity a byline names: the one of class `cls` recognised inside it, else one first met here."""
    for mention in mentions_within(analysis, byline.start, byline.end):
        if mention.entity.cls == cls:
            return mention.entity
    return EntityRef.first_met(byline.name, cls)
