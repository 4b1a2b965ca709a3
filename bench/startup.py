"""Start-up cost of the command line: `python -m bench.startup [STORE]` (a store is built when none is given).

Two ratios, measured in one run from fresh processes (the median of several):

- `eurasia-kg query documents` on a built store against the same query run by a bare Python
  process with pyoxigraph (open the store, run, read every row): target ≤ 5×;
- `eurasia-kg COMMAND --help`, the slowest command, in seconds (target ≤ 0.3 s) and against a
  bare interpreter start.

Wall times drift on a shared machine, so the CPU time of each child (user + system) is printed too.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eurasia_kg.queries import QUERIES_DIR

COMMANDS = ("build", "validate", "query", "export", "link", "docs", "serve")
RUNS = 7
RAW_QUERY = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
rows = list(store.query(open(sys.argv[2], encoding="utf-8").read(), use_default_graph_as_union=True))
"""


def run_times(command: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `command` in fresh processes, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def startup(store: Path) -> None:
    """Print the query and help start-up ratios for a built store."""
    from eurasia_kg.graph.store import StoreFolder

    database = str(StoreFolder(store).database())
    cli = [sys.executable, "-m", "eurasia_kg"]
    raw = run_times([sys.executable, "-c", RAW_QUERY, database, str(QUERIES_DIR / "documents.rq")])
    ours = run_times([*cli, "query", "documents", "--store", str(store), "--format", "csv"])
    bare = run_times([sys.executable, "-c", "pass"])
    helps = {command: run_times([*cli, command, "--help"]) for command in COMMANDS}
    slowest = max(helps, key=lambda command: helps[command][0])
    help_wall, help_cpu = helps[slowest]
    print("\ncommand-line start-up (fresh processes, medians of %d runs; wall s / CPU s):" % RUNS)
    print(f"  raw pyoxigraph query (documents)   {raw[0]:.3f} / {raw[1]:.3f}")
    print(f"  eurasia-kg query documents         {ours[0]:.3f} / {ours[1]:.3f}   "
          f"{ours[0] / raw[0]:.1f}× raw wall, {ours[1] / raw[1]:.1f}× raw CPU  (target ≤ 5×: "
          f"{'met' if ours[0] / raw[0] <= 5 else 'NOT met'})")
    print(f"  bare interpreter start             {bare[0]:.3f} / {bare[1]:.3f}")
    print(f"  slowest --help ({slowest:8})         {help_wall:.3f} / {help_cpu:.3f}   "
          f"{help_wall / bare[0]:.1f}× a bare start  (target ≤ 0.3 s: {'met' if help_wall <= 0.3 else 'NOT met'})")


def main() -> None:
    if len(sys.argv) > 1:
        startup(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory(prefix="eurasia-kg-startup-") as folder:
        store = Path(folder) / "store"
        subprocess.run([sys.executable, "-m", "eurasia_kg", "build", "--store", str(store), "--reasoner", "off"],
                       check=True, stdout=subprocess.DEVNULL)
        startup(store)


if __name__ == "__main__":
    main()
