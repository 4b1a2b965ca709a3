"""The project's namespaces and prefixes as plain strings.

Importable without rdflib, so that the commands that only read a built store (`query`, `export`,
`serve`) start in a fraction of a second. vocab.py wraps the same strings in rdflib Namespaces for
the code that builds graphs.
"""

BASE = "https://w3id.org/eurasia-kg/"

EKG = BASE + "ontology#"  # classes and properties of the ontology
ENT = BASE + "entity/"  # one IRI per real-world entity, across documents
DOC = BASE + "doc/"  # documents and what was extracted from them
GRAPH = BASE + "graph/"  # named graphs
BUILD = BASE + "build/"  # build activities (provenance)
RULE = BASE + "rule/"  # the extraction's rules (prov:Plan), by component and id
LINK = BASE + "link/"  # identity links with their score and method
ENRICHMENT = BASE + "enrichment/"  # facts brought in from external linked data
DOCUMENT_GRAPH_PREFIX = GRAPH + "doc/"

OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
P = "http://www.wikidata.org/prop/"  # a Wikidata statement of an item
PS = "http://www.wikidata.org/prop/statement/"  # a statement's value
PQ = "http://www.wikidata.org/prop/qualifier/"  # a statement's qualifiers (start time…)
GEONAMES = "https://sws.geonames.org/"
DBPEDIA = "http://dbpedia.org/resource/"
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"  # the Wikidata Query Service

PREFIXES: dict[str, str] = {
    "ekg": EKG,
    "ent": ENT,
    "doc": DOC,
    "graph": GRAPH,
    "build": BUILD,
    "rule": RULE,
    "oa": OA,
    "schema": SCHEMA,
    "wd": WD,
    "wdt": WDT,
    "p": P,
    "ps": PS,
    "pq": PQ,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}
