"""Write an Analysis as the document's RDF graph (docs/graph-model.md), every fact with its evidence.

Every node gets an IRI derived from the document and the character offsets it rests on, never a
blank node, so that the same text always gives the same triples.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdflib_namespaces
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from eurasia_kg import vocab
from eurasia_kg.ontology import ontology_terms
from eurasia_kg.vocab import PREFIXES, document_iri

from .model import Analysis, Byline, Claim, EntityRef, Quantity, Relation, Span
from .rules import RuleSpec, rule

BYLINE_RULE = "metadata/byline"  # the mention of a document's author or publisher named in its byline

CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector


class _Terms:
    """A namespace whose terms are made once: rdflib makes a new URIRef at each look-up, and a document
    graph looks up the same few dozen terms thousands of times."""

    def __init__(self, namespace: Namespace) -> None:
        self._namespace = namespace
        self._made: dict[str, URIRef] = {}

    def __getitem__(self, name: str) -> URIRef:
        term = self._made.get(name)
        if term is None:
            term = self._made[name] = URIRef(self._namespace[name])
        return term

    def __getattr__(self, name: str) -> URIRef:
        return self[name]


DCTERMS, PROV, RDF, RDFS, XSD = (_Terms(getattr(rdflib_namespaces, name))
                                 for name in ("DCTERMS", "PROV", "RDF", "RDFS", "XSD"))
EKG, OA, RULE, SCHEMA = (_Terms(getattr(vocab, name)) for name in ("EKG", "OA", "RULE", "SCHEMA"))

# The terms of a Web Annotation, looked up once: every mention and fact has one, and rdflib makes a
# new term on each namespace lookup.
_TYPE, _CONFIDENCE, _GENERATED_BY, _NON_NEGATIVE = RDF.type, EKG.confidence, PROV.wasGeneratedBy, XSD.nonNegativeInteger
_MOTIVATED_BY, _HAS_BODY, _HAS_TARGET, _HAS_SOURCE, _HAS_SELECTOR = (
    OA.motivatedBy, OA.hasBody, OA.hasTarget, OA.hasSource, OA.hasSelector)
_SPECIFIC_RESOURCE, _POSITION_SELECTOR, _QUOTE_SELECTOR = OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector
_START, _END, _EXACT, _PREFIX, _SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix


def document_graph(analysis: Analysis) -> Graph:
    """The RDF graph of one document: its description, mentions, relations, claims, quantities."""
    writer = _Writer(analysis)
    writer.document()
    for mention in analysis.mentions:
        node = URIRef(f"{writer.doc}/mention/{mention.start}-{mention.end}")
        writer.annotation(node, mention, body=writer.entity(mention.entity), confidence=mention.confidence,
                          cls=EKG.Mention, motivation=OA.identifying)
        writer.traced(node, mention.rule)
    writer.authors()
    for relation in analysis.relations:
        writer.relation(relation)
    for claim in analysis.claims:
        writer.claim(claim)
    for quantity in analysis.quantities:
        writer.quantity(quantity)
    return writer.graph()


@lru_cache(maxsize=None)  # a handful of confidence values, met on every node
def _decimal(value: float | Decimal) -> Literal:
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


@lru_cache(maxsize=4096)  # offsets: a mention's and its evidence's selectors share them
def _offset(value: int) -> Literal:
    return Literal(value, datatype=_NON_NEGATIVE)


# What _filled writes of Memory's state; another rdflib that keeps other names is filled by addN.
_MEMORY_STATE = {f"_Memory__{name}" for name in ("spo", "pos", "osp", "defaultContexts", "context_obj_map",
                                                   "all_contexts", "contextTriples")}


def _filled(triples: list[tuple[Node, Node, Node]]) -> Graph:
    """A graph holding `triples` (repeats are one triple), with the project's prefixes bound.

    rdflib's in-memory store spends most of a document graph's assembly in `add`: an event object
    and the bookkeeping of contexts, once per triple. A new graph's triples all sit in the graph's
    own context, so its indexes can be filled at once, to the same state `add` leaves them in
    (tests/test_assemble.py compares the two); any other store is filled triple by triple.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    store = graph.store
    state = vars(store)  # Memory's private indexes (rdflib is pinned in constraints.txt)
    if type(store) is not Memory or not _MEMORY_STATE <= state.keys() or state["_Memory__defaultContexts"] is not None:
        graph.addN((s, p, o, graph) for s, p, o in triples)
        return graph
    spo, pos, osp = state["_Memory__spo"], state["_Memory__pos"], state["_Memory__osp"]
    unique = []
    for triple in triples:
        subject, predicate, obj = triple
        objects = spo.setdefault(subject, {}).setdefault(predicate, {})
        if obj in objects:
            continue
        objects[obj] = 1
        pos.setdefault(predicate, {}).setdefault(obj, {})[subject] = 1
        osp.setdefault(obj, {}).setdefault(subject, {})[predicate] = 1
        unique.append(triple)
    context = f"{type(graph.identifier).__name__}:{graph.identifier}"  # as Memory names a graph's context
    state["_Memory__context_obj_map"][context] = graph
    state["_Memory__all_contexts"].add(graph)
    state["_Memory__contextTriples"][None].update(unique)
    state["_Memory__contextTriples"][context] = set(unique)
    if unique:
        state["_Memory__defaultContexts"] = {context: False, None: False}
    return graph


class _Writer:
    def __init__(self, analysis: Analysis) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []
        self.analysis = analysis
        self.doc = URIRef(document_iri(analysis.source.slug))
        self.activity = URIRef(f"{self.doc}/extraction")
        self.plans: set[URIRef] = set()
        self.described: set[tuple[URIRef, str, str]] = set()  # entities typed and labelled so far

    def add(self, subject: URIRef, predicate: URIRef, obj) -> None:
        self.triples.append((subject, predicate, obj))

    def graph(self) -> Graph:
        return _filled(self.triples)

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
            self.add(self.doc, DCTERMS.date, Literal(f"{metadata.year:04d}", datatype=XSD.gYear))
        if metadata.publisher:
            self.add(self.doc, DCTERMS.publisher, self._named(metadata.publisher, metadata.publisher_class))
        self.add(self.activity, RDF.type, PROV.Activity)
        self.add(self.activity, PROV.used, self.doc)
        self.add(self.activity, PROV.wasAssociatedWith, EKG["eurasia-kg"])

    def entity(self, entity: EntityRef) -> URIRef:
        """The entity's IRI, typed and labelled in this graph (the shapes ask for both)."""
        iri = URIRef(entity.iri)
        if (iri, entity.cls, entity.label) not in self.described:  # an entity is met many times
            self.described.add((iri, entity.cls, entity.label))
            self.add(iri, RDF.type, EKG[entity.cls])
            self.add(iri, RDFS.label, Literal(entity.label, lang="en"))
        return iri

    def authors(self) -> None:
        """dcterms:creator for each byline of the document and of its sections."""
        bylines = list(self.analysis.metadata.authors)
        bylines += [b for section in self.analysis.metadata.sections for b in section.authors if b not in bylines]
        for byline in bylines:
            self.add(self.doc, DCTERMS.creator, self._named(byline, "Person"))

    def _named(self, byline: Byline, cls: str) -> URIRef:
        """The entity a byline names: the one recognised at that span, or a new one of class `cls`."""
        known = self._entity_within(byline, cls)
        iri = self.entity(known or EntityRef.first_met(byline.name, cls))
        if not any(m.start == byline.start and m.end == byline.end for m in self.analysis.mentions):
            node = URIRef(f"{self.doc}/mention/{byline.start}-{byline.end}")
            self.annotation(node, byline, body=iri, confidence=0.9, cls=EKG.Mention, motivation=OA.identifying)
            self.traced(node, BYLINE_RULE)
        return iri

    def _entity_within(self, span: Span, cls: str) -> EntityRef | None:
        for mention in self.analysis.mentions:
            if mention.start >= span.start and mention.end <= span.end and mention.entity.cls == cls:
                return mention.entity
        return None

    def relation(self, relation: Relation) -> None:
        """The relation as a plain triple, and reified as an ekg:Fact with its evidence."""
        subject, obj = self.entity(relation.subject), self.entity(relation.object)
        predicate = EKG[relation.predicate]
        self.add(subject, predicate, obj)
        key = hashlib.sha256(f"{subject} {predicate} {obj}".encode()).hexdigest()[:12]
        fact = URIRef(f"{self.doc}/fact/{relation.start}-{relation.end}/{key}")
        self.add(fact, RDF.type, EKG.Fact)
        self.add(fact, RDF.type, RDF.Statement)
        self.add(fact, RDF.subject, subject)
        self.add(fact, RDF.predicate, predicate)
        self.add(fact, RDF.object, obj)
        self.add(fact, EKG.confidence, _decimal(relation.confidence))
        self.evidence(fact, relation, relation.confidence)
        self.traced(fact, relation.rule)

    def claim(self, claim: Claim) -> None:
        node = URIRef(f"{self.doc}/claim/{claim.start}-{claim.end}")
        self.add(node, RDF.type, EKG.Claim)
        self.add(node, SCHEMA.text, Literal(self.analysis.quote(claim)))
        self.add(node, EKG.claimKind, EKG[claim.kind])
        if claim.attributed_to:
            self.add(node, EKG.attributedTo, self.entity(claim.attributed_to))
        for entity in claim.about:
            self.add(node, SCHEMA.about, self.entity(entity))
        if claim.hedge:
            self.add(node, EKG.hedge, Literal(claim.hedge))
        self.add(node, EKG.confidence, _decimal(claim.confidence))
        self.evidence(node, claim, claim.confidence)
        self.traced(node, claim.rule)

    def quantity(self, quantity: Quantity) -> None:
        node = URIRef(f"{self.doc}/quantity/{quantity.start}-{quantity.end}")
        self.add(node, RDF.type, EKG.Quantity)
        self.add(node, EKG.quantityOf, self.entity(quantity.subject))
        self.add(node, EKG.measure, Literal(quantity.measure))
        self.add(node, EKG.value, Literal(quantity.value, datatype=XSD.decimal))
        self.add(node, EKG.unit, Literal(quantity.unit))
        if quantity.year:
            self.add(node, EKG.year, Literal(f"{quantity.year:04d}", datatype=XSD.gYear))
        self.add(node, EKG.confidence, _decimal(quantity.confidence))
        self.evidence(node, quantity, quantity.confidence)
        self.traced(node, quantity.rule)

    def traced(self, node: URIRef, full_id: str) -> None:
        """ekg:rule: the rule that made `node`, described once in this graph as a prov:Plan."""
        if not full_id:
            return
        component, _, rule_id = full_id.partition("/")
        plan = URIRef(RULE[full_id])
        self.add(node, EKG.rule, plan)
        if plan not in self.plans:
            self.plans.add(plan)
            self.plan(plan, rule(component, rule_id))

    def plan(self, plan: URIRef, spec: RuleSpec) -> None:
        self.add(plan, RDF.type, PROV.Plan)
        self.add(plan, RDFS.label, Literal(spec.label, lang="en"))
        self.add(plan, DCTERMS.identifier, Literal(spec.full_id))
        # what the rule reads, as the ontology's term where it names one, else as the table words it
        reads = EKG[spec.reads] if spec.reads in ontology_terms(str(vocab.EKG)) else Literal(spec.reads)
        self.add(plan, EKG.reads, reads)
        if spec.pattern:
            self.add(plan, EKG.pattern, Literal(spec.pattern))

    def evidence(self, node: URIRef, span: Span, confidence: float) -> None:
        """ekg:hasEvidence: an annotation of `node` on the text at `span`."""
        annotation = URIRef(f"{node}/evidence")
        self.add(node, EKG.hasEvidence, annotation)
        self.annotation(annotation, span, body=node, confidence=confidence, cls=OA.Annotation,
                        motivation=OA.describing)

    def annotation(self, node: URIRef, span: Span, *, body: URIRef, confidence: float, cls: URIRef,
                   motivation: URIRef) -> None:
        """A Web Annotation of `body` on the text at `span`, with position and quote selectors."""
        target, position, quote = (URIRef(f"{node}/{part}") for part in ("target", "position", "quote"))
        text = self.analysis.source.text
        self.triples.extend((
            (node, _TYPE, cls),
            (node, _MOTIVATED_BY, motivation),
            (node, _HAS_BODY, body),
            (node, _HAS_TARGET, target),
            (node, _CONFIDENCE, _decimal(confidence)),
            (node, _GENERATED_BY, self.activity),
            (target, _TYPE, _SPECIFIC_RESOURCE),
            (target, _HAS_SOURCE, self.doc),
            (target, _HAS_SELECTOR, position),
            (target, _HAS_SELECTOR, quote),
            (position, _TYPE, _POSITION_SELECTOR),
            (position, _START, _offset(span.start)),
            (position, _END, _offset(span.end)),
            (quote, _TYPE, _QUOTE_SELECTOR),
            (quote, _EXACT, Literal(text[span.start : span.end])),
            (quote, _PREFIX, Literal(text[max(0, span.start - CONTEXT) : span.start])),
            (quote, _SUFFIX, Literal(text[span.end : span.end + CONTEXT])),
        ))
