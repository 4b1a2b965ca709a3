"""The IRIs eurasia-kg mints and the vocabularies it speaks.

Both wings use these names: the pipeline to write a document's graph, the graph layer to
validate, store, query and serve it. Keeping them in one place is what makes an IRI minted
by one build equal to the IRI minted by the next.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from eurasia_kg.names import ascii_fold

BASE = "https://w3id.org/eurasia-kg/"

EKG = Namespace(BASE + "ontology#")  # classes and properties of the ontology
ENT = Namespace(BASE + "entity/")  # one IRI per real-world entity, across documents
DOC = Namespace(BASE + "doc/")  # documents and what was extracted from them
GRAPH = Namespace(BASE + "graph/")  # named graphs
BUILD = Namespace(BASE + "build/")  # build activities (provenance)
RULE = Namespace(BASE + "rule/")  # the extraction's rules (prov:Plan), by component and id

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")  # a Wikidata statement of an item
PS = Namespace("http://www.wikidata.org/prop/statement/")  # a statement's value
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")  # a statement's qualifiers (start time…)
GEONAMES = Namespace("https://sws.geonames.org/")
DBPEDIA = Namespace("http://dbpedia.org/resource/")
LINK = Namespace(BASE + "link/")  # identity links with their score and method
ENRICHMENT = Namespace(BASE + "enrichment/")  # facts brought in from external linked data
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"  # the Wikidata Query Service

ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
ENRICHMENT_GRAPH = GRAPH["enrichment"]
LINKS_GRAPH = GRAPH["links"]
INFERRED_GRAPH = GRAPH["inferred"]
BUILD_GRAPH = GRAPH["build"]
DOCUMENT_GRAPH_PREFIX = BASE + "graph/doc/"

PREFIXES: dict[str, str] = {
    "ekg": str(EKG),
    "ent": str(ENT),
    "doc": str(DOC),
    "graph": str(GRAPH),
    "build": str(BUILD),
    "rule": str(RULE),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "wdt": str(WDT),
    "p": str(P),
    "ps": str(PS),
    "pq": str(PQ),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "sh": "http://www.w3.org/ns/shacl#",
}

_WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


def slugify(name: str) -> str:
    """A readable IRI segment: ASCII letters, digits, '-', '_' and '.'; nothing else."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_fold(name)).strip("-.")
    return slug or "x"


def document_slug(file_name: str) -> str:
    """The slug of a source file name, stable across builds.

    A name that does not survive slugging unchanged (spaces, accents, other scripts) gets a short
    hash of the full name appended, so that two such names never collapse into one document.
    """
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    slug = slugify(stem)
    if slug != stem:
        slug += "-" + hashlib.sha256(file_name.encode("utf-8")).hexdigest()[:8]
    return slug


def document_iri(slug: str) -> str:
    return f"{DOC}{slug}"


def document_graph_iri(slug: str) -> str:
    return f"{DOCUMENT_GRAPH_PREFIX}{slug}"


def is_wikidata_id(text: str) -> bool:
    return bool(_WIKIDATA_ID.match(text))


def entity_iri(name: str) -> str:
    """The IRI of an entity first met in a text: its normalised name, the same in every document."""
    return f"{ENT}{slugify(name).lower().replace('.', '').replace('_', '-')}"
