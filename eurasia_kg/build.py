"""The build: texts in, a validated, reasoned, stored knowledge graph out.

This is the door between the two wings: it runs the pipeline on each document, hands the RDF to
the graph layer to validate and load, and makes the new store live only when everything worked.
Documents stream through one at a time, so memory does not grow with the corpus.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Protocol

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH

from eurasia_kg import __version__
from eurasia_kg.graph import reason
from eurasia_kg.graph.provenance import LOADED, QUARANTINED, UNREADABLE, BuildRecord, InputRecord, build_graph
from eurasia_kg.graph.link import LinkOutcome, link_store
from eurasia_kg.graph.linking.slice import SLICE_FILE, SliceError, WikidataSlice
from eurasia_kg.graph.store import Generation, StoreFolder, named_graph
from eurasia_kg.graph.validate import ValidationOutcome, load_shapes, validate_graph
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.pipeline.entities import ENTITY_CLASSES
from eurasia_kg.pipeline.ingest import IngestError, discover
from eurasia_kg.pipeline.run import Extraction, Pipeline, default_pipeline
from eurasia_kg.vocab import (
    BUILD_GRAPH,
    DOCUMENT_GRAPH_PREFIX,
    EKG,
    ENT,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    document_graph_iri,
    document_iri,
)

REASONER_MODES = ("auto", "require", "off")


class BuildFailed(Exception):
    """The build could not finish; the previous store is untouched. The message says why."""


class Progress(Protocol):
    """What a build tells its caller as it goes (the CLI draws it; tests ignore it)."""

    def begin(self, total: int) -> None: ...
    def document(self, record: InputRecord) -> None: ...
    def stage(self, name: str) -> None: ...
    def warn(self, message: str) -> None: ...


class Silent:
    def begin(self, total: int) -> None: ...
    def document(self, record: InputRecord) -> None: ...
    def stage(self, name: str) -> None: ...
    def warn(self, message: str) -> None: ...


@dataclass
class BuildSummary:
    record: BuildRecord
    generation: Path
    quads: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    linking: LinkOutcome | None = None

    @property
    def complete(self) -> bool:
        """True when every input was loaded."""
        return all(item.status == LOADED for item in self.record.inputs)


def build(
    corpus: Iterable[Path],
    store: Path,
    *,
    reasoner: str = "auto",
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    wikidata_slice: Path = SLICE_FILE,
) -> BuildSummary:
    """Build a new store generation from `corpus` and make it live; raises BuildFailed otherwise.

    `pipeline` defaults to the standard components over the reference data; `wikidata_slice` is the
    Wikidata extract the entities are linked against and enriched from.
    """
    progress = progress or Silent()
    clock = time.perf_counter()
    corpus = list(corpus)
    discovery = discover(corpus)
    if not discovery.files:
        where = ", ".join(str(p) for p in corpus)
        raise BuildFailed(f"no texts (.txt, .md, .html) found in {where}")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    version = next(ontology.objects(None, OWL.versionIRI), None)
    if version is None:
        raise BuildFailed(f"{ONTOLOGY_FILE}: the ontology declares no owl:versionIRI")
    record = BuildRecord(__version__, str(version), datetime.now(timezone.utc))
    record.inputs.extend(_unreadable(problem) for problem in discovery.problems)
    pipeline, shapes = pipeline or default_pipeline(reference_files()), load_shapes()
    try:
        wikidata = WikidataSlice.read(wikidata_slice)
    except SliceError as error:
        raise BuildFailed(str(error)) from None
    warnings: list[str] = []
    with StoreFolder(store).building() as generation:
        generation.load_turtle(ONTOLOGY_FILE, str(ONTOLOGY_GRAPH))
        for file in reference_files():
            generation.load_turtle(file, str(REFERENCE_GRAPH))
        progress.begin(len(discovery.files))
        typings = Graph()
        for item, extraction in _extract_all(pipeline, discovery.files, shapes, generation.reports):
            record.inputs.append(item)
            progress.document(item)
            if item.status == LOADED:
                generation.add_graph(extraction.graph, document_graph_iri(extraction.source.slug))
                typings += _entity_typings(extraction.graph)
        if not any(item.status == LOADED for item in record.inputs):
            raise BuildFailed("no document could be loaded: " + _first_problems(record.inputs))
        progress.stage("reasoning")
        _reason(ontology, typings, reasoner, record, generation, warnings, progress)
        progress.stage("linking")
        linking = link_store(generation.store, wikidata)
        progress.stage("storing")
        record.ended = datetime.now(timezone.utc)
        generation.add_graph(build_graph(record), str(BUILD_GRAPH))
        quads = len(generation.store)
        path = generation.path
    return BuildSummary(record, path, quads, time.perf_counter() - clock, warnings, linking)


def _extract_all(pipeline: Pipeline, files: Iterable[Path], shapes: Graph, reports: Path | None):
    """(record, extraction) for each file: read, extract, validate; a bad file never stops the rest.

    A quarantined document's report is written to `reports` when given.
    """
    slugs: dict[str, Path] = {}
    for path in files:
        try:
            extraction = pipeline.extract(path)
        except IngestError as error:
            yield _unreadable(error), None
            continue
        except Exception as error:  # a bug in a component must cost one document, not the build
            yield _unreadable(IngestError(path, f"the pipeline failed on it ({type(error).__name__}: {error})")), None
            continue
        slug = extraction.source.slug
        if slug in slugs:
            problem = IngestError(path, f"has the same name as {slugs[slug]}; rename one of them")
            yield _unreadable(problem, extraction), None
            continue
        slugs[slug] = path
        outcome = validate_graph(extraction.graph, shapes)
        if outcome.conforms:
            yield _record(extraction, LOADED), extraction
        else:
            problem = _violations(outcome)
            if reports is not None:
                problem += f"; full report: {_write_report(reports, extraction, outcome)}"
            yield _record(extraction, QUARANTINED, problem, outcome.report), None


def _record(extraction: Extraction, status: str, problem: str = "", report: Graph | None = None) -> InputRecord:
    source = extraction.source
    return InputRecord(source.identifier, str(source.path), document_iri(source.slug), source.sha256, status, problem,
                       report, source.encoding)


def _unreadable(error: IngestError, extraction: Extraction | None = None) -> InputRecord:
    sha = extraction.source.sha256 if extraction else None
    return InputRecord(error.path.name, str(error.path), None, sha, UNREADABLE, error.problem)


def _violations(outcome: ValidationOutcome, shown: int = 2) -> str:
    messages = sorted({str(m) for m in outcome.report.objects(None, SH.resultMessage)})
    more = f" (+{len(messages) - shown} more)" if len(messages) > shown else ""
    return f"violates {outcome.violations} shape constraint(s): " + "; ".join(messages[:shown]) + more


def _write_report(folder: Path, extraction: Extraction, outcome: ValidationOutcome) -> Path:
    """The SHACL report of a quarantined document, as readable text and as Turtle."""
    base = folder / extraction.source.slug
    base.with_suffix(".txt").write_text(f"{extraction.source.path}\n\n{outcome.text}", encoding="utf-8")
    outcome.report.serialize(base.with_suffix(".ttl"), format="turtle")
    return base.with_suffix(".txt")


def _entity_typings(graph: Graph) -> Graph:
    """The class assertions (and labels) of a document's entities: what HermiT checks across documents."""
    typings = Graph()
    classes = {EKG[name] for name in ENTITY_CLASSES}
    for entity, cls in graph.subject_objects(RDF.type):
        if cls in classes:
            typings.add((entity, RDF.type, cls))
            for label in graph.objects(entity, RDFS.label):
                typings.add((entity, RDFS.label, label))
    return typings


def _reason(ontology: Graph, typings: Graph, mode: str, record: BuildRecord, generation: Generation,
            warnings: list[str], progress: Progress) -> None:
    """Check consistency with HermiT (TBox, reference data, every entity's class), then materialise."""
    if mode not in REASONER_MODES:
        raise BuildFailed(f"unknown reasoner mode {mode!r}; choose one of {', '.join(REASONER_MODES)}")
    if mode != "off":
        abox = typings
        for file in reference_files():
            abox.parse(file, format="turtle")
        try:
            outcome = reason.check_consistency(ontology, abox)
        except reason.ReasonerUnavailable as error:
            if mode == "require":
                raise BuildFailed(f"the reasoner is required but cannot run: {error}") from None
            message = f"consistency check skipped: {error} (use --reasoner require to make this an error)"
            warnings.append(message)
            progress.warn(message)
            record.reasoner_note = message
        else:
            record.consistent, record.reasoner_seconds = outcome.consistent, outcome.seconds
            if not outcome.consistent:
                raise BuildFailed(f"the ontology and the extracted entities are inconsistent (HermiT): {outcome.explanation}")
            generation.add_graph(_types(outcome.inferred_types), str(INFERRED_GRAPH))
    reason.materialise(generation.store)


def _types(pairs: list[tuple[str, str]]) -> Graph:
    """HermiT's inferred types of our own entities (not of the Wikidata IRIs they are sameAs)."""
    graph = Graph()
    for individual, cls in pairs:
        if individual.startswith(str(ENT)):
            graph.add((URIRef(individual), RDF.type, URIRef(cls)))
    return graph


def _first_problems(inputs: list[InputRecord], limit: int = 3) -> str:
    problems = [f"{item.identifier}: {item.problem}" for item in inputs if item.problem][:limit]
    return "; ".join(problems) or "nothing was extracted"


def validate_corpus(corpus: Iterable[Path]) -> list[InputRecord]:
    """Extract and validate texts without touching any store (a dry run of `build`)."""
    corpus = list(corpus)
    discovery = discover(corpus)
    if not discovery.files and not discovery.problems:
        raise BuildFailed("no texts (.txt, .md, .html) found in " + ", ".join(str(p) for p in corpus))
    pipeline, shapes = default_pipeline(reference_files()), load_shapes()
    records = [_unreadable(problem) for problem in discovery.problems]
    records += [item for item, _ in _extract_all(pipeline, discovery.files, shapes, reports=None)]
    return records


def validate_store(folder: StoreFolder) -> list[InputRecord]:
    """Validate every document graph of the live store against the shapes, as the build did."""
    store, shapes = folder.open(), load_shapes()
    records = []
    for name in sorted(g.value for g in store.named_graphs() if g.value.startswith(DOCUMENT_GRAPH_PREFIX)):
        graph = named_graph(store, name)
        outcome = validate_graph(graph, shapes)
        document = graph.value(predicate=RDF.type, object=EKG.Document)
        identifier = str(graph.value(document, DCTERMS.identifier) or name)
        status, problem = (LOADED, "") if outcome.conforms else (QUARANTINED, _violations(outcome))
        records.append(InputRecord(identifier, name, str(document), None, status, problem))
    return records
