"""Write an Analysis as the document's RDF graph (docs/graph-model.md), every fact with its evidence.

Every node gets an IRI derived from the document and the character offsets it rests on, never a
blank node, so that the same text always gives the same triples.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from eurasia_kg.vocab import EKG, OA, PREFIXES, document_iri, entity_iri

from .model import Analysis, EntityRef, Span

CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector


def document_graph(analysis: Analysis) -> Graph:
    """The RDF graph of one document: its description, its mentions, the entities it names."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    writer = _Writer(graph, analysis)
    writer.document()
    for mention in analysis.mentions:
        writer.annotation("mention", mention, body=writer.entity(mention.entity), confidence=mention.confidence,
                          cls=EKG.Mention, motivation=OA.identifying)
    writer.authors()
    return graph


class _Writer:
    def __init__(self, graph: Graph, analysis: Analysis) -> None:
        self.graph = graph
        self.analysis = analysis
        self.doc = URIRef(document_iri(analysis.source.slug))
        self.activity = URIRef(f"{self.doc}/extraction")

    def add(self, subject: URIRef, predicate: URIRef, obj) -> None:
        self.graph.add((subject, predicate, obj))

    def document(self) -> None:
        source, metadata = self.analysis.source, self.analysis.metadata
        self.add(self.doc, RDF.type, EKG.Document)
        self.add(self.doc, DCTERMS.identifier, Literal(source.identifier))
        self.add(self.doc, EKG.text, Literal(source.text))
        self.add(self.doc, EKG.characterCount, Literal(len(source.text), datatype=XSD.nonNegativeInteger))
        self.add(self.doc, EKG.sha256, Literal(source.sha256))
        if metadata.title:
            self.add(self.doc, DCTERMS.title, Literal(self.analysis.quote(metadata.title).strip(), lang="en"))
        if metadata.year:
            self.add(self.doc, DCTERMS.date, Literal(str(metadata.year), datatype=XSD.gYear))
        self.add(self.activity, RDF.type, PROV.Activity)
        self.add(self.activity, PROV.used, self.doc)
        self.add(self.activity, PROV.wasAssociatedWith, EKG["eurasia-kg"])

    def entity(self, entity: EntityRef) -> URIRef:
        iri = URIRef(entity.iri)
        self.add(iri, RDF.type, EKG[entity.cls])
        self.add(iri, RDFS.label, Literal(entity.label, lang="en"))
        return iri

    def authors(self) -> None:
        """dcterms:creator for each byline, with the byline's span as the evidence."""
        for byline in self.analysis.metadata.authors:
            person = self._person_named_at(byline) or EntityRef(entity_iri(byline.name), byline.name, "Person")
            iri = self.entity(person)
            self.add(self.doc, DCTERMS.creator, iri)
            if not self._mentioned_at(byline):
                self.annotation("mention", byline, body=iri, confidence=0.9, cls=EKG.Mention, motivation=OA.identifying)

    def _mentioned_at(self, span: Span) -> bool:
        return any(m.start == span.start and m.end == span.end for m in self.analysis.mentions)

    def _person_named_at(self, span: Span) -> EntityRef | None:
        for mention in self.analysis.mentions:
            if mention.entity.cls == "Person" and mention.start >= span.start and mention.end <= span.end:
                return mention.entity
        return None

    def annotation(self, kind: str, span: Span, *, body: URIRef, confidence: float, cls: URIRef,
                   motivation: URIRef) -> URIRef:
        """A Web Annotation of `body` on the text at `span`, with position and quote selectors."""
        node = URIRef(f"{self.doc}/{kind}/{span.start}-{span.end}")
        target, position, quote = (URIRef(f"{node}/{part}") for part in ("target", "position", "quote"))
        text = self.analysis.source.text
        self.add(node, RDF.type, cls)
        self.add(node, OA.motivatedBy, motivation)
        self.add(node, OA.hasBody, body)
        self.add(node, OA.hasTarget, target)
        self.add(node, EKG.confidence, Literal(Decimal(str(confidence)), datatype=XSD.decimal))
        self.add(node, PROV.wasGeneratedBy, self.activity)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.doc)
        self.add(target, OA.hasSelector, position)
        self.add(target, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(text[span.start : span.end]))
        self.add(quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start]))
        self.add(quote, OA.suffix, Literal(text[span.end : span.end + CONTEXT]))
        return node
