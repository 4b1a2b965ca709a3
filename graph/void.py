"""A VoID and DCAT description of the dataset and of each of its dumps.

The dataset is a void:Dataset and dcat:Dataset with its size (triples, entities), the vocabularies
it uses, its licence and sources, one void:Linkset per link target (Wikidata, GeoNames, DBpedia)
with the number of links, and one subset per named graph described the same way. Each dump is a
dcat:Distribution of the dataset or subset it holds, with its media type, size and SHA-256 checksum.

Licences: a named graph that states its own (the ontology's dcterms:license, the Wikidata slice's
licence in the enrichment graph) keeps it; every other graph, and the whole, carry the licence the
publisher chooses (CC BY 4.0 unless told otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from eurasia_kg import __version__
from eurasia_kg.graph.export import Dump
from eurasia_kg.graph.oxtypes import plain, solutions
from eurasia_kg.vocab import (
    BASE,
    DBPEDIA,
    DOCUMENT_GRAPH_PREFIX,
    EKG,
    ENRICHMENT_GRAPH,
    ENT,
    GEONAMES,
    GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    WD,
)

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DATASET = f"{BASE}dataset"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"
IANA = "https://www.iana.org/assignments/media-types/"
DESCRIPTION_PREFIXES = {**PREFIXES, "void": VOID, "dcat": DCAT, "spdx": SPDX}
LINK_TARGETS = {  # name: (predicate, namespace of the objects, the target dataset's home)
    "wikidata": ("http://www.w3.org/2002/07/owl#sameAs", str(WD), "http://www.wikidata.org/"),
    "geonames": ("http://www.w3.org/2004/02/skos/core#closeMatch", str(GEONAMES), "https://www.geonames.org/"),
    "dbpedia": ("http://www.w3.org/2002/07/owl#sameAs", str(DBPEDIA), "https://dbpedia.org/"),
}
VOCABULARIES = ("ekg", "oa", "prov", "dcterms", "schema", "skos", "owl", "wdt")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class Statistics:
    triples: int
    entities: int
    links: dict[str, int]
    sources: list[str]
    license: str | None


def describe(store: ox.Store, dumps: list[Dump], license: str = DEFAULT_LICENSE,
             download_base: str = f"{BASE}dump/") -> list[ox.Triple]:
    """The description of the dataset, of every named graph, and of each dump in `dumps`.

    A dump's download URL is `download_base` followed by its path relative to the folder of the
    first dump (the release folder).
    """
    root = dumps[0].path.parent if dumps else Path(".")
    triples: list[ox.Triple] = []
    dataset = ox.NamedNode(DATASET)
    triples += _dataset(dataset, statistics(store, None), license, "eurasia-kg knowledge graph")
    triples += [
        ox.Triple(dataset, _v("uriSpace"), ox.Literal(str(ENT))),
        ox.Triple(dataset, _d("publisher"), ox.NamedNode(f"{EKG}eurasia-kg")),
        ox.Triple(dataset, ox.NamedNode(f"{PREFIXES['owl']}versionInfo"), ox.Literal(__version__)),
    ]
    triples += [ox.Triple(dataset, _v("vocabulary"), ox.NamedNode(PREFIXES[name])) for name in VOCABULARIES]
    for name in sorted(g.value for g in store.named_graphs()):
        subset = ox.NamedNode(_subset_iri(name))
        triples.append(ox.Triple(dataset, _v("subset"), subset))
        triples += _dataset(subset, statistics(store, name), license, f"named graph <{name}>")
        triples.append(ox.Triple(subset, ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name"),
                                 ox.NamedNode(name)))
    for dump in dumps:
        holder = ox.NamedNode(DATASET if dump.graph is None else _subset_iri(dump.graph))
        triples += _distribution(holder, dump, download_base + dump.path.relative_to(root).as_posix())
    return triples


def write_description(triples: list[ox.Triple], path: Path) -> None:
    """Write a description as Turtle, sorted, with the usual prefixes."""
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    path.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(ordered, str(path), ox.RdfFormat.TURTLE, prefixes=DESCRIPTION_PREFIXES)


def statistics(store: ox.Store, graph: str | None = None) -> Statistics:
    """Size, entities, links by target, sources and own licence of the dataset (graph None) or of one named graph."""
    scope = f"GRAPH <{graph}>" if graph else "GRAPH ?g"
    entities = _count(store, f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {scope} {{ ?e a ?c }}
        FILTER(STRSTARTS(STR(?e), "{ENT}") && STRSTARTS(STR(?c), "{EKG}")) }}""")
    links = {
        name: _count(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ {scope} {{ ?s <{predicate}> ?o }}
            FILTER(STRSTARTS(STR(?s), "{ENT}") && STRSTARTS(STR(?o), "{namespace}")) }} }}""")
        for name, (predicate, namespace, _) in LINK_TARGETS.items()
    }
    if graph:
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    else:
        triples = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    return Statistics(triples, entities, links, _sources(store, graph), _own_license(store, graph))


def _sources(store: ox.Store, graph: str | None) -> list[str]:
    """Where a graph's content comes from: its documents, and the pages its facts and links were read from."""
    if graph is None or graph.startswith(DOCUMENT_GRAPH_PREFIX):
        scope = f"GRAPH <{graph}>" if graph else "GRAPH ?g"
        documents = f"{{ {scope} {{ ?source a <{EKG}Document> }} }}"
    else:
        documents = "{ FILTER(false) }"
    scope = f"GRAPH <{graph}>" if graph else "GRAPH ?g"
    query = f"""SELECT DISTINCT ?source WHERE {{
        {documents} UNION {{ {scope} {{ ?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }} FILTER(isIRI(?source)) }} }}"""
    return sorted(row["source"].value for row in solutions(store.query(query)))


def _own_license(store: ox.Store, graph: str | None) -> str | None:
    if graph not in (str(ONTOLOGY_GRAPH), str(ENRICHMENT_GRAPH)):
        return None
    found = list(store.quads_for_pattern(None, _d("license"), None, ox.NamedNode(graph)))
    return plain(found[0].object).value if found else None


def _count(store: ox.Store, query: str) -> int:
    return int(next(iter(solutions(store.query(query))))["n"].value)


def _dataset(node: ox.NamedNode, stats: Statistics, license: str, title: str) -> list[ox.Triple]:
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    triples = [
        ox.Triple(node, _TYPE, _v("Dataset")),
        ox.Triple(node, _TYPE, ox.NamedNode(f"{DCAT}Dataset")),
        ox.Triple(node, _d("title"), ox.Literal(title, language="en")),
        ox.Triple(node, _d("license"), ox.NamedNode(stats.license or license)),
        ox.Triple(node, _v("triples"), ox.Literal(str(stats.triples), datatype=integer)),
        ox.Triple(node, _v("entities"), ox.Literal(str(stats.entities), datatype=integer)),
    ]
    triples += [ox.Triple(node, _d("source"), ox.NamedNode(source)) for source in stats.sources]
    for name, count in stats.links.items():
        if not count:
            continue
        predicate, _, target = LINK_TARGETS[name]
        linkset = ox.NamedNode(f"{node.value}#{name}-links")
        triples += [
            ox.Triple(node, _v("subset"), linkset),
            ox.Triple(linkset, _TYPE, _v("Linkset")),
            ox.Triple(linkset, _v("subjectsTarget"), node),
            ox.Triple(linkset, _v("objectsTarget"), ox.NamedNode(target)),
            ox.Triple(linkset, _v("linkPredicate"), ox.NamedNode(predicate)),
            ox.Triple(linkset, _v("triples"), ox.Literal(str(count), datatype=integer)),
        ]
    return triples


def _distribution(holder: ox.NamedNode, dump: Dump, url: str) -> list[ox.Triple]:
    node = ox.NamedNode(url + "#distribution")
    checksum = ox.NamedNode(url + "#sha256")
    triples = [
        ox.Triple(holder, ox.NamedNode(f"{DCAT}distribution"), node),
        ox.Triple(holder, _v("dataDump"), ox.NamedNode(url)),
        ox.Triple(node, _TYPE, ox.NamedNode(f"{DCAT}Distribution")),
        ox.Triple(node, ox.NamedNode(f"{DCAT}downloadURL"), ox.NamedNode(url)),
        ox.Triple(node, ox.NamedNode(f"{DCAT}mediaType"), ox.NamedNode(IANA + dump.media_type)),
        ox.Triple(node, ox.NamedNode(f"{DCAT}byteSize"), ox.Literal(str(dump.path.stat().st_size),
                                                                     datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))),
        ox.Triple(node, _v("triples"), ox.Literal(str(dump.statements), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ox.Triple(node, ox.NamedNode(f"{SPDX}checksum"), checksum),
        ox.Triple(checksum, ox.NamedNode(f"{SPDX}algorithm"), ox.NamedNode(f"{SPDX}checksumAlgorithm_sha256")),
        ox.Triple(checksum, ox.NamedNode(f"{SPDX}checksumValue"), ox.Literal(dump.sha256())),
    ]
    if dump.compressed:
        triples.append(ox.Triple(node, ox.NamedNode(f"{DCAT}compressFormat"), ox.NamedNode(IANA + "application/gzip")))
    return triples


def _subset_iri(graph: str) -> str:
    """The subset describing a named graph: graph:doc/report is described at …/dataset/graph/doc/report."""
    return f"{DATASET}/graph/{graph.removeprefix(str(GRAPH))}"


def _v(local: str) -> ox.NamedNode:
    return ox.NamedNode(VOID + local)


def _d(local: str) -> ox.NamedNode:
    return ox.NamedNode(DCTERMS + local)
