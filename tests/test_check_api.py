"""``POST /api/check`` on a minimal app that includes the router: formats, languages, limits, bad input."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.requests import Request

from api.routes import check as route
from loaders.errors import InputError
from tests.conftest import PROJECT

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx2; the client works as documented
    from fastapi.testclient import TestClient

DOCUMENTS = PROJECT / "tests" / "data" / "documents"
BAD = PROJECT / "tests" / "data" / "bad"
COMPLETE = DOCUMENTS / "complete-draft.md"
VOSS = DOCUMENTS / "voss-arbeidsgjevarstrategi-utkast.docx"
BOUNDARY = "strategigraf-test-boundary"


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(route.router)
    return TestClient(app)


def upload(client: TestClient, path: Path, query: str = ""):
    return client.post(f"/api/check{query}", files={"file": (path.name, path.read_bytes())})


@cache
def voss_json(client: TestClient) -> dict:
    return upload(client, VOSS).json()


# -- reports -----------------------------------------------------------------------------------------------


def test_a_complete_draft_conforms(client: TestClient) -> None:
    response = upload(client, COMPLETE)
    assert (response.status_code, response.json()["conforms"]) == (200, True)


def test_an_incomplete_draft_is_reported_with_its_violations(client: TestClient) -> None:
    report = voss_json(client)
    assert (report["conforms"], report["counts"]["violation"]) == (False, 6)


def test_the_report_names_the_goal_without_measures(client: TestClient) -> None:
    sentences = [f["sentence"] for s in voss_json(client)["sections"] for f in s["findings"]]
    assert "Områdemål «Sjukefråværet i Voss herad skal ned» (avsnitt 8) har ingen tiltak" in sentences


def test_the_report_is_in_the_documents_language_by_default(client: TestClient) -> None:
    assert voss_json(client)["lang"] == "nn"


def test_the_language_can_be_chosen(client: TestClient) -> None:
    report = upload(client, VOSS, "?lang=en").json()
    assert report["verdict"] == "6 violations: correct them before the draft goes to the politicians."


def test_html_is_returned_on_request(client: TestClient) -> None:
    response = upload(client, VOSS, "?format=html&lang=nb")
    assert (response.headers["content-type"], '<html lang="nb">' in response.text) == (
        "text/html; charset=utf-8",
        True,
    )


def test_html_marks_the_documents_words_with_the_documents_language(client: TestClient) -> None:
    page = upload(client, VOSS, "?format=html&lang=en").text
    assert '«<span lang="nn">Sjukefråværet i Voss herad skal ned</span>»' in page


def test_json_lists_the_documents_words_a_message_quotes(client: TestClient) -> None:
    findings = [f for s in voss_json(client)["sections"] for f in s["findings"]]
    placeholder = next(f for f in findings if f["value"] == "xx.xx.2025")
    assert placeholder["quotes"] == ["xx.xx.2025"]


def test_json_says_why_a_section_has_no_score(client: TestClient) -> None:
    roles = next(s for s in voss_json(client)["sections"] if s["section"] == "roles")
    assert roles["notApplicable"] == "ingen kontrollar gjeld: dokumentet gjev inga rolle eit ansvar"


def test_a_complete_draft_has_no_warnings(client: TestClient) -> None:
    assert upload(client, COMPLETE).json()["counts"] == {"violation": 0, "warning": 0, "info": 0}


def test_the_json_report_is_deterministic(client: TestClient) -> None:
    assert upload(client, VOSS).json() == voss_json(client)


def test_an_unknown_format_query_is_refused(client: TestClient) -> None:
    assert upload(client, VOSS, "?format=pdf").status_code == 422


def test_an_unknown_language_is_refused(client: TestClient) -> None:
    assert upload(client, VOSS, "?lang=sv").status_code == 422


# -- bad input ---------------------------------------------------------------------------------------------


def test_an_unknown_file_format_is_415(client: TestClient) -> None:
    response = client.post("/api/check", files={"file": ("strategi.odt", b"PK\x03\x04 OpenDocument")})
    assert (response.status_code, response.json()["detail"]["kind"]) == (415, "format")


def test_an_upload_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/api/check", files={"file": ("stor.txt", b"a" * (route.MAX_BYTES + 1))})
    assert (response.status_code, response.json()["detail"]["kind"]) == (413, "too_large")


def _chunked_body(size: int, chunk: int = 1024 * 1024) -> Iterator[bytes]:
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="stor.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    for _ in range(size // chunk):
        yield b"a" * chunk
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def test_a_chunked_upload_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post(
        "/api/check",
        content=_chunked_body(route.MAX_BYTES + 4 * 1024 * 1024),
        headers={"content-type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 413


def test_reading_stops_at_the_limit() -> None:
    """The body of a 2 GB upload is read only until the file passes 50 MB."""
    consumed = 0
    chunks = _chunked_body(2 * 1024**3)

    async def receive() -> dict:
        nonlocal consumed
        try:
            data = next(chunks)
        except StopIteration:
            return {"type": "http.request", "body": b"", "more_body": False}
        consumed += len(data)
        return {"type": "http.request", "body": data, "more_body": True}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/check",
        "headers": [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode())],
    }
    with pytest.raises(InputError) as error:
        asyncio.run(route._read_upload(Request(scope, receive)))
    assert (error.value.kind, consumed <= route.MAX_BYTES + 2 * 1024 * 1024) == ("too_large", True)


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    async def receive() -> dict:
        raise AssertionError("the body was read")

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/check",
        "headers": [
            (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
            (b"content-length", str(3 * 1024**3).encode()),
        ],
    }
    with pytest.raises(InputError) as error:
        asyncio.run(route._read_upload(Request(scope, receive)))
    assert error.value.kind == "too_large"


@pytest.mark.parametrize(
    "path",
    [BAD / "tom.txt", BAD / "binaer.txt", BAD / "skada.docx", BAD / "tom-strategi.md"],
    ids=["empty", "binary", "corrupt-docx", "no-strategy"],
)
def test_unusable_files_are_422_with_a_message_in_both_languages(client: TestClient, path: Path) -> None:
    response = upload(client, path)
    detail = response.json()["detail"]
    assert (response.status_code, bool(detail["nn"]), bool(detail["en"])) == (422, True, True)


def test_the_norwegian_message_is_labelled_nynorsk_not_bokmal(client: TestClient) -> None:
    # regression: the nynorsk message («ser ikkje ut som ein arbeidsgjevarstrategi») was given as detail.nb
    detail = upload(client, BAD / "tom-strategi.md").json()["detail"]
    assert ("nb" in detail, "ser ikkje ut som ein arbeidsgjevarstrategi" in detail["nn"]) == (False, True)


def test_a_form_without_the_file_field_is_422(client: TestClient) -> None:
    response = client.post("/api/check", files={"dokument": ("a.md", b"# Strategi")})
    assert response.status_code == 422


def test_a_body_that_is_not_multipart_is_422(client: TestClient) -> None:
    response = client.post("/api/check", content=b"# Strategi", headers={"content-type": "text/markdown"})
    assert response.status_code == 422


def test_the_route_documents_its_upload_field(client: TestClient) -> None:
    body = client.get("/openapi.json").json()["paths"]["/api/check"]["post"]["requestBody"]
    assert "file" in body["content"]["multipart/form-data"]["schema"]["properties"]


def test_the_check_page_shows_the_apis_norwegian_message() -> None:
    # The web page (/sjekk) reads the API's answer; its Norwegian message is under «nn».
    from api.web.check import _problem

    body = b'{"detail": {"kind": "input", "message": "x: fann ingen / found none", "nn": "fann ingen", '
    body += b'"en": "found none"}}'
    assert [_problem(422, body, lang) for lang in ("nb", "nn", "en")] == ["fann ingen", "fann ingen", "found none"]
