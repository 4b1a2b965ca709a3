"""Linked Data: what the server says when someone dereferences one of the graph's own IRIs.

A resource's description is every triple it is the subject of, in any graph, and the triples that
point at it (up to a cap): the symmetric concise bounded description, in Turtle, JSON-LD,
N-Triples or RDF/XML. People get the same as a page: label, types, statements with links back
into the server, the evidence quotes with their documents, and the Wikidata link. A page states a
value once, under the property it was stated with, not again under the properties reasoning copied
it to (its alignments, shown as a note); what has no label is named by what it says. A named graph's
IRI (and the ontology's) stands for its content: dereferencing it gives the graph itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from textwrap import shorten

import pyoxigraph as ox

from eurasia_kg.graph.endpoint.service import DESCRIPTION_PREFIXES
from eurasia_kg.graph.oxtypes import Term, plain
from eurasia_kg.vocab import DCTERMS, EKG, OA, OWL, RDF, RDFS, SCHEMA, SKOS, WD

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
_STATEMENT = tuple(ox.NamedNode(str(RDF[name])) for name in ("subject", "predicate", "object"))
_CLAIM_TEXT = ox.NamedNode(str(SCHEMA.text))
_VALUE, _MEASURE, _UNIT, _YEAR = (ox.NamedNode(str(EKG[name])) for name in ("value", "measure", "unit", "year"))
_SUB_PROPERTY = ox.NamedNode(str(RDFS.subPropertyOf))
_EQUIVALENT = ox.NamedNode(str(OWL.equivalentProperty))
_IMPLIES = (_SUB_PROPERTY, _EQUIVALENT)  # a statement with the property implies one with the other
_ALIGNMENTS = {  # how the ontology maps its properties to other vocabularies, in the words a page uses
    _SUB_PROPERTY: "sub-property of", _EQUIVALENT: "equivalent to",
    ox.NamedNode(str(SKOS.exactMatch)): "exact match", ox.NamedNode(str(SKOS.closeMatch)): "close to",
    ox.NamedNode(str(SKOS.broadMatch)): "narrower than", ox.NamedNode(str(SKOS.narrowMatch)): "broader than",
}


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
class Statement:
    """A row of a page: a property and its values, with how the ontology aligns the property."""

    predicate: Link
    objects: list[Link]
    alignments: list[tuple[str, list[Link]]] = field(default_factory=list)  # ("sub-property of", [wdt:P463])


@dataclass
class Table:
    """Resources that a description holds within itself (a VoID dataset's partitions), one per row."""

    predicate: Link  # what links the described resource to each row's resource
    columns: list[Link]
    rows: list[tuple[Link, list[list[Link]]]]  # the row's resource, and its values for each column


@dataclass
class Page:
    iri: str
    label: str
    types: list[Link] = field(default_factory=list)
    wikidata: list[Link] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    incoming: list[tuple[Link, Link]] = field(default_factory=list)
    incoming_total: int = 0
    quotes: list[Quote] = field(default_factory=list)
    quotes_total: int = 0
    text: str = ""  # a document's full text
    graph_size: int | None = None  # for a named graph: its number of triples
    terms: list[tuple[str, Link, list[str]]] = field(default_factory=list)  # IRI#term: anchor, link, comments
    tables: list[Table] = field(default_factory=list)


class Describer:
    """Descriptions of the resources of one store, with links that point into this server."""

    def __init__(self, store: ox.Store, base_iri: str, graph_iris: dict[str, str]) -> None:
        """`graph_iris` maps an IRI that stands for a graph (the ontology's) to that graph's name."""
        self.store = store
        self.base_iri = base_iri
        self.graph_iris = graph_iris
        self._implied: dict[ox.NamedNode, frozenset[ox.NamedNode]] = {}
        self._implied_by: dict[ox.NamedNode, frozenset[ox.NamedNode]] = {}

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
        objects: dict[ox.NamedNode, list] = {}
        for triple in own:
            obj = plain(triple.object)
            if triple.predicate == _TYPE:
                page.types.append(self.link(obj))
            elif triple.predicate in _SAME and obj.value.startswith(str(WD)):
                page.wikidata.append(wikidata_link(obj.value))
            elif triple.predicate == _COMMENT:
                page.comments.append(obj.value)
            elif triple.predicate == _TEXT:
                page.text = obj.value
            elif triple.predicate not in LABELS:
                objects.setdefault(triple.predicate, []).append(obj)
        page.statements = self.statements(objects)
        page.incoming, page.incoming_total = self.incoming(node)
        page.quotes, page.quotes_total = self.quotes(node)
        graph = self.graph_of(iri)
        if graph is not None:
            page.graph_size = sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))
            page.terms = self.hash_terms(iri, graph)
        return page

    def statements(self, objects: dict[ox.NamedNode, list]) -> list[Statement]:
        """One row per property, where what a property implies is not repeated: a value that
        reasoning copied from a property to the ones it aligns with (member of → schema:memberOf,
        wdt:P463) is shown once, under the property it was stated with, and the alignments as a note."""
        rows = []
        for predicate, values in objects.items():
            implied_by = [other for other in objects if predicate in self.implied(other)]
            shown = {value for other in implied_by for value in objects[other]}
            rest = [value for value in values if value not in shown]
            if rest:
                rows.append(Statement(self.link(predicate), [self.link(value) for value in rest],
                                      self.alignments(predicate)))
        return sorted(rows, key=lambda row: row.predicate.text)

    def incoming(self, node: ox.NamedNode) -> tuple[list[tuple[Link, Link]], int]:
        """Who points at the resource, and with which property (implied properties left out, as in
        `statements`); the first SHOWN_CAP pairs by property, and how many there are."""
        pairs: set[tuple] = set()
        for quad in self.store.quads_for_pattern(None, None, node, None):
            if quad.predicate not in (_BODY, _SOURCE):  # shown as quotes
                pairs.add((quad.subject, quad.predicate))
        kept = sorted((pair for pair in pairs
                       if not any((pair[0], other) in pairs for other in self.implied_by(pair[1]))),
                      key=lambda pair: (pair[1].value, str(pair[0])))
        return [(self.link(subject), self.link(predicate)) for subject, predicate in kept[:SHOWN_CAP]], len(kept)

    def implied(self, predicate: ox.NamedNode) -> frozenset[ox.NamedNode]:
        """The properties a statement with this one implies (its super-properties and equivalents)."""
        return self._related(predicate, self._implied, lambda relation: (predicate, relation, None))

    def implied_by(self, predicate: ox.NamedNode) -> frozenset[ox.NamedNode]:
        """The properties whose statements imply one with this property (its sub-properties)."""
        return self._related(predicate, self._implied_by, lambda relation: (None, relation, predicate))

    def _related(self, predicate: ox.NamedNode, cache: dict, pattern) -> frozenset[ox.NamedNode]:
        """The other end of `predicate`'s implication statements, as `pattern` places it; cached."""
        if predicate not in cache:
            ends = set()
            for relation in _IMPLIES:
                subject, _, obj = pattern(relation)
                for quad in self.store.quads_for_pattern(subject, relation, obj, None):
                    ends.add(quad.object if subject is not None else quad.subject)
            cache[predicate] = frozenset(t for t in ends if isinstance(t, ox.NamedNode) and t != predicate)
        return cache[predicate]

    def alignments(self, predicate: ox.NamedNode) -> list[tuple[str, list[Link]]]:
        """How the ontology maps a property to other vocabularies: ("sub-property of", [wdt:P463, …]), …"""
        notes = []
        for relation, wording in _ALIGNMENTS.items():
            targets = sorted({q.object for q in self.store.quads_for_pattern(predicate, relation, None, None)
                              if isinstance(q.object, ox.NamedNode) and q.object != predicate}, key=lambda t: t.value)
            if targets:
                notes.append((wording, [Link(compact(t.value), self.href(t.value), t.value) for t in targets]))
        return notes

    def description_page(self, iri: str, triples: list[ox.Triple]) -> Page:
        """A page for a description that is not in the store (the VoID of /.well-known/void): the
        resource's statements, and a table for each property whose values the description describes."""
        node = ox.NamedNode(iri)
        about: dict[object, list[ox.Triple]] = {}
        for triple in triples:
            about.setdefault(triple.subject, []).append(triple)
        own = about.get(node, [])
        labels = [plain(t.object).value for t in own if t.predicate in LABELS]
        page = Page(iri, labels[0] if labels else self.label(node))
        objects: dict[ox.NamedNode, list] = {}
        nested: dict[str, tuple[Link, list]] = {}
        for triple in sorted(own, key=str):
            if triple.predicate == _TYPE:
                page.types.append(self.link(triple.object))
            elif triple.object in about and triple.object != node:
                nested.setdefault(triple.predicate.value, (self.link(triple.predicate), []))[1].append(triple.object)
            elif triple.predicate not in LABELS:
                objects.setdefault(triple.predicate, []).append(triple.object)
        page.statements = [Statement(self.link(p), [self.link(o) for o in values]) for p, values in objects.items()]
        page.statements.sort(key=lambda row: row.predicate.text)
        for predicate, members in (nested[key] for key in sorted(nested, key=lambda k: nested[k][0].text)):
            page.tables.append(self._table(predicate, members, about))
        return page

    def _table(self, predicate: Link, members: list, about: dict) -> Table:
        columns = sorted({t.predicate for member in members for t in about[member]},
                         key=lambda p: p.value != _TYPE.value)  # the type first
        rows = []
        for member in members:
            cells = [[self.link(t.object) for t in about[member] if t.predicate == column] for column in columns]
            rows.append((self._member_link(member), cells))
        return Table(predicate, [self.link(column) for column in columns], rows)

    def _member_link(self, member) -> Link:
        """A link to a resource of a description, only where this server has a page for it."""
        if isinstance(member, ox.NamedNode):
            return self.link(member) if self.exists(member.value) else Link(compact(member.value), None, member.value)
        return Link("")

    def hash_terms(self, iri: str, graph: ox.NamedNode) -> list[tuple[str, Link, list[str]]]:
        """The `IRI#name` terms a graph defines (an ontology's classes and properties), for anchors."""
        subjects = {q.subject for q in self.store.quads_for_pattern(None, _TYPE, None, graph)
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iri + "#")}
        terms = []
        for term in sorted(subjects, key=lambda t: t.value):
            comments = [plain(q.object).value for q in self.store.quads_for_pattern(term, _COMMENT, None, graph)]
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
            fields: dict[ox.NamedNode, Term] = {}
            for selector in self.store.quads_for_pattern(target, _SELECTOR, None, None):
                if isinstance(selector.object, ox.Literal):  # a selector is a node with fields, never a literal
                    continue
                for quad in self.store.quads_for_pattern(selector.object, None, None, None):
                    fields.setdefault(quad.predicate, plain(quad.object))
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
        """The resource's label; for one of ours without a label (a fact, link, claim or figure), a
        summary of what it says; else the compact IRI."""
        return self._own_label(node) or self._summary(node) or compact(node.value)

    def _own_label(self, node) -> str:
        for predicate in LABELS:
            found = self.value(node, predicate)
            if found is not None:
                return found.value
        return ""

    def _summary(self, node) -> str:
        """'fact: Kazakhstan member of Collective Security Treaty Organization', 'claim: “…”',
        'quantity: length 5000 km (2030)', or "" for anything else."""
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(self.base_iri):
            return ""
        ends = [self.value(node, predicate) for predicate in _STATEMENT]
        text = self.value(node, _CLAIM_TEXT)
        amount = self.value(node, _VALUE)
        if all(end is not None for end in ends):
            said = " ".join(self._name(term) for term in ends)
        elif text is not None:
            said = f"“{shorten(text.value, 100, placeholder=' …')}”"
        elif amount is not None:
            said = " ".join(self._name(term) for term in (self.value(node, _MEASURE), amount, self.value(node, _UNIT))
                            if term is not None)
            year = self.value(node, _YEAR)
            said += f" ({year.value})" if year is not None else ""
        else:
            return ""
        kinds = [self._own_label(t) for t in self._types(node) if t.value.startswith(self.base_iri)]
        return f"{kinds[0]}: {said}" if kinds and kinds[0] else said

    def _name(self, term) -> str:
        """A term in a summary: its label, a literal's value, else its compact IRI."""
        if isinstance(term, ox.Literal):
            return term.value
        return self._own_label(term) or compact(term.value)

    def _types(self, node) -> list[ox.NamedNode]:
        classes = {q.object for q in self.store.quads_for_pattern(node, _TYPE, None, None)}
        return sorted((c for c in classes if isinstance(c, ox.NamedNode)), key=lambda c: c.value)

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
    for prefix, namespace in DESCRIPTION_PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _text(term) -> str:
    return "" if term is None else term.value
