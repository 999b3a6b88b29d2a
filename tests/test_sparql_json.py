"""Answers in SPARQL JSON: Oxigraph's own serialisation, the row cap, and the other result formats."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result

from graph import sparql_json
from graph.results import serialize

EX = "http://example.org/"
TRICKY = ['{"type":"uri"}', "{}", "},{", 'sitat: "ja"', "linje\nto\tfane", "æøå ÆØÅ"]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for number in range(50):
        subject = ox.NamedNode(f"{EX}s{number}")
        store.add(ox.Quad(subject, ox.NamedNode(f"{EX}n"), ox.Literal(str(number), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))))
    for number, text in enumerate(TRICKY):
        store.add(ox.Quad(ox.NamedNode(f"{EX}t{number}"), ox.NamedNode(f"{EX}text"), ox.Literal(text, language="nn")))
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode(f"{EX}text"), ox.Literal("blank")))
    return store


def answer(store: ox.Store, query: str, row_cap: int) -> sparql_json.Answer:
    return sparql_json.from_oxigraph(store.query(query), row_cap, lambda: store.query(query))


def test_an_answer_within_the_cap_is_oxigraphs_own_json(store: ox.Store) -> None:
    query = "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n }"
    expected = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    got = answer(store, query, 50)
    assert got.body == expected and not got.truncated


def test_an_answer_over_the_cap_keeps_exactly_the_cap(store: ox.Store) -> None:
    got = answer(store, "SELECT ?s WHERE { ?s <http://example.org/n> ?n }", 7)
    assert got.truncated and len(got.bindings) == 7


def test_rows_without_bound_terms_count_towards_the_cap(store: ox.Store) -> None:
    got = answer(store, "SELECT ?x WHERE { ?s <http://example.org/n> ?n }", 10)
    assert got.truncated and got.bindings == [{}] * 10


def test_an_answer_with_fewer_rows_than_the_cap_is_not_parsed_to_count_them(store: ox.Store) -> None:
    # Regression: the bound counted terms, so 50 rows of two columns looked like 100 and were parsed
    # against a cap of 60 (9,000 rows of five columns cost 80 ms of parsing against the default cap).
    got = answer(store, "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n }", 60)
    assert "document" not in got.__dict__ and not got.truncated
    assert len(got.bindings) == 50


def test_a_literal_that_looks_like_a_row_separator_never_lowers_the_row_bound(store: ox.Store) -> None:
    got = answer(store, "SELECT ?t WHERE { ?s <http://example.org/text> ?t }", len(TRICKY) + 1)
    assert sparql_json._rows_at_most(got.body) >= len(got.bindings) == len(TRICKY) + 1


def test_an_answer_too_large_to_serialise_whole_is_capped_row_by_row(
    store: ox.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sparql_json, "NATIVE_BYTES", 200)
    got = answer(store, "SELECT ?s ?n WHERE { ?s <http://example.org/n> ?n }", 12)
    assert got.truncated and len(got.bindings) == 12
    assert got.bindings[0]["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_a_capped_answer_stops_serialising_soon_after_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: SELECT * over the whole store with a cap of 1,000 serialised every row before cutting.
    big = ox.Store()
    big.bulk_extend(
        ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(n))) for n in range(20_000)
    )
    written: list[int] = []

    class Recording(sparql_json._Buffer):
        def write(self, data: bytes) -> int:
            written.append(len(data))
            return super().write(data)

    monkeypatch.setattr(sparql_json, "_Buffer", Recording)
    got = answer(big, "SELECT * WHERE { ?s ?p ?o }", 10)
    assert got.truncated and len(got.bindings) == 10
    assert sum(written) < 100_000  # Oxigraph writes 16 KB at a time; the whole answer is over 2 MB


def test_braces_and_quotes_inside_literals_do_not_confuse_the_row_count(store: ox.Store) -> None:
    got = answer(store, "SELECT ?o WHERE { ?s <http://example.org/text> ?o }", len(TRICKY) + 1)
    assert not got.truncated and sorted(b["o"]["value"] for b in got.bindings) == sorted([*TRICKY, "blank"])


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_every_result_format_reads_back_to_the_same_terms(store: ox.Store, fmt: str) -> None:
    got = answer(store, "SELECT ?s ?o WHERE { ?s <http://example.org/text> ?o }", 100)
    parsed = Result.parse(io.BytesIO(serialize(got, fmt)), format=fmt)
    rows = {(row[Variable("s")], row[Variable("o")]) for row in parsed.bindings}
    if fmt == "csv":  # CSV keeps only the lexical forms
        assert ("_:b1" in {str(s) for s, _ in rows}) and {str(o) for _, o in rows} == {*TRICKY, "blank"}
        return
    assert {(str(s), o) for s, o in rows if isinstance(s, URIRef)} == {
        (f"{EX}t{n}", Literal(text, lang="nn")) for n, text in enumerate(TRICKY)
    }
    assert any(isinstance(s, BNode) and o == Literal("blank") for s, o in rows)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_ask_answer_reads_back_in_json_and_xml(fmt: str) -> None:
    assert Result.parse(io.BytesIO(serialize(sparql_json.ask_answer(True), fmt)), format=fmt).askAnswer is True


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_an_ask_answer_has_no_csv_or_tsv_form(fmt: str) -> None:
    # SPARQL 1.1 CSV and TSV hold tables, not booleans (the old writer wrote a «_askResult» column)
    with pytest.raises(ValueError, match="json or xml"):
        serialize(sparql_json.ask_answer(True), fmt)


def test_plain_values_turn_numbers_into_numbers_and_keep_dates_as_text() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert sparql_json.plain({"type": "literal", "value": "42", "datatype": xsd + "integer"}) == 42
    assert sparql_json.plain({"type": "literal", "value": "87.5", "datatype": xsd + "decimal"}) == 87.5
    assert sparql_json.plain({"type": "literal", "value": "2016-11-23", "datatype": xsd + "date"}) == "2016-11-23"
    assert sparql_json.plain({"type": "literal", "value": "true", "datatype": xsd + "boolean"}) is True


def test_a_form_of_an_answer_is_rendered_once_however_often_it_is_sent(store: ox.Store) -> None:
    got = answer(store, "SELECT ?s WHERE { ?s <http://example.org/n> ?n }", 100)
    calls: list[int] = []

    def render() -> bytes:
        calls.append(1)
        return b"csv"

    assert got.rendered("csv", render) == got.rendered("csv", render) == b"csv"
    assert len(calls) == 1
    assert serialize(got, "csv") == serialize(got, "csv")


def test_an_integer_too_big_for_json_readers_stays_text_in_records() -> None:
    big = "1" * 30  # orjson refuses integers past 64 bits, and JavaScript would round them
    term = {"type": "literal", "value": big, "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    answer = sparql_json.select_answer(["n"], [{"n": term}, {"n": term | {"value": "42"}}])
    assert sparql_json.records(answer) == [{"n": big}, {"n": 42}]
