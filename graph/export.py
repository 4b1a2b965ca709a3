"""Dumps of the store: Turtle, TriG, N-Quads or JSON-LD, sorted so that builds diff cleanly.

Every dump lists its statements sorted by graph, subject, predicate and object, with the project's
prefixes; the graph has no random blank nodes (the ontology's are labelled canonically), so the same
content always gives the same bytes. A name ending in `.gz`, or `gzip=True`, compresses the dump,
with no time stamp in the gzip header, so compressed dumps are byte-stable too.

JSON-LD is written compacted against a context of the same prefixes (`"ekg:memberOf"`,
`{"@id": "ent:china"}`), inline so that no tool has to fetch it; `context()` gives the context as
a document of its own. A release (`release`) writes the whole dataset in every format, one Turtle
file per named graph, the JSON-LD context, and a VoID/DCAT description of every dump.
"""

from __future__ import annotations

import gzip as gzip_module
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, cast

import pyoxigraph as ox

from eurasia_kg.graph.oxtypes import dumped, plain
from eurasia_kg.namespaces import GRAPH, PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
}
DATASET_NAME = "eurasia-kg"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class ExportError(Exception):
    """An export that cannot be made as asked."""


@dataclass(frozen=True)
class Dump:
    """One file written by an export: what it holds and how to fetch and check it."""

    path: Path
    format: str
    graph: str | None  # None: the whole dataset
    statements: int
    compressed: bool

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def export(store: ox.Store, format: str, output: Path, graph: str | None = None, gzip: bool | None = None) -> Dump:
    """Write the store (or one named graph) to `output`, sorted; compressed when asked or named `.gz`.

    Turtle has no named graphs: a whole-store Turtle dump is the merge of all graphs, each triple once.
    """
    _check(store, format, graph)
    compressed = output.name.endswith(".gz") if gzip is None else gzip
    with _open(output, compressed) as stream:
        count = write(store, format, stream, graph)
    return Dump(output, format, graph, count, compressed)


def export_to(store: ox.Store, format: str, stream: IO[bytes], graph: str | None = None, gzip: bool = False) -> int:
    """Write the store (or one named graph) to an open binary stream, such as standard output; returns the statements."""
    _check(store, format, graph)
    with _compressing(stream, gzip) as target:
        return write(store, format, target, graph)


def _check(store: ox.Store, format: str, graph: str | None) -> None:
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if graph is not None and not store.contains_named_graph(ox.NamedNode(graph)):
        raise ExportError(f"the store has no graph <{graph}>; it has: {', '.join(graph_names(store))}")


def graph_names(store: ox.Store) -> list[str]:
    """The store's named graphs as `--graph` takes them (doc/SLUG, ontology, …), documents last."""
    names = sorted(g.value.removeprefix(GRAPH) for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return sorted(names, key=lambda name: name.startswith("doc/"))


def sorted_lines(store: ox.Store, graph: str | None = None) -> list[bytes]:
    """The statements of the store or of one named graph as N-Quads lines, sorted by graph, then line.

    Oxigraph dumps each graph (fast, in its own order); sorting the serialised lines orders them as
    their terms would be (subject, predicate, object: a term ends where its line has a space) at a
    fraction of the cost of sorting term objects.
    """
    lines: list[bytes] = []
    for name, triples in _graphs(store, graph):
        triples.sort()
        suffix = b" ." if name is None else f" <{name}> .".encode()
        lines.extend(line[:-2] + suffix for line in triples)
    return lines


def write(store: ox.Store, format: str, stream: IO[bytes], graph: str | None = None) -> int:
    """Serialise the store (or one graph), sorted, to a binary stream; returns the statements written."""
    if format == "turtle":
        triples = sorted({line for _, lines in _graphs(store, graph) for line in lines})
        ox.serialize(_parse(triples, ox.RdfFormat.N_TRIPLES), stream, FORMATS[format], prefixes=PREFIXES)
        return len(triples)
    lines = sorted_lines(store, graph)
    if format == "nquads":
        stream.writelines(line + b"\n" for line in lines)
    elif format == "jsonld":
        stream.write(_jsonld(_parse(lines, ox.RdfFormat.N_QUADS)))
    else:
        ox.serialize(_parse(lines, ox.RdfFormat.N_QUADS), stream, FORMATS[format], prefixes=PREFIXES)
    return len(lines)


def context() -> dict:
    """The JSON-LD context of every JSON-LD dump: the project's prefixes."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def release(store: ox.Store, folder: Path, gzip: bool = False) -> list[Dump]:
    """Write the whole dataset in every format and each named graph as Turtle into `folder`.

    Returns the dumps written; `eurasia_kg.graph.void.describe` turns them into a VoID/DCAT description.
    """
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if gzip else ""
    dumps = []
    for format in FORMATS:
        path = folder / f"{DATASET_NAME}{SUFFIXES[format]}{suffix}"
        with _open(path, gzip) as stream:
            dumps.append(Dump(path, format, None, write(store, format, stream), gzip))
    for name in sorted(g.value for g in store.named_graphs()):
        local = name.removeprefix(str(GRAPH)) if name.startswith(str(GRAPH)) else _digest(name)
        path = folder / "graphs" / f"{local}.ttl{suffix}"
        dumps.append(export(store, "turtle", path, name, gzip))
    (folder / "context.jsonld").write_text(json.dumps(context(), indent=2) + "\n", encoding="utf-8")
    return dumps


@contextmanager
def _open(path: Path, compressed: bool) -> Iterator[IO[bytes]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, _compressing(raw, compressed) as stream:
        yield stream


@contextmanager
def _compressing(raw: IO[bytes], compressed: bool) -> Iterator[IO[bytes]]:
    if compressed:
        # mtime=0 and no file name in the header: the same dump compresses to the same bytes.
        with gzip_module.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as stream:
            yield cast(IO[bytes], stream)  # a binary file, which typeshed does not declare a GzipFile to be
    else:
        yield raw


def _graphs(store: ox.Store, graph: str | None) -> Iterator[tuple[str | None, list[bytes]]]:
    """(graph name, its N-Triples lines) for the one graph asked, or every named graph in name order
    and then the default graph (None), if it holds anything."""
    names = [graph] if graph else sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        yield name, dumped(store, ox.RdfFormat.N_TRIPLES, ox.NamedNode(name)).splitlines()
    if graph is None:
        default = dumped(store, ox.RdfFormat.N_TRIPLES, ox.DefaultGraph()).splitlines()
        if default:
            yield None, default


def _parse(lines: list[bytes], format: ox.RdfFormat) -> Iterator[ox.Quad]:
    # lenient: the lines come from the store, already checked when they went in
    return ox.parse(b"\n".join(lines), format=format, lenient=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# JSON-LD, compacted against the prefixes


def _jsonld(quads: Iterable[ox.Quad]) -> bytes:
    graphs: dict[str, dict[str, dict]] = {}
    for quad in quads:
        graph_key = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _compact(quad.graph_name.value)
        nodes = graphs.setdefault(graph_key, {})
        subject = _node_id(plain(quad.subject))
        node = nodes.setdefault(subject, {"@id": subject})
        if quad.predicate.value == _RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(quad.object.value))
        else:
            node.setdefault(_compact(quad.predicate.value), []).append(_value(quad.object))
    document: dict = {**context(), "@graph": []}
    for graph_key, nodes in graphs.items():
        if graph_key:
            document["@graph"].append({"@id": graph_key, "@graph": list(nodes.values())})
        else:
            document["@graph"].extend(nodes.values())
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _compact(iri: str) -> str:
    """The IRI as prefix:local when one of the prefixes covers it, else in full."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best and not iri[len(PREFIXES[best]) :].startswith("//"):
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return iri


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _value(term) -> dict | str:
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return {"@id": _node_id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}
