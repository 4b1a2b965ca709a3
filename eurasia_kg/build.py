"""The build: texts in, a validated, reasoned, stored knowledge graph out.

This is the door between the two wings: it runs the pipeline on each document, hands the RDF to
the graph layer to validate and load, and makes the new store live only when everything worked.

This process (the driver) finds the files, reads their bytes and owns the new store generation.
Each document is extracted and validated on its own by a worker (here, in local processes, or on
a Dask cluster: `eurasia_kg.workers`), which hands its graph back as N-Quads. Documents stream
through a few at a time, so memory does not grow with the corpus.

A build starts from the live generation when it can: a document whose bytes (sha256) and whose
extraction fingerprint (software, pipeline code, reference data, shapes) are those recorded in the
live generation keeps its graph; new and changed documents are extracted; graphs of documents
that are gone are dropped. What the rules inferred about the unchanged documents' own nodes is
kept, HermiT's verdict is reused or carried over where that is sound, and the rest of what depends
on the whole corpus (rules, linking, the build record) is redone. The result is the graph a full
build would make.
"""

from __future__ import annotations

import hashlib
import json
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SH

from eurasia_kg import __version__, vocab
from eurasia_kg import pipeline as pipeline_package
from eurasia_kg.graph import reason
from eurasia_kg.graph.link import LinkOutcome, link_store
from eurasia_kg.graph.linking.slice import SLICE_FILE, SliceError, WikidataSlice
from eurasia_kg.graph.provenance import LOADED, QUARANTINED, UNREADABLE, BuildRecord, InputRecord, build_graph
from eurasia_kg.graph.store import Generation, StoreFolder, named_graph, to_quads
from eurasia_kg.graph.validate import ValidationOutcome, load_shapes, validate_graph
from eurasia_kg.ontology import ONTOLOGY_FILE, SHAPES_FILE, reference_files
from eurasia_kg.pipeline.assemble import document_graph
from eurasia_kg.pipeline.entities import ENTITY_CLASSES
from eurasia_kg.pipeline.ingest import MAX_FILE_BYTES, IngestError, decode_source, discover, read_bytes
from eurasia_kg.pipeline.run import Pipeline, default_pipeline, standard_resources
from eurasia_kg.vocab import (
    BUILD_GRAPH,
    DOCUMENT_GRAPH_PREFIX,
    EKG,
    ENRICHMENT_GRAPH,
    ENT,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    document_graph_iri,
    document_iri,
    document_slug,
)
from eurasia_kg.workers import Executor, ExecutorError, open_executor

REASONER_MODES = ("auto", "require", "off")
MANIFEST = "documents.json"  # beside a generation's database: what each document graph was made from


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
    reused: int = 0  # documents whose graphs were kept from the previous generation

    @property
    def complete(self) -> bool:
        """True when every input was loaded."""
        return all(item.status == LOADED for item in self.record.inputs)


@dataclass(frozen=True)
class Document:
    """One input file as the driver read it: what a worker needs, wherever it runs."""

    path: Path
    data: bytes

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class Outcome:
    """What a worker made of one document; plain data, so that it can cross process boundaries."""

    record: InputRecord  # without its report graph, which travels as `report`
    nquads: bytes = b""  # the document graph, when it conforms
    report: str = ""  # the SHACL report as N-Triples, when it does not
    report_text: str = ""


def build(
    corpus: Iterable[Path],
    store: Path,
    *,
    reasoner: str = "auto",
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    wikidata_slice: Path = SLICE_FILE,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    full: bool = False,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> BuildSummary:
    """Build a new store generation from `corpus` and make it live; raises BuildFailed otherwise.

    `pipeline` defaults to the standard components over the reference data; `wikidata_slice` is the
    Wikidata extract the entities are linked against and enriched from. Documents are extracted by
    `jobs` workers of `executor` ("local" processes, or "dask" at `scheduler` or on a local cluster).
    Unchanged documents keep their graphs from the live generation unless `full` is set or a custom
    `pipeline` is given.
    """
    progress = progress or Silent()
    clock = time.perf_counter()
    if reasoner not in REASONER_MODES:
        raise BuildFailed(f"unknown reasoner mode {reasoner!r}; choose one of {', '.join(REASONER_MODES)}")
    corpus = list(corpus)
    discovery = discover(corpus)
    if not discovery.files:
        raise BuildFailed(f"no texts (.txt, .md, .html, .htm) found in {', '.join(str(p) for p in corpus)}"
                          + "".join(f"\n  {problem}" for problem in discovery.problems))
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    version = next(ontology.objects(None, OWL.versionIRI), None)
    if version is None:
        raise BuildFailed(f"{ONTOLOGY_FILE}: the ontology declares no owl:versionIRI")
    record = BuildRecord(__version__, str(version), datetime.now(timezone.utc))
    record.inputs.extend(_unreadable(problem) for problem in discovery.problems)
    fingerprint = None if pipeline is not None else extraction_fingerprint()
    if pipeline is None and executor == "local":
        standard_pipeline()  # made once here: forked workers inherit it
    try:
        wikidata = WikidataSlice.read(wikidata_slice)
    except SliceError as error:
        raise BuildFailed(str(error)) from None
    warnings: list[str] = []
    # The workers start before the generation is opened, so that no process but this one holds it.
    folder = StoreFolder(store)
    with _executor(executor, (pipeline, load_shapes()), jobs, scheduler) as workers, \
            folder.building(from_current=not full and _reusable(folder, fingerprint)) as generation:
        previous = _start_from_base(generation, Manifest(fingerprint, _static_checksum()))

        def load_static_graphs() -> None:
            if previous.static is None:
                generation.load_turtle(ONTOLOGY_FILE, str(ONTOLOGY_GRAPH))
                for file in reference_files():
                    generation.load_turtle(file, str(REFERENCE_GRAPH))

        progress.begin(len(discovery.files))
        loaded = _load_documents(workers, discovery.files, previous.documents, max_file_bytes, record, generation,
                                 progress, meanwhile=load_static_graphs)
        if not loaded:
            raise BuildFailed("no document could be loaded: " + _first_problems(record.inputs))
        fresh = [document_graph_iri(slug) for slug, entry in loaded.items() if previous.documents.get(slug) != entry]
        # Reasoning and linking read and write different graphs, so they run side by side: HermiT
        # and the rules (Java, Rust) leave this process's interpreter to the linker.
        progress.stage("reasoning and linking")
        with ThreadPoolExecutor(max_workers=1) as reasoning:
            verdict = reasoning.submit(_reason, ontology, generation, reasoner, record, warnings, progress,
                                       previous.reasoner, fresh if previous.static and previous.documents else None)
            linking = link_store(generation.store, wikidata)
            checked = verdict.result()
        progress.stage("storing")
        record.ended = datetime.now(timezone.utc)
        generation.add_graph(build_graph(record), str(BUILD_GRAPH))
        Manifest(fingerprint, _static_checksum(), loaded, checked).write(generation.path)
        quads = len(generation.store)
        path = generation.path
    reused = sum(1 for slug, entry in loaded.items() if previous.documents.get(slug) == entry)
    return BuildSummary(record, path, quads, time.perf_counter() - clock, warnings, linking, reused)


def standard_pipeline() -> Pipeline:
    """The default pipeline over the reference data, made once per process (and again if the data changes)."""
    return _pipeline_over(tuple((file, file.stat().st_mtime_ns) for file in reference_files()))


@lru_cache(maxsize=1)
def _pipeline_over(files: tuple[tuple[Path, int], ...]) -> Pipeline:
    return default_pipeline(file for file, _ in files)


def extraction_fingerprint() -> str:
    """What a document graph depends on besides the document: software version, pipeline code, IRIs,
    reference data and shapes. A document graph is reused only under the same fingerprint."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(pipeline_package.__file__).parent
    rule_tables = sorted(package.glob("rules/*.toml"))  # the rules are data: a changed table is a changed extraction
    for file in [*sorted(package.rglob("*.py")), *rule_tables, Path(vocab.__file__), *reference_files(), SHAPES_FILE]:
        digest.update(f"{file.name}\0{len(file.read_bytes())}\0".encode() + file.read_bytes())
    # what the pipeline loads besides code and data (the sentence splitter a spaCy model may replace)
    digest.update(repr(sorted(standard_resources().items())).encode())
    return digest.hexdigest()


@contextmanager
def _executor(kind: str, context: object, jobs: int, scheduler: str | None) -> Iterator[Executor]:
    """Workers for the documents; a failure to start them, or a worker lost, fails the build."""
    try:
        with open_executor(kind, context, jobs, scheduler) as workers:
            yield workers
    except ExecutorError as error:
        raise BuildFailed(str(error)) from None


@dataclass
class Manifest:
    """What a generation was made from, kept beside its database for the next build to reuse."""

    fingerprint: str | None  # extraction_fingerprint() of the document graphs
    static: str | None  # _static_checksum() of the ontology and reference graphs
    documents: dict[str, dict] = field(default_factory=dict)  # by slug: identifier, sha256, encoding
    reasoner: dict = field(default_factory=dict)  # HermiT's verdict: input checksum, entity classes, inferred types, seconds

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            return cls(**json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return cls(None, None)  # made before manifests existed, or by another version: nothing is reused

    def write(self, folder: Path) -> None:
        text = json.dumps({**self.__dict__, "documents": dict(sorted(self.documents.items()))}, indent=1)
        (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def _reusable(folder: StoreFolder, fingerprint: str | None) -> bool:
    """Whether the live generation's document graphs were made as this build would make them.

    A first look, before the lock: the build checks again on the copy it makes.
    """
    return fingerprint is not None and folder.current is not None and \
        Manifest.read(folder.current).fingerprint == fingerprint


def _start_from_base(generation: Generation, now: Manifest) -> Manifest:
    """Keep, of the generation copied from the live one, what is still valid `now`; return what was kept.

    Document graphs made under the same extraction fingerprint are kept, and the ontology and
    reference graphs when their files are unchanged (then `static` is set); with both, the inferred
    graph too, from which `_reason` retracts what the documents that change supported. The links
    and the enrichment are kept to be updated in place; the build record is made anew.
    """
    base = Manifest.read(generation.base) if generation.base else Manifest(None, None)
    documents = base.documents if base.fingerprint == now.fingerprint else {}
    static = base.static if base.static == now.static else None
    keep = {document_graph_iri(slug) for slug in documents} | {str(LINKS_GRAPH), str(ENRICHMENT_GRAPH)}
    keep |= {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)} if static else set()
    keep |= {str(INFERRED_GRAPH)} if static and documents else set()
    for name in generation.graph_names():
        if name not in keep:
            generation.remove_graph(name)
    return Manifest(now.fingerprint, static, documents, base.reasoner if static else {})


def _static_checksum() -> str:
    """Of the files the ontology and reference graphs are loaded from."""
    digest = hashlib.sha256()
    for file in [ONTOLOGY_FILE, *reference_files()]:
        digest.update(f"{file.name}\0{file.stat().st_size}\0".encode() + file.read_bytes())
    return digest.hexdigest()


def _load_documents(workers: Executor, files: Sequence[Path], previous: dict[str, dict], limit: int,
                    record: BuildRecord, generation: Generation, progress: Progress,
                    meanwhile: Callable[[], None]) -> dict[str, dict]:
    """Extract, validate and load every document that needs it; record what became of each file.

    The largest files go to the workers first, so that a long document does not start last and keep
    one worker busy while the others idle. `meanwhile` runs here while the workers have their first
    documents. Returns the manifest entries of the documents now loaded, by slug.
    """
    loaded: dict[str, dict] = {}
    batch = _Batch(generation)
    settled: list[InputRecord] = []  # decided here, without a worker: unreadable, duplicate or unchanged
    owners: dict[str, Path] = {}  # of two files with one slug, the first in corpus order is the document
    for path in files:
        owners.setdefault(document_slug(path.name), path)
    slugs: set[str] = set()  # of the documents read

    def to_extract() -> Iterator[Document]:
        for path in sorted(files, key=_size, reverse=True):
            slug = document_slug(path.name)
            try:
                data = read_bytes(path, limit)
            except IngestError as error:
                settled.append(_unreadable(error))
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            if owners[slug] != path:
                problem = IngestError(path, f"has the same name as {owners[slug]}; rename one of them")
                settled.append(_unreadable(problem, sha256))
                continue
            slugs.add(slug)
            kept = previous.get(slug)
            if kept is not None and kept["sha256"] == sha256 and kept["identifier"] == path.name:
                loaded[slug] = kept
                settled.append(InputRecord(path.name, str(path), document_iri(slug), sha256, LOADED,
                                           encoding=kept["encoding"]))
                continue
            if kept is not None:
                generation.retire_graph(document_graph_iri(slug))
            yield Document(path, data)

    def report(item: InputRecord) -> None:
        record.inputs.append(item)
        progress.document(item)

    for _, outcome in workers.map(_extract_and_validate, to_extract()):
        if meanwhile is not None:
            meanwhile, then = None, meanwhile
            then()
        for item in settled:
            report(item)
        settled.clear()
        report(_settle(outcome, generation, batch, loaded))
    batch.flush()
    if meanwhile is not None:
        meanwhile()
    for item in settled:
        report(item)
    for slug in previous.keys() - slugs:  # documents no longer in the corpus, or no longer readable
        generation.retire_graph(document_graph_iri(slug))
    return loaded


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong


class _Batch:
    """Document graphs on their way into the store, bulk-loaded a few megabytes at a time: much
    cheaper than one transaction per document, and the driver's time is what the workers wait on."""

    SIZE = 8 * 2**20

    def __init__(self, generation: Generation) -> None:
        self.generation, self.parts, self.size = generation, [], 0

    def add(self, nquads: bytes) -> None:
        self.parts.append(nquads)
        self.size += len(nquads)
        if self.size >= self.SIZE:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.generation.load_nquads(b"".join(self.parts))
        self.parts, self.size = [], 0


def _settle(outcome: Outcome, generation: Generation, batch: _Batch, loaded: dict[str, dict]) -> InputRecord:
    """Load a worker's document graph, or keep its validation report; the file's record."""
    item = outcome.record
    if item.status == LOADED:
        batch.add(outcome.nquads)
        slug = document_slug(item.identifier)
        loaded[slug] = {"identifier": item.identifier, "sha256": item.sha256, "encoding": item.encoding}
        return item
    if item.status == QUARANTINED:
        base = generation.reports / document_slug(item.identifier)
        base.with_suffix(".txt").write_text(f"{item.path}\n\n{outcome.report_text}", encoding="utf-8")
        report = Graph().parse(data=outcome.report, format="nt")
        report.serialize(base.with_suffix(".ttl"), format="turtle")
        return InputRecord(item.identifier, item.path, item.document, item.sha256, item.status,
                           f"{item.problem}; full report: {base.with_suffix('.txt')}", report, item.encoding)
    return item


def _extract_and_validate(context: tuple[Pipeline | None, Graph], document: Document) -> Outcome:
    """The work on one document, wherever it runs: decode, extract, validate, serialise.

    The context's pipeline is None for the standard one, which each worker makes for itself
    (spaCy's matchers do not survive pickling). Never raises: a file that is not a text, or a
    component that fails on it, costs that one document, recorded as unreadable with the reason.
    """
    pipeline, shapes = context
    pipeline = pipeline or standard_pipeline()
    sha256 = hashlib.sha256(document.data).hexdigest()
    try:
        source = decode_source(document.path, document.data)
        graph = document_graph(pipeline.analyse(source))
        outcome = validate_graph(graph, shapes)
    except IngestError as error:
        return Outcome(_unreadable(error, sha256))
    except Exception as error:  # a bug in a component must cost one document, not the build
        problem = f"the pipeline failed on it ({type(error).__name__}: {error})"
        return Outcome(_unreadable(IngestError(document.path, problem), sha256))
    item = InputRecord(source.identifier, str(source.path), document_iri(source.slug), source.sha256, LOADED,
                       encoding=source.encoding)
    if outcome.conforms:
        quads = to_quads(graph, document_graph_iri(source.slug))
        return Outcome(item, nquads=ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    quarantined = InputRecord(item.identifier, item.path, item.document, item.sha256, QUARANTINED,
                              _violations(outcome), encoding=item.encoding)
    return Outcome(quarantined, report=outcome.report.serialize(format="nt"), report_text=outcome.text)


def _unreadable(error: IngestError, sha256: str | None = None) -> InputRecord:
    return InputRecord(error.path.name, str(error.path), None, sha256, UNREADABLE, error.problem)


def _violations(outcome: ValidationOutcome, shown: int = 2) -> str:
    messages = sorted({str(m) for m in outcome.report.objects(None, SH.resultMessage)})
    more = f" (+{len(messages) - shown} more)" if len(messages) > shown else ""
    return f"violates {outcome.violations} shape constraint(s): " + "; ".join(messages[:shown]) + more


_TYPINGS = """
CONSTRUCT { ?entity a ?class ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
WHERE {
  GRAPH ?document { ?entity a ?class }
  FILTER (STRSTARTS(STR(?document), "%s") && ?class IN (%s))
  OPTIONAL { GRAPH ?document { ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label } }
}"""


def _entity_typings(store: ox.Store) -> Graph:
    """The class assertions (and labels) of the documents' entities: what HermiT checks across documents."""
    classes = ", ".join(f"<{EKG[name]}>" for name in ENTITY_CLASSES)
    triples = ox.serialize(store.query(_TYPINGS % (DOCUMENT_GRAPH_PREFIX, classes)), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=triples.decode("utf-8"), format="nt")


def _reason(ontology: Graph, generation: Generation, mode: str, record: BuildRecord, warnings: list[str],
            progress: Progress, previous: dict, fresh: list[str] | None) -> dict:
    """Check consistency with HermiT (TBox, reference data, every entity's class), then materialise:
    anew, or, when the inferred graph was kept (`fresh` then names the document graphs loaded by this
    build), by updating it for what changed.

    An entity that two documents give disjoint classes (a port one text calls a place and another a
    project) is a disagreement between sources, not a broken ontology: it is named in a warning and
    left out of HermiT's input, and the build goes on. The ontology and the reference data must
    still agree, or the build fails.

    HermiT's verdict on exactly the same input (checksum) as the previous build's is reused rather
    than asked again, and so is a verdict that carries over soundly to the new input (new or changed
    entities only of class combinations HermiT checked before: `reason.carry_over`). Returns the
    verdict to remember, empty when HermiT did not run.
    """
    verdict: dict = {}
    if mode != "off":
        reference = _reference_data()
        abox = _entity_typings(generation.store) + reference
        _set_aside_disputed_classes(ontology, abox, reference, generation.store, record, warnings, progress)
        typings = b"\n".join(sorted(abox.serialize(format="nt", encoding="utf-8").splitlines()))
        checksum = hashlib.sha256(_static_checksum().encode() + typings).hexdigest()
        classes = _asserted_classes(abox)
        if previous.get("input") == checksum:
            verdict = previous
            record.consistent, record.reasoner_seconds = True, previous["seconds"]
            record.reasoner_note = _join(record.reasoner_note, "HermiT's verdict on the same ontology, reference data and entity classes, from the previous build")
        elif carried := _carried_over(previous, classes, reference):
            verdict = {"input": checksum, "inferred": [list(pair) for pair in carried.inferred], "seconds": 0.0,
                       "classes": classes}
            record.consistent = True
            record.reasoner_note = _join(record.reasoner_note, "HermiT's verdict carried over from the previous build: "
                                         "every new or changed entity has classes HermiT found consistent there")
        else:
            verdict = _run_hermit(ontology, abox, checksum, mode, record, warnings, progress)
            if verdict:
                verdict["classes"] = classes
    types = _types(verdict.get("inferred", []))
    if fresh is None:
        generation.add_graph(types, str(INFERRED_GRAPH))
        reason.materialise(generation.store)
    else:  # HermiT's types go in last, as an update may take out a triple that is also one of them
        _rematerialise(generation, fresh, previous.get("inferred", []), verdict.get("inferred", []))
        generation.add_graph(types, str(INFERRED_GRAPH))
    return verdict


def _rematerialise(generation: Generation, fresh: list[str], before: list[list[str]], now: list[list[str]]) -> None:
    """Update the kept inferred graph for the document graphs retired and loaded (`fresh`) and the
    types HermiT inferred `before` and infers `now`."""
    before_types, now_types = {tuple(pair) for pair in before}, {tuple(pair) for pair in now}
    generation.retired.bulk_extend(to_quads(_types(sorted(before_types - now_types)), str(INFERRED_GRAPH)))
    added = ox.Store()
    added.bulk_extend(to_quads(_types(sorted(now_types)), str(INFERRED_GRAPH)))
    for graph in fresh:
        added.bulk_extend(generation.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    reason.rematerialise(generation.store, generation.retired, added)


def _asserted_classes(abox: Graph) -> dict[str, list[str]]:
    """Each entity's asserted ontology classes, as HermiT's input holds them."""
    classes: dict[str, list[str]] = {}
    for entity, cls in abox.subject_objects(RDF.type):
        if str(entity).startswith(str(ENT)) and str(cls).startswith(str(EKG)):
            classes.setdefault(str(entity), []).append(str(cls))
    return {entity: sorted(found) for entity, found in sorted(classes.items())}


def _carried_over(previous: dict, classes: dict[str, list[str]], reference: Graph) -> reason.Verdict | None:
    """HermiT's verdict derived from the previous build's, when that is sound (see reason.carry_over)."""
    if not previous.get("classes"):
        return None
    referenced = {str(node) for triple in reference for node in (triple[0], triple[2]) if isinstance(node, URIRef)}
    earlier = reason.Verdict(previous["classes"], [tuple(pair) for pair in previous["inferred"]])
    return reason.carry_over(earlier, classes, referenced)


def _reference_data() -> Graph:
    reference = Graph()
    for file in reference_files():
        reference.parse(file, format="turtle")
    return reference


_CLASSES_BY_DOCUMENT = """
SELECT ?entity ?document ?class
WHERE { GRAPH ?document { ?entity a ?class } FILTER (STRSTARTS(STR(?document), "%s") && STRSTARTS(STR(?class), "%s")) }
ORDER BY ?document ?class"""


def _set_aside_disputed_classes(ontology: Graph, abox: Graph, reference: Graph, store: ox.Store,
                                record: BuildRecord, warnings: list[str], progress: Progress) -> None:
    """Remove from `abox` the document class assertions of entities whose classes are disjoint, and say so."""
    for individual, pairs in reason.class_clashes(ontology + abox).items():
        entity = URIRef(individual)
        for cls in list(abox.objects(entity, RDF.type)):
            if (entity, RDF.type, cls) not in reference:
                abox.remove((entity, RDF.type, cls))
        classes = ", ".join(
            f"{reason.short(row['class'].value)} in {row['document'].value.removeprefix(DOCUMENT_GRAPH_PREFIX)}"
            for row in store.query(_CLASSES_BY_DOCUMENT % (DOCUMENT_GRAPH_PREFIX, EKG), substitutions={ox.Variable("entity"): ox.NamedNode(individual)})
        )
        disjoint = "; ".join(f"{reason.short(a)} and {reason.short(b)} are disjoint" for a, b in pairs)
        message = f"{reason.short(individual)}: the documents disagree on its class ({classes}; {disjoint}); it is left out of the consistency check"
        warnings.append(message)
        progress.warn(message)
        record.reasoner_note = _join(record.reasoner_note, message)


def _join(note: str, addition: str) -> str:
    return f"{note}\n{addition}" if note else addition


def _run_hermit(ontology: Graph, abox: Graph, checksum: str, mode: str, record: BuildRecord, warnings: list[str],
                progress: Progress) -> dict:
    try:
        outcome = reason.check_consistency(ontology, abox)
    except reason.ReasonerUnavailable as error:
        if mode == "require":
            raise BuildFailed(f"the reasoner is required but cannot run: {error}") from None
        message = f"consistency check skipped: {error} (use --reasoner require to make this an error)"
        warnings.append(message)
        progress.warn(message)
        record.reasoner_note = _join(record.reasoner_note, message)
        return {}
    record.consistent, record.reasoner_seconds = outcome.consistent, outcome.seconds
    if not outcome.consistent:
        raise BuildFailed(f"the ontology and the extracted entities are inconsistent (HermiT): {outcome.explanation}")
    return {"input": checksum, "inferred": [list(pair) for pair in outcome.inferred_types], "seconds": outcome.seconds}


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


def validate_corpus(corpus: Iterable[Path], jobs: int = 1) -> list[InputRecord]:
    """Extract and validate texts without touching any store (a dry run of `build`)."""
    corpus = list(corpus)
    discovery = discover(corpus)
    if not discovery.files and not discovery.problems:
        raise BuildFailed("no texts (.txt, .md, .html, .htm) found in " + ", ".join(str(p) for p in corpus))
    records = [_unreadable(problem) for problem in discovery.problems]

    def readable() -> Iterator[Document]:
        for path in discovery.files:
            try:
                yield Document(path, read_bytes(path))
            except IngestError as error:
                records.append(_unreadable(error))

    standard_pipeline()
    with _executor("local", (None, load_shapes()), jobs, None) as workers:
        records += [outcome.record for _, outcome in workers.map(_extract_and_validate, readable())]
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

