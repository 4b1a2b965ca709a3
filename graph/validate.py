"""Check a document graph against the SHACL shapes of ontology/shapes.ttl.

Validation is data before it is text: the outcome keeps pyshacl's report graph, so a caller can
query which node broke which shape, and also its readable rendering for people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Identifier, Variable

from eurasia_kg.graph.store import oxigraph_term, rdflib_term, to_quads
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
    return _DirectLookups().parse(SHAPES_FILE, format="turtle")


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph, quads: Sequence[ox.Quad] | None = None) -> ValidationOutcome:
    """Validate one data graph (e.g. one document's graph) against the shapes.

    `quads` are the same triples as Oxigraph quads (in any one graph), when the caller has them
    already (the build does, to write the graph): the SPARQL checks run over them.

    No inference and no ontology mixed in: the shapes are written for the graph exactly as the
    pipeline emits it, and RDFS inference would both slow pyshacl down several times and re-type
    wrong objects into right ones. SHACL-SPARQL constraints are enabled, and SHACL-AF (`advanced`)
    for the shapes' SPARQL targets. With no inference nothing is added to the data graph, so
    pyshacl validates it in place rather than cloning it first (a clone costs a sixth of the
    validation). pyshacl sees the data through a view whose SPARQL queries Oxigraph answers.
    """
    conforms, report, text = pyshacl.validate(
        _OxigraphQueries.view(data, quads),
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


class _DirectLookups(rdflib.Graph):
    """A graph whose lookups of a subject's values for a property (`objects(s, p)`, most of what
    pyshacl asks of the data and the shapes) read rdflib's in-memory index directly.

    rdflib's Memory store checks every triple it returns against the graph's context, which was a
    third of validation; when the store holds this one graph alone, every triple is in it, and the
    index gives the same values in the same order. Other lookups, and other stores, go to rdflib.
    """

    def triples(self, triple):
        subject, predicate, value = triple
        if value is None and subject is not None and type(predicate) is rdflib.URIRef:
            index = self._sole_graph_index()
            if index is not None:
                return ((subject, predicate, found) for found in list(index.get(subject, {}).get(predicate, ())))
        return super().triples(triple)

    def _sole_graph_index(self) -> dict | None:
        """Memory's subject-predicate-object index, when the store holds this graph's triples alone."""
        store = self.store
        if type(store) is not Memory:
            return None
        state = vars(store)  # Memory's private state (rdflib is pinned in constraints.txt)
        contexts = state.get("_Memory__all_contexts")
        if state.get("_Memory__tripleContexts") or not contexts or len(contexts) != 1:
            return None
        sole = next(iter(contexts))
        if sole is not self and sole.identifier != self.identifier:  # a view shares its graph's store
            return None
        return state.get("_Memory__spo")


class _OxigraphQueries(_DirectLookups):
    """A view of a data graph (the same store, nothing copied) whose SPARQL queries Oxigraph answers.

    pyshacl evaluates the shapes' SHACL-SPARQL constraints and SPARQL targets through the data
    graph's `query`; rdflib's engine takes a few hundred microseconds per solution it considers,
    which made the checks across a whole document graph a third of validation. On the first query,
    the view loads the graph's triples into an in-memory Oxigraph store (milliseconds) and answers
    every SELECT and ASK from it, turning the solutions back into rdflib terms for pyshacl. Core
    constraints still read the rdflib graph. Oxigraph also treats a type error in a FILTER as
    SPARQL says (rdflib's engine may let it pass).

    One exception: Oxigraph keeps an integer typed xsd:long, xsd:int or xsd:nonNegativeInteger as an
    xsd:integer, so a query that reads a datatype (`DATATYPE(…)`) is answered by rdflib, each such
    query parsed once per process.
    """

    _quads: Sequence[ox.Quad] | None = None
    _oxigraph: ox.Store | None = None

    @classmethod
    def view(cls, data: rdflib.Graph, quads: Sequence[ox.Quad] | None = None) -> rdflib.Graph:
        if type(data) is not rdflib.Graph:  # a Dataset or another kind of graph is validated as it is
            return data
        view = cls(store=data.store, identifier=data.identifier)
        view.namespace_manager = data.namespace_manager  # the report's text abbreviates IRIs as the data does
        view._quads = quads
        return view

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # noqa: N803
              use_store_provided=True, **kwargs):
        if isinstance(query_object, str) and not initNs and not kwargs:
            if not _READS_DATATYPES.search(query_object):
                answer = self._oxigraph_answer(query_object, initBindings or {})
                if answer is not None:
                    return answer
            query_object = _prepared(query_object)  # parsed once per process, not once per document
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def _oxigraph_answer(self, query: str, bindings: Mapping[str, Identifier]) -> Result | None:
        """Oxigraph's answer to a SELECT or an ASK; None where rdflib answers instead."""
        try:
            answer = self._oxigraph_copy().query(
                query, substitutions={ox.Variable(name): oxigraph_term(value) for name, value in bindings.items()},
                use_default_graph_as_union=True)
        except RuntimeError:  # Oxigraph binds only variables the query selects; rdflib binds any
            return None
        if isinstance(answer, bool):
            return _ask_result(answer)
        if isinstance(answer, ox.QuerySolutions):
            return _select_result(answer)
        return None  # a CONSTRUCT or DESCRIBE, which pyshacl does not ask

    def _oxigraph_copy(self) -> ox.Store:
        if self._oxigraph is None:
            self._oxigraph = ox.Store()
            self._oxigraph.bulk_extend(to_quads(self, None) if self._quads is None else self._quads)
        return self._oxigraph


_READS_DATATYPES = re.compile(r"\bDATATYPE\s*\(", re.IGNORECASE)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _ask_result(answer: bool) -> Result:
    result = Result("ASK")
    result.askAnswer = answer
    return result


def _select_result(solutions: ox.QuerySolutions) -> Result:
    """Oxigraph's solutions as rdflib's, as pyshacl reads them (rows of rdflib terms by variable)."""
    names = [variable.value for variable in solutions.variables]
    result = Result("SELECT")
    result.vars = [Variable(name) for name in names]
    rows: list[Mapping[Variable, Identifier]] = [
        {Variable(name): rdflib_term(row[name]) for name in names if row[name] is not None} for row in solutions]
    result.bindings = rows
    return result
