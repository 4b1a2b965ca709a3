"""The W3C SPARQL 1.1 Protocol tests, replayed against a real `eurasia-kg serve`.

The manifest in ../shared/w3c-sparql11-protocol lists each test's requests (method, path under
`/sparql/`, headers, body and its charset) and what must come back (status class, result format,
ASK answer). The query cases run against the read-only endpoint; every case, updates included,
runs against a writable copy with an update token. The pass counts are printed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection

from eurasia_kg.graph.store import StoreFolder
from tests.conftest import REPO
from tests.endpoint_server import Reply, Server, serving

SUITE = REPO.parent / "shared" / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
TOKEN = "protocol-test-token"
TABULAR = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"}


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    status_classes: frozenset[int]  # 2 for hts:StatusCode2xx, …
    result_format: str | None  # "boolean", "tabular" or "RDF"
    boolean: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    steps: tuple[Step, ...]

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")


def read_manifest() -> list[Case]:
    """Every protocol test of the manifest, in its order."""
    manifest = Graph().parse(SUITE / "manifest.ttl", format="turtle")
    root = next(manifest.subjects(MF.entries, None))
    return [_case(manifest, entry) for entry in Collection(manifest, manifest.value(root, MF.entries))]


def _case(manifest: Graph, entry) -> Case:
    connection = manifest.value(entry, MF.action)
    requests = Collection(manifest, manifest.value(connection, HT.requests))
    return Case(str(entry).rsplit("#", 1)[1], tuple(_step(manifest, request) for request in requests))


def _step(manifest: Graph, request) -> Step:
    headers = {}
    header_list = manifest.value(request, HT.headers)
    for header in Collection(manifest, header_list) if header_list else ():
        headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
    body = manifest.value(request, HT.body)
    payload = None
    if body is not None:
        charset = str(manifest.value(body, CNT.characterEncoding) or "UTF-8")
        payload = str(manifest.value(body, CNT.chars)).encode(charset.lower())
    response = manifest.value(request, HT.resp)
    classes = frozenset(int(str(code)[-3]) for code in manifest.objects(response, MF.expectedStatus))
    expected_format = manifest.value(response, MF.expectedFormat)
    expected_boolean = manifest.value(response, MF.expectedBoolean)
    path = str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    return Step(str(manifest.value(request, HT.methodName)), path, headers, payload, classes,
                str(expected_format) if expected_format else None,
                None if expected_boolean is None else expected_boolean.toPython())


def replay(server: Server, case: Case, token: str | None = None) -> str | None:
    """Run a case's requests in order; None when every response is as expected, else what went wrong."""
    for number, step in enumerate(case.steps, 1):
        headers = dict(step.headers)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        reply = server.request(step.method, step.path, step.body, headers)
        problem = _check(step, reply)
        if problem:
            return f"request {number}: {problem}"
    return None


def _check(step: Step, reply: Reply) -> str | None:
    if reply.status // 100 not in step.status_classes:
        return f"status {reply.status} ({reply.body[:200]!r}), expected {sorted(step.status_classes)}xx"
    if step.result_format == "tabular" and reply.media_type not in TABULAR:
        return f"{reply.media_type} is no SPARQL results format"
    if step.result_format == "RDF" and reply.media_type not in RDF_TYPES:
        return f"{reply.media_type} is no RDF format"
    if step.result_format == "boolean":
        answer = _boolean(reply)
        if answer is None:
            return f"no boolean result in {reply.media_type}: {reply.body[:200]!r}"
        if step.boolean is not None and answer != step.boolean:
            return f"answered {answer}, expected {step.boolean}"
    return None


def _boolean(reply: Reply) -> bool | None:
    if reply.media_type == "application/sparql-results+json":
        return json.loads(reply.body).get("boolean")
    if reply.media_type == "application/sparql-results+xml":
        found = ET.fromstring(reply.body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if found is None else found.text == "true"
    return None


@pytest.fixture(scope="module")
def protocol_store(tmp_path_factory) -> Path:
    """A store holding the suite's data files, each in the named graph the manifest names it by."""
    manifest = Graph().parse(SUITE / "manifest.ttl", format="turtle")
    graphs = {str(manifest.value(data, UT.graph)): str(manifest.value(data, RDFS_LABEL))
              for data in manifest.objects(None, UT.graphData)}
    store = tmp_path_factory.mktemp("protocol") / "store"
    with StoreFolder(store).building() as generation:
        for file, name in sorted(graphs.items()):
            generation.store.load(path=str(SUITE / Path(file).name), format=ox.RdfFormat.N_TRIPLES,
                                  to_graph=ox.NamedNode(name))
    return store


def test_every_query_case_passes_on_the_read_only_endpoint(protocol_store, capsys):
    cases = [case for case in read_manifest() if not case.is_update]
    with serving(protocol_store) as server:
        failures = {case.name: replay(server, case) for case in cases}
    failed = {name: problem for name, problem in failures.items() if problem}
    with capsys.disabled():
        print(f"\nW3C SPARQL 1.1 Protocol, read-only endpoint: {len(cases) - len(failed)} of {len(cases)} "
              "query and error cases pass")
    assert not failed, failed


def test_update_cases_on_a_writable_copy(protocol_store, tmp_path, capsys):
    cases = read_manifest()
    with serving(protocol_store, "--writable", str(tmp_path / "writable"), env={"EURASIA_KG_UPDATE_TOKEN": TOKEN}) as server:
        failures = {case.name: replay(server, case, TOKEN) for case in cases}
    failed = {name: problem for name, problem in failures.items() if problem}
    with capsys.disabled():
        print(f"\nW3C SPARQL 1.1 Protocol, writable endpoint: {len(cases) - len(failed)} of {len(cases)} cases pass"
              + "".join(f"\n  failed {name}: {problem}" for name, problem in failed.items()))
    assert not failed, failed
    assert len(cases) == 34
