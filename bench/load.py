"""The endpoint under load: `python -m bench.load [--store DIR] [--connections 50] [--seconds 30]`.

Starts `eurasia-kg serve` on 127.0.0.1 (a random port) as a black box, opens N keep-alive
connections that each send one request after the other for S seconds (bounded in count and time:
it stops by itself), and reports the requests answered, the errors (any status but 200, a closed
connection or a request unanswered after 60 s), the throughput and the p50/p99 latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import httptools

from bench.endpoint import JSON, SMALL, start_ours, wait_until_up
from eurasia_kg.build import build
from eurasia_kg.corpus import CORPUS_DIR

REQUEST_TIMEOUT_S = 60
MAX_REQUESTS_PER_CONNECTION = 100_000  # a bound besides the clock
QUERIES = (
    SMALL,
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) LIMIT 20",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?label WHERE { <https://w3id.org/eurasia-kg/entity/china> rdfs:label ?label }",
)


@dataclass
class LoadResult:
    connections: int
    seconds: float
    cached: bool
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")

    def summary(self) -> str:
        return (f"{self.connections} connections for {self.seconds:.0f} s{'' if self.cached else ', no cache'}: "
                f"{len(self.latencies):,} requests answered, "
                f"{len(self.errors)} errors, {len(self.latencies) / self.seconds:,.0f} req/s, "
                f"p50 {self.percentile(.5) * 1e3:.1f} ms, p99 {self.percentile(.99) * 1e3:.1f} ms")


class _Response:
    """One HTTP response read with httptools: its status, and whether it is complete."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.complete = False

    def on_message_complete(self) -> None:
        self.complete = True


def _requests(port: int, cached: bool) -> list[bytes]:
    # Cache-Control: no-cache makes the server evaluate every query instead of answering from its cache.
    extra = "" if cached else "Cache-Control: no-cache\r\n"
    return [
        (f"GET /sparql?{urllib.parse.urlencode({'query': query})} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
         f"Accept: {JSON}\r\n{extra}\r\n").encode()
        for query in QUERIES
    ]


async def _connection(port: int, deadline: float, result: LoadResult, offset: int, cached: bool) -> None:
    """One client: a request, its whole answer, the next request; a new connection when the server
    ends one with `Connection: close`, as any HTTP client would."""
    requests = _requests(port, cached)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for number in range(offset, offset + MAX_REQUESTS_PER_CONNECTION):
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            writer.write(requests[number % len(requests)])
            response = _Response()
            try:
                while not response.complete:
                    data = await asyncio.wait_for(reader.read(65536), REQUEST_TIMEOUT_S)
                    if not data:
                        raise ConnectionError("the server closed the connection before answering")
                    response.parser.feed_data(data)
            except (OSError, asyncio.TimeoutError, httptools.HttpParserError) as error:
                result.errors.append(f"{type(error).__name__}: {error}")
                return
            result.latencies.append(time.perf_counter() - started)
            if response.parser.get_status_code() != 200:
                result.errors.append(f"HTTP {response.parser.get_status_code()}")
            if not response.parser.should_keep_alive():
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


async def _load(port: int, connections: int, seconds: float, cached: bool) -> LoadResult:
    result = LoadResult(connections, seconds, cached)
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_connection(port, deadline, result, index, cached) for index in range(connections)))
    return result


def load_test(store: Path, connections: int = 50, seconds: float = 30, cached: bool = True) -> LoadResult:
    """Serve `store` with `eurasia-kg serve` and measure it under `connections` concurrent clients.

    With `cached` False, every request asks the server not to answer from its result cache.
    """
    server = start_ours(store)
    try:
        wait_until_up(server)
        return asyncio.run(_load(server.port, connections, seconds, cached))
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store folder (default: build the embedded corpus)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--no-cache", action="store_true", help="ask the server to evaluate every query")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = arguments.store or Path(scratch) / "store"
        if arguments.store is None:
            build([CORPUS_DIR], store)
        result = load_test(store, arguments.connections, arguments.seconds, not arguments.no_cache)
    print(result.summary())
    for error in sorted(set(result.errors))[:5]:
        print(f"  error: {error}")


if __name__ == "__main__":
    main()
