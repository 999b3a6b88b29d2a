"""``strategigraf build``: documents and cards in, named graphs in the store out.

Each input goes through read → extract → map → reason (and validate, once the shapes are in) in a
worker process; the main process writes each strategy's graph and its inferences in one transaction.
The reference graphs (ontology, vocabularies, law registry) are written in the same write session, so
one build leaves the store consistent, and a failed build leaves it as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from itertools import islice
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph import iris
from graph.coverage import coverage_graph
from graph.mapper import to_rdf
from graph.municipality_rdf import register_graph
from graph.rdf_input import is_rdf, source_of, strategies_in
from graph.reason import infer, infer_tbox
from graph.store import Store, Writer
from graph.validate import assessment_graph, validate
from loaders import lovdata_registry
from loaders.errors import InputError
from loaders.model import StrategyDocument
from loaders.reader import read_path
from loaders.resources import data_dir, ontology_dir
from loaders.sources import FORMATS
from loaders.vocabulary import ONTOLOGY_FILE, PROV, REFERENCE_FILES, SG

INPUT_SUFFIXES = set(FORMATS) | {".ttl", ".trig", ".nq"}
AHEAD = 3  # inputs submitted ahead per worker: enough to keep the workers busy, few enough to keep memory flat
PARALLEL_FROM = 4  # fewer inputs than this are cheaper to prepare in-process than to start workers for


@dataclass
class Prepared:
    """One strategy ready for the store (N-Triples travel cheaply between processes), or why it is not."""

    label: str
    part: str = ""  # the graph inside an RDF file this result is about («<iri>»); "" for a whole file
    slug: str | None = None
    strategy: str = ""
    inferred: str = ""
    sources: list[str] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage: read, map, reason, validate, store
    error: str | None = None


def bundled_inputs() -> list[Path]:
    """The reviewed cards of the bundled strategies."""
    return sorted((data_dir() / "strategies").glob("*.yaml"))


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files given, and the strategy files in folders given (recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(path)
    return found


def _summary(document: StrategyDocument | None, graph: Graph, inferred: Graph) -> dict[str, object]:
    def count(cls: URIRef) -> int:
        return len(set(graph.subjects(RDF.type, cls)) | set(inferred.subjects(RDF.type, cls)))

    municipality = document.municipality.name if document and document.municipality else ""
    return {
        "municipality": municipality,
        "areas": count(SG.PriorityArea),
        "goals": count(SG.Goal),
        "measures": count(SG.Measure),
        "indicators": count(SG.Indicator),
        "citations": count(SG.Citation),
        "triples": len(graph),
        "inferred": len(inferred),
    }


def _finish(
    label: str,
    slug: str,
    graph: Graph,
    document: StrategyDocument | None,
    seconds: dict[str, float],
    origin: Graph | None = None,
) -> Prepared:
    """Reason and validate one mapped strategy. ``origin`` describes the file it was loaded from when that
    file is not the one its own triples name as their source (RDF input): it joins the stored graph, after
    reasoning and validation, which it does not change."""
    clock = time.perf_counter()
    inferred = infer(graph, owner=str(iris.strategy_iri(slug)))
    seconds["reason"] = time.perf_counter() - clock
    clock = time.perf_counter()
    validation = validate(graph, inferred=inferred)
    seconds["validate"] = time.perf_counter() - clock
    summary = _summary(document, graph, inferred)
    summary.update(score=validation.score, violations=validation.violations, warnings=validation.warnings)
    assessed = graph + assessment_graph(validation) + coverage_graph(iris.strategy_iri(slug), graph, inferred)
    if origin is not None:
        assessed += origin
    return Prepared(
        label=label,
        slug=slug,
        strategy=assessed.serialize(format="nt"),
        inferred=inferred.serialize(format="nt"),
        sources=sorted({str(s) for s in assessed.subjects(RDF.type, SG.SourceDocument)}),
        summary=summary,
        seconds=seconds,
    )


def prepare(path: Path) -> list[Prepared]:
    """Read, extract, map, reason and validate one input file. Never raises: failures come back as ``error``.
    ``seconds`` says how long each stage took (the benchmark sums them)."""
    label = str(path)
    try:
        clock = time.perf_counter()
        if is_rdf(path):
            return _prepare_rdf(path, clock)
        document = read_path(path)
        read = time.perf_counter() - clock
        clock = time.perf_counter()
        graph = to_rdf(document)
        seconds = {"read": read, "map": time.perf_counter() - clock}
        return [_finish(label, iris.strategy_slug(document), graph, document, seconds)]
    except InputError as error:
        return [Prepared(label=label, error=str(error))]
    except Exception as error:  # a bug must not stop the other strategies from loading
        return [Prepared(label=label, error=f"{path}: intern feil / internal error: {type(error).__name__}: {error}")]


def _prepare_rdf(path: Path, clock: float) -> list[Prepared]:
    """One result per graph of an RDF file: a strategy ready for the store, or why the graph is not."""
    found = strategies_in(path)
    _, origin = source_of(path)
    read = (time.perf_counter() - clock) / max(1, len(found))
    results = []
    for part in found:
        name = part.name if len(found) > 1 else ""
        if part.problem is not None:
            results.append(Prepared(label=str(path), part=name, error=str(part.problem)))
        else:
            assert part.slug is not None and part.triples is not None
            prepared = _finish(str(path), part.slug, part.triples, None, {"read": read}, origin=origin)
            prepared.part = name
            results.append(prepared)
    return results


def _metadata(prepared: Prepared) -> str:
    """When, from what and by which version the strategy graph was loaded (inside the graph itself)."""
    graph_iri = iris.strategy_graph(prepared.slug or "")
    meta = Graph()
    meta.add((graph_iri, RDF.type, SG.StrategyGraph))
    meta.add((graph_iri, PROV.generatedAtTime, Literal(dt.datetime.now(dt.UTC).isoformat(), datatype=XSD.dateTime)))
    meta.add((graph_iri, SG.softwareVersion, Literal(version("strategigraf"))))
    for source in prepared.sources:
        meta.add((graph_iri, PROV.wasDerivedFrom, URIRef(source)))
    return meta.serialize(format="nt")


def store_strategy(writer: Writer, prepared: Prepared) -> None:
    """One strategy and its inferences, replaced in one transaction."""
    assert prepared.slug is not None
    strategy = prepared.strategy + _metadata(prepared)
    writer.replace(
        {
            str(iris.strategy_graph(prepared.slug)): strategy,
            str(iris.inferred_graph(prepared.slug)): prepared.inferred,
        }
    )


def store_reference(writer: Writer) -> dict[str, int]:
    """The ontology, its own inferences, the vocabularies (with the municipality register) and the law
    registry, each in its own named graph."""
    ontology = Graph().parse(ontology_dir() / ONTOLOGY_FILE, format="turtle")
    vocabularies = register_graph()
    for name in REFERENCE_FILES:
        if (ontology_dir() / name).exists():
            vocabularies.parse(ontology_dir() / name, format="turtle")
    tbox = infer_tbox()
    writer.replace(
        {
            str(iris.ONTOLOGY_GRAPH): ontology.serialize(format="nt"),
            str(iris.VOCABULARY_GRAPH): vocabularies.serialize(format="nt"),
            str(iris.ONTOLOGY_INFERRED_GRAPH): tbox.serialize(format="nt"),
        }
    )
    documents = []
    digest = hashlib.sha256()
    for path in lovdata_registry.registry_files():
        data = path.read_bytes()
        digest.update(data)
        documents.append((gzip.decompress(data) if path.suffix == ".gz" else data, "turtle"))
    loaded = writer.load_once(str(iris.LAW_GRAPH), documents, f"sha256:{digest.hexdigest()}")
    return {
        "ontology": len(ontology),
        "vocabularies": len(vocabularies),
        "tbox_inferred": len(tbox),
        "law_registry_loaded": int(loaded),
    }


@contextmanager
def _preparing(paths: list[Path], jobs: int) -> Iterator[Iterator[Prepared]]:
    """Start preparing the inputs (in worker processes when that pays off) and hand back an iterator over
    the results in input order. The first inputs are submitted before the caller iterates, so the workers
    go on preparing while the caller opens the store and loads the reference graphs at the first result."""
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield _in_order(pool, paths, ahead=AHEAD * jobs)
    else:
        yield (prepared for path in paths for prepared in prepare(path))


def _in_order(pool: ProcessPoolExecutor, paths: list[Path], ahead: int) -> Iterator[Prepared]:
    """The prepared inputs in order, with at most ``ahead`` inputs submitted and not yet stored: the main
    process stores more slowly than the workers prepare, and finished strategies must not pile up in its
    memory (with everything submitted at once, a build of 2000 strategies peaked at 2.7 GB)."""
    waiting = iter(paths)
    pending = deque(pool.submit(prepare, path) for path in islice(waiting, ahead))

    def results() -> Iterator[Prepared]:
        while pending:
            batch = pending.popleft().result()
            for path in islice(waiting, 1):
                pending.append(pool.submit(prepare, path))
            yield from batch

    return results()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def build(
    store: Store,
    paths: list[Path],
    *,
    jobs: int | None = None,
    on_done: Callable[[Prepared], None] = lambda _: None,
    seconds: dict[str, float] | None = None,
) -> list[Prepared]:
    """Build the store from ``paths``: each strategy is written as soon as it is prepared, so memory does
    not grow with the corpus. Strategies that fail are reported in the result and skipped; a second input
    with the same strategy (same slug) is reported and not loaded twice. ``seconds`` receives the time spent
    loading the reference graphs.

    The write session opens with the first strategy that loads. When inputs were given and none of them
    loads, the store is not touched at all: no new generation, nothing sent to a server."""
    results: list[Prepared] = []
    seen: dict[str, str] = {}
    with ExitStack() as session, _preparing(paths, jobs or default_jobs()) as prepared_inputs:
        writer: Writer | None = None
        for prepared in prepared_inputs:
            if prepared.error is None and prepared.slug in seen:
                prepared.error = (
                    f"{prepared.label}: same strategy as {seen[prepared.slug]} ({prepared.slug}); loaded once / "
                    f"same strategi som {seen[prepared.slug]}; lasta éin gong"
                )
            if prepared.error is None:
                seen[prepared.slug or ""] = prepared.label
                if writer is None:
                    writer = _open_session(session, store, seconds)
                clock = time.perf_counter()
                store_strategy(writer, prepared)
                prepared.seconds["store"] = time.perf_counter() - clock
            prepared.strategy = prepared.inferred = ""  # written: free the memory
            results.append(prepared)
            on_done(prepared)
        if writer is None and not results:
            _open_session(session, store, seconds)  # no input at all: the reference graphs alone
    return results


def _open_session(session: ExitStack, store: Store, seconds: dict[str, float] | None) -> Writer:
    """Open the store's write session (published when ``session`` closes without an error) and write the
    reference graphs into it."""
    writer = session.enter_context(store.writer())
    clock = time.perf_counter()
    store_reference(writer)
    if seconds is not None:
        seconds["reference"] = time.perf_counter() - clock
    return writer
