"""What the endpoint says about itself: a SPARQL 1.1 Service Description and a VoID description.

The service description is the answer to a plain GET of the endpoint by a machine; VoID is at
`/.well-known/void` (RFC 5785, as the VoID guide asks). Both describe the same dataset node, so a
crawler that finds one finds the other. VoID is the dataset description of `graph/void.py` (the
one the dumps carry), with what an endpoint adds: its SPARQL endpoint, class and property
partitions and example resources, read from the store with SPARQL.
"""

from __future__ import annotations

import pyoxigraph as ox

from eurasia_kg.graph import void
from eurasia_kg.graph.endpoint import negotiate
from eurasia_kg.graph.oxtypes import solutions
from eurasia_kg.graph.void import DATASET, VOID
from eurasia_kg.vocab import EKG, RDF, XSD

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
ENTAILMENT = "http://www.w3.org/ns/entailment/"
DESCRIPTION_PREFIXES = {**void.DESCRIPTION_PREFIXES, "sd": SD, "formats": FORMATS}
EXAMPLES = 3

_RESULT_FORMATS = {
    negotiate.JSON_RESULTS: "SPARQL_Results_JSON", negotiate.XML_RESULTS: "SPARQL_Results_XML",
    negotiate.CSV_RESULTS: "SPARQL_Results_CSV", negotiate.TSV_RESULTS: "SPARQL_Results_TSV",
    negotiate.TURTLE: "Turtle", negotiate.N_TRIPLES: "N-Triples", negotiate.JSON_LD: "JSON-LD",
    negotiate.RDF_XML: "RDF_XML",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(str(XSD.integer)))


def void_statistics(store: ox.Store) -> list[ox.Triple]:
    """VoID that depends on the store only: the dataset's description (`graph/void.py`), its class
    and property partitions and its most mentioned entities as example resources."""
    dataset = _n(DATASET)
    triples = void.describe(store, [])
    triples += [ox.Triple(dataset, _n(VOID + "feature"), _n(FORMATS + f)) for f in ("Turtle", "N-Triples", "JSON-LD")]
    triples += [ox.Triple(dataset, _n(VOID + "exampleResource"), entity) for entity in _most_mentioned(store)]
    for number, (cls, entities) in enumerate(_rows(store, _CLASSES)):
        partition = ox.BlankNode(f"class{number}")
        triples += [ox.Triple(dataset, _n(VOID + "classPartition"), partition),
                    ox.Triple(partition, _n(VOID + "class"), cls), ox.Triple(partition, _n(VOID + "entities"), entities)]
    for number, (prop, count) in enumerate(_rows(store, _PROPERTIES)):
        partition = ox.BlankNode(f"property{number}")
        triples += [ox.Triple(dataset, _n(VOID + "propertyPartition"), partition),
                    ox.Triple(partition, _n(VOID + "property"), prop), ox.Triple(partition, _n(VOID + "triples"), count)]
    return triples


def void_description(statistics: list[ox.Triple], endpoint_url: str) -> list[ox.Triple]:
    """The VoID description served at /.well-known/void: the statistics and this endpoint."""
    return statistics + [ox.Triple(_n(DATASET), _n(VOID + "sparqlEndpoint"), _n(endpoint_url))]


def service_description(store: ox.Store, endpoint_url: str, updates: bool) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint, with its default dataset."""
    service, dataset = _n(endpoint_url), _n(DATASET)
    sd = lambda name: _n(SD + name)  # noqa: E731 - a local shorthand
    default_graph = ox.BlankNode("defaultGraph")
    languages = ["SPARQL11Query"] + (["SPARQL11Update"] if updates else [])
    triples = [
        ox.Triple(service, _n(str(RDF.type)), sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("defaultEntailmentRegime"), _n(ENTAILMENT + "Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, _n(str(RDF.type)), sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, _n(str(RDF.type)), sd("Graph")),
        ox.Triple(default_graph, _n(VOID + "triples"), _count(len(store))),
    ]
    triples += [ox.Triple(service, sd("supportedLanguage"), sd(language)) for language in languages]
    triples += [ox.Triple(service, sd("feature"), sd(f)) for f in ("UnionDefaultGraph", "BasicFederatedQuery")]
    triples += [ox.Triple(service, sd("resultFormat"), _n(FORMATS + f)) for f in _RESULT_FORMATS.values()]
    for number, (name, size) in enumerate(_graph_sizes(store)):
        named, graph = ox.BlankNode(f"named{number}"), ox.BlankNode(f"graph{number}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, sd("name"), name),
            ox.Triple(named, sd("graph"), graph),
            ox.Triple(graph, _n(str(RDF.type)), sd("Graph")),
            ox.Triple(graph, _n(VOID + "triples"), _count(size)),
        ]
    return triples


_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
_MOST_MENTIONED = f"""
SELECT ?entity WHERE {{ ?mention a <{EKG.Mention}> ; <http://www.w3.org/ns/oa#hasBody> ?entity }}
GROUP BY ?entity ORDER BY DESC(COUNT(?mention)) ?entity LIMIT {EXAMPLES}"""


def _rows(store: ox.Store, sparql: str) -> list[tuple]:
    return [tuple(solution) for solution in solutions(store.query(sparql, use_default_graph_as_union=True))]


def _graph_sizes(store: ox.Store) -> list[tuple[ox.NamedNode, int]]:
    return [(name, int(count.value)) for name, count in _rows(store, _GRAPH_SIZES)]


def _most_mentioned(store: ox.Store) -> list[ox.NamedNode]:
    return [entity for (entity,) in _rows(store, _MOST_MENTIONED)]
