"""`python -m evaluation [--split real|shared|embedded|dev|regression] [--details] [--keep DIR]`.

First the real texts (`../shared/real-texts`: public texts nobody on the project wrote, with an
independent gold, scored by their own `score.py`, the scorer of the hidden sets), each metric beside
its target. Then the regression suites written for the project (`shared`: the seed analyses;
`embedded`: the sample corpus; `dev` and `regression`: texts written here in the rules' own style,
so they measure fit, not generalisation). `--details` lists every miss and false positive with its
sentence and the rule behind it. Exit code 0 when the evaluation ran (whatever the scores), 1 when
it could not.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from .gold import SPLITS, GoldError
from .harness import GOLD_DIR, EvaluationError, Line, SplitReport, evaluate_split
from .metrics import Accuracy
from .real import RealReport, evaluate_real
from .real import details as real_details

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})
out = Console(soft_wrap=True)
if not out.is_terminal:
    out = Console(soft_wrap=True, width=120)  # whole table rows in logs and pipes
err = Console(stderr=True, soft_wrap=True)


@app.command()
def main(
    split: Optional[str] = typer.Option(
        None, help="Only this split: real (../shared/real-texts), shared, embedded, dev or regression. Default: all."),
    gold: Path = typer.Option(GOLD_DIR, help="Folder of gold JSON files."),
    texts: Optional[List[Path]] = typer.Option(
        None, help="Folder to find the texts in (repeatable). Default: the split's own folder.", show_default=False
    ),
    details: bool = typer.Option(False, "--details", help="List misses and false positives, with their sentence and rule."),
    keep: Optional[Path] = typer.Option(
        None, help="Keep the real texts' store and query CSVs in this folder (default: a temporary one)."),
) -> None:
    """Measure the extraction against hand-made gold data: the real texts first, then the regression suites."""
    if split is not None and split not in ("real", *SPLITS):
        err.print(f"[bold red]error:[/] --split must be one of real, {', '.join(SPLITS)}", highlight=False)
        raise typer.Exit(2)
    if split in (None, "real"):
        try:
            with tempfile.TemporaryDirectory(prefix="eurasia-kg-real-") as folder:
                report = evaluate_real(keep or Path(folder))
                print_real(report)
                if details:
                    print_real_details(report)
        except EvaluationError as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False)
            raise typer.Exit(1) from None
    for name in [split] if split in SPLITS else [] if split else SPLITS:
        try:
            report = evaluate_split(name, gold, texts)
        except (EvaluationError, GoldError) as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False)
            raise typer.Exit(1) from None
        print_report(report)
        if details:
            print_details(report)


def print_real(report: RealReport) -> None:
    table = Table("metric", "score", "target", "result",
                  title="real texts (../shared/real-texts, scored by its score.py: the numbers that count)")
    for metric, value in report.metrics.items():
        target = report.targets.get(metric)
        verdict = "" if target is None else "[green]met[/]" if value >= target else "[red]not met[/]"
        table.add_row(metric, f"{value:.3f}", "" if target is None else f"≥ {target:.2f}", verdict)
    out.print(table)
    for warning in report.warnings:
        out.print(f"[yellow]not loaded:[/] {warning}", highlight=False)


def print_real_details(report: RealReport) -> None:
    for heading, lines in real_details(report):
        if lines:
            out.print(f"\n[bold]real · {heading} ({len(lines)})[/]", highlight=False)
            for line in lines:
                out.print(f"  {line}", highlight=False, markup=False)


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
