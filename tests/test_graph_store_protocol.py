"""Loading a remote store over real HTTP: what each server offers, and the chunked path without the GSP."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.graph_store_protocol import GENID, Loader, discover, skolemise, staging_graph
from graph.remote_store import RemoteStore

GRAPH = "https://example.org/test/graph-store-protocol"
BLANKS = "\n".join(
    [f"_:list{n} <https://example.org/p> _:list{n + 1} ." for n in range(1200)]
    + [f'<https://example.org/s{n}> <https://example.org/label> "nummer {n}"@nb .' for n in range(300)]
)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_build_with_a_server_url_loads_every_bundled_strategy(request: pytest.FixtureRequest, kind: str) -> None:
    store = request.getfixturevalue(f"{kind}_built")  # built by «strategigraf build --store URL»
    strategies = store.query("SELECT ?s WHERE { ?s a <https://w3id.org/strategigraf/ont#EmployerStrategy> }")
    assert {str(row[0]).rsplit("/", 1)[1] for row in strategies.rows} == {"alver-2023", "elverum-2016", "roros-2017"}


def count(store: RemoteStore, graph: str = GRAPH) -> int:
    return store.count(graph)


def test_the_oxigraph_server_offers_the_graph_store_protocol_at_store(oxigraph_url: str) -> None:
    found = discover(RemoteStore(oxigraph_url).query_url)
    assert (found.graph_store_url, found.update_url) == (f"{oxigraph_url}/store", f"{oxigraph_url}/update")


def test_virtuoso_offers_the_graph_store_protocol_and_updates_on_its_query_url(virtuoso_url: str) -> None:
    found = discover(virtuoso_url)
    assert found.graph_store_url == virtuoso_url.removesuffix("/sparql") + "/sparql-graph-crud"
    assert found.update_url == virtuoso_url and found.update_triples == 500


def test_the_graph_store_protocol_can_be_turned_off(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRATEGIGRAF_GRAPH_STORE", "none")
    assert discover(RemoteStore(server).query_url).graph_store_url is None


def test_blank_nodes_become_the_same_iris_for_the_same_input() -> None:
    first, second = list(skolemise(BLANKS, GRAPH)), list(skolemise(BLANKS, GRAPH))
    assert first == second and "_:" not in "".join(first) and GENID in first[0]


def test_the_same_blank_node_label_in_two_graphs_gives_two_iris() -> None:
    assert list(skolemise("_:a <urn:p> <urn:o> .", GRAPH)) != list(skolemise("_:a <urn:p> <urn:o> .", GRAPH + "2"))


def small_updates(store: RemoteStore) -> Loader:
    """The store's loader, with updates of at most 400 triples: BLANKS (1500 triples) is too large for one."""
    return Loader(replace(store.capabilities(), update_triples=400), store.post_update)


def test_a_large_graph_with_blank_nodes_loads_whole_through_the_graph_store_protocol(server: str) -> None:
    store = RemoteStore(server)
    small_updates(store).replace({GRAPH: BLANKS})
    assert count(store) == 1500
    assert store.query(f"ASK {{ GRAPH <{GRAPH}> {{ ?s <https://example.org/p> ?o FILTER(isBlank(?s)) }} }}").boolean


def test_a_large_graph_with_blank_nodes_loads_whole_in_chunked_updates(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRATEGIGRAF_GRAPH_STORE", "none")
    store = RemoteStore(server)
    small_updates(store).replace({GRAPH: BLANKS})
    assert count(store) == 1500
    chained = f"ASK {{ GRAPH <{GRAPH}> {{ ?a <https://example.org/p> ?b . ?b <https://example.org/p> ?c }} }}"
    assert store.query(chained).boolean  # the chunks share their nodes


def test_a_replacement_removes_what_the_graph_held_before(server: str) -> None:
    store = RemoteStore(server)
    with store.writer() as writer:
        writer.replace({GRAPH: BLANKS})
        writer.replace({GRAPH: '<https://example.org/s> <https://example.org/p> "ny" .'})
    assert count(store) == 1


def test_a_small_replacement_of_two_graphs_is_one_update(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = RemoteStore(server)
    sent: list[str] = []
    post = store.post_update
    monkeypatch.setattr(store, "post_update", lambda update: (sent.append(update), post(update)))
    with store.writer() as writer:
        writer.replace({GRAPH: "_:a <urn:p> <urn:o> .", GRAPH + "2": "<urn:s> <urn:p> _:a ."})
    assert len(sent) == 1 and sent[0].count("DROP SILENT GRAPH") == 2
    assert count(store) == count(store, GRAPH + "2") == 1


def test_a_large_replacement_leaves_no_staging_graph(server: str) -> None:
    store = RemoteStore(server)
    small_updates(store).replace({GRAPH: BLANKS})
    assert staging_graph(GRAPH) not in store.graph_names() and count(store) == 1500


def test_a_staging_graph_an_interrupted_build_left_is_dropped_by_the_next_session(server: str) -> None:
    store = RemoteStore(server)
    store.post_update(f"INSERT DATA {{ GRAPH <{staging_graph(GRAPH)}> {{ <urn:s> <urn:p> <urn:o> }} }}")
    with store.writer():
        pass
    assert staging_graph(GRAPH) not in store.graph_names()
