"""``strategigraf check FILE|IRI``: the completeness report of one strategy.

Exit codes: 0 no violations; 1 violations (or, with ``--fail-on warning``, warnings); 2 unusable input
(raised as :class:`loaders.errors.InputError`, which ``api.cli.main`` turns into one line and exit 2).
"""

from __future__ import annotations

import os
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from api.cli import check_worker
from api.cli.options import StoreOption
from loaders.errors import InputError

if TYPE_CHECKING:  # imported when the command runs, so that other commands do not pay for pySHACL
    from rdflib import Graph
    from rich.console import Console

    from graph.validate import Validation

_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    turtle = "turtle"
    jsonld = "json-ld"


class Lang(StrEnum):
    nb = "nb"
    nn = "nn"
    en = "en"


class FailOn(StrEnum):
    violation = "violation"
    warning = "warning"


def strategy_from_store(iri: str, location: str | None = None) -> Graph:
    """The named graph of a strategy in the store (``--store``), as ``strategigraf build`` wrote it."""
    if not _IRI.match(iri):
        raise InputError(f"ugyldig IRI «{iri}»", f"not a valid IRI: {iri!r}", kind="input")
    from rdflib import RDF, Graph, URIRef

    from graph import iris
    from graph.store import open_store
    from loaders.vocabulary import SG

    graph_name = iris.strategy_graph(iris.slug_of(iri))
    result = open_store(location).query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}")
    graph = result.graph if result.graph is not None else Graph()
    if (URIRef(iri), RDF.type, SG.EmployerStrategy) not in graph:
        raise InputError(
            f"fann ingen strategi med IRI-en «{iri}» i lageret; sjå «strategigraf query» for kva som finst",
            f"no strategy with the IRI {iri!r} in the store; see «strategigraf query» for what is there",
            path=open_store(location).location,
            kind="input",
        )
    return graph


def check_target(target: str, store: str | None = None) -> Validation:
    """Validate a document or card on disk, or (for an http(s) IRI) a strategy in the store."""
    from graph.validate import validate

    if re.match(r"https?://", target):
        return validate(strategy_from_store(target, store))
    from dataclasses import replace

    from graph.mapper import to_rdf
    from loaders.reader import read_path

    document = read_path(Path(target))
    return replace(validate(to_rdf(document)), missing=tuple(document.missing))


def exit_code(validation: Validation, fail_on: str = "violation") -> int:
    """0 when the strategy passes, 1 when it has violations (or warnings, with ``fail_on="warning"``)."""
    if validation.violations or (fail_on == "warning" and validation.warnings):
        return 1
    return 0


def check(
    target: str = typer.Argument(
        ...,
        metavar="FILE|IRI",
        help="Dokument eller kort (.txt, .md, .docx, .pdf, .yaml), eller IRI-en til ein strategi i lageret / "
        "a document or card, or the IRI of a strategy in the store.",
    ),
    format: CheckFormat = typer.Option(
        CheckFormat.text,
        "--format",
        "-f",
        help="text (terminal), json, html (utskrivbar / printable), turtle eller json-ld (SHACL-rapporten / "
        "the SHACL report).",
    ),
    lang: Lang | None = typer.Option(
        None,
        "--lang",
        help="nb, nn eller en. Standard: språket i dokumentet / default: the document's language.",
    ),
    fail_on: FailOn = typer.Option(
        FailOn.violation,
        "--fail-on",
        help="Avslutt med 1 ved brot, eller òg ved åtvaringar / exit 1 on violations, or on warnings too.",
    ),
    store: StoreOption = None,
) -> None:
    """Kontroller om ein strategi er komplett / check that a strategy is complete.

    Exit 0: ingen brot / no violations; 1: brot / violations; 2: ubrukeleg inndata / unusable input.
    """
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    language = lang.value if lang is not None else None
    code = None
    if store is None and not re.match(r"https?://", target) and check_worker.enabled():
        code = _checked_by_worker(target, format.value, language, fail_on.value, console)
    if code is None:
        code = run_check(target, format=format.value, lang=language, fail_on=fail_on.value, store=store,
                         console=console)
    if code:
        raise typer.Exit(code)


def run_check(
    target: str, *, format: str, lang: str | None, fail_on: str, console: Console, store: str | None = None
) -> int:
    """Check ``target`` and write the report to ``console`` (its file, for the formats other than text);
    return the exit code."""
    from api import report

    validation = check_target(target, store)
    language = lang or validation.language
    if language not in ("nb", "nn", "en"):
        language = "nb"
    if format == CheckFormat.text:
        report.print_text(validation, language, console)
    else:
        console.file.write(report.render(validation, format, language))
        console.file.flush()
    return exit_code(validation, fail_on)


def _checked_by_worker(target: str, format: str, lang: str | None, fail_on: str, console: Console) -> int | None:
    """The exit code of the check as the resident worker ran it, its report written; None if it did not."""
    request = {"target": target, "format": format, "lang": lang, "fail_on": fail_on, "cwd": os.getcwd()}
    answer = check_worker.ask({**request, "color_system": console.color_system, "width": console.width})
    if answer is None:
        return None
    if (error := check_worker.to_error(answer)) is not None:
        raise error
    console.file.write(answer["stdout"])
    console.file.flush()
    return int(answer["exit"])
