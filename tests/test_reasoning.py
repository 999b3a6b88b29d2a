"""The fast reasoner gives the same closure as owlrl, the reference, on every seed; and what it infers."""

from __future__ import annotations

from functools import cache

import owlrl
import pytest
from rdflib import RDF, Graph, URIRef

from graph.mapper import to_rdf
from graph.reason import infer, meaningful, tbox
from loaders.reader import read_path
from loaders.resources import data_dir
from loaders.vocabulary import SG

CARDS = sorted((data_dir() / "strategies").glob("*.yaml"))


@cache
def owlrl_tbox_closure() -> frozenset:
    graph = Graph()
    for triple in tbox():
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return frozenset(meaningful(graph))


def owlrl_inferred(strategy: Graph) -> set:
    graph = Graph()
    for triple in (*tbox(), *strategy):
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return meaningful(graph) - meaningful(strategy) - owlrl_tbox_closure()


@pytest.mark.parametrize("card", CARDS, ids=lambda p: p.stem)
def test_reasonable_gives_the_same_closure_as_owlrl(card) -> None:
    strategy = to_rdf(read_path(card))
    assert set(meaningful(infer(strategy))) == owlrl_inferred(strategy)


def test_contributes_to_is_transitive() -> None:
    strategy = Graph()
    measure, sub_goal, goal = (URIRef(f"https://w3id.org/strategigraf/id/strategi/x-2024/{n}") for n in "abc")
    strategy.add((measure, SG.contributesTo, sub_goal))
    strategy.add((sub_goal, SG.contributesTo, goal))
    assert (measure, SG.contributesTo, goal) in infer(strategy)


def test_sub_goals_are_goals_and_inverses_are_filled_in() -> None:
    strategy = to_rdf(read_path(CARDS[-1]))  # Røros: sub-goals under areas
    inferred = infer(strategy, owner="https://w3id.org/strategigraf/id/strategi/")
    sub_goals = set(strategy.subjects(RDF.type, SG.SubGoal))
    assert sub_goals and all((g, RDF.type, SG.Goal) in inferred for g in sub_goals)
    assert any(inferred.triples((None, SG.measureOf, None)))


def test_nothing_explodes() -> None:
    for card in CARDS:
        strategy = to_rdf(read_path(card))
        assert len(infer(strategy)) < 3 * len(strategy)
