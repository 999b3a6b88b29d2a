"""A stand-in remote SPARQL server on a free loopback port, for what a real one does not do on request: fail
with a server error, refuse a query, or serve graphs in N-Triples only. It records the Accept header and
query of every request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from graph.sparql_text import query_form

FAIL = "urn:stub:fail"  # a query naming this gets 500
BAD = "urn:stub:bad"  # a query naming this gets 400
TRIPLE = b"<urn:stub:s> <urn:stub:p> \"o\"@nb .\n"


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]]

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._answer(parse_qs(urlsplit(self.path).query).get("query", [""])[0])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode("utf-8")
        if self.headers.get("content-type", "").startswith("application/sparql-query"):
            self._answer(body)
        else:
            self._answer(parse_qs(body).get("query", [""])[0])

    def _send(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self, query: str) -> None:
        accept = self.headers.get("accept", "")
        self.seen.append((accept, query))
        if FAIL in query:
            return self._send(500, "text/plain", b"the stub fails on purpose")
        if BAD in query:
            return self._send(400, "text/plain", b"Parse error: the stub refuses this query")
        form = query_form(query)
        if form in ("CONSTRUCT", "DESCRIBE"):
            if "application/n-triples" not in accept:
                return self._send(406, "text/plain", b"graphs in N-Triples only")
            return self._send(200, "application/n-triples", TRIPLE)
        if form == "ASK":
            return self._send(200, "application/sparql-results+json", b'{"head":{},"boolean":true}')
        return self._send(200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}')


@contextmanager
def stub_sparql_server() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Yields the endpoint's URL (…/sparql) and the list of (Accept, query) it has been asked."""
    seen: list[tuple[str, str]] = []
    handler = type("Handler", (_Handler,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()
