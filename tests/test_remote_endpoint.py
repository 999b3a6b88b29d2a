"""``/sparql`` in front of a remote store (``--store URL``): the upstream's failures and its graph format."""

from __future__ import annotations

import urllib.error
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.sparql_text import query_form
from graph.store import RemoteStore
from tests.http_server import strategigraf_server
from tests.stub_sparql import BAD, FAIL, stub_sparql_server

Upstream = tuple[str, list[tuple[str, str]]]


@pytest.fixture(scope="module")
def upstream() -> Iterator[Upstream]:
    with stub_sparql_server() as (url, seen):
        yield url, seen


@pytest.fixture(scope="module")
def server(upstream: Upstream) -> Iterator[str]:
    with strategigraf_server(upstream[0], "--workers", "1", "--cache-mb", "0") as url:
        yield url


def ask(server: str, query: str, fmt: str = JSON) -> object:
    wrapper = SPARQLWrapper(f"{server}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper.query().convert()


def test_a_remote_store_that_fails_is_502(server: str) -> None:
    # regression: 400, as if the client's query were wrong
    with pytest.raises(urllib.error.HTTPError) as caught:
        ask(server, f"SELECT * WHERE {{ <{FAIL}> ?p ?o }}")
    assert caught.value.code == 502


def test_a_query_the_remote_store_refuses_is_still_400(server: str) -> None:
    with pytest.raises(QueryBadFormed):  # how SPARQLWrapper reports a 400
        ask(server, f"SELECT * WHERE {{ <{BAD}> ?p ?o }}")


def test_a_construct_is_asked_of_the_remote_store_in_n_triples(server: str, upstream: Upstream) -> None:
    # regression: the remote store was asked for Turtle (a server that serves graphs in N-Triples only gave 406)
    result = ask(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", TURTLE)
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert set(graph) == {(URIRef("urn:stub:s"), URIRef("urn:stub:p"), Literal("o", lang="nb"))}
    accepts = [accept for accept, query in upstream[1] if query_form(query) == "CONSTRUCT"]
    assert accepts and all(accept == "application/n-triples" for accept in accepts)


def test_the_remote_store_reads_a_construct_as_n_triples(upstream: Upstream) -> None:
    result = RemoteStore(upstream[0]).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert result.graph is not None and len(result.graph) == 1
