"""Linking: reference identities kept, exact names linked with a score, the rest left for curation."""

from __future__ import annotations

import csv
import difflib
import io

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eurasia_kg.graph import link
from eurasia_kg.graph.link import CANDIDATE_FLOOR, Entity, Matcher, link_store
from eurasia_kg.graph.linking.slice import Fact, WikidataSlice
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.names import name_key
from eurasia_kg.vocab import EKG, ENRICHMENT_GRAPH, ENT, LINKS_GRAPH, WD

from .conftest import run_cli
from .linked_store import build_linked_store

SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
LINKS = ox.NamedNode(str(LINKS_GRAPH))


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("linked")
    outcome = build_linked_store(folder)
    return folder, outcome, StoreFolder(folder).open()


def links_of(store: ox.Store, name: str) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(f"{ENT}{name}"), SAME_AS, None, LINKS)}


def record_of(store: ox.Store, name: str) -> dict[str, str]:
    """The ekg:Link record of an entity's Wikidata link, as {property local name: value}."""
    rows = store.query(f"""
        SELECT ?p ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{
          ?link a <{EKG}Link> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{ENT}{name}> ;
                <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?target ; ?p ?o .
          FILTER(STRSTARTS(STR(?target), "{WD}")) }} }}""")
    return {row["p"].value.rsplit("#", 1)[-1]: row["o"].value for row in rows}


def test_an_exact_label_links_with_its_score_method_and_source(linked):
    _, outcome, store = linked
    assert links_of(store, "baikonur") == {f"{WD}Q165413"}
    record = record_of(store, "baikonur")
    assert record["linkAccepted"] == "true" and float(record["linkScore"]) >= 0.9
    assert "exact label" in record["linkMethod"]
    assert record["wasDerivedFrom"].startswith("https://github.com/")  # the page the name was read on
    assert outcome.linked[f"{ENT}baikonur"] == f"{WD}Q165413"


def test_reference_identities_are_kept_not_relinked(linked):
    _, outcome, store = linked
    assert outcome.identified[f"{ENT}kazakhstan"] == f"{WD}Q232"
    # its owl:sameAs to Wikidata stays in graph:reference only (graph:links may add DBpedia)
    assert {t for t in links_of(store, "kazakhstan") if t.startswith(str(WD))} == set()
    assert f"{ENT}kazakhstan" not in outcome.linked


def test_classes_that_disagree_keep_an_entity_unlinked(linked):
    _, outcome, store = linked
    assert links_of(store, "georgia-ga") == set()  # the slice's Georgia is a country, this one a place
    assert f"{ENT}georgia-ga" not in outcome.linked


def test_a_near_spelling_is_a_candidate_never_a_link(linked):
    _, outcome, store = linked
    assert links_of(store, "shymkemt") == set()
    record = record_of(store, "shymkemt")
    assert record["linkAccepted"] == "false" and float(record["linkScore"]) < 0.9
    assert "similar label" in record["linkMethod"]
    assert outcome.candidates[f"{ENT}shymkemt"].item.qid == "Q485496"


def test_the_unlinked_query_lists_what_needs_curation(linked):
    folder, _, _ = linked
    text = run_cli("query", "unlinked", "--store", str(folder), "--format", "csv").stdout
    rows = {row["entity"].removeprefix(str(ENT)): row for row in csv.DictReader(io.StringIO(text))}
    assert {"georgia-ga", "shymkemt", "novatek"} <= set(rows)
    assert not {"baikonur", "kazakhstan", "sco"} & set(rows)
    assert rows["shymkemt"]["candidate"] == f"{WD}Q485496" and rows["shymkemt"]["candidateLabel"] == "Shymkent"
    assert rows["novatek"]["candidate"] == "" and rows["novatek"]["mentions"] == "1"
    only_places = run_cli("query", "unlinked", "--param", "class=Place", "--store", str(folder), "--format", "csv").stdout
    assert "novatek" not in only_places and "shymkemt" in only_places


def test_geonames_links_are_derived_from_wikidata(linked):
    _, outcome, store = linked
    close = ox.NamedNode("http://www.w3.org/2004/02/skos/core#closeMatch")
    targets = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(f"{ENT}kazakhstan"), close, None, LINKS)}
    assert targets == {"https://sws.geonames.org/1522867/"}
    assert outcome.external["GeoNames"] >= 1


def test_two_items_with_the_same_name_make_an_entity_ambiguous(tmp_path):
    source = ox.NamedNode("https://example.org/a-page-listing-two-places")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    facts = [Fact(ox.Triple(ox.NamedNode(f"{WD}{qid}"), label, ox.Literal("Baikonur", language="en")), source)
             for qid in ("Q165413", "Q999999999")]
    outcome = build_linked_store(tmp_path / "store", WikidataSlice(facts))
    assert f"{ENT}baikonur" not in outcome.linked
    assert outcome.candidates[f"{ENT}baikonur"].method.startswith("ambiguous")


def test_linking_the_same_store_twice_gives_the_same_links(tmp_path):
    dumps = []
    for name in ("one", "two"):
        build_linked_store(tmp_path / name)
        store = StoreFolder(tmp_path / name).open()
        dumps.append(sorted(str(q) for q in store.quads_for_pattern(None, None, None, LINKS)))
    assert dumps[0] == dumps[1] and dumps[0]


def test_linking_an_unchanged_store_again_finds_every_quad_in_place(tmp_path, monkeypatch):
    """Each term the linker writes is the one the store gives back (a score of 1 as "1", not "1.0"):
    a rebuild then neither removes nor adds a link it wrote before."""
    build_linked_store(tmp_path / "store")
    store = ox.Store(str(StoreFolder(tmp_path / "store").database()))
    differing: dict[str, set[ox.Quad]] = {}

    def compare(store: ox.Store, quads, graph_iri: str) -> None:
        held = set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))
        differing[graph_iri] = held ^ set(quads)

    monkeypatch.setattr(link, "replace_graph", compare)
    link_store(store, WikidataSlice.read())
    assert set(differing) == {str(LINKS_GRAPH), str(ENRICHMENT_GRAPH)}
    assert differing == {graph: set() for graph in differing}


@pytest.mark.parametrize(("a", "b"), [("The Kyrgyz Republic", "kyrgyz republic"), ("Brasília", "brasilia"),
                                      ("Asia–Pacific", "asia pacific")])
def test_names_are_compared_without_case_accents_punctuation_or_article(a, b):
    assert name_key(a) == name_key(b)


def test_scores_rank_exact_labels_above_aliases_above_near_spellings():
    matcher = Matcher(WikidataSlice.read(), {})
    exact = matcher.candidates(Entity(f"{ENT}x", f"{EKG}Place", ("Bishkek",)))[0]
    alias = matcher.candidates(Entity(f"{ENT}x", f"{EKG}State", ("Russian Federation",)))[0]
    near = matcher.candidates(Entity(f"{ENT}x", f"{EKG}Place", ("Bishkeq",)))[0]
    assert exact.score > alias.score > near.score
    assert (exact.item.qid, alias.item.qid, near.item.qid) == ("Q9361", "Q159", "Q9361")


def test_a_store_without_documents_links_nothing_new(tmp_path):
    store = ox.Store()
    outcome = link_store(store, WikidataSlice.read())
    assert not outcome.linked and not outcome.candidates and outcome.enrichment_facts == 0


_SLICE_MATCHER = Matcher(WikidataSlice.read(), {})
_KNOWN = sorted(_SLICE_MATCHER._names)


@st.composite
def misspelt_names(draw) -> str:
    """A name the slice knows, with a few letters dropped, doubled or changed, or another name entirely."""
    name = list(draw(st.sampled_from(_KNOWN)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(name) - 1))
        edit = draw(st.sampled_from(["drop", "double", "change"]))
        if edit == "drop" and len(name) > 1:
            del name[at]
        elif edit == "double":
            name.insert(at, name[at])
        else:
            name[at] = draw(st.sampled_from("aeiouknrstz "))
    return name_key("".join(name))


@settings(max_examples=300, deadline=None)
@given(st.one_of(misspelt_names(), st.text(alphabet="abcdefgikmnorstuyz ", max_size=24).map(name_key)))
def test_the_fast_prefilter_keeps_every_name_difflib_finds_alike(key):
    """rapidfuzz only narrows the names down: the survivors are exactly those difflib's ratio puts at the floor or above."""
    every = [(known, 1.0 if known == key else difflib.SequenceMatcher(None, key, known, autojunk=False).ratio())
             for known in _SLICE_MATCHER._known]
    assert _SLICE_MATCHER._similar(key) == [(known, ratio) for known, ratio in every if ratio >= CANDIDATE_FLOOR]
