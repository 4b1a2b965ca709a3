"""`eurasia-kg serve`: a real SPARQL endpoint on 127.0.0.1 over the built store."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def endpoint(corpus_store):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "eurasia_kg", "serve", "--store", str(corpus_store), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url, process
    process.terminate()
    process.wait(timeout=10)


def sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(
        url + "query?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_endpoint_answers_over_the_union_of_graphs(endpoint):
    url, process = endpoint
    result = sparql(url, "PREFIX ekg: <https://w3id.org/eurasia-kg/ontology#> SELECT (COUNT(?d) AS ?n) WHERE { ?d a ekg:Document }")
    assert int(result["results"]["bindings"][0]["n"]["value"]) >= 5
    one = sparql(
        url,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/eurasia-kg/graph/doc/001_a97adf39f3a6077f> { ?s ?p ?o } }",
    )
    assert int(one["results"]["bindings"][0]["n"]["value"]) > 100


def test_endpoint_is_read_only(endpoint):
    url, _ = endpoint
    request = urllib.request.Request(
        url + "update", data=b"update=INSERT DATA { <urn:a> <urn:b> <urn:c> }", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (403, 404, 405)
