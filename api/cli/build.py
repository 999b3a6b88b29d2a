"""``strategigraf build [PATH…]``: load the bundled strategies and any given files or folders."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli.options import StoreOption
from graph.build import Prepared, build, bundled_inputs, default_jobs, discover
from graph.store import open_store


def build_command(
    paths: list[Path] = typer.Argument(None, help="Filer eller mapper i tillegg / extra files or folders."),
    store: StoreOption = None,
    bundled: bool = typer.Option(True, "--bundled/--no-bundled", help="Ta med dei medfølgjande strategiane."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallelle prosessar (0 = alle kjernar) / worker processes."),
) -> None:
    """Bygg grafen: les, tolk, kartlegg, resonner og lagre / build the graph from strategies."""
    inputs = [*(bundled_inputs() if bundled else []), *discover(paths or [])]
    console = Console()
    target = open_store(store)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Les strategiar / reading strategies", total=len(inputs))
        results = build(target, inputs, jobs=jobs or default_jobs(), on_done=lambda _: progress.advance(task))
    console.print(_table(results))
    failed = [r for r in results if r.error]
    for result in failed:
        console.print(f"[red]feil / error:[/] {result.error}", highlight=False, soft_wrap=True)
    loaded = len(results) - len(failed)
    console.print(f"{loaded} strategiar lagra i / strategies stored in {target.location}", highlight=False)
    if failed:
        raise typer.Exit(1)


COLUMNS = ("strategi", "kommune", "omr.", "mål", "tiltak", "ind.", "tilv.", "tripler", "poeng", "brot", "status")


def _table(results: list[Prepared]) -> Table:
    table = Table(title="strategigraf build", caption="omr. = satsingsområde, ind. = indikator, tilv. = tilvising")
    for column in COLUMNS:
        left = column in ("strategi", "kommune", "status")
        table.add_column(column, justify="left" if left else "right", no_wrap=column == "strategi")
    for result in results:
        s = result.summary
        table.add_row(
            result.slug or Path(result.label).name,
            str(s.get("municipality", "")),
            *(str(s.get(key, "")) for key in ("areas", "goals", "measures", "indicators", "citations")),
            f"{s.get('triples', '')}+{s.get('inferred', '')}" if s else "",
            "–" if s.get("score") is None else str(s["score"]),
            str(s.get("violations", "")),
            "[red]feil[/]" if result.error else "[green]ok[/]",
        )
    return table
