"""Check a document graph against the SHACL shapes of ontology/shapes.ttl.

Validation is data before it is text: the outcome keeps pyshacl's report graph, so a caller can
query which node broke which shape, and also its readable rendering for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

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
    wrong objects into right ones. SHACL-SPARQL constraints are enabled, and SHACL-AF (`advanced`)
    for the shapes' SPARQL targets. With no inference nothing is added to the data graph, so
    pyshacl validates it in place rather than cloning it first (a clone costs a sixth of the
    validation). pyshacl hands rdflib each SHACL-SPARQL query as text, which rdflib would parse
    anew for every document; it sees the data through a view that parses each query once per
    process.
    """
    conforms, report, text = pyshacl.validate(
        _PreparedQueries.view(data),
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


class _PreparedQueries(rdflib.Graph):
    """A view of a data graph (the same store, nothing copied) whose SPARQL queries are prepared once.

    The shapes' queries are the same for every document, and parsing one costs rdflib tens of
    milliseconds, as much as running it on a small document.
    """

    @classmethod
    def view(cls, data: rdflib.Graph) -> rdflib.Graph:
        if type(data) is not rdflib.Graph:  # a Dataset or another kind of graph is validated as it is
            return data
        view = cls(store=data.store, identifier=data.identifier)
        view.namespace_manager = data.namespace_manager  # the report's text abbreviates IRIs as the data does
        return view

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # noqa: N803
              use_store_provided=True, **kwargs):
        if isinstance(query_object, str) and not initNs and not kwargs:
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)
