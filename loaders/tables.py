"""Tables of measures: «Tiltak | Ansvar | Frist», «Mål | Tiltak | Ansvarleg | Periode».

Columns are recognised by the labels of ``sg:Measure`` (the measure), ``sg:Goal`` (the goal it serves),
``sg:responsibleRole`` (who), ``sg:deadline`` (by when) and ``sg:period`` (how often or how long).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from loaders.dates import parse_deadline
from loaders.outline import Block
from loaders.vocabulary import SG, normalise, phrase_cues

COLUMNS = (SG.Measure, SG.Goal, SG.responsibleRole, SG.deadline, SG.period)


@dataclass(frozen=True)
class Row:
    block: Block
    cells: dict[URIRef, str]


def _column(header: str) -> URIRef | None:
    text = normalise(header)
    for term in COLUMNS:
        if any(text == cue or text.startswith(cue + " ") for cue in phrase_cues(term)):
            return term
    return None


def measure_rows(table: list[Block]) -> list[Row]:
    """The data rows of a table whose header row names a measure column; [] for any other table."""
    if len(table) < 2:
        return []
    columns = [_column(cell) for cell in table[0].cells]
    if SG.Measure not in columns:
        return []
    rows = []
    for block in table[1:]:
        cells = {
            column: cell.strip()
            for column, cell in zip(columns, block.cells, strict=False)
            if column and cell.strip()
        }
        if cells.get(SG.Measure):
            rows.append(Row(block=block, cells=cells))
    return rows


def deadline_and_period(row: Row) -> tuple[object, str | None]:
    """The deadline as a date where the cell is one, else the cell's text kept as the period."""
    deadline_text = row.cells.get(SG.deadline)
    period = row.cells.get(SG.period)
    deadline = parse_deadline(deadline_text) if deadline_text else None
    if deadline_text and deadline is None:
        period = period or deadline_text
    return deadline, period
