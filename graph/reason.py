"""Reason over the graph: HermiT checks that the ontology and the entities' classes agree, and
SPARQL Update rules materialise what the ontology implies into the inferred graph.

HermiT runs on Java through owlready2; Pellet is not used because owlready2 0.51 ships a Pellet
build that needs Java 25.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import owlready2
import pyoxigraph
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from eurasia_kg.graph.oxtypes import plain, serialized, solutions
from eurasia_kg.graph.store import remove_quads
from eurasia_kg.ontology import rule_files
from eurasia_kg.vocab import DOCUMENT_GRAPH_PREFIX, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

_INFERENCES_ONTOLOGY = "http://inferrences/"  # where owlready2 puts what the reasoner added
_RDF_TYPE = pyoxigraph.NamedNode(str(RDF.type))

# The distinct triples about some subjects (bound with VALUES) in the graphs the rules read, with the
# kind of graph each is in: see _premises_about.
_PREMISES = """
SELECT DISTINCT ?subject ?predicate ?object ?kind WHERE {
  VALUES ?subject { %s }
  GRAPH ?graph { ?subject ?predicate ?object }
  BIND (IF(?graph = <%s>, "reference", IF(?graph = <%s>, "inferred", "document")) AS ?kind)
  FILTER (?kind != "document" || STRSTARTS(STR(?graph), "%s"))
}"""
_PREMISE_GRAPHS = {"reference": pyoxigraph.NamedNode(str(REFERENCE_GRAPH)),
                   "inferred": pyoxigraph.NamedNode(str(INFERRED_GRAPH)),
                   "document": pyoxigraph.NamedNode(DOCUMENT_GRAPH_PREFIX + "premises")}
# HermiT runs for about a second, too short a run for Java's optimising compiler (C2) to pay back
# its own work: without it HermiT took half the CPU time on a 100-document build's input (0.8 s
# against 1.5 s) and on ten times that input (2.2 s against 4.3 s), with the same answers. It
# changes how Java runs, not what HermiT is asked.
_HERMIT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
_JAVA_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS"


class ReasonerUnavailable(RuntimeError):
    """Java, which HermiT needs, is not on PATH."""


@dataclass(frozen=True)
class ConsistencyOutcome:
    """What HermiT concluded about an ontology together with an ABox.

    `consistent` is False when the whole is inconsistent, and also when some named class can have
    no member at all (it is equivalent to owl:Nothing), which is always a modelling error here.
    """

    consistent: bool
    explanation: str
    seconds: float
    inferred_types: list[tuple[str, str]]


def check_consistency(ontology: rdflib.Graph,
                      abox: rdflib.Graph | Iterable[pyoxigraph.Triple]) -> ConsistencyOutcome:
    """Run HermiT on the ontology plus the ABox (e.g. reference data and entity class assertions).

    Each call uses a fresh owlready2 World, so calls never see each other's axioms.
    """
    _require_java()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eurasia-kg-hermit-") as workdir:
        path = Path(workdir) / "ontology-and-abox.nt"
        # owlready2 does not read Turtle, so it gets N-Triples.
        path.write_bytes(_merged_ntriples(ontology, abox))
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load()
            consistent, explanation, inferred = _reason(world, path)
        finally:
            world.close()
    return ConsistencyOutcome(
        consistent=consistent,
        explanation=explanation,
        seconds=time.perf_counter() - started,
        inferred_types=inferred,
    )


def _merged_ntriples(ontology: rdflib.Graph, abox: rdflib.Graph | Iterable[pyoxigraph.Triple]) -> bytes:
    """The ontology and the ABox as one N-Triples document, each triple once.

    The ABox is written by Oxigraph when it comes from the store: an rdflib copy of it cost more
    than the rest of HermiT's Python side.
    """
    lines = ontology.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    written = (abox.serialize(format="nt", encoding="utf-8") if isinstance(abox, rdflib.Graph)
               else serialized(abox, pyoxigraph.RdfFormat.N_TRIPLES))
    held = set(lines)
    return b"".join(lines) + b"".join(line for line in written.splitlines(keepends=True) if line not in held)


@dataclass(frozen=True)
class Verdict:
    """HermiT's conclusion on a consistent input, kept so that a later build can reuse it."""

    classes: dict[str, list[str]]  # each entity's asserted classes in the input
    inferred: list[tuple[str, str]]  # (individual, class) pairs HermiT added


def carry_over(previous: Verdict, classes: dict[str, list[str]], referenced: set[str]) -> Verdict | None:
    """HermiT's verdict on a new input, derived from its verdict on a previous one, or None when it must run.

    The ontology has no nominals and the entities of the documents carry no property assertions, so
    an entity the reference data does not mention is consistent, and has the inferred types, exactly
    as any other such entity with the same asserted classes. A new or changed entity is therefore
    covered when the previous input held an unreferenced entity with the same classes; entities
    that are gone take their inferred types with them.
    """
    changed = {entity for entity in classes.keys() | previous.classes.keys()
               if sorted(classes.get(entity, [])) != sorted(previous.classes.get(entity, []))}
    if changed & referenced:
        return None
    inferred_of: dict[str, list[str]] = defaultdict(list)
    for individual, cls in previous.inferred:
        inferred_of[individual].append(cls)
    witnesses = {tuple(sorted(cls)): entity for entity, cls in previous.classes.items() if entity not in referenced}
    inferred = [(individual, cls) for individual, cls in previous.inferred if individual not in changed]
    for entity in sorted(changed & classes.keys()):
        witness = witnesses.get(tuple(sorted(classes[entity])))
        if witness is None:
            return None
        inferred.extend((entity, cls) for cls in inferred_of[witness])
    return Verdict(classes, sorted(inferred))


def materialise(store: pyoxigraph.Store) -> int:
    """Apply the rules of ontology/rules/ in name order; return how many quads the inferred graph gained.

    Running it again on the same data adds nothing: every rule skips triples some graph already holds.
    Each rule infers from one triple of the data (with the ontology): `rematerialise` relies on it.
    """
    before = _inferred_quad_count(store)
    for rule in rule_files():
        try:
            store.update(rule.read_text(encoding="utf-8"))
        except SyntaxError as error:
            raise SyntaxError(f"{rule}: the rule is not valid SPARQL Update: {error}") from error
    return _inferred_quad_count(store) - before


def rematerialise(store: pyoxigraph.Store, retired: pyoxigraph.Store, added: pyoxigraph.Store,
                  own_nodes: Iterable[str] = ()) -> None:
    """Bring the inferred graph of `store`, kept from an earlier build, up to what `materialise` would
    give now, at a cost that follows the change rather than the store.

    `retired` holds the quads of the graphs taken out since (and in its inferred graph, the types
    HermiT no longer infers), `added` those of the graphs put in (and every type HermiT now infers:
    one may be taken out below as a consequence of a retired triple, and what follows from it with it).
    Every rule infers from one triple, so: what the retired triples supported is what the rules
    infer from them alone, and it is removed; some of it may still follow from triples that stay,
    which are about the same nodes (a type from another type of the node, an inverse from the
    relation the other way), so the rules run again on those triples, with the added ones. HermiT's
    types are the caller's to add afterwards: a triple taken out here may be one of them.

    `own_nodes` are the IRIs of the documents retired or added: a document's own nodes (the
    document, and IRIs under it followed by / or #: its mentions, selectors, claims) appear in its
    graph alone and in what the rules infer from it, so what stays about them is what `added` holds,
    and the store is not asked (on a rebuild, nine in ten of the nodes concerned).
    """
    ontology_graph = pyoxigraph.NamedNode(str(ONTOLOGY_GRAPH))
    ontology = list(store.quads_for_pattern(None, None, None, ontology_graph))
    stale = _consequences(retired, ontology)
    remove_quads(store, stale)
    owned = _owned_by(own_nodes)
    touched = {term for quad in [*stale, *retired] if quad.graph_name != ontology_graph
               for term in (quad.subject, quad.object)
               if not isinstance(term, pyoxigraph.Literal) and not owned(term)}
    premises = pyoxigraph.Store()
    premises.bulk_extend(added)
    premises.bulk_extend(_premises_about(store, touched))
    inferred = pyoxigraph.NamedNode(str(INFERRED_GRAPH))
    _add_missing(store, _consequences(premises, ontology))
    # inferred before, asserted now: the rules would not infer it
    copies = (pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, inferred)
              for quad in added if quad.graph_name != inferred)
    remove_quads(store, [copy for copy in copies if copy in store])


def _owned_by(documents: Iterable[str]) -> Callable[[pyoxigraph.NamedNode | pyoxigraph.BlankNode], bool]:
    """Whether a node is one of the documents' own: the document's IRI, or one under it after / or #."""
    prefixes = tuple(document + separator for document in documents for separator in "/#")
    exact = set(documents)

    def owned(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode) -> bool:
        return isinstance(node, pyoxigraph.NamedNode) and (node.value in exact or node.value.startswith(prefixes))

    return owned


def add_inferred_types(store: pyoxigraph.Store, types: list[pyoxigraph.Quad]) -> None:
    """Add types inferred elsewhere (HermiT's, as quads of the inferred graph) to a materialised
    store, with what the rules infer from them: the inferred graph `materialise` gives when they are
    in place before it runs.

    Every rule infers from one triple, so what follows from the types is what the rules infer from
    them alone, with the ontology; some graph may hold part of it already, which the rules leave out.
    """
    if not types:
        return
    ontology = list(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(str(ONTOLOGY_GRAPH))))
    scratch = pyoxigraph.Store()
    scratch.bulk_extend(types)
    consequences = _consequences(scratch, ontology)
    store.extend(types)  # one transaction: see _add_missing
    _add_missing(store, consequences)


def _consequences(dataset: pyoxigraph.Store, ontology: list[pyoxigraph.Quad]) -> list[pyoxigraph.Quad]:
    """The inferred graph of `dataset` materialised with the ontology (`dataset` keeps both)."""
    dataset.bulk_extend(ontology)
    materialise(dataset)
    return list(dataset.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(str(INFERRED_GRAPH))))


def _add_missing(store: pyoxigraph.Store, quads: Iterable[pyoxigraph.Quad]) -> None:
    """Add the quads whose triple no graph of `store` holds, in one transaction: a change's few
    hundred quads then stay in the database's log (a bulk load writes and ingests table files, about
    a tenth of a second however few the quads, and forces a compaction)."""
    store.extend([quad for quad in quads if not _holds(store, quad)])


def _holds(store: pyoxigraph.Store, quad: pyoxigraph.Quad) -> bool:
    """Whether some graph of `store` holds the quad's triple."""
    return next(store.quads_for_pattern(quad.subject, quad.predicate, quad.object), None) is not None


def _premises_about(store: pyoxigraph.Store,
                    nodes: Iterable[pyoxigraph.NamedNode | pyoxigraph.BlankNode]) -> list[pyoxigraph.Quad]:
    """What the rules read about `nodes` (as subjects), for a scratch store: each triple once per kind
    of graph the rules tell apart, those of all document graphs in one (a rule names no document).

    A node that a hundred documents mention, such as a state or an extraction rule, is then read
    once rather than a hundred times.
    """
    iris = " ".join(str(node) for node in nodes if isinstance(node, pyoxigraph.NamedNode))
    rows: Iterable[pyoxigraph.QuerySolution] = solutions(store.query(
        _PREMISES % (iris, REFERENCE_GRAPH, INFERRED_GRAPH, DOCUMENT_GRAPH_PREFIX))) if iris else []
    found = [pyoxigraph.Quad(plain(row[0]), plain(row[1]), plain(row[2]), _PREMISE_GRAPHS[plain(row[3]).value])
             for row in rows]
    blank = [quad for node in nodes if isinstance(node, pyoxigraph.BlankNode)
             for quad in store.quads_for_pattern(node, None, None) if _is_premise_graph(quad.graph_name)]
    return found + blank


def _is_premise_graph(graph: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph) -> bool:
    """A graph the rules read: the reference data, a document, or the inferred graph itself."""
    name = getattr(graph, "value", "")
    return name in (str(REFERENCE_GRAPH), str(INFERRED_GRAPH)) or name.startswith(DOCUMENT_GRAPH_PREFIX)


def _require_java() -> None:
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerUnavailable(
            f"HermiT needs Java, but '{owlready2.JAVA_EXE}' is not on PATH: install a Java runtime "
            "(Java 11 or later, e.g. the Debian package openjdk-17-jre-headless) and try again."
        )


def _reason(world: owlready2.World, merged: Path) -> tuple[bool, str, list[tuple[str, str]]]:
    try:
        with _java_options(_HERMIT_JAVA_OPTIONS):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:  # rare: the input is read again to explain it
        return False, _explain_inconsistency(rdflib.Graph().parse(merged, format="nt")), []
    inferred = _inferred_types(world)
    empty = sorted(cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing)
    if empty:
        return False, _explain_empty_classes(empty), inferred
    return True, "", inferred


@contextmanager
def _java_options(options: str) -> Iterator[None]:
    """Java started meanwhile also runs with `options`: owlready2 makes HermiT's command line itself,
    and the `java` launcher (Java 9 and later) adds what JDK_JAVA_OPTIONS holds."""
    previous = os.environ.get(_JAVA_OPTIONS_VARIABLE)
    os.environ[_JAVA_OPTIONS_VARIABLE] = f"{previous} {options}" if previous else options
    try:
        yield
    finally:
        if previous is None:
            del os.environ[_JAVA_OPTIONS_VARIABLE]
        else:
            os.environ[_JAVA_OPTIONS_VARIABLE] = previous


def _inferred_types(world: owlready2.World) -> list[tuple[str, str]]:
    """The (individual, class) pairs HermiT added: owlready2 records only those not already asserted."""
    buffer = io.BytesIO()
    world.get_ontology(_INFERENCES_ONTOLOGY).save(file=buffer, format="ntriples")
    inferences = pyoxigraph.parse(buffer.getvalue(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return sorted({
        (quad.subject.value, quad.object.value)
        for quad in inferences
        if quad.predicate == _RDF_TYPE and isinstance(quad.subject, pyoxigraph.NamedNode | pyoxigraph.BlankNode)
        and isinstance(quad.object, pyoxigraph.NamedNode) and _is_domain_class(quad.object.value)
    })


def _explain_empty_classes(classes: list[str]) -> str:
    return (
        "These classes can have no member at all (HermiT made them equivalent to owl:Nothing): "
        + ", ".join(short(cls) for cls in classes)
        + ". Usually a class has been made a subclass of two disjoint classes."
    )


def class_clashes(graph: rdflib.Graph, types: Iterable[tuple[str, str]] = (),
                  same_as: Iterable[tuple[str, str]] = ()) -> dict[str, list[tuple[str, str]]]:
    """The individuals that belong to two classes the ontology declares disjoint, with those pairs.

    The class axioms are those of `graph`; the class assertions and owl:sameAs links those of `graph`
    and of an ABox given apart as (individual, class) pairs `types` and (individual, individual)
    pairs `same_as` (a build's ABox is read from the store, and copying it into an rdflib graph cost
    more than the check). Types are closed under rdfs:subClassOf, owl:equivalentClass and
    owl:sameAs: the clashes HermiT would find through class assertions, found without Java and with
    the individual named.
    """
    disjoint = sorted(_disjoint_pairs(graph))
    clashes = {}
    for individual, classes in sorted(_types_by_individual(graph, types, same_as).items()):
        pairs = [(first, second) for first, second in disjoint if first in classes and second in classes]
        if pairs:
            clashes[individual] = pairs
    return clashes


def _explain_inconsistency(graph: rdflib.Graph) -> str:
    """Name the individuals whose classes the ontology declares disjoint (HermiT only says that the
    whole is inconsistent)."""
    clashes = [
        f"{short(individual)} is both {short(first)} and {short(second)}, which are disjoint"
        for individual, pairs in class_clashes(graph).items()
        for first, second in pairs
    ]
    if not clashes:
        return (
            "HermiT found the ontology and the ABox inconsistent, but no individual belongs to two "
            "disjoint classes; look for axioms that contradict each other (e.g. owl:sameAs between "
            "owl:differentFrom individuals)."
        )
    return "HermiT found the ontology and the ABox inconsistent: " + "; ".join(clashes) + "."


def _types_by_individual(graph: rdflib.Graph, types: Iterable[tuple[str, str]],
                         same_as: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Every individual's classes: asserted, of its owl:sameAs equals, and all their superclasses."""
    asserted: dict[str, set[str]] = defaultdict(set)
    graph_types = ((str(individual), str(cls)) for individual, cls in graph.subject_objects(RDF.type)
                   if isinstance(cls, rdflib.URIRef))
    for individual, cls in chain(graph_types, types):
        if _is_domain_class(cls):
            asserted[individual].add(cls)
    equals: dict[str, set[str]] = defaultdict(set)
    for first, second in chain(((str(a), str(b)) for a, b in graph.subject_objects(OWL.sameAs)), same_as):
        equals[first].add(second)
        equals[second].add(first)
    above = _named_classes_above(graph)
    superclasses: dict[str, set[str]] = {}  # each class's, walked once
    by_individual = {}
    for individual in asserted:
        classes = set().union(*(asserted.get(equal, ()) for equal in _reachable(individual, equals.__getitem__)))
        for cls in classes - superclasses.keys():
            superclasses[cls] = _reachable(cls, above.__getitem__)
        by_individual[individual] = set().union(*(superclasses[cls] for cls in classes))
    return by_individual


def _is_domain_class(cls: str) -> bool:
    """The IRI of a class of the domain, not of OWL's bookkeeping such as owl:NamedIndividual or owl:Ontology."""
    return not cls.startswith((str(OWL), str(RDFS), str(RDF)))


def short(iri: str) -> str:
    """The IRI with one of the project's prefixes (ekg:State), so that explanations stay readable."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _named_classes_above(graph: rdflib.Graph) -> defaultdict[str, list[str]]:
    """Each class's named classes one step above it or equivalent to it."""
    above: defaultdict[str, list[str]] = defaultdict(list)
    for cls, parent in graph.subject_objects(RDFS.subClassOf):
        if isinstance(parent, rdflib.URIRef):
            above[str(cls)].append(str(parent))
    for first, second in graph.subject_objects(OWL.equivalentClass):
        if isinstance(second, rdflib.URIRef):
            above[str(first)].append(str(second))
        if isinstance(first, rdflib.URIRef):
            above[str(second)].append(str(first))
    return above


def _reachable(start: str, neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    """`start` and every node reachable from it by following `neighbours`."""
    seen, frontier = {start}, [start]
    while frontier:
        for neighbour in neighbours(frontier.pop()):
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append(neighbour)
    return seen


def _disjoint_pairs(graph: rdflib.Graph) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = {(min(str(a), str(b)), max(str(a), str(b))) for a, b in graph.subject_objects(OWL.disjointWith)}
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(axiom, OWL.members):
            classes = sorted(str(member) for member in Collection(graph, members))
            pairs.update((a, b) for i, a in enumerate(classes) for b in classes[i + 1 :])
    return pairs


def _inferred_quad_count(store: pyoxigraph.Store) -> int:
    inferred = pyoxigraph.NamedNode(str(INFERRED_GRAPH))
    return sum(1 for _ in store.quads_for_pattern(None, None, None, inferred))
