"""Answers made before anyone asks: the overview, and every named query at its default parameters.

When the server starts, and whenever a build or an update publishes a new store generation, the server
runs these queries one at a time (so the other workers stay free for requests) and keeps their answers in
the answer cache, rendered as the dashboard API sends them. A dashboard's first request after a build is
then answered from memory instead of waiting for a query over every municipality. A query with another
parameter value runs as usual. A remote store has no generation to follow, so nothing is made ahead there.
"""

from __future__ import annotations

import asyncio
import logging
import time

from fastapi import FastAPI

from api import dashboard, web
from api.answer_cache import generation
from api.query_pool import UNCAPPED, QueryTimeout
from graph.named_queries import library
from graph.sparql_json import Answer
from loaders.errors import InputError

log = logging.getLogger("strategigraf")
POLL_SECONDS = 2.0  # how often the server looks for a new store generation


async def warm(app: FastAPI, named: bool) -> int:
    """Make the overview's answers and, if ``named``, every named query's default answer; the number made."""
    state = app.state
    try:
        await web.overview.answers(state)
    except Exception as error:  # an empty store, say: the page says how to fill it when it is asked for
        log.info("overview not prefetched: %s", error)
        return 0
    made = 0
    for query in library().values() if named else ():
        try:
            page = dashboard.page_of(query, {}, None, None, state.pool.row_cap)
        except InputError:  # a required parameter without a default: there is no default answer
            continue
        # The first page, as a request without parameters gets it; the dashboard views take every row.
        for row_cap in (page.row_cap, UNCAPPED) if query.name in dashboard.VIEW_QUERIES else (page.row_cap,):
            text = page.text if row_cap == page.row_cap else query.bind({})
            try:
                answer = await state.pool.answer(text, row_cap=row_cap)
            except (InputError, QueryTimeout, RuntimeError) as error:
                log.info("named query %s not prefetched: %s", query.name, error)
                continue
            if isinstance(answer, Answer) and row_cap == page.row_cap:
                next_page = dashboard.next_link(f"/api/queries/{query.name}", [], page, answer)
                await asyncio.to_thread(dashboard.records_body, query, answer, page, next_page)
            made += 1
    return made


async def keep_warm(app: FastAPI) -> None:
    """Warm the cache for the current store generation, and again each time a new one is published. A
    remote store has none: its overview is fetched once (which also starts the workers' connections)."""
    pool = app.state.pool
    done: str | None = None
    while True:
        current = generation(pool.location)
        if current is None or current != done:
            started = time.perf_counter()
            made = await warm(app, named=current is not None and pool.cache.max_bytes > 0)
            log.info("%d answers made ahead for %s in %.1f s", made, current or pool.location,
                     time.perf_counter() - started)
            done = current
        if current is None:
            return
        await asyncio.sleep(POLL_SECONDS)
