"""The `eurasia-kg` command: build, validate, query, export and serve the knowledge graph.

Exit codes: 0 success; 1 failure (for `build`: the previous store is untouched); 2 wrong usage;
3 a build that loaded some documents but not all (quarantined or unreadable ones are listed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eurasia_kg import __version__, answers
from eurasia_kg.build import REASONER_MODES, BuildFailed, build, validate_corpus, validate_store
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import export as exporter
from eurasia_kg.graph import federation, void
from eurasia_kg.graph.docs import write_ontology_docs
from eurasia_kg.graph.linking.slice import SLICE_FILE, SliceError, WikidataSlice
from eurasia_kg.graph.linking.slice import refresh as refresh_slice
from eurasia_kg.graph import query as queries
from eurasia_kg.graph import serve as server
from eurasia_kg.graph.provenance import LOADED, InputRecord
from eurasia_kg.graph.store import StoreError, StoreFolder
from eurasia_kg.pipeline.ingest import MAX_FILE_BYTES
from eurasia_kg.queries import QUERIES_DIR
from eurasia_kg.vocab import BASE, GRAPH
from eurasia_kg.workers import EXECUTORS

EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3

app = typer.Typer(
    help=(
        "Turn analysis texts on China, Russia and Central Asia into a validated RDF knowledge graph, "
        "then query, serve and export it.\n\n"
        "Start with `eurasia-kg build` (the embedded sample corpus) or `eurasia-kg build MY_TEXTS/`, "
        "then `eurasia-kg query --list` and `eurasia-kg serve`."
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(soft_wrap=True)  # long lines stay whole when piped, for grep and logs
err = Console(stderr=True, soft_wrap=True)

StoreOption = typer.Option(
    Path("eurasia-kg-store"), "--store", envvar="EURASIA_KG_STORE", help="Store folder (env EURASIA_KG_STORE).",
    show_default=True,
)


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"eurasia-kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Print the version."),
) -> None:
    """Global options."""


class RichProgress:
    """Build progress as a bar on a terminal; nothing when output is piped."""

    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, disable=not err.is_terminal, transient=True,
        )
        self.task = None

    def begin(self, total: int) -> None:
        self.task = self.bar.add_task("extracting", total=total)

    def document(self, record: InputRecord) -> None:
        self.bar.update(self.task, advance=1, description=f"extracting {record.identifier[:40]}")

    def stage(self, name: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, description=name)

    def warn(self, message: str) -> None:
        err.print(f"[yellow]warning:[/] {message}", highlight=False)


@app.command("build")
def build_command(
    corpus: Optional[List[Path]] = typer.Argument(
        None, help="Text files or folders (.txt, .md, .html, .htm). Default: the embedded sample corpus.", show_default=False
    ),
    store: Path = StoreOption,
    reasoner: str = typer.Option(
        "auto", help="HermiT consistency check: auto (skip with a warning when Java is missing), require, off."
    ),
    wikidata_slice: Path = typer.Option(
        SLICE_FILE, "--wikidata-slice", envvar="EURASIA_KG_WIKIDATA_SLICE", show_default=False,
        help="The Wikidata extract to link and enrich against (TriG). Default: the bundled slice.",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Documents extracted and validated at once (worker processes)."),
    executor: str = typer.Option(
        "local", help="Where documents are extracted: local (this machine) or dask (a Dask cluster; see --scheduler)."
    ),
    scheduler: Optional[str] = typer.Option(
        None, envvar="EURASIA_KG_DASK_SCHEDULER", show_default=False,
        help="Dask scheduler address (tcp://HOST:8786) for --executor dask. Default: a local cluster of --jobs workers.",
    ),
    full: bool = typer.Option(
        False, "--full", help="Extract every document again, even those unchanged since the live build (by checksum)."
    ),
    max_file_mb: float = typer.Option(
        MAX_FILE_BYTES / 2**20, "--max-file-mb", min=0, help="Larger files are reported and skipped, not read."
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
    if reasoner not in REASONER_MODES:
        raise fail(f"--reasoner must be one of {', '.join(REASONER_MODES)}", EXIT_USAGE)
    if executor not in EXECUTORS:
        raise fail(f"--executor must be one of {', '.join(EXECUTORS)}", EXIT_USAGE)
    sources = corpus or [CORPUS_DIR]
    progress = RichProgress()
    try:
        with progress.bar:
            summary = build(sources, store, reasoner=reasoner, progress=progress, wikidata_slice=wikidata_slice,
                            jobs=jobs, executor=executor, scheduler=scheduler, full=full,
                            max_file_bytes=int(max_file_mb * 2**20))
    except (BuildFailed, StoreError) as error:
        raise fail(f"{error}\nThe previous store (if any) is unchanged.") from None
    counts = summary.record.counts()
    out.print(
        f"Built [bold]{store}[/]: {counts['Loaded']} document(s) loaded, {counts['Quarantined']} quarantined, "
        f"{counts['Unreadable']} unreadable; {summary.quads:,} quads in {summary.seconds:.1f} s"
        + (f" ({summary.reused} unchanged document(s) kept from the previous build)." if summary.reused else "."),
        highlight=False,
    )
    if summary.linking is not None:
        linking = summary.linking
        out.print(
            f"Linked {len(linking.identified) + len(linking.linked)} entities to Wikidata "
            f"({len(linking.linked)} by the linker), {len(linking.candidates) + len(linking.unmatched)} left for curation "
            f"(`eurasia-kg query unlinked`); {linking.enrichment_facts:,} facts in graph:enrichment.",
            highlight=False,
        )
    for item in summary.record.inputs:
        if item.status != LOADED:
            out.print(f"  [yellow]{item.status.lower()}[/] {item.path}: {item.problem}", highlight=False, soft_wrap=True)
        elif item.encoding != "utf-8":
            out.print(f"  [dim]note[/] {item.path}: not UTF-8, read as {item.encoding}", highlight=False)
    if not summary.complete:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("validate")
def validate_command(
    corpus: Optional[List[Path]] = typer.Argument(
        None, help="Validate these texts without storing anything. Default: validate the live store.",
        show_default=False,
    ),
    store: Path = StoreOption,
) -> None:
    """Check document graphs against the SHACL shapes (`build` also runs HermiT across documents).

    With texts: extract and validate them, store untouched (a dry run of `build`). Without: validate
    every document graph in the live store. Exit code 0 when everything conforms, 1 otherwise.
    """
    try:
        records = validate_corpus(corpus) if corpus else validate_store(StoreFolder(store))
    except (BuildFailed, StoreError) as error:
        raise fail(str(error)) from None
    bad = [r for r in records if r.status != LOADED]
    for record in records:
        mark = "[green]ok[/]" if record.status == LOADED else f"[red]{record.status.lower()}[/]"
        out.print(f"{mark} {record.identifier}" + (f": {record.problem}" if record.problem else ""), highlight=False)
    out.print(f"{len(records) - len(bad)} of {len(records)} conform.")
    if bad:
        raise typer.Exit(EXIT_FAILED)


@app.command("query")
def query_command(
    name: Optional[str] = typer.Argument(None, help="A named query (see --list) or a path to a .rq file."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="A parameter as name=value (repeatable)."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help="table, csv, json or markdown. Default: table on a terminal, csv when piped."
    ),
    list_: bool = typer.Option(False, "--list", help="List the named queries with their questions and parameters."),
    store: Path = StoreOption,
) -> None:
    """Answer a question from the query library, or run your own SPARQL file.

    Queries see the union of all named graphs. Parameters are bound as RDF terms, never pasted into the
    query text. Example: `eurasia-kg query mentions --param entity=china --format csv`. From Python:
    `from eurasia_kg import ask; ask("mentions", store="eurasia-kg-store", entity="china")`.
    """
    if list_ or not name:
        _list_queries()
        return
    chosen_format = format or ("table" if out.is_terminal else "csv")
    if chosen_format not in ("table", "csv", "json", "markdown"):
        raise fail(f"unknown format {chosen_format!r}; choose one of table, csv, json, markdown", EXIT_USAGE)
    values = dict(_split_param(p) for p in param or [])
    try:
        result = answers.answer(StoreFolder(store).open(), name, values)
    except (queries.QueryError, StoreError) as error:
        raise fail(str(error)) from None
    except OSError as error:  # a SERVICE call that failed: offline, or the endpoint is down
        raise fail(f"a remote SPARQL endpoint could not answer ({error}); are you online?") from None
    if chosen_format == "table":
        _print_table(result.query.title, result.columns, result.rows)
    else:
        render = {"csv": queries.to_csv, "json": queries.to_json, "markdown": queries.to_markdown}[chosen_format]
        sys.stdout.write(render(result.columns, result.rows))


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise fail(f"--param takes name=value, not {text!r}", EXIT_USAGE)
    return name.strip(), value


def _list_queries() -> None:
    table = Table("query", "question", "parameters", "columns", show_lines=True)
    for named in queries.library(QUERIES_DIR).values():
        params = "\n".join(f"{p.name} ({p.kind}{_optionality(p)})" for p in named.parameters)
        table.add_row(named.name, f"[bold]{named.title}[/]\n{named.description}", params or "—", " ".join(named.columns))
    out.print(table)


def _optionality(parameter: queries.Parameter) -> str:
    if parameter.default is not None:
        return f", default {parameter.default}"
    return ", optional" if parameter.optional else ""


def _print_table(title: str, columns: list[str], table: list[list[str]]) -> None:
    view = Table(*columns, title=f"{title} ({len(table)} rows)")
    for row in table:
        view.add_row(*row)
    out.print(view)


@app.command("export")
def export_command(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (ending in .gz: compressed)."),
    format: str = typer.Option("turtle", "--format", "-f", help="turtle, trig, nquads or jsonld."),
    graph: Optional[str] = typer.Option(
        None, help="Only one named graph: ontology, reference, links, enrichment, inferred, build, doc/SLUG, or a full graph IRI."
    ),
    gzip: bool = typer.Option(False, "--gzip", help="Compress with gzip (byte-stable: no time stamp)."),
    release: Optional[Path] = typer.Option(
        None, "--release", help="Write a release into this folder: the dataset in every format, one Turtle file "
        "per named graph, the JSON-LD context and void.ttl, a VoID/DCAT description of every dump.",
    ),
    license: str = typer.Option(void.DEFAULT_LICENSE, help="Licence IRI stated in the description of a release."),
    store: Path = StoreOption,
) -> None:
    """Write the store (or one graph) to a file: Turtle, TriG, N-Quads or JSON-LD; or a whole release.

    Dumps are sorted and deterministic: the same input gives the same bytes (except in the build
    graph, which says when and how each build ran), so dumps of two builds diff cleanly. Turtle has no named graphs, so a
    whole-store Turtle dump merges them; use TriG or N-Quads to keep them. JSON-LD is compacted
    against an inline context of the project's prefixes.
    """
    if (output is None) == (release is None):
        raise fail("give either --output FILE or --release FOLDER", EXIT_USAGE)
    if format not in exporter.FORMATS:
        raise fail(f"unknown format {format!r}; choose one of {', '.join(exporter.FORMATS)}", EXIT_USAGE)
    graph_iri = graph if graph is None or "://" in graph else f"{GRAPH}{graph}"
    try:
        live = StoreFolder(store).open()
        if release is not None:
            dumps = exporter.release(live, release, gzip)
            void.write_description(void.describe(live, dumps, license), release / "void.ttl")
            err.print(f"Wrote {len(dumps)} dumps and their description (void.ttl) to {release}.", highlight=False)
            return
        dump = exporter.export(live, format, output, graph_iri, gzip or None)
    except (exporter.ExportError, StoreError) as error:
        raise fail(str(error)) from None
    err.print(f"Wrote {dump.statements:,} statements to {output} ({format}).", highlight=False)


@app.command("link")
def link_command(
    refresh: bool = typer.Option(False, "--refresh", help="Renew the Wikidata slice from the SPARQL endpoint (online)."),
    endpoint: Optional[str] = typer.Option(
        None, help=f"SPARQL endpoint for --refresh. Default: ${federation.ENDPOINT_ENV}, else the Wikidata Query Service.",
        show_default=False,
    ),
    wikidata_slice: Path = typer.Option(
        SLICE_FILE, "--wikidata-slice", envvar="EURASIA_KG_WIKIDATA_SLICE", show_default=False,
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
    if refresh:
        try:
            items = set(WikidataSlice.read(wikidata_slice).items) if wikidata_slice.exists() else set()
            items |= _reference_items()
            summary = refresh_slice(endpoint or federation.wikidata_endpoint(), items, wikidata_slice)
        except SliceError as error:
            raise fail(str(error)) from None
        out.print(f"Refreshed {summary.output}: {summary.facts:,} facts about {summary.items} items from {summary.endpoint}. "
                  "Rebuild to use it.", highlight=False)
        return
    try:
        live = StoreFolder(store).open()
        columns, table = queries.rows(queries.run(live, queries.resolve("unlinked", QUERIES_DIR)))
        links = void.statistics(live).links
    except (queries.QueryError, StoreError) as error:
        raise fail(str(error)) from None
    out.print("Links in the live store: " + ", ".join(f"{target} {count}" for target, count in links.items())
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
    output: Path = typer.Option(Path("docs/ontology"), "--output", "-o", help="Folder to write index.html into."),
) -> None:
    """Write the ontology's documentation as HTML (pyLODE): classes, properties and their alignments."""
    page = write_ontology_docs(output)
    err.print(f"Wrote the ontology documentation to {page}.", highlight=False)


@app.command("serve")
def serve_command(
    store: Path = StoreOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(30, help="Seconds after which a query is stopped (answered 504)."),
    cors: bool = typer.Option(False, help="Allow cross-origin requests from browsers."),
    base_iri: str = typer.Option(BASE, help="The IRI a request path is read against: /entity/china is <BASE/entity/china>."),
    max_request_kb: int = typer.Option(1024, help="Largest request body accepted (larger: 413)."),
    max_result_mb: int = typer.Option(64, help="Largest result sent (larger: 422 with a message, nothing partial)."),
    max_workers: int = typer.Option(16, help="Most query processes at once (each serves one connection)."),
    writable: Optional[Path] = typer.Option(
        None, help="Serve this writable database instead and accept updates (made from the live store if new)."
    ),
    update_token: Optional[str] = typer.Option(
        None, envvar="EURASIA_KG_UPDATE_TOKEN", help="Token updates must send as 'Authorization: Bearer …'.",
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
    settings = server.ServerSettings(
        store, host, port, timeout, cors, base_iri, max_request_kb * 1024, max_result_mb * 1024 * 1024,
        max_workers, writable, update_token,
    )

    def announce(url: str) -> None:
        mode = f"writable copy {writable}, updates need the token" if writable else "read-only"
        out.print(f"Serving {store} at [bold]{url}[/] ({mode}; SPARQL endpoint {url}sparql). Ctrl-C stops.",
                  highlight=False)

    try:
        server.serve(settings, announce)
    except (server.ServeError, StoreError) as error:
        raise fail(str(error)) from None
