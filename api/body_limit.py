"""Request bodies are refused before they are read whole.

``BodyLimit`` (plain ASGI) answers **413** to a request whose ``Content-Length`` is over the limit for its
path, without reading a byte of the body. A body without a length (``Transfer-Encoding: chunked``) is counted
as the route reads it; past the limit the read stops and the client gets 413, so at most the limit (plus one
chunk) is ever held in memory. The answer closes the connection: the rest of the body is never read.

Limits: ``/sparql`` takes queries and updates (``--max-query-kb``, 1000 KB by default); every other path takes
an upload (``--max-upload-mb``, 50 MB by default, plus room for the multipart framing).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPART_ROOM = 64 * 1024  # boundaries, part headers and the small fields around an uploaded file


class _TooLarge(Exception):
    """The body passed the limit while it was being read."""


class BodyLimit:
    """413 for a body over ``query_bytes`` (``/sparql``) or ``upload_bytes`` (any other path)."""

    def __init__(self, app: ASGIApp, query_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.query_bytes = query_bytes
        self.upload_bytes = upload_bytes

    def limit(self, path: str) -> int:
        """The largest body accepted on ``path``, in bytes."""
        return self.query_bytes if path == "/sparql" else self.upload_bytes + MULTIPART_ROOM

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope["path"])
        declared = next((value for name, value in scope["headers"] if name.lower() == b"content-length"), None)
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _refuse(scope, send, limit)
            return
        received = 0
        started = False

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except _TooLarge:
            if started:  # cannot happen with the routes here, which read the whole body before answering
                raise
            await _refuse(scope, send, limit)


def _size(limit: int) -> str:
    return f"{limit / 2**20:.3g} MB" if limit >= 2**20 else f"{limit / 1024:.3g} KB"


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    """413 with a plain message (JSON under ``/api/``), closing the connection."""
    nn = f"Innhaldet i førespurnaden er større enn grensa på {_size(limit)}."
    en = f"The request body is larger than the {_size(limit)} limit."
    if scope["path"].startswith("/api/"):
        detail = {"kind": "too_large", "message": f"{nn} / {en}", "nn": nn, "en": en}
        body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
        media = b"application/json"
    else:
        body, media = f"{nn}\n{en}\n".encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", media),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
