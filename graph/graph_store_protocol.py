"""Loading a remote store: the SPARQL 1.1 Graph Store Protocol where the server offers it, else updates.

What a server offers is asked once per write session (``discover``):

- the **update endpoint**: ``STRATEGIGRAF_UPDATE_ENDPOINT`` if set, else the first of …/update (Oxigraph,
  Fuseki) and the query URL itself (Virtuoso, Neptune) that accepts an empty SPARQL Update;
- the **Graph Store Protocol** (GSP): ``STRATEGIGRAF_GRAPH_STORE`` if set (``none`` turns it off), else the
  first of ``/store`` (Oxigraph), ``/sparql-graph-crud`` (Virtuoso), ``…/data`` (Fuseki) and
  ``…/rdf-graphs/service`` (GraphDB) where a PUT of a one-triple probe graph and its DELETE both succeed;
- the **update size**: Virtuoso (its ``Server`` header) compiles an update into SQL and refuses one of more
  than a few hundred triples, so it gets ``VIRTUOSO_UPDATE_TRIPLES`` a request; others ``UPDATE_TRIPLES``.

How a replacement goes (``Loader.replace``), and what is atomic:

1. At most the update size in all: one request ``DROP SILENT GRAPH …; INSERT DATA { GRAPH … }`` for every
   graph of the replacement, blank nodes skolemised. Servers whose updates are transactional (Oxigraph,
   Virtuoso) apply it all or nothing: a strategy and its inferences change together.
2. Larger: each graph goes first into a staging graph of its own (``staging_graph``): with the GSP one ``PUT``
   of N-Triples (blank nodes kept, literals ``canonical``), without it ``INSERT DATA`` chunks of the update
   size (skolemised). Then one update ``MOVE SILENT GRAPH <staging> TO GRAPH <graph>`` for every graph puts
   them in place, as atomically as case 1: a reader who names the graphs sees the old strategy or the new
   one, both graphs together (tested on both servers: a reader counting a graph of 5000 triples during 15
   replacements saw 5000 every time). Until the move the staging graphs are in the union default graph, so a
   union query may for that moment see the new triples beside the old ones; staging graphs an interrupted
   build left are dropped by the next write session (``remove_staging``). A plain PUT into the graph would
   be worse: Virtuoso commits a PUT as it parses (the reader saw 0 to 5000 of the 5000 triples), and
   Oxigraph clears the graph and loads it in two transactions.

The law registry (``append``, for ``Writer.load_once``) is not replaced atomically on any store: the graph is
emptied, then loaded in parts (GSP POSTs of ``POST_TRIPLES``, or updates), and its checksum triple goes last.

Blank nodes become IRIs under ``GENID`` (``skolemise``), derived from the graph and the blank node's label, so
the same input gives the same IRIs; ``INSERT DATA`` would otherwise refuse them (Virtuoso) or, where allowed,
make a new node at every chunk.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from loaders.errors import InputError

ENV_UPDATE = "STRATEGIGRAF_UPDATE_ENDPOINT"
ENV_GRAPH_STORE = "STRATEGIGRAF_GRAPH_STORE"
GENID = "https://w3id.org/strategigraf/id/.well-known/genid/"
PROBE_GRAPH = "https://w3id.org/strategigraf/id/.well-known/probe"
UPDATE_TRIPLES = 20_000  # triples per update request (Oxigraph takes 128 MB bodies)
VIRTUOSO_UPDATE_TRIPLES = 500  # Virtuoso's SPARQL compiler stops at 10,000 lines of SQL
STAGING = "https://w3id.org/strategigraf/id/.well-known/staging/"
POST_TRIPLES = 50_000  # triples per GSP POST when a large graph (the law registry) is loaded in parts
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Capabilities:
    """What a server offers for loading, as ``discover`` found it."""

    update_url: str
    graph_store_url: str | None  # the Graph Store Protocol endpoint, or None where it is not offered
    update_triples: int  # the most triples one update request may carry


def http_error(error: Exception, url: str) -> InputError:
    """A failed request to a remote store, as the InputError every command reports (exit 2)."""
    detail = error.read().decode("utf-8", "replace")[:500] if isinstance(error, urllib.error.HTTPError) else ""
    reason = f"{error} {detail}".strip()
    return InputError(
        f"SPARQL-tenaren svarte ikkje som venta: {reason}",
        f"the SPARQL server did not answer as expected: {reason}",
        path=url,
        kind="remote",
    )


def request(url: str, method: str, body: bytes | None = None, content_type: str | None = None,
            timeout: float = 60) -> tuple[int, str]:
    """One HTTP request; returns the status and the ``Server`` header. HTTP errors raise HTTPError."""
    headers = {"Content-Type": content_type} if content_type else {}
    call = urllib.request.Request(url, data=body, method=method, headers=headers)
    with urllib.request.urlopen(call, timeout=timeout) as response:
        response.read()
        return response.status, response.headers.get("Server", "")


def _graph_url(endpoint: str, graph: str) -> str:
    return f"{endpoint}?{urllib.parse.urlencode({'graph': graph})}"


def _server_root(query_url: str) -> str:
    parts = urllib.parse.urlsplit(query_url)
    return f"{parts.scheme}://{parts.netloc}"


def update_candidates(query_url: str) -> list[str]:
    """Where updates may go, most likely first: …/query and …/sparql become …/update, a bare URL gets /update,
    and the query URL itself (Virtuoso, Neptune: one endpoint for both)."""
    if explicit := os.environ.get(ENV_UPDATE):
        return [explicit]
    base = query_url.rstrip("/")
    for tail in ("/query", "/sparql"):
        if base.endswith(tail):
            return [base[: -len(tail)] + "/update", base]
    return [base + "/update", base]


def graph_store_candidates(query_url: str) -> list[str]:
    """Where the Graph Store Protocol may be: the environment's, or where the known servers put it."""
    explicit = os.environ.get(ENV_GRAPH_STORE)
    if explicit:
        return [] if explicit.lower() == "none" else [explicit]
    base = query_url.rstrip("/")
    parent = base.rsplit("/", 1)[0]
    root = _server_root(base)
    candidates = [f"{root}/store", f"{parent}/sparql-graph-crud", f"{parent}/data"]
    if "/repositories/" in base:
        candidates.append(f"{base}/rdf-graphs/service")
    return list(dict.fromkeys(candidates))


def _offers_graph_store(endpoint: str, timeout: float) -> bool:
    """Whether ``endpoint`` speaks the Graph Store Protocol and lets us write: a PUT and a DELETE of a probe."""
    probe = f"<{PROBE_GRAPH}> <{PROBE_GRAPH}> <{PROBE_GRAPH}> .\n".encode()
    try:
        request(_graph_url(endpoint, PROBE_GRAPH), "PUT", probe, N_TRIPLES, timeout)
        request(_graph_url(endpoint, PROBE_GRAPH), "DELETE", timeout=timeout)
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return True


def discover(query_url: str, timeout: float = 60) -> Capabilities:
    """Ask the server what it offers for loading (see the module's docstring)."""
    update_url, server = None, ""
    candidates = update_candidates(query_url)
    for candidate in candidates:
        try:
            _, server = request(candidate, "POST", b"", "application/sparql-update; charset=utf-8", timeout)
        except (urllib.error.URLError, OSError):
            continue
        update_url = candidate
        break
    graph_store = next((c for c in graph_store_candidates(query_url) if _offers_graph_store(c, timeout)), None)
    virtuoso = "virtuoso" in server.lower()
    return Capabilities(
        update_url=update_url or candidates[0],
        graph_store_url=graph_store,
        update_triples=VIRTUOSO_UPDATE_TRIPLES if virtuoso else UPDATE_TRIPLES,
    )


def skolemise(ntriples: str | bytes, graph: str, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> Iterator[str]:
    """The triples as N-Triples lines (without the final dot), each blank node replaced by an IRI under
    ``GENID`` made from ``graph`` and the node's label: deterministic, and distinct between graphs."""
    names: dict[str, ox.NamedNode] = {}

    def named(term: ox.BlankNode) -> ox.NamedNode:
        if term.value not in names:
            digest = hashlib.sha256(f"{graph}\0{term.value}".encode()).hexdigest()[:32]
            names[term.value] = ox.NamedNode(GENID + digest)
        return names[term.value]

    data = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
    for triple in ox.parse(input=data, format=fmt):
        subject, obj = triple.subject, triple.object
        if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
            triple = ox.Triple(
                named(subject) if isinstance(subject, ox.BlankNode) else subject,
                triple.predicate,
                named(obj) if isinstance(obj, ox.BlankNode) else obj,
            )
        yield str(triple)


def staging_graph(graph: str) -> str:
    """Where a graph's replacement is put through the GSP before one update moves it into place."""
    return STAGING + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:32]


def canonical(ntriples: str) -> bytes:
    """The triples as N-Triples in Oxigraph's form, blank nodes kept: a ``"…"^^xsd:string`` literal is written
    plain, as RDF 1.1 makes them one term (Virtuoso keeps them apart, so a query's plain «'5025'» would not
    match a stored ``"5025"^^xsd:string``)."""
    lines = [f"{triple} .\n" for triple in ox.parse(input=ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    return "".join(lines).encode("utf-8")


def batches(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """``lines`` in lists of at most ``size``."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert_data(graphs: dict[str, list[str]], drop: Iterable[str] = ()) -> str:
    """One update: drop the graphs in ``drop``, then insert these triples (lines without their dot)."""
    drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in drop)
    parts = [f"GRAPH <{name}> {{\n" + " .\n".join(lines) + " .\n}" for name, lines in graphs.items() if lines]
    return drops + ("INSERT DATA {\n" + "\n".join(parts) + "\n}" if parts else "")


class Loader:
    """The write operations of a remote store, by the protocol its ``Capabilities`` allow."""

    def __init__(
        self, capabilities: Capabilities, post_update: Callable[[str], None], timeout: float = 60
    ) -> None:
        self.capabilities = capabilities
        self.post_update = post_update
        self.timeout = timeout

    def _send(self, url: str, method: str, body: bytes | None = None) -> None:
        try:
            request(url, method, body, N_TRIPLES if body is not None else None, self.timeout)
        except urllib.error.HTTPError as error:
            if not (method == "DELETE" and error.code == 404):  # deleting a graph that is not there
                raise http_error(error, url) from None
        except (urllib.error.URLError, OSError) as error:
            raise http_error(error, url) from None

    def replace(self, graphs: dict[str, str]) -> None:
        """Replace each named graph with the given N-Triples (see the module's docstring for what is atomic)."""
        limit = self.capabilities.update_triples
        skolemised = {name: list(skolemise(triples, name)) for name, triples in graphs.items()}
        if sum(len(lines) for lines in skolemised.values()) <= limit:
            self.post_update(insert_data(skolemised, drop=graphs))
            return
        endpoint = self.capabilities.graph_store_url
        moves = []
        for name, triples in graphs.items():
            if not skolemised[name]:
                moves.append(f"DROP SILENT GRAPH <{name}>")
                continue
            staging = staging_graph(name)
            if endpoint is not None:
                self._send(_graph_url(endpoint, staging), "PUT", canonical(triples))
            else:
                self.post_update(f"DROP SILENT GRAPH <{staging}>")
                for chunk in batches(skolemised[name], limit):
                    self.post_update(insert_data({staging: chunk}))
            moves.append(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>")
        self.post_update(" ;\n".join(moves))

    def remove_staging(self, graphs: Iterable[str]) -> None:
        """Drop staging graphs an interrupted session left (they would show in the union default graph)."""
        names = [name for name in graphs if name.startswith(STAGING)]
        if names:
            self.post_update(" ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names))

    def append(self, graph: str, documents: list[tuple[bytes, ox.RdfFormat]]) -> None:
        """Empty one graph and load RDF documents into it in parts: GSP POSTs where offered, else updates."""
        endpoint = self.capabilities.graph_store_url
        if endpoint is not None:
            self._send(_graph_url(endpoint, graph), "DELETE")
        else:
            self.post_update(f"DROP SILENT GRAPH <{graph}>")
        size = POST_TRIPLES if endpoint is not None else self.capabilities.update_triples
        for data, fmt in documents:  # skolemised even for the GSP: a blank node may span two parts
            for chunk in batches(skolemise(data, graph, fmt), size):
                if endpoint is not None:
                    self._send(_graph_url(endpoint, graph), "POST", " .\n".join(chunk).encode("utf-8") + b" .\n")
                else:
                    self.post_update(insert_data({graph: chunk}))
