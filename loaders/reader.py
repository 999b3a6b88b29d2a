"""One entry point for every input format: a file (or upload) in, a StrategyDocument out."""

from __future__ import annotations

from pathlib import Path

from loaders import sources
from loaders.extract import extract
from loaders.model import StrategyDocument
from loaders.outline import Outline
from loaders.sources import SourceFile


def outline_of(source: SourceFile) -> Outline:
    """The outline of a document (not a card)."""
    if source.format in ("txt", "md"):
        from loaders.read_text import read_text

        return read_text(source)
    if source.format == "docx":
        from loaders.read_docx import read_docx

        return read_docx(source)
    from loaders.read_pdf import read_pdf

    return read_pdf(source)


def read_source(source: SourceFile, *, as_strategy: bool = False) -> StrategyDocument:
    """Extract a document, or load a reviewed card as it stands. ``as_strategy`` reads a document that does
    not look like employer policy as a strategy anyway."""
    if source.format == "card":
        from loaders import card  # PyYAML only for cards: a document does not pay for importing it

        return card.load(source)
    return extract(outline_of(source), label=source.label, as_strategy=as_strategy)


def read_path(path: Path, *, as_strategy: bool = False) -> StrategyDocument:
    return read_source(sources.from_path(path), as_strategy=as_strategy)
