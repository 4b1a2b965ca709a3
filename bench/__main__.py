"""Benchmarks: `python -m bench [CORPUS…]` (or `make bench`).

Every cost is printed as a ratio against a baseline measured in the same run, because the machine
is shared and absolute times drift: the floor is a tokenisation-only pass over the same text with
spaCy's blank English tokenizer, and an export is compared with Oxigraph's own raw dump.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import spacy
from rdflib import Graph

from eurasia_kg.build import build
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import export
from eurasia_kg.graph.reason import check_consistency
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.graph.validate import load_shapes, validate_graph
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.pipeline.ingest import discover, read_source
from eurasia_kg.pipeline.run import default_pipeline

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(corpus: list[Path]) -> None:
    files = discover(corpus).files
    texts = [read_source(f).text for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(files)} documents, {sum(map(len, texts)):,} characters, {words:,} words\n")

    tokenizer = spacy.blank("en").tokenizer
    floor = timed(lambda: [len(tokenizer(t)) for t in texts])
    pipeline = default_pipeline(reference_files())
    extractions = [pipeline.extract(f) for f in files]
    shapes = load_shapes()
    abox = Graph()
    for file in reference_files():
        abox.parse(file)
    rows = [
        ("tokenisation only (floor)", floor),
        ("extraction (pipeline, no validation)", timed(lambda: [pipeline.extract(f) for f in files])),
        ("SHACL validation, per document graph", timed(lambda: [validate_graph(e.graph, shapes) for e in extractions], 1)),
        ("HermiT consistency (ontology + reference)", timed(lambda: check_consistency(Graph().parse(ONTOLOGY_FILE), abox), 1)),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        store_dir = Path(scratch) / "store"
        summary = build(corpus, store_dir)
        rows.append(("full build (extract, validate, reason, load)", summary.seconds))
        store = StoreFolder(store_dir).open()
        raw = timed(lambda: store.dump(str(Path(scratch) / "raw.nq"), ox.RdfFormat.N_QUADS))
        ours = timed(lambda: export.export(store, "nquads", Path(scratch) / "ours.nq"))
        turtle = timed(lambda: export.export(store, "turtle", Path(scratch) / "ours.ttl"))
        quads = len(store)
    print(f"{'stage':48} {'seconds':>9} {'× floor':>9}")
    for name, seconds in rows:
        print(f"{name:48} {seconds:9.3f} {seconds / floor:9.1f}")
    print(f"\nstore: {quads:,} quads from {summary.record.counts()['Loaded']} documents "
          f"({sum(len(e.graph) for e in extractions):,} triples in document graphs)")
    print(f"export N-Quads vs raw Oxigraph dump: {ours / raw:.2f}×   (raw {raw:.3f} s, ours {ours:.3f} s)")
    print(f"export Turtle (merged graphs) vs raw N-Quads dump: {turtle / raw:.2f}×")


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:]]
    default = [SHARED_CORPUS, CORPUS_DIR] if SHARED_CORPUS.is_dir() else [CORPUS_DIR]
    main(arguments or default)
