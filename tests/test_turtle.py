"""The Oxigraph reading of Turtle (loaders/turtle.py) gives what rdflib's own parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from loaders import turtle
from loaders.lovdata_registry import registry_dir
from loaders.resources import ontology_dir, shapes_dir

BUNDLED = [
    *sorted(ontology_dir().glob("*.ttl")),
    *sorted(shapes_dir().glob("*.ttl")),
    registry_dir() / "curated.ttl",
]


def _strict(graph: Graph) -> set[tuple[object, ...]]:
    """The triples with blank nodes named by content, and every literal as (lexical form, language,
    datatype), so that two graphs compare equal only when each term is the same term."""

    def term(node: object) -> object:
        return (str(node), node.language, node.datatype) if isinstance(node, Literal) else node

    return {tuple(term(node) for node in triple) for triple in to_canonical_graph(graph)}


def _rdflib(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_same_triples_and_prefixes_as_rdflib(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Graph, "parse", _no_rdflib_parse)  # the fast path must not fall back here
    fast = turtle.parse_turtle(path)
    monkeypatch.undo()
    expected = _rdflib(path)
    assert len(fast) == len(expected)
    assert _strict(fast) == _strict(expected)
    assert list(fast.namespaces()) == list(expected.namespaces())


def _no_rdflib_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("rdflib parsed the file")


def test_several_files_in_one_graph_keep_their_blank_nodes_apart(tmp_path: Path) -> None:
    for name in ("a.ttl", "b.ttl"):
        (tmp_path / name).write_text("[] <http://x/p> _:b1 . _:b1 <http://x/q> 1 .\n", encoding="utf-8")
    graph = Graph()
    for name in ("a.ttl", "b.ttl"):
        turtle.parse_turtle(tmp_path / name, graph)
    assert len(graph) == 4
    assert len({s for s in graph.subjects() if isinstance(s, BNode)}) == 4


@pytest.mark.parametrize(
    "text",
    [
        '<http://x/s> <http://x/p> "a"^^<http://www.w3.org/2001/XMLSchema#string> .',
        '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . <http://x/s> <http://x/p> "a"^^xsd:string .',
        '<http://x/s> <http://x/p> "Lønn"@NB .',
        "<http://x/s> <http://x/p> 007, +5, -0, 2.50, -0.0, 0.0000001, 1e3, 1.0E0, true .",
        '<http://x/s> <http://x/p> "007"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        "@base <http://x/> . <s> <p> <#o> .",
        '<http://x/s> <http://x/p> ( 1 "b" [ <http://x/q> "c"@nn ] ) .',
    ],
)
def test_what_oxigraph_reads_otherwise_is_read_as_rdflib_reads_it(text: str, tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text(text + "\n", encoding="utf-8")
    assert _strict(turtle.parse_turtle(path)) == _strict(_rdflib(path))


def test_a_relative_iri_without_a_base_is_rdflibs_to_resolve(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text("<s> <http://x/p> <o> .\n", encoding="utf-8")
    assert _strict(turtle.parse_turtle(path)) == _strict(_rdflib(path))


def test_bad_turtle_fails_as_rdflib_fails(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text("<http://x/s> <http://x/p> .\n", encoding="utf-8")
    with pytest.raises(BadSyntax):
        turtle.parse_turtle(path)
