"""Endpoint benchmark: `python -m bench.endpoint [--store DIR]` (also part of `make bench`).

Three servers answer the same queries over the same data, measured in one run and interleaved
round by round so that the shared machine's drift falls on all of them alike:

- the raw engine: `oxigraph serve-read-only --union-default-graph` on the store's live database;
- ours: `eurasia-kg serve` on the same store, as clients meet it (a repeated query is answered
  from the result cache) and with `Cache-Control: no-cache` (every query evaluated: the cost of
  our layer over the engine);
- rdflib-endpoint (rdflib's SPARQL engine behind FastAPI) on an N-Quads dump of the store.

Latency is sequential requests on one keep-alive connection (p50, p99); throughput is requests per
second from several concurrent keep-alive clients. Printed as ratios against the raw engine and
rdflib-endpoint. Without `--store`, the shared analyses and the embedded corpus are built first.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from eurasia_kg.build import build
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph.serve import oxigraph_binary
from eurasia_kg.graph.store import StoreFolder

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SMALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = "application/sparql-results+json"
ROUNDS = 20  # short rounds, so that load from elsewhere falls on every server alike
CLIENTS = 4
THROUGHPUT_S = 3.0
RDFLIB = "rdflib-endpoint"


@dataclass
class Server:
    name: str
    port: int
    path: str
    process: subprocess.Popen
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request, besides Accept
    times: dict[str, list[float]] = field(default_factory=dict)
    throughput: dict[str, float] = field(default_factory=dict)
    errors: int = 0  # requests of the throughput run that failed (the connection dropped)

    def url(self, query: str) -> str:
        return f"{self.path}?{urllib.parse.urlencode({'query': query})}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(server: Server, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with code {server.process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            connection.request("GET", server.url("ASK {}"), headers={"Accept": JSON})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer within {seconds:.0f} s")


def start_raw(database: Path) -> Server:
    port = free_port()
    command = [oxigraph_binary(), "serve-read-only", "--location", str(database), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph", "--timeout-s", "30"]
    return Server("oxigraph (raw)", port, "/query", subprocess.Popen(command, stderr=subprocess.DEVNULL))


def start_ours(store: Path) -> Server:
    process = subprocess.Popen([sys.executable, "-m", "eurasia_kg", "serve", "--store", str(store), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise RuntimeError(f"eurasia-kg serve did not print its URL: {line!r}")
    return Server("eurasia-kg serve", int(match.group(1)), "/sparql", process)


def start_rdflib_endpoint(dump: Path) -> Server | None:
    executable = Path(sys.executable).with_name("rdflib-endpoint")
    if not executable.exists():
        print("rdflib-endpoint is not installed (pip install -e '.[bench]'); skipping it\n")
        return None
    port = free_port()
    command = [str(executable), "serve", str(dump), "--host", "127.0.0.1", "--port", str(port)]
    return Server(RDFLIB, port, "/", subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                                                        stderr=subprocess.DEVNULL))


def sequential(server: Server, query: str, count: int) -> list[float]:
    """Seconds per request, one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    url, times = server.url(query), []
    for _ in range(count):
        start = time.perf_counter()
        connection.request("GET", url, headers={"Accept": JSON, **server.headers})
        response = connection.getresponse()
        body = response.read()
        times.append(time.perf_counter() - start)
        if response.status != 200:
            raise RuntimeError(f"{server.name} answered {response.status}: {body[:200]!r}")
    connection.close()
    return times


def _client(port: int, url: str, headers: dict[str, str], seconds: float) -> tuple[int, int]:
    """Requests answered and requests failed; a dropped connection is counted and opened again."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    done, failed, deadline = 0, 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection.request("GET", url, headers={"Accept": JSON, **headers})
            connection.getresponse().read()
            done += 1
        except (ConnectionError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    return done, failed


def throughput(server: Server, query: str, clients: int, seconds: float) -> float:
    """Requests per second answered to `clients` concurrent keep-alive clients (failures in server.errors)."""
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        start = time.perf_counter()
        counts = pool.starmap(_client, [(server.port, server.url(query), server.headers, seconds)] * clients)
        server.errors += sum(failed for _, failed in counts)
        return sum(done for done, _ in counts) / (time.perf_counter() - start)


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure(servers: list[Server]) -> None:
    plan = {"small": (SMALL, 25, 10), "count": (COUNT, 3, 1)}  # query, requests per round: engines, rdflib
    for server in servers:
        sequential(server, SMALL, 20)  # warm up
    for _ in range(ROUNDS):
        for server in servers:
            for name, (query, engine_count, rdflib_count) in plan.items():
                count = rdflib_count if server.name == RDFLIB else engine_count
                server.times.setdefault(name, []).extend(sequential(server, query, count))
    for server in servers:
        if server.name != RDFLIB:
            server.throughput["small"] = throughput(server, SMALL, CLIENTS, THROUGHPUT_S)


def report(servers: list[Server]) -> None:
    print(f"{'server':30} {'query':6} {'p50 ms':>9} {'p99 ms':>9} {'req/s':>8}")
    for server in servers:
        for name, times in server.times.items():
            rate = server.throughput.get(name)
            print(f"{server.name:30} {name:6} {percentile(times, .5) * 1e3:9.3f} {percentile(times, .99) * 1e3:9.3f} "
                  f"{f'{rate:8.0f}' if rate else '       –'}" + (f"  ({server.errors} failed)" if rate and server.errors else ""))
    p50 = lambda server, name: percentile(server.times[name], .5)  # noqa: E731
    raw, rdflib = servers[0], next((s for s in servers if s.name == RDFLIB), None)
    print()
    for ours in servers[1:3]:
        print(f"{ours.name:30} / raw engine: p50 small {p50(ours, 'small') / p50(raw, 'small'):.2f}×, "
              f"count {p50(ours, 'count') / p50(raw, 'count'):.2f}× (target ≤ 1.2×); "
              f"throughput {ours.throughput['small'] / raw.throughput['small']:.2f}×")
    if rdflib:
        for ours in servers[1:3]:
            print(f"rdflib-endpoint / {ours.name:30}: p50 small {p50(rdflib, 'small') / p50(ours, 'small'):.1f}× "
                  f"(target ≥ 8×), count {p50(rdflib, 'count') / p50(ours, 'count'):.1f}× (target ≥ 40×)")


def main(store: Path | None) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        if store is None:
            store = Path(scratch) / "store"
            print("building the shared analyses and the embedded corpus …")
            build([SHARED_CORPUS, CORPUS_DIR], store)
        database = StoreFolder(store).database()
        dump = Path(scratch) / "store.nq"
        live = StoreFolder(store).open()
        live.dump(str(dump), ox.RdfFormat.N_QUADS)
        print(f"store: {len(live):,} quads\n")
        del live
        ours = start_ours(store)
        uncached = Server("eurasia-kg serve, no cache", ours.port, ours.path, ours.process, {"Cache-Control": "no-cache"})
        servers = [start_raw(database), ours, uncached]
        rdflib = start_rdflib_endpoint(dump)
        servers += [rdflib] if rdflib else []
        try:
            for server in servers:
                wait_until_up(server)
            measure(servers)
        finally:
            for server in servers:
                server.process.terminate()
                server.process.wait(timeout=30)
        report(servers)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store folder (default: build one)")
    main(parser.parse_args().store)
