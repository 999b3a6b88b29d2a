"""``strategigraf build [PATH…]``: load the bundled strategies and any given files or folders."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from api.cli.options import StoreOption

if TYPE_CHECKING:  # imported when the command runs, so that other commands start faster
    from graph.build import Prepared


def build_command(
    paths: list[Path] = typer.Argument(None, help="Filer eller mapper i tillegg / extra files or folders."),
    store: StoreOption = None,
    bundled: bool = typer.Option(True, "--bundled/--no-bundled", help="Ta med dei medfølgjande strategiane."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallelle prosessar (0 = alle kjernar) / worker processes."),
) -> None:
    """Bygg grafen: les, tolk, kartlegg, resonner og lagre / build the graph from strategies."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graph.build import build, bundled_inputs, default_jobs, discover
    from graph.store import open_store

    inputs = [*(bundled_inputs() if bundled else []), *discover(paths or [])]
    # Piped into a file or another program, rich assumes 80 columns and cuts the summary's cells to «…».
    console = Console() if Console().is_terminal else Console(width=200)
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
    if failed and not loaded:
        # build() did not open the store: nothing was written, the previous state stands.
        console.print(
            f"ingenting lagra: ingen av filene kunne brukast; {target.location} er uendra / "
            f"nothing stored: none of the input could be used; {target.location} is unchanged",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    console.print(f"{loaded} strategiar lagra i / strategies stored in {target.location}", highlight=False)
    if failed:
        raise typer.Exit(1)


COLUMNS = (
    "strategi",
    "kommune",
    "omr.",
    "mål",
    "tiltak",
    "ind.",
    "tilv.",
    "tripler",
    "poeng",
    "brot",
    "åtv.",
    "status",
)
CAPTION = "omr. = satsingsområde, ind. = indikator, tilv. = tilvising, brot = brot på krav, åtv. = åtvaringar"


def _name(result: Prepared) -> str:
    """The strategy's slug; for a failure, the file (and the graph inside an RDF file)."""
    if result.slug and not result.error:
        return result.slug
    name = Path(result.label).name
    if not result.part:
        return name
    tail = re.split(r"[/#:]", result.part.strip("<>").rstrip("/#"))[-1]  # the error line names the whole graph
    return f"{name}: {tail}"


def _table(results: list[Prepared]) -> Table:
    table = Table(title="strategigraf build", caption=CAPTION)
    for column in COLUMNS:
        left = column in ("strategi", "kommune", "status")
        table.add_column(column, justify="left" if left else "right", no_wrap=column == "strategi")
    for result in results:
        s = result.summary
        table.add_row(
            _name(result),
            str(s.get("municipality", "")),
            *(str(s.get(key, "")) for key in ("areas", "goals", "measures", "indicators", "citations")),
            f"{s.get('triples', '')}+{s.get('inferred', '')}" if s else "",
            "–" if s.get("score") is None else str(s["score"]),
            str(s.get("violations", "")),
            str(s.get("warnings", "")),
            "[red]feil[/]" if result.error else "[green]ok[/]",
        )
    return table
