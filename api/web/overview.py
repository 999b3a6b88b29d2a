"""``GET /``: the municipalities with their strategies, a municipality × theme heat map and the laws cited.

Five queries run in parallel, whatever the number of strategies: the named queries ``strategies`` and
``laws-cited``, plus three small ones of our own (the theme labels in every language, the county of each
municipality with a strategy, and the coverage counts per strategy made by the build, summed here per
municipality IRI rather than by name, so two municipalities that share a name, such as the two Vålers, keep
their own rows).
Filtering is done here, in Python, on those answers: the filters never cost a query. The answers are kept
until the embedded store's generation changes (a build or an update), and the server fetches them when it
starts, so only the first view after a build made while the server runs waits for the queries.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from rdflib import Literal
from rdflib.term import Node
from starlette.datastructures import State

from api.answer_cache import generation
from api.json_values import plain
from api.query_pool import UNCAPPED
from api.web.common import language, render
from graph import iris
from graph.named_queries import library
from graph.store import QueryResult
from loaders.errors import InputError

router = APIRouter()

PREFIXES = """PREFIX sg:   <https://w3id.org/strategigraf/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
THEMES = PREFIXES + "SELECT ?theme ?label WHERE { ?theme a sg:Theme ; skos:prefLabel ?label }"
COUNTIES = (
    PREFIXES
    + """SELECT DISTINCT ?municipality ?county ?label WHERE {
  ?strategy a sg:EmployerStrategy ; sg:municipality ?municipality .
  { ?municipality sg:county ?county } UNION { ?municipality a sg:CountyMunicipality . BIND(?municipality AS ?county) }
  ?county rdfs:label ?label .
}"""
)
# Goals and measures per strategy and theme, counted when each strategy was built (graph/coverage.py) and
# folded here into one text per strategy («kompetanse=11 hms=1»): a few hundred short rows to read.
COVERAGE = (
    PREFIXES
    + """SELECT ?strategy (GROUP_CONCAT(CONCAT(STRAFTER(STR(?theme), "/tema/"), "=", STR(?goals + ?measures));
                                 SEPARATOR=" ") AS ?counts)
WHERE {
  { SELECT ?theme WHERE { ?theme a sg:Theme } }
  { SELECT ?coverage ?theme WHERE { ?coverage sg:coveredConcept ?theme } }
  { SELECT ?strategy ?coverage WHERE { ?strategy sg:hasCoverage ?coverage } }
  { SELECT ?coverage ?goals WHERE { ?coverage sg:goalCount ?goals } }
  { SELECT ?coverage ?measures WHERE { ?coverage sg:measureCount ?measures } }
} GROUP BY ?strategy"""
)
TOP_LAWS = 15
# Heat-map classes: the lower bound of each bin, darkest last (colours in style.css, AA contrast each).
BINS = (0, 1, 2, 4, 8)


@dataclass
class Row:
    """One municipality in the overview, with its strategies (usually one)."""

    iri: str
    number: str
    name: str
    county: str = ""
    county_label: str = ""
    strategies: list[dict[str, Any]] = field(default_factory=list)


def rows_of(result: QueryResult) -> list[dict[str, Node | None]]:
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def pick_label(labels: dict[str, str], lang: str) -> str:
    """The label in ``lang``, else bokmål, nynorsk, English, else any."""
    for candidate in (lang, "nb", "nn", "en"):
        if candidate in labels:
            return labels[candidate]
    return next(iter(labels.values()), "")


def _labels(rows: list[dict[str, Node | None]], key: str, value: str) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        term = row[value]
        if isinstance(term, Literal):
            labels[str(row[key])][term.language or ""] = str(term)
    return labels


def norwegian_key(text: str) -> str:
    """Sort Norwegian names in Norwegian order: … z, æ, ø, å."""
    return text.lower().translate(str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e"}))


def heat_class(count: int) -> str:
    return f"h{max(i for i, low in enumerate(BINS) if count >= low)}"


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _value(term: Node | None) -> Any:
    return plain(term)


def _score(term: Node | None) -> int | None:
    """A completeness score as the whole number the report shows (the store may keep it as a decimal)."""
    value = plain(term)
    return round(value) if isinstance(value, int | float) else None


def coverage_by_strategy(result: QueryResult) -> dict[str, dict[str, int]]:
    """Strategy id → theme slug → number of goals and measures, from the COVERAGE answer."""
    out: dict[str, dict[str, int]] = {}
    for strategy, counts in result.rows:
        if strategy is None:
            continue
        pairs = (item.rpartition("=") for item in str(counts or "").split())
        out[iris.slug_of(str(strategy))] = {slug: int(n) for slug, _, n in pairs if slug}
    return out


async def answers(state: State) -> tuple[QueryResult, ...]:
    """The five answers the overview is made of; kept per store generation, since only a build changes them.
    The server asks for them once when it starts, so that the first visitor does not wait for them."""
    current = generation(state.pool.location)
    cached = getattr(state, "overview_answers", None)
    if current is not None and cached is not None and cached[0] == current:
        return cached[1]
    named = library()
    # The slowest first, so that the workers finish at about the same time.
    coverage, laws, strategies, counties, themes = await asyncio.gather(
        state.pool.query(COVERAGE, row_cap=UNCAPPED),
        state.pool.query(named["laws-cited"].bind({}), row_cap=UNCAPPED),
        state.pool.query(named["strategies"].bind({}), row_cap=UNCAPPED),
        state.pool.query(COUNTIES, row_cap=UNCAPPED),
        state.pool.query(THEMES, row_cap=UNCAPPED),
    )
    result = (strategies, laws, themes, counties, coverage)
    if current is not None:
        state.overview_answers = (current, result)
    return result


async def overview_data(request: Request, lang: str, theme: str, county: str) -> dict[str, Any]:
    strategies, laws, themes, counties, coverage = await answers(request.app.state)
    theme_labels = _labels(rows_of(themes), "theme", "label")
    theme_list = sorted(
        ({"slug": _local(iri), "iri": iri, "label": pick_label(labels, lang)} for iri, labels in theme_labels.items()),
        key=lambda item: norwegian_key(item["label"]),
    )
    county_rows = rows_of(counties)
    county_of = {str(r["municipality"]): _local(str(r["county"])) for r in county_rows}
    county_labels = _labels(county_rows, "county", "label")
    county_names = {_local(iri): pick_label(labels, lang) for iri, labels in county_labels.items()}

    per_strategy = coverage_by_strategy(coverage)

    municipalities: dict[str, Row] = {}
    for row in rows_of(strategies):
        key = str(row["municipality"] or row["strategy"])
        number = _value(row["number"]) or ""
        entry = municipalities.get(key)
        if entry is None:
            entry = municipalities[key] = Row(
                iri=key,
                number=number,
                name=_value(row["municipalityName"]) or "",
                county=county_of.get(key, ""),
                county_label=county_names.get(county_of.get(key, ""), ""),
            )
        title = row["title"]
        entry.strategies.append(
            {
                "id": iris.slug_of(str(row["strategy"])),
                "title": str(title),
                "title_lang": title.language if isinstance(title, Literal) and title.language else None,
                "valid_from": _value(row["validFrom"]),
                "valid_until": _value(row["validUntil"]),
                "adopted_by": _value(row["adoptedBy"]),
                "adoption_date": _value(row["adoptionDate"]),
                "placeholder": _value(row["placeholder"]),
                "score": _score(row["score"]),
            }
        )
    counts: dict[str, dict[str, int]] = {}
    for key, entry in municipalities.items():
        merged = counts[key] = defaultdict(int)
        for item in entry.strategies:
            for slug, count in per_strategy.get(item["id"], {}).items():
                merged[slug] += count
    everyone = sorted(municipalities.values(), key=lambda m: (norwegian_key(m.name), m.number))
    shown = [
        m
        for m in everyone
        if (not county or m.county == county) and (not theme or counts.get(m.iri, {}).get(theme, 0) > 0)
    ]
    law_rows = [
        {**row, "href": row["cited"] if str(row["cited"]).startswith("https://lovdata.no/") else None}
        for row in ({k: _value(v) for k, v in r.items()} for r in rows_of(laws)[:TOP_LAWS])
    ]
    return {
        "municipalities": shown,
        "total": len(everyone),
        "strategy_count": sum(len(m.strategies) for m in everyone),
        "themes": theme_list,
        "counties": sorted(
            ({"number": n, "label": label} for n, label in county_names.items()),
            key=lambda c: norwegian_key(c["label"]),
        ),
        "counts": counts,
        "laws": law_rows,
        "theme": theme,
        "county": county,
        "bins": BINS,
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def overview(request: Request, tema: str = "", fylke: str = "") -> HTMLResponse:
    lang = language(request)
    try:
        data = await overview_data(request, lang, tema.strip(), fylke.strip())
    except (InputError, HTTPException):  # an empty or unreadable store: say how to fill it, not a 500
        data = {"total": 0, "laws": []}
    return render(request, "overview.html.j2", active="overview", heat_class=heat_class, **data)
