"""Dumps of the store as Turtle, TriG, N-Quads or JSON-LD, byte-identical for the same content.

Oxigraph writes quads in the order of its indexes, which depends only on the quads themselves, and
the graph has no blank nodes, so two builds of the same input dump the same bytes (but for the
build record's times).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from eurasia_kg.vocab import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}


class ExportError(Exception):
    """An export that cannot be made as asked."""


def export(store: ox.Store, format: str, output: Path, graph: str | None = None) -> int:
    """Write the store (or one named graph) to `output`; returns the number of statements written.

    Turtle has no named graphs: a whole-store Turtle dump is the merge of all graphs, each triple once.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if graph is not None and not store.contains_named_graph(ox.NamedNode(graph)):
        raise ExportError(f"the store has no graph <{graph}>; list them with `eurasia-kg query graphs`")
    rdf_format = FORMATS[format]
    prefixes = None if rdf_format == ox.RdfFormat.N_QUADS else PREFIXES
    output.parent.mkdir(parents=True, exist_ok=True)
    if format == "turtle":
        triples = list(_merged_triples(store, graph))
        ox.serialize(triples, str(output), rdf_format, prefixes=prefixes)
        return len(triples)
    if graph is None:
        store.dump(str(output), rdf_format, prefixes=prefixes)
        return len(store)
    name = ox.NamedNode(graph)
    quads = list(store.quads_for_pattern(None, None, None, name))
    ox.serialize(quads, str(output), rdf_format, prefixes=prefixes)
    return len(quads)


def _merged_triples(store: ox.Store, graph: str | None) -> Iterator[ox.Triple]:
    name = ox.NamedNode(graph) if graph else None
    seen: set[ox.Triple] = set()
    for quad in store.quads_for_pattern(None, None, None, name):
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple
