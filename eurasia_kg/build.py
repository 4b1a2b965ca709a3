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
build would make. A build that changes little leaves its writes in the database's log, uncompacted
(graph.store); the next one starts from the tables, which still hold the state before it, and its
manifest's `tables`, and redoes that change with its own.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDF, SH

from eurasia_kg import __version__, vocab
from eurasia_kg import pipeline as pipeline_package
from eurasia_kg.graph import consistency
from eurasia_kg.graph.link import LinkOutcome, link_store
from eurasia_kg.graph.linking.slice import SLICE_FILE, SliceError, WikidataSlice
from eurasia_kg.graph.provenance import LOADED, QUARANTINED, UNREADABLE, BuildRecord, InputRecord, build_graph
from eurasia_kg.graph.store import Generation, StoreFolder, named_graph, nquads, to_quads
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
LOGGED_GRAPHS = "logged-graphs"  # beside a generation's database, while its writes are in the log: the
# N-Quads of the document graphs its build loaded, which the next build loads again instead of extracting


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


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs; the defaults are those of `eurasia-kg build` without options.

    >>> BuildOptions(jobs=2).executor
    'local'
    """

    reasoner: str = "auto"
    """HermiT's consistency check: "auto" (skipped with a warning when Java is missing), "require" or "off"."""
    pipeline: Pipeline | None = None
    """The extraction; None for the standard components over the reference data. A custom pipeline
    extracts every document again (its graphs are never reused)."""
    wikidata_slice: Path = SLICE_FILE
    """The Wikidata extract (TriG) the entities are linked against and enriched from."""
    jobs: int = 1
    """Documents extracted and validated at once (workers of `executor`)."""
    executor: str = "local"
    """Where documents are extracted: "local" processes, or "dask" (at `scheduler`, or on a local cluster)."""
    scheduler: str | None = None
    """The Dask scheduler's address (tcp://HOST:8786) for the "dask" executor."""
    full: bool = False
    """Extract every document again, even those unchanged since the live build."""
    max_file_bytes: int = MAX_FILE_BYTES
    """Larger files are reported as unreadable and not read."""


def build(corpus: Iterable[Path], store: Path, options: BuildOptions = BuildOptions(),
          progress: Progress | None = None) -> BuildSummary:
    """Build a new store generation from the texts in `corpus` and make it live; raises BuildFailed otherwise.

    Unchanged documents keep their graphs from the live generation unless `options.full` is set or a
    custom `options.pipeline` is given. `progress` hears of each document and stage as the build goes.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "note.txt").write_text("Kazakhstan and China signed a rail agreement in Astana.")
    >>> summary = build([folder / "note.txt"], folder / "store", BuildOptions(reasoner="off"))
    >>> summary.complete, summary.record.counts()["Loaded"]
    (True, 1)
    >>> build([folder / "note.txt"], folder / "store", BuildOptions(reasoner="off")).reused
    1
    """
    progress = progress or Silent()
    clock = time.perf_counter()
    if options.reasoner not in REASONER_MODES:
        raise BuildFailed(f"unknown reasoner mode {options.reasoner!r}; choose one of {', '.join(REASONER_MODES)}")
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
    fingerprint = None if options.pipeline is not None else extraction_fingerprint()
    if options.pipeline is None and options.executor == "local":
        standard_pipeline()  # made once here: forked workers inherit it
    try:
        wikidata = WikidataSlice.read(options.wikidata_slice)
    except SliceError as error:
        raise BuildFailed(str(error)) from None
    warnings: list[str] = []
    shapes = load_shapes()
    # The workers start before the generation is opened, so that no process but this one holds it.
    folder = StoreFolder(store)
    with _long_lived(), _executor(options.executor, (options.pipeline, shapes), options.jobs, options.scheduler) as workers, \
            folder.building(from_current=not options.full and _reusable(folder, fingerprint)) as generation:
        live = Manifest.read(generation.base) if generation.base else Manifest(None, None)
        tables = live.of_tables()
        previous = _start_from_base(generation, tables, Manifest(fingerprint, _static_checksum()))
        logged = _logged_graphs(generation.base, live, previous) if generation.base else {}

        def load_static_graphs() -> None:
            if previous.static is None:
                generation.load_turtles([(ONTOLOGY_FILE, str(ONTOLOGY_GRAPH)),
                                         *((file, str(REFERENCE_GRAPH)) for file in reference_files())])

        progress.begin(len(discovery.files))
        loading = _load_documents(workers, discovery.files, previous.documents, logged, options.max_file_bytes,
                                  generation, progress, meanwhile=load_static_graphs)
        record.inputs.extend(loading.records)
        loaded = loading.entries
        if not loaded:
            raise BuildFailed("no document could be loaded: " + _first_problems(record.inputs))
        fresh = [document_graph_iri(slug) for slug, entry in loaded.items() if previous.documents.get(slug) != entry]
        # Reasoning and linking read and write different graphs, so they run side by side: HermiT
        # and the rules (Java, Rust) leave this process's interpreter to the linker.
        progress.stage("reasoning and linking")
        request = consistency.Request(ontology, options.reasoner, ENTITY_CLASSES, tuple(reference_files()),
                                      _static_checksum(), previous.reasoner,
                                      tuple(fresh) if previous.static and previous.documents else None)
        with ThreadPoolExecutor(max_workers=1) as reasoning:
            reasoned = reasoning.submit(_reason, generation, request, record, progress)
            linking = link_store(generation.store, wikidata)
            outcome = reasoned.result()
        warnings += outcome.warnings
        checked = outcome.verdict
        progress.stage("storing")
        record.ended = datetime.now(timezone.utc)
        generation.add_graph(build_graph(record), str(BUILD_GRAPH))
        in_log = generation.base is not None and not generation.wrote_tables()  # then not compacted
        Manifest(fingerprint, _static_checksum(), loaded, checked,
                 tables=asdict(tables) if in_log else None).write(generation.path)
        if not in_log:  # the tables will hold every document graph
            shutil.rmtree(generation.path / LOGGED_GRAPHS, ignore_errors=True)
        quads = len(generation.store)
        path = generation.path
    kept = previous.documents | {slug: entry for slug, (entry, _) in logged.items()}
    reused = sum(1 for slug, entry in loaded.items() if kept.get(slug) == entry)
    return BuildSummary(record, path, quads, time.perf_counter() - clock, warnings, linking, reused)


def standard_pipeline() -> Pipeline:
    """The default pipeline over the reference data, made once per process (and again if the data changes)."""
    return _pipeline_over(tuple((file, file.stat().st_mtime_ns) for file in reference_files()))


@lru_cache(maxsize=1)
def _pipeline_over(files: tuple[tuple[Path, int], ...]) -> Pipeline:
    return default_pipeline(file for file, _ in files)


def extraction_fingerprint() -> str:
    """What a document graph depends on besides the document: software version, pipeline code, IRIs,
    reference data and shapes. A document graph is reused only under the same fingerprint.

    >>> fingerprint = extraction_fingerprint()
    >>> len(fingerprint), fingerprint == extraction_fingerprint()
    (64, True)
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(pipeline_package.__file__).parent
    rule_tables = sorted(package.glob("rules/*.toml"))  # the rules are data: a changed table is a changed extraction
    for file in [*sorted(package.rglob("*.py")), *rule_tables, Path(vocab.__file__), *reference_files(), SHAPES_FILE]:
        digest.update(f"{file.name}\0{len(file.read_bytes())}\0".encode() + file.read_bytes())
    # what the pipeline loads besides code and data (the sentence splitter a spaCy model may replace)
    digest.update(repr(sorted(standard_resources().items())).encode())
    return digest.hexdigest()


@contextmanager
def _long_lived() -> Iterator[None]:
    """Keep what is loaded so far (the pipeline's models and names, the shapes, the ontology, the
    Wikidata slice) out of the garbage collector's full collections until the block ends.

    Each document graph is tens of thousands of new objects, which set off full collections; each
    walked the whole loaded heap again, two thirds of the time spent assembling a graph. Forked
    workers inherit the frozen heap. It is unfrozen afterwards, so that a process running several
    builds collects what one build left.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    tables: dict | None = None
    """When the generation's build left its writes in the database's log (a small change, not
    compacted: graph.store.LOG_BUDGET), the manifest of what its table files hold: the state it was
    copied from, which the next build copies and starts from."""

    def of_tables(self) -> Manifest:
        """The manifest of what the database's table files hold, from which a copy of them starts."""
        return Manifest(**self.tables) if self.tables is not None else self

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
        Manifest.read(folder.current).of_tables().fingerprint == fingerprint


def _start_from_base(generation: Generation, base: Manifest, now: Manifest) -> Manifest:
    """Keep, of the generation copied from the live one (whose tables hold `base`), what is still
    valid `now`; return what was kept.

    Document graphs made under the same extraction fingerprint are kept, and the ontology and
    reference graphs when their files are unchanged (then `static` is set); with both, the inferred
    graph too, from which `_reason` retracts what the documents that change supported. The links
    and the enrichment are kept to be updated in place; the build record is made anew.
    """
    documents = base.documents if base.fingerprint == now.fingerprint else {}
    static = base.static if base.static == now.static else None
    keep = {document_graph_iri(slug) for slug in documents} | {str(LINKS_GRAPH), str(ENRICHMENT_GRAPH)}
    keep |= {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)} if static else set()
    keep |= {str(INFERRED_GRAPH)} if static and documents else set()
    for name in generation.graph_names():
        if name not in keep:
            generation.remove_graph(name)
    return Manifest(now.fingerprint, static, documents, base.reasoner if static else {})


def _logged_graphs(base: Path, live: Manifest, previous: Manifest) -> dict[str, tuple[dict, Path]]:
    """The document graphs the live generation (at `base`) holds in its log rather than its tables,
    and still valid (made under the fingerprint the kept graphs have): their manifest entries and
    N-Quads files, by slug. The build loads them again rather than extracting them."""
    if live.tables is None or live.fingerprint != previous.fingerprint or previous.fingerprint is None:
        return {}
    files = {slug: _logged_file(base, slug) for slug in live.documents}
    return {slug: (entry, files[slug]) for slug, entry in live.documents.items()
            if previous.documents.get(slug) != entry and files[slug].is_file()}


def _logged_file(generation: Path, slug: str) -> Path:
    """Where a generation keeps the N-Quads of a document graph it loaded (see LOGGED_GRAPHS)."""
    return generation / LOGGED_GRAPHS / f"{slug}.nq"


def _static_checksum() -> str:
    """Of the files the ontology and reference graphs are loaded from."""
    digest = hashlib.sha256()
    for file in [ONTOLOGY_FILE, *reference_files()]:
        digest.update(f"{file.name}\0{file.stat().st_size}\0".encode() + file.read_bytes())
    return digest.hexdigest()


@dataclass
class Loading:
    """What became of the corpus' files: the result of `_load_documents`."""

    entries: dict[str, dict] = field(default_factory=dict)
    """The manifest entries (identifier, sha256, encoding) of the documents now in the generation, by slug."""
    records: list[InputRecord] = field(default_factory=list)
    """What became of each file, in the order it was decided."""
    read: set[str] = field(default_factory=set)
    """The slugs of the documents read (those of the previous build not among them are retired)."""

    def add(self, record: InputRecord, entry: dict | None, progress: Progress) -> None:
        self.records.append(record)
        if entry is not None:
            self.entries[document_slug(record.identifier)] = entry
        progress.document(record)


@dataclass(frozen=True)
class _Settled:
    """A file that needs no worker: `record` says why (it is unreadable, has another file's name, or
    is unchanged: then `kept` is the manifest entry of the graph the generation holds)."""

    record: InputRecord
    kept: dict | None = None


@dataclass(frozen=True)
class _Logged:
    """A document whose graph the live generation holds in its log, not its tables: loaded again
    from `file` (or extracted as `document`, if the file cannot be read)."""

    record: InputRecord
    file: Path
    document: Document


def _decide(path: Path, owner: Path, previous: dict[str, dict], logged: dict[str, tuple[dict, Path]],
            limit: int) -> Document | _Settled | _Logged:
    """What one file needs, decided from its bytes before any worker sees it: extraction (its Document),
    loading its graph from the live generation's log (`logged`), or nothing more. `owner` is the file
    that holds the document's name (the first in corpus order)."""
    try:
        data = read_bytes(path, limit)
    except IngestError as error:
        return _Settled(_unreadable(error))
    sha256 = hashlib.sha256(data).hexdigest()
    if owner != path:
        problem = IngestError(path, f"has the same name as {owner}; rename one of them")
        return _Settled(_unreadable(problem, sha256))
    slug = document_slug(path.name)
    kept = previous.get(slug)
    if kept is not None and kept["sha256"] == sha256 and kept["identifier"] == path.name:
        record = InputRecord(path.name, str(path), document_iri(slug), sha256, LOADED, encoding=kept["encoding"])
        return _Settled(record, kept)
    entry, file = logged.get(slug, ({}, None))
    if file is not None and entry["sha256"] == sha256 and entry["identifier"] == path.name:
        record = InputRecord(path.name, str(path), document_iri(slug), sha256, LOADED, encoding=entry["encoding"])
        return _Logged(record, file, Document(path, data))
    return Document(path, data)


def _decisions(files: Sequence[Path], previous: dict[str, dict], logged: dict[str, tuple[dict, Path]],
               limit: int) -> Iterator[Document | _Settled | _Logged]:
    """One decision per file, the largest files first, so that a long document does not start last
    and keep one worker busy while the others idle. Files are read one at a time, as they are needed."""
    owners: dict[str, Path] = {}  # of two files with one slug, the first in corpus order is the document
    for path in files:
        owners.setdefault(document_slug(path.name), path)
    for path in sorted(files, key=_size, reverse=True):
        yield _decide(path, owners[document_slug(path.name)], previous, logged, limit)


def _load_documents(workers: Executor, files: Sequence[Path], previous: dict[str, dict],
                    logged: dict[str, tuple[dict, Path]], limit: int, generation: Generation, progress: Progress,
                    meanwhile: Callable[[], None]) -> Loading:
    """Extract, validate and load every document that needs it; say what became of each file.

    `previous` holds the manifest entries of the document graphs the generation starts with; those of
    changed documents, and of documents gone, are retired. `logged` names the graphs to load again
    from the live generation's log (see _logged_graphs). `meanwhile` runs here while the workers
    have their first documents.
    """
    loading = Loading()
    batch = _Batch(generation)

    def replacing(document: Document) -> None:  # its graph is about to be made or loaded anew
        slug = document_slug(document.path.name)
        loading.read.add(slug)
        if slug in previous:
            generation.retire_graph(document_graph_iri(slug))

    def to_extract() -> Iterator[Document]:  # the files the workers need; the others are settled on the way
        reloads = []  # loaded here once the workers have their documents
        for decision in _decisions(files, previous, logged, limit):
            if isinstance(decision, _Settled):
                if decision.kept is not None:
                    loading.read.add(document_slug(decision.record.identifier))
                loading.add(decision.record, decision.kept, progress)
            elif isinstance(decision, _Logged):
                reloads.append(decision)
            else:
                replacing(decision)
                yield decision
        for reload in reloads:
            replacing(reload.document)
            graph = _read_logged(reload)
            if graph is None:
                yield reload.document
            else:
                loading.add(*_settle(Outcome(reload.record, nquads=graph), generation, batch), progress)
        batch.flush()  # while the workers are busy

    meanwhile_ran = False
    outcome: Outcome
    for _, outcome in workers.map(_extract_and_validate, to_extract()):
        if not meanwhile_ran:  # the workers have their first documents
            meanwhile_ran = True
            meanwhile()
        loading.add(*_settle(outcome, generation, batch), progress)
    batch.flush()
    if not meanwhile_ran:
        meanwhile()
    for slug in previous.keys() - loading.read:  # documents no longer in the corpus, or no longer readable
        generation.retire_graph(document_graph_iri(slug))
    return loading


def _read_logged(decision: _Logged) -> bytes | None:
    try:
        return decision.file.read_bytes()
    except OSError:
        return None  # gone since the decision: the document is extracted again


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
        self.generation, self.size = generation, 0
        self.parts: list[bytes] = []

    def add(self, nquads: bytes) -> None:
        self.parts.append(nquads)
        self.size += len(nquads)
        if self.size >= self.SIZE:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.generation.load_nquads(b"".join(self.parts))
        self.parts, self.size = [], 0


def _settle(outcome: Outcome, generation: Generation, batch: _Batch) -> tuple[InputRecord, dict | None]:
    """Load a worker's document graph, or keep its validation report; the file's record, and the
    manifest entry of its document graph when it loaded."""
    item = outcome.record
    if item.status == LOADED:
        batch.add(outcome.nquads)
        if generation.base is not None:  # kept for the next build in case this one's writes stay in the log
            file = _logged_file(generation.path, document_slug(item.identifier))
            file.parent.mkdir(exist_ok=True)
            file.write_bytes(outcome.nquads)
        return item, {"identifier": item.identifier, "sha256": item.sha256, "encoding": item.encoding}
    if item.status == QUARANTINED:
        base = generation.reports / document_slug(item.identifier)
        base.with_suffix(".txt").write_text(f"{item.path}\n\n{outcome.report_text}", encoding="utf-8")
        report = Graph().parse(data=outcome.report, format="nt")
        report.serialize(base.with_suffix(".ttl"), format="turtle")
        return InputRecord(item.identifier, item.path, item.document, item.sha256, item.status,
                           f"{item.problem}; full report: {base.with_suffix('.txt')}", report, item.encoding), None
    return item, None


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
        quads = to_quads(graph, document_graph_iri(source.slug))  # written to the store and read by validation
        outcome = validate_graph(graph, shapes, quads)
    except IngestError as error:
        return Outcome(_unreadable(error, sha256))
    except Exception as error:  # a bug in a component must cost one document, not the build
        problem = f"the pipeline failed on it ({type(error).__name__}: {error})"
        return Outcome(_unreadable(IngestError(document.path, problem), sha256))
    item = InputRecord(source.identifier, str(source.path), document_iri(source.slug), source.sha256, LOADED,
                       encoding=source.encoding)
    if outcome.conforms:
        return Outcome(item, nquads=nquads(quads))
    quarantined = InputRecord(item.identifier, item.path, item.document, item.sha256, QUARANTINED,
                              _violations(outcome), encoding=item.encoding)
    return Outcome(quarantined, report=outcome.report.serialize(format="nt"), report_text=outcome.text)


def _unreadable(error: IngestError, sha256: str | None = None) -> InputRecord:
    return InputRecord(error.path.name, str(error.path), None, sha256, UNREADABLE, error.problem)


def _violations(outcome: ValidationOutcome, shown: int = 2) -> str:
    messages = sorted({str(m) for m in outcome.report.objects(None, SH.resultMessage)})
    more = f" (+{len(messages) - shown} more)" if len(messages) > shown else ""
    return f"violates {outcome.violations} shape constraint(s): " + "; ".join(messages[:shown]) + more


def _reason(generation: Generation, request: consistency.Request, record: BuildRecord,
            progress: Progress) -> consistency.Outcome:
    """Reasoning over the generation (graph.consistency), its verdict noted in `record`; BuildFailed
    when the entities are inconsistent or a required reasoner cannot run."""
    try:
        outcome = consistency.reason_over(generation, request)
    except consistency.ReasonerRequired as error:
        raise BuildFailed(f"the reasoner is required but cannot run: {error}") from None
    except consistency.Inconsistent as error:
        raise BuildFailed(f"the ontology and the extracted entities are inconsistent (HermiT): {error}") from None
    for warning in outcome.warnings:
        progress.warn(warning)
    if outcome.consistent is not None:
        record.consistent = outcome.consistent
    if outcome.seconds is not None:
        record.reasoner_seconds = outcome.seconds
    record.reasoner_note = "\n".join([record.reasoner_note, *outcome.notes] if record.reasoner_note else outcome.notes)
    return outcome


def _first_problems(inputs: list[InputRecord], limit: int = 3) -> str:
    problems = [f"{item.identifier}: {item.problem}" for item in inputs if item.problem][:limit]
    return "; ".join(problems) or "nothing was extracted"


def validate_corpus(corpus: Iterable[Path], jobs: int = 1) -> list[InputRecord]:
    """Extract and validate texts without touching any store (a dry run of `build`); a record per file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "port.txt").write_text("China funds a dry port in Kazakhstan.", encoding="utf-8")
    >>> _ = (folder / "empty.txt").write_bytes(b"")
    >>> sorted((record.identifier, record.status) for record in validate_corpus([folder]))
    [('empty.txt', 'Unreadable'), ('port.txt', 'Loaded')]
    """
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
    shapes = load_shapes()
    with _long_lived(), _executor("local", (None, shapes), jobs, None) as workers:
        outcomes: Iterator[tuple[Document, Outcome]] = workers.map(_extract_and_validate, readable())
        records += [outcome.record for _, outcome in outcomes]
    return records


def validate_store(folder: StoreFolder) -> list[InputRecord]:
    """Validate every document graph of the live store against the shapes, as the build did.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> note = folder / "pipeline.txt"
    >>> _ = note.write_text("Russia and Turkmenistan discussed a gas pipeline.", encoding="utf-8")
    >>> _ = build([note], folder / "store", BuildOptions(reasoner="off"))
    >>> [(record.identifier, record.status) for record in validate_store(StoreFolder(folder / "store"))]
    [('pipeline.txt', 'Loaded')]
    """
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

