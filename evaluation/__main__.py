"""`python -m evaluation [--split shared|embedded|dev|heldout] [--gold DIR] [--texts DIR …] [--details]`.

Prints one table per split: precision, recall and F1 (or accuracy) of each measure, its target,
and whether it passes. `--details` lists, per measure, the misses and the false positives by
document. Exit code 0 when the evaluation ran (whatever the scores), 1 when it could not.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from .gold import SPLITS, GoldError
from .harness import GOLD_DIR, EvaluationError, Line, SplitReport, evaluate_split
from .metrics import Accuracy

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})
out = Console(soft_wrap=True)
if not out.is_terminal:
    out = Console(soft_wrap=True, width=120)  # whole table rows in logs and pipes
err = Console(stderr=True, soft_wrap=True)


@app.command()
def main(
    split: Optional[str] = typer.Option(None, help="Only this split: shared, embedded, dev or heldout. Default: all four."),
    gold: Path = typer.Option(GOLD_DIR, help="Folder of gold JSON files."),
    texts: Optional[List[Path]] = typer.Option(
        None, help="Folder to find the texts in (repeatable). Default: the split's own folder.", show_default=False
    ),
    details: bool = typer.Option(False, "--details", help="List misses and false positives per document."),
) -> None:
    """Measure the extraction against hand-made gold data, one build per split."""
    if split is not None and split not in SPLITS:
        err.print(f"[bold red]error:[/] --split must be one of {', '.join(SPLITS)}", highlight=False)
        raise typer.Exit(2)
    for name in [split] if split else SPLITS:
        try:
            report = evaluate_split(name, gold, texts)
        except (EvaluationError, GoldError) as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False)
            raise typer.Exit(1) from None
        print_report(report)
        if details:
            print_details(report)


def print_report(report: SplitReport) -> None:
    table = Table("measure", "P", "R", "F1/acc", "gold", "pred", "target", "result",
                  title=f"split {report.split}: {len(report.documents)} document(s)")
    for line in report.lines:
        table.add_row(*_cells(line))
    out.print(table)
    for warning in report.warnings:
        out.print(f"[yellow]not loaded:[/] {warning}", highlight=False)


def _cells(line: Line) -> list[str]:
    result, target = line.result, line.target
    if isinstance(result, Accuracy):
        numbers = ["", "", _percent(result.value), str(result.total), f"{result.correct} right"]
    else:
        numbers = [_percent(result.precision), _percent(result.recall), _percent(result.f1),
                   str(result.gold), str(result.predicted)]
    goal = f"{target.statistic} ≥ {target.threshold:.2f}" if target else ""
    verdict = {True: "[green]pass[/]", False: "[red]fail[/]", None: "" if target is None else "n/a"}[line.passed]
    return [line.measure, *numbers, goal, verdict]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_details(report: SplitReport) -> None:
    for line in report.lines:
        result = line.result
        sections = (("wrong", result.errors),) if isinstance(result, Accuracy) else (
            ("missed", result.misses), ("false positive", result.extras))
        for kind, items in sections:
            if items:
                out.print(f"\n[bold]{report.split} · {line.measure} · {kind} ({len(items)})[/]", highlight=False)
                for item in sorted(items):
                    out.print(f"  {item}", highlight=False, markup=False)


if __name__ == "__main__":
    app()
