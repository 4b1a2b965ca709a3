"""The endpoint over a real server on 127.0.0.1: protocol, formats, limits, Linked Data, descriptions."""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from eurasia_kg.graph.endpoint.http import HttpError
from eurasia_kg.graph.endpoint.sparql import with_using
from tests.endpoint_server import serving

TIMEOUT_S = 5  # short, for the runaway test, yet far above what the slowest page (VoID) needs
CHINA = "https://w3id.org/eurasia-kg/entity/china"
DOCUMENTS = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a ekg:Document }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(corpus_store):
    with serving(corpus_store, "--timeout", str(TIMEOUT_S), "--max-result-mb", "1", "--max-request-kb", "64") as running:
        yield running


def count(reply) -> int:
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


# SPARQL 1.1 Protocol


def test_query_by_get_post_form_and_post_direct_agree(server):
    by_get = count(server.query(DOCUMENTS))
    by_form = count(server.request("POST", "/sparql", urllib.parse.urlencode({"query": DOCUMENTS}),
                                   {"Content-Type": "application/x-www-form-urlencoded"}))
    direct = count(server.request("POST", "/sparql", DOCUMENTS, {"Content-Type": "application/sparql-query"}))
    assert by_get == by_form == direct >= 9  # the union of the document graphs is the default graph


def test_graph_looks_inside_one_document_and_the_protocol_dataset_narrows(server):
    one = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/eurasia-kg/graph/doc/01-sco-at-twenty> { ?s ?p ?o } }"
    assert count(server.query(one)) > 100
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only_reference = server.get("/sparql?" + urllib.parse.urlencode(
        {"query": everything, "default-graph-uri": "https://w3id.org/eurasia-kg/graph/reference"}),
        "application/sparql-results+json")
    assert 0 < count(only_reference) < count(server.query(everything))


@pytest.mark.parametrize("accept, media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_select_results_by_content_negotiation(server, accept, media_type):
    reply = server.query(f"SELECT ?label WHERE {{ <{CHINA}> rdfs:label ?label }}", accept)
    assert reply.status == 200 and reply.media_type == media_type
    if media_type.endswith("json"):
        assert json.loads(reply.body)["results"]["bindings"][0]["label"]["value"] == "China"
    elif media_type.endswith("xml"):
        assert "China" in "".join(ET.fromstring(reply.body).itertext())
    elif media_type == "text/csv":
        assert list(csv.reader(io.StringIO(reply.text)))[1] == ["China"]
    else:
        assert reply.text.splitlines()[1] == '"China"@en'


def test_ask_answers_in_json_or_xml_and_refuses_csv(server):
    assert json.loads(server.query("ASK { ?s ?p ?o }").body) == {"head": {}, "boolean": True}
    assert "true" in server.query("ASK { ?s ?p ?o }", "application/sparql-results+xml").text
    refused = server.query("ASK { ?s ?p ?o }", "text/csv")
    assert refused.status == 406 and "application/sparql-results+json" in refused.text


@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_and_describe_in_rdf_formats(server, accept, rdf_format):
    for sparql in (f"CONSTRUCT WHERE {{ <{CHINA}> ?p ?o }}", f"DESCRIBE <{CHINA}>"):
        reply = server.query(sparql, accept)
        assert reply.status == 200 and reply.media_type == accept
        triples = list(ox.parse(reply.body, rdf_format))
        assert any(t.object == ox.NamedNode("http://www.wikidata.org/entity/Q148") for t in triples)


def test_format_parameter_overrides_accept(server):
    reply = server.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT (1 AS ?x) {}", "format": "csv"}),
                       "application/sparql-results+xml")
    assert reply.media_type == "text/csv" and reply.text.split() == ["x", "1"]


def test_malformed_query_is_400_with_the_parsers_message(server):
    reply = server.query("SELECT ?s WHERE { ?s ?p ")
    assert reply.status == 400
    assert "not valid SPARQL" in reply.text and "error at 1:" in reply.text


def test_protocol_errors(server):
    assert server.request("PUT", "/sparql?query=ASK%7B%7D").status == 405
    assert server.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status == 400
    assert server.request("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"}).status == 415
    assert server.request("POST", "/sparql", "ASK {}".encode("utf-16"),
                          {"Content-Type": "application/sparql-query; charset=UTF-16"}).status == 415


def test_a_failed_service_call_is_502_not_a_broken_200(server):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # nothing listens here once the socket closes
    reply = server.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    assert reply.status == 502 and "SERVICE" in reply.text


def test_updates_are_refused(server):
    for path in ("/sparql", "/update"):
        reply = server.request("POST", path, "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                               {"Content-Type": "application/sparql-update"})
        assert reply.status == 403 and "read-only" in reply.text
    assert count(server.query("SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }")) == 0


def test_using_graph_uri_is_written_before_each_where_and_nowhere_else():
    update = ("# WHERE in a comment {\nINSERT DATA { <urn:s> <urn:p> \"WHERE }\" } ;\n"
              "INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o FILTER(?o<3) } ;\nDELETE WHERE { ?a ?b ?c }")
    written = with_using(update, ("urn:g1",), ("urn:n1",))
    assert written.count("USING <urn:g1> USING NAMED <urn:n1> WHERE { ?s ?p ?o") == 1
    assert written.count("USING") == 2
    with pytest.raises(HttpError):
        with_using("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ("urn:g1",), ())


def test_answers_are_kept_for_the_generation_unless_they_can_change(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ekg:Claim }"
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)  # one process answers both
    hits = []
    for _ in range(2):
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        response.read()
        hits.append(response.getheader("X-Cache"))
    connection.close()
    assert hits == [None, "hit"]
    again = server.get("/sparql?" + urllib.parse.urlencode({"query": query}), "application/sparql-results+json")
    fresh = server.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "application/sparql-results+json", "Cache-Control": "no-cache"})
    assert again.body == fresh.body and "x-cache" not in fresh.headers
    clock = "SELECT (NOW() AS ?t) (COUNT(*) AS ?n) WHERE { ?s a ekg:Claim }"
    assert all("x-cache" not in server.query(clock).headers for _ in range(3))


# limits


def test_runaway_query_is_stopped_at_the_time_limit_while_others_are_answered(server):
    answered: list[tuple[int, float]] = []
    stop = threading.Event()

    def other_client() -> None:
        while not stop.is_set():
            reply = server.query("ASK { ?s a ekg:State }")
            answered.append((reply.status, reply.seconds))
            time.sleep(0.05)

    others = threading.Thread(target=other_client)
    others.start()
    try:
        runaway = server.request("POST", "/sparql", RUNAWAY, {"Content-Type": "application/sparql-query"})
    finally:
        stop.set()
        others.join()
    assert runaway.status == 504 and "time limit" in runaway.text
    assert TIMEOUT_S <= runaway.seconds < TIMEOUT_S + 3
    assert len(answered) >= 5 and all(status == 200 for status, _ in answered)
    assert max(seconds for _, seconds in answered) < 1.5  # never queued behind the runaway
    assert count(server.query(DOCUMENTS)) >= 9  # and the endpoint answers after it


def test_oversized_requests_are_rejected(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000
    assert server.request("POST", "/sparql", big, {"Content-Type": "application/sparql-query"}).status == 413
    assert server.get("/sparql?" + urllib.parse.urlencode({"query": big})).status == 414


def test_a_client_that_sends_a_whole_oversized_body_before_reading_gets_the_413(server):
    """urllib (as SPARQLWrapper and requests do) writes all of its request before it reads a byte."""
    body = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 8_000_000}).encode()
    request = urllib.request.Request(server.url + "sparql", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413
    assert "larger than 65,536 bytes" in refused.value.read().decode()
    assert count(server.query(DOCUMENTS)) >= 9  # and the server goes on answering


def test_a_result_over_the_cap_is_refused_whole(server):
    reply = server.query("SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 422
    assert "cap" in reply.text and "LIMIT" in reply.text
    assert server.query("SELECT * WHERE { ?s ?p ?o } LIMIT 100").status == 200


def test_a_result_growing_without_end_is_stopped_at_the_cap(server):
    reply = server.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "text/tab-separated-values")
    assert reply.status == 422 and "cap" in reply.text
    assert reply.seconds < TIMEOUT_S  # stopped by its size, well before the time limit
    assert count(server.query(DOCUMENTS)) >= 9


# Linked Data


@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_dereferencing_an_entity_gives_rdf_to_machines(server, accept, rdf_format):
    reply = server.get("/entity/china", accept)
    assert reply.status == 200 and reply.media_type == accept and "Accept" in reply.headers["vary"]
    triples = {quad.triple for quad in ox.parse(reply.body, rdf_format)}
    china = ox.NamedNode(CHINA)
    assert ox.Triple(china, ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
                     ox.NamedNode("http://www.wikidata.org/entity/Q148")) in triples
    assert any(t.object == china for t in triples)  # the mentions and facts that point at it


def test_dereferencing_an_entity_gives_a_page_to_people(server):
    reply = server.get("/entity/china", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert reply.status == 200 and reply.media_type == "text/html"
    page = reply.text
    assert "<h1>China</h1>" in page
    assert 'href="https://www.wikidata.org/wiki/Q148"' in page
    assert "<mark>China</mark>" in page  # an evidence quote
    assert 'href="/doc/' in page and 'href="/ontology#State"' in page  # links back into the server


@pytest.mark.parametrize("parameter", ["format", "output"])
def test_a_url_parameter_asks_a_browser_for_rdf(server, parameter):
    reply = server.get(f"/entity/china?{parameter}=turtle", "text/html,*/*;q=0.8")
    assert reply.status == 200 and reply.media_type == "text/turtle"


def test_dereferencing_a_graph_gives_its_content_and_the_ontology_its_terms(server):
    graph = server.get("/graph/doc/01-sco-at-twenty", "text/turtle")
    assert graph.status == 200 and len(list(ox.parse(graph.body, ox.RdfFormat.TURTLE))) > 100
    ontology = server.get("/ontology", "text/html")
    assert ontology.status == 200 and 'id="State"' in ontology.text


def test_unknown_iri_is_404(server):
    assert server.get("/entity/no-such-thing", "text/turtle").status == 404


# descriptions, named queries, query page


def test_service_description_at_the_endpoint(server):
    reply = server.get("/sparql", "text/turtle")
    triples = {quad.triple for quad in ox.parse(reply.body, ox.RdfFormat.TURTLE)}
    endpoint = ox.NamedNode(server.url + "sparql")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert ox.Triple(endpoint, ox.NamedNode(sd + "endpoint"), endpoint) in triples
    assert ox.Triple(endpoint, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")) in triples


def test_void_at_well_known(server):
    reply = server.get("/.well-known/void", "text/turtle")
    triples = {quad.triple for quad in ox.parse(reply.body, ox.RdfFormat.TURTLE)}
    dataset = ox.NamedNode("https://w3id.org/eurasia-kg/dataset")
    void = "http://rdfs.org/ns/void#"
    assert ox.Triple(dataset, ox.NamedNode(void + "sparqlEndpoint"), ox.NamedNode(server.url + "sparql")) in triples
    assert any(t.predicate == ox.NamedNode(void + "classPartition") for t in triples)


def test_named_queries_over_http_bind_parameters_safely(server):
    listing = json.loads(server.get("/queries", "application/json").body)
    assert {"documents", "mentions"} <= {q["name"] for q in listing}
    reply = server.get("/queries/mentions?entity=china", "text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert rows and {row["entity"] for row in rows} == {CHINA}
    injected = server.get("/queries/mentions?" + urllib.parse.urlencode({"entity": "china> } UNION { ?x ?y ?z"}))
    assert injected.status == 400
    assert server.get("/queries/mentions?colour=red").status == 400
    assert server.get("/queries/nothing").status == 404


def test_query_page_uses_local_assets_and_offers_the_named_queries(server):
    page = server.get("/", "text/html").text
    assert '<script src="/static/yasgui.min.js">' in page and "Entity mentions" in page
    assert "https://cdn" not in page and "unpkg" not in page
    script = server.get("/static/yasgui.min.js")
    assert script.status == 200 and script.media_type in ("application/javascript", "text/javascript")
    assert len(script.body) > 100_000


# pages for people: named queries, VoID, entity pages, the query page

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
KAZAKHSTAN = "https://w3id.org/eurasia-kg/entity/kazakhstan"


def test_a_named_query_without_its_required_value_is_a_page_with_the_form_and_the_message(server):
    reply = server.get("/queries/claims-about", BROWSER)
    assert reply.status == 400 and reply.media_type == "text/html"
    assert '<input name="entity" value="" placeholder="central-asia" required>' in reply.text
    assert 'role="alert">parameter error:' in reply.text and "needs a value for its parameter entity" in reply.text
    machine = server.get("/queries/claims-about", "application/sparql-results+json")
    assert machine.status == 400 and machine.media_type == "text/plain"  # machines keep the plain message


def test_a_named_query_page_keeps_the_values_and_links_the_graphs_iris_into_this_server(server):
    reply = server.get("/queries/claims-about?entity=kazakhstan&kind=", BROWSER)
    assert reply.status == 200 and reply.media_type == "text/html"
    assert '<input name="entity" value="kazakhstan"' in reply.text
    assert f'<a href="/entity/kazakhstan" title="{KAZAKHSTAN}">ent:kazakhstan</a>' in reply.text
    assert 'href="https://w3id.org/' not in reply.text
    assert 'href="?entity=kazakhstan&amp;format=csv"' in reply.text  # the blank field is left out
    assert server.get("/queries/claims-about?entity=kazakhstan&format=html").media_type == "text/html"


def test_the_query_pages_form_runs_a_named_query_with_its_values_bound(server):
    """The query page sends the editor's text and the form's values to /queries/NAME as a form."""
    text = json.loads(server.get("/queries", "application/json").body)
    assert any(q["name"] == "claims-about" for q in text)
    library_text = next(e for e in _page_examples(server) if e["name"] == "claims-about")["query"]
    form = {"query": library_text, "entity": "kazakhstan"}
    reply = server.request("POST", "/queries/claims-about", urllib.parse.urlencode(form),
                           {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    bindings = json.loads(reply.body)["results"]["bindings"]
    assert bindings and {b["entity"]["value"] for b in bindings} == {KAZAKHSTAN}
    missing = server.request("POST", "/queries/claims-about", urllib.parse.urlencode({"query": library_text}),
                             {"Content-Type": "application/x-www-form-urlencoded"})
    assert missing.status == 400 and "needs a value for its parameter entity" in missing.text
    injected = server.request("POST", "/queries/claims-about", urllib.parse.urlencode(
        {"query": library_text, "entity": "kazakhstan> } UNION { ?x ?y ?z"}), {"Content-Type": "application/x-www-form-urlencoded"})
    assert injected.status == 400
    edited = server.request("POST", "/queries/claims-about", urllib.parse.urlencode(
        {"query": "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "entity": "kazakhstan"}),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert edited.status == 400 and "keep each parameter's variable in the SELECT" in edited.text
    linked = server.get("/queries/claims-about?" + urllib.parse.urlencode({"query": "ASK {}", "entity": "china"}))
    assert linked.status == 400  # only the page's form replaces the text, never a link


def test_the_query_page_offers_each_parameter_with_its_example_and_local_links(server):
    page = server.get("/", "text/html").text
    assert '<script src="/static/query-page.js">' in page and '<form id="parameters"' in page
    assert 'base: "https://w3id.org/eurasia-kg/"' in page
    claims_about = next(e for e in _page_examples(server) if e["name"] == "claims-about")
    assert {"name": "entity", "optional": False, "example": "central-asia"}.items() <= claims_about["parameters"][0].items()
    script = server.get("/static/query-page.js")
    assert script.status == 200 and "https://" not in script.text  # nothing loaded from elsewhere


def _page_examples(server) -> list[dict]:
    page = server.get("/", "text/html").text
    return json.loads(page.split("examples: ", 1)[1].split(", base: ", 1)[0])


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the page's script")
def test_the_query_pages_script_points_the_graphs_iris_at_this_server():
    script = Path(__file__).parents[1] / "graph" / "endpoint" / "static" / "query-page.js"
    check = f"""
        const page = require({json.dumps(str(script))});
        const base = "https://w3id.org/eurasia-kg/";
        console.log(JSON.stringify([
          page.localHref(base + "entity/china", base), page.localHref("http://www.wikidata.org/entity/Q148", base),
          page.namedQueryOf("http://127.0.0.1:7878/queries/claims-about"), page.namedQueryOf("http://127.0.0.1:7878/sparql"),
          page.argumentsFor({{entity: " china ", kind: ""}}),
        ]));"""
    answer = subprocess.run(["node", "-e", check], capture_output=True, text=True, check=True).stdout
    assert json.loads(answer) == ["/entity/china", "http://www.wikidata.org/entity/Q148", "claims-about", "",
                                  [{"name": "entity", "value": "china"}]]


def test_void_is_a_page_for_a_browser_and_rdf_for_the_rest(server):
    page = server.get("/.well-known/void", BROWSER)
    assert page.status == 200 and page.media_type == "text/html" and "Accept" in page.headers["vary"]
    assert "<h1>eurasia-kg knowledge graph</h1>" in page.text
    assert ">void:classPartition</a>" in page.text and 'href="/ontology#State"' in page.text
    for accept in ("", "*/*", "text/turtle"):
        assert server.get("/.well-known/void", accept).media_type == "text/turtle"
    assert server.get("/.well-known/void?format=jsonld", BROWSER).media_type == "application/ld+json"
    assert server.get("/dataset", "text/turtle").text == server.get("/.well-known/void", "text/turtle").text


def test_an_entity_page_shows_a_stated_property_once_with_its_alignments(server):
    members = server.query("SELECT DISTINCT ?s WHERE { ?s ekg:memberOf ?o } ORDER BY ?s LIMIT 1")
    member = json.loads(members.body)["results"]["bindings"][0]["s"]["value"]
    page = server.get("/" + member.removeprefix("https://w3id.org/eurasia-kg/"), BROWSER).text
    statements = page.split("<h2>Statements</h2>", 1)[1].split("</table>", 1)[0]
    assert ">member of</a>" in statements
    assert "sub-property of" in statements and ">wdt:P463</a>" in statements  # the alignment, as a note
    rows = statements.split("<tr>")
    assert not any(row.lstrip().startswith(("<th><a href=\"https://schema.org/memberOf\"",
                                            "<th><a href=\"http://www.wikidata.org/prop/direct/P463\"")) for row in rows)


def test_an_entity_page_names_what_refers_to_it(server):
    page = server.get("/entity/china", BROWSER).text
    referred = page.split("<h2>Referred to by", 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<a href="/[^"]*" title="[^"]*">([^<]*)</a>', referred)
    assert any(text.startswith("fact: ") for text in shown) and any(text.startswith("claim: “") for text in shown)
    assert not any(text.startswith(("doc:", "https://")) for text in shown)  # no raw IRIs
