"""SHACL validation before and after a change of the shapes, in one run:
`python -m bench.validation BEFORE.ttl [CORPUS…]` (e.g. `git show REV:ontology/shapes.ttl > /tmp/before.ttl`).

1. The document graphs of the corpus (default: the shared seed analyses) are extracted once, then
   validated against BEFORE.ttl (called as graph/validate.py called pyshacl before it prepared
   queries once per process) and against ontology/shapes.ttl (as validate_graph calls it now),
   alternately, three rounds; it prints the median CPU seconds of each and checks that both give
   the same verdict on every graph.
2. Whole builds of the corpus in this process (one job, reasoner on, full), one with each, printing
   the build's wall time and validation's share of it.

CPU time (not wall time) for the first part, because the machine is shared.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyshacl
import rdflib

from eurasia_kg import build as build_module
from eurasia_kg.graph.validate import ValidationOutcome, _count_violations, load_shapes, validate_graph
from eurasia_kg.ontology import reference_files
from eurasia_kg.pipeline.assemble import document_graph
from eurasia_kg.pipeline.ingest import decode_source, discover, read_bytes
from eurasia_kg.pipeline.run import default_pipeline

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def validate_before(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationOutcome:
    """validate_graph as it was: every query handed to rdflib as text, parsed per document."""
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                              allow_warnings=True, inplace=True)
    return ValidationOutcome(bool(conforms), _count_violations(report), report, text)


def cpu(work) -> tuple[float, object]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def graphs_alone(graphs: list[rdflib.Graph], before: rdflib.Graph, after: rdflib.Graph) -> None:
    times: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(3):
        seconds, old = cpu(lambda: [validate_before(g, before).conforms for g in graphs])
        times["before"].append(seconds)
        seconds, new = cpu(lambda: [validate_graph(g, after).conforms for g in graphs])
        times["after"].append(seconds)
        assert old == new, f"verdicts differ: before {old}, after {new}"
    old, new = statistics.median(times["before"]), statistics.median(times["after"])
    print(f"validation of {len(graphs)} document graphs ({sum(map(len, graphs)):,} triples), CPU seconds, "
          f"median of 3: before {old:.2f}, after {new:.2f} ({old / new:.1f}× cheaper); the same verdict on each")


def whole_build(corpus: list[Path], shapes: rdflib.Graph, validate, label: str, scratch: Path) -> None:
    spent = [0.0]

    def timed_validate(data, _shapes):
        start = time.perf_counter()
        try:
            return validate(data, shapes)
        finally:
            spent[0] += time.perf_counter() - start

    build_module.validate_graph, build_module.load_shapes = timed_validate, lambda: shapes
    start = time.perf_counter()
    build_module.build(corpus, scratch / label.replace(" ", "-"), build_module.BuildOptions(jobs=1, full=True))
    total = time.perf_counter() - start
    print(f"whole build, {label}: {total:.2f} s, of which validation {spent[0]:.2f} s ({spent[0] / total:.0%})")


def main() -> None:
    before_file, corpus = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]] or [SEEDS]
    before, after = rdflib.Graph().parse(before_file, format="turtle"), load_shapes()
    pipeline = default_pipeline(reference_files())
    files = discover(corpus).files
    graphs = [document_graph(pipeline.analyse(decode_source(f, read_bytes(f)))) for f in files]
    graphs_alone(graphs, before, after)
    with tempfile.TemporaryDirectory() as scratch:
        for label, shapes, validate in (("before", before, validate_before), ("after", after, validate_graph),
                                        ("before (again)", before, validate_before), ("after (again)", after, validate_graph)):
            whole_build(corpus, shapes, validate, label, Path(scratch))


if __name__ == "__main__":
    main()
