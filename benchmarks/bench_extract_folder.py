"""Benchmark `strategigraf extract FOLDER --out DIR` on one document per municipality, and record it.

    .venv/bin/python benchmarks/bench_extract_folder.py [--documents 372] [--runs 3] [--no-write]

The folder is generated: the bundled seeds, the fixtures in tests/data/documents and tests/data/drafts, and
(when ../shared is beside the project) the devset, taken in turn until there are ``--documents`` of them. In
each text copy the source's municipality is renamed to the next municipality of the register, so no two
documents are the same. The command runs in a fresh process with every core, as a user runs it; the target
is 60 s for 372 documents. The baseline, measured in the same run, is reading every document into its
outline in one process: the ratio is what extraction, cards and the pool cost on top of reading. Writes
the ``## Extraction of a folder`` section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import shutil
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
from loaders.errors import InputError  # noqa: E402
from loaders.reader import outline_of, read_path  # noqa: E402

HEADING = "## Extraction of a folder"
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
SOURCES = [
    ROOT / "data" / "strategies",
    ROOT / "tests" / "data" / "documents",
    ROOT / "tests" / "data" / "drafts",
    ROOT.parent / "shared" / "devset",
]


def _municipalities() -> list[str]:
    with (ROOT / "data" / "register" / "kommuner.csv").open(encoding="utf-8") as handle:
        return [row["name_nb"] for row in csv.DictReader(handle) if row["kind"] == "kommune"]


def generate(count: int, folder: Path) -> list[Path]:
    """``count`` documents in ``folder``, each text one naming another municipality than its source."""
    inputs = [p for source in SOURCES if source.is_dir() for p in sorted(source.iterdir()) if p.suffix in SUFFIXES]
    names = _municipalities()
    made = []
    for number in range(count):
        source = inputs[number % len(inputs)]
        target = folder / f"{number:03d}-{source.name}"
        if source.suffix in (".txt", ".md"):
            text = source.read_text(encoding="utf-8")
            document = _municipality_of(source)
            if document:
                text = text.replace(document, names[number % len(names)])
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        made.append(target)
    return made


def _municipality_of(path: Path) -> str | None:
    try:
        found = read_path(path).municipality
    except InputError:
        return None
    return found.name if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=372)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the section, do not write RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder, out = Path(work) / "dokument", Path(work) / "kort"
        folder.mkdir()
        paths = generate(args.documents, folder)
        refused = 0
        for path in paths:  # warm this process for the baseline, and count what has no card
            try:
                read_path(path)
            except InputError:
                refused += 1
        baseline = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for path in paths:
                outline_of(sources.from_path(path))
            baseline.append(time.perf_counter() - started)
        cli_seconds("extract", str(folder), "--out", str(out), ok=(0, 1))  # warm-up: bytecode and caches
        runs = [cli_seconds("extract", str(folder), "--out", str(out), ok=(0, 1)) for _ in range(args.runs)]
    whole, reading = statistics.median(runs), statistics.median(baseline)
    section = "\n".join([
        HEADING,
        "",
        f"Run {date.today().isoformat()} on {machine()}. `benchmarks/bench_extract_folder.py --documents "
        f"{args.documents} --runs {args.runs}` writes this section: one generated document per municipality "
        "(seeds, fixtures, drafts and devset in turn, each renamed to another municipality), "
        f"`strategigraf extract FOLDER --out DIR` in a fresh process with every core, median of {args.runs} runs "
        "after a warm-up. Baseline: reading every document into its outline in one warm process. Target: 60 s.",
        "",
        "| documents | gave no card | `extract FOLDER --out DIR` | per document | baseline: read to outline | ratio |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {args.documents} | {refused} | {whole:.1f} s | {whole / args.documents * 1000:.0f} ms | "
        f"{reading:.1f} s | {whole / reading:.1f}× |",
    ]) + "\n"
    print(section)
    if not args.no_write:
        write_sections([HEADING], section)


if __name__ == "__main__":
    main()
