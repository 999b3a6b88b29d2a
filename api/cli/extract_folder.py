"""``strategigraf extract FOLDER --out DIR``: one card per document of a folder, on every core, with a
progress bar and a closing table of what each document gave and what it lacked.

Each document is read in a worker process, one at a time, so memory stays that of one document per core.
A card is written to a temporary file and renamed into place, so a card in DIR is always whole. A document
that cannot be read (not employer policy, a broken file) gets no card and its line in the table says why;
the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import InputError

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True)
class Outcome:
    """What one document gave: counts of its parts and what it lacked, or why it gave no card."""

    path: Path
    card: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    error: str | None = None


def documents(folder: Path) -> list[Path]:
    """The documents under ``folder`` (recursively), in a stable order; cards and other files are skipped."""
    if not folder.is_dir():
        raise InputError("mappa finst ikkje", "no such folder", path=folder)
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


def _card_path(document: Path, folder: Path, out: Path) -> Path:
    relative = document.relative_to(folder).with_suffix(".yaml")
    return out / relative


def extract_one(document: Path, card: Path, as_strategy: bool) -> Outcome:
    """Read one document and write its card; an unusable document gives its message instead."""
    from loaders.card import dump
    from loaders.reader import read_path

    try:
        strategy = read_path(document, as_strategy=as_strategy)
    except InputError as error:
        return Outcome(document, error=error.message_nn)
    areas = strategy.priority_areas
    counts = {
        "areas": len(areas),
        "goals": len(strategy.all_goals()),
        "measures": len(strategy.all_measures()),
        "expectations": len(strategy.leader_expectations) + len(strategy.employee_expectations)
        + sum(len(a.leader_expectations) + len(a.employee_expectations) for a in areas),
        "values": len(strategy.values),
        "unplaced": len(strategy.unplaced),
    }
    card.parent.mkdir(parents=True, exist_ok=True)
    partial = card.with_name(f".{card.name}.part")
    partial.write_text(dump(strategy), encoding="utf-8")
    partial.replace(card)
    return Outcome(document, card, counts, tuple(strategy.missing))


def extract_folder(folder: Path, out: Path, *, as_strategy: bool = False, jobs: int | None = None) -> Iterator[Outcome]:
    """Every document of ``folder`` read into a card under ``out``, as each finishes (on ``jobs`` processes;
    default: every core)."""
    paths = documents(folder)
    out.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    if workers == 1:
        for path in paths:
            yield extract_one(path, _card_path(path, folder, out), as_strategy)
        return
    from loaders.vocabulary import section_cues, theme_finder

    section_cues(), theme_finder()  # read once here, so that forked workers share them
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(extract_one, p, _card_path(p, folder, out), as_strategy) for p in paths]
        for future in as_completed(futures):
            yield future.result()
