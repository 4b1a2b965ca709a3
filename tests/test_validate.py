"""A document graph as docs/graph-model.md describes it conforms; each kind of defect is a violation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from eurasia_kg.graph.store import to_quads
from eurasia_kg.graph.validate import ValidationOutcome, _DirectLookups, _OxigraphQueries, load_shapes, validate_graph
from eurasia_kg.vocab import DOC, EKG, ENT, OA, RULE, SCHEMA

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


def test_the_quads_a_caller_already_has_give_the_same_report(document, shapes):
    """The build hands validation the quads it writes to the store (in the document's named graph)."""
    quote = selector(document, mention_of(document, ENT.china), OA.TextQuoteSelector)
    document.set((quote, OA.exact, Literal("Chine")))
    with_quads = validate_graph(document, shapes, to_quads(document, "http://example.org/graph"))
    assert not with_quads.conforms
    assert sorted(messages(with_quads)) == sorted(messages(validate_graph(document, shapes)))


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


# One broken graph per shape that had no test of its own: each mutation breaks exactly one rule of
# docs/graph-model.md, and the shape that guards it must say so.

NOTES = DOC["notes"]
CLAIM = DOC["notes/claim/276-390"]
FACT = DOC["notes/fact/38-147/1"]  # Kazakhstan memberOf CSTO
QUANTITY = DOC["notes/quantity/213-273"]
MENTION = DOC["notes/mention/260-265"]  # China
TARGET = DOC["notes/mention/260-265/target"]
EXTRACTION = DOC["notes/extraction"]
PLAN = RULE["entities/a-rule"]
UNTYPED = ENT["nobody-typed"]


def described_rule(graph: rdflib.Graph) -> None:
    graph.add((PLAN, RDF.type, PROV.Plan))
    graph.add((PLAN, RDFS.label, Literal("a rule, for the test", lang="en")))
    graph.add((MENTION, EKG.rule, PLAN))


def relation(subject: URIRef, predicate: URIRef, obj: URIRef):
    return lambda graph: graph.add((subject, predicate, obj))


def replaced(subject: URIRef, predicate: URIRef, value):
    return lambda graph: graph.set((subject, predicate, value))


def removed(subject: URIRef, predicate: URIRef, value=None):
    return lambda graph: graph.remove((subject, predicate, value))


def the_position(graph: rdflib.Graph) -> URIRef:
    return selector(graph, MENTION, OA.TextPositionSelector)


def the_quote(graph: rdflib.Graph) -> URIRef:
    return selector(graph, MENTION, OA.TextQuoteSelector)


BROKEN = {
    "a group without a label": (relation(DOC["notes/group/panelists"], RDF.type, EKG.Group),
                                "A group needs an English rdfs:label"),
    "a place as a member": (relation(ENT.urumqi, EKG.memberOf, ENT.csto), "can be a member (ekg:memberOf)"),
    "a place as a party": (relation(ENT.urumqi, EKG.partyTo, ENT.csto), "can be party to an agreement"),
    "party to an organisation": (relation(ENT.china, EKG.partyTo, ENT.csto), "ekg:partyTo must point to an ekg:Agreement"),
    "a place taking part": (relation(ENT.urumqi, EKG.participatesIn, ENT["power-of-siberia"]),
                            "can take part in something"),
    "taking part in an organisation": (relation(ENT.china, EKG.participatesIn, ENT.csto),
                                       "ekg:participatesIn must point to"),
    "a state with an operator": (relation(ENT.china, EKG.operator, ENT.gazprom), "Only an ekg:Project has an operator"),
    "a state as an operator": (relation(ENT["power-of-siberia"], EKG.operator, ENT.china),
                               "ekg:operator must point to an ekg:Company"),
    "a company located somewhere": (relation(ENT.gazprom, EKG.locatedIn, ENT.china), "can be located in something"),
    "located in a company": (relation(ENT.astana, EKG.locatedIn, ENT.gazprom), "ekg:locatedIn must point to"),
    "a state affiliated": (relation(ENT.china, EKG.affiliatedWith, ENT.csto), "Only an ekg:Person can be affiliated"),
    "affiliated with a state": (relation(ENT["dana-ivers"], EKG.affiliatedWith, ENT.china),
                                "ekg:affiliatedWith must point to"),
    "a state as a head": (relation(ENT.china, EKG.headOf, ENT.csto), "Only an ekg:Person can be the head"),
    "head of a place": (relation(ENT["dana-ivers"], EKG.headOf, ENT.astana), "ekg:headOf must point to"),
    "a state linked": (relation(ENT.china, EKG.linkedWith, ENT.csto), "can be linked with another"),
    "linked with a state": (relation(ENT.csto, EKG.linkedWith, ENT.china), "ekg:linkedWith must point to"),
    "a document without an identifier": (removed(NOTES, DCTERMS.identifier), "exactly one dcterms:identifier"),
    "two titles": (lambda g: g.add((NOTES, DCTERMS.title, Literal("One"))) or g.add((NOTES, DCTERMS.title, Literal("Two"))),
                   "at most one dcterms:title"),
    "a state as creator": (relation(NOTES, DCTERMS.creator, ENT.china), "dcterms:creator must be an ekg:Person"),
    "a place as publisher": (relation(NOTES, DCTERMS.publisher, ENT.astana), "dcterms:publisher must be"),
    "a date as a plain string": (replaced(NOTES, DCTERMS.date, Literal("2019")), "at most one dcterms:date"),
    "a document without its text": (removed(NOTES, EKG.text), "exactly one ekg:text"),
    "a character count as a string": (lambda g: g.set((NOTES, EKG.characterCount, Literal(str(g.value(NOTES, EKG.characterCount))))),
                                      "exactly one ekg:characterCount"),
    "a checksum that is not hexadecimal": (replaced(NOTES, EKG.sha256, Literal("XYZ")), "64 lowercase hexadecimal"),
    "an untyped extraction": (removed(EXTRACTION, RDF.type), "must be a prov:Activity"),
    "an extraction that used nothing": (removed(EXTRACTION, PROV.used), "must have used (prov:used)"),
    "an extraction by someone else": (removed(EXTRACTION, PROV.wasAssociatedWith), "associated with ekg:eurasia-kg"),
    "a mention without a target": (removed(MENTION, OA.hasTarget), "exactly one oa:hasTarget"),
    "a mention with two bodies": (relation(MENTION, OA.hasBody, ENT.russia), "exactly one oa:hasBody"),
    "a mention describing": (replaced(MENTION, OA.motivatedBy, OA.describing), "motivated by oa:identifying"),
    "untyped evidence": (lambda g: g.remove((g.value(CLAIM, EKG.hasEvidence), RDF.type, None)), "must be typed oa:Annotation"),
    "a target without a source": (removed(TARGET, OA.hasSource), "exactly one oa:hasSource"),
    "a target without a position": (lambda g: g.remove((TARGET, OA.hasSelector, the_position(g))),
                                    "exactly one oa:TextPositionSelector"),
    "a target with two quotes": (lambda g: g.add((TARGET, OA.hasSelector, selector(g, mention_of(g, ENT.gazprom), OA.TextQuoteSelector))),
                                 "exactly one oa:TextQuoteSelector"),
    "a target with two positions": (lambda g: g.add((TARGET, OA.hasSelector, selector(g, mention_of(g, ENT.gazprom), OA.TextPositionSelector))),
                                    "exactly one oa:TextPositionSelector"),
    "a target without selectors": (removed(TARGET, OA.hasSelector), "exactly one oa:TextQuoteSelector"),
    "a mention of an entity with two core classes": (relation(ENT.china, RDF.type, EKG.Place),
                                                     "A mention's oa:hasBody must be an entity typed"),
    "a mention of a claim": (replaced(MENTION, OA.hasBody, CLAIM), "A mention's oa:hasBody must be an entity typed"),
    "a claim about an entity with two core classes": (relation(ENT.urumqi, RDF.type, EKG.Event), "schema:about must point to"),
    "a start typed as a long": (lambda g: g.set((the_position(g), OA.start, Literal(str(g.value(the_position(g), OA.start)), datatype=rdflib.XSD.long))),
                                   "exactly one oa:start"),
    "an end typed as a long": (lambda g: g.set((the_position(g), OA.end, Literal(str(g.value(the_position(g), OA.end)), datatype=rdflib.XSD.long))),
                                  "exactly one oa:end"),
    "an empty quote": (lambda g: g.set((the_quote(g), OA.exact, Literal(""))), "exactly one oa:exact"),
    "a long prefix": (lambda g: g.set((the_quote(g), OA.prefix, Literal("x" * 40))), "at most one oa:prefix"),
    "a long suffix": (lambda g: g.set((the_quote(g), OA.suffix, Literal("x" * 40))), "at most one oa:suffix"),
    "a rule that is not described": (relation(MENTION, EKG.rule, PLAN), "names one rule (ekg:rule)"),
    "a rule without a label": (lambda g: described_rule(g) or g.remove((PLAN, RDFS.label, None)), "needs a label that says"),
    "a rule's pattern with a language": (lambda g: described_rule(g) or g.add((PLAN, EKG.pattern, Literal("x", lang="en"))),
                                         "at most one ekg:pattern"),
    "a fact that is no statement": (removed(FACT, RDF.type, RDF.Statement), "must also be typed rdf:Statement"),
    "a fact about an untyped subject": (replaced(FACT, RDF.subject, UNTYPED), "exactly one rdf:subject"),
    "a fact by an unknown predicate": (replaced(FACT, RDF.predicate, EKG.knows), "exactly one rdf:predicate"),
    "a fact about an untyped object": (replaced(FACT, RDF.object, UNTYPED), "exactly one rdf:object"),
    "a claim without text": (removed(CLAIM, SCHEMA.text), "exactly one schema:text"),
    "a claim held by a place": (replaced(CLAIM, EKG.attributedTo, ENT.astana), "ekg:attributedTo must point to"),
    "a claim held by an untyped node": (replaced(CLAIM, EKG.attributedTo, UNTYPED), "ekg:attributedTo must point to"),
    "a place that is also a state": (relation(ENT.astana, RDF.type, EKG.State), "exactly one core class"),
    "a claim about an untyped node": (relation(CLAIM, SCHEMA.about, UNTYPED), "schema:about must point to"),
    "a hedge with a language": (replaced(CLAIM, EKG.hedge, Literal("probably", lang="en")), "ekg:hedge must be a plain string"),
    "a quantity of an untyped node": (replaced(QUANTITY, EKG.quantityOf, UNTYPED), "exactly one ekg:quantityOf"),
    "a quantity without a measure": (removed(QUANTITY, EKG.measure), "exactly one ekg:measure"),
    "a value as a string": (replaced(QUANTITY, EKG.value, Literal("38 billion")), "exactly one ekg:value"),
    "a year as a string": (replaced(QUANTITY, EKG.year, Literal("2025")), "at most one ekg:year"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_shape_catches_its_case(document, shapes, case):
    break_it, expected = BROKEN[case]
    assert validate_graph(document, shapes).conforms
    break_it(document)
    assert_violation(validate_graph(document, shapes), expected)


def test_a_sparql_constraint_that_does_not_select_this_still_binds_it(document):
    """Oxigraph answers the shapes' SPARQL only for variables a query selects; rdflib takes the rest."""
    shapes = rdflib.Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ekg: <https://w3id.org/eurasia-kg/ontology#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass ekg:Document ; sh:sparql [
            sh:message "a document with a text" ;
            sh:select "SELECT ?value WHERE { $this <https://w3id.org/eurasia-kg/ontology#text> ?value }" ] .""")
    outcome = validate_graph(document, shapes)
    assert not outcome.conforms
    assert outcome.violations == 1
    assert (None, SH.focusNode, the_document(document)) in outcome.report


def test_direct_lookups_give_rdflibs_values_in_its_order_and_step_aside_for_a_shared_store():
    port, name = URIRef("urn:ex:port"), URIRef("urn:ex:name")
    data = rdflib.Graph()
    for label in ("Khorgos", "Khorgas", "Qorghas"):
        data.add((port, name, Literal(label)))
    view = _OxigraphQueries.view(data)
    assert view._sole_graph_index() is not None
    assert list(view.objects(port, name)) == list(data.objects(port, name))
    shared = rdflib.Dataset()
    shared.graph(URIRef("urn:ex:one")).add((port, name, Literal("Khorgos")))
    shared.graph(URIRef("urn:ex:two")).add((port, name, Literal("Altynkol")))
    one = _DirectLookups(store=shared.store, identifier=URIRef("urn:ex:one"))
    assert one._sole_graph_index() is None and list(one.objects(port, name)) == [Literal("Khorgos")]
