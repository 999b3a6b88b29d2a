"""``POST /api/check``: the completeness report of an uploaded draft.

The upload is a multipart form with one file field, ``file`` (.txt, .md, .docx, .pdf or a .yaml card).
The body is parsed as it streams in: reading stops as soon as the file passes the size limit (413), or its
name shows a format strategigraf does not read (415), so a 2 GB upload never reaches memory or disk. The
upload is kept in memory only for the check and never stored.

Answers: the report as JSON (default) or, with ``?format=html``, as a printable HTML page; ``?lang=nb|nn|en``
(default: the document's language). Unusable input gets 413, 415 or 422 with a message in Norwegian nynorsk
(``detail.nn``) and English (``detail.en``), never a 500.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from api.security_headers import with_inline_policy
from loaders import sources
from loaders.errors import InputError

router = APIRouter()

FIELD = "file"
MAX_BYTES = sources.MAX_BYTES
# Room for the multipart framing (boundaries, part headers, a few small fields) around the file itself.
OVERHEAD = 64 * 1024

STATUS = {"too_large": 413, "format": 415}


class _Stop(Exception):
    """Raised from a parser callback to stop reading the body."""

    def __init__(self, error: InputError) -> None:
        self.error = error


def _too_large(label: str) -> InputError:
    limit = MAX_BYTES // 1024 // 1024
    return InputError(
        f"fila er større enn grensa på {limit} MB", f"the file is larger than the {limit} MB limit",
        path=label, kind="too_large",
    )


class _Form:
    """Collects the ``file`` part of a multipart body, chunk by chunk, up to the size limit."""

    def __init__(self) -> None:
        self.filename: str | None = None
        self.data = bytearray()
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._in_file = False
        self.parts = 0

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._in_file = False
        self.parts += 1

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if options.get(b"name", b"").decode("utf-8", "replace") != FIELD or self.filename is not None:
            return
        raw = options.get(b"filename")
        self.filename = raw.decode("utf-8", "replace") if raw is not None else ""
        self._in_file = True
        # Refuse an unknown format at once, before the rest of the body is read.
        try:
            sources.format_of(self.filename or "(uten namn)", self.filename)
        except InputError as error:
            raise _Stop(error) from None

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if not self._in_file:
            return
        if len(self.data) + (end - start) > MAX_BYTES:
            raise _Stop(_too_large(self.filename or FIELD))
        self.data += data[start:end]

    def on_part_end(self) -> None:
        self._in_file = False

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }


def _error(error: InputError) -> JSONResponse:
    return JSONResponse(
        status_code=STATUS.get(error.kind, 422),
        content={
            "detail": {
                "kind": error.kind,
                "message": str(error),
                "nn": error.message_nn,
                "en": error.message_en,
            }
        },
    )


def _bad_form(nb: str, en: str) -> InputError:
    return InputError(nb, en, kind="input")


async def _read_upload(request: Request) -> tuple[str, bytes]:
    """The name and bytes of the ``file`` field, read in chunks; InputError for anything unusable."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise _bad_form(
            "send fila som multipart/form-data i feltet «file»",
            "send the file as multipart/form-data in the field «file»",
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BYTES + OVERHEAD:
        raise _too_large(FIELD)
    form = _Form()
    parser = MultipartParser(params[b"boundary"], form.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > MAX_BYTES + OVERHEAD:
                raise _too_large(form.filename or FIELD)
            parser.write(chunk)
        parser.finalize()
    except _Stop as stop:
        raise stop.error from None
    except FormParserError:
        raise _bad_form("ugyldig multipart-data", "invalid multipart data") from None
    if form.filename is None:
        raise _bad_form("fann ikkje feltet «file» i skjemaet", "the form has no field «file»")
    return form.filename, bytes(form.data)


def _check(name: str, data: bytes) -> Any:
    """Check the uploaded bytes (in a worker thread: parsing and validation are CPU work)."""
    from graph.mapper import to_rdf
    from graph.validate import validate
    from loaders.reader import read_source

    source = sources.from_bytes(name or "(uten namn)", data, label=name or FIELD)
    document = read_source(source)
    return replace(validate(to_rdf(document)), missing=tuple(document.missing))


@router.post(
    "/api/check",
    summary="Fullstendighetsrapport for eit utkast / completeness report for a draft",
    response_model=None,
    responses={
        200: {"description": "The report (JSON, or HTML with ?format=html)"},
        413: {"description": "The file is larger than 50 MB"},
        415: {"description": "Unknown file format"},
        422: {"description": "Unusable input: empty, binary, corrupt or without a strategy"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": [FIELD],
                        "properties": {FIELD: {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
    },
)
async def check_upload(
    request: Request,
    format: Literal["json", "html"] = Query("json", description="json or html"),
    lang: Literal["nb", "nn", "en"] | None = Query(None, description="nb, nn or en; default: the document's"),
) -> Response:
    """Check an uploaded draft (.txt, .md, .docx, .pdf or .yaml card) against the completeness shapes."""
    from api import report

    try:
        name, data = await _read_upload(request)
        validation = await run_in_threadpool(_check, name, data)
    except InputError as error:
        return _error(error)
    language = lang or (validation.language if validation.language in report.LANGS else "nb")
    if format == "html":
        html = report.to_html(validation, language)
        return with_inline_policy(HTMLResponse(html), html)  # printable and standalone: its CSS is inline
    return JSONResponse(report.to_dict(validation, language))
