"""The build graph: how this knowledge graph came to be, as PROV-O.

One prov:Activity per build, naming the software and its version, the ontology version, every
input with its checksum and what became of it (loaded, quarantined with its SHACL report, or
unreadable with the reason), and the reasoner's verdict. The activity's IRI is a hash of what went
in, so the same inputs give the same record but for its times.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from eurasia_kg.vocab import BUILD, EKG, PREFIXES

LOADED, QUARANTINED, UNREADABLE = "Loaded", "Quarantined", "Unreadable"


@dataclass(frozen=True)
class InputRecord:
    """One input file and what the build did with it."""

    identifier: str  # the file name
    path: str
    document: str | None  # the document IRI, when the file could be read
    sha256: str | None
    status: str  # LOADED, QUARANTINED or UNREADABLE
    problem: str = ""  # why it was not loaded, in words
    report: Graph | None = None  # the SHACL validation report of a quarantined document
    encoding: str = "utf-8"  # how the file's bytes were decoded


@dataclass
class BuildRecord:
    software_version: str
    ontology_version: str
    started: datetime
    ended: datetime | None = None
    inputs: list[InputRecord] = field(default_factory=list)
    consistent: bool | None = None  # None: the reasoner did not run
    reasoner_note: str = ""
    reasoner_seconds: float = 0.0

    def activity_iri(self) -> URIRef:
        digest = hashlib.sha256(self.software_version.encode() + self.ontology_version.encode())
        for record in sorted(self.inputs, key=lambda r: (r.identifier, r.path)):
            digest.update(f"{record.identifier}\0{record.sha256}\0".encode())
        return BUILD[digest.hexdigest()[:16]]

    def counts(self) -> dict[str, int]:
        return {status: sum(r.status == status for r in self.inputs) for status in (LOADED, QUARANTINED, UNREADABLE)}


def build_graph(record: BuildRecord) -> Graph:
    """The build record as RDF, for the `build` named graph."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    activity = record.activity_iri()
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal("eurasia-kg build", lang="en")))
    graph.add((activity, PROV.wasAssociatedWith, EKG["eurasia-kg"]))
    graph.add((activity, EKG.softwareVersion, Literal(record.software_version)))
    graph.add((activity, PROV.used, URIRef(record.ontology_version)))
    graph.add((activity, PROV.startedAtTime, Literal(record.started.isoformat(), datatype=XSD.dateTime)))
    if record.ended:
        graph.add((activity, PROV.endedAtTime, Literal(record.ended.isoformat(), datatype=XSD.dateTime)))
    for status, count in record.counts().items():
        graph.add((activity, EKG[f"documents{status}"], Literal(count, datatype=XSD.nonNegativeInteger)))
    if record.consistent is not None:
        graph.add((activity, EKG.consistent, Literal(record.consistent)))
        graph.add((activity, EKG.reasonerSeconds, Literal(Decimal(f"{record.reasoner_seconds:.2f}"))))
    if record.reasoner_note:
        graph.add((activity, EKG.reasonerNote, Literal(record.reasoner_note)))
    for index, item in enumerate(sorted(record.inputs, key=lambda r: (r.identifier, r.path))):
        _add_input(graph, activity, index, item)
    return graph


def _add_input(graph: Graph, activity: URIRef, index: int, item: InputRecord) -> None:
    node = URIRef(item.document) if item.document else URIRef(f"{activity}/input/{index}")
    graph.add((activity, PROV.used, node))
    graph.add((node, DCTERMS.identifier, Literal(item.identifier)))
    graph.add((node, EKG.sourcePath, Literal(item.path)))
    graph.add((node, EKG.buildStatus, EKG[item.status]))
    if item.sha256:
        graph.add((node, EKG.sha256, Literal(item.sha256)))
    if item.problem:
        graph.add((node, EKG.statusMessage, Literal(item.problem)))
    graph.add((node, EKG.encoding, Literal(item.encoding)))
    if item.report is not None:
        report = item.report.skolemize(basepath=f"{activity}/report/{index}/")
        for triple in report:
            graph.add(triple)
        for report_node in report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationReport")):
            graph.add((node, EKG.validationReport, report_node))
