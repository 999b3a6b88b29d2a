"""``strategigraf extract FILE``: read one document and print its card or its RDF; the store is untouched."""

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
    file: Path = typer.Argument(..., help="Dokument eller kort (.txt, .md, .docx, .pdf, .yaml) / document or card."),
    format: ExtractFormat = typer.Option(
        ExtractFormat.yaml, "--format", "-f", help="turtle (RDF), yaml (kortet / the card) eller json."
    ),
    as_strategy: bool = typer.Option(
        False,
        "--as-strategy",
        help="Les dokumentet som ein strategi sjølv om det ikkje ser ut som arbeidsgjevarpolitikk / read the "
        "document as a strategy even when it does not look like employer policy.",
    ),
) -> None:
    """Les eitt dokument og skriv ut kortet eller RDF / extract one document and print its card or RDF."""
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
