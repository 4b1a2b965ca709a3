"""The plain data that flows between pipeline components.

A component takes an `Analysis` and returns a new one with its own field filled in; it never
reaches into another component's state. Offsets are Unicode code points into `SourceText.text`,
end exclusive, exactly as the source file was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from eurasia_kg.vocab import entity_iri


@dataclass(frozen=True)
class SourceText:
    """A source file as read: its text is never cleaned, so offsets into it stay true."""

    path: Path
    identifier: str  # the file's name, as users know it (dcterms:identifier)
    slug: str  # the IRI segment of the document (vocab.document_slug)
    text: str
    sha256: str  # of the file's bytes
    encoding: str = "utf-8"  # how the bytes were decoded (a Python codec name)


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

    @classmethod
    def first_met(cls, name: str, core_class: str) -> EntityRef:
        """An entity the reference data does not know, as a text names it: its IRI comes from the name,
        so that every component, and every document, that meets the name mints the same one."""
        return cls(entity_iri(name), name, core_class)


@dataclass(frozen=True)
class Mention(Span):
    entity: EntityRef
    confidence: float
    matched_as: str  # "label", "alias", "metonym" or "demonym": how the surface form was known
    # (for an entity first met in the text, how it was recognised: "head", "context", "recurrence", …)
    rule: str = ""  # id of the rule that made it (pipeline/rules): every item names its rule


@dataclass(frozen=True)
class Byline(Span):
    """A name the text states about itself (an author, a publisher), with the span naming it."""

    name: str


@dataclass(frozen=True)
class Section(Span):
    """One piece of a file that bundles several, each with its own title and authors."""

    title: Span | None = None
    authors: tuple[Byline, ...] = ()


@dataclass(frozen=True)
class Metadata:
    title: Span | None = None
    authors: tuple[Byline, ...] = ()
    year: int | None = None
    publisher: Byline | None = None
    sections: tuple[Section, ...] = ()
    publisher_class: str = "ResearchOrganization"  # or "Company" for a commercial outlet
    publisher_found_by: str = ""  # the strategy that found the publisher (metadata.*_PUBLISHER_STRATEGIES)


@dataclass(frozen=True)
class Relation(Span):
    """A core relation read from the text; the span is its evidence (a clause or sentence)."""

    subject: EntityRef
    predicate: str  # local name of a core property: memberOf, partyTo, participatesIn, …
    object: EntityRef
    confidence: float
    rule: str = ""  # id of the rule that made it (pipeline/rules): every item names its rule


@dataclass(frozen=True)
class Claim(Span):
    """An analytic assertion; the span is the claim's sentence(s)."""

    kind: str  # "Prediction", "Assessment" or "Recommendation"
    attributed_to: EntityRef | None  # a Person, Group, State or organisation; None: nobody the text names
    about: tuple[EntityRef, ...]
    hedge: str | None  # the hedging words as written ("unlikely", "may"), None when firm
    confidence: float
    rule: str = ""  # id of the rule that made it (pipeline/rules): every item names its rule


@dataclass(frozen=True)
class Quantity(Span):
    """A number in a named unit about an entity; the span is its evidence."""

    subject: EntityRef
    measure: str  # what is measured, in words: "trade volume", "capacity", "deal value"
    value: Decimal  # in `unit`, written out in full (400 billion USD is 400000000000)
    unit: str  # one of the unit codes of the ontology (ekg:unit): USD, m3/year, percent, …
    year: int | None
    confidence: float
    rule: str = ""  # id of the rule that made it (pipeline/rules): every item names its rule
    subject_found_by: str = ""  # the strategy that chose the subject (quantities.SUBJECT_STRATEGIES)


@dataclass(frozen=True)
class Analysis:
    """Everything the pipeline has learnt about one document so far.

    `view` is the text as components should read it: the same length as the source text, with
    markup and site chrome (navigation, login prompts, share widgets) blanked out with spaces, so
    an offset found in the view is the same offset in the source.
    """

    source: SourceText
    view: str = ""
    sentences: tuple[Sentence, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()

    def __post_init__(self) -> None:
        if not self.view:
            object.__setattr__(self, "view", self.source.text)
        if len(self.view) != len(self.source.text):
            raise ValueError("the view of a text must keep its length, so that offsets stay true")

    def quote(self, span: Span) -> str:
        return self.source.text[span.start : span.end]
