"""One strategy's graph as a nested tree for dashboards and the strategy page.

Areas → goals → the measures that serve them (with roles, deadlines, citations) and the indicators that
measure them; every element with its text, themes and source lines.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from api.json_values import plain
from api.query_pool import UNCAPPED, QueryPool
from graph import iris
from loaders.vocabulary import SG

GOAL_KINDS = {SG.MainGoal: "main", SG.AreaGoal: "area", SG.SubGoal: "sub"}


def _sorted(graph: Graph, nodes: set[Node]) -> list[Node]:
    return sorted(
        nodes, key=lambda n: (int(graph.value(n, SG.order) or 0), int(graph.value(n, SG.lineStart) or 0), str(n))
    )


def _slug(node: Node) -> str:
    """The last segment of an IRI: «…/rolle/kommunedirektor» → kommunedirektor, «…/ont#Resolved» → Resolved."""
    return re.split(r"[/#]", str(node).rstrip("/#"))[-1]


def _element(graph: Graph, node: Node) -> dict[str, Any]:
    citations = []
    for citation in _sorted(graph, set(graph.objects(node, SG.hasCitation))):
        citations.append(
            {
                "text": plain(graph.value(citation, SG.citationText)),
                "status": _slug(graph.value(citation, SG.citationStatus) or ""),
                "provision": plain(graph.value(citation, SG.provisionLabel)),
                "target": plain(graph.value(citation, SG.citationTarget)),
                "instrument": plain(graph.value(citation, SG.namedInstrument)),
                "note": plain(graph.value(citation, RDFS.comment)),
                "line": plain(graph.value(citation, SG.lineStart)),
            }
        )
    return {
        "iri": str(node),
        "text": plain(graph.value(node, RDFS.label)),
        "lines": [plain(graph.value(node, SG.lineStart)), plain(graph.value(node, SG.lineEnd))],
        "themes": sorted(_slug(t) for t in graph.objects(node, SG.theme)),
        "citations": citations,
    }


def _measure(graph: Graph, node: Node) -> dict[str, Any]:
    return {
        **_element(graph, node),
        "roles": sorted(_slug(r) for r in graph.objects(node, SG.responsibleRole)),
        "deadline": plain(graph.value(node, SG.deadline)),
        "period": plain(graph.value(node, SG.period)),
        "contributesTo": sorted(str(g) for g in graph.objects(node, SG.contributesTo)),
    }


def _indicator(graph: Graph, node: Node) -> dict[str, Any]:
    factor = graph.value(node, SG.tenFactor)
    instrument = graph.value(node, SG.measuringInstrument)
    direction = graph.value(node, SG.direction)
    return {
        **_element(graph, node),
        "factor": int(_slug(factor)) if factor is not None else None,
        "instrument": _slug(instrument) if instrument is not None else None,
        "target": plain(graph.value(node, SG.targetValue)),
        "unit": plain(graph.value(node, SG.unit)),
        "direction": _slug(direction) if direction is not None else None,
    }


def _goal(graph: Graph, node: Node, measures: list[Node]) -> dict[str, Any]:
    kind = next((GOAL_KINDS[t] for t in graph.objects(node, RDF.type) if t in GOAL_KINDS), "area")
    serving = [m for m in measures if (m, SG.contributesTo, node) in graph]
    return {
        **_element(graph, node),
        "kind": kind,
        "indicators": [_indicator(graph, i) for i in _sorted(graph, set(graph.objects(node, SG.measuredBy)))],
        "measures": [_measure(graph, m) for m in serving],
    }


def _typed(graph: Graph, holder: Node, prop: URIRef, cls: URIRef) -> list[Node]:
    return _sorted(graph, {n for n in graph.objects(holder, prop) if (n, RDF.type, cls) in graph})


def tree(graph: Graph, strategy: URIRef) -> dict[str, Any]:
    """The nested view of one strategy graph."""
    areas = []
    for area in _sorted(graph, set(graph.objects(strategy, SG.hasPriorityArea))):
        measures = _sorted(graph, set(graph.objects(area, SG.hasMeasure)))
        goals = _sorted(graph, set(graph.objects(area, SG.hasGoal)) | set(graph.objects(area, SG.hasSubGoal)))
        served = {m for g in goals for m in measures if (m, SG.contributesTo, g) in graph}
        areas.append(
            {
                **_element(graph, area),
                "goals": [_goal(graph, g, measures) for g in goals],
                "otherMeasures": [_measure(graph, m) for m in measures if m not in served],
                "leaderExpectations": [
                    _element(graph, e) for e in _typed(graph, area, SG.hasExpectation, SG.LeaderExpectation)
                ],
                "employeeExpectations": [
                    _element(graph, e) for e in _typed(graph, area, SG.hasExpectation, SG.EmployeeExpectation)
                ],
                "underlyingDocuments": [
                    _element(graph, d) for d in _sorted(graph, set(graph.objects(area, SG.hasUnderlyingDocument)))
                ],
                "referenceDocuments": [
                    _element(graph, d) for d in _sorted(graph, set(graph.objects(area, SG.hasReferenceDocument)))
                ],
            }
        )
    municipality = graph.value(strategy, SG.municipality)
    vision = graph.value(strategy, SG.hasVision)
    revision = graph.value(strategy, SG.hasRevisionRule)
    assessment = graph.value(strategy, SG.hasAssessment)
    return {
        "id": iris.slug_of(strategy),
        "iri": str(strategy),
        "title": plain(graph.value(strategy, RDFS.label)),
        "subtitle": plain(graph.value(strategy, DCTERMS.alternative)),
        "language": plain(graph.value(strategy, DCTERMS.language)),
        "municipality": {"iri": str(municipality), "number": _slug(municipality)} if municipality else None,
        "adoptedBy": _slug(graph.value(strategy, SG.adoptedBy)) if graph.value(strategy, SG.adoptedBy) else None,
        "adoptionDate": plain(graph.value(strategy, SG.adoptionDate)),
        "adoptionDatePlaceholder": plain(graph.value(strategy, SG.adoptionDatePlaceholder)),
        "caseReference": plain(graph.value(strategy, SG.caseReference)),
        "validFrom": plain(graph.value(strategy, SG.validFrom)),
        "validUntil": plain(graph.value(strategy, SG.validUntil)),
        "lines": [plain(graph.value(strategy, SG.lineStart)), plain(graph.value(strategy, SG.lineEnd))],
        "vision": _element(graph, vision) if vision else None,
        "values": [_element(graph, v) for v in _sorted(graph, set(graph.objects(strategy, SG.hasValue)))],
        "mainGoals": [_goal(graph, g, []) for g in _sorted(graph, set(graph.objects(strategy, SG.hasGoal)))],
        "priorityAreas": areas,
        "challenges": [_element(graph, c) for c in _sorted(graph, set(graph.objects(strategy, SG.hasChallenge)))],
        "duties": [
            {
                **_element(graph, d),
                "role": _slug(graph.value(d, SG.responsibleRole)),
                "followUp": (d, RDF.type, SG.FollowUpDuty) in graph,
            }
            for d in _sorted(graph, set(graph.objects(strategy, SG.hasDuty)))
        ],
        "revision": {
            **_element(graph, revision),
            "intervalYears": plain(graph.value(revision, SG.revisionIntervalYears)),
            "roles": sorted(_slug(r) for r in graph.objects(revision, SG.responsibleRole)),
        }
        if revision
        else None,
        "citations": _element(graph, strategy)["citations"],
        "assessment": {
            "score": plain(graph.value(assessment, SG.completenessScore)),
            "violations": plain(graph.value(assessment, SG.violationCount)),
            "warnings": plain(graph.value(assessment, SG.warningCount)),
            "infos": plain(graph.value(assessment, SG.infoCount)),
        }
        if assessment
        else None,
    }


async def strategy_graph(pool: QueryPool, strategy_id: str) -> Graph | None:
    """The strategy's own named graph, whole (the server's row cap is for analysts' queries), or None when
    the id is malformed or not in the store."""
    if not strategy_id.replace("-", "").isalnum():
        return None
    name = iris.strategy_graph(strategy_id)
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
    result = await pool.query(query, row_cap=UNCAPPED)
    return result.graph if result.graph is not None and len(result.graph) else None
