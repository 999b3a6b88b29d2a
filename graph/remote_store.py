"""A remote SPARQL 1.1 server as a store: queries through SPARQLWrapper, loading by ``graph_store_protocol``.

The server's default graph must be the union of its named graphs (Oxigraph with ``--union-default-graph``,
Virtuoso as it comes). What the server offers for loading is asked at the first write session; see
``graph.graph_store_protocol`` for how each kind of write goes and what is atomic.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import orjson
import pyoxigraph as ox
from rdflib import Graph

from graph.bounded import AnswerTooLarge, Limits, bounded_ntriples
from graph.graph_store_protocol import Capabilities, Loader, discover, http_error, update_candidates
from graph.sparql_json import Answer, ask_answer, rdflib_node, select_answer
from graph.sparql_text import query_form
from graph.store import _IDENTIFIER, DEFAULT_ROW_CAP, RDF_FORMATS, QueryResult, Store, Writer, _graph_nodes
from loaders.errors import InputError

_http_error = http_error  # the name the store module used


def update_endpoint(query_url: str) -> str:
    """Where updates go when the server is not asked: ``STRATEGIGRAF_UPDATE_ENDPOINT`` if set; else …/query and
    …/sparql become …/update (Oxigraph, Fuseki); a bare server URL gets /update (Oxigraph)."""
    return update_candidates(query_url)[0]


def query_endpoint(url: str) -> str:
    """The query endpoint of ``--store URL``: the URL itself when it names one, else its /query (Oxigraph)."""
    base = url.rstrip("/")
    return base if re.search(r"/(query|sparql|repositories/[^/]+)$", base) else base + "/query"


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CANONICAL = {"1": "true", "0": "false"}


def _canonical_booleans(bindings: list[dict[str, dict[str, str]]]) -> None:
    """Booleans in their canonical form, in place: Virtuoso writes ``"0"^^xsd:boolean`` for false (a valid
    form of the same value, but not the one the embedded store and other servers give)."""
    for binding in bindings:
        for term in binding.values():
            if term.get("datatype") == _BOOLEAN and term.get("value") in _CANONICAL:
                term["value"] = _CANONICAL[term["value"]]


class RemoteStore(Store):
    def __init__(self, url: str, timeout: float = 60) -> None:
        self.location = url
        self.query_url = query_endpoint(url)
        self.update_url = update_endpoint(self.query_url)  # until the server is asked (``capabilities``)
        self._capabilities: Capabilities | None = None
        self.timeout = timeout

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        row_cap: int = DEFAULT_ROW_CAP,
    ) -> QueryResult:
        answer = self.answer(sparql, default_graphs=default_graphs, named_graphs=named_graphs, row_cap=row_cap)
        if isinstance(answer, QueryResult):
            return answer
        if answer.is_ask:
            return QueryResult(kind="ask", boolean=bool(answer.document["boolean"]))
        variables = answer.variables
        rows = [[rdflib_node(b.get(v)) for v in variables] for b in answer.bindings]
        return QueryResult(kind="select", variables=variables, rows=rows, truncated=answer.truncated)

    def answer(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        row_cap: int = DEFAULT_ROW_CAP,
        base_iri: str | None = None,
        limits: Limits | None = None,
    ) -> Answer | QueryResult:
        from SPARQLWrapper import JSON, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

        # The query goes as it is: its FROM/FROM NAMED, or default-graph-uri/named-graph-uri when the caller
        # gives them, are for the server to apply (the Protocol's rules); no default graph is added here.
        default_graphs, named_graphs = default_graphs or [], named_graphs or []
        _graph_nodes(default_graphs, "default-graph-uri")  # a bad IRI is the caller's error, not the server's
        _graph_nodes(named_graphs, "named-graph-uri")
        if base_iri:  # the Protocol has no base parameter; a BASE of the query's own comes later and wins
            sparql = f"BASE <{base_iri}>\n{sparql}"
        client = SPARQLWrapper(self.query_url)
        with warnings.catch_warnings():  # SPARQLWrapper warns about queries it cannot classify; the server decides
            warnings.simplefilter("ignore", RuntimeWarning)
            client.setQuery(sparql)
        form = query_form(sparql)  # SPARQLWrapper's own guess misses a comment after a PREFIX line
        if form is not None:
            client.queryType = form
        client.setTimeout(int(self.timeout))
        client.setMethod("POST")
        for graph in default_graphs:
            client.addDefaultGraph(graph)
        for graph in named_graphs:
            client.addNamedGraph(graph)
        graph_query = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(JSON)
        if graph_query:  # graphs as N-Triples: the plainest RDF, read line by line
            client.setOnlyConneg(True)
            client.addCustomHttpHeader("Accept", "application/n-triples")
        bound = limits.bytes if limits is not None else None
        try:
            response = client.query().response
            media = response.headers.get_content_type()
            raw = response.read() if bound is None else response.read(bound + 1)
        except QueryBadFormed as error:
            raise InputError(f"SPARQL-feil: {error}", f"SPARQL syntax error: {error}", kind="query") from None
        except (urllib.error.URLError, OSError, Exception) as error:  # SPARQLWrapper raises many types
            raise _http_error(error, self.query_url) from None
        if bound is not None and len(raw) > bound:
            raise AnswerTooLarge("bytes", bound)
        if graph_query:
            return self._graph(raw, media, limits)
        try:
            document = orjson.loads(raw)
            if "boolean" in document:
                return ask_answer(bool(document["boolean"]))
            variables, bindings = document["head"]["vars"], document["results"]["bindings"]
            if form == "ASK" and variables == ["__ASK_RETVAL"]:  # Virtuoso 7 answers ASK in JSON as a table
                return ask_answer(any(b.get("__ASK_RETVAL", {}).get("value") not in (None, "0") for b in bindings))
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise _http_error(ValueError(f"not SPARQL JSON ({media}): {error}"), self.query_url) from None
        _canonical_booleans(bindings)
        if limits is not None:
            if limits.rows is not None and len(bindings) > limits.rows:
                raise AnswerTooLarge("rows", limits.rows)
            return select_answer(variables, bindings)
        return select_answer(variables, bindings[:row_cap], truncated=len(bindings) > row_cap)

    def _graph(self, raw: bytes, media: str, limits: Limits | None) -> QueryResult:
        """A CONSTRUCT or DESCRIBE answer (N-Triples, or what the server sent instead) as a QueryResult."""
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            ntriples = bounded_ntriples(raw, fmt, limits or Limits(None, sys.maxsize))
        except SyntaxError as error:
            raise _http_error(ValueError(f"not RDF ({media}): {error}"), self.query_url) from None
        if limits is not None:
            return QueryResult(kind="graph", ntriples=ntriples)
        return QueryResult(kind="graph", graph=Graph().parse(data=ntriples.decode("utf-8"), format="nt"))

    def named_graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [str(row[0]) for row in result.rows]

    def graph_names(self) -> list[str]:
        """The named graphs, empty ones too, cheaply where the server allows: ``GRAPH ?g {}`` lists them from
        Oxigraph's graph index (``named_graphs`` scans every quad there: 2 s for the bundled store); Virtuoso
        gives nothing for it, and its ``named_graphs`` is fast."""
        listed = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return [str(row[0]) for row in listed.rows] or self.named_graphs()

    def post_update(self, update: str) -> None:
        """Send a SPARQL 1.1 Update to the server's update endpoint (asked of the server the first time)."""
        self.capabilities()
        request = urllib.request.Request(
            self.update_url,
            data=update.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            raise _http_error(error, self.update_url) from None

    def capabilities(self) -> Capabilities:
        """What the server offers for loading, asked once (at the first write session)."""
        if self._capabilities is None:
            self._capabilities = discover(self.query_url, self.timeout)
            self.update_url = self._capabilities.update_url
        return self._capabilities

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        yield _RemoteWriter(self)


class _RemoteWriter(Writer):
    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        self.loader = Loader(store.capabilities(), store.post_update, store.timeout)
        self.loader.remove_staging(store.graph_names())

    def replace(self, graphs: dict[str, str]) -> None:
        self.loader.replace(graphs)

    def load_once(self, graph: str, documents: list[tuple[bytes, str]], checksum: str) -> bool:
        marker = f'<{graph}> <{_IDENTIFIER}> "{checksum}"'
        if self.store.query(f"ASK {{ GRAPH <{graph}> {{ {marker} }} }}").boolean:
            return False
        self.loader.append(graph, [(data, RDF_FORMATS[fmt]) for data, fmt in documents])
        self.store.post_update(f"INSERT DATA {{ GRAPH <{graph}> {{ {marker} }} }}")
        return True

    def update(self, sparql: str) -> None:
        self.store.post_update(sparql)
