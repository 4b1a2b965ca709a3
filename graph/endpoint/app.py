"""One URL for people, SPARQL clients and crawlers: the routes of the endpoint.

    /  /sparql  /query        SPARQL 1.1 queries (GET, POST form, POST direct); without a query:
                              the query page for a browser, the service description for a machine
    /  /sparql  /update       SPARQL 1.1 updates (POST; refused with 403 unless enabled)
    /.well-known/void         VoID description of the dataset (also at the dataset's own IRI)
    /queries  /queries/NAME   the named query library; run one with ?param=value, or POST a form
                              (the query page's, with a `query` field for its editor's text)
    /static/…                 the query page's assets (YASGUI), served from this package
    anything else             Linked Data: /entity/china describes <BASE/entity/china>

An `Endpoint` lives in one query process and answers with that process's store.
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import asdict
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape

from eurasia_kg.graph import federation
from eurasia_kg.graph import query as named_queries
from eurasia_kg.graph.endpoint import negotiate, service, sparql
from eurasia_kg.graph.endpoint.http import HttpError, Request, Response
from eurasia_kg.graph.endpoint.pages import Describer, compact
from eurasia_kg.graph.endpoint.service import DESCRIPTION_PREFIXES
from eurasia_kg.graph.oxtypes import serialized
from eurasia_kg.graph.void import DATASET
from eurasia_kg.vocab import PREFIXES

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SPARQL_PATHS = ("/", "/sparql", "/query", "/update")
VOID_PATH = "/.well-known/void"
CACHE_BYTES = 32 * 1024 * 1024  # per query process
CACHE_ENTRY_BYTES = 1024 * 1024


class Endpoint:
    """Answers HTTP requests from one store."""

    def __init__(self, store: ox.Store, *, base_iri: str, queries_dir: Path, timeout_s: float,
                 max_result_bytes: int, update_token: str | None = None, cors: bool = False) -> None:
        self.store = store
        self.base_iri = base_iri
        self.queries_dir = queries_dir
        self.timeout_s = timeout_s
        self.max_result_bytes = max_result_bytes
        self.update_token = update_token
        self.cors = cors
        self.describer = Describer(store, base_iri, {base_iri + "ontology": base_iri + "graph/ontology"})
        # a writable store changes under the answers, so only a read-only one keeps them
        self.cache = sparql.ResultCache(0, 0) if update_token else sparql.ResultCache(CACHE_BYTES, CACHE_ENTRY_BYTES)
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape())

    def answer(self, request: Request) -> Response:
        """The response to one request; errors become a status with a plain-text message."""
        try:
            response = self._route(request)
        except HttpError as error:
            response = Response.text(error.status, error.message, error.headers)
        except Exception as error:  # noqa: BLE001 - a client gets a status, never a dropped connection
            response = Response.text(500, f"internal error: {error!r}")
        if self.cors:
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    def overrun(self, seconds: float) -> Response | None:
        """The response to stop a running request with: past the time limit, or a result over its cap."""
        if seconds > self.timeout_s:
            return Response.text(504, f"the query ran past this server's time limit of {self.timeout_s:g} s and "
                                      "was stopped; narrow it (fewer unbound patterns, a LIMIT) and try again")
        if sparql.ResultBuffer.size() > self.max_result_bytes:
            error = sparql.too_large(self.max_result_bytes)
            return Response.text(error.status, error.message, error.headers)
        return None

    def _route(self, request: Request) -> Response:
        path = request.path
        if request.method == "OPTIONS":
            return Response(204, headers={"Allow": "GET, HEAD, POST, OPTIONS",
                                          "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                                          "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization"})
        if path in SPARQL_PATHS:
            return self._sparql(request)
        if path.startswith("/queries/") and request.method == "POST":
            return self._named_query(request, path[len("/queries/"):])  # from the query page's form
        if request.method not in ("GET", "HEAD"):
            raise HttpError(405, f"{path} is read with GET", {"Allow": "GET, HEAD"})
        if path in (VOID_PATH, self.describer.href(DATASET)):
            return self._describe(request, service.void_description(self._void_statistics, _endpoint(request)),
                                  about=DATASET)
        if path == "/queries" or path.startswith("/queries/"):
            return self._named_query(request, path[len("/queries/"):])
        if path.startswith("/static/"):
            return _static(path[len("/static/"):])
        return self._linked_data(request)

    # SPARQL Protocol

    def _sparql(self, request: Request) -> Response:
        operation = sparql.read_operation(request)
        if operation is None:
            if request.path == "/update":
                raise HttpError(405, "send updates with POST", {"Allow": "POST"})
            return self._home(request)
        if operation.kind == "update":
            if request.path == "/query":
                raise HttpError(400, "/query answers queries; send updates to /update")
            sparql.check_update_allowed(request, self.update_token)
            self.__dict__.pop("_void_statistics", None)  # the data changes
            return sparql.run_update(self.store, operation, _endpoint(request))
        if request.path == "/update":
            raise HttpError(400, "/update takes updates; send queries to /query")
        endpoint = _endpoint(request)
        key = self.cache.key(operation, request, endpoint)
        cached = self.cache.get(key)
        if cached is not None:
            return Response(200, cached.body, cached.content_type, {**cached.headers, "X-Cache": "hit"})
        response = sparql.run_query(self.store, operation, request, endpoint, self.max_result_bytes)
        self.cache.put(key, response)
        return response

    def _home(self, request: Request) -> Response:
        """The query page for a browser, the service description for anything else."""
        if negotiate.prefers_html(request.header("accept")):
            page = self.templates.get_template("ui.html").render(
                examples=_script_json(self._examples()), prefixes=_script_json(PREFIXES),
                base=_script_json(self.base_iri), timeout=self.timeout_s)
            return Response(200, page.encode(), negotiate.HTML.content_type)
        described = service.service_description(self.store, _endpoint(request), bool(self.update_token))
        return self._describe(request, described)

    def _examples(self) -> list[dict]:
        return [{"name": q.name, "title": q.title, "description": q.description, "query": q.sparql,
                 "parameters": [{"name": p.name, "optional": p.optional, "description": p.description,
                                 "example": parameter_example(p)} for p in q.parameters]}
                for q in self._library.values()]

    @cached_property
    def _void_statistics(self) -> list[ox.Triple]:
        return service.void_statistics(self.store)

    @cached_property
    def _library(self) -> dict[str, named_queries.NamedQuery]:
        return named_queries.library(self.queries_dir)

    # named queries

    def _named_query(self, request: Request, name: str) -> Response:
        if not name:
            return self._query_listing(request)
        query = self._library.get(name)
        if query is None:
            raise HttpError(404, f"no query named {name!r}; the library is at /queries")
        requested = negotiate.requested_format(request.params)
        as_page = (requested in negotiate.HTML.names
                   or not requested and negotiate.prefers_html(request.header("accept")))
        fields, edited = _query_request(request)
        text = query.sparql if edited is None else edited
        try:
            substitutions = named_queries.bind(query, federation.with_endpoint(query, fields), self.store)
        except (named_queries.QueryError, ValueError) as error:  # ValueError: a value that is no IRI
            if as_page:
                return self._results_page(query, fields, error=f"parameter error: {error}", status=400)
            raise HttpError(400, f"parameter error: {error}") from None
        operation = sparql.Operation("query", text)
        try:
            result = sparql.execute(self.store, operation, use_default_graph_as_union=True,
                                    substitutions=substitutions or None)
        except RuntimeError as error:  # an edited text that lost a parameter's variable from its SELECT
            raise HttpError(400, f"the query cannot take the parameters of {name!r}: {error}; keep each parameter's "
                                 "variable in the SELECT, or run the query at /sparql") from None
        if as_page and isinstance(result, ox.QuerySolutions):
            return self._results_page(query, fields, named_queries.rows(result))
        return sparql.serialise(result, operation, request, self.max_result_bytes)

    def _query_listing(self, request: Request) -> Response:
        if negotiate.prefers_html(request.header("accept")):
            page = self.templates.get_template("queries.html").render(
                queries=self._library.values(), example=parameter_example)
            return Response(200, page.encode(), negotiate.HTML.content_type)
        listing = [{**asdict(q), "path": None, "sparql": None, "url": f"/queries/{q.name}"}
                   for q in self._library.values()]
        return Response(200, json.dumps(listing, indent=2, default=str).encode(), "application/json")

    def _results_page(self, query: named_queries.NamedQuery, values: dict[str, str],
                      table: tuple[list[str], list[list[str]]] | None = None, error: str = "",
                      status: int = 200) -> Response:
        """The form of the query's parameters, filled in, and its results or what was wrong."""
        columns, rows = table or ([], [])
        page = self.templates.get_template("results.html").render(
            query=query, values=values, columns=columns, rows=rows, error=error, ran=table is not None,
            href=self.describer.href, compact=compact, example=parameter_example)
        return Response(status, page.encode(), negotiate.HTML.content_type, {"Vary": "Accept"})

    # Linked Data

    def _linked_data(self, request: Request) -> Response:
        iri = self.describer.iri_for_path(request.path)
        if not self.describer.exists(iri):
            raise HttpError(404, f"nothing is known about <{iri}>")
        chosen = self._description_format(request)
        if chosen is negotiate.HTML:
            page = self.templates.get_template("resource.html").render(
                page=self.describer.page(iri), formats=negotiate.DESCRIPTIONS[:-1])
            response = Response(200, page.encode(), chosen.content_type)
        else:
            response = _serialise(self.describer.triples(iri), chosen)
        response.headers["Vary"] = "Accept"
        response.headers["Link"] = ", ".join(
            f'<{request.path}?format={f.names[0]}>; rel="alternate"; type="{f.media_type}"'
            for f in negotiate.DESCRIPTIONS)
        return response

    def _description_format(self, request: Request) -> negotiate.Format:
        requested = negotiate.requested_format(request.params)
        if not requested and negotiate.prefers_html(request.header("accept")):
            return negotiate.HTML
        try:
            return negotiate.choose(negotiate.DESCRIPTIONS, request.header("accept"), requested)
        except negotiate.NotAcceptable as error:
            raise HttpError(406, str(error)) from None

    def _describe(self, request: Request, triples: list[ox.Triple], about: str | None = None) -> Response:
        """A description made by the server: RDF, or a page about `about` for a browser."""
        offered = negotiate.DESCRIPTIONS if about else negotiate.DESCRIPTIONS[:-1]
        requested = negotiate.requested_format(request.params)
        if about and not requested and negotiate.prefers_html(request.header("accept")):
            chosen = negotiate.HTML
        else:
            try:
                chosen = negotiate.choose(offered, request.header("accept"), requested)
            except negotiate.NotAcceptable as error:
                raise HttpError(406, str(error)) from None
        if chosen is negotiate.HTML and about is not None:
            page = self.templates.get_template("resource.html").render(
                page=self.describer.description_page(about, triples), formats=negotiate.DESCRIPTIONS[:-1])
            response = Response(200, page.encode(), chosen.content_type)
        else:
            response = _serialise(triples, chosen)
        response.headers["Vary"] = "Accept"
        return response


def _serialise(triples: list[ox.Triple], chosen: negotiate.Format) -> Response:
    prefixes = DESCRIPTION_PREFIXES if chosen in (negotiate.TURTLE, negotiate.RDF_XML) else None
    if not isinstance(chosen.serializer, ox.RdfFormat):
        raise HttpError(406, f"{chosen.media_type} is not a format of RDF descriptions")
    return Response(200, serialized(triples, chosen.serializer, prefixes), chosen.content_type)


def _query_request(request: Request) -> tuple[dict[str, str], str | None]:
    """A named query's parameter values, from the URL and a POSTed form, and the text in the form's
    `query` field: the query page sends its editor's text, maybe edited, this way. (A link cannot:
    a page titled by a named query shows that query's results.)"""
    values = {key: items[-1] for key, items in request.params.items()}
    text = None
    if request.method == "POST":
        if request.media_type != sparql.FORM:
            raise HttpError(415, f"POST the parameters of a named query as a form ({sparql.FORM})")
        form = {key: items[-1] for key, items in parse_qs(sparql.form_text(request), keep_blank_values=True).items()}
        text = form.pop("query", None)
        values |= form
    for key in ("format", "output"):
        values.pop(key, None)
    return values, text


def parameter_example(parameter: named_queries.Parameter) -> str:
    """What a form shows in an empty field: the default, used when the field is left blank, else the
    (first) example of the parameter's description ("e.g. csto")."""
    if parameter.default is not None:
        return parameter.default
    found = re.search(r"\be\.g\.,?\s*([^),]+)", parameter.description)
    return found.group(1).strip() if found else ""


def _script_json(value) -> str:
    """JSON to place inside a <script> element: no `</script>` can end it early."""
    return json.dumps(value).replace("<", "\\u003c")


def _endpoint(request: Request) -> str:
    """The endpoint's URL as this client reached it (for the service description and BASE)."""
    return f"http://{request.header('host', 'localhost')}/sparql"


def _static(name: str) -> Response:
    path = (STATIC / name).resolve()
    if STATIC not in path.parents or not path.is_file():
        raise HttpError(404, f"no file {name!r} here")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type.endswith("javascript"):
        media_type += "; charset=utf-8"
    return Response(200, path.read_bytes(), media_type, {"Cache-Control": "public, max-age=86400"})
