"""The W3C SPARQL 1.1 Protocol tests (``sparql11/protocol/manifest.ttl``, 34 tests), one pytest test each.

Each test is named after the manifest entry it follows and re-expresses its request and expected response
against ``strategigraf serve`` over real HTTP. The requests go to ``/sparql`` (the manifest writes
``/sparql/``, which the server redirects to ``/sparql`` with 307, a 3xx the manifest accepts). Where the
manifest's data graphs (``http://kasei.us/2009/09/sparql/data/data1.rdf`` …) are only needed to be there,
the query tests use three graphs of the bundled store instead: the strategy graphs of Alver, Elverum and
Røros, each with its strategy typed ``sg:EmployerStrategy``.

The query tests run against the read-only server of the bundled store (the default). The update tests need
an update service: they run against a server started with ``--allow-updates --update-token`` over a small
store of their own, and send the bearer token (the manifest sends none; without it the answer is 401). The
default server refuses the same updates with 403 (``test_the_read_only_default_refuses_the_update_tests``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import iris
from graph.store import EmbeddedStore
from tests.http_server import strategigraf_server
from tests.protocol_client import Answer, form, send, succeeded

TOKEN = "w3c-protokoll"
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"  # a graph not in the store, as in the manifest
KASEI = "http://kasei.us/2009/09/sparql/data/"
# the manifest's data1.rdf, data2.rdf, data3.rdf: three graphs of the bundled store, and a resource in each
GRAPH1, GRAPH2, GRAPH3 = (str(iris.strategy_graph(s)) for s in ("alver-2023", "elverum-2016", "roros-2017"))
THING1, THING2, THING3 = (str(iris.strategy_iri(s)) for s in ("alver-2023", "elverum-2016", "roros-2017"))

BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {
    "text/turtle",
    "application/rdf+xml",
    "application/n-triples",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
}


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    """The default deployment: read-only, over the bundled strategies."""
    with strategigraf_server(bundled_store_path) as url:
        yield url


@pytest.fixture(scope="module")
def update_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Updates turned on (``--allow-updates --update-token``), over a store of its own with one small graph:
    the update tests clear the store (CLEAR ALL over the bundled strategies' 0.3 M triples takes 20 s)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("protocol") / "store")
    with store.writer() as writer:
        writer.replace({"http://example.org/protocol-test/": "<http://example.org/s> <http://example.org/p> 1 ."})
    with strategigraf_server(store.root, "--allow-updates", "--update-token", TOKEN) as url:
        yield url


def direct_query(server: str, query: str, parameters: list[tuple[str, str]] | None = None) -> Answer:
    return send(server, "POST", parameters, query.encode(), {"Content-Type": "application/sparql-query"})


def direct_update(server: str, update: str, parameters: list[tuple[str, str]] | None = None) -> Answer:
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    return send(server, "POST", parameters, update.encode(), headers)


# -- queries ------------------------------------------------------------------------------------------------


def test_query_post_form(server: str) -> None:
    """W3C ``query_post_form``: query via URL-encoded POST."""
    answer = send(
        server,
        "POST",
        [("default-graph-uri", DATA0)],
        form(query="ASK {}"),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert succeeded(answer) and answer.media in BOOLEAN_TYPES and answer.boolean() is True


def test_query_dataset_default_graphs_get(server: str) -> None:
    """W3C ``query_dataset_default_graphs_get``: GET query with protocol-specified default graphs."""
    query = f"ASK {{ <{THING1}> a ?type . <{THING2}> a ?type . }}"
    answer = send(server, "GET", [("query", query), ("default-graph-uri", GRAPH1), ("default-graph-uri", GRAPH2)])
    assert succeeded(answer) and answer.boolean() is True


def test_query_dataset_default_graphs_post(server: str) -> None:
    """W3C ``query_dataset_default_graphs_post``: POST query with protocol-specified default graphs."""
    query = f"ASK {{ <{THING1}> a ?type . <{THING2}> a ?type . }}"
    answer = direct_query(server, query, [("default-graph-uri", GRAPH1), ("default-graph-uri", GRAPH2)])
    assert succeeded(answer) and answer.boolean() is True


NAMED_QUERY = f"ASK {{ GRAPH ?g1 {{ <{THING1}> a ?type }} GRAPH ?g2 {{ <{THING2}> a ?type }} }}"


def test_query_dataset_named_graphs_post(server: str) -> None:
    """W3C ``query_dataset_named_graphs_post``: POST query with protocol-specified named graphs."""
    answer = direct_query(server, NAMED_QUERY, [("named-graph-uri", GRAPH1), ("named-graph-uri", GRAPH2)])
    assert succeeded(answer) and answer.boolean() is True


def test_query_dataset_named_graphs_get(server: str) -> None:
    """W3C ``query_dataset_named_graphs_get``: GET query with protocol-specified named graphs."""
    parameters = [("query", NAMED_QUERY), ("named-graph-uri", GRAPH1), ("named-graph-uri", GRAPH2)]
    answer = send(server, "GET", parameters)
    assert succeeded(answer) and answer.boolean() is True


def test_query_dataset_full(server: str) -> None:
    """W3C ``query_dataset_full``: query with protocol-specified dataset (both named and default graphs)."""
    query = f"ASK {{ <{THING3}> a ?type GRAPH ?g1 {{ <{THING1}> a ?type }} GRAPH ?g2 {{ <{THING2}> a ?type }} }}"
    parameters = [("default-graph-uri", GRAPH3), ("named-graph-uri", GRAPH1), ("named-graph-uri", GRAPH2)]
    answer = direct_query(server, query, parameters)
    assert succeeded(answer) and answer.boolean() is True


def test_query_multiple_dataset(server: str) -> None:
    """W3C ``query_multiple_dataset``: query specifying dataset in both query string and protocol; test for
    use of protocol-specified dataset. The query's ``FROM`` alone would give no named graphs (false). The
    manifest's URL has its ``&`` between the two ``named-graph-uri`` percent-encoded (one parameter whose
    value holds the other), a slip: the test is sent as its description says, with two parameters."""
    query = f"ASK FROM <{GRAPH3}> {{ GRAPH ?g1 {{ <{THING1}> a ?type }} GRAPH ?g2 {{ <{THING2}> a ?type }} }}"
    answer = direct_query(server, query, [("named-graph-uri", GRAPH1), ("named-graph-uri", GRAPH2)])
    assert succeeded(answer) and answer.boolean() is True


def test_query_get(server: str) -> None:
    """W3C ``query_get``: query via GET."""
    answer = send(server, "GET", [("query", "ASK {}"), ("default-graph-uri", DATA0)])
    assert succeeded(answer) and answer.media in BOOLEAN_TYPES and answer.boolean() is True


def test_query_content_type_select(server: str) -> None:
    """W3C ``query_content_type_select``: query appropriate content type (expect one of: XML, JSON, CSV,
    TSV)."""
    answer = direct_query(server, "SELECT (1 AS ?value) {}", [("default-graph-uri", DATA0)])
    assert succeeded(answer) and answer.media in TABULAR_TYPES


def test_query_content_type_ask(server: str) -> None:
    """W3C ``query_content_type_ask``: query appropriate content type (expect one of: XML, JSON)."""
    answer = direct_query(server, "ASK {}", [("default-graph-uri", DATA0)])
    assert succeeded(answer) and answer.media in BOOLEAN_TYPES


def test_query_content_type_describe(server: str) -> None:
    """W3C ``query_content_type_describe``: query appropriate content type (expect one of: RDF/XML, Turtle,
    N-Triples, RDFa)."""
    answer = direct_query(server, "DESCRIBE <http://example.org/>", [("default-graph-uri", DATA0)])
    assert succeeded(answer) and answer.media in RDF_TYPES


def test_query_content_type_construct(server: str) -> None:
    """W3C ``query_content_type_construct``: query appropriate content type (expect one of: RDF/XML, Turtle,
    N-Triples, RDFa)."""
    answer = direct_query(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", [("default-graph-uri", DATA0)])
    assert succeeded(answer) and answer.media in RDF_TYPES


def test_query_post_direct(server: str) -> None:
    """W3C ``query_post_direct``: query via POST directly."""
    answer = direct_query(server, "ASK {}")
    assert succeeded(answer) and answer.media in BOOLEAN_TYPES and answer.boolean() is True


# -- updates (with --allow-updates and the token) -----------------------------------------------------------

PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
THREE_DOCUMENTS = (
    "DROP ALL ;\nINSERT DATA {\n"
    + "".join(f"  GRAPH <{KASEI}data{n}.rdf> {{ <{KASEI}data{n}.rdf> a foaf:Document }}\n" for n in (1, 2, 3))
    + "} ;\n"
)


def ask(server: str, query: str) -> bool:
    answer = direct_query(server, query)
    assert succeeded(answer), answer.body
    return answer.boolean()


def copied_in(test_graph: str, *numbers: int, absent: int | None = 3) -> str:
    """ASK: data1.rdf … were typed dc:BibliographicResource in ``test_graph`` (and data3.rdf was not)."""
    typed = "a <http://purl.org/dc/terms/BibliographicResource>"
    present = " ".join(f"<{KASEI}data{n}.rdf> {typed} ." for n in numbers)
    if absent is None:
        return f"ASK {{ GRAPH <{test_graph}> {{ {present} }} }}"
    missing = f"FILTER NOT EXISTS {{ GRAPH <{test_graph}> {{ <{KASEI}data{absent}.rdf> {typed} }} }}"
    return f"ASK {{ GRAPH <{test_graph}> {{ {present} }} {missing} }}"


def test_update_dataset_default_graph(update_server: str) -> None:
    """W3C ``update_dataset_default_graph``: update with protocol-specified default graph
    (``using-graph-uri``)."""
    target = "http://example.org/protocol-update-dataset-test/"
    update = (
        f"{PREFIXES}CLEAR ALL ;\n"
        f"INSERT DATA {{ GRAPH <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> a foaf:Document }} }} ;\n"
        f"INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ ?s a foaf:Document }}"
    )
    assert succeeded(direct_update(update_server, update, [("using-graph-uri", f"{KASEI}data1.rdf")]))
    assert ask(update_server, copied_in(target, 1, absent=None)) is True


def test_update_dataset_default_graphs(update_server: str) -> None:
    """W3C ``update_dataset_default_graphs``: update with protocol-specified default graphs (two
    ``using-graph-uri``)."""
    target = "http://example.org/protocol-update-dataset-graphs-test/"
    update = (
        f"{PREFIXES}{THREE_DOCUMENTS}"
        f"INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ ?s a foaf:Document }}"
    )
    parameters = [("using-graph-uri", f"{KASEI}data1.rdf"), ("using-graph-uri", f"{KASEI}data2.rdf")]
    assert succeeded(direct_update(update_server, update, parameters))
    assert ask(update_server, copied_in(target, 1, 2)) is True


def test_update_dataset_named_graphs(update_server: str) -> None:
    """W3C ``update_dataset_named_graphs``: update with protocol-specified named graphs
    (``using-named-graph-uri``)."""
    target = "http://example.org/protocol-update-dataset-named-graphs-test/"
    update = (
        f"{PREFIXES}{THREE_DOCUMENTS}"
        f"INSERT {{ GRAPH <{target}> {{ ?s a dc:BibliographicResource }} }} "
        "WHERE { GRAPH ?g { ?s a foaf:Document } }"
    )
    parameters = [("using-named-graph-uri", f"{KASEI}data1.rdf"), ("using-named-graph-uri", f"{KASEI}data2.rdf")]
    assert succeeded(direct_update(update_server, update, parameters))
    assert ask(update_server, copied_in(target, 1, 2)) is True


def test_update_dataset_full(update_server: str) -> None:
    """W3C ``update_dataset_full``: update with protocol-specified dataset (both named and default graphs)."""
    target = "http://example.org/protocol-update-dataset-full-test/"
    update = (
        f"{PREFIXES}{THREE_DOCUMENTS}"
        f"INSERT {{ GRAPH <{target}> {{ ?s <http://example.org/in> ?in }} }} WHERE {{\n"
        "  { GRAPH ?g { ?s a foaf:Document } BIND(?g AS ?in) }\n"
        '  UNION { ?s a foaf:Document . BIND("default" AS ?in) }\n}'
    )
    parameters = [("using-graph-uri", f"{KASEI}data1.rdf"), ("using-named-graph-uri", f"{KASEI}data2.rdf")]
    assert succeeded(direct_update(update_server, update, parameters))
    check = (
        f'ASK {{ GRAPH <{target}> {{ <{KASEI}data1.rdf> <http://example.org/in> "default" . '
        f"<{KASEI}data2.rdf> <http://example.org/in> <{KASEI}data2.rdf> . }} "
        f"FILTER NOT EXISTS {{ GRAPH <{target}> {{ <{KASEI}data3.rdf> ?p ?o }} }} }}"
    )
    assert ask(update_server, check) is True


def test_update_post_form(update_server: str) -> None:
    """W3C ``update_post_form``: update via URL-encoded POST."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Bearer {TOKEN}"}
    assert succeeded(send(update_server, "POST", body=form(update="CLEAR ALL"), headers=headers))


def test_update_post_direct(update_server: str) -> None:
    """W3C ``update_post_direct``: update via POST directly."""
    assert succeeded(direct_update(update_server, "CLEAR ALL"))


def test_update_base_uri(update_server: str) -> None:
    """W3C ``update_base_uri``: test for service-defined BASE URI ("which MAY be the service endpoint"):
    ``<test>`` in an update is stored resolved, here against the endpoint's URL. The manifest's update opens
    with ``CLEAR GRAPH`` (no SILENT); Oxigraph records empty graphs and refuses to clear one that is not there
    (400, SPARQL 1.1 Update §3.2.2), so the graph is made first, as a second run of the manifest finds it."""
    graph = "http://example.org/protocol-base-test/"
    assert succeeded(direct_update(update_server, f"CREATE SILENT GRAPH <{graph}>"))
    update = (
        f"CLEAR GRAPH <{graph}> ;\n"
        f"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/s> <http://example.org/p> <test> }} }}"
    )
    assert succeeded(direct_update(update_server, update))
    answer = direct_query(
        update_server, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <http://example.org/s> <http://example.org/p> ?o }} }}"
    )
    [row] = answer.bindings()
    assert row["o"]["type"] == "uri" and row["o"]["value"] == f"{update_server}/test"


# -- requests the Protocol refuses ------------------------------------------------------------------------


def test_bad_query_method(server: str) -> None:
    """W3C ``bad_query_method``: invoke query operation with a method other than GET or POST (PUT: 405)."""
    answer = send(
        server,
        "PUT",
        [("query", "ASK {}"), ("default-graph-uri", DATA0)],
        b"",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 405


def test_bad_multiple_queries(server: str) -> None:
    """W3C ``bad_multiple_queries``: invoke query operation with more than one query string (400)."""
    assert send(server, "GET", [("query", "ASK {}"), ("query", "SELECT * {}")]).status == 400


def test_bad_query_wrong_media_type(server: str) -> None:
    """W3C ``bad_query_wrong_media_type``: invoke query operation with a POST with media type that's not
    url-encoded or application/sparql-query (415)."""
    assert send(server, "POST", body=b"ASK {}", headers={"Content-Type": "text/plain"}).status == 415


def test_bad_query_missing_form_type(server: str) -> None:
    """W3C ``bad_query_missing_form_type``: invoke query operation with url-encoded body, but without
    application/x-www-form-urlencoded media type (415)."""
    assert send(server, "POST", body=form(query="ASK {}")).status == 415


def test_bad_query_missing_direct_type(server: str) -> None:
    """W3C ``bad_query_missing_direct_type``: invoke query operation with SPARQL body, but without
    application/sparql-query media type (415)."""
    assert send(server, "POST", body=b"ASK {}").status == 415


def test_bad_query_non_utf8(server: str) -> None:
    """W3C ``bad_query_non_utf8``: invoke query operation with direct POST, but with a non-UTF8 encoding
    (UTF-16, with a byte order mark): 415, the charset is refused before the body is read as a query."""
    headers = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    assert send(server, "POST", body="ASK {}".encode("utf-16"), headers=headers).status == 415


def test_bad_query_syntax(server: str) -> None:
    """W3C ``bad_query_syntax``: invoke query operation with invalid query syntax (400)."""
    assert send(server, "GET", [("query", "ASK {")]).status == 400


def test_bad_update_get(update_server: str) -> None:
    """W3C ``bad_update_get``: invoke update operation with GET (405, with the token too)."""
    answer = send(update_server, "GET", [("update", "CLEAR ALL")], headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status == 405


def test_bad_multiple_updates(update_server: str) -> None:
    """W3C ``bad_multiple_updates``: invoke update operation with more than one update string (400)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Bearer {TOKEN}"}
    body = b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"
    assert send(update_server, "POST", body=body, headers=headers).status == 400


def test_bad_update_wrong_media_type(update_server: str) -> None:
    """W3C ``bad_update_wrong_media_type``: invoke update operation with a POST with media type that's not
    url-encoded or application/sparql-update (415)."""
    headers = {"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"}
    assert send(update_server, "POST", body=b"CLEAR NAMED", headers=headers).status == 415


def test_bad_update_missing_form_type(update_server: str) -> None:
    """W3C ``bad_update_missing_form_type``: invoke update operation with url-encoded body, but without
    application/x-www-form-urlencoded media type (415)."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert send(update_server, "POST", body=form(update="CLEAR NAMED"), headers=headers).status == 415


def test_bad_update_non_utf8(update_server: str) -> None:
    """W3C ``bad_update_non_utf8``: invoke update operation with direct POST, but with a non-UTF8 encoding
    (UTF-16, with a byte order mark): 415."""
    headers = {"Content-Type": "application/sparql-update; charset=UTF-16", "Authorization": f"Bearer {TOKEN}"}
    assert send(update_server, "POST", body="CLEAR NAMED".encode("utf-16"), headers=headers).status == 415


def test_bad_update_syntax(update_server: str) -> None:
    """W3C ``bad_update_syntax``: invoke update operation with invalid update syntax (400)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Bearer {TOKEN}"}
    assert send(update_server, "POST", body=b"update=CLEAR%20XYZ", headers=headers).status == 400


def test_bad_update_dataset_conflict(update_server: str) -> None:
    """W3C ``bad_update_dataset_conflict``: invoke update with both using-graph-uri/using-named-graph-uri
    parameter and USING/WITH clause (400)."""
    update = (
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
        "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
        "WHERE { ?person foaf:givenName 'Bill' }"
    )
    answer = direct_update(update_server, update, [("using-named-graph-uri", "http://example/people")])
    assert answer.status == 400


# -- the project's default: read-only ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("w3c_test", "content_type", "body"),
    [
        ("update_dataset_default_graph", "application/sparql-update", b"CLEAR ALL"),
        ("update_post_form", "application/x-www-form-urlencoded", b"update=CLEAR+ALL"),
        ("update_post_direct", "application/sparql-update", b"CLEAR ALL"),
    ],
)
def test_the_read_only_default_refuses_the_update_tests(
    server: str, w3c_test: str, content_type: str, body: bytes
) -> None:
    """Not a W3C test: without ``--allow-updates`` the server has no update service, and the W3C update
    tests that expect 2xx (``update_*``) get 403 (updates are turned off), with or without a token."""
    headers = {"Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"}
    assert send(server, "POST", body=body, headers=headers).status == 403, w3c_test


def test_an_update_the_store_refuses_is_400(update_server: str) -> None:
    """Not a W3C test: ``CLEAR GRAPH`` of a graph that is not there is the client's error (400), not 500."""
    assert direct_update(update_server, "CLEAR GRAPH <http://example.org/not-there/>").status == 400
