"""The headers every answer carries, and ``HEAD`` wherever ``GET`` is answered.

``SecurityHeaders`` (plain ASGI, the body passes through untouched) adds to every answer a strict
Content-Security-Policy (scripts, styles, images and fonts from this server only; no inline script or style;
no frames, ``frame-ancestors 'none'``), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and
``Referrer-Policy: no-referrer``. An answer that sets its own Content-Security-Policy keeps it: the
standalone pages with inline CSS by design (the printable report, the ontology page) and Swagger UI's
start-up script get one that allows exactly their own inline blocks, by SHA-256 hash (``inline_policy``).

A ``HEAD`` request is answered as the ``GET`` would be, without the body (FastAPI's routes answer only the
methods they name).
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
_INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)


def policy(**extra: str) -> str:
    """The Content-Security-Policy, with sources added to some directives (``style_src="'sha256-…'"``)."""
    directives = dict(DIRECTIVES)
    for name, sources in extra.items():
        key = name.replace("_", "-")
        directives[key] = f"{directives.get(key, '')} {sources}".strip()
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


STRICT = policy()


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_policy(html: str, *, style_attributes: bool = False) -> str:
    """The strict policy plus the hashes of this page's own inline ``<script>`` and ``<style>`` blocks (a
    ``<script src=…>`` is covered by ``'self'``). ``style_attributes`` also allows ``style="…"`` (Swagger UI)."""
    scripts: list[str] = []
    styles: list[str] = []
    for tag, attributes, content in _INLINE.findall(html):
        if tag.lower() == "style":
            styles.append(_digest(content))
        elif "src=" not in (attributes or "").lower():
            scripts.append(_digest(content))
    extra: dict[str, str] = {}
    if scripts:
        extra["script_src"] = " ".join(dict.fromkeys(scripts))
    if style_attributes:
        extra["style_src"] = "'unsafe-inline'"  # hashes would switch 'unsafe-inline' off, so none are added
    elif styles:
        extra["style_src"] = " ".join(dict.fromkeys(styles))
    return policy(**extra)


def with_inline_policy(response: Response, html: str, *, style_attributes: bool = False) -> Response:
    """``response`` with the policy that allows the inline blocks of ``html`` (its own body)."""
    response.headers["content-security-policy"] = inline_policy(html, style_attributes=style_attributes)
    return response


class SecurityHeaders:
    """Adds the security headers to every HTTP answer and answers HEAD as GET without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", STRICT.encode("ascii")))
                for name, value in HEADERS.items():
                    if name.encode("ascii") not in present:
                        headers.append((name.encode("ascii"), value.encode("ascii")))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, sending)
