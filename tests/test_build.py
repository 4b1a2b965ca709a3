"""Build end to end with the real pipeline, pyshacl, HermiT and an on-disk Oxigraph store."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from eurasia_kg import build as build_module
from eurasia_kg.build import BuildFailed, BuildOptions, build
from eurasia_kg.graph import query
from eurasia_kg.graph.provenance import LOADED, QUARANTINED
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.run import Component, default_pipeline
from eurasia_kg.queries import QUERIES_DIR

from .conftest import REPO, run_cli

DESIGN_COLUMNS = {
    "documents": ["document", "title", "author", "year", "publisher"],
    "mentions": ["document", "entity", "label", "class", "wikidata", "start", "end", "rule"],
}


def answer(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    named = query.resolve(name, QUERIES_DIR)
    columns, table = query.rows(query.run(StoreFolder(store).open(), named, params))
    assert columns == DESIGN_COLUMNS.get(name, columns)
    return [dict(zip(columns, row)) for row in table]


def test_corpus_builds_every_document(corpus_store, shared_corpus):
    documents = {row["document"] for row in answer(corpus_store, "documents")}
    assert {p.name for p in shared_corpus.iterdir()} <= documents
    embedded = {p.name for p in (REPO / "corpus").glob("*.txt")}
    assert embedded and embedded <= documents


def test_every_evidence_quote_equals_the_source_text_at_its_offsets(corpus_store, shared_corpus):
    store = StoreFolder(corpus_store).open()
    rows = store.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?file ?start ?end ?exact WHERE { GRAPH ?g {
          ?doc dcterms:identifier ?file . ?target oa:hasSource ?doc ; oa:hasSelector ?p , ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact } }""",
    )
    texts = {p.name: p.read_text(encoding="utf-8") for p in shared_corpus.iterdir()}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in (REPO / "corpus").glob("*.txt")}
    checked = 0
    for row in rows:
        text = texts[row["file"].value]
        assert text[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        checked += 1
    assert checked > 500


def test_mentions_link_recurring_entities_to_wikidata(corpus_store):
    rows = answer(corpus_store, "mentions", document="000_985c93d49e2ec848.txt")
    by_label = {row["label"]: row for row in rows}
    assert by_label["China"]["class"] == "State" and by_label["China"]["wikidata"] == "Q148"
    assert by_label["Russia"]["wikidata"] == "Q159"
    assert all(row["document"] == "000_985c93d49e2ec848.txt" for row in rows)
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)


def test_build_record_names_inputs_checksums_and_outcome(corpus_store):
    store = StoreFolder(corpus_store).open()
    rows = list(
        store.query(
            """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX ekg: <https://w3id.org/eurasia-kg/ontology#>
            SELECT ?version ?input ?sha ?status ?consistent WHERE { GRAPH <https://w3id.org/eurasia-kg/graph/build> {
              ?build a prov:Activity ; ekg:softwareVersion ?version ; prov:used ?input ; ekg:consistent ?consistent .
              ?input ekg:sha256 ?sha ; ekg:buildStatus ?status } }"""
        )
    )
    assert len(rows) >= 5
    assert {row["status"].value.rsplit("#")[-1] for row in rows} == {LOADED}
    assert all(len(row["sha"].value) == 64 and row["consistent"].value == "true" for row in rows)


def corrupting(file_name: str) -> Component:
    """A component that points one document's first mention past the end of its text."""

    def corrupt(analysis: Analysis) -> Analysis:
        if analysis.source.identifier != file_name:
            return analysis
        length = len(analysis.source.text)
        broken = replace(analysis.mentions[0], start=length - 2, end=length + 10)
        return replace(analysis, mentions=(broken, *analysis.mentions[1:]))

    return Component("corrupt", corrupt)


def test_invalid_document_graph_is_quarantined_with_a_readable_report(tmp_path, shared_corpus):
    standard = default_pipeline(reference_files())
    pipeline = type(standard)([*standard.components, corrupting("001_a97adf39f3a6077f.txt")])
    summary = build([shared_corpus], tmp_path / "store", BuildOptions(pipeline=pipeline, reasoner="off"))
    status = {item.identifier: item for item in summary.record.inputs}
    bad = status.pop("001_a97adf39f3a6077f.txt")
    assert bad.status == QUARANTINED and "violates" in bad.problem
    assert all(item.status == LOADED for item in status.values())
    report = summary.generation / "reports" / "001_a97adf39f3a6077f.txt"
    assert "Constraint Violation" in report.read_text() or "Violation" in report.read_text()
    documents = {row["document"] for row in answer(tmp_path / "store", "documents")}
    assert "001_a97adf39f3a6077f.txt" not in documents and len(documents) == 4


def test_inconsistent_ontology_change_fails_the_build_and_keeps_the_store(tmp_path, shared_corpus, monkeypatch):
    store = tmp_path / "store"
    build([shared_corpus / "001_a97adf39f3a6077f.txt"], store, BuildOptions(reasoner="off"))
    live = StoreFolder(store).current
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        ONTOLOGY_FILE.read_text(encoding="utf-8")
        + "\nekg:State rdfs:subClassOf ekg:Person .\n",  # every state a person: clashes with disjointness
        encoding="utf-8",
    )
    monkeypatch.setattr(build_module, "ONTOLOGY_FILE", broken)
    with pytest.raises(BuildFailed, match="inconsistent"):
        build([shared_corpus], store, BuildOptions(reasoner="require"))
    assert StoreFolder(store).current == live
    assert len(answer(store, "documents")) == 1


def test_documents_that_disagree_on_a_class_are_reported_and_the_build_goes_on(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Lorries queue at Varnavo, a dry port on the steppe border.\n", encoding="utf-8")
    (texts / "b.txt").write_text("The ministers met in Varnavo, a small town on the steppe border.\n", encoding="utf-8")
    summary = build([texts], tmp_path / "store", BuildOptions(reasoner="require"))
    assert [item.status for item in summary.record.inputs] == [LOADED, LOADED]
    assert summary.record.consistent is True
    disputes = [warning for warning in summary.warnings if "disagree on its class" in warning]
    assert len(disputes) == 1 and "ent:varnavo" in disputes[0]
    assert "ekg:Project in a" in disputes[0] and "ekg:Place in b" in disputes[0]
    assert "ent:varnavo" in summary.record.reasoner_note


def test_killed_build_leaves_the_previous_store(tmp_path, shared_corpus):
    store = tmp_path / "store"
    run_cli("build", str(shared_corpus / "001_a97adf39f3a6077f.txt"), "--store", str(store), "--reasoner", "off")
    before = answer(store, "documents")
    live = StoreFolder(store).current
    process = subprocess.Popen(
        [sys.executable, "-m", "eurasia_kg", "build", str(shared_corpus), "--store", str(store)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(list((store / "generations").iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert StoreFolder(store).current == live
    assert answer(store, "documents") == before
    run_cli("build", str(shared_corpus), "--store", str(store), "--reasoner", "off")
    assert len(answer(store, "documents")) == 5
    assert len(list((store / "generations").iterdir())) == 2  # the killed build's leftovers are gone


def test_empty_corpus_fails_without_creating_a_store(tmp_path):
    (tmp_path / "texts").mkdir()
    result = run_cli("build", str(tmp_path / "texts"), "--store", str(tmp_path / "store"), check=False)
    assert result.returncode == 1 and "no texts" in result.stderr
    assert not (tmp_path / "store" / "current").exists()


def test_partial_build_exits_3_and_names_the_bad_file(tmp_path, shared_corpus):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "good.txt").write_text((shared_corpus / "001_a97adf39f3a6077f.txt").read_text(encoding="utf-8"))
    (texts / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    result = run_cli("build", str(texts), "--store", str(tmp_path / "store"), "--reasoner", "off", check=False)
    assert result.returncode == 3, result.stderr
    assert "binary.txt" in result.stdout and "NUL bytes" in result.stdout
    assert [row["document"] for row in answer(tmp_path / "store", "documents")] == ["good.txt"]


def test_without_java_the_check_is_skipped_with_a_warning_unless_required(tmp_path, shared_corpus):
    one = str(shared_corpus / "001_a97adf39f3a6077f.txt")
    no_java = {"PATH": str(tmp_path)}  # python is called by absolute path; java cannot be found
    skipped = run_cli("build", one, "--store", str(tmp_path / "a"), env=no_java)
    assert "consistency check skipped" in skipped.stderr and "Java" in skipped.stderr
    required = run_cli("build", one, "--store", str(tmp_path / "b"), "--reasoner", "require", env=no_java, check=False)
    assert required.returncode == 1 and "reasoner is required" in required.stderr


def test_a_windows_1252_file_loads_and_the_build_says_how_it_was_read(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    text = "Kazakhstan’s capital hosted a summit of the Shanghai Cooperation Organization – café talk followed."
    (texts / "note.txt").write_bytes(text.encode("cp1252"))
    result = run_cli("build", str(texts), "--store", str(tmp_path / "store"), "--reasoner", "off")
    assert "not UTF-8, read as" in result.stdout and "note.txt" in result.stdout
    rows = answer(tmp_path / "store", "mentions", document="note.txt")
    entities = {row["entity"].rsplit("/", 1)[-1] for row in rows}
    assert {"kazakhstan", "sco"} <= entities


def _statements(store: Path) -> list[bytes]:
    from eurasia_kg.graph.export import sorted_lines

    return sorted_lines(StoreFolder(store).open())


def _processes_using(store: Path) -> list[int]:
    """Processes whose command line names the store (a build and its forked workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(store).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _baseline_and_rebuild(store: Path, shared_corpus: Path) -> list[str]:
    """Build one document into `store`; return the command of a rebuild with more, on two workers."""
    one = shared_corpus / "001_a97adf39f3a6077f.txt"
    run_cli("build", str(one), "--store", str(store), "--reasoner", "off")
    return [sys.executable, "-m", "eurasia_kg", "build", str(REPO / "corpus"), str(one), "--store", str(store),
            "--jobs", "2"]


@pytest.fixture(scope="module")
def rebuild_seconds(tmp_path_factory, shared_corpus) -> float:
    """How long the rebuild that the next test kills takes when left alone."""
    command = _baseline_and_rebuild(tmp_path_factory.mktemp("timing") / "store", shared_corpus)
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - started


@pytest.mark.parametrize("fraction", [0.05, 0.25, 0.5, 0.7, 0.85, 0.95])
def test_a_build_killed_at_any_moment_leaves_the_previous_store_unchanged(tmp_path, shared_corpus, rebuild_seconds,
                                                                          fraction):
    store = tmp_path / "store"
    command = _baseline_and_rebuild(store, shared_corpus)
    live, before = StoreFolder(store).current, _statements(store)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(fraction * rebuild_seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode in (0, -signal.SIGKILL)
    if StoreFolder(store).current == live:
        assert _statements(store) == before
    else:  # it went live before the kill (the swap is the one moment a build commits): it is whole
        assert len(answer(store, "documents")) == 5
    deadline = time.monotonic() + 10
    while _processes_using(store) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_using(store)  # orphaned workers stop by themselves


def test_two_builds_started_at_once_on_one_store_the_second_refuses(tmp_path):
    store = tmp_path / "store"
    command = [sys.executable, "-m", "eurasia_kg", "build", str(REPO / "corpus"), "--store", str(store), "--reasoner", "off"]
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2))
    results = sorted(((p.wait(), p.communicate()[1]) for p in (first, second)), key=lambda result: result[0])
    assert [code for code, _ in results] == [0, 1]
    assert "another build is running on this store" in results[1][1] and "unchanged" in results[1][1]
    assert len(answer(store, "documents")) == 4
