"""The store folder: new generations go live atomically, failures and rival builds change nothing."""

from __future__ import annotations

import gc

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from eurasia_kg.graph import store as store_module
from eurasia_kg.graph.store import StoreError, StoreFolder, copy_database, named_graph, to_nquads, to_quads

G = "https://w3id.org/eurasia-kg/graph/test"


def small_graph(value: str) -> Graph:
    graph = Graph()
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal(value, lang="en")))
    return graph


def values(folder: StoreFolder) -> set[str]:
    return {q.object.value for q in folder.open().quads_for_pattern(None, None, None, ox.NamedNode(G))}


def build_with(folder: StoreFolder, value: str) -> None:
    with folder.building() as generation:
        generation.add_graph(small_graph(value), G)


def test_new_generation_goes_live_and_old_ones_are_pruned(tmp_path):
    folder = StoreFolder(tmp_path / "store")
    with pytest.raises(StoreError, match="no store here yet"):
        folder.open()
    for value in ("one", "two", "three"):
        build_with(folder, value)
        assert values(folder) == {value}
    assert len(list((tmp_path / "store" / "generations").iterdir())) == 2  # current and previous


def test_failed_build_leaves_the_live_store_untouched(tmp_path):
    folder = StoreFolder(tmp_path / "store")
    build_with(folder, "good")
    live = folder.current
    with pytest.raises(RuntimeError):
        with folder.building() as generation:
            generation.add_graph(small_graph("half-done"), G)
            raise RuntimeError("the build broke")
    assert folder.current == live and values(folder) == {"good"}
    assert sorted(p.name for p in (tmp_path / "store" / "generations").iterdir()) == [live.name]


def test_a_second_build_at_the_same_time_is_refused(tmp_path):
    folder = StoreFolder(tmp_path / "store")
    with folder.building():
        with pytest.raises(StoreError, match="another build is running"):
            with StoreFolder(tmp_path / "store").building():
                pass


def test_folder_of_other_files_is_not_taken_over(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(StoreError, match="not an eurasia-kg store"):
        build_with(StoreFolder(tmp_path), "x")
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_named_graph_round_trips_through_rdflib(tmp_path):
    folder = StoreFolder(tmp_path / "store")
    build_with(folder, "café")
    graph = named_graph(folder.open(), G)
    assert set(graph) == set(small_graph("café"))


def test_a_store_being_started_by_another_build_is_reported_as_locked_not_foreign(tmp_path):
    """The gap in which a first build has made the folder and taken its lock, but no generation yet:
    a second build must hear that a build is running, not that the folder is not a store."""
    import fcntl

    root = tmp_path / "store"
    root.mkdir()
    with open(root / "build.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StoreError, match="another build is running"):
            with StoreFolder(root).building():
                pass


@pytest.mark.parametrize("odd", [None, BNode("with-dash")])
def test_nquads_written_directly_are_the_quads_oxigraph_makes(odd):
    ex = "http://example.org/"
    graph = Graph()
    graph.add((URIRef(ex + "a"), URIRef(ex + "said"), Literal('a "quoted"\nline \\ with\r breaks')))
    graph.add((URIRef(ex + "a"), URIRef(ex + "label"), Literal("Ğörüş", lang="TR")))
    graph.add((URIRef(ex + "a"), URIRef(ex + "share"), Literal("0.25", datatype=XSD.decimal)))
    graph.add((BNode("b1"), URIRef(ex + "near"), URIRef(ex + "caf%C3%A9/ü")))
    if odd is not None:  # a term the direct writer leaves to Oxigraph
        graph.add((URIRef(ex + "a"), URIRef(ex + "odd"), odd))
    direct = to_nquads(graph, ex + "g")
    through_oxigraph = ox.serialize(to_quads(graph, ex + "g"), format=ox.RdfFormat.N_QUADS)
    # (the same up to the labels of blank nodes, which a store relabels anyway)
    assert isomorphic(*(Dataset().parse(data=data, format="nquads").graph(URIRef(ex + "g"))
                        for data in (direct, through_oxigraph)))


def test_nquads_refuse_what_is_not_an_iri():
    graph = Graph()
    graph.add((URIRef("not an iri"), URIRef("http://example.org/p"), Literal("x")))
    with pytest.raises(ValueError):
        to_nquads(graph, "http://example.org/g")


def test_a_turtle_file_is_parsed_again_only_when_it_changed(tmp_path, monkeypatch):
    folder = StoreFolder(tmp_path / "store")
    turtle = tmp_path / "small.ttl"
    turtle.write_text('<https://example.org/s> <https://example.org/p> ( "a" "b" ) .\n', encoding="utf-8")

    def loaded() -> set[ox.Quad]:
        with folder.building() as generation:
            generation.load_turtle(turtle, G)
        return set(folder.open())

    first = loaded()
    assert len(list((tmp_path / "store" / "cache").glob("small-*.nq"))) == 1
    parses = []
    original = Graph.parse
    monkeypatch.setattr(Graph, "parse", lambda graph, *a, **k: parses.append(a) or original(graph, *a, **k))
    assert loaded() == first  # the same quads, blank nodes and all, from the cache
    assert not parses
    turtle.write_text('<https://example.org/s> <https://example.org/p> ( "a" "c" ) .\n', encoding="utf-8")
    changed = loaded()
    assert parses and any(q.object.value == "c" for q in changed)
    assert len(list((tmp_path / "store" / "cache").glob("small-*.nq"))) == 1  # the older entry is gone


def quad(value: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal(value),
                   ox.NamedNode(G))


def test_a_copy_holds_what_only_the_log_holds_and_a_copy_of_the_tables_does_not(tmp_path):
    database = tmp_path / "database"
    store = ox.Store(str(database))
    store.bulk_extend([quad("in a table")])
    store.flush()
    store.add(quad("in the log"))  # a transaction, not flushed: only the write-ahead log holds it
    del store
    gc.collect()
    copy_database(database, tmp_path / "whole")
    copy_database(database, tmp_path / "tables", log=False)
    assert set(ox.Store.read_only(str(tmp_path / "whole"))) == {quad("in a table"), quad("in the log")}
    assert set(ox.Store.read_only(str(tmp_path / "tables"))) == {quad("in a table")}


def table_files(folder: StoreFolder) -> set[str]:
    return {path.name for path in folder.database().glob("*.sst")}


def test_a_small_change_stays_in_the_log_and_one_beyond_the_budget_is_compacted(tmp_path, monkeypatch):
    folder = StoreFolder(tmp_path / "store")
    build_with(folder, "one")  # a new database: written in bulk and compacted
    tables = table_files(folder)
    with folder.building(from_current=True) as generation:
        generation.add_graph(small_graph("two"), G + "/two")
        assert not generation.wrote_tables()
    assert table_files(folder) == tables  # not compacted: the new graph is in the log
    assert {q.graph_name.value for q in folder.open()} == {G, G + "/two"}
    monkeypatch.setattr(store_module, "LOG_BUDGET", 0)
    with folder.building(from_current=True) as generation:
        # a copy of the tables: what the generation was copied from, without its own writes
        assert {q.graph_name.value for q in generation.store} == {G}
        generation.add_graph(small_graph("three"), G + "/three")
        assert generation.wrote_tables()
    assert table_files(folder) != tables  # compacted
    assert {q.graph_name.value for q in folder.open()} == {G, G + "/three"}
