"""Where and how often documents are extracted changes nothing in the graph: worker processes, a Dask
cluster and a rebuild that re-extracts only changed documents all give what one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from eurasia_kg import build as build_module
from eurasia_kg.build import LOGGED_GRAPHS, BuildFailed, BuildOptions, Manifest, build
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import store as store_module
from eurasia_kg.graph.export import sorted_lines
from eurasia_kg.graph.provenance import LOADED
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.ontology import reference_files
from eurasia_kg.pipeline.run import default_pipeline
from eurasia_kg.vocab import BUILD_GRAPH, document_graph_iri, document_slug

from .conftest import run_cli


def graph_without_build_record(store: Path) -> list[bytes]:
    """Every statement of the live store but the build record's (which holds times)."""
    build_graph = f"<{BUILD_GRAPH}> .".encode()
    return [line for line in sorted_lines(StoreFolder(store).open()) if not line.endswith(build_graph)]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("serial") / "store"
    build([CORPUS_DIR], store, BuildOptions(reasoner="off"))
    return store


def test_two_worker_processes_build_the_same_graph_as_one(tmp_path, one_process):
    summary = build([CORPUS_DIR], tmp_path / "store", BuildOptions(reasoner="off", jobs=2))
    assert summary.complete and len(summary.record.inputs) == 4
    assert graph_without_build_record(tmp_path / "store") == graph_without_build_record(one_process)


def test_a_dask_cluster_builds_the_same_graph_as_one_process(tmp_path, one_process):
    result = run_cli("build", str(CORPUS_DIR), "--store", str(tmp_path / "store"), "--reasoner", "off",
                     "--executor", "dask", "--jobs", "2")
    assert "4 document(s) loaded" in result.stdout
    assert graph_without_build_record(tmp_path / "store") == graph_without_build_record(one_process)


def test_an_unreachable_dask_scheduler_fails_the_build_with_a_clear_message(tmp_path):
    result = run_cli("build", str(CORPUS_DIR), "--store", str(tmp_path / "store"), "--executor", "dask",
                     "--scheduler", "tcp://127.0.0.1:9", check=False)
    assert result.returncode == 1 and "Dask scheduler tcp://127.0.0.1:9" in result.stderr
    assert not (tmp_path / "store" / "current").exists()


@pytest.fixture
def texts(tmp_path) -> Path:
    folder = tmp_path / "texts"
    shutil.copytree(CORPUS_DIR, folder, ignore=shutil.ignore_patterns("*.py", "*.md", "__pycache__"))
    return folder


def test_a_rebuild_extracts_only_the_changed_document_and_equals_a_full_build(tmp_path, texts):
    store, fresh = tmp_path / "store", tmp_path / "fresh"
    first = build([texts], store)
    changed = texts / "02-pipes-to-the-east.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKazakhstan joined the Asian Infrastructure "
                       "Investment Bank as a founding member.\n", encoding="utf-8")
    (texts / "04-drills-and-patrols.txt").unlink()
    (texts / "05-new.txt").write_text("Uzbekistan and Kyrgyzstan signed a water agreement in Tashkent.\n",
                                      encoding="utf-8")
    second = build([texts], store)
    assert first.reused == 0 and second.reused == 2  # 01 and 03: 02 changed, 04 is gone, 05 is new
    assert {item.identifier for item in second.record.inputs if item.status == LOADED} == {
        "01-sco-at-twenty.txt", "02-pipes-to-the-east.txt", "03-belt-meets-union.txt", "05-new.txt"}
    build([texts], fresh)
    assert graph_without_build_record(store) == graph_without_build_record(fresh)
    live = StoreFolder(store).open()
    changed_graph = ox.NamedNode(document_graph_iri("02-pipes-to-the-east"))
    assert "Asian Infrastructure Investment Bank" in live.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=changed_graph).decode()


def test_small_rebuilds_keep_their_writes_in_the_log_until_they_outgrow_it_and_equal_full_builds(
        tmp_path, texts, monkeypatch):
    store, options = tmp_path / "store", BuildOptions(reasoner="off")
    build([texts], store, options)
    tables = {path.name for path in StoreFolder(store).database().glob("*.sst")}
    extracted: list[str] = []
    extract = build_module._extract_and_validate
    monkeypatch.setattr(build_module, "_extract_and_validate",
                        lambda context, document: extracted.append(document.path.name) or extract(context, document))
    additions = [("02-pipes-to-the-east.txt", "Turkmenistan raised its gas exports to China."),
                 ("03-belt-meets-union.txt", "Kazakhstan opened a new rail terminal on the Chinese border."),
                 ("01-sco-at-twenty.txt", "Uzbekistan hosted a meeting of the SCO defence ministers.")]
    for round, (name, sentence) in enumerate(additions):
        if round == 2:
            monkeypatch.setattr(store_module, "LOG_BUDGET", 0)
        path = texts / name
        path.write_text(path.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")
        extracted.clear()
        summary = build([texts], store, options)
        assert extracted == [name] and summary.reused == 3  # the earlier changes' graphs are loaded from the log's copy
        fresh = tmp_path / f"fresh-{round}"
        build([texts], fresh, options)
        assert graph_without_build_record(store) == graph_without_build_record(fresh)
        live = StoreFolder(store)
        compacted = {path.name for path in live.database().glob("*.sst")} != tables
        assert compacted == (round == 2)  # within the budget, the rebuilds wrote only their logs
        assert (Manifest.read(live.current).tables is None) == compacted
        logged = sorted(path.name for path in (live.current / LOGGED_GRAPHS).glob("*.nq"))
        assert logged == ([] if compacted else sorted(f"{document_slug(n)}.nq" for n, _ in additions[:round + 1]))


def test_a_rebuild_reuses_hermits_verdict_for_entities_like_those_it_checked(tmp_path, texts):
    store, fresh = tmp_path / "store", tmp_path / "fresh"
    build([texts], store, BuildOptions(reasoner="require"))
    (texts / "05-new.txt").write_text("Dilnoza Rakhimova, a senior fellow at the Samarkand Energy Forum, said "
                                      "that the water talks would drag on.\n", encoding="utf-8")
    second = build([texts], store, BuildOptions(reasoner="require"))
    assert "carried over" in second.record.reasoner_note and second.record.consistent
    build([texts], fresh, BuildOptions(reasoner="require"))
    assert graph_without_build_record(store) == graph_without_build_record(fresh)


def test_full_rebuilds_and_custom_pipelines_extract_everything_again(tmp_path, texts):
    store = tmp_path / "store"
    build([texts], store, BuildOptions(reasoner="off"))
    assert build([texts], store, BuildOptions(reasoner="off")).reused == 4
    assert build([texts], store, BuildOptions(reasoner="off", full=True)).reused == 0
    custom = default_pipeline(reference_files())
    assert build([texts], store, BuildOptions(reasoner="off", pipeline=custom)).reused == 0


def test_a_failed_rebuild_leaves_the_previous_generation_and_its_graphs(tmp_path, texts):
    store = tmp_path / "store"
    build([texts], store, BuildOptions(reasoner="off"))
    before = graph_without_build_record(store)
    for path in texts.iterdir():
        path.write_bytes(b"\x00\x01 binary")
    with pytest.raises(BuildFailed, match="no document could be loaded"):
        build([texts], store, BuildOptions(reasoner="off"))
    assert graph_without_build_record(store) == before


def test_jobs_must_be_positive(tmp_path):
    with pytest.raises(BuildFailed, match="at least 1"):
        build([CORPUS_DIR], tmp_path / "store", BuildOptions(jobs=0))
