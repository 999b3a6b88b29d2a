"""The JSON API for dashboards: the named queries, and views built on them. No SPARQL needed.

``GET /api/queries`` lists the named queries; each also has its own path ``GET /api/queries/{name}`` in
the OpenAPI document, with its parameters and an example. Answers are JSON records (``columns``,
``rows`` as objects) or CSV (``?format=csv`` or ``Accept: text/csv``). A bad parameter gets 422.

Every answer is one page: ``page`` (from 1) and ``page_size`` (at most the server's row cap; by default
the query's ``pagination``, else the row cap). The JSON says ``page``, ``pageSize``, ``truncated`` (more
rows follow) and ``next`` (the path of the next page, or null); both forms carry ``Link: <…>; rel="next"``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from typing import Any
from urllib.parse import urlencode

import orjson
import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response

from api import strategy_tree
from api.query_pool import PAGE_ROWS, UNCAPPED, QueryTimeout
from api.sparql_endpoint import TRUNCATED_HEADER
from graph import iris
from graph.named_queries import NamedQuery, library
from graph.results import serialize
from graph.sparql_json import Answer, records, select_answer
from graph.sparql_text import sparql_keywords
from loaders.errors import InputError

router = APIRouter(prefix="/api", tags=["dashboard"])
EXAMPLE_ROWS = 2  # rows of a real answer in each named query's OpenAPI example
VIEW_QUERIES = ("strategies", "theme-coverage", "laws-cited", "completeness")  # what the views below run, uncapped


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of a named query's answer, and the query text and row cap that give it."""

    number: int
    size: int
    text: str
    row_cap: int
    skip: int = 0  # rows of the answer before the page (only for a query with a LIMIT or OFFSET of its own)


def page_of(query: NamedQuery, values: dict[str, str], number: int | None, size: int | None, row_cap: int) -> Page:
    """The page ``number`` (1 by default) of ``size`` rows (the query's ``pagination``, else ``row_cap``).
    The default page of a query without ``pagination`` is the query as it is, cut at the row cap: the
    answer made ahead when the server starts. Other pages ask for one row more than the page, so that
    ``truncated`` says whether a next page exists. Raises InputError for a bad parameter value."""
    number = number or 1
    size = size or min(query.pagination or row_cap, row_cap)
    text = dataclasses.replace(query, pagination=None).bind(values)
    if number == 1 and size == row_cap and not query.pagination:
        return Page(number, size, text, row_cap)
    if {"LIMIT", "OFFSET"} & set(sparql_keywords(query.sparql)):  # cannot add ours: cut the answer instead
        return Page(number, size, text, number * size, (number - 1) * size)
    return Page(number, size, f"{text}LIMIT {size + 1} OFFSET {(number - 1) * size}\n", size)


def next_link(request_path: str, parameters: list[tuple[str, str]], page: Page, answer: Answer) -> str | None:
    """The path of the next page (the same parameters, ``page`` one more), or None on the last page."""
    if not answer.truncated:
        return None
    kept = [(name, value) for name, value in parameters if name != "page"]
    return f"{request_path}?{urlencode([*kept, ('page', str(page.number + 1))])}"


async def run_page(request: Request, query: NamedQuery, values: dict[str, str], page: Page) -> Answer:
    answer = await run_named(request, query, values, text=page.text, row_cap=page.row_cap)
    if page.skip:
        answer = select_answer(answer.variables, answer.bindings[page.skip :], truncated=answer.truncated)
    return answer


async def run_named(
    request: Request,
    query: NamedQuery,
    values: dict[str, str],
    page: int | None = None,
    row_cap: int | None = None,
    text: str | None = None,
) -> Answer:
    try:
        text = text or query.bind(values, page)
    except InputError as error:
        raise HTTPException(422, detail={"nn": error.message_nn, "en": error.message_en}) from None
    try:
        answer = await request.app.state.pool.answer(text, row_cap=row_cap)
    except QueryTimeout:
        raise HTTPException(503, detail={"nn": "Spørjinga tok for lang tid.", "en": "The query timed out."}) from None
    except InputError as error:
        raise HTTPException(400, detail={"nn": error.message_nn, "en": error.message_en}) from None
    if not isinstance(answer, Answer):  # a named query is a SELECT or an ASK; the library checks that
        raise HTTPException(500, detail={"nn": "spørjinga gav ein graf", "en": "the query returned a graph"})
    return answer


def _records_form(query: NamedQuery, page: int) -> str:
    return f"records:{query.name}:{page}"


def records_body(query: NamedQuery, answer: Answer, page: Page, next_page: str | None) -> bytes:
    """The JSON records of a named query's answer, rendered once per answer (a kept answer is sent again)."""

    def render() -> bytes:
        body: dict[str, Any] = {
            "query": query.name,
            "columns": answer.variables,
            "rows": records(answer),
            "truncated": answer.truncated,
            "page": page.number,
            "pageSize": page.size,
            "next": next_page,
        }
        return orjson.dumps(body)

    return answer.rendered(_records_form(query, page.number), render)


async def _answer(request: Request, query: NamedQuery, answer: Answer, fmt: str | None, page: Page) -> Response:
    headers = {TRUNCATED_HEADER: "true" if answer.truncated else "false"}
    next_page = next_link(request.url.path, request.query_params.multi_items(), page, answer)
    if next_page is not None:
        headers["Link"] = f'<{next_page}>; rel="next"'
    if fmt == "csv" or (fmt is None and "text/csv" in request.headers.get("accept", "")):
        body, media = answer.kept("csv"), "text/csv; charset=utf-8"
        if body is None:  # rendering thousands of rows off the event loop, so other requests go on
            body = await asyncio.to_thread(serialize, answer, "csv")
    else:
        body, media = answer.kept(_records_form(query, page.number)), "application/json"
        if body is None:
            body = await asyncio.to_thread(records_body, query, answer, page, next_page)
    return Response(body, media_type=media, headers=headers)


def describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "pagination": query.pagination,
        "path": f"/api/queries/{query.name}",
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "enum": list(p.enum),
                "required": p.required,
                "description": p.description,
                "example": p.example or p.default,
            }
            for p in query.params
        ],
    }


@router.get("/queries", summary="Dei namngjevne spørjingane / the named queries")
async def list_queries() -> list[dict[str, Any]]:
    return [describe(query) for query in library().values()]


def _endpoint(query: NamedQuery):  # type: ignore[no-untyped-def]
    """A path operation for one named query, with its parameters in the signature (so in the OpenAPI)."""

    async def endpoint(request: Request, **values: Any) -> Response:
        fmt = values.pop("format", None)
        number = values.pop("page", None)
        size = values.pop("page_size", None)
        given = {name: str(value) for name, value in values.items() if value is not None}
        unknown = set(request.query_params) - allowed
        if unknown:
            raise HTTPException(
                422,
                detail={
                    "nn": f"ukjend parameter: {', '.join(sorted(unknown))}",
                    "en": f"unknown parameter: {', '.join(sorted(unknown))}",
                },
            )
        row_cap = request.app.state.pool.row_cap
        if size is not None and size > row_cap:
            raise HTTPException(
                422,
                detail={
                    "nn": f"page_size kan vere høgst {row_cap} på denne tenaren",
                    "en": f"page_size can be at most {row_cap} on this server",
                },
            )
        try:
            page = page_of(query, given, number, size, row_cap)
        except InputError as error:
            raise HTTPException(422, detail={"nn": error.message_nn, "en": error.message_en}) from None
        result = await run_page(request, query, given, page)
        return await _answer(request, query, result, fmt, page)

    allowed = {p.name for p in query.params} | {"format", "page", "page_size"}
    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for param in query.params:
        example = param.example or param.default
        default = Query(
            ... if param.required else None,  # a required one is required over HTTP too (else 422), default or not
            description=f"{param.type}. {param.description}".strip(),
            examples=[example] if example else None,
        )
        annotation = str if param.required else str | None
        parameters.append(
            inspect.Parameter(param.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        )
    parameters.append(
        inspect.Parameter(
            "format", inspect.Parameter.KEYWORD_ONLY, default=Query(None, pattern="^(json|csv)$"), annotation=str | None
        )
    )
    paging = {
        "page": Query(None, ge=1, description="Sida, frå 1 / the page, from 1."),
        "page_size": Query(None, ge=1, description="Rader per side, høgst radgrensa / rows per page, at most the "
                           "server's row cap. Default: the query's pagination, else the row cap."),
    }
    for name, default in paging.items():
        parameters.append(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=int | None)
        )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = "query_" + query.name.replace("-", "_")
    return endpoint


def columns(query: NamedQuery) -> list[str]:
    """The variables a named query projects, from Oxigraph's parser: on an empty in-memory store nothing runs."""
    result = ox.Store().query(query.sparql)
    return [variable.value for variable in result.variables] if isinstance(result, ox.QuerySolutions) else []


def _example(query: NamedQuery, rows: list[dict[str, Any]]) -> dict[str, Any]:
    body: dict[str, Any] = {"query": query.name, "columns": columns(query), "rows": rows, "truncated": False}
    return body | {"page": 1, "pageSize": query.pagination or PAGE_ROWS, "next": None}


async def _example_rows(request: Request, query: NamedQuery) -> list[dict[str, Any]]:
    """The first rows of a named query's real answer, or none if it cannot run. Only the required parameters
    are given (their example): the optional ones would narrow the answer, perhaps to nothing."""
    values = {p.name: p.example or p.default for p in query.params if p.required and (p.example or p.default)}
    try:
        answer = await request.app.state.pool.answer(query.bind(values), row_cap=EXAMPLE_ROWS)
    except (InputError, QueryTimeout, RuntimeError):  # an example is not worth an error; the schema still serves
        return []
    return records(answer)[:EXAMPLE_ROWS] if isinstance(answer, Answer) else []


async def openapi_document(request: Request) -> dict[str, Any]:
    """The OpenAPI document. Each named query's example gets real rows from the store, fetched on the first
    request for the document (not at start-up) with the query timeout, at most two rows each."""
    app = request.app
    schema = app.openapi()
    if not getattr(app.state, "examples_filled", False):
        for query in library().values():
            response = schema["paths"][f"/api/queries/{query.name}"]["get"]["responses"]["200"]
            response["content"]["application/json"]["example"]["rows"] = await _example_rows(request, query)
        app.state.examples_filled = True
    return schema


def add_named_query_routes(app: FastAPI) -> None:
    """One documented path per named query; an unknown name gets 404."""
    for query in library().values():
        example = {p.name: p.example or p.default for p in query.params if p.example or p.default}
        app.add_api_route(
            f"/api/queries/{query.name}",
            _endpoint(query),
            methods=["GET"],
            summary=query.summary,
            description=(query.description + (f"\n\nExample parameters: `{example}`" if example else "")).strip(),
            tags=["named queries", *query.tags],
            responses={
                200: {
                    "content": {
                        "application/json": {"example": _example(query, rows=[])},
                        "text/csv": {},
                    }
                },
                422: {"description": "a bad parameter"},
            },
        )

    @app.get("/api/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise HTTPException(404, detail={"nn": f"ukjend spørjing «{name}»", "en": f"unknown query {name!r}"})


@router.get("/municipalities", summary="Kommunane i grafen med strategiane sine / municipalities and their strategies")
async def municipalities(request: Request) -> list[dict[str, Any]]:
    result = await run_named(request, library()["strategies"], {}, row_cap=UNCAPPED)
    grouped: dict[str, dict[str, Any]] = {}
    for row in records(result):
        key = row["municipality"] or row["strategy"]
        entry = grouped.setdefault(
            key,
            {
                "municipality": row["municipality"],
                "number": row["number"],
                "name": row["municipalityName"],
                "strategies": [],
            },
        )
        entry["strategies"].append(
            {
                "id": iris.slug_of(row["strategy"]),
                "iri": row["strategy"],
                "title": row["title"],
                "validFrom": row["validFrom"],
                "validUntil": row["validUntil"],
                "adoptedBy": row["adoptedBy"],
                "adoptionDate": row["adoptionDate"],
                "adoptionDatePlaceholder": row["placeholder"],
                "score": row["score"],
            }
        )
    return sorted(grouped.values(), key=lambda m: (m["name"] or "", m["number"] or ""))


@router.get("/strategies/{strategy_id}", summary="Treet i éin strategi / the tree of one strategy")
async def strategy(request: Request, strategy_id: str) -> dict[str, Any]:
    graph = await strategy_tree.strategy_graph(request.app.state.pool, strategy_id)
    if graph is None:
        raise HTTPException(
            404, detail={"nn": f"ukjend strategi «{strategy_id}»", "en": f"unknown strategy {strategy_id!r}"}
        )
    return strategy_tree.tree(graph, iris.strategy_iri(strategy_id))


@router.get("/themes/coverage", summary="Dekning kommune × tema / coverage municipality × theme")
async def theme_coverage(request: Request) -> dict[str, Any]:
    rows = records(await run_named(request, library()["theme-coverage"], {}, row_cap=UNCAPPED))
    themes = sorted({(r["theme"], r["themeLabel"]) for r in rows}, key=lambda t: t[1])
    return {
        "municipalities": sorted({r["municipalityName"] for r in rows}),
        "themes": [{"iri": iri, "slug": iri.rsplit("/", 1)[-1], "label": label} for iri, label in themes],
        "cells": [
            {"municipality": r["municipalityName"], "theme": r["theme"], "elements": r["elements"]} for r in rows
        ],
    }


@router.get("/laws", summary="Lover, føresegner og avtalar som vert siterte / laws and agreements cited")
async def laws(request: Request) -> list[dict[str, Any]]:
    return records(await run_named(request, library()["laws-cited"], {}, row_cap=UNCAPPED))


@router.get("/completeness", summary="Fullstendigheitspoeng / completeness scores")
async def completeness(request: Request) -> list[dict[str, Any]]:
    rows = records(await run_named(request, library()["completeness"], {}, row_cap=UNCAPPED))
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = grouped.setdefault(
            row["strategy"],
            {
                "id": iris.slug_of(row["strategy"]),
                "strategy": row["strategy"],
                "municipality": row["municipalityName"],
                "score": row["score"],
                "violations": row["violations"],
                "warnings": row["warnings"],
                "infos": row["infos"],
                "sections": {},
            },
        )
        if row["section"]:
            entry["sections"][row["section"]] = row["sectionScore"]
    return sorted(grouped.values(), key=lambda e: (e["municipality"] or "", e["id"]))
