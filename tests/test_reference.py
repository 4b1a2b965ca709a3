"""The reference data in ontology/reference/ holds identities only, and holds them consistently.

Every check parses the real Turtle files with rdflib: the entity matcher and the graph layer read
exactly these files, so a clash here (two entities answering to one name, two entities claiming one
Wikidata item, a document fact slipped into the reference graph) would surface as a wrong link there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from eurasia_kg.ontology import REFERENCE_DIR, reference_files
from eurasia_kg.vocab import EKG, ENT, WD

ENTITY_CLASSES = {
    EKG[name]
    for name in (
        "State",
        "InternationalOrganization",
        "Initiative",
        "Agreement",
        "Project",
        "Company",
        "Person",
        "ResearchOrganization",
        "Place",
        "Event",
    )
}

# Which class each file holds, so that a reader can find an entity by its kind.
FILE_CLASS = {
    "states.ttl": EKG.State,
    "organisations.ttl": EKG.InternationalOrganization,
    "initiatives.ttl": EKG.Initiative,
    "agreements.ttl": EKG.Agreement,
    "projects.ttl": EKG.Project,
    "companies.ttl": EKG.Company,
    "research.ttl": EKG.ResearchOrganization,
    "people.ttl": EKG.Person,
    "places.ttl": EKG.Place,
    "events.ttl": EKG.Event,
}

NAME_PREDICATES = (RDFS.label, SKOS.altLabel, EKG.metonym, EKG.demonym)
# Identity predicates only: anything else (memberOf, dates, capacities…) is a document's to state.
ALLOWED_PREDICATES = {RDF.type, OWL.sameAs, EKG.wikidataSource, *NAME_PREDICATES}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_ITEM = re.compile(r"^" + re.escape(str(WD)) + r"Q[1-9][0-9]*$")
SOURCE = re.compile(r"^https?://\S+$")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    parsed = {}
    for path in reference_files():
        graph = Graph()
        graph.parse(path, format="turtle")
        parsed[path.name] = graph
    return parsed


@pytest.fixture(scope="module")
def reference(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return merged


@pytest.fixture(scope="module")
def entities(reference: Graph) -> list[URIRef]:
    return sorted({s for s in reference.subjects() if isinstance(s, URIRef)})


def _slug(entity: URIRef) -> str:
    return str(entity)[len(str(ENT)) :]


def test_every_expected_file_is_present_and_parses(graphs: dict[str, Graph]) -> None:
    names = {path.name for path in Path(REFERENCE_DIR).glob("*.ttl")}
    assert names == set(FILE_CLASS), f"reference files differ from the documented set: {sorted(names)}"
    for name, graph in graphs.items():
        assert len(graph) > 0, f"{name} parsed to an empty graph"


def test_the_reference_data_covers_the_domain(entities: list[URIRef], reference: Graph) -> None:
    # every sovereign state and its capital, plus the domain's organisations, people, projects, places
    assert 120 <= len(entities) <= 900, f"{len(entities)} entities: expected a curated 120–900"
    for cls in ENTITY_CLASSES:
        assert any(reference.subjects(RDF.type, cls)), f"no entity of class {cls}"


def test_every_subject_is_an_entity_iri_with_a_valid_slug(reference: Graph) -> None:
    for subject in set(reference.subjects()):
        assert isinstance(subject, URIRef), f"blank node subject {subject!r}: every node needs an IRI"
        assert str(subject).startswith(str(ENT)), f"{subject} is not in the ent: namespace"
        assert SLUG.match(_slug(subject)), f"slug of {subject} is not lowercase words joined by '-'"


def test_only_identity_predicates_are_used(reference: Graph) -> None:
    stray = sorted({str(p) for p in reference.predicates()} - {str(p) for p in ALLOWED_PREDICATES})
    assert not stray, f"predicates that belong in a document graph, not the reference data: {stray}"


def test_every_entity_has_exactly_one_core_class(entities: list[URIRef], reference: Graph) -> None:
    for entity in entities:
        types = set(reference.objects(entity, RDF.type))
        assert len(types) == 1 and types <= ENTITY_CLASSES, f"{entity} has classes {sorted(types)}"


def test_each_file_holds_only_its_own_class(graphs: dict[str, Graph]) -> None:
    for name, graph in graphs.items():
        classes = set(graph.objects(None, RDF.type))
        assert classes == {FILE_CLASS[name]}, f"{name} holds classes {sorted(classes)}"


def test_every_entity_has_exactly_one_english_label(entities: list[URIRef], reference: Graph) -> None:
    for entity in entities:
        labels = list(reference.objects(entity, RDFS.label))
        assert len(labels) == 1, f"{entity} has {len(labels)} labels"
        assert isinstance(labels[0], Literal) and labels[0].language == "en", f"{entity}: label not @en"


def test_names_are_clean_english_literals(reference: Graph) -> None:
    for predicate in NAME_PREDICATES:
        for entity, name in reference.subject_objects(predicate):
            assert isinstance(name, Literal), f"{entity} {predicate}: {name!r} is not a literal"
            assert name.language == "en", f"{entity} {predicate} {name!r}: not tagged @en"
            text = str(name)
            assert text and text == text.strip() and "  " not in text, f"{entity}: untidy name {text!r}"
            # Curly apostrophes are folded by the matcher; storing them would only hide duplicates.
            assert "\u2019" not in text and "\u2018" not in text, f"{entity}: curly quote in {text!r}"


def test_no_name_belongs_to_two_entities(reference: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for predicate in NAME_PREDICATES:
        for entity, name in reference.subject_objects(predicate):
            owners[str(name)].add(entity)
    shared = {name: sorted(map(_slug, who)) for name, who in owners.items() if len(who) > 1}
    assert not shared, f"names that would match more than one entity: {shared}"


def test_no_entity_repeats_a_name_under_two_predicates(entities: list[URIRef], reference: Graph) -> None:
    for entity in entities:
        names = [str(n) for p in NAME_PREDICATES for n in reference.objects(entity, p)]
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, f"{entity} lists {repeated} more than once"


def test_metonyms_and_demonyms_belong_to_states(reference: Graph) -> None:
    # Capitals and seats of power stand for governments, and adjectives of nationality for
    # nations: both are properties of States only. The cities themselves (ent:moscow, ent:beijing)
    # carry only names that cannot be read as the government.
    for predicate in (EKG.metonym, EKG.demonym):
        for entity in set(reference.subjects(predicate)):
            assert (entity, RDF.type, EKG.State) in reference, f"{entity} has {predicate} but is no State"


def test_wikidata_links_are_well_formed_and_sourced(entities: list[URIRef], reference: Graph) -> None:
    for entity in entities:
        links = list(reference.objects(entity, OWL.sameAs))
        sources = list(reference.objects(entity, EKG.wikidataSource))
        assert len(links) <= 1, f"{entity} has {len(links)} owl:sameAs links"
        if links:
            assert WIKIDATA_ITEM.match(str(links[0])), f"{entity}: {links[0]} is not a wd:Q… item"
            assert len(sources) == 1, f"{entity}: a Wikidata id needs exactly one ekg:wikidataSource"
            assert isinstance(sources[0], URIRef) and SOURCE.match(str(sources[0])), (
                f"{entity}: source {sources[0]!r} is not a public address"
            )
        else:
            assert not sources, f"{entity}: ekg:wikidataSource without owl:sameAs"


def test_no_two_entities_share_a_wikidata_item(reference: Graph) -> None:
    claimed: dict[str, set[str]] = defaultdict(set)
    for entity, item in reference.subject_objects(OWL.sameAs):
        claimed[str(item)].add(_slug(entity))
    shared = {item: sorted(who) for item, who in claimed.items() if len(who) > 1}
    assert not shared, f"Wikidata items claimed by more than one entity: {shared}"


def test_entities_are_never_objects(reference: Graph) -> None:
    # A link from one entity to another is a relation, i.e. a fact a document must supply.
    for subject, predicate, obj in reference:
        assert not str(obj).startswith(str(ENT)), f"{subject} {predicate} {obj}: a relation, not an identity"


@pytest.mark.parametrize(
    ("slug", "cls", "name"),
    [
        ("china", "State", "PRC"),
        ("russia", "State", "Kremlin"),
        ("kazakhstan", "State", "Nur-Sultan"),
        ("sco", "InternationalOrganization", "Shanghai Cooperation Organization"),
        ("eaeu", "InternationalOrganization", "EEU"),
        ("bri", "Initiative", "OBOR"),
        ("power-of-siberia", "Project", "Power of Siberia"),
        ("dmitri-trenin", "Person", "Dmitrii Trenin"),
        ("moscow", "Place", "city of Moscow"),
        ("vostok-2018", "Event", "Vostok 2018"),
        ("organization-of-turkic-states", "InternationalOrganization", "Turkic Council"),
        ("lukoil", "Company", "LUKOIL"),
        ("sakha-republic", "Place", "Yakutia"),
        ("sadyr-japarov", "Person", "Sadyr Zhaparov"),
        ("collective-security-treaty", "Agreement", "Treaty on Collective Security"),
    ],
)
def test_the_documented_examples_resolve(reference: Graph, slug: str, cls: str, name: str) -> None:
    entity = ENT[slug]
    assert (entity, RDF.type, EKG[cls]) in reference
    names = {str(n) for p in NAME_PREDICATES for n in reference.objects(entity, p)}
    assert name in names, f"{slug} does not answer to {name!r}"


@pytest.mark.parametrize(
    "slug",
    ["sco", "eaeu", "csto", "gazprom", "rosneft", "lukoil", "organization-of-turkic-states",
     "kassym-jomart-tokayev", "shavkat-mirziyoyev", "sadyr-japarov", "caspian-sea", "crimea"],
)
def test_the_identities_texts_of_the_region_name_most_are_linked(reference: Graph, slug: str) -> None:
    # An unseen text about an energy deal or a summit loses its linking recall with these.
    assert reference.value(ENT[slug], OWL.sameAs) is not None, f"{slug} carries no verified Wikidata id"
