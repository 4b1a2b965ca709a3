"""The enrichment graph: what the Wikidata slice knows of linked items, every fact with its source."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from eurasia_kg.graph.linking.slice import SLICE_IRI, SliceError, WikidataSlice
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.vocab import ENRICHMENT_GRAPH, WD, WDT

from .linked_store import build_linked_store

ENRICHMENT = ox.NamedNode(str(ENRICHMENT_GRAPH))
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
CONZEPT = "https://github.com/waldenn/conzept/blob/149bbc9633a4bc725a076517c7a379eaa7c6e6de/app/explore2/src/data/countries.js"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    folder = tmp_path_factory.mktemp("enriched")
    build_linked_store(folder)
    return StoreFolder(folder).open()


def values(store: ox.Store, qid: str, pid: str) -> set[str]:
    quads = store.quads_for_pattern(ox.NamedNode(f"{WD}{qid}"), ox.NamedNode(f"{WDT}{pid}"), None, ENRICHMENT)
    return {q.object.value for q in quads}


def sources_of(store: ox.Store, subject: str, predicate: str, obj: ox.Term) -> set[str]:
    rows = store.query(f"""SELECT ?source ?wanted WHERE {{ GRAPH <{ENRICHMENT_GRAPH}> {{
        ?fact a <{RDF}Statement> ; <{RDF}subject> <{subject}> ; <{RDF}predicate> <{predicate}> ; <{RDF}object> ?wanted ;
              <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }} }}""", substitutions={ox.Variable("wanted"): obj})
    return {row["source"].value for row in rows}


def test_linked_items_bring_their_codes_capital_dates_coordinates_and_memberships(store):
    assert values(store, "Q232", "P297") == {"KZ"} and values(store, "Q232", "P298") == {"KAZ"}
    assert values(store, "Q232", "P36") == {f"{WD}Q1520"}
    assert values(store, "Q232", "P571") == {"1991"}
    assert values(store, "Q232", "P625") == {"Point(68.0 48.0)"}
    assert values(store, "Q232", "P1566") == {"1522867"}
    assert f"{WD}Q485207" in values(store, "Q232", "P463")  # the SCO


def test_every_fact_names_the_page_it_was_read_from(store):
    assert sources_of(store, f"{WD}Q232", f"{WDT}P297", ox.Literal("KZ")) == {CONZEPT}
    asserted = [q for q in store.quads_for_pattern(None, None, None, ENRICHMENT)
                if q.subject.value.startswith(str(WD)) and q.subject.value != SLICE_IRI]
    assert asserted
    for quad in asserted:
        assert sources_of(store, quad.subject.value, quad.predicate.value, quad.object), f"no source for {quad}"


def test_the_items_facts_point_to_are_named(store):
    labels = store.quads_for_pattern(ox.NamedNode(f"{WD}Q1520"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                     None, ENRICHMENT)
    assert "Astana" in {q.object.value for q in labels}  # Kazakhstan's capital


def test_only_linked_items_and_candidates_are_brought_in(store):
    def about(qid: str) -> set[str]:
        return {q.predicate.value for q in store.quads_for_pattern(ox.NamedNode(f"{WD}{qid}"), None, None, ENRICHMENT)}

    assert about("Q7988") == set()  # the Laptev Sea: in the slice, but neither linked nor a candidate
    assert about("Q485496") == {"http://www.w3.org/2000/01/rdf-schema#label"}  # Shymkent: a candidate, named only


def test_the_enrichment_graph_says_which_slice_it_comes_from(store):
    issued = store.quads_for_pattern(ox.NamedNode(SLICE_IRI), ox.NamedNode("http://purl.org/dc/terms/issued"), None, ENRICHMENT)
    assert len(list(issued)) == 1


def test_the_bundled_slice_is_sourced_and_wikidata_shaped():
    wikidata = WikidataSlice.read()
    assert len(wikidata.items) > 100
    for item in wikidata.items.values():
        for fact in wikidata.facts(item.iri):
            assert fact.source.value.startswith("https://"), f"{fact} has no public source"
    kazakhstan = wikidata.items[f"{WD}Q232"]
    assert kazakhstan.label == "Kazakhstan" and f"{WD}Q3624078" in kazakhstan.classes


def test_a_broken_slice_is_reported_with_its_file_and_position(tmp_path):
    bad = tmp_path / "slice.trig"
    bad.write_text("<https://example.org/page> { <http://www.wikidata.org/entity/Q1> <p> . }\n", encoding="utf-8")
    with pytest.raises(SliceError, match=r"slice\.trig: is not valid TriG"):
        WikidataSlice.read(bad)
    with pytest.raises(SliceError, match="cannot be read"):
        WikidataSlice.read(tmp_path / "missing.trig")
