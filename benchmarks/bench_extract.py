"""Benchmark extraction (document → StrategyDocument) and record it in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/bench_extract.py [--runs 7] [--no-write]

Times ``loaders.reader.read_path`` (read, outline, extract) on the three seeds, the generalisation fixtures
in tests/data/documents, the devset's strategies (when ../shared is beside the project) and a 100-page synthetic
strategy (the Sogndal fixture's priority areas repeated
and renumbered), in a warm process, as the median of ``--runs``. The baseline, measured in the same run, is
reading the same file into its outline only (``outline_of``): the ratio is what extraction costs on top of
reading. Writes the ``## Extraction`` section of RESULTS.md and leaves the other sections alone.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import cli_seconds, machine, write_sections  # noqa: E402
from loaders import sources  # noqa: E402
from loaders.reader import outline_of, read_path  # noqa: E402

HEADING = "## Extraction"
SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = ROOT / "tests" / "data" / "documents"
PAGE_LINES = 45
DEVSET = ROOT.parent / "shared" / "devset"  # measured where it is beside the project
NOT_STRATEGIES = {"vestland-fk_samtalemal-medarbeidarsamtalen.txt", "vestland-fk_stottedokument-medarbeidarsamtale.txt"}


def synthetic(pages: int, folder: Path) -> Path:
    """A long nynorsk strategy: Sogndal's front matter, then its numbered areas over and over."""
    text = (DOCUMENTS / "sogndal-arbeidsgjevarstrategi-2024-2027.txt").read_text(encoding="utf-8")
    text = re.sub(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰].*$", "", text, flags=re.M).translate({ord(c): None for c in "¹²³⁴⁵⁶⁷⁸⁹⁰"})
    first = re.search(r"^1\. ", text, flags=re.M)
    assert first is not None
    head, body = text[: first.start()], text[first.start() :]
    areas = re.split(r"^\d+\. ", body, flags=re.M)[1:]
    lines, parts, number = head.count("\n"), [head], 0
    while lines < pages * PAGE_LINES:
        area = areas[number % len(areas)]
        number += 1
        parts.append(f"{number}. {area}")
        lines += area.count("\n")
    path = folder / "syntetisk-100-sider.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def timed(function, path: Path, runs: int) -> float:  # type: ignore[no-untyped-def]
    function(path)  # warm: imports, the ontology's cue words, the register
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function(path)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print the section, do not write RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs = [
            *sorted(p for p in SEEDS.glob("*.txt") if not p.name.startswith("ks-")),
            *sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf")),
            *sorted(p for p in DEVSET.glob("*.txt") if p.name not in NOT_STRATEGIES),
            synthetic(100, Path(folder)),
        ]
        lines = [
            HEADING,
            "",
            f"Run {date.today().isoformat()} on {machine()}. `benchmarks/bench_extract.py --runs {args.runs}` writes "
            "this section. Median of warm runs; the baseline is reading the same file into its outline only. "
            "The last column is `strategigraf extract FILE --format turtle` end to end in a fresh process (start-up, "
            "imports, reading, extraction, mapping, Turtle), the median of the runs after one warm-up run.",
            "",
            "| input | lines | areas | goals | measures | extract | baseline: read to outline | ratio | "
            "`strategigraf extract`, fresh process |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for path in inputs:
            document = read_path(path)
            goals = sum(len(a.goals) for a in document.priority_areas) + len(document.main_goals)
            measures = sum(len(a.measures) for a in document.priority_areas)
            full = timed(read_path, path, args.runs)
            outline = timed(lambda p: outline_of(sources.from_path(p)), path, args.runs)
            cold = timed(lambda p: cli_seconds("extract", str(p), "--format", "turtle"), path, args.runs)
            lines.append(
                f"| {path.name} | {document.source.line_count} | {len(document.priority_areas)} | {goals} | "
                f"{measures} | {full * 1000:.0f} ms | {outline * 1000:.0f} ms | {full / outline:.1f}× | {cold:.2f} s |"
            )
    section = "\n".join(lines) + "\n"
    print(section)
    if args.no_write:
        return
    write_sections([HEADING], section)

if __name__ == "__main__":
    main()
