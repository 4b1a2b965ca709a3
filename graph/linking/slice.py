"""The Wikidata slice: a small, Wikidata-shaped extract of the items this domain speaks of.

The slice is a TriG file. Its named graphs are sources: every triple in graph <S> is a fact seen
on page S (a public page for the hand-assembled slice, the item's own Wikidata page for a refreshed
one). The default graph describes the slice itself. The facts use Wikidata's own RDF vocabulary —
rdfs:label and skos:altLabel for names, wdt: for truthy values, p:/ps:/pq: for a statement with
qualifiers (a membership and its start time) and schema:about for an English Wikipedia article —
so that the same query reads the slice, the enrichment graph and Wikidata itself.

`refresh` renews the slice from a SPARQL endpoint (the Wikidata Query Service by default) with
ontology/wikidata/refresh.rq, writing the new file only when every request succeeded.
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, TypeGuard

import pyoxigraph as ox

from eurasia_kg import __version__
from eurasia_kg.graph.oxtypes import Resource, Term, plain
from eurasia_kg.ontology import HERE as ONTOLOGY_DIR
from eurasia_kg.vocab import P, PREFIXES, SCHEMA, WD, is_wikidata_id

SLICE_DIR = ONTOLOGY_DIR / "wikidata"
SLICE_FILE = SLICE_DIR / "slice.trig"
REFRESH_QUERY = SLICE_DIR / "refresh.rq"
SLICE_IRI = "https://w3id.org/eurasia-kg/wikidata-slice"
ENGLISH_WIKIPEDIA = "https://en.wikipedia.org/"
ITEM_PAGE = "https://www.wikidata.org/wiki/"

_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_INSTANCE_OF = ox.NamedNode("http://www.wikidata.org/prop/direct/P31")
_ABOUT = ox.NamedNode(f"{SCHEMA}about")
_QuadTerm = Term | ox.Triple  # what a quad's subject or object may be
_ITEMS_SLOT = "VALUES ?item {}"
_CHUNK = 100  # items per request: keeps each query well inside the Query Service's time limit


class SliceError(Exception):
    """A slice that cannot be read or refreshed; the message names the file or endpoint and the problem."""


@dataclass(frozen=True)
class Fact:
    """One triple of the slice and the page it was seen on."""

    triple: ox.Triple
    source: ox.NamedNode

    @property
    def subject(self) -> Resource:
        return plain(self.triple.subject)

    @property
    def object(self) -> Term:
        return plain(self.triple.object)


@dataclass
class Item:
    """A Wikidata item of the slice: its names and classes."""

    iri: str
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)

    @property
    def qid(self) -> str:
        return self.iri.removeprefix(str(WD))

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.qid


class WikidataSlice:
    """The facts of a slice, indexed by the item they are about."""

    def __init__(self, facts: Iterable[Fact], description: list[ox.Triple] | None = None) -> None:
        self.description = description or []
        self.items: dict[str, Item] = {}
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        statement_owner: dict[_QuadTerm, str] = {}
        deferred: list[Fact] = []
        for fact in facts:
            subject = fact.triple.subject
            if _is_item(subject):
                self._index(fact)
                if fact.triple.predicate.value.startswith(str(P)):
                    statement_owner[fact.triple.object] = subject.value
            elif fact.triple.predicate == _ABOUT and _is_item(fact.triple.object):
                self._facts[fact.triple.object.value].append(fact)
            else:
                deferred.append(fact)
        for fact in deferred:  # statement values and qualifiers belong to the item that owns the statement
            owner = statement_owner.get(fact.triple.subject)
            if owner is not None:
                self._facts[owner].append(fact)

    @classmethod
    def read(cls, path: Path = SLICE_FILE) -> "WikidataSlice":
        """Parse a slice file; SliceError names the file and the position of a syntax error."""
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        except OSError as error:
            raise SliceError(f"{path}: cannot be read ({error.strerror or error})") from None
        except SyntaxError as error:
            raise SliceError(f"{path}: is not valid TriG: {error}") from None
        facts, description = [], []
        for quad in quads:
            if isinstance(quad.graph_name, ox.DefaultGraph):
                description.append(quad.triple)
            else:
                facts.append(Fact(quad.triple, quad.graph_name))
        return cls(facts, description)

    def _index(self, fact: Fact) -> None:
        subject, predicate, obj = fact.subject.value, fact.triple.predicate, fact.triple.object
        item = self.items.setdefault(subject, Item(subject))
        self._facts[subject].append(fact)
        if predicate == _RDFS_LABEL and _is_english(obj) and obj.value not in item.labels:
            item.labels.append(obj.value)
        elif predicate == _ALT_LABEL and _is_english(obj) and obj.value not in item.aliases:
            item.aliases.append(obj.value)
        elif predicate == _INSTANCE_OF:
            item.classes.add(plain(obj).value)

    def facts(self, item: str) -> list[Fact]:
        """Everything the slice says about an item: its own triples, its statements and its articles."""
        return self._facts.get(item, [])

    def __len__(self) -> int:
        return sum(len(facts) for facts in self._facts.values())

    def english_article(self, item: str) -> Fact | None:
        """The English Wikipedia article about the item, when the slice knows it."""
        for fact in self.facts(item):
            if fact.triple.predicate == _ABOUT and fact.subject.value.startswith(ENGLISH_WIKIPEDIA):
                return fact
        return None


def _is_item(term: _QuadTerm) -> TypeGuard[ox.NamedNode]:
    return isinstance(term, ox.NamedNode) and term.value.startswith(str(WD)) and is_wikidata_id(
        term.value.removeprefix(str(WD))
    )


def _is_english(term: _QuadTerm) -> TypeGuard[ox.Literal]:
    return isinstance(term, ox.Literal) and (term.language or "").lower() in ("en", "")


# Refreshing the slice from a SPARQL endpoint


@dataclass(frozen=True)
class RefreshSummary:
    endpoint: str
    items: int
    facts: int
    output: Path


def refresh(endpoint: str, items: Iterable[str], output: Path, *, timeout: float = 120.0,
            today: date | None = None) -> RefreshSummary:
    """Ask `endpoint` for what it knows of `items` (Wikidata IRIs) and write a new slice to `output`.

    Nothing is written unless every request succeeds, so a failed refresh keeps the old slice.
    Each item's facts go into a graph named after its Wikidata page: that page is their source.
    """
    qids = sorted({iri.removeprefix(str(WD)) for iri in items if _is_item(ox.NamedNode(iri))}, key=_qid_number)
    if not qids:
        raise SliceError("nothing to refresh: no Wikidata items were given")
    template = _refresh_template()
    triples: list[ox.Triple] = []
    for start in range(0, len(qids), _CHUNK):
        query = _with_items(template, qids[start : start + _CHUNK])
        triples.extend(_construct(endpoint, query, timeout))
    fresh = WikidataSlice(Fact(t, page) for t in triples if (page := _page_of(t)) is not None)
    description = _describe(endpoint, today or date.today(), len(fresh.items))
    write(fresh, output, description)
    return RefreshSummary(endpoint, len(fresh.items), len(fresh), output)


def _refresh_template() -> str:
    sparql = REFRESH_QUERY.read_text(encoding="utf-8")
    if _ITEMS_SLOT not in sparql:
        raise SliceError(f"{REFRESH_QUERY}: the query must contain `{_ITEMS_SLOT}`, where the items are put")
    return sparql


def _with_items(template: str, qids: list[str]) -> str:
    """The refresh query for these items: validated Q-ids written as IRIs into the VALUES block."""
    terms = " ".join(str(ox.NamedNode(f"{WD}{qid}")) for qid in qids if is_wikidata_id(qid))
    return template.replace(_ITEMS_SLOT, "VALUES ?item { " + terms + " }", 1)


def _construct(endpoint: str, query: str, timeout: float) -> list[ox.Triple]:
    request = urllib.request.Request(
        endpoint,
        data=query.encode("utf-8"),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "text/turtle",
            "User-Agent": f"eurasia-kg/{__version__} (Wikidata slice refresh; https://w3id.org/eurasia-kg/)",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip()
        raise SliceError(f"{endpoint}: the endpoint answered HTTP {error.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SliceError(f"{endpoint}: cannot reach the endpoint ({reason}); are you online?") from None
    try:
        return list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        # The Oxigraph server signals a failure inside a 200 response by cutting the body short.
        raise SliceError(f"{endpoint}: the answer is not valid Turtle ({error}); the endpoint may have timed out") from None


def _page_of(triple: ox.Triple) -> ox.NamedNode | None:
    """The Wikidata page a refreshed triple comes from: the page of the item it is about."""
    subject = triple.subject
    if _is_item(subject):
        return ox.NamedNode(ITEM_PAGE + subject.value.removeprefix(str(WD)))
    if triple.predicate == _ABOUT and _is_item(triple.object):
        return ox.NamedNode(ITEM_PAGE + triple.object.value.removeprefix(str(WD)))
    if isinstance(subject, ox.NamedNode) and "/statement/" in subject.value:
        qid = subject.value.rsplit("/", 1)[-1].split("-", 1)[0].upper()
        return ox.NamedNode(ITEM_PAGE + qid) if is_wikidata_id(qid) else None
    return None


def _describe(endpoint: str, day: date, items: int) -> list[ox.Triple]:
    node = ox.NamedNode(SLICE_IRI)
    dcterms = "http://purl.org/dc/terms/"
    return [
        ox.Triple(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                  ox.NamedNode("http://www.w3.org/ns/dcat#Dataset")),
        ox.Triple(node, ox.NamedNode(dcterms + "title"), ox.Literal("Wikidata slice of eurasia-kg", language="en")),
        ox.Triple(node, ox.NamedNode(dcterms + "description"), ox.Literal(
            f"What {endpoint} answered about {items} items on {day.isoformat()}; each item's facts are in a "
            "graph named after its Wikidata page.", language="en")),
        ox.Triple(node, ox.NamedNode(dcterms + "source"), ox.NamedNode(endpoint)),
        ox.Triple(node, ox.NamedNode(dcterms + "issued"),
                  ox.Literal(day.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
        ox.Triple(node, ox.NamedNode(dcterms + "license"),
                  ox.NamedNode("https://creativecommons.org/publicdomain/zero/1.0/")),
    ]


def write(slice_: WikidataSlice, output: Path, description: list[ox.Triple]) -> None:
    """Write a slice as sorted TriG (clean diffs), replacing `output` in one rename."""
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in description]
    for item in slice_.items:
        quads.extend(ox.Quad(f.triple.subject, f.triple.predicate, f.triple.object, f.source) for f in slice_.facts(item))
    quads = sorted(set(quads), key=_sort_key)
    header = (
        "# eurasia-kg Wikidata slice. Each named graph is a source: its triples were read from that page.\n"
        "# Regenerate with `eurasia-kg link --refresh`.\n\n"
    ).encode("utf-8")
    body = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes())
    assert body is not None  # serialize returns the bytes when given no output to write to
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(header + body)
    os.replace(temporary, output)


def _prefixes() -> dict[str, str]:
    return {name: PREFIXES[name] for name in ("wd", "wdt", "p", "ps", "pq", "rdfs", "skos", "schema", "xsd", "dcterms")}


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def _qid_number(qid: str) -> int:
    return int(re.sub(r"\D", "", qid) or 0)

