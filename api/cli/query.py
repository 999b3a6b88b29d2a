"""``strategigraf query``: SPARQL as text, from a file, or a named query with parameters."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from api.cli.options import StoreOption
from loaders.errors import InputError

if TYPE_CHECKING:  # imported when the command runs, so that other commands start faster
    from graph.store import QueryResult


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    turtle = "turtle"


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise InputError(
                f"parameteren «{pair}» skal skrivast som namn=verdi",
                f"write parameter {pair!r} as name=value",
                kind="param",
            )
        name, value = pair.split("=", 1)
        values[name.strip()] = value
    return values


def _show(term: object) -> str:
    from rdflib import Literal

    if isinstance(term, Literal):
        return str(term) + (f" @{term.language}" if term.language else "")
    return "" if term is None else str(term)


_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def _turtle(result: QueryResult, sparql: str) -> str:
    """A CONSTRUCT or DESCRIBE answer for the terminal: Turtle with the query's own prefixes (and sg:, eli:,
    prov:, skos:), and its triple count as a closing comment, so an empty answer still says so."""
    from rdflib import SKOS, Graph, URIRef

    from loaders.vocabulary import ELI, PROV, SG

    graph = result.graph if result.graph is not None else Graph()
    for prefix, namespace in (("sg", SG), ("eli", ELI), ("prov", PROV), ("skos", SKOS)):
        graph.bind(prefix, namespace, override=True, replace=True)
    for prefix, namespace in _PREFIX.findall(sparql):
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)
    text = graph.serialize(format="turtle") if len(graph) else ""
    truncated = " (avkorta / truncated)" if result.truncated else ""
    return f"{text.rstrip()}\n\n# {len(graph)} tripler / triples{truncated}\n".lstrip()


def _table(result: QueryResult) -> Table | str:
    if result.kind == "ask":
        return "ja / true" if result.boolean else "nei / false"
    table = Table(show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        table.add_row(*(_show(term) for term in row))
    table.caption = f"{len(result.rows)} rader / rows" + (" (avkorta / truncated)" if result.truncated else "")
    return table


def query_command(
    sparql: str = typer.Argument(None, help="SPARQL-spørjinga / the SPARQL query (or use --file / --name)."),
    file: Path = typer.Option(None, "--file", "-f", help="Les spørjinga frå fil / read the query from a file."),
    name: str = typer.Option(None, "--name", "-n", help="Namngjeven spørjing / a named query from queries/."),
    param: list[str] = typer.Option([], "--param", "-p", help="Parameter til namngjeven spørjing: namn=verdi."),
    output: OutputFormat = typer.Option(
        OutputFormat.table,
        "--format",
        help="table, json, csv, tsv, xml, turtle. «table» viser CONSTRUCT/DESCRIBE som Turtle / "
        "«table» shows CONSTRUCT and DESCRIBE as Turtle.",
    ),
    list_queries: bool = typer.Option(False, "--list", help="Vis dei namngjevne spørjingane / list named queries."),
    store: StoreOption = None,
) -> None:
    """Køyr ei SPARQL-spørjing / run a SPARQL query against the store."""
    from api.query_guard import check_nesting, check_query
    from graph import named_queries
    from graph.results import serialize
    from graph.store import EmbeddedStore, QueryResult, open_store

    console = Console()
    if list_queries:
        table = Table("namn / name", "parametrar / params", "samandrag / summary")
        for query in named_queries.library().values():
            params = ", ".join(f"{p.name}:{p.type}" for p in query.params)
            table.add_row(query.name, params, query.summary)
        console.print(table)
        return
    given = [value for value in (sparql, file, name) if value]
    if len(given) != 1:
        raise InputError(
            "gje nøyaktig éin av SPARQL, --file og --name",
            "give exactly one of SPARQL, --file and --name",
            kind="usage",
        )
    if file is not None:
        if not file.is_file():
            raise InputError("fann ikkje fila", "file not found", path=file)
        text = file.read_text(encoding="utf-8")
    elif name is not None:
        text = named_queries.get(name).bind(_params(param))
    else:
        text = sparql
    target = open_store(store)
    check_nesting(text)  # a query nested thousands deep overflows Oxigraph's stack
    if not isinstance(target, EmbeddedStore):  # a served store would call out wherever SERVICE points
        check_query(text)
    if output is OutputFormat.table:
        result = target.query(text)
        if result.kind == "graph":  # a graph has no columns: Turtle reads best in a terminal
            sys.stdout.write(_turtle(result, text))
            return
        console.print(_table(result))
        return
    result = target.answer(text)
    is_graph = isinstance(result, QueryResult)
    fmt = output.value
    if is_graph and fmt in ("json", "xml"):
        fmt = "json-ld" if fmt == "json" else "xml"
    elif not is_graph and fmt == "turtle":
        raise InputError(
            "Turtle er berre for CONSTRUCT og DESCRIBE; bruk json, csv eller tsv",
            "Turtle is for CONSTRUCT and DESCRIBE only; use json, csv or tsv",
            kind="usage",
        )
    elif is_graph and fmt in ("csv", "tsv"):
        fmt = "nt"
    elif not is_graph and result.is_ask and fmt in ("csv", "tsv"):
        raise InputError(
            "Svaret på ASK finst berre i json og xml (CSV og TSV er tabellar)",
            "An ASK answer is given in json or xml only (CSV and TSV are tables)",
            kind="usage",
        )
    sys.stdout.buffer.write(serialize(result, fmt))
    sys.stdout.buffer.flush()
    if result.truncated:
        Console(stderr=True).print("[yellow]resultatet er avkorta / the result was truncated[/]")
