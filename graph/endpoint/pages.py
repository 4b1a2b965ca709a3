"""Linked Data: what the server says when someone dereferences one of the graph's own IRIs.

A resource's description is every triple it is the subject of, in any graph, and the triples that
point at it (up to a cap): the symmetric concise bounded description, in Turtle, JSON-LD,
N-Triples or RDF/XML. People get the same as a page: label, types, statements with links back
into the server, the evidence quotes with their documents, and the Wikidata link. A named graph's
IRI (and the ontology's) stands for its content: dereferencing it gives the graph itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from eurasia_kg.vocab import DCTERMS, EKG, OA, OWL, PREFIXES, RDF, RDFS, SCHEMA, SKOS, WD

INCOMING_CAP = 2000  # triples pointing at a resource, in a machine description
SHOWN_CAP = 200  # rows of a section on a page
LABELS = tuple(ox.NamedNode(str(p)) for p in (RDFS.label, SKOS.prefLabel, DCTERMS.title, SCHEMA.name))
_TYPE = ox.NamedNode(str(RDF.type))
_COMMENT = ox.NamedNode(str(RDFS.comment))
_SAME = (ox.NamedNode(str(OWL.sameAs)), ox.NamedNode(str(SKOS.exactMatch)))
_BODY = ox.NamedNode(str(OA.hasBody))
_TARGET = ox.NamedNode(str(OA.hasTarget))
_SOURCE = ox.NamedNode(str(OA.hasSource))
_SELECTOR = ox.NamedNode(str(OA.hasSelector))
_EXACT, _PREFIX, _SUFFIX = (ox.NamedNode(str(OA[name])) for name in ("exact", "prefix", "suffix"))
_START, _END = ox.NamedNode(str(OA.start)), ox.NamedNode(str(OA.end))
_TEXT = ox.NamedNode(str(EKG.text))


@dataclass
class Link:
    """An RDF term as a page shows it: text, and where it links (None for a literal)."""

    text: str
    href: str | None = None
    title: str = ""  # the full IRI, or a literal's datatype or language


@dataclass
class Quote:
    exact: str
    prefix: str
    suffix: str
    document: Link
    start: str
    end: str


@dataclass
class Page:
    iri: str
    label: str
    types: list[Link] = field(default_factory=list)
    wikidata: list[Link] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    statements: list[tuple[Link, list[Link]]] = field(default_factory=list)
    incoming: list[tuple[Link, Link]] = field(default_factory=list)
    incoming_total: int = 0
    quotes: list[Quote] = field(default_factory=list)
    quotes_total: int = 0
    text: str = ""  # a document's full text
    graph_size: int | None = None  # for a named graph: its number of triples
    terms: list[tuple[str, Link, list[str]]] = field(default_factory=list)  # IRI#term: anchor, link, comments


class Describer:
    """Descriptions of the resources of one store, with links that point into this server."""

    def __init__(self, store: ox.Store, base_iri: str, graph_iris: dict[str, str]) -> None:
        """`graph_iris` maps an IRI that stands for a graph (the ontology's) to that graph's name."""
        self.store = store
        self.base_iri = base_iri
        self.graph_iris = graph_iris

    def iri_for_path(self, path: str) -> str:
        return self.base_iri + path.lstrip("/")

    def graph_of(self, iri: str) -> ox.NamedNode | None:
        """The named graph an IRI stands for, if it stands for one."""
        name = ox.NamedNode(self.graph_iris.get(iri, iri))
        return name if self.store.contains_named_graph(name) else None

    def triples(self, iri: str) -> list[ox.Triple]:
        """The description for machines: a graph's content, or the resource's own and incoming triples."""
        graph = self.graph_of(iri)
        if graph is not None:
            return [q.triple for q in self.store.quads_for_pattern(None, None, None, graph)]
        node = ox.NamedNode(iri)
        own = {q.triple for q in self.store.quads_for_pattern(node, None, None, None)}
        incoming = {q.triple for q in islice(self.store.quads_for_pattern(None, None, node, None), INCOMING_CAP)}
        return sorted(own | incoming, key=str)

    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return (self.graph_of(iri) is not None
                or next(self.store.quads_for_pattern(node, None, None, None), None) is not None
                or next(self.store.quads_for_pattern(None, None, node, None), None) is not None)

    def page(self, iri: str) -> Page:
        """The description for people."""
        node = ox.NamedNode(iri)
        own = sorted({q.triple for q in self.store.quads_for_pattern(node, None, None, None)}, key=str)
        page = Page(iri, self.label(node))
        grouped: dict[str, tuple[Link, list[Link]]] = {}
        for triple in own:
            if triple.predicate == _TYPE:
                page.types.append(self.link(triple.object))
            elif triple.predicate in _SAME and triple.object.value.startswith(str(WD)):
                page.wikidata.append(wikidata_link(triple.object.value))
            elif triple.predicate == _COMMENT:
                page.comments.append(triple.object.value)
            elif triple.predicate == _TEXT:
                page.text = triple.object.value
            elif triple.predicate not in LABELS:
                row = grouped.setdefault(triple.predicate.value, (self.link(triple.predicate), []))
                row[1].append(self.link(triple.object))
        page.statements = [grouped[key] for key in sorted(grouped, key=lambda k: grouped[k][0].text)]
        incoming = self.store.quads_for_pattern(None, None, node, None)
        seen = set()
        for quad in incoming:
            if quad.predicate in (_BODY, _SOURCE):
                continue  # shown as quotes
            key = (quad.subject, quad.predicate)
            if key in seen:
                continue
            seen.add(key)
            if len(page.incoming) < SHOWN_CAP:
                page.incoming.append((self.link(quad.subject), self.link(quad.predicate)))
        page.incoming_total = len(seen)
        page.quotes, page.quotes_total = self.quotes(node)
        graph = self.graph_of(iri)
        if graph is not None:
            page.graph_size = sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))
            page.terms = self.hash_terms(iri, graph)
        return page

    def hash_terms(self, iri: str, graph: ox.NamedNode) -> list[tuple[str, Link, list[str]]]:
        """The `IRI#name` terms a graph defines (an ontology's classes and properties), for anchors."""
        subjects = {q.subject for q in self.store.quads_for_pattern(None, _TYPE, None, graph)
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iri + "#")}
        terms = []
        for term in sorted(subjects, key=lambda t: t.value):
            comments = [q.object.value for q in self.store.quads_for_pattern(term, _COMMENT, None, graph)]
            terms.append((term.value.split("#", 1)[1], Link(self.label(term), None, term.value), comments))
        return terms

    def quotes(self, node: ox.NamedNode) -> tuple[list[Quote], int]:
        """The passages that annotate this resource (mentions of an entity, evidence of a fact)."""
        annotations = {q.subject for q in self.store.quads_for_pattern(None, _BODY, node, None)}
        quotes = []
        for annotation in sorted(annotations, key=str)[:SHOWN_CAP]:
            target = self.value(annotation, _TARGET)
            if target is None:
                continue
            document = self.value(target, _SOURCE)
            fields = {}
            for selector in self.store.quads_for_pattern(target, _SELECTOR, None, None):
                for quad in self.store.quads_for_pattern(selector.object, None, None, None):
                    fields.setdefault(quad.predicate, quad.object)
            if _EXACT not in fields or document is None:
                continue
            quotes.append(Quote(
                fields[_EXACT].value, _text(fields.get(_PREFIX)), _text(fields.get(_SUFFIX)),
                self.link(document), _text(fields.get(_START)), _text(fields.get(_END)),
            ))
        quotes.sort(key=lambda q: (q.document.text, int(q.start or 0)))
        return quotes, len(annotations)

    def value(self, subject, predicate):
        quad = next(self.store.quads_for_pattern(subject, predicate, None, None), None)
        return None if quad is None else quad.object

    def label(self, node) -> str:
        for predicate in LABELS:
            found = self.value(node, predicate)
            if found is not None:
                return found.value
        return compact(node.value)

    def link(self, term) -> Link:
        if isinstance(term, ox.Literal):
            note = term.language or compact(term.datatype.value)
            return Link(term.value, None, note)
        if isinstance(term, ox.NamedNode):
            if term.value.startswith(str(WD)):
                return wikidata_link(term.value)
            label = self.label(term) if term.value.startswith(self.base_iri) else compact(term.value)
            return Link(label, self.href(term.value), term.value)
        return Link(str(term))

    def href(self, iri: str) -> str | None:
        """Where a link to an IRI goes: into this server for the graph's own IRIs, else the IRI
        itself if it is a web address (never a `javascript:` or other scheme a page could run)."""
        if iri.startswith(self.base_iri):
            return "/" + iri[len(self.base_iri):]
        return iri if iri.startswith(("http://", "https://")) else None


def wikidata_link(iri: str) -> Link:
    qid = iri.rsplit("/", 1)[-1]
    return Link(f"wd:{qid}", f"https://www.wikidata.org/wiki/{qid}", iri)


def compact(iri: str) -> str:
    """`ekg:State` for a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _text(term) -> str:
    return "" if term is None else term.value
