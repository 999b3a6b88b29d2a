"""The HTTP service: the SPARQL endpoint, the dashboard API, the draft check, the ontology and the pages.

``create_app`` starts the query workers (``api.query_pool``) when the app starts and stops them when it
stops. The named query library is loaded first: a decorator that does not parse stops the start-up
with the file and line.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.metadata import version

import swagger_ui_bundle
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import dashboard, sparql_endpoint, web
from api.body_limit import BodyLimit
from api.empty_parameters import EmptyParameters
from api.negotiation import choose, prefers_html
from api.ontology_docs import LANGS, render_html
from api.query_pool import QueryPool
from api.routes import check
from api.security_headers import SecurityHeaders, with_inline_policy
from api.warm_up import keep_warm
from graph.named_queries import library
from loaders.resources import ontology_dir

log = logging.getLogger("strategigraf.http")

ONTOLOGY_TYPES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}


@dataclass
class Settings:
    store: str | None = None
    query_timeout: float = 30.0
    row_cap: int = 10_000  # the most rows of one answer: /sparql refuses more (503), the dashboard pages at it
    answer_mb: int = 100  # the memory bound on one /sparql answer, serialised: more gets 503
    workers: int = 2
    cache_mb: int = 128  # answers kept per store generation (0: none)
    cors_origins: list[str] = field(default_factory=list)
    allow_updates: bool = False
    update_token: str | None = None
    max_query_kb: int = 1000  # the largest body of POST /sparql (a query or an update): more gets 413
    max_upload_mb: int = 50  # the largest upload (/api/check, /sjekk, …): more gets 413


class RequestLog:
    """Logs method, path, status and time of each request. Plain ASGI: the body passes through untouched
    (Starlette's ``BaseHTTPMiddleware`` would copy every answer through a stream, megabytes for big ones)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %d %.1f ms", scope["method"], scope["path"], status, elapsed)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    library()  # fail fast on a broken query library

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = QueryPool(
            settings.store,
            settings.workers,
            settings.query_timeout,
            settings.row_cap,
            settings.cache_mb * 2**20,
            answer_bytes=settings.answer_mb * 2**20,
        )
        warming = asyncio.create_task(keep_warm(app))
        try:
            yield
        finally:
            warming.cancel()
            app.state.pool.close()

    app = FastAPI(
        title="strategigraf",
        version=version("strategigraf"),
        description="SPARQL 1.1 endpoint and JSON API over Norwegian municipal employer strategies.",
        lifespan=lifespan,
        openapi_url=None,  # served below: the document's examples are filled from the store on first request
        docs_url=None,  # served below from the local Swagger UI: FastAPI's default loads it from a CDN
        redoc_url=None,
    )
    app.state.allow_updates = settings.allow_updates
    app.state.update_token = settings.update_token
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            expose_headers=[sparql_endpoint.TRUNCATED_HEADER, "Link"],
        )

    app.add_middleware(
        BodyLimit, query_bytes=settings.max_query_kb * 1024, upload_bytes=settings.max_upload_mb * 2**20
    )  # 413 by Content-Length, or while a chunked body is read
    app.state.max_query_bytes = settings.max_query_kb * 1024
    app.add_middleware(EmptyParameters)  # ?law= means «not given»: the default holds
    app.add_middleware(SecurityHeaders)  # CSP, nosniff, frame and referrer policy; HEAD as GET
    app.add_middleware(RequestLog)

    app.include_router(sparql_endpoint.router)
    app.include_router(dashboard.router)
    app.include_router(check.router)
    dashboard.add_named_query_routes(app)
    app.include_router(web.router)
    app.state.query_page = web.query_page
    app.mount("/static/swagger-ui", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(await dashboard.openapi_document(request))


    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="strategigraf – API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
        )
        return with_inline_policy(page, bytes(page.body).decode("utf-8"), style_attributes=True)

    @app.get("/ontology", summary="Ontologien: HTML, eller Turtle/RDF ved innhaldsforhandling")
    async def ontology(request: Request, lang: str = "nb") -> Response:
        accept = request.headers.get("accept")
        if prefers_html(accept) or not accept or accept == "*/*":
            html = render_html(lang if lang in LANGS else "nb", home="/")
            return with_inline_policy(HTMLResponse(html), html)  # a standalone page: its CSS is inline
        chosen = choose(accept, ONTOLOGY_TYPES)
        if chosen is None:
            return Response("406 Not Acceptable\n", status_code=406, media_type="text/plain")
        media, fmt = chosen
        if fmt == "turtle":
            body = (ontology_dir() / "strategigraf.ttl").read_bytes()
        else:
            from loaders.vocabulary import ontology_graph

            body = ontology_graph().serialize(format=fmt).encode("utf-8")
        return Response(body, media_type=media)

    return app
