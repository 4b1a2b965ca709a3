"""Benchmarks: `python -m bench [--quick] [CORPUS…]` (or `make bench`) runs the whole suite;
`python -m bench --only build` only its first figure (the whole build on eight copies of the seeds).

Every cost is printed as a ratio against a baseline measured in the same run, because the machine
is shared and absolute times drift; each line names its target and says whether this run met it.

0. The whole build's words per second on eight copies of the seed analyses, one job, against
   tokenising alone, with each stage's share of it.
1. Stages on the real corpus (the shared analyses and the embedded corpus): the build against the
   tokenisation floor, each stage's share, SHACL per document against one whole-graph validation,
   and the sorted exports against Oxigraph's raw dump.
2. Scaling, parallelism and incremental rebuilds on synthetic corpora (bench/synthetic.py).
3. The endpoint under load (bench/load.py): 50 connections for 30 s.
4. The command line's start-up (bench/startup.py): a query against raw pyoxigraph, and --help.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import spacy
from rdflib import Graph

from bench.load import load_test
from bench.measure import measured_build
from bench.startup import startup
from bench.synthetic import change, generate
from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import export
from eurasia_kg.graph.reason import check_consistency
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.graph.validate import load_shapes, validate_graph
from eurasia_kg.ontology import ONTOLOGY_FILE, reference_files
from eurasia_kg.pipeline.assemble import document_graph
from eurasia_kg.pipeline.ingest import decode_source, discover, read_bytes
from eurasia_kg.pipeline.run import default_pipeline

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SIZES = {  # documents: scaling at 1× (16× is sixteen times it), parallel (and its rounds), incremental; load seconds
    "full": {"scale": 8, "parallel": 64, "rounds": 2, "incremental": 100, "load": 30},
    "quick": {"scale": 4, "parallel": 16, "rounds": 1, "incremental": 40, "load": 10},
}


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(value: float, target: float, at_most: bool = True) -> str:
    met = value <= target if at_most else value >= target
    return f"target {'≤' if at_most else '≥'} {target:g}: {'met' if met else 'NOT met'}"


def stages(corpus: list[Path], scratch: Path) -> Path:
    """Stage costs on the real corpus; returns the store built, for the load test."""
    files = discover(corpus).files
    tokenizer = spacy.blank("en").tokenizer
    floor = timed(lambda: [len(tokenizer(decode_source(f, read_bytes(f)).text)) for f in files])
    texts = [decode_source(f, read_bytes(f)).text for f in files]
    print(f"corpus: {len(files)} documents, {sum(map(len, texts)):,} characters, "
          f"{sum(len(t.split()) for t in texts):,} words\n")

    pipeline = default_pipeline(reference_files())
    extract = lambda: [document_graph(pipeline.analyse(decode_source(f, read_bytes(f)))) for f in files]  # noqa: E731
    extraction = timed(extract, 1)
    graphs, shapes = extract(), load_shapes()
    whole = Graph()
    for graph in graphs:
        whole += graph
    abox = Graph()
    for file in reference_files():
        abox.parse(file)
    store = scratch / "store"
    driver_floor = measured_build(scratch / "floor", corpus, "--tokenise-only", "--full")
    serial = measured_build(scratch / "serial", corpus, "--full")
    parallel = measured_build(store, corpus, "--full", "--jobs", "2")
    rows = [
        ("read + decode + tokenise (the strict floor)", floor),
        ("build driver, tokenising only (the floor)", driver_floor.seconds),
        ("extraction (pipeline, no validation)", extraction),
        ("SHACL validation, per document graph", timed(lambda: [validate_graph(g, shapes) for g in graphs], 1)),
        ("SHACL validation, all documents in one graph", timed(lambda: validate_graph(whole, shapes), 1)),
        ("HermiT consistency (ontology + reference)", timed(lambda: check_consistency(Graph().parse(ONTOLOGY_FILE), abox), 1)),
        ("full build, 1 job", serial.seconds),
        ("full build, 2 jobs", parallel.seconds),
    ]
    print("The floor is the same build command and driver over the same files (discovery, reading, a new")
    print("store generation, ontology and reference data, HermiT, rules, linking, build record, swap) with")
    print("the pipeline cut down to spaCy's blank-English tokenizer; the strict floor is tokenising alone.\n")
    print(f"{'stage':48} {'seconds':>9} {'× floor':>9} {'× strict':>9}")
    for name, seconds in rows:
        print(f"{name:48} {seconds:9.3f} {seconds / driver_floor.seconds:9.1f} {seconds / floor:9.1f}")
    words = sum(len(t.split()) for t in texts)
    print(f"\nwhole build: {words / serial.seconds:,.0f} words/s with 1 job, {words / parallel.seconds:,.0f} with 2 "
          f"(tokenising alone: {words / floor:,.0f} words/s)")
    print(f"build vs floor: 1 job {serial.seconds / driver_floor.seconds:.1f}×, "
          f"2 jobs {parallel.seconds / driver_floor.seconds:.1f}× ({verdict(parallel.seconds / driver_floor.seconds, 5)})")
    per_document, one_graph = rows[3][1], rows[4][1]
    print(f"SHACL per document / whole graph: {per_document / one_graph:.2f}×")

    live = StoreFolder(store).open()
    print(f"\nstore: {len(live):,} quads from {parallel.loaded} documents "
          f"({sum(map(len, graphs)):,} triples in document graphs)")
    raw = timed(lambda: live.dump(str(scratch / "raw.nq"), ox.RdfFormat.N_QUADS))
    for format in export.FORMATS:
        ours = timed(lambda format=format: export.export(live, format, scratch / f"ours{export.SUFFIXES[format]}"))
        target = f"  ({verdict(ours / raw, 1.5)})" if format == "nquads" else ""
        print(f"export {format:7} (sorted) vs raw Oxigraph N-Quads dump: {ours / raw:5.2f}×{target}")
    return store


SEED_COPIES = 8  # the whole-build figure: eight copies of the seed analyses, one job


def whole_build(scratch: Path, seeds: list[Path]) -> None:
    """The whole build's words/s on eight copies of the seeds with one job, against tokenising alone,
    and each stage's share of that build."""
    corpus = scratch / "seed-copies"
    corpus.mkdir()
    files = discover(seeds).files
    for copy in range(1, SEED_COPIES + 1):
        for file in files:
            (corpus / f"c{copy}-{file.name}").write_bytes(file.read_bytes())
    texts = [decode_source(f, read_bytes(f)).text for f in discover([corpus]).files]
    words = sum(len(t.split()) for t in texts)
    tokenizer = spacy.blank("en").tokenizer
    floor = timed(lambda: [len(tokenizer(text)) for text in texts])
    build = measured_build(scratch / "seed-store", [corpus], "--full", "--stages")
    rate, floor_rate = words / build.seconds, words / floor
    print(f"whole build, {SEED_COPIES} copies of the seeds ({len(texts)} documents, {words:,} words), 1 job: "
          f"{build.seconds:.1f} s, {rate:,.0f} words/s ({verdict(rate, 5000, at_most=False)})")
    print(f"  tokenising alone: {floor_rate:,.0f} words/s; the build costs {floor_rate / rate:.0f}× that")
    print(f"  {'stage':36} {'seconds':>8} {'share':>7}")
    for stage, seconds in sorted(build.stages.items(), key=lambda item: -item[1]):
        print(f"  {stage:36} {seconds:8.2f} {seconds / build.seconds:7.1%}")
    other = build.seconds - sum(build.stages.values())
    print(f"  {'the rest (driver, serialising, start)':36} {other:8.2f} {other / build.seconds:7.1%}")
    print("  (HermiT and the inference rules run in a thread beside linking: their shares overlap it)")


def scaling(scratch: Path, base: int) -> None:
    small, large = scratch / "1x", scratch / "16x"
    generate(small, base)
    generate(large, 16 * base)
    one = measured_build(scratch / "store-1x", [small], "--full", "--jobs", "2")
    sixteen = measured_build(scratch / "store-16x", [large], "--full", "--jobs", "2")
    print(f"\nscaling, synthetic corpus of {base} and {16 * base} documents (2 jobs):")
    print(f"  build time 16× / 1×: {sixteen.seconds / one.seconds:.1f} ({one.seconds:.1f} s → {sixteen.seconds:.1f} s; "
          f"{verdict(sixteen.seconds / one.seconds, 17)})")
    print(f"  peak memory 16× / 1×, build process: {sixteen.driver_mb / one.driver_mb:.2f} "
          f"({one.driver_mb:.0f} MB → {sixteen.driver_mb:.0f} MB; {verdict(sixteen.driver_mb / one.driver_mb, 2)})")
    print(f"  peak memory 16× / 1×, largest child (worker or HermiT's JVM): {sixteen.child_mb / one.child_mb:.2f} "
          f"({one.child_mb:.0f} MB → {sixteen.child_mb:.0f} MB; {verdict(sixteen.child_mb / one.child_mb, 2)})")


def parallelism(scratch: Path, documents: int, rounds: int) -> None:
    """1 job against 2, in alternating rounds, so that load from elsewhere falls on both alike."""
    folder = scratch / "parallel"
    generate(folder, documents, seed=2)
    times: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(rounds):
        for jobs in times:
            times[jobs].append(measured_build(scratch / f"store-j{jobs}", [folder], "--full", "--jobs", jobs).seconds)
    one, two = statistics.median(times["1"]), statistics.median(times["2"])
    print(f"\nparallel, {documents} synthetic documents, median of {rounds} alternating rounds: 1 job {one:.1f} s, "
          f"2 jobs {two:.1f} s: {one / two:.2f}× faster ({verdict(one / two, 1.6, at_most=False)})")


def incremental(scratch: Path, documents: int, rebuilds: int = 3) -> None:
    """Rebuilds in a row, one more document changed before each: a rebuild that leaves its writes in
    the log (uncompacted) makes the next one redo its change too, so the slowest is the figure."""
    folder, store = scratch / "incremental", scratch / "store-incremental"
    paths = generate(folder, documents, seed=3)
    first = measured_build(store, [folder], "--full", "--jobs", "2")
    again = []
    for round in range(rebuilds):
        change(paths[documents // 2 + round], seed=round + 1)
        again.append(measured_build(store, [folder], "--jobs", "2"))
    slowest = max(measurement.seconds for measurement in again)
    print(f"\nincremental, {documents} synthetic documents, one more changed before each of {rebuilds} rebuilds: "
          f"full build {first.seconds:.1f} s, rebuilds "
          + ", ".join(f"{measurement.seconds:.1f} s ({measurement.reused} kept)" for measurement in again)
          + f": the slowest {slowest / first.seconds:.1%} of a full build ({verdict(slowest / first.seconds, 0.10)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="*", help="texts for the stage costs (default: shared + embedded)")
    parser.add_argument("--quick", action="store_true", help="smaller synthetic corpora and a shorter load test")
    parser.add_argument("--only", choices=["build"], help="build: only the whole build on eight copies of the seeds")
    arguments = parser.parse_args()
    default = [SHARED_CORPUS, CORPUS_DIR] if SHARED_CORPUS.is_dir() else [CORPUS_DIR]
    sizes = SIZES["quick" if arguments.quick else "full"]
    with tempfile.TemporaryDirectory(prefix="eurasia-kg-bench-") as folder:
        scratch = Path(folder)
        whole_build(scratch, [SHARED_CORPUS if SHARED_CORPUS.is_dir() else CORPUS_DIR])
        if arguments.only == "build":
            return
        store = stages(arguments.corpus or default, scratch)
        startup(store)
        scaling(scratch, sizes["scale"])
        parallelism(scratch, sizes["parallel"], sizes["rounds"])
        incremental(scratch, sizes["incremental"])
        print("\nendpoint under load (eurasia-kg serve on 127.0.0.1, the real corpus' store):")
        for cached in (True, False):
            result = load_test(store, 50, sizes["load"], cached)
            print(f"  {result.summary()}  (target: 0 errors: {'met' if not result.errors else 'NOT met'})")
            for error in sorted(set(result.errors))[:3]:
                print(f"    error: {error}")


if __name__ == "__main__":
    main()
