"""The on-disk Oxigraph store, built beside the live one and swapped in only when complete.

A store folder holds generations of an Oxigraph database and a symbolic link `current` naming
the live one:

    STORE/
      current -> generations/20261122T160401Z-4242
      generations/20261122T160401Z-4242/oxigraph/    the database
      generations/20261122T160401Z-4242/reports/     validation reports of that build
      build.lock                                     held by the build that is running
      cache/                                         the ontology and reference files as loaded, by content

A build writes a new generation, then replaces `current` with one atomic rename, so a failed or
killed build never touches what readers see. A lock file keeps two builds off one folder. A new
generation can start as a copy of the live one (its table files hard-linked, made in moments), for
a build that replaces only what changed.

Compaction rewrites the whole database, so that reads look in one table file per index; without
it, the named queries run 1.2x slower after a build. A build that changes little skips it: its
writes are transactions, which stay in the database's write-ahead log (replayed into memory when
the database opens) rather than in new table files, and reads are as fast as after a compaction.
The next build copies the table files alone, which still hold what the generation was copied
from, and redoes that change with its own (the build driver keeps the manifest of what the tables
hold); when the changes since the last compaction outgrow the log's budget, it compacts.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pyoxigraph as ox

from eurasia_kg.graph.oxtypes import serialized

if TYPE_CHECKING:  # rdflib is imported where a graph is built, so that reading a store does not load it
    from rdflib import Graph

CURRENT = "current"
PREVIOUS = "previous"
GENERATIONS = "generations"
LOCK = "build.lock"
DATABASE = "oxigraph"
REPORTS = "reports"
CACHE = "cache"  # in a store folder: the ontology and reference graphs as loaded, by their files' contents
LOG_BUDGET = 30_000
"""Quads a generation copied from another may write or remove through its write-ahead log; beyond
it, writes go in bulk to table files and the generation is compacted. About 1 KB of log per quad:
reopening replays the log, a few milliseconds per megabyte."""


class StoreError(Exception):
    """A store folder that cannot be used as asked; the message says why and what to do."""


@dataclass
class Generation:
    """One build's database, open for writing until the build ends."""

    path: Path
    store: ox.Store
    base: Path | None = None  # the generation this one started as a copy of
    retired: ox.Store = field(default_factory=ox.Store)  # in memory: the quads `retire_graph` took out
    cache: Path | None = None  # where load_turtles keeps what it parsed, for the next build
    log_budget: int = 0  # quads still to be written through the log (LOG_BUDGET for a copy, 0 for a new store)
    tables: frozenset[str] = frozenset()  # the database's table files when the build began

    def wrote_tables(self) -> bool:
        """Whether the database has table files it began without (bulk writes, or a log that grew too large)."""
        return _table_files(self.path / DATABASE) != self.tables

    def _through_log(self, quads: int) -> bool:
        """Whether `quads` more go through the log, within the budget; once it is spent, writes go in bulk."""
        if quads > self.log_budget:
            self.log_budget = 0
            return False
        self.log_budget -= quads
        return True

    @property
    def reports(self) -> Path:
        folder = self.path / REPORTS
        folder.mkdir(exist_ok=True)
        return folder

    def add_graph(self, graph: Graph, graph_iri: str) -> None:
        self.extend(to_quads(graph, graph_iri))

    def extend(self, quads: list[ox.Quad]) -> None:
        """Add quads: through the log while the budget lasts, else in bulk."""
        if self._through_log(len(quads)):
            self.store.extend(quads)
        else:
            self.store.bulk_extend(quads)

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads that Oxigraph wrote (document graphs serialised by worker processes): through
        the log while the budget lasts, else in bulk. Oxigraph's own output is valid, so the parser
        skips checking IRIs and language tags again (`lenient`: a seventh less time).

        A bulk load is not one transaction: a generation is thrown away whole when its build fails.
        """
        if self._through_log(data.count(b"\n")):
            self.store.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs the generation holds."""
        return [graph.value for graph in self.store.named_graphs() if isinstance(graph, ox.NamedNode)]

    def remove_graph(self, graph_iri: str) -> None:
        graph = ox.NamedNode(graph_iri)
        self._through_log(sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph)))
        self.store.remove_graph(graph)

    def retire_graph(self, graph_iri: str) -> None:
        """Remove a graph, keeping its quads in `retired`, so that what they supported can be retracted."""
        graph = ox.NamedNode(graph_iri)
        quads = list(self.store.quads_for_pattern(None, None, None, graph))
        self._through_log(len(quads))  # a removal is a transaction: it always goes through the log
        self.retired.bulk_extend(quads)
        self.store.remove_graph(graph)

    def load_turtle(self, path: Path, graph_iri: str) -> None:
        """Load a Turtle file into the graph `graph_iri`: load_turtles with one file."""
        self.load_turtles([(path, graph_iri)])

    def load_turtles(self, files: Iterable[tuple[Path, str]]) -> None:
        """Load Turtle files, each into its graph, their blank nodes labelled canonically so that dumps
        stay byte-stable; in one bulk load (each costs tens of milliseconds on disk, however small).

        (Oxigraph labels parsed blank nodes at random; the ontology's owl:unionOf lists have some.)

        What a file parsed to is kept in `cache`, under the sha256 of its bytes and the graph's IRI,
        so that the next build with the same file loads it without parsing and canonicalising it
        again; a changed file has another key, and is parsed.
        """
        quads: list[ox.Quad] = []
        for path, graph_iri in files:
            quads += self._parsed_turtle(path, graph_iri)
        self.extend(quads)

    def _parsed_turtle(self, path: Path, graph_iri: str) -> list[ox.Quad]:
        from rdflib import Graph
        from rdflib.compare import to_canonical_graph

        data = path.read_bytes()
        entry = self._cache_entry(path, graph_iri, data)
        if entry is not None and entry.is_file():
            try:
                return list(ox.parse(entry.read_bytes(), format=ox.RdfFormat.N_QUADS))
            except (OSError, SyntaxError, ValueError):
                pass  # a damaged entry is made again
        quads = list(to_quads(to_canonical_graph(Graph().parse(path, format="turtle")), graph_iri))
        if entry is not None and path.read_bytes() == data:  # not changed while it was parsed
            _keep(entry, serialized(quads, ox.RdfFormat.N_QUADS))
        return quads

    def _cache_entry(self, path: Path, graph_iri: str, data: bytes) -> Path | None:
        if self.cache is None:
            return None
        key = hashlib.sha256(graph_iri.encode() + b"\0" + data).hexdigest()
        return self.cache / f"{path.stem}-{key}.nq"


class StoreFolder:
    """A folder of store generations with one live `current` generation.

    A generation is filled in `building()` and goes live when the block ends without an error;
    `open()` reads the live one:

    >>> import tempfile
    >>> from rdflib import Graph
    >>> folder = StoreFolder(Path(tempfile.mkdtemp()) / "store")
    >>> folder.current is None
    True
    >>> with folder.building() as generation:
    ...     facts = Graph().parse(data="<urn:ex:astana> <urn:ex:capitalOf> <urn:ex:kazakhstan> .", format="nt")
    ...     generation.add_graph(facts, "urn:ex:facts")
    >>> len(folder.open()), folder.current.parent.name
    (1, 'generations')
    >>> with folder.building():
    ...     raise RuntimeError("a failed build")
    Traceback (most recent call last):
    RuntimeError: a failed build
    >>> len(folder.open())
    1
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def current(self) -> Path | None:
        """The live generation's folder, or None before the first successful build."""
        link = self.root / CURRENT
        return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None

    def database(self) -> Path:
        """Path of the live Oxigraph database; StoreError when there is none yet."""
        if self.current is None and self._holds_other_files():
            raise StoreError(
                f"{self.root}: this folder is not an eurasia-kg store (it holds other files); to build a store from "
                f"the texts in it: `eurasia-kg build {self.root} --store NEW_FOLDER`, then query with --store NEW_FOLDER"
            )
        if self.current is None:
            raise StoreError(f"{self.root}: no store here yet; build one with `eurasia-kg build --store {self.root}`")
        return self.current / DATABASE

    def open(self) -> ox.Store:
        """The live store, read-only (safe beside a running build, which writes elsewhere)."""
        return ox.Store.read_only(str(self.database()))

    @contextmanager
    def building(self, from_current: bool = False) -> Iterator[Generation]:
        """A new generation to fill; made live when the block ends normally, removed otherwise.

        With `from_current`, the generation starts as a copy of the live one's table files, when
        there is one (its `base` then names the live generation's folder). They hold all of it when
        its build compacted, and else what it was copied from: its own writes are in its log.
        The generation is compacted when the block ends if it wrote table files (see LOG_BUDGET).
        """
        self._check_is_store_folder()
        with self._lock():
            self._remove_abandoned()
            path = self.root / GENERATIONS / _generation_name()
            path.mkdir(parents=True)
            base = self.current if from_current else None
            try:
                if base is not None:
                    copy_database(base / DATABASE, path / DATABASE, log=False)
                database = ox.Store(str(path / DATABASE))
                # after opening: Oxigraph may write a small table then (it sets up its graph names once)
                generation = Generation(path, database, base, cache=self.root / CACHE,
                                        log_budget=LOG_BUDGET if base is not None else 0,
                                        tables=_table_files(path / DATABASE))
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            try:
                yield generation
                if generation.wrote_tables():  # else every write is in the log, and reads are as fast as now
                    generation.store.flush()
                    generation.store.optimize()
            except BaseException:
                _close(generation)
                shutil.rmtree(path, ignore_errors=True)
                raise
            _close(generation)
            _make_durable(path)
            self._make_current(path)

    def _check_is_store_folder(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: is a file, not a store folder; choose another --store")
        if self._holds_other_files():
            raise StoreError(
                f"{self.root}: this folder holds other files and is not an eurasia-kg store; "
                "choose an empty or new folder for --store"
            )

    def _holds_other_files(self) -> bool:
        """A folder with files of its own and no generations: not a store (e.g. a folder of texts)."""
        # the lock file alone is a store being started by a build that holds it: the lock then answers
        foreign = self.root.is_dir() and any(entry.name != LOCK for entry in self.root.iterdir())
        return foreign and not (self.root / GENERATIONS).is_dir()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another process"
                raise StoreError(
                    f"{self.root}: another build is running on this store ({holder}); "
                    "wait for it to finish, or use another --store"
                ) from None
            lock.seek(0)
            lock.truncate()
            lock.write(f"pid {os.getpid()}")
            lock.flush()
            try:
                yield
            finally:
                lock.truncate(0)

    def _make_current(self, path: Path) -> None:
        old = self.current
        _replace_link(self.root / CURRENT, path)
        if old is not None:
            _replace_link(self.root / PREVIOUS, old)
        self._remove_abandoned()

    def _remove_abandoned(self) -> None:
        """Delete generations that are neither current nor previous (e.g. left by a killed build)."""
        keep = {self.current, _resolved(self.root / PREVIOUS)}
        for path in sorted((self.root / GENERATIONS).glob("*")) if (self.root / GENERATIONS).is_dir() else ():
            if path.resolve() not in keep:
                shutil.rmtree(path, ignore_errors=True)


def copy_database(source: Path, target: Path, log: bool = True) -> None:
    """Copy a closed Oxigraph database, or one open read-only: its table files hard-linked (they are
    never changed, only deleted), the rest (the manifest, the write-ahead log) copied. Without
    `log`, the copy holds what the table files hold, without the writes since they were made.

    pyoxigraph's `backup()` of a database opened read-only leaves out what is only in its log.
    """
    target.mkdir(parents=True)
    for file in source.iterdir():
        if file.name == "LOCK" or file.name.startswith("LOG") or not file.is_file():
            continue  # the lock and the informational logs belong to the open database, not to its contents
        if file.suffix == ".log" and not log:
            continue
        if file.suffix == ".sst":
            os.link(file, target / file.name)
        else:
            shutil.copy2(file, target / file.name)


def _table_files(database: Path) -> frozenset[str]:
    return frozenset(file.name for file in database.glob("*.sst")) if database.is_dir() else frozenset()


def _make_durable(folder: Path) -> None:
    """Write a closed generation's files and folders to disk before it goes live (RocksDB syncs the
    table files it writes, but not the write-ahead log; the build's own files are not synced either)."""
    for path in [folder, *folder.rglob("*")]:
        if path.suffix != ".sst" and (path.is_file() or path.is_dir()):
            _sync(path)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _keep(entry: Path, data: bytes) -> None:
    """Write a cache entry in one rename, replacing the entries of earlier versions of its file."""
    entry.parent.mkdir(exist_ok=True)
    file = entry.name.rsplit("-", 1)[0]
    for older in entry.parent.glob("*.nq"):
        if older.name.rsplit("-", 1)[0] == file:
            older.unlink(missing_ok=True)
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, entry)


def _generation_name() -> str:
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}-{os.getpid()}"


def _replace_link(link: Path, target: Path) -> None:
    """Point `link` at `target` in one atomic rename, then make the rename durable."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), temporary)
    os.replace(temporary, link)
    _sync(link.parent)


def _resolved(link: Path) -> Path | None:
    return link.resolve() if link.is_symlink() else None


def _close(generation: Generation) -> None:
    # pyoxigraph closes a database when its Store object is freed; nothing else may hold it.
    generation.store = None  # type: ignore[assignment]
    gc.collect()


def replace_graph(store: ox.Store, quads: Iterable[ox.Quad], graph_iri: str) -> None:
    """Make a graph hold exactly `quads` (all in it), writing only the quads that differ.

    A rebuild mostly writes the same links and facts again; leaving them in place spares the
    database deletions that slow its reads until it is compacted. The quads are added in one
    transaction, not by the bulk loader, whose files cost tens of milliseconds however few the
    quads (a few thousand at most here: five times faster so), and would force a compaction.
    """
    wanted = set(quads)
    held = set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))
    remove_quads(store, held - wanted)
    store.extend(wanted - held)


def remove_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    r"""Remove quads from a store in one update (one transaction), however many.

    `Store.remove` commits a transaction per quad: in a build, beside the reasoning thread, a
    hundred of them took a fifth of a second. SPARQL's DELETE DATA cannot name blank nodes (nor
    RDF-star triples), so quads holding one are removed one by one.

    >>> store = ox.Store()
    >>> quads = [ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"),
    ...                  ox.Literal('say "hi"\n', language="en"), ox.NamedNode("http://example.org/g")),
    ...          ox.Quad(ox.BlankNode(), ox.NamedNode("http://example.org/p"), ox.Literal("1")),
    ...          ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("2"))]
    >>> store.extend(quads)
    >>> remove_quads(store, quads[:2])
    >>> [quad.object.value for quad in store]
    ['2']
    """
    ground: list[ox.Quad] = []
    others: list[ox.Quad] = []
    for quad in quads:
        (ground if _sparql_data_term(quad) else others).append(quad)
    if ground:
        store.update("DELETE DATA { " + " ".join(_data_block(quad) for quad in ground) + " }")
    for quad in others:
        store.remove(quad)


def _sparql_data_term(quad: ox.Quad) -> bool:
    """Whether every term of the quad may be written in a SPARQL DELETE DATA block."""
    return not any(isinstance(term, (ox.BlankNode, ox.Triple)) for term in (quad.subject, quad.object, quad.graph_name))


def _data_block(quad: ox.Quad) -> str:
    """The quad in SPARQL's syntax for data (pyoxigraph writes terms as N-Triples, which SPARQL reads)."""
    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    return triple if isinstance(quad.graph_name, ox.DefaultGraph) else f"GRAPH {quad.graph_name} {{ {triple} }}"


def named_graph(store: ox.Store, name: str) -> Graph:
    """One named graph of a store, as an rdflib Graph (for pyshacl, which reads rdflib)."""
    from rdflib import Graph

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    return Graph().parse(data=data, format="nt")


def to_quads(graph: Graph, graph_iri: str | None) -> list[ox.Quad]:
    """The triples of an rdflib graph as Oxigraph quads in the named graph `graph_iri` (None: the default graph)."""
    name = ox.NamedNode(graph_iri) if graph_iri else ox.DefaultGraph()
    term = _oxigraph_term_of()
    return [ox.Quad(term(s), term(p), term(o), name) for s, p, o in graph]


def oxigraph_term(node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the same Oxigraph term."""
    return _oxigraph_term_of()(node)


@cache
def _oxigraph_term_of():
    """The conversion of rdflib terms, made once rdflib is imported (commands that only query never do).

    It dispatches on the exact type first: a document graph has tens of thousands of terms, and
    isinstance checks were a measurable part of writing one.
    """
    from rdflib import BNode, Literal, URIRef

    def term(node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        kind = type(node)
        if kind is URIRef:
            return ox.NamedNode(node)
        if kind is Literal:
            if node.language:
                return ox.Literal(node, language=node.language)
            if node.datatype:
                return ox.Literal(node, datatype=ox.NamedNode(node.datatype))
            return ox.Literal(node)
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        if isinstance(node, Literal):
            return term(Literal(str(node), lang=node.language, datatype=node.datatype))
        raise TypeError(f"not an RDF term: {node!r}")

    return term


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
    """An Oxigraph term as the same rdflib term (a plain literal for an xsd:string, as rdflib writes it)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"no rdflib term for an RDF-star triple: {term}")


def to_nquads(graph: Graph, graph_iri: str) -> bytes:
    """The triples of an rdflib graph as N-Quads in the named graph `graph_iri`, as Oxigraph writes them."""
    return nquads(to_quads(graph, graph_iri))


def nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Quads as N-Quads, as Oxigraph writes them."""
    return serialized(quads, ox.RdfFormat.N_QUADS)
