"""Benchmark the completeness checks and record the results in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/bench_check.py [--runs 7] [--no-write]

Measures, on the three seeds and the drafts in tests/data/documents:

* ``strategigraf check FILE`` end to end in a fresh process each time (start-up, imports, reading, mapping,
  reasoning, validation and the report), as p50 and p95: cold, in the command's own process, and answered
  by the resident check worker (``api/cli/check_worker.py``), against the cold check as the baseline;
* where that time goes, phase by phase, in a fresh interpreter;
* ``graph.validate.validate`` per strategy with the inferences given (what a build pays per strategy),
  against a baseline measured in the same run: pySHACL with ``inference="rdfs"`` over the strategy and
  the ontology with its vocabularies (``ont_graph``), the obvious way to run the same shapes.

Writes the ``## Completeness checks`` section of RESULTS.md and leaves the other sections alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import cli_seconds, machine, write_sections  # noqa: E402

HEADING = "## Completeness checks"
SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = ROOT / "tests" / "data" / "documents"
INPUTS = [
    SEEDS / "elverum-arbeidsgiverstrategi-2016.txt",
    SEEDS / "roros-arbeidsgiverstrategi-2017-2025.txt",
    SEEDS / "alver-administrasjonsutval-2023-med-arbeidsgjevarstrategi-2023-2026.txt",
    DOCUMENTS / "complete-draft.md",
    DOCUMENTS / "voss-arbeidsgjevarstrategi-utkast.docx",
]

# One cold run of the command's steps in a fresh interpreter, each timed.
_PHASES = r"""
import json, sys, time
from pathlib import Path
t = [time.perf_counter()]
import api.cli, pyshacl  # what `strategigraf check` imports before it starts
t.append(time.perf_counter())
from loaders.reader import read_path
document = read_path(Path(sys.argv[1])); t.append(time.perf_counter())
from graph.mapper import to_rdf
graph = to_rdf(document); t.append(time.perf_counter())
from graph.reason import infer
inferred = infer(graph); t.append(time.perf_counter())
from graph.validate import validate
validation = validate(graph, inferred=inferred); t.append(time.perf_counter())
from api import report
report.to_json(validation, "nb"); t.append(time.perf_counter())
names = ["imports", "read", "map", "infer", "validate", "report"]
print(json.dumps({n: t[i + 1] - t[i] for i, n in enumerate(names)}))
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def cli(path: Path) -> float:
    return cli_seconds("check", str(path), "--format", "json", ok=(0, 1))


def phases(path: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", _PHASES, str(path)], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs per input (default 7)")
    parser.add_argument("--no-write", action="store_true", help="print the section, do not write RESULTS.md")
    args = parser.parse_args()

    import pyshacl
    from rdflib import Graph

    from graph.mapper import to_rdf
    from graph.reason import infer
    from graph.validate import shapes_graph, validate
    from loaders.reader import read_path
    from loaders.vocabulary import ontology_graph, reference_graph

    inputs = [p for p in INPUTS if p.exists()]
    rows = []
    validate_times: list[float] = []
    baseline_times: list[float] = []
    infer_times: list[float] = []
    for path in inputs:
        graph = to_rdf(read_path(path))
        inferred = infer(graph)
        validate(graph, inferred=inferred)  # warm the caches (shapes, vocabularies, registry)
        own = []
        for _ in range(args.runs):
            start = time.perf_counter()
            validate(graph, inferred=inferred)
            own.append(time.perf_counter() - start)
        reasoning = []
        for _ in range(3):
            start = time.perf_counter()
            infer(graph)
            reasoning.append(time.perf_counter() - start)
        ontology = Graph()
        for source in (ontology_graph(), reference_graph()):
            for triple in source:
                ontology.add(triple)
        base = []
        for _ in range(3):
            shapes = Graph()
            shapes += shapes_graph()
            start = time.perf_counter()
            pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", allow_warnings=True)
            base.append(time.perf_counter() - start)
        validate_times.append(statistics.median(own))
        baseline_times.append(statistics.median(base))
        infer_times.append(statistics.median(reasoning))
        rows.append(
            (path.name, len(graph), statistics.median(own), statistics.median(reasoning), statistics.median(base))
        )
        own_ms, base_ms = statistics.median(own) * 1000, statistics.median(base) * 1000
        print(f"{path.name}: validate {own_ms:.0f} ms, baseline {base_ms:.0f} ms")

    from api.cli import check_worker

    check_worker.stop()  # one left from before would answer the cold runs
    os.environ[check_worker.ENV_WORKER] = "0"
    end_to_end: dict[str, list[float]] = {}
    for path in inputs:
        cli(path)  # warm-up: the OS file cache, Python's bytecode cache and the linker's cache
        end_to_end[path.name] = [cli(path) for _ in range(args.runs)]
        print(f"{path.name}: check p50 {percentile(end_to_end[path.name], 0.5):.2f} s")
    all_runs = [t for times in end_to_end.values() for t in times]

    os.environ[check_worker.ENV_WORKER] = "1"
    cli(inputs[0])  # checks in-process and starts the worker
    deadline = time.monotonic() + 120
    while not check_worker.socket_path().exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    with_worker = {path.name: [cli(path) for _ in range(args.runs)] for path in inputs}
    if not check_worker.stop():
        raise SystemExit("the worker did not answer the runs meant for it")
    all_with_worker = [t for times in with_worker.values() for t in times]
    print(f"with the worker: check p50 {percentile(all_with_worker, 0.5):.2f} s")

    split: dict[str, list[float]] = {}
    for path in inputs[:3]:
        for _ in range(max(3, args.runs // 2)):
            for name, value in phases(path).items():
                split.setdefault(name, []).append(value)

    mean_validate = statistics.mean(validate_times)
    mean_infer = statistics.mean(infer_times)
    lines = [
        HEADING,
        "",
        f"Run {date.today().isoformat()} on {machine()}. `benchmarks/bench_check.py --runs {args.runs}` writes "
        "this section. Times are medians unless marked p50/p95.",
        "",
        "Validation of one strategy (`graph.validate.validate` with its inferences given, as a build calls it; "
        'the shapes pre-parsed and copied, `inference="none"`, the strategy + its OWL-RL inferences + the '
        'reference vocabularies as one read-only view). Baseline, same run: pySHACL with `inference="rdfs"` '
        "over the strategy with the ontology and vocabularies as `ont_graph`.",
        "",
        "| input | triples | validate | reasoning (`infer`) | baseline: pySHACL rdfs + ontology | speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for name, triples, own_t, reason_t, base_t in rows:
        lines.append(
            f"| {name} | {triples} | {own_t * 1000:.0f} ms | {reason_t * 1000:.0f} ms | {base_t * 1000:.0f} ms | "
            f"{base_t / own_t:.0f}× |"
        )
    lines += [
        "",
        f"Mean validation {mean_validate * 1000:.0f} ms per strategy: 357 strategies take "
        f"{357 * mean_validate:.0f} s of CPU for validation (plus {357 * mean_infer:.0f} s for reasoning), "
        f"{357 * mean_validate / 2:.0f} s of validation on 2 workers.",
        "",
        f"`strategigraf check FILE --format json` end to end, in a fresh process each time, {args.runs} runs per "
        "input. *Cold*: the check runs in the command's own process (`STRATEGIGRAF_CHECK_WORKER=0`), after one "
        "warm-up run that writes Python's bytecode cache and the build cache, as the first run after an install "
        "does. *With the worker*: the resident check worker, started by the first check, answers (what every "
        "check after the first gets). Baseline: the cold check.",
        "",
        "| input | cold p50 | cold p95 | with the worker p50 | with the worker p95 | speed-up (p50) |",
        "|---|---|---|---|---|---|",
    ]
    for name, times in end_to_end.items():
        warm = with_worker[name]
        lines.append(
            f"| {name} | {percentile(times, 0.5):.2f} s | {percentile(times, 0.95):.2f} s | "
            f"{percentile(warm, 0.5):.2f} s | {percentile(warm, 0.95):.2f} s | "
            f"{percentile(times, 0.5) / percentile(warm, 0.5):.1f}× |"
        )
    cold_p50, warm_p50 = percentile(all_runs, 0.5), percentile(all_with_worker, 0.5)
    lines += [
        f"| all | {cold_p50:.2f} s | {percentile(all_runs, 0.95):.2f} s | {warm_p50:.2f} s | "
        f"{percentile(all_with_worker, 0.95):.2f} s | {cold_p50 / warm_p50:.1f}× |",
        "",
        "Where the time of one cold `check` goes (fresh interpreter, seeds, median):",
        "",
        "| imports (CLI + pySHACL) | read + extract | map | reasoning | validate (cold) | report |",
        "|---|---|---|---|---|---|",
        "| "
        + " | ".join(
            f"{statistics.median(split[n]):.2f} s" for n in ("imports", "read", "map", "infer", "validate", "report")
        )
        + " |",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.no_write:
        return
    write_sections([HEADING], section)

if __name__ == "__main__":
    main()
