"""Check a document graph against the SHACL shapes of ontology/shapes.ttl.

Validation is data before it is text: the outcome keeps pyshacl's report graph, so a caller can
query which node broke which shape, and also its readable rendering for people.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from eurasia_kg.ontology import SHAPES_FILE


@dataclass(frozen=True)
class ValidationOutcome:
    """What pyshacl concluded about one data graph.

    `violations` counts the results of severity sh:Violation; warnings and infos, if a shape
    ever declares them, do not count.
    """

    conforms: bool
    violations: int
    report: rdflib.Graph
    text: str


def load_shapes() -> rdflib.Graph:
    """The SHACL shapes graph, parsed from ontology/shapes.ttl."""
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationOutcome:
    """Validate one data graph (e.g. one document's graph) against the shapes.

    No inference and no ontology mixed in: the shapes are written for the graph exactly as the
    pipeline emits it, and RDFS inference would both slow pyshacl down several times and re-type
    wrong objects into right ones. SHACL-SPARQL constraints are enabled. With no inference nothing
    is added to the data graph, so pyshacl validates it in place rather than cloning it first (a
    clone costs a sixth of the validation).
    """
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    return ValidationOutcome(
        conforms=bool(conforms),
        violations=_count_violations(report),
        report=report,
        text=text,
    )


def _count_violations(report: rdflib.Graph) -> int:
    results = report.subjects(RDF.type, SH.ValidationResult)
    return sum(1 for result in results if (result, SH.resultSeverity, SH.Violation) in report)
