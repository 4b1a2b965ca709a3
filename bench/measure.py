"""One build in a fresh process, measured: `python -m bench.measure STORE CORPUS… [--jobs N] [--full] …`.

A build runs in a process of its own so that its peak memory is its own: the driver's peak resident
set, and the largest of its children's (a worker process, or HermiT's Java). It prints one JSON
object: the build's seconds (from reading the corpus to the swap, without Python's start-up), the
peaks in MB, the documents loaded and reused, and the quads stored.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from eurasia_kg.build import BuildOptions, build
from eurasia_kg.pipeline.model import Analysis
from eurasia_kg.pipeline.run import Component, Pipeline


@dataclass(frozen=True)
class Measurement:
    seconds: float
    driver_mb: float
    child_mb: float
    loaded: int
    reused: int
    quads: int
    stages: dict[str, float] = field(default_factory=dict)  # seconds by stage, with --stages


def measured_build(store: Path, corpus: list[Path], *options: str) -> Measurement:
    """Run `build` on `corpus` into `store` in a new process with `options`; what it measured."""
    command = [sys.executable, "-m", "bench.measure", str(store), *map(str, corpus), *options]
    result = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if result.returncode != 0:
        raise RuntimeError(f"the measured build failed:\n{result.stderr[-2000:]}")
    return Measurement(**json.loads(result.stdout.strip().splitlines()[-1]))


def tokenising_pipeline() -> Pipeline:
    """A pipeline that only tokenises (spaCy's blank English): the build driver's floor."""
    tokenizer = spacy.blank("en").tokenizer

    def tokenise(analysis):
        tokenizer(analysis.source.text)
        return analysis

    return Pipeline([Component("tokens", tokenise)])


def timed_stages() -> collections.Counter:
    """Wrap the build's stages (in this process: one job) with timers; the seconds they add up to."""
    from eurasia_kg import build as driver
    from eurasia_kg.graph import reason
    from eurasia_kg.graph.store import Generation

    seconds: collections.Counter = collections.Counter()

    def wrap(owner: object, name: str, stage: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[stage] += time.perf_counter() - start
        setattr(owner, name, timed)

    wrap(driver, "validate_graph", "validation (pyshacl)")
    wrap(driver, "document_graph", "extraction: assemble RDF")
    wrap(reason, "check_consistency", "HermiT")
    wrap(reason, "materialise", "inference rules")
    wrap(driver, "link_store", "linking")
    for method in ("load_nquads", "add_graph", "load_turtles"):
        wrap(Generation, method, "store")

    def analyse(pipeline: Pipeline, source):  # Pipeline.analyse, each component timed
        analysis = Analysis(source)
        for component in pipeline.components:
            start = time.perf_counter()
            analysis = component.apply(analysis)
            seconds[f"extraction: {component.name}"] += time.perf_counter() - start
        return analysis

    Pipeline.analyse = analyse  # type: ignore[method-assign]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--executor", default="local")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--reasoner", default="auto")
    parser.add_argument("--tokenise-only", action="store_true", help="the floor: the driver with a tokenising pipeline")
    parser.add_argument("--stages", action="store_true", help="also time each stage (one job: all in this process)")
    arguments = parser.parse_args()
    stages = timed_stages() if arguments.stages else {}
    options = BuildOptions(jobs=arguments.jobs, executor=arguments.executor, full=arguments.full,
                           reasoner=arguments.reasoner,
                           pipeline=tokenising_pipeline() if arguments.tokenise_only else None)
    summary = build(arguments.corpus, arguments.store, options)
    kilobytes = lambda who: resource.getrusage(who).ru_maxrss / 1024  # noqa: E731 - Linux reports KB
    print(json.dumps({
        "seconds": summary.seconds, "driver_mb": kilobytes(resource.RUSAGE_SELF),
        "child_mb": kilobytes(resource.RUSAGE_CHILDREN), "loaded": summary.record.counts()["Loaded"],
        "reused": summary.reused, "quads": summary.quads, "stages": dict(stages),
    }))


if __name__ == "__main__":
    main()
