"""Link the graph outward: Wikidata, GeoNames and DBpedia identities, and facts from the Wikidata slice.

`link_store` runs inside a build's new store generation, after the documents are loaded and before
the generation goes live. It reads the store and writes (or, in a rebuild, updates) two named graphs:

- graph:links — owl:sameAs to Wikidata for entities the reference data does not identify but the
  slice knows well enough (a score at or above the threshold), each with an ekg:Link record of its
  score, method and source; the best candidate of an entity left below the threshold, recorded
  but never asserted, for curation (`eurasia-kg query unlinked`); and, for every entity linked to
  Wikidata (by the reference data or here), skos:closeMatch to GeoNames and owl:sameAs to DBpedia
  derived from the item's GeoNames id and English Wikipedia article.
- graph:enrichment — what the slice knows of every linked item (names, classes, ISO codes, capital,
  inception, coordinates, GeoNames id, population, memberships with their qualifiers), each triple
  reified as an rdf:Statement with prov:wasDerivedFrom the page it was read from.

Scores: an exact English label scores 1.0, an exact alias 0.95 and a near spelling its similarity
times 0.9, so that only exact names can pass the default threshold of 0.9; the score is then
multiplied by 1.0 when the item's Wikidata class maps (through the ontology's SKOS alignments) to
the entity's class or a class above or below it, 0.95 when the slice gives no mapped class, and 0.4
when the classes disagree. Two items passing the threshold within 0.05 of each other make the
entity ambiguous: it stays unlinked.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from eurasia_kg.graph.linking.slice import Fact, Item, WikidataSlice
from eurasia_kg.graph.oxtypes import plain, solutions
from eurasia_kg.graph.store import replace_graph
from eurasia_kg.names import name_key
from eurasia_kg.vocab import (
    DBPEDIA,
    DOCUMENT_GRAPH_PREFIX,
    EKG,
    ENRICHMENT,
    ENRICHMENT_GRAPH,
    ENT,
    GEONAMES,
    LINK,
    LINKS_GRAPH,
    ONTOLOGY_GRAPH,
    P,
    PQ,
    PS,
    REFERENCE_GRAPH,
    WD,
    WDT,
)

THRESHOLD = 0.9
AMBIGUITY_MARGIN = 0.05
CANDIDATE_FLOOR = 0.65  # weaker candidates are noise to a curator (a person named like a city)
NAME_SCORES = {"label": 1.0, "alias": 0.95}
FUZZY_WEIGHT = 0.9
TYPE_FACTORS = {"compatible": 1.0, "unknown": 0.95, "incompatible": 0.4}
# What the enrichment graph brings in: the item's truthy values of these Wikidata properties.
ENRICHED_PROPERTIES = ("P31", "P297", "P298", "P36", "P571", "P625", "P1566", "P1082", "P463")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_CLOSE_MATCH = ox.NamedNode(f"{_SKOS}closeMatch")
_TYPE = ox.NamedNode(f"{_RDF}type")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_NAMES = {ox.NamedNode(f"{_RDFS}label"), ox.NamedNode(f"{_SKOS}altLabel")}
_ENRICHED = {ox.NamedNode(f"{WDT}{pid}") for pid in ENRICHED_PROPERTIES}
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


@dataclass(frozen=True)
class Entity:
    """An entity of the graph as the linker sees it: IRI, core class and the names documents give it."""

    iri: str
    cls: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item an entity may be, with its score, how it was found and the fact it rests on."""

    item: Item
    score: float
    method: str
    evidence: Fact | None


@dataclass
class LinkOutcome:
    """What linking did, for the build's report and the command line."""

    linked: dict[str, str] = field(default_factory=dict)  # entity -> Wikidata item, found here
    identified: dict[str, str] = field(default_factory=dict)  # entity -> Wikidata item, from the reference data
    candidates: dict[str, Candidate] = field(default_factory=dict)  # below the threshold or ambiguous
    unmatched: list[str] = field(default_factory=list)
    external: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # GeoNames / DBpedia links
    enrichment_facts: int = 0
    mentioned: set[str] = field(default_factory=set)  # the entities the documents mention

    @property
    def mentioned_with_wikidata(self) -> int:
        """How many of the entities the documents mention have a Wikidata id (from the reference data or linked)."""
        return len(self.mentioned & (set(self.identified) | set(self.linked)))


def link_store(store: ox.Store, wikidata: WikidataSlice, threshold: float = THRESHOLD) -> LinkOutcome:
    """Write graph:links and graph:enrichment for the entities of `store`; returns what was done."""
    outcome = LinkOutcome(identified=_reference_links(store))
    matcher = Matcher(wikidata, _class_alignments(store))
    links: list[ox.Quad] = []
    for entity in _entities(store):
        outcome.mentioned.add(entity.iri)
        if entity.iri in outcome.identified:
            continue
        best = matcher.best(entity, threshold)
        if best is None:
            outcome.unmatched.append(entity.iri)
        elif best.score >= threshold and not best.method.startswith("ambiguous"):
            outcome.linked[entity.iri] = best.item.iri
            links.extend(_link_quads(entity.iri, _OWL_SAME_AS, ox.NamedNode(best.item.iri), best, accepted=True))
        else:
            outcome.candidates[entity.iri] = best
            links.extend(_link_quads(entity.iri, _OWL_SAME_AS, ox.NamedNode(best.item.iri), best, accepted=False))
    identities = {**outcome.identified, **outcome.linked}
    for entity_iri, item in sorted(identities.items()):
        for target, predicate, candidate in _external_links(wikidata, item):
            outcome.external[_target_name(target)] += 1
            links.extend(_link_quads(entity_iri, predicate, target, candidate, accepted=True))
    candidates = {candidate.item.iri for candidate in outcome.candidates.values()}
    enrichment = list(_enrichment_quads(wikidata, sorted(set(identities.values())), candidates))
    outcome.enrichment_facts = sum(1 for quad in enrichment if quad.predicate == _DERIVED_FROM)
    replace_graph(store, links, str(LINKS_GRAPH))
    replace_graph(store, enrichment, str(ENRICHMENT_GRAPH))
    return outcome


class Matcher:
    """Finds and scores the slice's items that an entity's names may denote."""

    def __init__(self, wikidata: WikidataSlice, alignments: dict[str, set[str]]) -> None:
        self._alignments = alignments
        self._names: dict[str, list[tuple[Item, str]]] = defaultdict(list)
        self._evidence: dict[tuple[str, str], Fact] = {}
        self._matchers: dict[str, difflib.SequenceMatcher] = {}
        for item in wikidata.items.values():
            for kind, names in (("label", item.labels), ("alias", item.aliases)):
                for name in names:
                    self._names[name_key(name)].append((item, kind))
            for fact in wikidata.facts(item.iri):
                if fact.triple.predicate in _NAMES:
                    self._evidence.setdefault((item.iri, name_key(fact.object.value)), fact)
        self._known = list(self._names)
        self._position = {known: index for index, known in enumerate(self._known)}

    def candidates(self, entity: Entity) -> list[Candidate]:
        """Every item some name of the entity may denote, best first (one candidate per item)."""
        found: dict[str, Candidate] = {}
        for name in entity.names:
            key = name_key(name)
            if not key:
                continue
            for known, similarity in self._similar(key):
                for item, kind in self._names[known]:
                    exact = similarity == 1.0
                    base = NAME_SCORES[kind] if exact else similarity * FUZZY_WEIGHT
                    fit = self._type_fit(entity.cls, item)
                    score = round(base * TYPE_FACTORS[fit], 3)
                    method = f"{'exact' if exact else 'similar'} {kind}, {fit} class"
                    if item.iri not in found or found[item.iri].score < score:
                        found[item.iri] = Candidate(item, score, method, self._evidence.get((item.iri, known)))
        return sorted(found.values(), key=lambda c: (-c.score, c.item.iri))

    def _similar(self, key: str) -> list[tuple[str, float]]:
        """The known names at least as alike to `key` as the floor, with difflib's ratio, in the slice's order.

        rapidfuzz's ratio (twice the longest common subsequence over both lengths) is never below
        difflib's, whose matching blocks are one common subsequence: so rapidfuzz, fast, picks the
        few names worth difflib's exact look.
        """
        near = process.extract(key, self._known, scorer=fuzz.ratio, processor=None, limit=None,
                               score_cutoff=100 * CANDIDATE_FLOOR - 1e-6)
        similar = [(known, 1.0 if known == key else _similarity(key, self._matcher(known))) for known, _, _ in near]
        return sorted(((known, similarity) for known, similarity in similar if similarity >= CANDIDATE_FLOOR),
                      key=lambda pair: self._position[pair[0]])

    def _matcher(self, known: str) -> difflib.SequenceMatcher:
        """A matcher holding `known` as its second sequence, whose index difflib then builds only once."""
        if known not in self._matchers:
            self._matchers[known] = difflib.SequenceMatcher(None, "", known, autojunk=False)
        return self._matchers[known]

    def best(self, entity: Entity, threshold: float) -> Candidate | None:
        """The best candidate, marked ambiguous when a rival item comes within the margin above the threshold."""
        ranked = [c for c in self.candidates(entity) if c.score >= CANDIDATE_FLOOR]
        if not ranked:
            return None
        best = ranked[0]
        rivals = [c for c in ranked[1:] if c.score >= threshold and best.score - c.score < AMBIGUITY_MARGIN]
        if best.score >= threshold and rivals:
            others = ", ".join(c.item.qid for c in rivals)
            return Candidate(best.item, best.score, f"ambiguous with {others}; {best.method}", best.evidence)
        return best

    def _type_fit(self, entity_class: str, item: Item) -> str:
        mapped = set().union(*(self._alignments.get(cls, set()) for cls in item.classes)) if item.classes else set()
        if not mapped:
            return "unknown"
        return "compatible" if entity_class in mapped else "incompatible"


def _similarity(a: str, matcher: difflib.SequenceMatcher) -> float:
    """How alike `a` is to the matcher's second sequence: difflib's ratio."""
    matcher.set_seq1(a)
    return matcher.ratio()


def _entities(store: ox.Store) -> Iterator[Entity]:
    """The entities the documents mention, with their class and every label documents give them."""
    query = f"""
        SELECT DISTINCT ?entity ?class ?label WHERE {{
          GRAPH ?graph {{ ?entity a ?class ; <{_RDFS}label> ?label }}
          FILTER(STRSTARTS(STR(?graph), "{DOCUMENT_GRAPH_PREFIX}") && STRSTARTS(STR(?entity), "{ENT}")
                 && STRSTARTS(STR(?class), "{EKG}"))
        }}"""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _rows(store, query):
        names[(row["entity"]["value"], row["class"]["value"])].add(row["label"]["value"])
    for (iri, cls), labels in sorted(names.items()):
        yield Entity(iri, cls, tuple(sorted(labels)))


def _rows(store: ox.Store, query: str) -> list[dict[str, dict[str, str]]]:
    """The solutions of a SELECT query as SPARQL's JSON results give them (each variable's term as
    "type" and "value"), read in one call into the store.

    Iterating the solutions hands the interpreter lock to the reasoning thread once per row, and
    waits to take it back each time: for the thousand entities of a hundred documents, that was
    twice as slow as reading them all at once.
    """
    written = solutions(store.query(query)).serialize(format=ox.QueryResultsFormat.JSON)
    if written is None:  # only when an output file is given
        raise TypeError("pyoxigraph wrote to a file where bytes were asked for")
    return json.loads(written)["results"]["bindings"]


def _reference_links(store: ox.Store) -> dict[str, str]:
    """Entity -> Wikidata item, as the reference data states them."""
    quads = store.quads_for_pattern(None, _OWL_SAME_AS, None, ox.NamedNode(str(REFERENCE_GRAPH)))
    links = ((plain(q.subject).value, plain(q.object).value) for q in quads)
    return {entity: item for entity, item in links if item.startswith(str(WD))}


def _class_alignments(store: ox.Store) -> dict[str, set[str]]:
    """Wikidata class -> the ontology classes compatible with it (the aligned class, its super- and subclasses).

    Read from the ontology graph of the store, so that linking follows the alignments documented there.
    """
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    aligned: dict[str, set[str]] = defaultdict(set)
    for predicate in ("exactMatch", "closeMatch", "narrowMatch"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(f"{_SKOS}{predicate}"), None, ontology):
            term, match = plain(quad.subject).value, plain(quad.object).value
            if term.startswith(str(EKG)) and match.startswith(str(WD)):
                aligned[match].add(term)
    sub = ox.NamedNode(f"{_RDFS}subClassOf")
    parents: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, sub, None, ontology):
        if isinstance(quad.object, ox.NamedNode):
            parents[plain(quad.subject).value].add(quad.object.value)
    children: dict[str, set[str]] = defaultdict(set)
    for child, ups in parents.items():
        for parent in ups:
            children[parent].add(child)
    return {wd: set().union(*(_closure(c, parents) | _closure(c, children) for c in classes))
            for wd, classes in aligned.items()}


def _closure(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, frontier = {start}, [start]
    while frontier:
        for nxt in edges.get(frontier.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def _link_quads(entity: str, predicate: ox.NamedNode, target: ox.NamedNode, candidate: Candidate,
                accepted: bool) -> list[ox.Quad]:
    """The link (when accepted) and its ekg:Link record: what, how sure, how found, from which source."""
    graph = ox.NamedNode(str(LINKS_GRAPH))
    subject = ox.NamedNode(entity)
    record = ox.NamedNode(f"{LINK}{entity.removeprefix(str(ENT))}/{_digest(predicate.value, target.value)}")
    quads = [ox.Quad(subject, predicate, target, graph)] if accepted else []
    quads += [
        ox.Quad(record, _TYPE, ox.NamedNode(f"{EKG}Link"), graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}subject"), subject, graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}predicate"), predicate, graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}object"), target, graph),
        ox.Quad(record, ox.NamedNode(f"{EKG}linkScore"), _decimal(candidate.score), graph),
        ox.Quad(record, ox.NamedNode(f"{EKG}linkMethod"), ox.Literal(candidate.method), graph),
        ox.Quad(record, ox.NamedNode(f"{EKG}linkAccepted"), ox.Literal(str(accepted).lower(), datatype=_BOOLEAN), graph),
    ]
    if candidate.evidence is not None:
        quads.append(ox.Quad(record, _DERIVED_FROM, candidate.evidence.source, graph))
    return quads


def _decimal(value: float) -> ox.Literal:
    """An xsd:decimal in its canonical form ("1", not "1.0"), the form in which the store gives it back:
    a rebuild then finds the very term it writes, and leaves it in place instead of replacing it.

    >>> [_decimal(score).value for score in (1.0, 0.95, 0.5, 0.0)]
    ['1', '0.95', '0.5', '0']
    """
    return ox.Literal(format(Decimal(str(value)).normalize(), "f"), datatype=_DECIMAL)


def _external_links(wikidata: WikidataSlice, item_iri: str) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, Candidate]]:
    """GeoNames and DBpedia resources derived from what the slice says of a Wikidata item."""
    item = wikidata.items.get(item_iri) or Item(item_iri)
    for fact in wikidata.facts(item_iri):
        if fact.triple.predicate == ox.NamedNode(f"{WDT}P1566") and fact.subject.value == item_iri:
            target = ox.NamedNode(f"{GEONAMES}{fact.object.value}/")
            yield target, _CLOSE_MATCH, Candidate(item, 1.0, "derived from the Wikidata GeoNames ID (P1566)", fact)
    article = wikidata.english_article(item_iri)
    if article is not None:
        title = article.subject.value.rsplit("/wiki/", 1)[-1]
        target = ox.NamedNode(f"{DBPEDIA}{title}")
        yield target, _OWL_SAME_AS, Candidate(item, 1.0, "derived from the English Wikipedia article on Wikidata", article)


def _target_name(target: ox.NamedNode) -> str:
    return "GeoNames" if target.value.startswith(str(GEONAMES)) else "DBpedia"


def _enrichment_quads(wikidata: WikidataSlice, items: list[str], candidates: set[str]) -> Iterator[ox.Quad]:
    """The enriched facts of each item, each asserted and reified with its source; the names of the items
    they point to and of the candidates left for curation; then the slice's description."""
    graph = ox.NamedNode(str(ENRICHMENT_GRAPH))
    named: set[str] = set()
    for item in items:
        for fact in wikidata.facts(item):
            triple = fact.triple
            if fact.subject.value == item and (triple.predicate in _ENRICHED or triple.predicate in _NAMES):
                yield from _sourced(fact, graph)
                if isinstance(triple.object, ox.NamedNode) and triple.object.value.startswith(str(WD)):
                    named.add(triple.object.value)
            elif triple.predicate.value.startswith((f"{P}P463", f"{PS}P463", str(PQ))):
                yield from _sourced(fact, graph)
    for other in sorted((named | candidates) - set(items)):  # capitals, organisations, candidates
        for fact in wikidata.facts(other):
            if fact.triple.predicate in _NAMES and fact.subject.value == other:
                yield from _sourced(fact, graph)
    for triple in wikidata.description:
        yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _sourced(fact: Fact, graph: ox.NamedNode) -> list[ox.Quad]:
    triple = fact.triple
    record = ox.NamedNode(f"{ENRICHMENT}fact/{_digest(str(triple.subject), str(triple.predicate), str(triple.object))}")
    return [
        ox.Quad(triple.subject, triple.predicate, triple.object, graph),
        ox.Quad(record, _TYPE, ox.NamedNode(f"{_RDF}Statement"), graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}subject"), triple.subject, graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}predicate"), triple.predicate, graph),
        ox.Quad(record, ox.NamedNode(f"{_RDF}object"), triple.object, graph),
        ox.Quad(record, _DERIVED_FROM, fact.source, graph),
    ]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]
