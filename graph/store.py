"""The only code that talks to a store: embedded Oxigraph on disk, or a remote SPARQL 1.1 server.

Both answer the same calls: ``query`` (the union of all graphs is the default graph), ``named_graphs``,
``count``, and a ``writer()`` session whose ``replace`` swaps named graphs.

**Embedded** (pyoxigraph). A store folder holds numbered generations (``gen-000001`` …) and a marker file
``strategigraf-store.json`` naming the current one. A write session copies the current generation (a
RocksDB checkpoint: hard links, instant), writes into the copy and, when everything succeeded, points the
marker at it with an atomic rename. Readers never see a half-built store: a build that fails or is killed
leaves the previous generation in place. Only one write session at a time (``build.lock``).

**Remote**: ``graph.remote_store`` (queries through SPARQLWrapper) and ``graph.graph_store_protocol``
(loading through the Graph Store Protocol or chunked updates, as the server offers, and what is atomic).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Literal as Kind

import platformdirs
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.bounded import Limits, whole_solutions, whole_triples
from graph.sparql_json import Answer, ask_answer, from_oxigraph
from graph.sparql_text import sparql_keywords
from loaders.errors import InputError

STORE_FORMAT = 1
MARKER = "strategigraf-store.json"
ENV_STORE = "STRATEGIGRAF_STORE"
DEFAULT_ROW_CAP = 100_000
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_IDENTIFIER = "http://purl.org/dc/terms/identifier"  # the checksum of a graph loaded from files


@dataclass
class QueryResult:
    """A query's answer in rdflib terms, whatever the store: rows, a boolean or a graph."""

    kind: Kind["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[list[Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    ntriples: bytes | None = None  # a graph answered whole (``limits`` given), as N-Triples


class Store(ABC):
    location: str

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        row_cap: int = DEFAULT_ROW_CAP,
    ) -> QueryResult: ...

    @abstractmethod
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
        """SELECT and ASK as SPARQL JSON (the fast path for serving); CONSTRUCT/DESCRIBE as a QueryResult.

        With ``limits`` the answer is whole or not at all (``graph.bounded.AnswerTooLarge``; ``row_cap`` is
        not used), and a graph comes as N-Triples in ``QueryResult.ntriples``. Relative IRIs in the query
        resolve against ``base_iri``."""

    @abstractmethod
    def named_graphs(self) -> list[str]: ...

    def count(self, graph: str | None = None) -> int:
        """Quads in the whole store, or triples in one named graph."""
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(result.rows[0][0]) if result.rows else 0  # type: ignore[arg-type]

    @abstractmethod
    def writer(self) -> Iterator[Writer]: ...


class Writer(ABC):
    @abstractmethod
    def replace(self, graphs: dict[str, str]) -> None:
        """Replace each named graph with the given N-Triples, all of them in one transaction."""

    @abstractmethod
    def load_once(self, graph: str, documents: list[tuple[bytes, str]], checksum: str) -> bool:
        """Replace one large named graph (the law registry) with RDF documents, unless it already holds
        the data with this checksum. Returns whether it loaded. Large graphs are not replaced in one
        transaction (removing 600 000 triples transactionally takes minutes): the checksum triple is
        written last, so an interrupted load is redone by the next build."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (the endpoint's optional, token-protected update service)."""


def _insert_data(graphs: dict[str, str], drop: bool = True) -> str:
    """One update that replaces these graphs (or, with ``drop=False``, adds to them)."""
    drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs) if drop else ""
    parts = [f"GRAPH <{name}> {{\n{triples}\n}}" for name, triples in graphs.items() if triples.strip()]
    return drops + ("INSERT DATA {\n" + "\n".join(parts) + "\n}" if parts else "")


# -- embedded -------------------------------------------------------------------------------------------


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def _open_error(error: Exception, path: Path) -> InputError:
    text = str(error)
    if "lock" in text.lower():
        return InputError(
            "lageret er i bruk av ein annan prosess (køyrer «strategigraf build» alt?)",
            "the store is in use by another process (is «strategigraf build» already running?)",
            path=path,
            kind="store",
        )
    return InputError(
        f"lageret kan ikkje opnast, det kan vere skadd: {text}",
        f"the store cannot be opened and may be corrupt: {text}",
        path=path,
        kind="store",
    )


def _graph_nodes(graphs: list[str], parameter: str) -> list[ox.NamedNode]:
    nodes = []
    for graph in graphs:
        try:
            nodes.append(ox.NamedNode(graph))
        except ValueError as error:
            raise InputError(
                f"{parameter} «{graph}» er ikkje ein gyldig IRI: {error}",
                f"{parameter} {graph!r} is not a valid IRI: {error}",
                kind="query",
            ) from None
    return nodes


def _run_query(
    store: ox.Store,
    sparql: str,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
    row_cap: int,
    as_answer: bool = False,
    base_iri: str | None = None,
    limits: Limits | None = None,
) -> QueryResult | Answer:
    """The dataset follows the SPARQL 1.1 Protocol: default-graph-uri/named-graph-uri replace the query's
    FROM/FROM NAMED (one given without the other leaves that part empty); else the query's FROM/FROM NAMED
    make the dataset; with neither, the default graph is the union of all graphs."""
    keywords = set(sparql_keywords(sparql))
    options: dict[str, object] = {}
    if default_graphs or named_graphs:
        options["default_graph"] = _graph_nodes(default_graphs or [], "default-graph-uri")
        options["named_graphs"] = _graph_nodes(named_graphs or [], "named-graph-uri")
    elif "FROM" not in keywords:
        options["use_default_graph_as_union"] = True
    if base_iri:
        options["base_iri"] = base_iri
    try:
        result = store.query(sparql, **options)  # type: ignore[arg-type]
        if limits is not None:
            return _whole(result, limits)
        return _collect(store, sparql, options, result, row_cap, as_answer)
    except SyntaxError as error:
        raise InputError(f"SPARQL-feil: {error}", f"SPARQL syntax error: {error}", kind="query") from None
    except RuntimeError as error:  # Oxigraph refuses to evaluate the query (an unknown function, say)
        raise InputError(
            f"spørjinga kan ikkje køyrast: {error}", f"the query cannot be evaluated: {error}", kind="query"
        ) from None
    except OSError as error:
        if "SERVICE" not in keywords:  # the store itself failed: an internal fault
            raise
        raise InputError(
            f"den fødererte spørjinga (SERVICE) feila: {error}",
            f"the federated query (SERVICE) failed: {error}",
            kind="query",
        ) from None


def _whole(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, limits: Limits) -> QueryResult | Answer:
    """The whole answer within ``limits`` (``graph.bounded``); evaluation goes on here, as in ``_collect``."""
    if isinstance(result, ox.QueryBoolean):
        return ask_answer(bool(result))
    if isinstance(result, ox.QuerySolutions):
        return whole_solutions(result, limits)
    return QueryResult(kind="graph", ntriples=whole_triples(result, limits))


def _collect(
    store: ox.Store,
    sparql: str,
    options: dict[str, object],
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    row_cap: int,
    as_answer: bool,
) -> QueryResult | Answer:
    """The answer from Oxigraph's (lazy) result: evaluation goes on here, and its errors come from here."""
    if isinstance(result, ox.QueryBoolean):
        return ask_answer(bool(result)) if as_answer else QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions) and as_answer:
        return from_oxigraph(result, row_cap, lambda: store.query(sparql, **options))  # type: ignore[arg-type]
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: list[list[Node | None]] = []
        truncated = False
        for solution in result:
            if len(rows) == row_cap:
                truncated = True
                break
            rows.append([to_rdflib(solution[v]) for v in variables])
        return QueryResult(kind="select", variables=variables, rows=rows, truncated=truncated)
    graph = Graph()
    truncated = False
    for count, triple in enumerate(result):
        if count == row_cap:
            truncated = True
            break
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))  # type: ignore[arg-type]
    return QueryResult(kind="graph", graph=graph, truncated=truncated)


class EmbeddedStore(Store):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)
        self._reader: ox.Store | None = None
        self._reader_generation: str | None = None

    # marker and generations
    def marker(self) -> dict[str, object]:
        """The marker file, checked: ``{}`` for a store never built; an InputError for a folder that is not a
        store, a marker that is not ours, or a store written by a newer strategigraf."""
        path = self.root / MARKER
        if not path.exists():
            ours = re.compile(rf"gen-\d+|build\.lock|{re.escape(MARKER)}\.tmp")
            foreign = not self.root.is_dir() or any(not ours.fullmatch(p.name) for p in self.root.iterdir())
            if self.root.exists() and foreign:
                raise InputError(
                    f"er ikkje eit strategigraf-lager (merkefila {MARKER} manglar)",
                    f"is not a strategigraf store (the marker file {MARKER} is missing)",
                    path=self.root,
                    kind="store",
                )
            return {}

        def corrupt(reason_nn: str, reason_en: str) -> InputError:
            return InputError(
                f"merkefila til lageret er skadd: {reason_nn}",
                f"the store's marker file is corrupt: {reason_en}",
                path=path,
                kind="store",
            )

        try:
            marker = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise corrupt(str(error), str(error)) from None
        if not isinstance(marker, dict):
            raise corrupt("venta eit JSON-objekt", "expected a JSON object")
        fmt, current = marker.get("format"), marker.get("current")
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            raise corrupt(f"«format» skal vere eit heiltal, ikkje {fmt!r}", f"«format» must be an integer, not {fmt!r}")
        if fmt > STORE_FORMAT:
            raise InputError(
                f"lageret er skrive av ein nyare strategigraf ({marker.get('software')}); oppgrader",
                f"the store was written by a newer strategigraf ({marker.get('software')}); upgrade",
                path=self.root,
                kind="store",
            )
        if not isinstance(current, str) or not re.fullmatch(r"gen-\d+", current):
            raise corrupt(
                f"«current» skal namngje ei generasjonsmappe (gen-…), ikkje {current!r}",
                f"«current» must name a generation folder (gen-…), not {current!r}",
            )
        return marker

    def _check_folder(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise InputError("er ikkje ei mappe", "is not a folder", path=self.root, kind="store")
        ours = re.compile(rf"gen-\d+|build\.lock|{re.escape(MARKER)}(\.tmp)?")
        if self.root.is_dir() and any(not ours.fullmatch(p.name) for p in self.root.iterdir()):
            raise InputError(
                "mappa finst og er ikkje eit strategigraf-lager; vel ei tom mappe",
                "the folder exists and is not a strategigraf store; choose an empty folder",
                path=self.root,
                kind="store",
            )

    def current(self) -> Path | None:
        name = self.marker().get("current")
        return self.root / str(name) if name else None

    def _store(self) -> ox.Store:
        """A read-only view of the current generation, reopened when a build has moved the marker."""
        current = self.current()
        if current is None:
            raise InputError(
                "lageret er tomt; køyr «strategigraf build» først",
                "the store is empty; run «strategigraf build» first",
                path=self.root,
                kind="store",
            )
        if self._reader is None or self._reader_generation != current.name:
            try:
                self._reader = ox.Store.read_only(str(current))
            except (OSError, RuntimeError) as error:
                raise _open_error(error, current) from None
            self._reader_generation = current.name
        return self._reader

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        row_cap: int = DEFAULT_ROW_CAP,
    ) -> QueryResult:
        return _run_query(self._store(), sparql, default_graphs, named_graphs, row_cap)  # type: ignore[return-value]

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
        return _run_query(
            self._store(), sparql, default_graphs, named_graphs, row_cap, True, base_iri=base_iri, limits=limits
        )

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store().named_graphs() if isinstance(g, ox.NamedNode))

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        self._check_folder()
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "build.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise InputError(
                    "ein annan «strategigraf build» skriv til lageret no",
                    "another «strategigraf build» is writing",
                    path=self.root,
                    kind="store",
                ) from None
            previous = self.current()
            numbers = [int(m.group(1)) for p in self.root.iterdir() if (m := re.fullmatch(r"gen-(\d+)", p.name))]
            target = self.root / f"gen-{max(numbers, default=0) + 1:06d}"
            shutil.rmtree(target, ignore_errors=True)
            if previous is not None:
                try:
                    ox.Store.read_only(str(previous)).backup(str(target))
                except (OSError, RuntimeError) as error:
                    raise _open_error(error, previous) from None
            try:
                store = ox.Store(str(target))
            except (OSError, RuntimeError) as error:
                raise _open_error(error, target) from None
            session = _EmbeddedWriter(store)
            yield session
            store.flush()
            # Merge the tables the flushes left: uncompacted, queries ran up to twice as slowly (every lookup
            # visits every table).
            store.optimize()
            # Close the store (the caller still holds the session, so it must let go too), and open it once
            # more: RocksDB deletes the write-ahead logs it no longer needs only when it opens, and they were
            # 275 MB of the 629 MB of a 357-strategy build.
            session.store = None  # type: ignore[assignment]
            del store
            ox.Store(str(target))
            self._publish(target.name)
            self._collect(keep={target.name, previous.name if previous else ""})

    def _publish(self, generation: str) -> None:
        marker = {"format": STORE_FORMAT, "software": version("strategigraf"), "current": generation}
        temporary = self.root / (MARKER + ".tmp")
        temporary.write_text(json.dumps(marker, indent=2), encoding="utf-8")
        os.replace(temporary, self.root / MARKER)

    def _collect(self, keep: set[str]) -> None:
        """Remove generations older than the previous one (a server may still be reading the previous)."""
        for path in self.root.iterdir():
            if re.fullmatch(r"gen-\d+", path.name) and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


class _EmbeddedWriter(Writer):
    # Oxigraph keeps every write in RocksDB's in-memory tables until a flush: without one, a build of 2000
    # strategies held 1.3 GB there. Flushing after this much N-Triples text keeps it near 200 MB.
    FLUSH_AFTER = 32_000_000

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.unflushed = 0

    def replace(self, graphs: dict[str, str]) -> None:
        self.store.update(_insert_data(graphs))
        self.unflushed += sum(len(triples) for triples in graphs.values())
        if self.unflushed >= self.FLUSH_AFTER:
            self.store.flush()
            self.unflushed = 0

    def load_once(self, graph: str, documents: list[tuple[bytes, str]], checksum: str) -> bool:
        name = ox.NamedNode(graph)
        marker = ox.Quad(name, ox.NamedNode(_IDENTIFIER), ox.Literal(checksum), name)
        if marker in self.store:
            return False
        self.store.remove_graph(name)
        for data, fmt in documents:
            self.store.bulk_load(input=data, format=RDF_FORMATS[fmt], to_graph=name)
        self.store.add(marker)
        return True

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql)
        except SyntaxError as error:
            raise InputError(f"SPARQL-feil: {error}", f"SPARQL syntax error: {error}", kind="query") from None


def default_location() -> str:
    return os.environ.get(ENV_STORE) or str(Path(platformdirs.user_data_dir("strategigraf")) / "store")


def open_store(location: str | None = None) -> Store:
    """``--store``: a folder (embedded Oxigraph) or an http(s) URL (a remote SPARQL 1.1 endpoint)."""
    location = location or default_location()
    if re.match(r"https?://", location):
        from graph.remote_store import RemoteStore

        return RemoteStore(location)
    return EmbeddedStore(Path(location).expanduser())


def __getattr__(name: str) -> object:
    """``graph.store.RemoteStore`` still names the remote store, which lives in ``graph.remote_store``."""
    if name in ("RemoteStore", "query_endpoint", "update_endpoint"):
        from graph import remote_store

        return getattr(remote_store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
