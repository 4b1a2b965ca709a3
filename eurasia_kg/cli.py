"""The `eurasia-kg` command: build, validate, query, export and serve the knowledge graph.

Exit codes: 0 success; 1 failure (for `build`: the previous store is untouched); 2 wrong usage;
3 a build that loaded some documents but not all (quarantined or unreadable ones are listed).

Each command imports what it uses inside its body: `query`, `export` and `serve` only read a built
store, and must not pay for spaCy, pyshacl or owlready2 at start-up (tests/test_cli_startup.py).
"""

from __future__ import annotations

import sys
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from eurasia_kg import __version__
from eurasia_kg.graph.federation import ENDPOINT_ENV
from eurasia_kg.namespaces import BASE, GRAPH
from eurasia_kg.queries import QUERIES_DIR

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rich.console import Console
    from rich.progress import TaskID

    from eurasia_kg.graph import query as queries
    from eurasia_kg.graph.provenance import InputRecord

EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3
DEFAULT_MAX_FILE_MB = 4.0  # pipeline.ingest.MAX_FILE_BYTES, in MB (a test keeps the two equal)
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"  # graph.void.DEFAULT_LICENSE (a test keeps them equal)


class Reasoner(str, Enum):
    """build --reasoner (eurasia_kg.build.REASONER_MODES)."""

    auto = "auto"
    require = "require"
    off = "off"


class Executor(str, Enum):
    """build --executor (eurasia_kg.workers.EXECUTORS)."""

    local = "local"
    dask = "dask"


class TableFormat(str, Enum):
    """query --format."""

    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class RdfFormat(str, Enum):
    """export --format (eurasia_kg.graph.export.FORMATS)."""

    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


app = typer.Typer(
    help=(
        "Turn analysis texts on China, Russia and Central Asia into a validated RDF knowledge graph, "
        "then query, serve and export it.\n\n"
        "Start with `eurasia-kg build` (the embedded sample corpus) or `eurasia-kg build MY_TEXTS/`, "
        "then `eurasia-kg query --list` and `eurasia-kg serve`."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: quick to print (no rich), and the same text on a terminal or piped
    context_settings={"help_option_names": ["-h", "--help"]},
)

StoreOption = typer.Option(
    Path("eurasia-kg-store"), "--store", envvar="EURASIA_KG_STORE", help="Store folder.", show_default=True,
    metavar="FOLDER",
)


@cache
def _console(stderr: bool) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=True)  # long lines stay whole when piped, for grep and logs


def out() -> Console:
    return _console(False)


def err() -> Console:
    return _console(True)


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    from rich.markup import escape

    err().print(f"[bold red]error:[/] {escape(message)}", highlight=False)  # a value quoted in it stays as typed
    return typer.Exit(code)


def version_callback(value: bool) -> None:
    if value:
        print(f"eurasia-kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Print the version."),
) -> None:
    """Global options."""


class RichProgress:
    """Build progress as a bar on a terminal; nothing when output is piped."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err(), disable=not err().is_terminal, transient=True,
        )
        self.task: TaskID | None = None  # made when the build begins

    def begin(self, total: int) -> None:
        self.task = self.bar.add_task("extracting", total=total)

    def document(self, record: InputRecord) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, description=f"extracting {record.identifier[:40]}")

    def stage(self, name: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, description=name)

    def warn(self, message: str) -> None:
        err().print(f"[yellow]warning:[/] {message}", highlight=False)


@app.command("build")
def build_command(
    corpus: Optional[List[Path]] = typer.Argument(
        None, metavar="TEXTS", show_default=False,
        help="Text files or folders (.txt, .md, .html, .htm). Default: the embedded sample corpus.",
    ),
    store: Path = StoreOption,
    reasoner: Reasoner = typer.Option(
        Reasoner.auto, help="HermiT consistency check: auto (skip with a warning when Java is missing), require, off."
    ),
    wikidata_slice: Optional[Path] = typer.Option(
        None, "--wikidata-slice", envvar="EURASIA_KG_WIKIDATA_SLICE", show_default=False, metavar="FILE",
        help="The Wikidata extract to link and enrich against (TriG). Default: the bundled slice.",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, metavar="N", help="Documents extracted and validated at once (worker processes)."),
    executor: Executor = typer.Option(
        Executor.local, help="Where documents are extracted: local (this machine) or dask (a Dask cluster; see --scheduler)."
    ),
    scheduler: Optional[str] = typer.Option(
        None, envvar="EURASIA_KG_DASK_SCHEDULER", show_default=False, metavar="ADDRESS",
        help="Dask scheduler address (tcp://HOST:8786) for --executor dask. Default: a local cluster of --jobs workers.",
    ),
    full: bool = typer.Option(
        False, "--full", help="Extract every document again, even those unchanged since the live build (by checksum)."
    ),
    max_file_mb: float = typer.Option(
        DEFAULT_MAX_FILE_MB, "--max-file-mb", min=0, metavar="MB", help="Larger files are reported and skipped, not read."
    ),
) -> None:
    """Build the knowledge graph from texts into the store.

    Each document is read, its entities recognised and linked, its graph validated with SHACL (a
    failing document is quarantined with a report; the rest load), checked with HermiT and loaded into
    a new Oxigraph store beside the old one. The new store goes live only when the build succeeds.

    Only new and changed documents are extracted again: the others keep their graphs from the live
    store (recognised by checksum); what depends on the whole corpus is always redone.

    Exit code 0: every document loaded; 3: some quarantined or unreadable; 1: build failed, old store kept.
    """
    from eurasia_kg.build import BuildFailed, BuildOptions, build
    from eurasia_kg.corpus import CORPUS_DIR
    from eurasia_kg.graph.linking.slice import SLICE_FILE
    from eurasia_kg.graph.provenance import LOADED
    from eurasia_kg.graph.store import StoreError

    sources = corpus or [CORPUS_DIR]
    progress = RichProgress()
    try:
        with progress.bar:
            options = BuildOptions(reasoner=reasoner.value, wikidata_slice=wikidata_slice or SLICE_FILE, jobs=jobs,
                                   executor=executor.value, scheduler=scheduler, full=full,
                                   max_file_bytes=int(max_file_mb * 2**20))
            summary = build(sources, store, options, progress)
    except (BuildFailed, StoreError) as error:
        raise fail(f"{error}\nThe previous store (if any) is unchanged.") from None
    counts = summary.record.counts()
    out().print(
        f"Built [bold]{store}[/]: {counts['Loaded']} document(s) loaded, {counts['Quarantined']} quarantined, "
        f"{counts['Unreadable']} unreadable; {summary.quads:,} quads in {summary.seconds:.1f} s"
        + (f" ({summary.reused} unchanged document(s) kept from the previous build)." if summary.reused else "."),
        highlight=False,
    )
    if summary.linking is not None:
        linking = summary.linking
        out().print(
            f"The documents mention {len(linking.mentioned)} entities, {linking.mentioned_with_wikidata} of them "
            f"linked to Wikidata ({len(linking.linked)} by the linker); "
            f"{len(linking.candidates) + len(linking.unmatched)} left for curation "
            f"(`eurasia-kg query unlinked`); {linking.enrichment_facts:,} facts in graph:enrichment.",
            highlight=False,
        )
    for item in summary.record.inputs:
        if item.status != LOADED:
            out().print(f"  [yellow]{item.status.lower()}[/] {item.path}: {item.problem}", highlight=False, soft_wrap=True)
        elif item.encoding != "utf-8":
            out().print(f"  [dim]note[/] {item.path}: not UTF-8, read as {item.encoding}", highlight=False)
    if not summary.complete:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("validate")
def validate_command(
    corpus: Optional[List[Path]] = typer.Argument(
        None, metavar="TEXTS", help="Validate these texts without storing anything. Default: validate the live store.",
        show_default=False,
    ),
    store: Path = StoreOption,
) -> None:
    """Check document graphs against the SHACL shapes (`build` also runs HermiT across documents).

    With texts: extract and validate them, store untouched (a dry run of `build`). Without: validate
    every document graph in the live store. Exit code 0 when everything conforms, 1 otherwise.
    """
    from eurasia_kg.build import BuildFailed, validate_corpus, validate_store
    from eurasia_kg.graph.provenance import LOADED
    from eurasia_kg.graph.store import StoreError, StoreFolder

    try:
        records = validate_corpus(corpus) if corpus else validate_store(StoreFolder(store))
    except (BuildFailed, StoreError) as error:
        raise fail(str(error)) from None
    bad = [r for r in records if r.status != LOADED]
    for record in records:
        mark = "[green]ok[/]" if record.status == LOADED else f"[red]{record.status.lower()}[/]"
        out().print(f"{mark} {record.identifier}" + (f": {record.problem}" if record.problem else ""), highlight=False)
    out().print(f"{len(records) - len(bad)} of {len(records)} conform.")
    if bad:
        raise typer.Exit(EXIT_FAILED)


@app.command("query")
def query_command(
    name: Optional[str] = typer.Argument(None, metavar="NAME|FILE.rq", help="A named query (see --list) or a path to a .rq file."),
    param: Optional[List[str]] = typer.Option(
        None, "--param", "-p", metavar="NAME=VALUE",
        help="A parameter as name=value (repeatable). An entity may be named by slug, IRI, label or alias.",
    ),
    format: Optional[TableFormat] = typer.Option(
        None, "--format", "-f", show_default=False, case_sensitive=False,
        help="Default: table on a terminal, csv when piped.",
    ),
    list_: bool = typer.Option(
        False, "--list", help="List the named queries: name and title, or everything they declare with --format."
    ),
    store: Path = StoreOption,
) -> None:
    """Answer a question from the query library, or run your own SPARQL file.

    Queries see the union of all named graphs. Parameters are bound as RDF terms, never pasted into the
    query text. Example: `eurasia-kg query mentions --param entity=china --format csv`. From Python:
    `from eurasia_kg import ask; ask("mentions", store="eurasia-kg-store", entity="china")`.
    """
    if list_ or not name:
        _list_queries(format)
        return
    from eurasia_kg import answers
    from eurasia_kg.graph import query as queries
    from eurasia_kg.graph.store import StoreError, StoreFolder

    chosen = format or (TableFormat.table if _is_terminal() else TableFormat.csv)
    values = dict(_split_param(p) for p in param or [])
    try:
        result = answers.answer(StoreFolder(store).open(), name, values)
    except queries.QueryError as error:
        raise fail(str(error), EXIT_USAGE) from None
    except StoreError as error:
        raise fail(str(error)) from None
    except OSError as error:  # a SERVICE call that failed: offline, or the endpoint is down
        raise fail(f"a remote SPARQL endpoint could not answer ({error}); are you online?") from None
    if chosen is TableFormat.table:
        _print_table(result.query.title, result.columns, result.rows)
    else:
        _write_rows(chosen, result.columns, result.rows)


def _write_rows(format: TableFormat, columns: list[str], rows: list[list[str]]) -> None:
    """Rows as CSV, JSON or Markdown on standard output."""
    from eurasia_kg.graph import query as queries

    render = {TableFormat.csv: queries.to_csv, TableFormat.json: queries.to_json, TableFormat.markdown: queries.to_markdown}
    sys.stdout.write(render[format](columns, rows))


def _is_terminal() -> bool:
    """Whether standard output is a terminal (a reader) rather than a pipe or a file (a program)."""
    return sys.stdout.isatty()


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise fail(f"--param takes name=value, not {text!r}", EXIT_USAGE)
    return name.strip(), value


def _list_queries(format: Optional[TableFormat]) -> None:
    """Name and title, one query a line (for a terminal); every declared detail with --format."""
    from eurasia_kg.graph import query as queries

    library = queries.library(QUERIES_DIR).values()
    if format is None or format is TableFormat.table:
        width = max(len(named.name) for named in library)
        sys.stdout.write("".join(f"{named.name:<{width}}  {named.title}\n" for named in library))
        if _is_terminal():
            sys.stdout.write("\n`eurasia-kg query --list -f markdown` shows their parameters and columns too.\n")
        return
    columns = ["name", "title", "description", "parameters", "columns"]
    rows = [[named.name, named.title, named.description, "; ".join(_describe(p) for p in named.parameters),
             " ".join(named.columns)] for named in library]
    _write_rows(format, columns, rows)


def _describe(parameter: queries.Parameter) -> str:
    kind = "|".join(parameter.choices) if parameter.choices else parameter.kind
    if parameter.default is not None:
        kind += f", default {parameter.default}"
    elif parameter.optional:
        kind += ", optional"
    return f"{parameter.name} ({kind}): {parameter.description}"


def _print_table(title: str, columns: list[str], table: list[list[str]]) -> None:
    """A table for a reader: an IRI column with a label column beside it shows as the label; other
    IRIs are shortened to prefixed names (ent:china); long cells wrap instead of being cut."""
    from rich.table import Table

    from eurasia_kg.namespaces import PREFIXES

    labels = _label_columns(columns, table)
    shown = [index for index, column in enumerate(columns) if column not in labels]
    view = Table(*(columns[index] for index in shown), title=f"{title} ({len(table)} rows)")
    for column in view.columns:
        column.overflow = "fold"
    for row in table:
        cells = dict(zip(columns, row))
        for iri_column, label_column in labels.items():  # an empty label falls back to the IRI
            cells[label_column] = cells[label_column] or cells[iri_column]
        view.add_row(*(_compact(cells[columns[index]], PREFIXES) for index in shown))
    out().print(view, soft_wrap=False)


def _label_columns(columns: list[str], table: list[list[str]]) -> dict[str, str]:
    """IRI column -> the column that labels it: `xLabel` labels `x`; `label` labels the column before it."""
    pairs = {column: f"{column}Label" for column in columns if f"{column}Label" in columns}
    if "label" in columns and columns.index("label") > 0:
        pairs.setdefault(columns[columns.index("label") - 1], "label")
    iri_like = {column for index, column in enumerate(columns)
                if all("://" in row[index] or not row[index] for row in table)}
    return {column: label for column, label in pairs.items() if column in iri_like}


def _compact(value: str, prefixes: dict[str, str]) -> str:
    for prefix, namespace in prefixes.items():
        if value.startswith(namespace) and "/" not in value[len(namespace):]:
            return f"{prefix}:{value[len(namespace):]}"
    return value


@app.command("export")
def export_command(
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", show_default=False, metavar="FILE",
        help="File to write (ending in .gz: compressed); `-` for standard output. Default: standard output when it "
        "is piped.",
    ),
    format: RdfFormat = typer.Option(RdfFormat.turtle, "--format", "-f", case_sensitive=False),
    graph: Optional[str] = typer.Option(
        None, metavar="NAME", help="Only one named graph: ontology, reference, links, enrichment, inferred, build, doc/SLUG, or a full graph IRI."
    ),
    gzip: bool = typer.Option(False, "--gzip", help="Compress with gzip (byte-stable: no time stamp)."),
    release: Optional[Path] = typer.Option(
        None, "--release", metavar="FOLDER", help="Write a release into this folder: the dataset in every format, one Turtle file "
        "per named graph, the JSON-LD context and void.ttl, a VoID/DCAT description of every dump.",
    ),
    license: str = typer.Option(DEFAULT_LICENSE, metavar="IRI", help="Licence IRI stated in the description of a release."),
    store: Path = StoreOption,
) -> None:
    """Write the store (or one graph) to a file or standard output: Turtle, TriG, N-Quads or JSON-LD; or a whole release.

    Dumps are sorted and deterministic: the same input gives the same bytes (except in the build
    graph, which says when and how each build ran), so dumps of two builds diff cleanly. Turtle has no named graphs, so a
    whole-store Turtle dump merges them; use TriG or N-Quads to keep them. JSON-LD is compacted
    against an inline context of the project's prefixes. Example: `eurasia-kg export -f nquads | gzip > kg.nq.gz`.
    """
    from eurasia_kg.graph import export as exporter
    from eurasia_kg.graph.store import StoreError, StoreFolder

    to_stdout = output == Path("-") or (output is None and release is None and not _is_terminal())
    if output is not None and release is not None:
        raise fail("give either --output FILE or --release FOLDER, not both", EXIT_USAGE)
    if output is None and release is None and not to_stdout:
        raise fail("give --output FILE (`-o -` for standard output) or --release FOLDER", EXIT_USAGE)
    graph_iri = graph if graph is None or "://" in graph else f"{GRAPH}{graph}"
    try:
        live = StoreFolder(store).open()
        if release is not None:
            _write_release(live, release, gzip, license)
            return
        if to_stdout:
            statements = exporter.export_to(live, format.value, sys.stdout.buffer, graph_iri, gzip)
            sys.stdout.flush()
            err().print(f"Wrote {statements:,} statements ({format.value}).", highlight=False)
            return
        assert output is not None  # checked above: without --release or `-o -`, --output is given
        dump = exporter.export(live, format.value, output, graph_iri, gzip or None)
    except (exporter.ExportError, StoreError) as error:
        raise fail(str(error)) from None
    err().print(f"Wrote {dump.statements:,} statements to {output} ({format.value}).", highlight=False)


def _write_release(live: ox.Store, folder: Path, gzip: bool, license: str) -> None:
    from eurasia_kg.graph import export as exporter
    from eurasia_kg.graph import void

    dumps = exporter.release(live, folder, gzip)
    void.write_description(void.describe(live, dumps, license), folder / "void.ttl")
    err().print(f"Wrote {len(dumps)} dumps and their description (void.ttl) to {folder}.", highlight=False)


@app.command("link")
def link_command(
    refresh: bool = typer.Option(False, "--refresh", help="Renew the Wikidata slice from the SPARQL endpoint (online)."),
    endpoint: Optional[str] = typer.Option(
        None, metavar="URL", help=f"SPARQL endpoint for --refresh. Default: ${ENDPOINT_ENV}, else the Wikidata Query Service.",
        show_default=False,
    ),
    wikidata_slice: Optional[Path] = typer.Option(
        None, "--wikidata-slice", envvar="EURASIA_KG_WIKIDATA_SLICE", show_default=False, metavar="FILE",
        help="The slice file to read, or to write with --refresh. Default: the bundled slice.",
    ),
    store: Path = StoreOption,
) -> None:
    """Show how the live store links to Wikidata, GeoNames and DBpedia, or refresh the Wikidata slice.

    Linking itself runs in every build: entities the reference data identifies keep their Wikidata
    id; the others are matched against the Wikidata slice and linked when the score reaches the
    threshold. `--refresh` asks the endpoint again about every item of the slice and of the
    reference data, and rewrites the slice only if every request succeeds; rebuild to use it.
    """
    from eurasia_kg.graph import federation, void
    from eurasia_kg.graph import query as queries
    from eurasia_kg.graph.linking.slice import SLICE_FILE, SliceError, WikidataSlice
    from eurasia_kg.graph.linking.slice import refresh as refresh_slice
    from eurasia_kg.graph.store import StoreError, StoreFolder

    wikidata_slice = wikidata_slice or SLICE_FILE
    if refresh:
        try:
            items = set(WikidataSlice.read(wikidata_slice).items) if wikidata_slice.exists() else set()
            items |= _reference_items()
            summary = refresh_slice(endpoint or federation.wikidata_endpoint(), items, wikidata_slice)
        except SliceError as error:
            raise fail(str(error)) from None
        out().print(f"Refreshed {summary.output}: {summary.facts:,} facts about {summary.items} items from {summary.endpoint}. "
                    "Rebuild to use it.", highlight=False)
        return
    try:
        live = StoreFolder(store).open()
        columns, table = queries.rows(queries.run(live, queries.resolve("unlinked", QUERIES_DIR)))
        links = void.statistics(live).links
    except (queries.QueryError, StoreError) as error:
        raise fail(str(error)) from None
    out().print("Links in the live store: " + ", ".join(f"{target} {count}" for target, count in links.items())
                + f"; {len(table)} entities without a Wikidata id (`eurasia-kg query unlinked`).", highlight=False)


def _reference_items() -> set[str]:
    """The Wikidata items the reference data links to."""
    from rdflib import Graph
    from rdflib.namespace import OWL

    from eurasia_kg.ontology import reference_files

    graph = Graph()
    for file in reference_files():
        graph.parse(file, format="turtle")
    return {str(item) for item in graph.objects(None, OWL.sameAs)}


@app.command("docs")
def docs_command(
    output: Path = typer.Option(Path("docs/ontology"), "--output", "-o", metavar="FOLDER", help="Folder to write index.html into."),
) -> None:
    """Write the ontology's documentation as HTML (pyLODE): classes, properties and their alignments."""
    from eurasia_kg.graph.docs import write_ontology_docs

    page = write_ontology_docs(output)
    err().print(f"Wrote the ontology documentation to {page}.", highlight=False)


@app.command("serve")
def serve_command(
    store: Path = StoreOption,
    host: str = typer.Option("127.0.0.1", metavar="ADDRESS", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, metavar="PORT", help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(30, metavar="SECONDS", help="Seconds after which a query is stopped (answered 504)."),
    cors: bool = typer.Option(False, help="Allow cross-origin requests from browsers."),
    base_iri: str = typer.Option(BASE, metavar="IRI", help="The IRI a request path is read against: /entity/china is <BASE/entity/china>."),
    max_request_kb: int = typer.Option(1024, metavar="KB", help="Largest request body accepted (larger: 413)."),
    max_result_mb: int = typer.Option(64, metavar="MB", help="Largest result sent (larger: 422 with a message, nothing partial)."),
    max_workers: int = typer.Option(16, metavar="N", help="Most query processes at once (each serves one connection)."),
    writable: Optional[Path] = typer.Option(
        None, metavar="FOLDER", help="Serve this writable database instead and accept updates (made from the live store if new)."
    ),
    update_token: Optional[str] = typer.Option(
        None, envvar="EURASIA_KG_UPDATE_TOKEN", metavar="TOKEN", help="Token updates must send as 'Authorization: Bearer …'.",
        show_default=False,
    ),
) -> None:
    """Serve the graph on one URL: SPARQL 1.1 endpoint, query page, Linked Data pages, VoID.

    `/` (also `/sparql`, `/query`) answers SPARQL queries by GET or POST, in JSON, XML, CSV or TSV (and
    Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE); a browser gets the query page. The default graph
    is the union of all named graphs; use GRAPH to look inside one document. `/entity/china` describes
    that entity (Turtle, JSON-LD or a page, by Accept); `/queries/NAME?param=…` runs a named query;
    `/.well-known/void` describes the dataset. Read-only unless `--writable DIR --update-token …`.
    A new build is picked up without a restart. Stop with Ctrl-C.
    """
    from eurasia_kg.graph import serve as server
    from eurasia_kg.graph.store import StoreError

    settings = server.ServerSettings(
        store, host, port, timeout, cors, base_iri, max_request_kb * 1024, max_result_mb * 1024 * 1024,
        max_workers, writable, update_token,
    )

    def announce(url: str) -> None:
        mode = f"writable copy {writable}, updates need the token" if writable else "read-only"
        out().print(f"Serving {store} at [bold]{url}[/] ({mode}; SPARQL endpoint {url}sparql). Ctrl-C stops.",
                    highlight=False)

    try:
        server.serve(settings, announce)
    except (server.ServeError, StoreError) as error:
        raise fail(str(error)) from None
