"""``GET /strategier/{id}``: one strategy as a readable tree, with its completeness findings inline.

The strategy's named graph is fetched with one CONSTRUCT; ``api.strategy_tree.tree`` gives the nested view
(the same as ``/api/strategies/{id}``) and ``graph.validate.validate`` the findings, in a thread because
pySHACL is CPU work. Each finding is shown next to the element it is about (its focus node); findings about
nodes the tree does not show (citations, for instance) are listed at the end with their lines.
``/strategier/{id}/rapport.html|json`` gives the same validation as the downloadable report.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict, defaultdict
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import Graph, URIRef

from api import report, strategy_tree
from api.web.common import language, render
from graph import iris
from graph.validate import Finding, Validation, checks, label_of, validate

router = APIRouter()

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[str, int], Validation] = OrderedDict()
_cache_lock = threading.Lock()


def validated(strategy_id: str, graph: Graph) -> Validation:
    """The validation of the graph, remembered per content: a page reload or a download costs no second run."""
    key = (strategy_id, hash(frozenset(graph)))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    result = validate(graph)
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def _iris_in(node: Any) -> set[str]:
    """Every element IRI the tree will show."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("iri"), str):
            found.add(node["iri"])
        for value in node.values():
            found |= _iris_in(value)
    elif isinstance(node, list):
        for value in node:
            found |= _iris_in(value)
    return found


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    check = checks().get(finding.shape)
    message = finding.message.get(lang) or finding.message.get("nb") or next(iter(finding.message.values()), "")
    return {
        "severity": finding.severity,
        "message": message,
        "check": (check.name.get(lang) or check.name.get("nb", "")) if check else "",
        "kind": finding.kind.get(lang) or finding.kind.get("nb", ""),
        "text": finding.text,
        "lines": list(finding.lines) if finding.lines else None,
    }


def _split_measures(data: dict[str, Any]) -> None:
    """A measure that serves several goals of an area is shown in full under the first and named under the rest."""
    for area in data["priorityAreas"]:
        seen: set[str] = set()
        for goal in area["goals"]:
            goal["repeated"] = [m for m in goal["measures"] if m["iri"] in seen]
            goal["measures"] = [m for m in goal["measures"] if m["iri"] not in seen]
            seen |= {m["iri"] for m in goal["measures"]}


def _labeller(scheme: str, lang: str):  # type: ignore[no-untyped-def]
    def label(slug: str | int | None) -> str:
        return label_of(iris.vocabulary_iri(scheme, slug), lang) if slug not in (None, "") else ""  # type: ignore[arg-type]

    return label


def page_context(data: dict[str, Any], validation: Validation, lang: str) -> dict[str, Any]:
    _split_measures(data)
    by_focus: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in validation.findings:
        by_focus[finding.focus].append(_finding(finding, lang))
    shown = _iris_in(data) - {data["iri"]}
    others = [f for focus, items in by_focus.items() if focus not in shown and focus != data["iri"] for f in items]
    municipality = data["municipality"]
    return {
        "s": data,
        "doc_lang": data["language"] if data["language"] in ("nb", "nn") else "nb",
        "paragraphs": validation.source_format == "docx",
        "municipality_name": label_of(URIRef(municipality["iri"]), lang) if municipality else "",
        "validation": validation,
        "findings_of": lambda iri: by_focus.get(iri, []),
        "strategy_findings": by_focus.get(data["iri"], []),
        "other_findings": others,
        "role": _labeller("rolle", lang),
        "theme": _labeller("tema", lang),
        "instrument": _labeller("maleinstrument", lang),
        "factor": _labeller("10-faktor", lang),
        "anchor": lambda iri: "e-" + iri[len(data["iri"]) + 1 :].replace("/", "-"),
        "citation_status": lambda status: (status or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1],
    }


def _not_found(request: Request, strategy_id: str) -> HTMLResponse:
    return render(request, "message.html.j2", status=404, heading_key="not_found",
                  message_key="unknown_strategy", values={"id": strategy_id})


@router.get("/strategier/{strategy_id}", response_class=HTMLResponse, include_in_schema=False)
async def strategy_page(request: Request, strategy_id: str) -> HTMLResponse:
    lang = language(request)
    graph = await strategy_tree.strategy_graph(request.app.state.pool, strategy_id)
    if graph is None:
        return _not_found(request, strategy_id)
    data = strategy_tree.tree(graph, iris.strategy_iri(strategy_id))
    validation = await asyncio.to_thread(validated, strategy_id, graph)
    return render(request, "strategy.html.j2", **page_context(data, validation, lang))


@router.get("/strategier/{strategy_id}/rapport.{fmt}", include_in_schema=False)
async def strategy_report(request: Request, strategy_id: str, fmt: str) -> Response:
    """The completeness report of a strategy in the store, as a file to keep or send."""
    graph = await strategy_tree.strategy_graph(request.app.state.pool, strategy_id) if fmt in ("html", "json") else None
    if graph is None:
        return _not_found(request, strategy_id)
    validation = await asyncio.to_thread(validated, strategy_id, graph)
    lang = language(request)
    body = report.to_html(validation, lang) if fmt == "html" else report.to_json(validation, lang)
    media = "text/html; charset=utf-8" if fmt == "html" else "application/json"
    disposition = f'attachment; filename="fullstendighet-{strategy_id}-{lang}.{fmt}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
