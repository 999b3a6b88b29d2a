"""``strategigraf serve``: the HTTP service (SPARQL endpoint, dashboard API, web pages)."""

from __future__ import annotations

import logging

import typer

from api.cli.options import StoreOption
from loaders.errors import InputError


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse å lytte på / address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port."),
    store: StoreOption = None,
    query_timeout: float = typer.Option(30.0, "--query-timeout", help="Tidsgrense per spørjing i sekund."),
    row_cap: int = typer.Option(
        10_000,
        "--row-cap",
        help="Høgste tal på rader i eit svar: /sparql gjev 503 over det, API-et deler i sider (0 = inga grense i "
        "/sparql) / maximum rows of an answer: /sparql answers 503 past it, the API pages at it (0: none on /sparql).",
    ),
    answer_mb: int = typer.Option(
        100, "--answer-mb", help="Høgste storleik på eit svar frå /sparql i MB (elles 503) / largest /sparql answer."
    ),
    workers: int = typer.Option(2, "--workers", help="Prosessar for spørjingar / query worker processes."),
    cache_mb: int = typer.Option(
        128, "--cache-mb", help="Minne til svar på gjentekne spørjingar, per bygg (0 = av) / answer cache in MB."
    ),
    cors_origin: list[str] = typer.Option([], "--cors-origin", help="Tillat CORS frå denne opphavsadressa."),
    allow_updates: bool = typer.Option(False, "--allow-updates", help="Slå på SPARQL Update (krev --update-token)."),
    update_token: str = typer.Option(None, "--update-token", envvar="STRATEGIGRAF_UPDATE_TOKEN", help="Bearer-token."),
    max_query_kb: int = typer.Option(
        1000, "--max-query-kb", help="Største innhald i ein POST til /sparql i KB (elles 413) / largest /sparql body."
    ),
    max_upload_mb: int = typer.Option(
        50, "--max-upload-mb", help="Største opplasting i MB (elles 413; høgst 50) / largest upload (at most 50)."
    ),
) -> None:
    """Start HTTP-tenesta / start the HTTP service."""
    import uvicorn  # here, not at the top: every other command starts faster without FastAPI

    from api.app import Settings, create_app
    from graph.named_queries import QueryLibraryError
    from graph.store import open_store

    if allow_updates and not update_token:
        raise InputError("--allow-updates krev --update-token", "--allow-updates needs --update-token", kind="usage")
    location = open_store(store).location
    try:
        app = create_app(
            Settings(
                store=location,
                query_timeout=query_timeout,
                row_cap=row_cap,
                answer_mb=answer_mb,
                workers=workers,
                cache_mb=cache_mb,
                cors_origins=cors_origin,
                allow_updates=allow_updates,
                update_token=update_token,
                max_query_kb=max_query_kb,
                max_upload_mb=max_upload_mb,
            )
        )
    except QueryLibraryError as error:
        raise InputError(f"spørjebiblioteket: {error}", f"the query library: {error}", kind="queries") from None
    # Refuse to start on a store that is absent, never built, not a store, corrupt or unreachable: the workers
    # would otherwise answer every request with 500. Raises InputError with the reason.
    open_store(location).query("ASK {}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    typer.echo(f"strategigraf: http://{host}:{port}/  (lager / store: {location})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
