"""The ontology parses, stays OWL 2 DL-ish, documents every core term, and HermiT finds it consistent."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from eurasia_kg.graph.reason import check_consistency
from eurasia_kg.ontology import ONTOLOGY_FILE
from eurasia_kg.vocab import EKG, WD, WDT

ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/eurasia-kg/ontology")

CORE_CLASSES = [
    "State", "InternationalOrganization", "Initiative", "Agreement", "Project", "Company", "Person",
    "ResearchOrganization", "Place", "Event", "Claim", "Document",
]
STRUCTURAL_CLASSES = ["Agent", "Organization", "Mention", "Fact", "Quantity", "ClaimKind"]
RELATIONS = [
    "memberOf", "partyTo", "participatesIn", "operator", "locatedIn", "affiliatedWith", "headOf", "linkedWith",
]
INVERSES = ["hasMember", "hasParty", "hasParticipant", "operates", "locationOf", "hasAffiliate", "hasHead"]
RECORD_PROPERTIES = [
    "attributedTo", "claimKind", "hedge", "hasEvidence", "confidence", "quantityOf", "measure", "value", "unit",
    "year", "text", "characterCount", "sha256",
]

DECLARATION_TYPES = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.NamedIndividual, RDFS.Datatype,
}
BUILT_IN_NAMESPACES = (str(OWL), str(RDF), str(RDFS), str(rdflib.XSD))
BUILT_IN_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def declared_terms(ontology: rdflib.Graph) -> set[rdflib.URIRef]:
    return {term for kind in DECLARATION_TYPES for term in ontology.subjects(RDF.type, kind)}


def test_the_ontology_has_its_iri_version_and_metadata(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert (ONTOLOGY_IRI, OWL.versionIRI, rdflib.URIRef(f"{ONTOLOGY_IRI}/1.0.0")) in ontology
    for annotation in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert ontology.value(ONTOLOGY_IRI, annotation) is not None, annotation


def test_every_term_used_in_an_axiom_is_declared(ontology):
    declared = declared_terms(ontology)
    annotations = set(ontology.subjects(RDF.type, OWL.AnnotationProperty)) | BUILT_IN_ANNOTATIONS
    undeclared = set()
    for subject, predicate, obj in ontology:
        # An annotation's value may be any IRI (a Wikidata item, a source page): it needs no declaration.
        used = [subject, predicate] if predicate in annotations | {OWL.versionIRI} else [subject, predicate, obj]
        undeclared.update(
            term for term in used
            if isinstance(term, rdflib.URIRef) and not str(term).startswith(BUILT_IN_NAMESPACES)
            and term not in declared
        )
    assert not undeclared, f"used but not declared: {sorted(undeclared)}"


def test_no_reserved_vocabulary_is_declared_as_our_own_term(ontology):
    misused = {term for term in declared_terms(ontology) if str(term).startswith(BUILT_IN_NAMESPACES)}
    assert not misused, f"OWL 2 DL forbids declaring reserved IRIs: {sorted(misused)}"


@pytest.mark.parametrize("name", CORE_CLASSES + STRUCTURAL_CLASSES)
def test_each_class_has_an_english_label_and_definition(ontology, name):
    cls = EKG[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    assert_english(ontology, cls, RDFS.label)
    assert_english(ontology, cls, SKOS.definition)


@pytest.mark.parametrize("name", RELATIONS + INVERSES + RECORD_PROPERTIES)
def test_each_property_has_label_definition_domain_and_range(ontology, name):
    prop = EKG[name]
    assert_english(ontology, prop, RDFS.label)
    assert_english(ontology, prop, SKOS.definition)
    assert ontology.value(prop, RDFS.domain) is not None, f"{name} has no rdfs:domain"
    assert ontology.value(prop, RDFS.range) is not None, f"{name} has no rdfs:range"


@pytest.mark.parametrize("name", RELATIONS)
def test_each_relation_has_a_declared_inverse(ontology, name):
    prop = EKG[name]
    inverses = set(ontology.objects(prop, OWL.inverseOf)) | set(ontology.subjects(OWL.inverseOf, prop))
    assert inverses, f"{name} has no owl:inverseOf partner"
    assert all((inverse, RDF.type, OWL.ObjectProperty) in ontology for inverse in inverses)


def test_claim_kinds_are_the_three_individuals(ontology):
    kinds = set(ontology.subjects(RDF.type, EKG.ClaimKind))
    assert kinds == {EKG.Prediction, EKG.Assessment, EKG.Recommendation}


def test_the_software_agent_is_declared(ontology):
    assert (EKG["eurasia-kg"], RDF.type, rdflib.URIRef("http://www.w3.org/ns/prov#SoftwareAgent")) in ontology


def test_every_wikidata_alignment_says_where_its_id_was_seen(ontology):
    wikidata = (str(WD), str(WDT))
    aligned = {
        subject for subject, obj in ontology.subject_objects()
        if isinstance(obj, rdflib.URIRef) and str(obj).startswith(wikidata)
    } | {subject for subject in ontology.subjects() if str(subject).startswith(str(WDT))}
    unsourced = [
        term for term in aligned
        if ontology.value(term, DCTERMS.source) is None and ontology.value(term, RDFS.comment) is None
    ]
    assert not unsourced, f"Wikidata alignments without a source: {sorted(unsourced)}"


def test_state_and_place_are_disjoint_as_documented(ontology):
    members = {
        frozenset(Collection(ontology, members))
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in ontology.objects(axiom, OWL.members)
    }
    assert any({EKG.State, EKG.Place, EKG.Person} <= group for group in members)


def test_hermit_finds_the_ontology_consistent(ontology):
    outcome = check_consistency(ontology, rdflib.Graph())
    assert outcome.consistent, outcome.explanation
    assert outcome.explanation == ""


def assert_english(graph: rdflib.Graph, subject: rdflib.URIRef, predicate: rdflib.URIRef) -> None:
    values = [value for value in graph.objects(subject, predicate) if getattr(value, "language", None) == "en"]
    assert values, f"{subject} has no {predicate} in English"
