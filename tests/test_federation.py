"""Wikidata from outside: the slice refresh and the federated queries, against a real Oxigraph server
on 127.0.0.1 standing in for the Wikidata Query Service, loaded with a Wikidata-shaped dataset."""

from __future__ import annotations

import csv
import gc
import io
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest

from eurasia_kg.graph.federation import ENDPOINT_ENV
from eurasia_kg.graph.link import link_store
from eurasia_kg.graph.linking.slice import ITEM_PAGE, SLICE_FILE, WikidataSlice
from eurasia_kg.graph.serve import oxigraph_binary
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.vocab import DBPEDIA, ENRICHMENT_GRAPH, ENT, LINKS_GRAPH, PQ, WD

from .conftest import run_cli
from .linked_store import build_linked_store

SCHEMA = "https://schema.org/"
# Wikidata-shaped additions to the stand-in, beyond the bundled slice. The start time is a value made
# up for this test, not a fact about Kyrgyzstan; the article and the alias are what Wikidata would give.
STANDIN_EXTRAS = f"""
<{WD}Q232> <http://www.w3.org/2004/02/skos/core#altLabel> "Qazaqstan"@en .
<https://en.wikipedia.org/wiki/Kazakhstan> <{SCHEMA}about> <{WD}Q232> ;
    <{SCHEMA}isPartOf> <https://en.wikipedia.org/> .
<{WD}Q813> <http://www.wikidata.org/prop/P463> <{WD}statement/Q813-standin-1> .
<{WD}statement/Q813-standin-1> <http://www.wikidata.org/prop/statement/P463> <{WD}Q485207> ;
    <{PQ}P580> "1999-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def standin(tmp_path_factory):
    """The URL of a read-only Oxigraph server holding the slice's facts and the extras, all in its default graph."""
    folder = tmp_path_factory.mktemp("wikidata-standin")
    store = ox.Store(str(folder))
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in ox.parse(path=str(SLICE_FILE)))
    store.load(STANDIN_EXTRAS.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    gc.collect()  # the server needs the directory to itself
    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(folder),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_until_ready(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_ready(url: str, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"the stand-in server at {url} did not start")


@pytest.fixture(scope="module")
def refreshed(standin, tmp_path_factory):
    path = tmp_path_factory.mktemp("refreshed") / "slice.trig"
    shutil.copyfile(SLICE_FILE, path)
    result = run_cli("link", "--refresh", "--endpoint", standin, "--wikidata-slice", str(path))
    assert "Refreshed" in result.stdout
    return path


def test_refresh_renews_the_slice_from_the_endpoint(refreshed):
    wikidata = WikidataSlice.read(refreshed)
    kazakhstan = wikidata.items[f"{WD}Q232"]
    assert "Qazaqstan" in kazakhstan.aliases and kazakhstan.label == "Kazakhstan"
    sources = {fact.source.value for fact in wikidata.facts(f"{WD}Q232")}
    assert sources == {f"{ITEM_PAGE}Q232"}  # a refreshed fact's source is its item's Wikidata page
    assert wikidata.english_article(f"{WD}Q232") is not None
    qualifiers = {f.triple.predicate.value for f in wikidata.facts(f"{WD}Q813")}
    assert f"{PQ}P580" in qualifiers
    assert f"{WD}Q1520" in wikidata.items  # Astana: the capital's label came with Kazakhstan's facts


def test_refresh_is_written_in_a_stable_order(standin, refreshed, tmp_path):
    again = tmp_path / "slice.trig"
    shutil.copyfile(refreshed, again)
    run_cli("link", "--refresh", "--endpoint", standin, "--wikidata-slice", str(again))
    assert _without_date(again.read_text()) == _without_date(refreshed.read_text())


def test_a_refreshed_slice_gives_dbpedia_links_and_dated_memberships(refreshed, tmp_path):
    build_linked_store(tmp_path / "store", WikidataSlice.read(refreshed))
    store = StoreFolder(tmp_path / "store").open()
    same_as = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
    targets = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(f"{ENT}kazakhstan"), same_as, None,
                                                               ox.NamedNode(str(LINKS_GRAPH)))}
    assert f"{DBPEDIA}Kazakhstan" in targets
    starts = list(store.quads_for_pattern(None, ox.NamedNode(f"{PQ}P580"), None, ox.NamedNode(str(ENRICHMENT_GRAPH))))
    assert [q.object.value for q in starts] == ["1999-01-01T00:00:00Z"]


def test_a_failed_refresh_keeps_the_old_slice(tmp_path):
    path = tmp_path / "slice.trig"
    shutil.copyfile(SLICE_FILE, path)
    before = path.read_bytes()
    result = run_cli("link", "--refresh", "--endpoint", f"http://127.0.0.1:{free_port()}/query",
                     "--wikidata-slice", str(path), check=False)
    assert result.returncode == 1 and "cannot reach the endpoint" in result.stderr
    assert path.read_bytes() == before


@pytest.fixture(scope="module")
def linked_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("federated")
    build_linked_store(folder)
    return folder


def test_member_populations_asks_the_configured_endpoint(standin, linked_folder):
    text = run_cli("query", "member-populations", "--store", str(linked_folder), "--format", "csv",
                   env={ENDPOINT_ENV: standin}).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    sco = [(r["stateLabel"], r["population"]) for r in rows if r["organisation"] == f"{ENT}sco"]
    assert sco == [("Kazakhstan", "20139914"), ("Tajikistan", "9504000"), ("Kyrgyzstan", "6694200")]
    # an organisation the reference data does not know, linked by the linker, is asked about too
    osce = {r["stateLabel"] for r in rows if r["organisation"] == f"{ENT}osce"}
    assert osce == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    assert {r["endpoint"] for r in rows} == {standin}


def test_the_endpoint_can_be_given_per_query_and_only_as_an_iri(standin, linked_folder):
    rows = run_cli("query", "member-populations", "--param", f"endpoint={standin}", "--param", "organisation=sco",
                   "--store", str(linked_folder), "--format", "csv").stdout.splitlines()
    assert len(rows) == 4
    hostile = run_cli("query", "member-populations", "--param", "endpoint=http://x/> { ?a ?b ?c } #",
                      "--store", str(linked_folder), check=False)
    assert hostile.returncode == 2 and "takes an IRI" in hostile.stderr


def test_an_unreachable_endpoint_is_a_clear_error(linked_folder):
    result = run_cli("query", "member-populations", "--store", str(linked_folder),
                     env={ENDPOINT_ENV: f"http://127.0.0.1:{free_port()}/query"}, check=False)
    assert result.returncode == 1 and "could not answer" in result.stderr


def test_linking_runs_offline_with_the_bundled_slice(tmp_path):
    outcome = link_store(ox.Store(), WikidataSlice.read())  # no network: nothing to do, nothing fails
    assert outcome.enrichment_facts == 0


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "issued" not in line and "answered about" not in line)


def test_a_blank_endpoint_counts_as_not_given(standin, linked_folder):
    rows = run_cli("query", "member-populations", "--param", "endpoint=", "--param", "organisation=sco",
                   "--store", str(linked_folder), "--format", "csv", env={ENDPOINT_ENV: standin}).stdout.splitlines()
    assert len(rows) == 4
