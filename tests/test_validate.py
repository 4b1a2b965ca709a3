"""A document graph as docs/graph-model.md describes it conforms; each kind of defect is a violation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from eurasia_kg.graph.validate import ValidationOutcome, load_shapes, validate_graph
from eurasia_kg.vocab import EKG, ENT, OA

VALID_DOCUMENT = Path(__file__).parent / "fixtures" / "graphs" / "valid-document.ttl"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return load_shapes()


@pytest.fixture
def document() -> rdflib.Graph:
    """A fresh copy of the valid document graph, for a test to break."""
    return rdflib.Graph().parse(VALID_DOCUMENT, format="turtle")


def messages(outcome: ValidationOutcome) -> list[str]:
    return [str(message) for message in outcome.report.objects(None, SH.resultMessage)]


def assert_violation(outcome: ValidationOutcome, expected_message: str) -> None:
    assert not outcome.conforms
    assert outcome.violations >= 1
    assert any(expected_message in message for message in messages(outcome)), outcome.text


def mention_of(graph: rdflib.Graph, entity: URIRef) -> URIRef:
    return next(m for m in graph.subjects(OA.hasBody, entity) if (m, RDF.type, EKG.Mention) in graph)


def selector(graph: rdflib.Graph, annotation: URIRef, kind: URIRef) -> URIRef:
    target = graph.value(annotation, OA.hasTarget)
    return next(s for s in graph.objects(target, OA.hasSelector) if (s, RDF.type, kind) in graph)


def the_document(graph: rdflib.Graph) -> URIRef:
    return graph.value(predicate=RDF.type, object=EKG.Document)


def the_claim(graph: rdflib.Graph) -> URIRef:
    return graph.value(predicate=RDF.type, object=EKG.Claim)


def test_the_shapes_file_loads(shapes):
    assert len(shapes) > 0
    assert (URIRef("https://w3id.org/eurasia-kg/shapes#Document"), RDF.type, SH.NodeShape) in shapes


def test_a_valid_document_graph_conforms(document, shapes):
    outcome = validate_graph(document, shapes)
    assert outcome.conforms, outcome.text
    assert outcome.violations == 0
    assert isinstance(outcome.report, rdflib.Graph)
    assert "Conforms: True" in outcome.text


def test_a_quote_that_differs_from_the_text_at_its_offsets(document, shapes):
    quote = selector(document, mention_of(document, ENT.china), OA.TextQuoteSelector)
    document.set((quote, OA.exact, Literal("Chine")))
    outcome = validate_graph(document, shapes)
    assert_violation(outcome, 'is not what the document says between offsets 260 and 265, which is "China"')


def test_an_end_offset_beyond_the_character_count(document, shapes):
    count = int(document.value(the_document(document), EKG.characterCount))
    position = selector(document, mention_of(document, ENT.china), OA.TextPositionSelector)
    document.set((position, OA.end, Literal(count + 5)))
    assert_violation(validate_graph(document, shapes), "lies beyond the end of the document")


def test_a_span_whose_start_is_not_before_its_end(document, shapes):
    position = selector(document, mention_of(document, ENT.china), OA.TextPositionSelector)
    document.set((position, OA.start, document.value(position, OA.end)))
    assert_violation(validate_graph(document, shapes), "smaller than its oa:end")


def test_an_entity_without_a_label(document, shapes):
    document.remove((ENT.gazprom, RDFS.label, None))
    assert_violation(validate_graph(document, shapes), "An entity needs an rdfs:label in English")


def test_a_label_without_a_language_tag(document, shapes):
    document.set((ENT.gazprom, RDFS.label, Literal("Gazprom")))
    assert_violation(validate_graph(document, shapes), "must carry the language tag @en")


def test_a_mention_whose_body_is_untyped(document, shapes):
    document.remove((ENT.astana, RDF.type, None))
    assert_violation(validate_graph(document, shapes), "A mention's oa:hasBody must be an entity typed")


def test_an_entity_with_two_core_classes(document, shapes):
    document.add((ENT.china, RDF.type, EKG.Person))
    assert_violation(validate_graph(document, shapes), "exactly one core class")


@pytest.mark.parametrize(
    "link",
    [
        "https://www.wikidata.org/wiki/Q148",
        "https://www.wikidata.org/entity/Q148",
        "http://www.wikidata.org/entity/Q0148",
        "http://www.wikidata.org/entity/P463",
        "http://www.wikidata.org/entity/Q148/",
    ],
)
def test_a_malformed_wikidata_link(document, shapes, link):
    document.add((ENT.china, OWL.sameAs, URIRef(link)))
    outcome = validate_graph(document, shapes)
    assert_violation(outcome, "Wikidata link (the result's value) is malformed")
    assert URIRef(link) in set(outcome.report.objects(None, SH.value))


def test_a_well_formed_wikidata_link_passes(document, shapes):
    document.add((ENT.china, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q148")))
    document.add((ENT.china, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q148")))
    assert validate_graph(document, shapes).conforms


def test_a_claim_without_evidence(document, shapes):
    document.remove((the_claim(document), EKG.hasEvidence, None))
    assert_violation(validate_graph(document, shapes), "needs at least one ekg:hasEvidence")


def test_evidence_whose_body_is_not_what_cites_it(document, shapes):
    evidence = document.value(the_claim(document), EKG.hasEvidence)
    document.set((evidence, OA.hasBody, ENT.china))
    assert_violation(validate_graph(document, shapes), "but its oa:hasBody is not")


def test_a_confidence_above_one(document, shapes):
    document.set((the_claim(document), EKG.confidence, Literal(Decimal("1.5"))))
    assert_violation(validate_graph(document, shapes), "ekg:confidence must be a single xsd:decimal between 0 and 1")


def test_a_claim_kind_outside_the_three(document, shapes):
    document.set((the_claim(document), EKG.claimKind, EKG.Guess))
    assert_violation(validate_graph(document, shapes), "ekg:Prediction, ekg:Assessment or ekg:Recommendation")


def test_a_character_count_that_is_not_the_texts_length(document, shapes):
    doc = the_document(document)
    count = int(document.value(doc, EKG.characterCount))
    document.set((doc, EKG.characterCount, Literal(count + 1)))
    assert_violation(validate_graph(document, shapes), f"ekg:characterCount says {count + 1}")


def test_a_fact_whose_triple_is_not_asserted(document, shapes):
    document.remove((ENT.kazakhstan, EKG.memberOf, ENT.csto))
    assert_violation(validate_graph(document, shapes), "is not asserted in the graph")


def test_a_relation_to_the_wrong_class(document, shapes):
    document.add((ENT.kazakhstan, EKG.memberOf, ENT.gazprom))
    assert_violation(validate_graph(document, shapes), "ekg:memberOf must point to an ekg:InternationalOrganization")


def test_a_quantity_with_an_unknown_unit(document, shapes):
    quantity = document.value(predicate=RDF.type, object=EKG.Quantity)
    document.set((quantity, EKG.unit, Literal("bcm")))
    assert_violation(validate_graph(document, shapes), "one of the unit codes")


def test_violations_count_the_results_of_the_report(document, shapes):
    document.remove((ENT.gazprom, RDFS.label, None))
    document.set((the_claim(document), EKG.confidence, Literal(Decimal("1.5"))))
    outcome = validate_graph(document, shapes)
    assert outcome.violations == len(set(outcome.report.subjects(RDF.type, SH.ValidationResult))) == 2
