"""``/sjekk``: check a draft. A plain multipart form (works without JavaScript) posts the file here; the page
sends the same body on to ``POST /api/check`` inside the process (through the app itself, so the API's own
limits and messages apply) and shows the report. The upload lives only in memory for the request: the JSON
and HTML reports are put in the page as ``data:`` links for download, so nothing is kept on the server.
"""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.i18n import LANGS, translator
from api.web.common import language, render
from loaders.sources import MAX_BYTES

router = APIRouter()

OVERHEAD = 64 * 1024  # multipart framing and the small fields around the file
FIELD_LIMIT = 100  # bytes kept of a text field; ours are language codes
ACCEPT = ".docx,.pdf,.md,.markdown,.txt,.yaml,.yml"


class _Fields:
    """Multipart callbacks that keep the small text fields and the file's name, never the file's bytes."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self._header = [b"", b""]
        self._disposition = b""
        self._name: str | None = None
        self._value = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header[0] += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header[1] += data[start:end]

    def on_header_end(self) -> None:
        if self._header[0].strip().lower() == b"content-disposition":
            self._disposition = self._header[1]
        self._header = [b"", b""]

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._disposition = b""
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if name == "file":
                self.filename = options[b"filename"].decode("utf-8", "replace")
            self._name = None
        else:
            self._name = name
        self._value = bytearray()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._name is not None and len(self._value) < FIELD_LIMIT:
            self._value += data[start:end][: FIELD_LIMIT - len(self._value)]

    def on_part_end(self) -> None:
        if self._name is not None:
            self.fields[self._name] = self._value.decode("utf-8", "replace")
        self._name = None


def form_fields(body: bytes, content_type: str) -> tuple[dict[str, str], str | None]:
    """The text fields of a multipart body and the name of its ``file`` part (None when there is none)."""
    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or b"boundary" not in params:
        return {}, None
    collector = _Fields()
    callbacks = {name: getattr(collector, name) for name in dir(collector) if name.startswith("on_")}
    try:
        parser = MultipartParser(params[b"boundary"], callbacks)  # type: ignore[arg-type]
        parser.write(body)
        parser.finalize()
    except FormParserError:
        return {}, None
    return collector.fields, collector.filename


async def _read_body(request: Request) -> bytes | None:
    """The request body in memory, or None as soon as it passes the limit."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BYTES + OVERHEAD:
            return None
    return bytes(body)


async def post_check(request: Request, body: bytes, content_type: str, lang: str, fmt: str) -> tuple[int, bytes]:
    """``POST /api/check?format=…&lang=…`` with this body, answered by this app in this process."""
    scope = {
        "type": "http",
        "asgi": request.scope.get("asgi", {"version": "3.0"}),
        "http_version": "1.1",
        "method": "POST",
        "scheme": request.url.scheme,
        "path": "/api/check",
        "raw_path": b"/api/check",
        "root_path": "",
        "query_string": urlencode({"format": fmt, "lang": lang}).encode(),
        "headers": [(b"content-type", content_type.encode("latin-1")), (b"content-length", str(len(body)).encode())],
        "client": request.scope.get("client"),
        "server": request.scope.get("server"),
        "state": dict(request.scope.get("state", {})),
    }
    pending = [{"type": "http.request", "body": body, "more_body": False}]
    answered = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        await answered.wait()  # the client of this inner request never leaves before the answer
        return {"type": "http.disconnect"}

    status, chunks = 500, []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                answered.set()

    await request.app(scope, receive, send)
    answered.set()
    return status, b"".join(chunks)


def data_url(body: bytes, media: str) -> str:
    return f"data:{media};charset=utf-8;base64," + base64.b64encode(body).decode("ascii")


def _problem(status: int, body: bytes, lang: str) -> str:
    """The API's message for an unusable upload, in Norwegian (nynorsk: the API has no bokmål) or English."""
    try:
        detail = json.loads(body)["detail"]
    except (ValueError, KeyError, TypeError):
        return f"HTTP {status}"
    if isinstance(detail, dict):
        return str(detail.get("en" if lang == "en" else "nn") or detail.get("message") or detail)
    if isinstance(detail, list):  # FastAPI's validation errors
        return "; ".join(str(item.get("msg", item)) for item in detail)
    return str(detail)


def _form(
    request: Request,
    *,
    status: int = 200,
    error: str | None = None,
    error_lang: str | None = None,
    chosen: str | None = None,
) -> HTMLResponse:
    """The upload form; ``error_lang`` marks a message that is not in the page's language (the API's nynorsk)."""
    lang = language(request)
    return render(request, "check.html.j2", active="check", status=status, error=error, accept=ACCEPT,
                  error_lang=error_lang if error_lang != lang else None, report_lang=chosen or lang, report=None)


@router.get("/sjekk", response_class=HTMLResponse, include_in_schema=False)
async def check_form(request: Request) -> HTMLResponse:
    return _form(request)


@router.post("/sjekk", response_class=HTMLResponse, include_in_schema=False)
async def check_draft(request: Request) -> HTMLResponse:
    lang = language(request)
    t = translator(lang)
    body = await _read_body(request)
    if body is None:
        return _form(request, status=413, error=t("too_large"))
    content_type = request.headers.get("content-type", "")
    fields, filename = form_fields(body, content_type)
    chosen = fields.get("lang") if fields.get("lang") in LANGS else lang
    if not filename:
        return _form(request, status=400, error=t("no_file"), chosen=chosen)
    (status, answer), (_, html) = await asyncio.gather(
        post_check(request, body, content_type, chosen, "json"),
        post_check(request, body, content_type, chosen, "html"),
    )
    del body  # the upload is not needed any more; nothing of it is kept
    if status != 200:
        error_lang = "en" if lang == "en" else "nn"
        return _form(request, status=status, error=_problem(status, answer, lang), error_lang=error_lang, chosen=chosen)
    report = json.loads(answer)
    stem = PurePath(filename).stem or "utkast"
    return render(
        request,
        "check.html.j2",
        active="check",
        accept=ACCEPT,
        report_lang=chosen,
        report=report,
        rt=translator(chosen),
        filename=filename,
        json_url=data_url(answer, "application/json"),
        html_url=data_url(html, "text/html"),
        download_stem=f"rapport-{stem}-{chosen}",
        error=None,
    )
