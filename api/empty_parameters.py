"""An empty query-string value means «not given»: ``?law=`` keeps the parameter's default.

``EmptyParameters`` (plain ASGI) drops every ``name=`` (and bare ``name``) from the query string before the
routes see it, so a form field left empty neither replaces a default with nothing nor fails a number's
validation (``?page=``). ``/sparql`` is left alone: the SPARQL Protocol gives an empty ``query`` or
``default-graph-uri`` its own meaning (400).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

KEPT_AS_SENT = ("/sparql",)


def without_empty(query_string: bytes) -> bytes:
    """The query string without the parameters whose value is empty; the others byte for byte."""
    pieces = [piece for piece in query_string.split(b"&") if piece and not piece.endswith(b"=") and b"=" in piece]
    return b"&".join(pieces)


class EmptyParameters:
    """Drops empty query-string parameters, except on the paths in ``KEPT_AS_SENT``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query_string: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and query_string and scope["path"] not in KEPT_AS_SENT:
            scope = {**scope, "query_string": without_empty(query_string)}
        await self.app(scope, receive, send)
