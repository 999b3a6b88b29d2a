"""Synthetic corpora of employer strategies, modelled on the three reviewed seed cards.

Each synthetic strategy takes a real municipality from the register and 3–9 priority areas built from the
seeds' areas: their goals (area and sub-goals), measures, indicators (10-faktor and nærvær), expectations,
documents, citations and themes, sampled and recombined, in bokmål or nynorsk as the source area was. The
same seed gives the same corpus. The output is a folder of TriG files with one named graph per strategy,
which ``strategigraf build`` loads without extraction.

    python benchmarks/generate.py 357 /tmp/korpus-357
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from rdflib import Dataset, URIRef

from graph import iris
from graph.mapper import to_rdf
from loaders import municipalities
from loaders.card import load_text
from loaders.model import Adoption, Element, Lines, Municipality, PriorityArea, Source, StrategyDocument, Validity
from loaders.resources import data_dir

BODIES = ("kommunestyret", "kommunestyret", "administrasjonsutvalget", "bystyret")


def seed_cards() -> list[StrategyDocument]:
    return [
        load_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted((data_dir() / "strategies").glob("*.yaml"))
    ]


def _area(rng: random.Random, pool: list[tuple[PriorityArea, str]], number: int) -> tuple[PriorityArea, str]:
    area, language = rng.choice(pool)
    key = str(number)
    renamed: dict[str, str] = {}
    goals = []
    for position, goal in enumerate(area.goals, start=1):
        renamed[goal.key] = f"{key}.{position}"
        goals.append(goal.model_copy(update={"key": f"{key}.{position}"}))
    goals = [
        g.model_copy(update={"contributes_to": [renamed[k] for k in g.contributes_to if k in renamed]}) for g in goals
    ]
    measures = [m.model_copy(update={"contributes_to": [renamed[k] for k in m.contributes_to if k in renamed]})
                for m in rng.sample(area.measures, k=max(1, min(len(area.measures), rng.randint(2, 8))))]
    return area.model_copy(update={"number": number, "goals": goals, "measures": measures}), language


def strategy(rng: random.Random, index: int, cards: list[StrategyDocument]) -> StrategyDocument:
    entities = municipalities.all_entities()
    entity = entities[index % len(entities)]
    year = 2025 - (index // len(entities)) * 4 - rng.randint(0, 3)  # the first round is in force today
    pool = [(area, card.language) for card in cards for area in card.priority_areas]
    areas_and_languages = [_area(rng, pool, n) for n in range(1, rng.randint(3, 9) + 1)]
    language = rng.choice([lang for _, lang in areas_and_languages])
    template = rng.choice(cards)
    lines = Lines(start=1, end=1)
    title = f"{'Arbeidsgjevarstrategi' if language == 'nn' else 'Arbeidsgiverstrategi'} {year}–{year + 4}"
    return StrategyDocument(
        source=Source(file=f"syntetisk-{index:04d}.txt", sha256=f"{index:064x}", format="txt", line_count=400),
        language=language,
        title=Element(text=f"{title} – {entity.label}", lines=lines),
        municipality=Municipality(name=entity.name_nb, number=entity.number, kind=entity.kind, lines=lines),
        adoption=Adoption(
            text=f"Vedtatt {year}",
            lines=Lines(start=3, end=3),
            body=rng.choice(BODIES),
            date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() > 0.1 else None,
            placeholder=None,
        ),
        validity=Validity(
            text=f"{year}-{year + 4}",
            lines=lines,
            valid_from=dt.date(year, 1, 1),
            valid_until=dt.date(year + 4, 12, 31),
        )
        if rng.random() > 0.15
        else None,
        revision=template.revision,
        vision=template.vision,
        values=template.values,
        main_goals=template.main_goals,
        priority_areas=[area for area, _ in areas_and_languages],
        challenges=template.challenges[: rng.randint(0, len(template.challenges))],
        duties=template.duties,
        citations=template.citations,
    )


CHUNK = 10  # strategies per TriG file: the build prepares files in parallel


def write(size: int, folder: Path, seed: int = 2024) -> Path:
    """A folder of TriG files holding ``size`` strategies, one named graph each."""
    rng = random.Random(seed)
    cards = seed_cards()
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, size, CHUNK):
        dataset = Dataset()
        for index in range(start, min(size, start + CHUNK)):
            document = strategy(rng, index, cards)
            graph = dataset.graph(URIRef(iris.strategy_graph(iris.strategy_slug(document))))
            for triple in to_rdf(document):
                graph.add(triple)
        (folder / f"korpus-{start // CHUNK:04d}.trig").write_text(dataset.serialize(format="trig"), encoding="utf-8")
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
