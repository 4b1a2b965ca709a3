"""HermiT's verdict for a build, and what it asks of HermiT: check, reuse or carry over, then materialise.

The build's door (eurasia_kg/build.py) calls `reason_over` once the document graphs are loaded.
HermiT checks the TBox, the reference data and every document entity's class assertions (not the
rest of the documents, which it cannot contradict). Its verdict on exactly the same input (a
checksum) as the previous build's is reused rather than asked again, and a verdict that carries
over soundly to the new input (new or changed entities only of class combinations HermiT checked
before: `reason.carry_over`) is carried over. The inferred graph is made anew, the rules running
while HermiT checks, or updated for what changed when the build kept it.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from eurasia_kg.graph import reason
from eurasia_kg.graph.oxtypes import serialized, solutions, triples
from eurasia_kg.graph.store import Generation
from eurasia_kg.vocab import DOCUMENT_GRAPH_PREFIX, EKG, ENT, INFERRED_GRAPH, document_iri

# The class assertions (and labels) of the documents' entities in the given classes: HermiT's view of the documents.
# The classes are bound first (VALUES), so that only their members are read, not every typed node;
# an entity that many documents mention is then built once (DISTINCT), not once per document.
ENTITY_TYPINGS = """
CONSTRUCT { ?entity a ?class ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
WHERE {
  { SELECT DISTINCT ?entity ?class ?label WHERE {
      VALUES ?class { %s }
      GRAPH ?document { ?entity a ?class }
      FILTER (STRSTARTS(STR(?document), "%s"))
      OPTIONAL { GRAPH ?document { ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label } }
  } }
}"""

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SAME_AS = ox.NamedNode(str(OWL.sameAs))

# Which document gives an entity (bound as ?entity) which ontology class: for a warning that names them.
CLASSES_BY_DOCUMENT = """
SELECT ?entity ?document ?class
WHERE { GRAPH ?document { ?entity a ?class } FILTER (STRSTARTS(STR(?document), "%s") && STRSTARTS(STR(?class), "%s")) }
ORDER BY ?document ?class"""


class ReasonerRequired(Exception):
    """The reasoner was required (mode "require") but cannot run; the message says why."""


class Inconsistent(Exception):
    """The ontology and the extracted entities are inconsistent; the message is HermiT's explanation."""


@dataclass(frozen=True)
class Request:
    """What reasoning over one build generation needs.

    `previous` is the verdict the previous build remembered (empty when none); `fresh` names the
    document graphs this build loaded when the inferred graph was kept (None: materialise anew).
    """

    ontology: Graph
    mode: str  # "auto", "require" or "off"
    entity_classes: Iterable[str]  # local names of the ontology classes HermiT checks entities against
    reference_files: tuple[Path, ...]
    static_checksum: str  # of the ontology and reference files
    previous: dict = field(default_factory=dict)
    fresh: tuple[str, ...] | None = None


@dataclass
class Outcome:
    """HermiT's verdict to remember (empty when HermiT did not run), and what to record about it."""

    verdict: dict = field(default_factory=dict)
    consistent: bool | None = None  # None: not known (the reasoner did not run)
    seconds: float | None = None  # HermiT's time, when it ran or its verdict was reused
    notes: list[str] = field(default_factory=list)  # for the build record, in order
    warnings: list[str] = field(default_factory=list)  # those of the notes a user should see


def reason_over(generation: Generation, request: Request) -> Outcome:
    """Check consistency with HermiT (or reuse its verdict), then materialise the inferred graph.

    An entity that two documents give disjoint classes (a port one text calls a place and another a
    project) is a disagreement between sources, not a broken ontology: it is named in a warning and
    left out of HermiT's input. Raises Inconsistent when the rest does not agree, and
    ReasonerRequired when the mode requires HermiT and it cannot run.
    """
    if request.fresh is None:
        # The rules (Oxigraph, which leaves the interpreter) run while HermiT (Java) checks; what
        # follows from the types HermiT infers is added once it has answered.
        with ThreadPoolExecutor(max_workers=1) as rules:
            materialised = rules.submit(reason.materialise, generation.store)
            outcome = _verdict(generation.store, request)
            materialised.result()
        reason.add_inferred_types(generation.store, _types(outcome.verdict.get("inferred", [])))
        return outcome
    outcome = _verdict(generation.store, request)
    before, now = request.previous.get("inferred", []), outcome.verdict.get("inferred", [])
    _rematerialise(generation, request.fresh, before, now)
    # HermiT's types go in last, as an update may take out a triple that is also one of them (in one
    # transaction: a bulk load costs a tenth of a second on disk however few the quads)
    generation.store.extend(_types(now))
    return outcome


def _verdict(store: ox.Store, request: Request) -> Outcome:
    """HermiT's verdict on the entities' classes: the previous one reused or carried over, or asked
    anew; none when the reasoner is off."""
    if request.mode == "off":
        return Outcome()
    reference = _reference_data(request.reference_files)
    abox = _entity_typings(store, request.entity_classes) | reference
    warnings = _set_aside_disputed_classes(request.ontology, abox, reference, store)
    outcome = Outcome(notes=list(warnings), warnings=list(warnings))
    typings = b"\n".join(sorted(serialized(abox, ox.RdfFormat.N_TRIPLES).splitlines()))
    checksum = hashlib.sha256(request.static_checksum.encode() + typings).hexdigest()
    classes = _asserted_classes(abox)
    previous = request.previous
    if previous.get("input") == checksum:
        outcome.verdict, outcome.consistent, outcome.seconds = previous, True, previous["seconds"]
        outcome.notes.append("HermiT's verdict on the same ontology, reference data and entity classes, "
                             "from the previous build")
    elif carried := _carried_over(previous, classes, reference):
        outcome.verdict = {"input": checksum, "inferred": [list(pair) for pair in carried.inferred], "seconds": 0.0,
                           "classes": classes}
        outcome.consistent = True
        outcome.notes.append("HermiT's verdict carried over from the previous build: "
                             "every new or changed entity has classes HermiT found consistent there")
    else:
        _run_hermit(request.ontology, abox, request.mode, outcome)
        if outcome.consistent:
            outcome.verdict = {"input": checksum, "inferred": outcome.verdict["inferred"],
                               "seconds": outcome.seconds, "classes": classes}
    return outcome


def _run_hermit(ontology: Graph, abox: set[ox.Triple], mode: str, outcome: Outcome) -> None:
    try:
        checked = reason.check_consistency(ontology, abox)
    except reason.ReasonerUnavailable as error:
        if mode == "require":
            raise ReasonerRequired(str(error)) from None
        message = f"consistency check skipped: {error} (use --reasoner require to make this an error)"
        outcome.notes.append(message)
        outcome.warnings.append(message)
        return
    outcome.consistent, outcome.seconds = checked.consistent, checked.seconds
    if not checked.consistent:
        raise Inconsistent(checked.explanation)
    outcome.verdict = {"inferred": [list(pair) for pair in checked.inferred_types]}


def _entity_typings(store: ox.Store, entity_classes: Iterable[str]) -> set[ox.Triple]:
    """The class assertions (and labels) of the documents' entities: what HermiT checks across documents."""
    classes = " ".join(f"<{EKG[name]}>" for name in entity_classes)
    return set(triples(store.query(ENTITY_TYPINGS % (classes, DOCUMENT_GRAPH_PREFIX))))


def _reference_data(files: Iterable[Path]) -> set[ox.Triple]:
    return {quad.triple for file in files for quad in ox.parse(path=file, format=ox.RdfFormat.TURTLE)}


def _set_aside_disputed_classes(ontology: Graph, abox: set[ox.Triple], reference: set[ox.Triple],
                                store: ox.Store) -> list[str]:
    """Remove from `abox` the document class assertions of entities whose classes are disjoint; a warning for each."""
    types, same_as = _links(abox, _RDF_TYPE), _links(abox, _SAME_AS)
    warnings = []
    for individual, pairs in reason.class_clashes(ontology, types, same_as).items():
        entity = ox.NamedNode(individual)
        abox.difference_update({triple for triple in abox if triple.subject == entity
                                and triple.predicate == _RDF_TYPE and triple not in reference})
        rows = solutions(store.query(CLASSES_BY_DOCUMENT % (DOCUMENT_GRAPH_PREFIX, EKG),
                                     substitutions={ox.Variable("entity"): entity}))
        classes = ", ".join(
            f"{reason.short(row['class'].value)} in {row['document'].value.removeprefix(DOCUMENT_GRAPH_PREFIX)}"
            for row in rows)
        disjoint = "; ".join(f"{reason.short(a)} and {reason.short(b)} are disjoint" for a, b in pairs)
        warnings.append(f"{reason.short(individual)}: the documents disagree on its class ({classes}; {disjoint}); "
                        "it is left out of the consistency check")
    return warnings


def _asserted_classes(abox: set[ox.Triple]) -> dict[str, list[str]]:
    """Each entity's asserted ontology classes, as HermiT's input holds them."""
    classes: dict[str, list[str]] = {}
    for entity, cls in _links(abox, _RDF_TYPE):
        if entity.startswith(str(ENT)) and cls.startswith(str(EKG)):
            classes.setdefault(entity, []).append(cls)
    return {entity: sorted(found) for entity, found in sorted(classes.items())}


def _links(abox: set[ox.Triple], predicate: ox.NamedNode) -> list[tuple[str, str]]:
    """The (subject, object) pairs of the triples with `predicate` whose object is an IRI."""
    return [(triple.subject.value, triple.object.value) for triple in abox
            if triple.predicate == predicate and isinstance(triple.subject, ox.NamedNode | ox.BlankNode)
            and isinstance(triple.object, ox.NamedNode)]


def _carried_over(previous: dict, classes: dict[str, list[str]], reference: set[ox.Triple]) -> reason.Verdict | None:
    """HermiT's verdict derived from the previous build's, when that is sound (see reason.carry_over)."""
    if not previous.get("classes"):
        return None
    referenced = {node.value for triple in reference for node in (triple.subject, triple.object)
                  if isinstance(node, ox.NamedNode)}
    earlier = reason.Verdict(previous["classes"], [tuple(pair) for pair in previous["inferred"]])
    return reason.carry_over(earlier, classes, referenced)


def _rematerialise(generation: Generation, fresh: Iterable[str], before: list[list[str]],
                   now: list[list[str]]) -> None:
    """Update the kept inferred graph for the document graphs retired and loaded (`fresh`) and the
    types HermiT inferred `before` and infers `now`."""
    before_types, now_types = {tuple(pair) for pair in before}, {tuple(pair) for pair in now}
    generation.retired.bulk_extend(_types(sorted(before_types - now_types)))
    added = ox.Store()
    added.bulk_extend(_types(sorted(now_types)))
    fresh = list(fresh)
    for graph in fresh:
        added.bulk_extend(generation.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    changed = {graph.value for graph in generation.retired.named_graphs() if isinstance(graph, ox.NamedNode)}
    documents = [document_iri(graph.removeprefix(DOCUMENT_GRAPH_PREFIX)) for graph in {*changed, *fresh}
                 if graph.startswith(DOCUMENT_GRAPH_PREFIX)]
    reason.rematerialise(generation.store, generation.retired, added, own_nodes=documents)


def _types(pairs: Iterable) -> list[ox.Quad]:
    """HermiT's inferred types of our own entities (not of the Wikidata IRIs they are sameAs), as quads
    of the inferred graph."""
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    return [ox.Quad(ox.NamedNode(individual), _RDF_TYPE, ox.NamedNode(cls), inferred)
            for individual, cls in pairs if individual.startswith(str(ENT))]
