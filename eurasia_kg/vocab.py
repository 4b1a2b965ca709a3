"""The IRIs eurasia-kg mints and the vocabularies it speaks.

Both wings use these names: the pipeline to write a document's graph, the graph layer to
validate, store, query and serve it. Keeping them in one place is what makes an IRI minted
by one build equal to the IRI minted by the next.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401 (the wings import them from here)

from eurasia_kg import namespaces as iri
from eurasia_kg.namespaces import BASE, DOCUMENT_GRAPH_PREFIX, PREFIXES, WIKIDATA_ENDPOINT  # noqa: F401

EKG = Namespace(iri.EKG)
ENT = Namespace(iri.ENT)
DOC = Namespace(iri.DOC)
GRAPH = Namespace(iri.GRAPH)
BUILD = Namespace(iri.BUILD)
RULE = Namespace(iri.RULE)
OA = Namespace(iri.OA)
SCHEMA = Namespace(iri.SCHEMA)
WD = Namespace(iri.WD)
WDT = Namespace(iri.WDT)
P = Namespace(iri.P)
PS = Namespace(iri.PS)
PQ = Namespace(iri.PQ)
GEONAMES = Namespace(iri.GEONAMES)
DBPEDIA = Namespace(iri.DBPEDIA)
LINK = Namespace(iri.LINK)
ENRICHMENT = Namespace(iri.ENRICHMENT)

ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
ENRICHMENT_GRAPH = GRAPH["enrichment"]
LINKS_GRAPH = GRAPH["links"]
INFERRED_GRAPH = GRAPH["inferred"]
BUILD_GRAPH = GRAPH["build"]

_WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


def slugify(name: str) -> str:
    """A readable IRI segment: ASCII letters, digits, '-', '_' and '.'; nothing else."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-.")
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
