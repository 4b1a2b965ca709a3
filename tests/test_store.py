"""The store folder: new generations go live atomically, failures and rival builds change nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from eurasia_kg.graph.store import StoreError, StoreFolder, named_graph

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
