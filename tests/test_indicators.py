"""The indicator parser: what is measured, the target and its unit, 10-faktor factors, all read with the
words of the ontology (``loaders/indicators.py``)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import SKOS, Graph, Literal, URIRef

from loaders import indicators, vocabulary
from loaders.model import Lines
from loaders.vocabulary import SG

LINES = Lines(start=1, end=1)


def one(text: str):  # type: ignore[no-untyped-def]
    (indicator,) = indicators.parse(text, LINES)
    return indicator


# -- what is measured --------------------------------------------------------------------------------------


def test_a_quantity_in_the_documents_own_words_is_recorded() -> None:
    indicator = one("Måles ved: andel heltidsansatte i PAI-registeret, mål 60 prosent")
    assert (indicator.quantity, indicator.target, indicator.unit) == (
        "andel heltidsansatte i PAI-registeret", 60.0, "prosent",
    )


def test_a_nynorsk_quantity_is_recorded() -> None:
    assert one("Målast ved: talet på lærlingar, målverdi 20").quantity == "talet på lærlingar"


def test_a_target_alone_names_no_quantity() -> None:
    indicator = one("Måles ved: mål 60 prosent")
    assert (indicator.quantity, indicator.instrument, indicator.factor, indicator.target) == (None, None, None, 60.0)


def test_a_quantity_ends_at_the_target() -> None:
    assert one("Måles ved sykefravær under 6 %").quantity == "sykefravær under"


def test_the_name_of_a_known_instrument_is_the_instrument_not_a_quantity() -> None:
    indicator = one("Måles ved: sykefraværsstatistikken fra SSB, mål 7 prosent")
    assert (indicator.instrument, indicator.quantity) == ("sykefravaersstatistikk", None)


# -- words from the ontology, not from the code ------------------------------------------------------------


PERCENT = URIRef(vocabulary.ID + "maleeining/prosent")
CACHES = (indicators.units, indicators._number, indicators._factor_number, vocabulary.phrase_cues,
          vocabulary.phrase_pattern)


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


@pytest.fixture
def clean_caches() -> Iterator[None]:
    """The parser's caches are emptied before and after, so nothing read from a changed copy of the
    vocabularies outlives the test."""
    for cached in CACHES:
        cached.cache_clear()
    yield
    for cached in CACHES:
        cached.cache_clear()


@pytest.fixture
def ontology(monkeypatch: pytest.MonkeyPatch, clean_caches: None) -> Graph:
    """A copy of the ontology that the parser reads instead of the real one."""
    copy = _copy(vocabulary.ontology_graph())
    monkeypatch.setattr(vocabulary, "ontology_graph", lambda: copy)
    return copy


@pytest.fixture
def references(monkeypatch: pytest.MonkeyPatch, clean_caches: None) -> Graph:
    """A copy of the reference vocabularies (with the units) that the parser reads instead of the real one."""
    copy = _copy(vocabulary.reference_graph())
    monkeypatch.setattr(indicators, "reference_graph", lambda: copy)
    return copy


def test_the_unit_words_are_the_labels_of_the_units_in_the_vocabulary(references: Graph) -> None:
    references.add((PERCENT, SKOS.altLabel, Literal("pst.", lang="nb")))
    indicator = one("Måles ved: andel heltidsansatte, mål 60 pst.")
    assert (indicator.target, indicator.unit) == (60.0, "prosent")


def test_a_unit_is_named_by_its_label_in_the_language_of_the_word(references: Graph) -> None:
    for lang in ("nb", "nn"):
        references.remove((PERCENT, SKOS.prefLabel, Literal("prosent", lang=lang)))
        references.add((PERCENT, SKOS.prefLabel, Literal("hundredel", lang=lang)))
    assert one("Måles ved: nærvær, mål 92 %").unit == "hundredel"


def test_the_word_before_a_factor_number_is_a_label_of_the_ten_factor_class(ontology: Graph) -> None:
    ontology.add((SG.TenFactor, SKOS.hiddenLabel, Literal("dimensjon", lang="nb")))
    assert one("Måles ved dimensjon 8 i medarbeiderundersøkelsen").factor == 8


def test_a_factor_is_found_by_its_number() -> None:
    assert one("Måles ved faktor - 4 - Bruk av kompetanse").factor == 4


def test_the_parser_has_no_norwegian_unit_or_factor_word_in_its_code() -> None:
    # regression: «faktor» and «prosent» were literals in loaders/indicators.py; they belong to the ontology
    tree = ast.parse(Path(indicators.__file__).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    literals = [
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]
    # The word, not the instrument's slug «10-faktor» (an identifier of ontology/ks-frameworks.ttl).
    words = re.compile(r"(?<![\w-])faktor|prosent", re.IGNORECASE)
    assert not [text for text in literals if words.search(text)]
