"""``strategigraf extract FILE``: read one document and print its card or its RDF; ``extract FOLDER --out DIR``:
one card per document, with a closing table. The store is untouched."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer


class ExtractFormat(StrEnum):
    turtle = "turtle"
    yaml = "yaml"
    json = "json"


def extract(
    file: Path = typer.Argument(
        ..., help="Dokument, kort (.txt, .md, .docx, .pdf, .yaml) eller mappe / document, card or folder."
    ),
    format: ExtractFormat = typer.Option(
        ExtractFormat.yaml, "--format", "-f", help="turtle (RDF), yaml (kortet / the card) eller json."
    ),
    as_strategy: bool = typer.Option(
        False,
        "--as-strategy",
        help="Les dokumentet som ein strategi sjølv om det ikkje ser ut som arbeidsgjevarpolitikk / read the "
        "document as a strategy even when it does not look like employer policy.",
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Mappe for korta når FILE er ei mappe / folder for the cards when FILE is a folder.",
        show_default=False,
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Prosessar / processes (standard / default: alle kjernar / every core).",
        show_default=False,
    ),
) -> None:
    """Les eitt dokument og skriv ut kortet eller RDF, eller les ei heil mappe til kort / extract one document
    and print its card or RDF, or a whole folder into cards."""
    if file.is_dir():
        _extract_folder(file, out, as_strategy, jobs)
        return
    from graph.mapper import to_rdf
    from loaders.card import dump
    from loaders.reader import read_path

    document = read_path(file, as_strategy=as_strategy)
    if format is ExtractFormat.turtle:
        typer.echo(to_rdf(document).serialize(format="turtle"))
    elif format is ExtractFormat.json:
        typer.echo(json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(dump(document), nl=False)


def _extract_folder(folder: Path, out: Path | None, as_strategy: bool, jobs: int | None) -> None:
    """One card per document of ``folder`` under ``out``; exit 1 when some document gave no card."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from api.cli.extract_folder import documents, extract_folder
    from loaders.errors import InputError

    if out is None:
        raise InputError(
            "ei mappe treng --out DIR: kvar korta skal skrivast", "a folder needs --out DIR: where to write the cards",
            path=folder,
        )
    console = Console(stderr=True)
    total = len(documents(folder))
    outcomes = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("les / reading", total=total)
        for outcome in extract_folder(folder, out, as_strategy=as_strategy, jobs=jobs):
            outcomes.append(outcome)
            progress.advance(task)
    table = Table(title=f"{folder} → {out}", title_justify="left")
    columns = ("dokument / document", "område", "mål", "tiltak", "forv.", "verdiar", "uplassert", "manglar / lacks")
    for column in columns:
        table.add_column(column, overflow="fold")
    for outcome in sorted(outcomes, key=lambda o: str(o.path)):
        name = str(outcome.path.relative_to(folder))
        if outcome.error is not None:
            reason = outcome.error.split(":")[0]  # the first clause says what is wrong; the card-less file says more
            table.add_row(name, "", "", "", "", "", "", f"[red]ingen kort / no card: {reason}[/]")
            continue
        counts = outcome.counts
        table.add_row(
            name, *(str(counts[k]) for k in ("areas", "goals", "measures", "expectations", "values", "unplaced")),
            ", ".join(outcome.missing),
        )
    Console().print(table)
    refused = sorted((o for o in outcomes if o.error is not None), key=lambda o: str(o.path))
    for outcome in refused:  # whole, beyond the table's width
        typer.echo(f"ingen kort / no card: {outcome.path.relative_to(folder)}: {outcome.error}")
    failed = len(refused)
    typer.echo(f"{total - failed} av {total} dokument gav kort / {total - failed} of {total} documents gave a card")
    if failed:
        raise typer.Exit(1)
