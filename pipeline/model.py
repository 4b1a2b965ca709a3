"""The plain data that flows between pipeline components.

A component takes an `Analysis` and returns a new one with its own field filled in; it never
reaches into another component's state. Offsets are Unicode code points into `SourceText.text`,
end exclusive, exactly as the source file was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceText:
    """A source file as read: its text is never cleaned, so offsets into it stay true."""

    path: Path
    identifier: str  # the file's name, as users know it (dcterms:identifier)
    slug: str  # the IRI segment of the document (vocab.document_slug)
    text: str
    sha256: str  # of the file's bytes


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence(Span):
    pass


@dataclass(frozen=True)
class EntityRef:
    """An entity as the pipeline knows it: stable IRI, preferred label, one core class."""

    iri: str
    label: str
    cls: str  # local name of a core class, e.g. "State"


@dataclass(frozen=True)
class Mention(Span):
    entity: EntityRef
    confidence: float
    matched_as: str  # "label", "alias", "metonym" or "demonym": how the surface form was known


@dataclass(frozen=True)
class Byline(Span):
    """A person the text names as its author, with the span naming them."""

    name: str


@dataclass(frozen=True)
class Metadata:
    title: Span | None = None
    authors: tuple[Byline, ...] = ()
    year: int | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything the pipeline has learnt about one document so far."""

    source: SourceText
    sentences: tuple[Sentence, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    mentions: tuple[Mention, ...] = ()

    def quote(self, span: Span) -> str:
        return self.source.text[span.start : span.end]
