"""A small store made the way a build makes one, from a hand-written document graph, then linked.

The document graph is written here (not extracted from a text) so that linking, enrichment, export
and federation are tested on entities chosen for what they exercise, independently of the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from eurasia_kg.graph.link import LinkOutcome, link_store
from eurasia_kg.graph.linking.slice import WikidataSlice
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_graph_iri

# name -> (class, label): one mention each in the document below
MENTIONED = {
    "kazakhstan": ("State", "Kazakhstan"),  # identified by the reference data
    "sco": ("InternationalOrganization", "Shanghai Cooperation Organisation"),  # idem
    "baikonur": ("Place", "Baikonur"),  # unknown to the reference data; the slice has its exact label
    "osce": ("InternationalOrganization", "Organization for Security and Co-operation in Europe"),  # the reference data knows it, with the id the slice gives
    "georgia-ga": ("Place", "Georgia"),  # the slice's Georgia is a country: the classes disagree
    "shymkemt": ("Place", "Shymkemt"),  # a misspelling: a candidate below the threshold
    "novatek": ("Company", "Novatek"),  # known to the reference data, without a Wikidata id, not in the slice
}


def document_graph(slug: str = "linking-sample") -> Graph:
    """A document graph with one mention of each entity of MENTIONED."""
    doc = f"https://w3id.org/eurasia-kg/doc/{slug}"
    lines = [
        "@prefix ekg: <https://w3id.org/eurasia-kg/ontology#> .",
        "@prefix ent: <https://w3id.org/eurasia-kg/entity/> .",
        "@prefix oa: <http://www.w3.org/ns/oa#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        f'<{doc}> a ekg:Document ; dcterms:identifier "{slug}.txt" .',
    ]
    for index, (name, (cls, label)) in enumerate(sorted(MENTIONED.items())):
        mention = f"{doc}/mention/{index}"
        lines += [
            f"ent:{name} a ekg:{cls} ; rdfs:label \"{label}\"@en .",
            f"<{mention}> a ekg:Mention ; oa:hasBody ent:{name} ; oa:hasTarget <{mention}/target> .",
            f"<{mention}/target> oa:hasSource <{doc}> .",
        ]
    return Graph().parse(data="\n".join(lines), format="turtle")


def build_linked_store(folder: Path, wikidata: WikidataSlice | None = None) -> LinkOutcome:
    """A live store in `folder` holding the ontology, the reference data, the sample document and its links."""
    with StoreFolder(folder).building() as generation:
        generation.load_turtle(ONTOLOGY_FILE, str(ONTOLOGY_GRAPH))
        for file in reference_files():
            generation.load_turtle(file, str(REFERENCE_GRAPH))
        generation.add_graph(document_graph(), document_graph_iri("linking-sample"))
        return link_store(generation.store, wikidata or WikidataSlice.read())
