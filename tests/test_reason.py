"""HermiT catches entities typed with disjoint classes and broken ontology changes; the rules
materialise inverses and superclasses into the inferred graph exactly once, and a rebuild's update of
the inferred graph gives what materialising anew gives, as does adding HermiT's types after the rules ran."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import OWL, RDF, RDFS

from eurasia_kg.graph import consistency, reason
from eurasia_kg.graph.reason import ReasonerUnavailable, check_consistency, materialise
from eurasia_kg.graph.store import Generation
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.vocab import (
    DOCUMENT_GRAPH_PREFIX,
    EKG,
    ENT,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    WD,
    document_graph_iri,
    document_iri,
)

VALID_DOCUMENT = Path(__file__).parent / "fixtures" / "graphs" / "valid-document.ttl"
DOCUMENT_GRAPH = document_graph_iri("notes")
PREFIXES = """
@prefix ekg: <https://w3id.org/eurasia-kg/ontology#> .
@prefix ent: <https://w3id.org/eurasia-kg/entity/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def turtle(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + text, format="turtle")


def entity_types(document: rdflib.Graph) -> rdflib.Graph:
    """The ABox the build hands HermiT from a document: the class assertion of every entity."""
    abox = rdflib.Graph()
    for entity, cls in document.subject_objects(RDF.type):
        if str(entity).startswith(str(ENT)):
            abox.add((entity, RDF.type, cls))
    return abox


def test_reference_data_and_a_documents_entities_are_consistent(ontology):
    abox = entity_types(rdflib.Graph().parse(VALID_DOCUMENT, format="turtle"))
    for path in reference_files():
        abox.parse(path, format="turtle")
    outcome = check_consistency(ontology, abox)
    assert outcome.consistent, outcome.explanation
    assert outcome.explanation == ""
    assert outcome.seconds > 0


def test_an_individual_typed_state_and_person_is_inconsistent(ontology):
    outcome = check_consistency(ontology, turtle("ent:astana a ekg:State . ent:astana a ekg:Person ."))
    assert not outcome.consistent
    assert "ent:astana is both ekg:Person and ekg:State" in outcome.explanation


def test_a_state_in_one_document_and_a_person_in_another_clash_through_owl_same_as(ontology):
    abox = turtle("""
        ent:kazakhstan a ekg:State ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
        ent:someone a ekg:Person ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
    """)
    outcome = check_consistency(ontology, abox)
    assert not outcome.consistent
    assert "ent:someone is both ekg:Person and ekg:State" in outcome.explanation


def test_clashes_in_an_abox_given_apart_from_the_ontology_are_found_through_superclasses_and_same_as(ontology):
    q232 = "http://www.wikidata.org/entity/Q232"
    clashes = reason.class_clashes(
        ontology,
        types=[(str(ENT.kazakhstan), str(EKG.State)), (str(ENT.someone), str(EKG.Person)),
               (str(ENT.gazprom), str(EKG.Company)), (str(ENT.gazprom), str(EKG.Person))],
        same_as=[(str(ENT.kazakhstan), q232), (str(ENT.someone), q232)])
    assert set(clashes) == {str(ENT.kazakhstan), str(ENT.someone), str(ENT.gazprom)}  # Q232 has no class of its own
    assert (str(EKG.Person), str(EKG.State)) in clashes[str(ENT.someone)]
    assert (str(EKG.Organization), str(EKG.Person)) in clashes[str(ENT.gazprom)]  # a company is an organisation
    assert clashes == reason.class_clashes(ontology + turtle("""
        ent:kazakhstan a ekg:State ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
        ent:someone a ekg:Person ; owl:sameAs <http://www.wikidata.org/entity/Q232> .
        ent:gazprom a ekg:Company , ekg:Person .
    """))


def test_an_axiom_that_empties_a_class_is_caught(ontology):
    broken = ontology + turtle("ekg:Company rdfs:subClassOf ekg:Person .")
    outcome = check_consistency(broken, rdflib.Graph())
    assert not outcome.consistent
    assert "ekg:Company" in outcome.explanation


def test_an_axiom_that_contradicts_the_data_is_caught(ontology):
    broken = ontology + turtle("ekg:Company rdfs:subClassOf ekg:Person .")
    outcome = check_consistency(broken, turtle("ent:gazprom a ekg:Company ."))
    assert not outcome.consistent
    assert "ent:gazprom is both ekg:Organization and ekg:Person" in outcome.explanation


def test_types_hermit_infers_are_reported(ontology):
    abox = turtle("ent:china a ekg:State ; owl:sameAs <http://www.wikidata.org/entity/Q148> .")
    outcome = check_consistency(ontology, abox)
    assert outcome.consistent
    assert (str(WD.Q148), str(EKG.State)) in outcome.inferred_types
    assert (str(ENT.china), str(EKG.State)) not in outcome.inferred_types  # asserted, not inferred


def test_without_java_the_reasoner_is_unavailable(ontology, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReasonerUnavailable, match="not on PATH"):
        check_consistency(ontology, rdflib.Graph())


@pytest.fixture
def store(tmp_path) -> pyoxigraph.Store:
    """A real on-disk store holding the ontology, the reference data and one document graph."""
    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.load(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE, to_graph=named(ONTOLOGY_GRAPH))
    for path in reference_files():
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, to_graph=named(REFERENCE_GRAPH))
    store.load(path=str(VALID_DOCUMENT), format=pyoxigraph.RdfFormat.TURTLE, to_graph=named(DOCUMENT_GRAPH))
    return store


def named(iri: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(str(iri))


def inferred(store: pyoxigraph.Store, subject: str, predicate: str, obj: str) -> bool:
    quad = pyoxigraph.Quad(named(subject), named(predicate), named(obj), named(INFERRED_GRAPH))
    return quad in store


def test_materialise_adds_the_inverse_of_a_membership(store):
    added = materialise(store)
    assert added > 0
    assert inferred(store, ENT.csto, EKG.hasMember, ENT.kazakhstan)
    assert inferred(store, ENT.kazakhstan, EKG.locationOf, ENT.astana)


def test_materialise_lifts_relations_to_aligned_properties_and_types_to_superclasses(store):
    materialise(store)
    assert inferred(store, ENT.kazakhstan, "http://www.wikidata.org/prop/direct/P463", ENT.csto)
    assert inferred(store, ENT.gazprom, RDF.type, EKG.Organization)
    assert inferred(store, ENT.gazprom, RDF.type, EKG.Agent)


def test_materialise_adds_nothing_the_second_time(store):
    materialise(store)
    size = len(store)
    assert materialise(store) == 0
    assert len(store) == size


def test_materialise_writes_only_into_the_inferred_graph(store):
    before = {graph: graph_size(store, graph) for graph in store.named_graphs()}
    added = materialise(store)
    after = {graph: graph_size(store, graph) for graph in store.named_graphs()}
    assert {graph: size for graph, size in after.items() if graph != named(INFERRED_GRAPH)} == before
    assert after[named(INFERRED_GRAPH)] == added


def test_materialise_adds_symmetric_links_both_ways(store):
    store.add(pyoxigraph.Quad(named(ENT.bri), named(EKG.linkedWith), named(ENT.eaeu), named(DOCUMENT_GRAPH)))
    materialise(store)
    assert inferred(store, ENT.eaeu, EKG.linkedWith, ENT.bri)
    assert not inferred(store, ENT.bri, EKG.linkedWith, ENT.eaeu)  # asserted already, never copied


def graph_size(store: pyoxigraph.Store, graph: pyoxigraph.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def test_a_verdict_carries_over_only_to_entities_like_those_hermit_checked():
    state, person, place = (f"https://w3id.org/eurasia-kg/ontology#{name}" for name in ("State", "Person", "Place"))
    agent = "https://w3id.org/eurasia-kg/ontology#Agent"
    ent = "https://w3id.org/eurasia-kg/entity/"
    earlier = reason.Verdict({ent + "ana": [person], ent + "china": [state], ent + "gone": [person]},
                             [(ent + "ana", agent), (ent + "gone", agent)])
    carried = reason.carry_over(earlier, {ent + "ana": [person], ent + "china": [state], ent + "bo": [person]},
                                referenced={ent + "china"})
    assert carried is not None and carried.inferred == [(ent + "ana", agent), (ent + "bo", agent)]
    assert reason.carry_over(earlier, {ent + "ana": [person], ent + "new": [place]}, set()) is None  # never checked
    assert reason.carry_over(earlier, {ent + "ana": [person], ent + "china": [place]}, {ent + "china"}) is None


# Updating a kept inferred graph gives what materialising anew gives, whatever the documents retired,
# changed or added, and whatever HermiT's types before and after.
_ONTOLOGY = pyoxigraph.Store()
_ONTOLOGY.load(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE, to_graph=named(ONTOLOGY_GRAPH))
_RULED_PROPERTIES = sorted(row["p"].value for row in _ONTOLOGY.query(
    "SELECT DISTINCT ?p WHERE { GRAPH ?g { { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p } UNION "
    "{ ?p a owl:SymmetricProperty } UNION { ?p rdfs:subPropertyOf ?q } } FILTER (STRSTARTS(STR(?p), STR(ekg:))) }",
    prefixes={"owl": str(OWL), "rdfs": str(RDFS), "ekg": str(EKG)}))
_CLASSES = sorted(row["c"].value for row in _ONTOLOGY.query(
    "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c rdfs:subClassOf ?d } FILTER (STRSTARTS(STR(?c), STR(ekg:))) }",
    prefixes={"rdfs": str(RDFS), "ekg": str(EKG)}))
_NODES = [ENT[f"e{n}"] for n in range(4)]
_OWN = ["", "/mention-1", "#claim-2"]  # a document's own nodes: its IRI, and IRIs under it (see _quads)
_NODES_AND_OWN = [*_NODES, *(f"own:{suffix}" for suffix in _OWN)]
_statements = st.one_of(
    st.tuples(st.sampled_from(_NODES_AND_OWN), st.just(str(RDF.type)), st.sampled_from(_CLASSES)),
    st.tuples(st.sampled_from(_NODES_AND_OWN), st.sampled_from(_RULED_PROPERTIES), st.sampled_from(_NODES_AND_OWN)),
)
_corpora = st.dictionaries(st.sampled_from("abcd"), st.frozensets(_statements, max_size=6), max_size=4)
_hermit_types = st.frozensets(st.tuples(st.sampled_from(_NODES), st.sampled_from(_CLASSES)), max_size=3)


def _materialised(documents: dict, types: frozenset) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_extend(_ONTOLOGY.quads_for_pattern(None, None, None, None))
    for name, statements in documents.items():
        store.bulk_extend(_quads(statements, document_graph_iri(name)))
    store.bulk_extend(_quads({(node, str(RDF.type), cls) for node, cls in types}, INFERRED_GRAPH))
    materialise(store)
    return store


def _quads(statements, graph) -> list[pyoxigraph.Quad]:
    """The statements in `graph`; "own:" nodes become the document's own (for a document graph)."""
    document = document_iri(str(graph).removeprefix(DOCUMENT_GRAPH_PREFIX))
    own = lambda node: named(document + node.removeprefix("own:")) if node.startswith("own:") else named(node)  # noqa: E731
    return [pyoxigraph.Quad(own(s), named(p), own(o), named(graph)) for s, p, o in statements]


def _inferred_graph(store: pyoxigraph.Store) -> set[pyoxigraph.Quad]:
    return set(store.quads_for_pattern(None, None, None, named(INFERRED_GRAPH)))


@settings(max_examples=200, deadline=None)
@given(_corpora, _hermit_types, _corpora, _hermit_types)
def test_rematerialise_gives_what_materialising_anew_gives(before, types_before, after, types_after):
    store = _materialised(before, types_before)
    retired, added = pyoxigraph.Store(), pyoxigraph.Store()
    for name in before:
        if before[name] != after.get(name):
            graph = named(document_graph_iri(name))
            retired.bulk_extend(store.quads_for_pattern(None, None, None, graph))
            store.remove_graph(graph)
    for name in after:
        if after[name] != before.get(name):
            quads = _quads(after[name], document_graph_iri(name))
            store.bulk_extend(quads)
            added.bulk_extend(quads)
    as_types = lambda pairs: {(node, str(RDF.type), cls) for node, cls in pairs}  # noqa: E731
    retired.bulk_extend(_quads(as_types(types_before - types_after), INFERRED_GRAPH))
    added.bulk_extend(_quads(as_types(types_after), INFERRED_GRAPH))
    changed = {name for name in {*before, *after} if before.get(name) != after.get(name)}
    reason.rematerialise(store, retired, added, own_nodes=[document_iri(name) for name in changed])
    store.bulk_extend(_quads(as_types(types_after), INFERRED_GRAPH))  # as the build does: HermiT's types last
    assert _inferred_graph(store) == _inferred_graph(_materialised(after, types_after))


@settings(max_examples=100, deadline=None)
@given(_corpora, _hermit_types)
def test_types_added_after_materialising_give_what_materialising_with_them_gives(documents, types):
    store = _materialised(documents, frozenset())
    reason.add_inferred_types(store, _quads({(node, str(RDF.type), cls) for node, cls in types}, INFERRED_GRAPH))
    assert _inferred_graph(store) == _inferred_graph(_materialised(documents, types))


def test_a_full_build_materialises_what_follows_from_hermits_types(store, ontology, monkeypatch, tmp_path):
    """The rules run while HermiT checks: the superclasses of a type HermiT infers must still be inferred."""
    hermit_types = [(str(ENT.gazprom), str(EKG.Company)), (str(ENT.newcomer), str(EKG.Company))]
    monkeypatch.setattr(reason, "check_consistency", lambda ontology, abox: reason.ConsistencyOutcome(
        consistent=True, explanation="", seconds=0.1, inferred_types=hermit_types))
    request = consistency.Request(ontology, "require", ["Company", "State"], tuple(reference_files()), "static")
    outcome = consistency.reason_over(Generation(tmp_path, store), request)
    assert outcome.consistent and outcome.verdict["inferred"] == [list(pair) for pair in hermit_types]
    assert inferred(store, ENT.newcomer, RDF.type, EKG.Company)
    assert inferred(store, ENT.newcomer, RDF.type, EKG.Organization)
    assert inferred(store, ENT.newcomer, RDF.type, EKG.Agent)
    expected = pyoxigraph.Store()
    expected.bulk_extend(quad for quad in store.quads_for_pattern(None, None, None, None)
                         if quad.graph_name != named(INFERRED_GRAPH))
    expected.bulk_extend(_quads({(node, str(RDF.type), cls) for node, cls in hermit_types}, INFERRED_GRAPH))
    materialise(expected)
    assert _inferred_graph(store) == _inferred_graph(expected)
