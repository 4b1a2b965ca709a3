"""The extraction measured on real texts: `../shared/real-texts`, scored by its own `score.py`.

The texts there were written by others and annotated by hand, independently of the rules; the
same scorer judges hidden sets of texts of the same kinds, so these are the numbers that say how
well the extraction reads real prose. The harness builds the texts with the real command, writes
the five named queries as CSV, and runs the scorer on them unchanged. `details` explains every
miss and every false positive with its sentence and the rule behind it (or the rules that came
near), reusing the scorer's own name matching.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from .harness import QUERY_NAMES, EvaluationError, build_store

HERE = Path(__file__).resolve().parent
REAL_TEXTS = HERE.parent.parent / "shared" / "real-texts"
FLOORS_FILE = HERE / "floors.json"  # the quality ratchet: scores main must not fall below


@dataclass(frozen=True)
class RealReport:
    """The scorer's metrics on one build of the real texts, and where its inputs were kept."""

    metrics: dict[str, float]
    targets: dict[str, float]
    results: Path  # the folder holding the five CSVs the scorer read
    warnings: tuple[str, ...]


@lru_cache(maxsize=None)
def scorer(root: Path = REAL_TEXTS) -> ModuleType:
    """score.py as a module, for its targets and its name matching (`similar`, `norm`, `qid`)."""
    path = root / "score.py"
    if not path.is_file():
        raise EvaluationError(f"{path}: the real-text scorer is missing (../shared/real-texts beside the repository)")
    spec = importlib.util.spec_from_file_location("real_texts_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate_real(results: Path, root: Path = REAL_TEXTS) -> RealReport:
    """Build `root/texts` into `results/store`, write the named queries' CSVs into `results`, score them."""
    texts = sorted((root / "texts").glob("*"))
    if not texts:
        raise EvaluationError(f"{root / 'texts'}: no real texts to evaluate")
    results.mkdir(parents=True, exist_ok=True)
    warnings = build_store(texts, results / "store")
    for name in QUERY_NAMES:
        _query_csv(name, results / "store", results / f"{name}.csv")
    metrics_file = results / "metrics.json"
    run = subprocess.run(
        [sys.executable, str(root / "score.py"), str(root / "texts"), str(root / "gold"), str(results),
         "--json", str(metrics_file)],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise EvaluationError(f"{root / 'score.py'} exited {run.returncode}:\n{run.stderr.strip()}")
    metrics = json.loads(metrics_file.read_text(encoding="utf-8"))
    return RealReport(metrics, dict(scorer(root).DEV_TARGETS), results, tuple(warnings))


def _query_csv(name: str, store: Path, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eurasia_kg", "query", name, "--store", str(store), "--format", "csv"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise EvaluationError(f"eurasia-kg query {name} exited {result.returncode}:\n{result.stderr.strip()}")
    out.write_text(result.stdout, encoding="utf-8")


def floors() -> dict[str, float]:
    """The recorded floors of the quality ratchet (raise them as the extraction improves)."""
    return json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# details: every miss and false positive, with its sentence and the rule behind it


def details(report: RealReport, root: Path = REAL_TEXTS) -> list[tuple[str, list[str]]]:
    """Sections of (heading, lines): misses and false positives of each layer, by document."""
    score = scorer(root)
    golds = {g["document"]: g for g in (json.loads(p.read_text(encoding="utf-8"))
                                        for p in sorted((root / "gold").glob("*.json")))}
    texts = {name: (root / "texts" / name).read_text(encoding="utf-8") for name in golds}
    rows = {name: _read_csv(report.results / f"{name}.csv") for name in QUERY_NAMES}
    return [
        *_relation_details(score, golds, texts, rows["relations"]),
        *_claim_details(score, golds, texts, rows["claims"]),
        *_quantity_details(score, golds, texts, rows["quantities"]),
        *_mention_details(score, golds, texts, rows["mentions"]),
    ]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span, on one line, for a reader to judge a miss."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return re.sub(r"\s+", " ", text[left:right]).strip()


def _around(text: str, evidence: str) -> str:
    """The sentence that holds a gold item's evidence (the evidence itself if it spans sentences)."""
    start = text.find(evidence)
    return _sentence(text, start, start + len(evidence)) if start >= 0 else evidence


def _relation_details(score, golds, texts, predicted):
    entities = {(n, e["label"]): e for n, g in golds.items() for e in g["entities"]}

    def ends_match(label, predicted_label, predicted_qid, n):
        gold = entities.get((n, label), {})
        if gold.get("wikidata") and predicted_qid:
            return gold["wikidata"] == predicted_qid
        return any(score.similar(x, predicted_label) for x in [label, *gold.get("surface_forms", [])])

    def matches(rel, row, n):
        s, p, o = rel["subject"], rel["predicate"], rel["object"]
        if p == "operates":
            s, p, o = o, "operator", s
        if score.local(row.get("predicate")) != p:
            return False
        ends = [(row["subjectLabel"], score.qid(row.get("subjectWikidata")), row["objectLabel"], score.qid(row.get("objectWikidata")))]
        if p == "linkedWith":
            ends.append((ends[0][2], ends[0][3], ends[0][0], ends[0][1]))
        return any(ends_match(s, sl, sq, n) and ends_match(o, ol, oq, n) for sl, sq, ol, oq in ends)

    missed, used = [], set()
    for n, g in golds.items():
        doc_rows = [(i, r) for i, r in enumerate(predicted) if r["document"] == n]
        for rel in g["relations"]:
            hit = next((i for i, r in doc_rows if i not in used and matches(rel, r, n)), None)
            if hit is not None:
                used.add(hit)
                continue
            near = sorted({r.get("rule") or "?" for _, r in doc_rows if rel["evidence"][:40] in r["evidence"]
                           or r["evidence"][:40] in rel["evidence"]})
            missed.append(f"{n}: {rel['subject']} {rel['predicate']} {rel['object']} — “{_around(texts[n], rel['evidence'])}”"
                          + (f" (near: {', '.join(near)})" if near else ""))
    extra = [f"{r['document']}: {r['subjectLabel']} {r['predicate']} {r['objectLabel']} [{r.get('rule') or '?'}] — “{r['evidence']}”"
             for i, r in enumerate(predicted) if i not in used and r["document"] in golds]
    return [("relations · missed", missed), ("relations · not in the gold", extra)]


def _claim_details(score, golds, texts, predicted):
    missed, wrong, used = [], [], set()
    for n, g in golds.items():
        text = texts[n]
        doc_rows = [(i, r) for i, r in enumerate(predicted) if r["document"] == n]
        for claim in g["claims"]:
            start = text.find(claim["evidence"])
            end = start + len(claim["evidence"])
            hit = None
            for i, r in doc_rows:
                a, b = int(float(r["start"])), int(float(r["end"]))
                if max(0, min(end, b) - max(start, a)) >= 0.5 * (end - start) and b - a <= 3 * (end - start) + 200:
                    hit = (i, r)
                    break
            if hit is None:
                near = sorted({r.get("rule") or "?" for _, r in doc_rows
                               if int(float(r["start"])) < end and start < int(float(r["end"]))})
                missed.append(f"{n}: [{claim['kind']}, {claim['attributed_to']}] “{claim['evidence']}”"
                              + (f" (near: {', '.join(near)})" if near else ""))
                continue
            used.add(hit[0])
            got = hit[1].get("attributedTo", "")
            if not score.similar(claim["attributed_to"], got) and not claim["attributed_to"].lower().startswith("the author"):
                wrong.append(f"{n}: gold {claim['attributed_to']!r}, got {got or 'nobody'!r} [{hit[1].get('rule') or '?'}]"
                             f" — “{claim['evidence'][:160]}”")
    extra = [f"{r['document']}: [{r['kind']}, {r.get('attributedTo') or 'author'}] [{r.get('rule') or '?'}] “{r['text'][:200]}”"
             for i, r in enumerate(predicted) if i not in used and r["document"] in golds]
    return [("claims · missed", missed), ("claims · attribution differs (speaker named in the gold)", wrong),
            ("claims · not in the gold", extra)]


def _quantity_details(score, golds, texts, predicted):
    missed, used = [], set()
    for n, g in golds.items():
        for q in g["quantities"]:
            hit = next((i for i, r in enumerate(predicted) if r["document"] == n and i not in used
                        and _same_quantity(r, q)), None)
            if hit is None:
                missed.append(f"{n}: {q['value']:g} {q['unit']} ({q['subject']}) — “{_around(texts[n], q['evidence'])}”")
            else:
                used.add(hit)
    extra = [f"{r['document']}: {r['value']} {r['unit']} [{r.get('rule') or '?'}] — “{r['evidence']}”"
             for i, r in enumerate(predicted) if i not in used and r["document"] in golds]
    return [("quantities · missed", missed), ("quantities · not in the gold", extra)]


def _same_quantity(row: dict[str, str], gold: dict) -> bool:
    """Value within 1% at any power of a thousand and the same unit word, as the scorer compares them."""
    try:
        value = float(row["value"].replace(",", ""))
    except ValueError:
        return False
    same_value = any(abs(value * scale - gold["value"]) <= 0.01 * max(abs(gold["value"]), 1e-9)
                     for scale in (1, 1e3, 1e6, 1e9, 1e12, 1e-3, 1e-6, 1e-9, 1e-12))
    unit, gold_unit = row["unit"].lower(), gold["unit"].lower()
    return same_value and (unit[:3] == gold_unit[:3] or not {unit, gold_unit} & {"usd", "percent", "km", "km2"})


def _mention_details(score, golds, texts, predicted):
    missed, wrong = [], []
    for n, g in golds.items():
        text = texts[n]
        spans = [(int(float(r["start"])), int(float(r["end"])), r["class"], r.get("rule") or "?")
                 for r in predicted if r["document"] == n]
        for entity in g["entities"]:
            hits = []
            for form in {*entity.get("surface_forms", []), entity["label"]}:
                for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                    hits += [(c, rule) for a, b, c, rule in spans if a < m.end() and m.start() < b]
            if not hits:
                missed.append(f"{n}: {entity['label']} ({entity['class']}) as {sorted(entity.get('surface_forms', []))}")
            elif max({c for c, _ in hits}, key=[c for c, _ in hits].count) != entity["class"]:
                rules = sorted({rule for c, rule in hits if c != entity["class"]})
                wrong.append(f"{n}: {entity['label']} is {entity['class']}, read as "
                             f"{sorted({c for c, _ in hits})} [{', '.join(rules)}]")
    return [("entities · no mention found", missed), ("entities · wrong class", wrong)]
