"""Issue 17, «safe to put on a network»: what a live server refuses, over real HTTP, and that it still answers
afterwards. Every hostile input is made by the test itself."""

from __future__ import annotations

import select
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.query_guard import has_service
from loaders.errors import InputError
from tests.conftest import PROJECT, run_cli
from tests.http_server import strategigraf_server

ASK = "ASK {}"
OFF = "<http://127.0.0.1:9/>"  # a port nothing answers on: a query that ran would fail differently
FEDERATED = [
    f"SELECT * WHERE {{ SERVICE {OFF} {{ ?s ?p ?o }} }}",
    f"select * where {{ service {OFF} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE{OFF}{{ ?s ?p ?o }} }}",
    f"PREFIX x: {OFF} SELECT * WHERE {{ SERVICE x:name {{ ?s ?p ?o }} }}",
    f"PREFIX x: {OFF} SELECT * WHERE {{ SERVICEx:name {{ ?s ?p ?o }} }}",
    f"PREFIX : {OFF} SELECT * WHERE {{ SERVICE:name {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE SILENT {OFF} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE {OFF} {{ ?s ?p ?o }} }} }}",
    f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE {OFF} {{ ?s ?p ?o }} }} }}",
    f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE {OFF} {{ ?s ?p ?o }} }} }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {OFF} {{ ?s ?p ?o }} }}",
]
HARMLESS = [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { }' } LIMIT 1",
    "SELECT * WHERE { <http://example.org/SERVICE> ?p ?o } LIMIT 1",
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1  # SERVICE in a comment",
]


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    limits = ("--max-query-kb", "64", "--max-upload-mb", "1")  # small, so a test body passes them quickly
    with strategigraf_server(bundled_store_path, "--query-timeout", "10", *limits) as url:
        yield url


def still_answers(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": ASK}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize("query", FEDERATED)
def test_service_is_found_in_the_parsed_query(query: str) -> None:
    assert has_service(query)


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_service_in_a_string_iri_or_name_is_not_service(query: str) -> None:
    assert not has_service(query)


@pytest.mark.parametrize("query", FEDERATED)
def test_sparql_refuses_service_in_every_spelling(server: str, query: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": query})
    assert response.status_code == 400
    assert "Federated queries (SERVICE) are not supported" in response.text
    posted = httpx.post(f"{server}/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert posted.status_code == 400 and "SERVICE" in posted.text
    still_answers(server)


@pytest.mark.parametrize("query", FEDERATED)
def test_the_query_page_refuses_service(server: str, query: str) -> None:
    response = httpx.get(f"{server}/sporring", params={"query": query, "lang": "en"})
    assert response.status_code == 400 and "Federated queries (SERVICE)" in response.text
    download = httpx.get(f"{server}/sporring/last-ned", params={"query": query, "format": "csv"})
    assert download.status_code == 400 and "SERVICE" in download.text
    still_answers(server)


@pytest.mark.parametrize("query", HARMLESS)
def test_a_query_that_only_mentions_service_runs(server: str, query: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    assert httpx.get(f"{server}/sporring", params={"query": query}).status_code == 200


def test_a_query_that_does_not_parse_keeps_the_stores_400(server: str) -> None:
    broken = "SELEKT * WHERE { ?s ?p 'service' }"  # rdflib cannot parse it either; the word is in a string
    response = httpx.get(f"{server}/sparql?query={urllib.parse.quote(broken)}")
    assert response.status_code == 400 and "SERVICE" not in response.text
    still_answers(server)


def test_the_cli_refuses_service_against_a_served_store(server: str) -> None:
    result = run_cli("query", "--store", f"{server}/sparql", FEDERATED[4])
    assert result.returncode == 2 and "Federated queries (SERVICE) are not supported" in result.stderr


# -- 2. headers ---------------------------------------------------------------------------------------------

PATHS = ["/", "/sporring", "/sparql?query=ASK%7B%7D", "/api/queries", "/static/style.css", "/finst-ikkje", "/docs",
         "/ontology"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_the_security_headers(server: str, path: str) -> None:
    response = httpx.get(server + path, headers={"Accept": "text/html"})
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_site_pages_allow_no_inline_style(server: str) -> None:
    csp = httpx.get(f"{server}/sporring").headers["content-security-policy"]
    assert "style-src 'self';" in csp and "script-src 'self';" in csp


def test_the_printable_report_allows_exactly_its_own_inline_css(server: str) -> None:
    draft = (PROJECT / "tests" / "data" / "documents" / "complete-draft.md").read_bytes()
    response = httpx.post(f"{server}/api/check?format=html", files={"file": ("utkast.md", draft)}, timeout=60)
    assert response.status_code == 200
    style = response.headers["content-security-policy"].split("style-src", 1)[1].split(";", 1)[0]
    assert "'sha256-" in style and "unsafe-inline" not in style
    assert "'sha256-" not in response.headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]


@pytest.mark.parametrize("path", ["/", "/sporring", "/api/queries", "/ontology", "/sparql?query=ASK%7B%7D"])
def test_head_is_answered_wherever_get_is(server: str, path: str) -> None:
    got, head = httpx.get(server + path), httpx.head(server + path)
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["x-frame-options"] == "DENY"


# -- 3. an empty parameter keeps its default ----------------------------------------------------------------

def test_an_empty_parameter_keeps_its_default(server: str) -> None:
    default = httpx.get(f"{server}/api/queries/who-cites")
    empty = httpx.get(f"{server}/api/queries/who-cites?law=&page=&page_size=&format=")
    assert default.status_code == empty.status_code == 200
    assert empty.json()["rows"] == default.json()["rows"] != []


def test_the_query_page_shows_the_default_for_an_empty_field(server: str) -> None:
    page = httpx.get(f"{server}/sporring?eksempel=who-cites&law=")
    assert page.status_code == 200 and 'value="https://lovdata.no/lov/2005-06-17-62"' in page.text


def test_sparql_keeps_the_protocols_meaning_of_an_empty_value(server: str) -> None:
    assert httpx.get(f"{server}/sparql?query=ASK%7B%7D&default-graph-uri=").status_code == 400


# -- 4. bodies over the limit -------------------------------------------------------------------------------

HUGE = 20 * 2**20  # the body the client offers: 20 MB, against the server's 64 KB (/sparql) and 1 MB uploads
CHUNK = 16 * 1024


def raw_post(server: str, path: str, content_type: str, limit: int, *, chunked: bool) -> tuple[int, bytes, int]:
    """POST a 20 MB body made on the fly, declared by Content-Length or chunked, and stop sending once the
    server has had more than ``limit`` bytes: the status, the answer's body and how many bytes were sent.
    (A server that answers and closes with the client's bytes unread resets the connection, which would
    drop its answer: so the client waits for it rather than pushing all 20 MB.)"""
    host, port = server.removeprefix("http://").split(":")
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {HUGE}"
    head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n"
    sent = 0
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode())
        if chunked and content_type.startswith("multipart/"):  # a well-formed start: the file's first part
            part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="stor.txt"\r\n\r\n'
            connection.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        while chunked and sent <= limit and not select.select([connection], [], [], 0)[0]:
            connection.sendall(b"%x\r\n%s\r\n" % (CHUNK, b"x" * CHUNK))
            sent += CHUNK
        select.select([connection], [], [], 10)  # a declared length is answered from the headers alone
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2], sent


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
@pytest.mark.parametrize(
    ("path", "content_type", "limit"),
    [
        ("/sparql", "application/sparql-query", 64 * 1024),
        ("/api/check", "multipart/form-data; boundary=b", 2**20 + 64 * 1024),
        ("/sjekk", "multipart/form-data; boundary=b", 2**20 + 64 * 1024),
    ],
)
def test_a_body_over_the_limit_is_413_before_it_is_read_whole(
    server: str, path: str, content_type: str, limit: int, chunked: bool
) -> None:
    status, body, sent = raw_post(server, path, content_type, limit, chunked=chunked)
    assert status == 413 and "The request body is larger than the" in body.decode()
    assert sent <= limit + CHUNK if chunked else sent == 0  # a declared length is refused before any byte
    still_answers(server)


# -- 5. YAML alias bombs ------------------------------------------------------------------------------------

def billion_laughs() -> bytes:
    """A card whose nine levels of aliases would expand to 10**9 strings."""
    lines = ["card_version: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines.append("title: *a9")
    return ("\n".join(lines) + "\n").encode()


def test_a_card_with_aliases_is_refused_naming_the_file() -> None:
    from loaders import sources
    from loaders.reader import read_source

    with pytest.raises(InputError, match="alias") as caught:
        read_source(sources.from_bytes("bombe.yaml", billion_laughs(), label="bombe.yaml"))
    assert caught.value.path == "bombe.yaml" and caught.value.line == 3


def test_an_uploaded_alias_bomb_is_422(server: str) -> None:
    response = httpx.post(f"{server}/api/check", files={"file": ("bombe.yaml", billion_laughs())}, timeout=30)
    assert response.status_code == 422 and "alias" in response.json()["detail"]["en"]
    still_answers(server)


# -- 6. a .docx that unpacks past the limit -----------------------------------------------------------------

def docx_unpacking_to(size: int) -> bytes:
    """A real .docx (python-docx) whose word/document.xml is padded with blanks to ``size`` bytes."""
    import io
    import zipfile

    import docx

    built = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Mål: alle skal ha heiltid.")
    document.save(built)
    out = io.BytesIO()
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (size - len(data)), 1)
            target.writestr(info.filename, data)
    return out.getvalue()


def test_a_docx_part_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from loaders import sources, zip_limits
    from loaders.read_docx import read_docx

    monkeypatch.setattr(zip_limits, "MAX_PART_BYTES", 2**20)
    packed = docx_unpacking_to(2 * 2**20)
    assert len(packed) < 100_000
    with pytest.raises(InputError, match=r"word/document\.xml.*unpacks to more than 2 MB; the limit is 1 MB") as caught:
        read_docx(sources.from_bytes("bombe.docx", packed, label="bombe.docx"))
    assert caught.value.path == "bombe.docx"


def test_a_docx_that_understates_its_size_is_refused_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from loaders import zip_limits

    monkeypatch.setattr(zip_limits, "MAX_PART_BYTES", 2**20)
    packed = docx_unpacking_to(2 * 2**20)
    archive = zipfile.ZipFile(__import__("io").BytesIO(packed))
    archive.getinfo("word/document.xml").file_size = 1000  # the declaration lies; the decompressor does not
    monkeypatch.setattr(zipfile.ZipExtFile, "_update_crc", lambda self, data: None)  # a reader without the CRC
    original = zipfile.ZipExtFile.__init__

    def unbounded(self: zipfile.ZipExtFile, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        self._left = 2**62  # as if zipfile did not stop at the declared size

    monkeypatch.setattr(zipfile.ZipExtFile, "__init__", unbounded)
    with pytest.raises(zip_limits.TooLarge) as caught:
        zip_limits.check_unpacked(archive)
    assert caught.value.part == "word/document.xml" and caught.value.size > 2**20


def test_an_uploaded_docx_bomb_is_422(server: str) -> None:
    packed = docx_unpacking_to(40 * 2**20)  # past the server's 32 MB per part
    response = httpx.post(f"{server}/api/check", files={"file": ("bombe.docx", packed)}, timeout=60)
    assert response.status_code == 422 and "unpacks to more than" in response.json()["detail"]["en"]
    still_answers(server)


# -- 7. deep nesting ----------------------------------------------------------------------------------------

DEEP = {
    "braces": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
    "parentheses": "ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }",
    "negations": "ASK { FILTER(" + "!" * 20000 + "true) }",
    "sums": "ASK { FILTER(" + "+".join(["1"] * 20000) + ") }",
    "path": "PREFIX : <urn:> ASK { ?s " + "/".join([":p"] * 15000) + " ?o }",
}


@pytest.mark.parametrize("query", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_400_on_sparql(server: str, query: str) -> None:
    response = httpx.post(f"{server}/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "nested too deeply" in response.text or "too many operators" in response.text
    still_answers(server)


def test_deep_nesting_is_400_on_the_query_page(server: str) -> None:
    query = DEEP["braces"][:2000] + DEEP["braces"][-2000:]  # 985 levels, short enough for a URL
    response = httpx.get(f"{server}/sporring", params={"query": query, "lang": "en"})
    assert response.status_code == 400 and "nested too deeply" in response.text
    still_answers(server)


def test_a_deeply_nested_card_is_refused(server: str) -> None:
    card = b"card_version: 1\ntitle: " + b"[" * 20000 + b"]" * 20000 + b"\n"
    response = httpx.post(f"{server}/api/check", files={"file": ("djup.yaml", card)}, timeout=30)
    assert response.status_code == 422 and "nested deeper than" in response.json()["detail"]["en"]
    still_answers(server)
