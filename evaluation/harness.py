"""One split of the evaluation: build its texts with the real command, query the store, score it.

The harness sees the extraction only through its public contract: `eurasia-kg build TEXTS --store
DIR` and the named queries `documents`, `mentions`, `relations`, `claims` and `quantities`. It
builds each split once, in a temporary store, and scores every measure from those five queries.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eurasia_kg.corpus import CORPUS_DIR
from eurasia_kg.graph import query as queries
from eurasia_kg.graph.store import StoreFolder
from eurasia_kg.queries import QUERIES_DIR

from . import metrics
from .gold import GoldDocument, GoldError, check_offsets, inverse_properties, load_gold
from .metrics import Accuracy, Row, Score

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
REGRESSION_TEXTS = HERE / "texts"  # written here in the rules' style: a regression suite, not held-out
DEV_TEXTS = HERE / "dev"
SHARED_CORPUS = HERE.parent.parent / "shared" / "corpus"
TEXT_FOLDERS = {"shared": SHARED_CORPUS, "embedded": CORPUS_DIR, "dev": DEV_TEXTS, "regression": REGRESSION_TEXTS}
QUERY_NAMES = ("documents", "mentions", "relations", "claims", "quantities")
EXIT_PARTIAL = 3  # `eurasia-kg build`: some documents quarantined or unreadable, the rest loaded


class EvaluationError(Exception):
    """The evaluation could not run: missing texts, bad gold, a failed build. The message says why."""


@dataclass(frozen=True)
class Target:
    statistic: str  # "f1", "recall" or "accuracy"
    threshold: float


TARGETS = {
    "entity linking": Target("f1", 0.85),
    "entity class": Target("accuracy", 0.95),
    "relations": Target("f1", 0.55),
    "claims": Target("recall", 0.75),
    "claim attribution": Target("accuracy", 0.80),
    "quantities": Target("f1", 0.75),
    "authors": Target("recall", 0.90),
}


@dataclass(frozen=True)
class Line:
    """One measure of a split, with its target when it has one."""

    measure: str
    result: Score | Accuracy

    @property
    def target(self) -> Target | None:
        return TARGETS.get(self.measure)

    @property
    def value(self) -> float | None:
        """The statistic the target is set on (F1 for an untargeted score)."""
        if isinstance(self.result, Accuracy):
            return self.result.value
        return getattr(self.result, self.target.statistic if self.target else "f1")

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None when there is no target or nothing to judge."""
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target.threshold


@dataclass(frozen=True)
class SplitReport:
    split: str
    documents: tuple[str, ...]
    lines: tuple[Line, ...]
    warnings: tuple[str, ...]  # documents the build could not load, with the reason


def evaluate_split(split: str, gold_dir: Path = GOLD_DIR, text_folders: list[Path] | None = None) -> SplitReport:
    """Build the split's texts in a temporary store and score every measure against the gold."""
    golds = load_gold(gold_dir, split)
    if not golds:
        raise EvaluationError(f"{gold_dir}: no gold file of split {split!r}")
    texts = locate_texts(golds, text_folders or [TEXT_FOLDERS[split]])
    with tempfile.TemporaryDirectory(prefix="eurasia-kg-eval-") as folder:
        store = Path(folder) / "store"
        warnings = build_store(list(texts.values()), store)
        extracted = read_queries(store)
    return SplitReport(split, tuple(g.document for g in golds), tuple(measure(golds, extracted)), tuple(warnings))


def locate_texts(golds: list[GoldDocument], folders: list[Path]) -> dict[str, Path]:
    """The text file of each gold document, by file name, searched in `folders` (recursively)."""
    texts = {}
    for gold in golds:
        found = [path for folder in folders for path in sorted(folder.rglob(gold.document)) if path.is_file()]
        if not found:
            searched = ", ".join(str(f) for f in folders)
            raise EvaluationError(f"{gold.path}: its text {gold.document!r} is not in {searched} (give --texts DIR)")
        text = found[0].read_text(encoding="utf-8")
        problems = check_offsets(gold, text)
        if problems:
            raise GoldError("\n".join(problems))
        texts[gold.document] = found[0]
    return texts


def build_store(texts: list[Path], store: Path) -> list[str]:
    """Run `eurasia-kg build TEXTS --store STORE`; return what it says about documents it did not load."""
    result = subprocess.run(
        [sys.executable, "-m", "eurasia_kg", "build", *map(str, texts), "--store", str(store)],
        capture_output=True, text=True,
    )
    if result.returncode not in (0, EXIT_PARTIAL):
        raise EvaluationError(f"eurasia-kg build exited {result.returncode}:\n{result.stderr.strip() or result.stdout.strip()}")
    lines = (line.strip() for line in result.stdout.splitlines())
    return [line for line in lines if line.split(" ", 1)[0] in ("quarantined", "unreadable")]


def read_queries(store: Path) -> dict[str, list[Row]]:
    """The rows of each named query the evaluation reads, as dicts of column to plain value."""
    database = StoreFolder(store).open()
    library = queries.library(QUERIES_DIR)
    extracted = {}
    for name in QUERY_NAMES:
        columns, table = queries.rows(queries.run(database, library[name]))
        extracted[name] = [dict(zip(columns, row)) for row in table]
    return extracted


def measure(golds: list[GoldDocument], extracted: dict[str, list[Row]]) -> list[Line]:
    """Every measure of the evaluation, in the order the report prints them."""
    mentions, claims = extracted["mentions"], extracted["claims"]
    return [
        Line("entity linking", metrics.score_linking(golds, mentions)),
        Line("entity class", metrics.score_classes(golds, mentions)),
        Line("entities (by id or name)", metrics.score_entities(golds, mentions)),
        Line("relations", metrics.score_relations(golds, extracted["relations"], inverse_properties())),
        Line("claims", metrics.score_claims(golds, claims)),
        Line("claim attribution", metrics.score_attribution(golds, claims)),
        Line("claim kind", metrics.score_claim_kinds(golds, claims)),
        Line("quantities", metrics.score_quantities(golds, extracted["quantities"])),
        Line("authors", metrics.score_authors(golds, extracted["documents"])),
    ]
