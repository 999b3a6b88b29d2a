"""Queries run in worker processes that can be killed, so a runaway query never blocks the server.

Neither pyoxigraph nor an HTTP client can be interrupted mid-query from another thread; a process can.
Each worker opens the store itself (read-only for the embedded store; it follows new builds) and answers
one query at a time. When a query passes its time limit its worker is killed with SIGKILL and replaced,
and the caller gets ``QueryTimeout``. The other workers go on answering.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from rdflib import Graph

from api.answer_cache import AnswerCache
from graph.bounded import AnswerTooLarge, Limits
from graph.sparql_json import Answer
from graph.store import QueryResult, open_store
from loaders.errors import InputError

_CONTEXT = mp.get_context("spawn")  # a fresh interpreter: no inherited threads, sockets or store handles


UNCAPPED = sys.maxsize  # the row cap for the pages' own queries
PAGE_ROWS = 10_000  # the dashboard's and the pages' cut when the server sets no row cap
ANSWER_BYTES = 100 * 2**20  # the memory bound on one whole answer (``--answer-mb``)


class QueryTimeout(Exception):
    """The query ran past its limit and was stopped."""


@dataclass
class _Request:
    kind: str  # "query" (rdflib terms), "answer" (SPARQL JSON for SELECT/ASK), "whole" or "update"
    text: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    row_cap: int = 0
    base_iri: str | None = None
    limits: Limits | None = None  # "whole": the answer within these, or AnswerTooLarge


def _serve(connection: Connection, location: str | None) -> None:
    """The worker's loop: answer requests until the pipe closes."""
    store = open_store(location)
    while True:
        try:
            request: _Request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if request.kind == "update":
                try:
                    with store.writer() as writer:
                        writer.update(request.text)
                except RuntimeError as error:  # the store refused the update (CLEAR of a graph that is not there)
                    raise InputError(
                        f"Oppdateringa kunne ikkje utførast: {error}", f"The update could not be applied: {error}"
                    ) from None
                connection.send(("ok", None))
                continue
            if request.kind == "whole":
                result = store.answer(
                    request.text,
                    default_graphs=request.default_graphs,
                    named_graphs=request.named_graphs,
                    base_iri=request.base_iri,
                    limits=request.limits,
                )
                connection.send(("ok", (result, None)))
                continue
            run = store.answer if request.kind == "answer" else store.query
            result = run(
                request.text,
                default_graphs=request.default_graphs,
                named_graphs=request.named_graphs,
                row_cap=request.row_cap,
            )
            graph = None
            if isinstance(result, QueryResult) and result.graph is not None:  # graphs travel as N-Triples
                graph, result.graph = result.graph.serialize(format="nt"), None
            connection.send(("ok", (result, graph)))
        except (InputError, AnswerTooLarge) as error:
            connection.send(("input", error))
        except Exception as error:  # report, keep the worker alive
            connection.send(("error", f"{type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, location: str | None) -> None:
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, location), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class QueryPool:
    """``size`` killable workers; ``run`` waits for a free one, sends the query and enforces the limit."""

    def __init__(
        self,
        location: str | None,
        size: int,
        timeout: float,
        row_cap: int,
        cache_bytes: int = 0,
        answer_bytes: int = ANSWER_BYTES,
    ) -> None:
        """``row_cap``: the most rows of one answer (0: no maximum). ``/sparql`` refuses a longer answer
        (``whole``); the dashboard and the pages cut at it (at PAGE_ROWS when it is 0)."""
        self.location = location
        self.cache = AnswerCache(location, cache_bytes)
        self.timeout = timeout
        self.row_cap = row_cap or PAGE_ROWS
        self.limits = Limits(rows=row_cap or None, bytes=answer_bytes)
        self._idle: list[_Worker] = [_Worker(location) for _ in range(size)]
        self._lock = threading.Lock()
        self._available = threading.Semaphore(size)

    def _take(self) -> _Worker:
        self._available.acquire()
        with self._lock:
            return self._idle.pop()

    def _give(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)
        self._available.release()

    def run_blocking(self, request: _Request, timeout: float | None = None) -> Any:
        worker = self._take()
        try:
            worker.connection.send(request)
            if not worker.connection.poll(timeout or self.timeout):
                worker.kill()
                worker = _Worker(self.location)
                raise QueryTimeout()
            status, payload = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            worker = _Worker(self.location)
            raise RuntimeError("the query worker died") from None
        finally:
            self._give(worker)
        if status == "input":
            raise payload
        if status == "error":
            raise RuntimeError(payload)
        return payload

    async def _run(self, request: _Request, timeout: float | None) -> QueryResult | Answer:
        result, graph = await asyncio.to_thread(self.run_blocking, request, timeout)
        if graph is not None:
            result.graph = Graph().parse(data=graph, format="nt")
        return result

    async def query(
        self,
        text: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> QueryResult:
        """The answer in rdflib terms, for pages that work with the terms. ``row_cap`` overrides the
        server's cap, for the pages' own queries (a strategy's whole graph)."""
        request = _Request("query", text, default_graphs, named_graphs, row_cap or self.row_cap)
        return await self._run(request, timeout)  # type: ignore[return-value]

    async def answer(
        self,
        text: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> QueryResult | Answer:
        """SELECT and ASK as SPARQL JSON, ready to send on; CONSTRUCT and DESCRIBE as a graph. A SELECT or ASK
        answer already given on the current store generation comes from the cache."""
        request = _Request("answer", text, default_graphs, named_graphs, row_cap or self.row_cap)
        key = self.cache.key(text, default_graphs, named_graphs, request.row_cap)
        if (kept := self.cache.get(key)) is not None:
            return kept
        result = await self._run(request, timeout)
        if isinstance(result, Answer):
            self.cache.put(key, result)
        return result

    async def whole(
        self,
        text: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult | Answer:
        """The whole answer within the server's limits (else ``AnswerTooLarge``): SELECT and ASK as SPARQL
        JSON, CONSTRUCT and DESCRIBE as N-Triples (``QueryResult.ntriples``). Relative IRIs resolve against
        ``base_iri``. A SELECT or ASK answer given on the current store generation comes from the cache."""
        request = _Request("whole", text, default_graphs, named_graphs, 0, base_iri, self.limits)
        keyed = f"whole {self.limits.rows} {self.limits.bytes} <{base_iri or ''}>\n{text}"
        key = self.cache.key(keyed, default_graphs, named_graphs, 0)
        if (kept := self.cache.get(key)) is not None:
            return kept
        result = await self._run(request, timeout=None)
        if isinstance(result, Answer):
            self.cache.put(key, result)
        return result

    async def update(self, text: str) -> None:
        await asyncio.to_thread(self.run_blocking, _Request("update", text))

    def close(self) -> None:
        with self._lock:
            for worker in self._idle:
                worker.kill()
            self._idle.clear()
