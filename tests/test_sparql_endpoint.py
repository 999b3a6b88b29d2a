"""The SPARQL 1.1 Protocol over real HTTP, with SPARQLWrapper as the client."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

from graph import iris
from graph.build import build, bundled_inputs
from graph.store import MARKER, EmbeddedStore
from tests.conftest import run_cli
from tests.http_server import strategigraf_server
from tests.oxigraph_server import free_port

COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/strategigraf/ont#EmployerStrategy> }"
CONSTRUCT = (
    "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
    "?s a <https://w3id.org/strategigraf/ont#EmployerStrategy> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    with strategigraf_server(
        bundled_store_path, "--query-timeout", "2", "--row-cap", "1000", "--cors-origin", "https://dashboard.example"
    ) as url:
        yield url


def client(server: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    wrapper = SPARQLWrapper(f"{server}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setMethod(method)
    return wrapper


def http(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def q(server: str, query: str) -> str:
    return f"{server}/sparql?query={urllib.parse.quote(query)}"


def test_sparqlwrapper_gets_sparql_json(server: str) -> None:
    result = client(server, COUNT, JSON).query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "3"


def test_sparqlwrapper_gets_sparql_xml(server: str) -> None:
    document = client(server, COUNT, XML).query().convert()
    assert document.getElementsByTagName("literal")[0].firstChild.data == "3"


def test_sparqlwrapper_gets_csv(server: str) -> None:
    assert client(server, COUNT, CSV).query().convert().decode().splitlines() == ["n", "3"]


def test_sparqlwrapper_gets_tsv(server: str) -> None:
    lines = client(server, COUNT, TSV).query().convert().decode().splitlines()
    assert lines == ["?n", "3"]  # Oxigraph writes an xsd:integer in Turtle's short form


def test_sparqlwrapper_posts_a_form(server: str) -> None:
    assert client(server, COUNT, JSON, "POST").query().convert()["results"]["bindings"][0]["n"]["value"] == "3"


def test_an_ask_query_answers_a_boolean(server: str) -> None:
    assert client(server, "ASK { ?s ?p ?o }", JSON).query().convert()["boolean"] is True


@pytest.mark.parametrize(("fmt", "syntax"), [(TURTLE, "turtle"), (N3, "turtle"), (XML, "xml"), (JSONLD, "json-ld")])
def test_construct_in_every_rdf_format(server: str, fmt: str, syntax: str) -> None:
    result = client(server, CONSTRUCT, fmt).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format=syntax)
    assert len(graph) >= 3


def test_a_direct_post_of_application_sparql_query(server: str) -> None:
    status, _headers, body = http(
        f"{server}/sparql",
        data=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and body.decode().splitlines() == ["n", "3"]


def test_default_graph_uri_is_honoured(server: str) -> None:
    graph = urllib.parse.quote(str(iris.strategy_graph("roros-2017")))
    status, _, body = http(q(server, COUNT) + f"&default-graph-uri={graph}", headers={"Accept": "text/csv"})
    assert status == 200 and body.decode().splitlines()[1] == "1"


def test_named_graph_uri_is_honoured(server: str) -> None:
    graph = str(iris.strategy_graph("alver-2023"))
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _status, _, body = http(
        q(server, query) + f"&named-graph-uri={urllib.parse.quote(graph)}", headers={"Accept": "text/csv"}
    )
    assert body.decode().splitlines()[1:] == [graph]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
        ("application/sparql-results+xml, */*;q=0.1", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html;q=0.9, text/csv", "text/csv"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_select_is_negotiated_by_q_values(server: str, accept: str, expected: str) -> None:
    status, headers, _ = http(q(server, COUNT), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(expected)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/n-triples;q=1, text/turtle;q=0.8", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("*/*", "text/turtle"),
    ],
)
def test_construct_is_negotiated_by_q_values(server: str, accept: str, expected: str) -> None:
    status, headers, _ = http(q(server, CONSTRUCT), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(expected)


def test_nothing_acceptable_is_406(server: str) -> None:
    assert http(q(server, COUNT), headers={"Accept": "text/turtle"})[0] == 406
    assert http(q(server, CONSTRUCT), headers={"Accept": "text/csv"})[0] == 406


def test_a_malformed_query_is_400_with_the_parsers_message(server: str) -> None:
    status, _, body = http(q(server, "SELECT ?x WHERE { ?x ?y }"))
    assert status == 400 and "error" in body.decode().lower() and "SPARQL" in body.decode()


def test_a_wrong_content_type_is_415(server: str) -> None:
    assert http(f"{server}/sparql", data=COUNT.encode(), headers={"Content-Type": "text/plain"})[0] == 415


def test_two_query_parameters_are_400(server: str) -> None:
    assert http(q(server, COUNT) + "&query=ASK%7B%7D")[0] == 400


def test_mixing_query_and_update_is_400(server: str) -> None:
    body = urllib.parse.urlencode({"query": COUNT, "update": "CLEAR ALL"}).encode()
    assert http(f"{server}/sparql", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400


def test_a_wrong_method_is_405(server: str) -> None:
    assert http(q(server, COUNT), method="PUT")[0] == 405


def test_updates_are_refused_by_default(server: str) -> None:
    status, _, _ = http(f"{server}/sparql", data=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _headers, body = http(q(server, COUNT), headers={"Accept": "text/csv"})
    assert body.decode().splitlines()[1] == "3"


def test_get_without_a_query_returns_the_service_description(server: str) -> None:
    status, _headers, body = http(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and "sparql-service-description" in body.decode()


def test_cors_is_configurable(server: str) -> None:
    _, headers, _ = http(q(server, COUNT), headers={"Origin": "https://dashboard.example"})
    assert headers.get("access-control-allow-origin") == "https://dashboard.example"
    _, headers, _ = http(q(server, COUNT), headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in headers


def test_a_runaway_query_is_stopped_while_ask_is_answered_at_once(server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"] = http(q(server, RUNAWAY), headers={"Accept": "text/csv"})[0]
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _, body = http(q(server, "ASK {}"), headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and b"true" in body
    assert time.monotonic() - started < 1.0
    thread.join(timeout=30)
    assert outcome["status"] == 503
    assert outcome["seconds"] < 10
    assert http(q(server, COUNT), headers={"Accept": "text/csv"})[0] == 200  # the killed worker was replaced


# -- whole answers or an error status (the row cap is 1000 here) ------------------------------------------

ALL_TRIPLES = "SELECT * WHERE { ?s ?p ?o }"


def test_an_answer_over_the_row_cap_is_503_never_a_part_through_sparqlwrapper(server: str) -> None:
    # regression: the first 1000 rows came back as 200, the cut said only in a custom header
    with pytest.raises(urllib.error.HTTPError) as caught:
        client(server, ALL_TRIPLES, JSON).query()
    assert caught.value.code == 503


def test_the_row_cap_error_names_the_cap_and_how_to_page(server: str) -> None:
    status, headers, body = http(q(server, ALL_TRIPLES), headers={"Accept": "text/csv"})
    text = body.decode()
    assert status == 503 and "1,000 rows" in text and "LIMIT" in text and "OFFSET" in text and "1 000 rader" in text
    assert "x-strategigraf-truncated" not in headers


def test_a_construct_over_the_row_cap_is_503(server: str) -> None:
    status, _, _ = http(q(server, "CONSTRUCT WHERE { ?s ?p ?o }"), headers={"Accept": "application/n-triples"})
    assert status == 503


def test_a_page_within_the_cap_is_answered_whole(server: str) -> None:
    page = "SELECT * WHERE { ?s ?p ?o } LIMIT 1000 OFFSET 1000"
    result = client(server, page, JSON).query().convert()
    assert len(result["results"]["bindings"]) == 1000


@pytest.fixture(scope="module")
def small_answers(bundled_store_path: Path) -> Iterator[str]:
    """A server with no row cap and a memory bound of 1 MB."""
    with strategigraf_server(bundled_store_path, "--row-cap", "0", "--answer-mb", "1") as url:
        yield url


def test_without_a_row_cap_a_long_answer_is_whole(small_answers: str) -> None:
    where = f"WHERE {{ GRAPH <{ROROS}> {{ ?s ?p ?o }} }}"  # about 2000 rows, 200 kB
    rows = client(small_answers, f"SELECT ?s {where}", JSON).query().convert()["results"]["bindings"]
    assert len(rows) == count(small_answers, f"SELECT (COUNT(*) AS ?n) {where}") > 1000


def test_an_answer_over_the_memory_bound_is_503(small_answers: str) -> None:
    status, _, body = http(q(small_answers, ALL_TRIPLES), headers={"Accept": "application/sparql-results+json"})
    assert status == 503 and "1 MB" in body.decode()


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("writable") / "store"
    assert all(r.error is None for r in build(EmbeddedStore(folder), bundled_inputs()[:1], jobs=1))
    with strategigraf_server(folder, "--allow-updates", "--update-token", "hemmeleg") as url:
        yield url


def test_an_update_needs_the_bearer_token(writable: str) -> None:
    update = b"INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> 'c' } }"
    headers = {"Content-Type": "application/sparql-update"}
    assert http(f"{writable}/sparql", data=update, headers=headers)[0] == 401
    assert http(f"{writable}/sparql", data=update, headers={**headers, "Authorization": "Bearer feil"})[0] == 401
    assert http(f"{writable}/sparql", data=update, headers={**headers, "Authorization": "Bearer hemmeleg"})[0] == 204
    _status, _, body = http(q(writable, "ASK { <urn:a> <urn:b> 'c' }"), headers={"Accept": "application/json"})
    assert b"true" in body


def test_an_answer_kept_in_the_cache_is_not_served_after_the_store_changes(writable: str) -> None:
    ask = q(writable, "ASK { <urn:x> <urn:y> 'z' }")
    accept = {"Accept": "application/sparql-results+json"}
    assert b"false" in http(ask, headers=accept)[2] and b"false" in http(ask, headers=accept)[2]  # kept
    update = b"INSERT DATA { GRAPH <urn:test> { <urn:x> <urn:y> 'z' } }"
    headers = {"Content-Type": "application/sparql-update", "Authorization": "Bearer hemmeleg"}
    assert http(f"{writable}/sparql", data=update, headers=headers)[0] == 204
    assert b"true" in http(ask, headers=accept)[2]


# -- the dataset: FROM, default-graph-uri, named-graph-uri ------------------------------------------------

ALVER = str(iris.strategy_graph("alver-2023"))
ROROS = str(iris.strategy_graph("roros-2017"))
TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(server: str, query: str, default: tuple[str, ...] = (), named: tuple[str, ...] = ()) -> int:
    wrapper = client(server, query, JSON)
    for graph in default:
        wrapper.addDefaultGraph(graph)
    for graph in named:
        wrapper.addNamedGraph(graph)
    return int(wrapper.query().convert()["results"]["bindings"][0]["n"]["value"])


def test_a_querys_own_from_makes_its_default_graph(server: str) -> None:
    # regression: the union default graph overrode FROM, so this counted the whole store
    alver = count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ALVER}> WHERE {{ ?s ?p ?o }}")
    assert alver == count(server, TRIPLES, default=(ALVER,)) < count(server, TRIPLES)


def test_default_graph_uri_wins_over_the_querys_from(server: str) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ALVER}> WHERE {{ ?s ?p ?o }}"
    assert count(server, query, default=(ROROS,)) == count(server, TRIPLES, default=(ROROS,))


def test_named_graph_uri_alone_gives_an_empty_default_graph(server: str) -> None:
    assert count(server, TRIPLES, named=(ALVER,)) == 0


@pytest.mark.parametrize("parameter", ["default-graph-uri=not%20an%20iri", "named-graph-uri="])
def test_a_graph_uri_that_is_not_an_iri_is_400(server: str, parameter: str) -> None:
    # regression: 500 (ValueError: Invalid IRI code point ' ')
    status, _, body = http(q(server, TRIPLES) + "&" + parameter, headers={"Accept": "text/csv"})
    assert status == 400 and "gyldig IRI" in body.decode() and "not a valid IRI" in body.decode()


def test_a_federated_query_is_400(server: str) -> None:
    # regression: 500; the server must not call out to addresses a client names
    status, _, body = http(q(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert status == 400 and "Federated queries (SERVICE) are not supported" in body.decode()


def test_a_query_the_store_cannot_evaluate_is_400(server: str) -> None:
    # regression: 500 (RuntimeError: The custom function <urn:f> is not supported)
    status, _, body = http(q(server, "SELECT (<urn:f>(?o) AS ?x) WHERE { ?s ?p ?o }"))
    assert status == 400 and "cannot be evaluated" in body.decode()


# -- negotiation: q=0 refuses; the query form behind comments and odd prologues ---------------------------


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (COUNT, "application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        (COUNT, "application/sparql-results+json;q=0, application/*", "application/sparql-results+xml"),
        (CONSTRUCT, "text/turtle;q=0, */*", "application/n-triples"),
        (CONSTRUCT, "text/turtle;q=0, application/*", "application/n-triples"),  # not as application/x-turtle
    ],
)
def test_a_type_refused_with_q_0_is_not_served_through_a_wildcard(
    server: str, query: str, accept: str, expected: str
) -> None:
    status, headers, _ = http(q(server, query), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(expected)


def test_everything_refused_with_q_0_is_406(server: str) -> None:
    assert http(q(server, COUNT), headers={"Accept": "text/csv, */*;q=0"})[0] == 200
    assert http(q(server, COUNT), headers={"Accept": "*/*;q=0"})[0] == 406


@pytest.mark.parametrize(
    "prologue",
    [
        "PREFIX sg: <https://w3id.org/strategigraf/ont#> # the ontology\n",
        "# SELECT in a comment\nBASE <https://w3id.org/strategigraf/>\n",
        "prefix\tsg:\n<https://w3id.org/strategigraf/ont#>prefix select: <urn:x:>\n",
        "PREFIX : <urn:a#>  # a comment with <angle> brackets and SELECT\n\n",
    ],
)
def test_construct_after_any_prologue_is_served_as_turtle(server: str, prologue: str) -> None:
    # regression: a comment after a PREFIX line hid the CONSTRUCT, and Accept: text/turtle got 406
    query = prologue + "construct { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
    status, headers, _ = http(q(server, query), headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")


# -- start-up: the store is checked -----------------------------------------------------------------------


def test_serve_refuses_a_corrupt_store_with_exit_2(tmp_path: Path) -> None:
    # regression: it started and answered 500 to everything
    (tmp_path / MARKER).write_text('{"format": "x"}', encoding="utf-8")
    result = run_cli("serve", "--store", str(tmp_path), "--port", str(free_port()), timeout=60)
    assert result.returncode == 2 and "corrupt" in result.stderr and "Traceback" not in result.stderr


def test_serve_refuses_a_store_never_built(tmp_path: Path) -> None:
    result = run_cli("serve", "--store", str(tmp_path / "store"), "--port", str(free_port()), timeout=60)
    assert result.returncode == 2 and "strategigraf build" in result.stderr


# -- protocol details -------------------------------------------------------------------------------------


def test_a_relative_iri_in_a_select_resolves_against_the_endpoint(server: str) -> None:
    result = client(server, "SELECT ?o WHERE { BIND(<test> AS ?o) }", JSON).query().convert()
    assert result["results"]["bindings"][0]["o"]["value"] == f"{server}/test"


def test_a_relative_iri_in_a_construct_resolves_against_the_endpoint(server: str) -> None:
    graph = client(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", TURTLE).query().convert()
    graph = graph if isinstance(graph, Graph) else Graph().parse(data=graph, format="turtle")
    assert {str(s) for s in graph.subjects()} == {f"{server}/s"}


def test_a_query_s_own_base_wins(server: str) -> None:
    query = "BASE <http://example.org/a/> SELECT ?o WHERE { BIND(<test> AS ?o) }"
    result = client(server, query, JSON).query().convert()
    assert result["results"]["bindings"][0]["o"]["value"] == "http://example.org/a/test"


def test_a_form_post_without_a_query_is_400(server: str) -> None:
    # regression: 200 with the service description
    body = urllib.parse.urlencode({"default-graph-uri": ALVER}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/turtle"}
    assert http(f"{server}/sparql", data=body, headers=headers)[0] == 400


def test_a_direct_post_with_an_empty_query_is_400(server: str) -> None:
    assert http(f"{server}/sparql", data=b"", headers={"Content-Type": "application/sparql-query"})[0] == 400


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_ask_is_not_served_as_csv_or_tsv(server: str, accept: str) -> None:
    assert http(q(server, "ASK {}"), headers={"Accept": accept})[0] == 406


def test_ask_is_served_as_xml(server: str) -> None:
    document = client(server, "ASK { ?s ?p ?o }", XML).query().convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize(
    ("accept", "syntax"),
    [("text/plain", "nt"), ("application/n-quads", "nquads"), ("application/trig", "trig")],
)
def test_construct_in_n_triples_as_text_plain_n_quads_and_trig(server: str, accept: str, syntax: str) -> None:
    # regression: N-Quads and TriG got 406; text/plain was answered as application/n-triples
    status, headers, body = http(q(server, CONSTRUCT), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=body.decode(), format=syntax)) >= 3
