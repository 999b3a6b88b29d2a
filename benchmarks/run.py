"""Build and query benchmarks on synthetic corpora, with an in-memory rdflib graph as the baseline.

    .venv/bin/python benchmarks/run.py                 # 3, 50, 357 and 2000 strategies
    .venv/bin/python benchmarks/run.py --sizes 3 357   # a subset
    .venv/bin/python benchmarks/run.py --http          # also HTTP latency, with rdflib-endpoint as baseline

For each size: build time in total and per stage, store size, peak memory of the build (the process and
its workers), and p50/p95 latency of every named query on the embedded store. The baseline loads the same
quads into an rdflib Dataset (union default graph) in a child process and runs the same queries there,
each stopped after ``--baseline-timeout`` seconds. Results replace the «Build and queries» (and «HTTP»,
«Web overview») sections of benchmarks/RESULTS.md; they are ratios measured in the same run, never
asserts in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import write as generate  # noqa: E402
from benchmarks.results import machine, write_sections  # noqa: E402
from graph.build import build  # noqa: E402
from graph.named_queries import library  # noqa: E402
from graph.store import EmbeddedStore  # noqa: E402

REPEATS = 15


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, AttributeError):
            continue
    return total


class PeakMemory:
    """Samples the memory of this process tree every 50 ms."""

    def __enter__(self) -> PeakMemory:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, _tree_rss_kb(os.getpid()))

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def query_params(store: EmbeddedStore) -> dict[str, dict[str, str]]:
    """The parameters each query is run with: a required one gets its default (HTTP asks for it to be given),
    and strategy-tree gets a strategy of this corpus."""
    params = {
        name: {p.name: str(p.default) for p in query.params if p.required and p.default is not None}
        for name, query in library().items()
    }
    first = store.query("PREFIX sg: <https://w3id.org/strategigraf/ont#> "
                        "SELECT ?s WHERE { ?s a sg:EmployerStrategy } ORDER BY ?s LIMIT 1").rows[0][0]
    params["strategy-tree"] = {"strategy": str(first)}
    return params


def bound_queries(store: EmbeddedStore) -> dict[str, str]:
    """Every named query as run by the benchmark."""
    params = query_params(store)
    return {name: query.bind(params.get(name, {})) for name, query in library().items()}


def time_queries(store: EmbeddedStore) -> dict[str, tuple[float, float, int]]:
    """p50/p95 of each named query, from the query text to the SPARQL JSON bytes the endpoint sends."""
    timings = {}
    for name, text in bound_queries(store).items():
        rows = len(store.answer(text).bindings)  # warm, and the row count (outside the timing)
        samples = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            store.answer(text)
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = (percentile(samples, 0.5), percentile(samples, 0.95), rows)
    return timings


BASELINE = r"""
import json, signal, sys, time
from rdflib import Dataset
dump, timeout, queries = sys.argv[1], int(sys.argv[2]), json.loads(sys.stdin.read())
dataset = Dataset(default_union=True)
started = time.perf_counter()
dataset.parse(dump, format="nquads")
print(json.dumps({"load": time.perf_counter() - started}), flush=True)
class Stop(Exception):
    pass
def stop(*_):
    raise Stop()
signal.signal(signal.SIGALRM, stop)
for name, text in queries.items():
    samples = []
    try:
        signal.alarm(timeout)
        for _ in range(3):
            begun = time.perf_counter()
            list(dataset.query(text))
            samples.append((time.perf_counter() - begun) * 1000)
        signal.alarm(0)
        print(json.dumps({"query": name, "samples": samples}), flush=True)
    except Stop:
        print(json.dumps({"query": name, "timeout": timeout}), flush=True)
"""


def baseline(store: EmbeddedStore, timeout: int) -> dict[str, object]:
    """The same quads in an rdflib Dataset, in a child process (rdflib cannot be stopped otherwise)."""
    import pyoxigraph as ox

    dump = Path(tempfile.mkstemp(suffix=".nq")[1])
    reader = ox.Store.read_only(str(store.current()))
    reader.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    queries = bound_queries(store)
    process = subprocess.run(
        [sys.executable, "-c", BASELINE, str(dump), str(timeout)],
        input=json.dumps(queries), capture_output=True, text=True, check=True,
    )
    dump.unlink()
    lines = [json.loads(line) for line in process.stdout.splitlines() if line.strip()]
    result: dict[str, object] = {"load": lines[0]["load"]}
    for line in lines[1:]:
        result[line["query"]] = statistics.median(line["samples"]) if "samples" in line else f">{line['timeout']} s"
    return result


def bench_size(size: int, workdir: Path, with_baseline: bool, timeout: int) -> dict[str, object]:
    corpus = generate(size, workdir / f"korpus-{size}")
    shutil.rmtree(workdir / f"store-{size}", ignore_errors=True)  # every build starts from an empty store
    store = EmbeddedStore(workdir / f"store-{size}")
    stage: dict[str, float] = {}
    with PeakMemory() as memory:
        started = time.perf_counter()
        results = build(store, sorted(corpus.glob("*.trig")), seconds=stage)
        total = time.perf_counter() - started
    failed = [r.error for r in results if r.error]
    for key in ("read", "reason", "validate", "store"):
        stage[key] = sum(r.seconds.get(key, 0.0) for r in results)
    outcome: dict[str, object] = {
        "size": size, "loaded": len(results) - len(failed), "failed": failed[:3], "build_seconds": total,
        "stages": stage, "peak_memory_mb": memory.peak / 1024, "store_mb": folder_size(Path(store.location)) / 1e6,
        "quads": store.count(), "queries": time_queries(store),
    }
    if with_baseline:
        outcome["baseline"] = baseline(store, timeout)
    return outcome


def http_bench(store: Path, size: int) -> dict[str, object]:
    """p50/p95 over HTTP for every named query and for /sparql, and the overview page (issues 7 and 8)."""
    import urllib.parse
    import urllib.request

    from tests.http_server import strategigraf_server

    def timed(url: str, headers: dict[str, str] | None = None) -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=60) as response:
            response.read()
        return (time.perf_counter() - started) * 1000

    out: dict[str, object] = {"size": size, "named": {}, "sparql": {}, "narrowed": {}, "served": {}}
    params = query_params(EmbeddedStore(store))
    texts = bound_queries(EmbeddedStore(store))
    accept = {"Accept": "application/sparql-results+json"}

    def named_url(url: str, name: str) -> str:
        return f"{url}/api/queries/{name}?{urllib.parse.urlencode(params.get(name, {}))}"

    # Every request evaluated (the answer cache off): what Oxigraph and the server cost per query.
    narrowed = example_params(EmbeddedStore(store))
    with strategigraf_server(store, "--row-cap", "100000", "--cache-mb", "0") as url:
        out["overview_first_ms"] = timed(f"{url}/")
        overview = [timed(f"{url}/") for _ in range(REPEATS)]
        out["overview_ms"] = (percentile(overview, 0.5), percentile(overview, 0.95))
        for name, text in texts.items():
            timed(named_url(url, name))
            samples = [timed(named_url(url, name)) for _ in range(REPEATS)]
            out["named"][name] = (percentile(samples, 0.5), percentile(samples, 0.95))  # type: ignore[index]
            sparql = f"{url}/sparql?query={urllib.parse.quote(text)}"
            samples = [timed(sparql, accept) for _ in range(REPEATS)]
            out["sparql"][name] = (percentile(samples, 0.5), percentile(samples, 0.95))  # type: ignore[index]
            if name in narrowed:
                one = f"{url}/api/queries/{name}?{urllib.parse.urlencode(narrowed[name])}"
                samples = [timed(one) for _ in range(REPEATS)]
                out["narrowed"][name] = (percentile(samples, 0.5), percentile(samples, 0.95))  # type: ignore[index]
    # As served by default: the answer cache on, and every named query's default answer made ahead when the
    # server starts. The clock starts once the server logs that it has made them.
    log = Path(tempfile.mkdtemp()) / "serve.log"
    with strategigraf_server(store, "--row-cap", "100000", log=log) as url:
        deadline = time.monotonic() + 600
        while "answers made ahead" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        made = re.search(r"(\d+) answers made ahead for \S+ in ([\d.]+) s", log.read_text())
        out["warm_up"] = (int(made.group(1)), float(made.group(2))) if made else None
        for name in texts:
            samples = [timed(named_url(url, name)) for _ in range(REPEATS)]
            out["served"][name] = (percentile(samples, 0.5), percentile(samples, 0.95))  # type: ignore[index]
    shutil.rmtree(log.parent)
    return out


def example_params(store: EmbeddedStore) -> dict[str, dict[str, str]]:
    """For each query with a municipality parameter: the required parameters and a municipality of this corpus,
    as a dashboard showing one municipality asks."""
    number = store.query("PREFIX sg: <https://w3id.org/strategigraf/ont#> SELECT ?n WHERE { ?s sg:municipality/"
                         "sg:municipalityNumber ?n } ORDER BY ?n LIMIT 1").rows[0][0]
    required = query_params(store)
    return {
        name: required.get(name, {}) | {p.name: str(number) for p in query.params if p.type == "municipality"}
        for name, query in library().items()
        if any(p.type == "municipality" for p in query.params)
    }


def rdflib_endpoint_bench(store: EmbeddedStore, timeout: int, hopeless: set[str]) -> dict[str, object]:
    """rdflib-endpoint serving the same quads, installed in its own virtualenv (never a project dependency).

    rdflib cannot stop a query, so a query past the limit would hold the server for the next ones: the
    server is restarted after each timeout, and the queries that already passed the limit in the in-process
    rdflib run (``hopeless``) are not sent (reported as over the limit)."""
    import urllib.parse
    import urllib.request

    import pyoxigraph as ox

    from tests.oxigraph_server import free_port, wait_for

    venv = Path(tempfile.gettempdir()) / "strategigraf-bench-rdflib-endpoint"
    if not (venv / "bin" / "rdflib-endpoint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "rdflib-endpoint[cli]", "uvicorn"], check=True)
    dump = Path(tempfile.mkstemp(suffix=".nq")[1])
    ox.Store.read_only(str(store.current())).dump(str(dump), format=ox.RdfFormat.N_QUADS)
    port = free_port()

    def start() -> subprocess.Popen[bytes]:
        server = subprocess.Popen([str(venv / "bin" / "rdflib-endpoint"), "serve", str(dump), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"http://127.0.0.1:{port}/", timeout=900)
        return server

    out: dict[str, object] = {}
    process = start()
    try:
        for name, text in bound_queries(store).items():
            if name in hopeless:
                out[name] = f">{timeout} s"
                continue
            url = f"http://127.0.0.1:{port}/?query={urllib.parse.quote(text)}"
            samples = []
            try:
                for _ in range(3):
                    started = time.perf_counter()
                    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                    with urllib.request.urlopen(request, timeout=timeout) as response:
                        response.read()
                    samples.append((time.perf_counter() - started) * 1000)
                out[name] = statistics.median(samples)
            except (OSError, TimeoutError):
                out[name] = f">{timeout} s"
                process.kill()
                process.wait()
                process = start()
    finally:
        process.kill()
        dump.unlink()
    return out


def _ratio(ours: float, theirs: object) -> str:
    if isinstance(theirs, str):
        return f"> {float(theirs.strip('> s')) * 1000 / max(ours, 0.01):.0f}×"
    return f"{float(theirs) / max(ours, 0.01):.0f}×"  # type: ignore[arg-type]


def markdown(runs: list[dict[str, object]], http: list[dict[str, object]]) -> str:
    lines = [
        "## Build and queries",
        "",
        f"Run {dt.date.today().isoformat()} on {machine()}. `benchmarks/run.py` writes this section.",
        "",
        "| strategies | build (s) | reference (s) | read (s) | reason (s) | validate (s) | store (s) "
        "| peak memory (MB) | store (MB) | quads |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        s = run["stages"]  # type: ignore[index]
        lines.append(
            f"| {run['size']} | {run['build_seconds']:.1f} | {s.get('reference', 0):.1f} | {s['read']:.1f} | "
            f"{s['reason']:.1f} | {s['validate']:.1f} | {s['store']:.1f} | {run['peak_memory_mb']:.0f} | "
            f"{run['store_mb']:.0f} | {run['quads']} |"
        )
    lines += [
        "",
        "Stage times are summed over the worker processes (2 run at once); build is wall-clock time.",
        "",
        "Query latency: from the query text to the SPARQL JSON bytes the endpoint sends (`EmbeddedStore.answer`), "
        f"{REPEATS} runs after a warm-up; rows as returned at the largest size. rdflib: the same quads in an "
        "in-memory `Dataset` (union default graph), median of 3 runs of `list(dataset.query(…))`, stopped at the "
        "time limit («>»). The suite row sums the p50s, a stopped rdflib query counted at its limit.",
        "",
    ]
    header = "| query | rows | " + " | ".join(f"{r['size']}: p50 / p95 (ms)" for r in runs)
    baseline_runs = [r for r in runs if "baseline" in r]
    header += "".join(f" | rdflib {r['size']} (ms) | speed-up {r['size']}" for r in baseline_runs) + " |"
    lines += [header, "|---|" + "---:|" * (1 + len(runs) + 2 * len(baseline_runs))]
    for name in library():
        cells = [str(runs[-1]["queries"][name][2])]  # type: ignore[index]
        cells += [f"{r['queries'][name][0]:.1f} / {r['queries'][name][1]:.1f}" for r in runs]  # type: ignore[index]
        for r in baseline_runs:
            theirs = r["baseline"][name]  # type: ignore[index]
            cells.append(theirs if isinstance(theirs, str) else f"{theirs:.0f}")
            cells.append(_ratio(r["queries"][name][0], theirs))  # type: ignore[index]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    suite = ["", *(f"{sum(q[0] for q in r['queries'].values()):.0f}" for r in runs)]  # type: ignore[union-attr]
    for r in baseline_runs:
        ours = sum(q[0] for q in r["queries"].values())  # type: ignore[union-attr]
        timings = [v for k, v in r["baseline"].items() if k != "load"]  # type: ignore[union-attr]
        theirs = sum(float(v.strip("> s")) * 1000 if isinstance(v, str) else v for v in timings)
        bound = "> " if any(isinstance(v, str) for v in timings) else ""
        suite += [f"{bound}{theirs:.0f}", f"{bound}{theirs / ours:.0f}×"]
    lines.append("| **suite** | " + " | ".join(suite) + " |")
    for r in baseline_runs:
        load = r["baseline"]["load"]  # type: ignore[index]
        lines.append(f"\nrdflib baseline at {r['size']}: loading the quads took {load:.0f} s.")
    if http:
        lines += [
            "", "## HTTP", "",
            f"Milliseconds over loopback HTTP (client time), p50 / p95 of {REPEATS} requests. «live»: the server "
            "with its answer cache off (`--cache-mb 0`), so every request runs its query, over every municipality "
            "(«/api», «/sparql») or for one («one municipality», the `municipality` parameter). «as served»: the "
            "server as it runs by default, after it has made every named query's default answer ahead (it does "
            "so at start-up and after each build). rdflib-endpoint serves the same quads; the speed-ups divide its "
            "time by our live /sparql p50 and by our as-served p50.", "",
        ]
        for h in http:
            if h.get("warm_up"):
                count, seconds = h["warm_up"]  # type: ignore[misc]
                lines.append(f"Made ahead at {h['size']}: {count} answers in {seconds:.1f} s after start-up.")
        lines.append("")
        head = " | ".join(f"/api {h['size']} live | /sparql {h['size']} live | one municipality {h['size']} live "
                          f"| /api {h['size']} as served" for h in http)
        lines.append(f"| query | {head}"
                     + "".join(f" | rdflib-endpoint {h['size']} | speed-up live / as served" for h in http
                               if "rdflib" in h) + " |")
        columns = 4 * len(http) + 2 * sum(1 for h in http if "rdflib" in h)
        lines.append("|---|" + "---:|" * columns)

        def cell(pair: object) -> str:
            return f"{pair[0]:.1f} / {pair[1]:.1f}" if pair else "–"  # type: ignore[index]

        for name in library():
            cells = []
            for h in http:
                cells += [cell(h["named"][name]), cell(h["sparql"][name]),  # type: ignore[index]
                          cell(h["narrowed"].get(name)), cell(h["served"][name])]  # type: ignore[union-attr,index]
            for h in http:
                if "rdflib" in h:
                    theirs = h["rdflib"][name]  # type: ignore[index]
                    cells += [theirs if isinstance(theirs, str) else f"{theirs:.0f}",
                              f"{_ratio(h['sparql'][name][0], theirs)} / "  # type: ignore[index]
                              f"{_ratio(h['served'][name][0], theirs)}"]  # type: ignore[index]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines += ["", "## Web overview", "",
                  "Server with the answer cache off. The first view is asked for as soon as the server answers, "
                  "while its start-up prefetch of the overview may still be running.", "",
                  "| strategies | first view, right after start-up (ms) | p50 / p95 (ms) |", "|---:|---:|---:|"]
        for h in http:
            p50, p95 = h["overview_ms"]  # type: ignore[misc]
            lines.append(f"| {h['size']} | {h['overview_first_ms']:.0f} | {p50:.0f} / {p95:.0f} |")
    return "\n".join(lines) + "\n"


def http_size(workdir: Path, size: int, timeout: int, in_process: dict[str, object] | None) -> dict[str, object]:
    measured = http_bench(workdir / f"store-{size}", size)
    if in_process is not None:
        hopeless = {name for name, value in in_process.items() if isinstance(value, str)}
        measured["rdflib"] = rdflib_endpoint_bench(EmbeddedStore(workdir / f"store-{size}"), timeout, hopeless)
    return measured


def _saved(path: Path, reuse: bool, measure) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A measurement, kept as JSON in the work folder; with --reuse an earlier one is taken as it is."""
    if reuse and path.exists():
        return json.loads(path.read_text())
    outcome = measure()
    path.write_text(json.dumps(outcome, default=str))
    print(json.dumps(outcome, default=str)[:2000], flush=True)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 50, 357, 2000])
    parser.add_argument("--baseline-sizes", type=int, nargs="+", default=[3, 50, 357])
    parser.add_argument("--baseline-timeout", type=int, default=60)
    parser.add_argument("--http", action="store_true", help="also measure HTTP latency at 357 and 2000")
    parser.add_argument("--keep", type=Path, help="keep the corpora, stores and measurements in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: take the measurements already there")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="strategigraf-bench-"))
    runs, http = [], []
    try:
        for size in args.sizes:
            print(f"benchmark: {size} strategies", flush=True)
            with_baseline = size in args.baseline_sizes
            runs.append(_saved(workdir / f"run-{size}.json", args.reuse,
                               lambda s=size, b=with_baseline: bench_size(s, workdir, b, args.baseline_timeout)))
            if args.http and size in (357, 2000):
                rdflib_run = runs[-1].get("baseline") if size == 357 else None
                http.append(_saved(workdir / f"http-{size}.json", args.reuse, lambda s=size, b=rdflib_run: http_size(
                    workdir, s, args.baseline_timeout, b)))  # type: ignore[arg-type]
        write_sections(["## Build and queries", "## HTTP", "## Web overview"], markdown(runs, http))
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
