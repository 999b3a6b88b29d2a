"""Outline → StrategyDocument: the document's kind, its structure, its front matter and its citations.

A document that is not employer policy is refused (``loaders.doctype``). Its structure is read twice: by the
cue walk (``loaders.cue_walk``), built for documents that head their sections with cue words, and from its
layout (``loaders.layout_reader``). The reading that finds more measures is kept; with none either way, or as
many but goals only from the layout, the layout reading. Front matter (``loaders.front_matter``), duties and
the revision rule (``loaders.prose``) and citations are read the same way for both.
"""

from __future__ import annotations

from loaders import cue_walk, doctype, front_matter, language, layout_model, layout_reader, prose, roles
from loaders.citations import find_citations
from loaders.errors import InputError
from loaders.model import Citation, Element, Lines, PriorityArea, StrategyDocument
from loaders.outline import Block, Kind, Outline


def extract(outline: Outline, *, label: str | None = None, as_strategy: bool = False) -> StrategyDocument:
    """Read one strategy from its outline. A document that is not employer policy (``loaders.doctype``)
    raises InputError, naming the file by ``label`` (the path as given, or the upload's name), unless
    ``as_strategy``; an employer-policy document is never refused: what is missing is listed in the card."""
    verdict = doctype.classify(outline.blocks)
    if not verdict.is_strategy and not as_strategy:
        raise InputError(*doctype.refusal(verdict), path=label or outline.source.file)
    title_index = front_matter.find_title(outline.blocks)
    start = title_index if title_index is not None else 0
    blocks = outline.blocks[start:]
    walked, walk = cue_walk.read(outline, blocks)
    areas, main_goals, extents = walked.areas, walked.main_goals, walked.extents
    vision, values = walked.vision, walked.values
    leader_expectations, employee_expectations = walked.leader_expectations, walked.employee_expectations
    unplaced: list[Element] = []
    walk_measures = sum(len(area.measures) for area in areas)
    title_block = outline.blocks[title_index] if title_index is not None else front_matter.first_title(blocks)
    read = layout_model.elements(layout_reader.read(blocks, title_block), outline.source.line_count or 1)
    layout_measures = sum(len(area.measures) for area in read.areas)
    walk_goals = bool(main_goals) or any(area.goals for area in areas)
    tie_to_layout = layout_measures == walk_measures and not walk_goals and bool(read.main_goals or read.areas)
    # The cue walk reads documents that head their sections with the seeds' cue words; the layout reading
    # (loaders.layout_reader) reads the rest. The one that finds more measures read the document's structure;
    # with none either way, or as many but goals only in the layout reading, the layout does.
    layout_wins = layout_measures > walk_measures or not walk_measures or tie_to_layout
    if layout_wins and (read.areas or read.main_goals or read.values or read.vision or not (areas or main_goals)):
        areas, main_goals, extents, unplaced = read.areas, read.main_goals, read.extents, read.unplaced
        vision, values = read.vision or vision, read.values or values
        leader_expectations, employee_expectations = read.leader_expectations, read.employee_expectations

    if any(roles.says_no_action_plan(block.text) for block in blocks):
        areas, unplaced = _without_measures(areas, unplaced)
    cover = front_matter.cover(outline.blocks, start) if title_index is not None else blocks[:8]
    prose_blocks = [
        b for i, b in enumerate(blocks) if i not in walk.consumed and b.kind is not Kind.TABLE_ROW
    ]
    text = "\n".join(b.text for b in blocks)
    document = StrategyDocument(
        source=outline.source,
        language=language.detect(text),
        title=Element(text=title_block.text, lines=Lines(start=title_block.line_start, end=title_block.line_end)),
        subtitle=front_matter.subtitle(outline.blocks, title_index) if title_index is not None else None,
        municipality=front_matter.municipality(cover, blocks),
        adoption=front_matter.adoption([*cover, *blocks]),
        validity=front_matter.validity(cover, blocks),
        revision=prose.revision_rule(prose_blocks),
        vision=vision,
        values=values,
        main_goals=main_goals,
        priority_areas=areas,
        challenges=[cue_walk.themed(c) for c in walk.challenges],
        leader_expectations=leader_expectations,
        employee_expectations=employee_expectations,
        unplaced=unplaced,
        duties=_unique(
            [
                *prose.duties(walk.role_list_blocks, in_role_list=True),
                *prose.duties(
                    b for b in prose_blocks if b.kind in (Kind.PARAGRAPH, Kind.LIST_ITEM) and not cue_walk.is_quote(b)
                ),
            ]
        ),
    )
    document = document.model_copy(update={"missing": document.lacks()})
    return attach_citations(document, outline, blocks, extents)


def _without_measures(areas: list[PriorityArea], unplaced: list[Element]) -> tuple[list[PriorityArea], list[Element]]:
    """A document that says it is not an action plan has no measures: what it lists goes to the reviewer."""
    moved = [Element(text=m.text, lines=m.lines, reason="no-action-plan") for a in areas for m in a.measures]
    return [a.model_copy(update={"measures": []}) for a in areas], [*unplaced, *moved]


def _unique(duties: list) -> list:  # type: ignore[type-arg]
    seen = set()
    kept = []
    for duty in duties:
        key = (duty.role, duty.text)
        if key not in seen:
            seen.add(key)
            kept.append(duty)
    return kept


def attach_citations(
    document: StrategyDocument, outline: Outline, blocks: list[Block], extents: list[tuple[int, int]]
) -> StrategyDocument:
    """Give every element the citations found on its lines, and on the footnotes it points to; a citation
    in a priority area's prose goes to the area; the rest stay on the strategy."""
    footnote_of_line = {line: number for number, note in outline.footnotes.items()
                        for line in range(note.line_start, note.line_end + 1)}
    refs_of_line: dict[int, set[int]] = {}
    for block in blocks:
        for line in range(block.line_start, block.line_end + 1):
            refs_of_line.setdefault(line, set()).update(block.footnote_refs)
    by_line: dict[int, list[Citation]] = {}
    for block in blocks:
        text = block.text
        for start in block.breaks:  # a block joined from several lines: a citation gets its own line
            text = text[: start - 1] + "\n" + text[start:]
        for citation in find_citations(text, block.line_start):
            by_line.setdefault(citation.line, []).append(citation)
    used: set[int] = set()

    def cited(element):  # type: ignore[no-untyped-def]
        lines = range(element.lines.start, element.lines.end + 1)
        notes = {n for line in lines for n in refs_of_line.get(line, ())}
        note_lines = [line for line, n in footnote_of_line.items() if n in notes]
        found = []
        for line in [*lines, *note_lines]:
            for citation in by_line.get(line, []):
                found.append(citation)
                used.add(id(citation))
        return element.model_copy(update={"citations": found}) if found else element

    areas = [
        area.model_copy(update={
            "goals": [cited(g) for g in area.goals],
            "measures": [cited(m) for m in area.measures],
            "leader_expectations": [cited(e) for e in area.leader_expectations],
            "employee_expectations": [cited(e) for e in area.employee_expectations],
            "underlying_documents": [cited(d) for d in area.underlying_documents],
            "reference_documents": [cited(d) for d in area.reference_documents],
        })
        for area in document.priority_areas
    ]
    data = document.model_copy(
        update={
            "main_goals": [cited(g) for g in document.main_goals],
            "challenges": [cited(c) for c in document.challenges],
            "duties": [cited(d) for d in document.duties],
            "leader_expectations": [cited(e) for e in document.leader_expectations],
            "employee_expectations": [cited(e) for e in document.employee_expectations],
            "values": [cited(v) for v in document.values],
            "vision": cited(document.vision) if document.vision else None,
            "revision": cited(document.revision) if document.revision else None,
        }
    )
    for position, (first, last) in enumerate(extents):
        found = [c for line in range(first, last + 1) for c in by_line.get(line, []) if id(c) not in used]
        used.update(id(c) for c in found)
        if found:
            areas[position] = areas[position].model_copy(update={"citations": found})
    data = data.model_copy(update={"priority_areas": areas})
    rest = [c for line in sorted(by_line) for c in by_line[line] if id(c) not in used]
    return data.model_copy(update={"citations": rest})
