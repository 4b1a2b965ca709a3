"""The SPARQL 1.1 Protocol: read an operation from an HTTP request, run it, answer in the asked format.

Queries arrive by GET (`?query=`), by POST of a form or by POST of the query itself
(`application/sparql-query`); updates by POST only. `default-graph-uri` and `named-graph-uri`
choose the dataset; without them the default graph is the union of all named graphs. An update's
`using-graph-uri` and `using-named-graph-uri` are written into it as USING clauses, since
pyoxigraph's update takes no dataset. A result is
serialised whole before anything is sent, so a failure is an error status with a readable message,
never a 200 with a broken body; a result larger than the cap is refused the same way (422), and
one that keeps growing is stopped while it is written (`app.Endpoint.overrun`).
"""

from __future__ import annotations

import hmac
import io
import re
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from eurasia_kg.graph.endpoint import negotiate
from eurasia_kg.graph.endpoint.http import HttpError, Request, Response
from eurasia_kg.vocab import PREFIXES

FORM = "application/x-www-form-urlencoded"
QUERY_MEDIA_TYPE = "application/sparql-query"
UPDATE_MEDIA_TYPE = "application/sparql-update"


@dataclass(frozen=True)
class Operation:
    kind: str  # "query" or "update"
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


class ResultBuffer:
    """Where this process serialises the result it is answering with, for the watchdog to measure.

    Results are written into an in-memory buffer (a C BytesIO: a writer of our own in Python would
    cost a fifth of a small query's time); the process's watchdog stops a query whose result grows
    past the cap while it is being written, and `serialise` refuses one that ends up past it.
    """

    current: io.BytesIO | None = None

    @classmethod
    def size(cls) -> int:
        """Bytes written so far into the result being serialised, 0 when none is."""
        buffer = cls.current
        return 0 if buffer is None else buffer.tell()


def too_large(max_result_bytes: int) -> HttpError:
    return HttpError(422, f"the result is larger than this server's cap of {max_result_bytes:,} bytes, so none "
                          "of it was sent; narrow the query or page through it with LIMIT and OFFSET",
                     {"X-Result-Cap-Bytes": str(max_result_bytes)})


class ResultCache:
    """Answers already given, by query, dataset, base IRI and format: a store generation never changes.

    A query process serves one generation and dies with it, so nothing here can go stale. Queries
    whose answer may change on its own (NOW, RAND, UUID, STRUUID, BNODE, SERVICE) are not kept; a
    client that sends `Cache-Control: no-cache` gets a fresh evaluation. Bounded in bytes, least
    recently used first out.
    """

    UNCACHEABLE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE|SERVICE)\b", re.IGNORECASE)

    def __init__(self, max_bytes: int, max_entry_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self.entries: OrderedDict[tuple, Response] = OrderedDict()
        self.size = 0

    def key(self, operation: Operation, request: Request, base_iri: str) -> tuple | None:
        """What identifies this answer, or None when it must be computed afresh."""
        if "no-cache" in request.header("cache-control") or self.UNCACHEABLE.search(operation.text):
            return None
        params = request.params
        return (operation, base_iri, request.header("accept"), tuple(params.get("format", ())), tuple(params.get("output", ())))

    def get(self, key: tuple | None) -> Response | None:
        if key is None or key not in self.entries:
            return None
        self.entries.move_to_end(key)
        return self.entries[key]

    def put(self, key: tuple | None, response: Response) -> None:
        if key is None or response.status != 200 or len(response.body) > self.max_entry_bytes:
            return
        self.entries[key] = response
        self.size += len(response.body)
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)


def read_operation(request: Request) -> Operation | None:
    """The query or update a request carries; None for a plain GET (no operation at all).

    HttpError (400, 405, 415) for what the protocol forbids: two queries, an update by GET, a POST
    body of another media type or charset, both `query` and `update`.
    """
    url = request.params
    if request.method in ("GET", "HEAD"):
        if "update" in url:
            raise HttpError(400, "an update must be sent with POST, not GET")
        if "query" not in url:
            return None
        return _operation("query", url)
    if request.method != "POST":
        raise HttpError(405, f"{request.method} is not a SPARQL Protocol method; use GET or POST",
                        {"Allow": "GET, HEAD, POST"})
    media_type = request.media_type
    if media_type == FORM:
        form = parse_qs(form_text(request), keep_blank_values=True)
        present = [kind for kind in ("query", "update") if kind in form]
        if len(present) != 1:
            raise HttpError(400, "a form must carry exactly one of the fields 'query' and 'update'")
        return _operation(present[0], {**url, **form})
    if media_type in (QUERY_MEDIA_TYPE, UPDATE_MEDIA_TYPE):
        kind = "query" if media_type == QUERY_MEDIA_TYPE else "update"
        return _operation(kind, {**url, kind: [form_text(request)]})
    if not media_type:
        raise HttpError(415, f"a POST needs a Content-Type: {FORM}, {QUERY_MEDIA_TYPE} or {UPDATE_MEDIA_TYPE}")
    raise HttpError(415, f"cannot read a body of type {media_type}; send {FORM}, {QUERY_MEDIA_TYPE} or {UPDATE_MEDIA_TYPE}")


def form_text(request: Request) -> str:
    """The body as text: UTF-8, the only charset a form or query body may have here."""
    charset = _charset(request.header("content-type"))
    if charset not in ("", "utf-8", "utf8"):
        raise HttpError(415, f"the body must be UTF-8, not {charset}")
    try:
        return request.body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(400, f"the body is not valid UTF-8 ({error})") from None


def _charset(content_type: str) -> str:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def _operation(kind: str, params: dict[str, list[str]]) -> Operation:
    texts = params[kind]
    if len(texts) != 1:
        raise HttpError(400, f"the request carries {len(texts)} '{kind}' parameters; send exactly one")
    if kind == "query":
        return Operation(kind, texts[0], tuple(params.get("default-graph-uri", ())),
                         tuple(params.get("named-graph-uri", ())))
    using = tuple(params.get("using-graph-uri", ())), tuple(params.get("using-named-graph-uri", ()))
    return Operation(kind, with_using(texts[0], *using) if any(using) else texts[0])


# Tokens of SPARQL that can hold braces or the words below without being them.
_TOKEN = re.compile(r"""
    (?P<skip> \s+ | \#[^\n]* | <[^<>"{}|^`\\\x00-\x20]*> | "\"\"(?:[^"\\]|\\.|"(?!""))*"\"\" | '\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
             | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' | [?$]\w+ )
  | (?P<open> \{ ) | (?P<close> \} ) | (?P<word> [A-Za-z_][\w-]* ) | (?P<other> . )
""", re.VERBOSE | re.DOTALL)


def with_using(update: str, graphs: tuple[str, ...], named: tuple[str, ...]) -> str:
    """The update with the protocol's using-graph-uri/using-named-graph-uri written in as USING clauses.

    They go before the WHERE of every DELETE/INSERT operation (as the protocol defines them); an
    update that has USING or WITH of its own is refused, as the protocol asks.
    """
    try:
        clauses = ("".join(f"USING {ox.NamedNode(g)} " for g in graphs)
                   + "".join(f"USING NAMED {ox.NamedNode(g)} " for g in named))
    except ValueError as error:
        raise HttpError(400, f"using-graph-uri and using-named-graph-uri take IRIs: {error}") from None
    pieces, depth, start, previous = [], 0, 0, ""
    for token in _TOKEN.finditer(update):
        kind, text = token.lastgroup, token.group()
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0:
            word = text.upper()
            if word in ("USING", "WITH"):
                raise HttpError(400, f"the update has {word} of its own and the request using-graph-uri or "
                                     "using-named-graph-uri: give the dataset one way only")
            if word == "WHERE" and previous not in ("DELETE", "INSERT"):
                pieces.append(update[start:token.start()] + clauses)
                start = token.start()
        if kind != "skip":
            previous = text.upper()
    return "".join(pieces) + update[start:]


def run_query(store: ox.Store, operation: Operation, request: Request, base_iri: str,
              max_result_bytes: int) -> Response:
    """Run a query and serialise its whole result in the negotiated format."""
    dataset = _dataset(operation) if operation.has_dataset else {"use_default_graph_as_union": True}
    result = execute(store, operation, base_iri=base_iri, **dataset)
    return serialise(result, operation, request, max_result_bytes)


def _dataset(operation: Operation) -> dict[str, list[ox.NamedNode]]:
    try:
        return {"default_graph": [ox.NamedNode(g) for g in operation.default_graphs],
                "named_graphs": [ox.NamedNode(g) for g in operation.named_graphs]}
    except ValueError as error:
        raise HttpError(400, f"a graph name is not an IRI: {error}") from None


def execute(store: ox.Store, operation: Operation, **options):
    """Start a query with pyoxigraph; its errors become HTTP errors (400 with the parser's message).

    The usual prefixes (ekg:, ent:, rdfs:, … as in vocab.PREFIXES) need no declaration: a query that
    does not parse alone is parsed again with them, so a query that declares its own pays nothing.
    """
    try:
        return _with_default_prefixes(store.query, operation.text, **options)
    except OSError as error:
        raise _evaluation_error(operation, error) from None


def _with_default_prefixes(run, text: str, **options):
    try:
        return run(text, **options)
    except SyntaxError:
        pass
    try:
        return run(text, prefixes=PREFIXES, **options)
    except SyntaxError as error:
        raise HttpError(400, f"the {run.__name__} is not valid SPARQL: {error}") from None


def serialise(result, operation: Operation, request: Request, max_result_bytes: int) -> Response:
    """The whole result in the negotiated format, or an error status if it fails or is too large."""
    offered = (negotiate.GRAPHS if isinstance(result, ox.QueryTriples)
               else negotiate.BOOLEAN_RESULTS if isinstance(result, ox.QueryBoolean) else negotiate.RESULTS)
    requested = negotiate.requested_format(request.params)
    try:
        chosen = negotiate.choose(offered, request.header("accept"), requested)
    except negotiate.NotAcceptable as error:
        raise HttpError(406, str(error)) from None
    buffer = ResultBuffer.current = io.BytesIO()
    try:
        result.serialize(buffer, format=chosen.serializer)
    except OSError as error:
        raise _evaluation_error(operation, error) from None
    finally:
        ResultBuffer.current = None
    if buffer.tell() > max_result_bytes:
        raise too_large(max_result_bytes)
    return Response(200, buffer.getvalue(), chosen.content_type, {"Vary": "Accept"})


def _evaluation_error(operation: Operation, error: Exception) -> HttpError:
    if "SERVICE" in operation.text.upper():
        return HttpError(502, f"a SERVICE call of this query failed: {error}")
    return HttpError(500, f"the query failed while running: {error}")


def run_update(store: ox.Store, operation: Operation, base_iri: str) -> Response:
    """Apply an update in one transaction (all of it or none)."""
    try:
        _with_default_prefixes(store.update, operation.text, base_iri=base_iri)
    except OSError as error:
        raise _evaluation_error(operation, error) from None
    return Response(204)


def check_update_allowed(request: Request, token: str | None) -> None:
    """403 when updates are off; 401 without the right bearer token."""
    if not token:
        raise HttpError(403, "this endpoint is read-only: updates are refused. Start the server with "
                             "--writable DIR and an update token to accept them")
    sent = request.header("authorization")
    scheme, _, credentials = sent.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(credentials.strip().encode(), token.encode()):
        raise HttpError(401, "updates need the server's token: send 'Authorization: Bearer TOKEN'",
                        {"WWW-Authenticate": 'Bearer realm="eurasia-kg updates"'})
