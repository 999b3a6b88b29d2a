"""``/sporring`` (and ``GET /sparql`` for a browser): the SPARQL editor with the named queries as examples.

The page works without JavaScript: the editor is a GET form, so the page's own URL (``?query=…``) is the
shareable link, and the results are rendered here as a table. An example is ``?eksempel=NAME`` plus its
parameters as form fields; the parameters are bound by ``NamedQuery.bind`` (by value, never pasted into the
text) and the bound query is shown in the editor, so what you see is what ran. ``/sporring/last-ned`` gives
the same answer as CSV or SPARQL JSON (Turtle or JSON-LD for a graph). ``static/query.js`` adds syntax
highlighting, Ctrl+Enter and a copy button.
"""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from api.i18n import text
from api.query_guard import check_query
from api.query_pool import QueryTimeout
from api.web.common import language, render
from graph import iris
from graph.named_queries import NamedQuery, library
from graph.results import GRAPH_MEDIA, SELECT_MEDIA, serialize
from graph.store import QueryResult
from graph.validate import label_of
from loaders.errors import InputError
from loaders.vocabulary import ID, SG, known_slugs

router = APIRouter()

SHOWN_ROWS = 500  # rows rendered in the page; the downloads carry them all
STRATEGY_PREFIX = f"{ID}strategi/"
DOWNLOADS = {"csv": "csv", "json": "json", "turtle": "turtle", "jsonld": "json-ld"}
EXTENSIONS = {"csv": "csv", "json": "srj", "turtle": "ttl", "json-ld": "jsonld"}
INPUT_TYPES = {"date": "date", "integer": "number", "iri": "url"}
# Well-known namespaces are shown as prefixed names in the table (the link and downloads keep the full IRI).
SHORT = {
    "https://w3id.org/strategigraf/ont#": "sg:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/org#": "org:",
    "http://data.europa.eu/eli/ontology#": "eli:",
}
VOCABULARIES = {"theme": (SG.Theme, "tema"), "role": (SG.Role, "rolle")}


def _split(summary: str, lang: str) -> tuple[str, str]:
    """A named query's «nynorsk / English» summary, as (text, its language) for the interface language."""
    norwegian, _, english = summary.partition(" / ")
    return (english, "en") if lang == "en" and english else (norwegian, "nn")


def _choices(param_type: str, lang: str) -> list[tuple[str, str]]:
    cls, scheme = VOCABULARIES[param_type]
    slugs = known_slugs(cls, f"{ID}{scheme}/")
    pairs = [(slug, label_of(iris.vocabulary_iri(scheme, slug), lang)) for slug in slugs]
    return sorted(pairs, key=lambda pair: pair[1].lower())


def _fields(query: NamedQuery, values: dict[str, str], lang: str) -> list[dict[str, Any]]:
    fields = []
    for param in query.params:
        choices: list[tuple[str, str]] = []
        if param.enum:
            choices = [(value, value) for value in param.enum]
        elif param.type in VOCABULARIES:
            choices = _choices(param.type, lang)
        fields.append(
            {
                "name": param.name,
                "type": INPUT_TYPES.get(param.type, "text"),
                "value": values.get(param.name, ""),
                "required": param.required,
                "description": param.description,
                "example": param.example or "",
                "choices": choices,
            }
        )
    return fields


def cell(term: Node | None) -> dict[str, Any]:
    """How a term is shown: its text, a link where one leads somewhere, and a literal's language."""
    if term is None:
        return {"text": ""}
    if isinstance(term, URIRef):
        iri = str(term)
        href = None
        if iri.startswith(STRATEGY_PREFIX) and "/" not in iri[len(STRATEGY_PREFIX) :]:
            href = "/strategier/" + iri[len(STRATEGY_PREFIX) :]
        elif iri.startswith("https://lovdata.no/"):
            href = iri
        namespace = next((ns for ns in SHORT if iri.startswith(ns) and "/" not in iri[len(ns) :]), None)
        shown = SHORT[namespace] + iri[len(namespace) :] if namespace else iri
        return {"text": shown, "href": href, "iri": True}
    if isinstance(term, BNode):
        return {"text": f"_:{term}"}
    assert isinstance(term, Literal)
    return {"text": str(term), "lang": term.language, "number": isinstance(term.toPython(), int | float | Decimal)}


async def run(request: Request, sparql: str) -> tuple[QueryResult | None, float, str | None]:
    """The result, the time it took in ms, and the error message (the parser's, for a syntax error)."""
    lang = language(request)
    started = time.perf_counter()
    try:
        await asyncio.to_thread(check_query, sparql)  # SERVICE and deep nesting are refused before the store
        result = await request.app.state.pool.query(sparql)
    except InputError as error:
        return None, 0.0, error.message_en if lang == "en" else error.message_nn
    except QueryTimeout:
        return None, 0.0, text("timeout", lang, s=f"{request.app.state.pool.timeout:g}")
    return result, (time.perf_counter() - started) * 1000, None


def _table(result: QueryResult) -> dict[str, Any]:
    if result.kind == "graph":
        assert result.graph is not None
        triples = sorted(result.graph, key=lambda triple: tuple(str(t) for t in triple))
        return {"columns": None, "rows": [[cell(t) for t in triple] for triple in triples[:SHOWN_ROWS]],
                "count": len(triples)}
    return {"columns": result.variables, "rows": [[cell(t) for t in row] for row in result.rows[:SHOWN_ROWS]],
            "count": len(result.rows)}


async def query_page(request: Request) -> HTMLResponse:
    """The query page; ``GET /sparql`` without a query calls this for browsers."""
    lang = language(request)
    params = request.query_params
    named = library()
    example = named.get(params.get("eksempel", ""))
    sparql = params.get("query")
    error: str | None = None
    values: dict[str, str] = {}
    if example is not None:
        values = {p.name: params.get(p.name, p.default or "") for p in example.params}
        try:
            sparql = example.bind({name: value for name, value in values.items() if value})
        except InputError as problem:
            error = problem.message_en if lang == "en" else problem.message_nn
            sparql = example.sparql.strip() + "\n"
    should_run = bool(sparql and sparql.strip()) and error is None
    if not sparql:
        sparql = named["strategies"].sparql.strip() + "\n"
    result, elapsed, table = None, 0.0, None
    if should_run:
        result, elapsed, error = await run(request, sparql)
        table = _table(result) if result is not None and result.kind != "ask" else None
    share = f"{request.base_url}sporring?{urlencode({'query': sparql})}"
    examples = [
        {"name": q.name, "summary": _split(q.summary, lang), "href": "/sporring?" + urlencode({"eksempel": q.name})}
        for q in sorted(named.values(), key=lambda q: q.name)
    ]
    return render(
        request,
        "query.html.j2",
        active="query",
        status=400 if error else 200,
        sparql=sparql,
        ran=should_run,
        error=error,
        result=result,
        table=table,
        elapsed=round(elapsed),
        shown_rows=SHOWN_ROWS,
        row_cap=request.app.state.pool.row_cap,
        share=share,
        download=lambda fmt: "/sporring/last-ned?" + urlencode({"format": fmt, "query": sparql}),
        examples=examples,
        example=example,
        example_summary=_split(example.summary, lang) if example else None,
        fields=_fields(example, values, lang) if example else [],
    )


@router.get("/sporring", response_class=HTMLResponse, include_in_schema=False)
async def query_route(request: Request) -> HTMLResponse:
    return await query_page(request)


@router.get("/sporring/last-ned", include_in_schema=False)
async def download(request: Request, query: str = Query(...), format: str = Query("csv")) -> Response:
    """The answer to ``query`` as a file: CSV or SPARQL JSON for rows, Turtle or JSON-LD for a graph."""
    fmt = DOWNLOADS.get(format)
    result, _, error = await run(request, query)
    if result is None or fmt is None:
        return Response((error or "unknown format") + "\n", status_code=400, media_type="text/plain; charset=utf-8")
    if result.kind == "graph" and fmt not in GRAPH_MEDIA:
        fmt = "turtle"
    elif result.kind != "graph" and fmt not in SELECT_MEDIA:
        fmt = "json"
    media = (GRAPH_MEDIA if result.kind == "graph" else SELECT_MEDIA)[fmt]
    headers = {"Content-Disposition": f'attachment; filename="sporring.{EXTENSIONS[fmt]}"'}
    return Response(serialize(result, fmt), media_type=f"{media}; charset=utf-8", headers=headers)
