"""Theme tagging (issue 3): the labels in ontology/themes.ttl find inflections and compounds of a theme's words
in bokmål and nynorsk, and not the unrelated words that share their first letters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import RDF, SKOS, Literal

from loaders.card import load_text
from loaders.model import Element, StrategyDocument
from loaders.resources import data_dir
from loaders.vocabulary import FALSE_FRIEND, ID, SG, STEM, reference_graph, theme_finder

TEMA = ID + "tema/"

# (language, text, the themes it must get, in order of appearance)
CASES = [
    # inflections and compounds of a label
    ("nb", "Vi skal ha en heltidsstilling til alle", ["heltidskultur"]),
    ("nn", "Vi byggjer heiltidskultur", ["heltidskultur"]),
    ("nb", "Heltid er normen", ["heltidskultur"]),
    ("nb", "Sykefraværet skal ned", ["naervaer"]),
    ("nn", "Sjukefråværet skal ned", ["naervaer"]),
    ("nn", "Oppfølging av sjukemelde", ["naervaer"]),
    ("nb", "Lønnspolitikken revideres", ["lonnspolitikk"]),
    ("nn", "Lønnsoppgjeret vert førebudd", ["lonnspolitikk"]),
    ("nn", "Lønsoppgjer og lønspolitikk", ["lonnspolitikk"]),
    ("nb", "Lønns- og forhandlingssystemet", ["lonnspolitikk"]),
    ("nb", "Konkurransedyktig lønn", ["lonnspolitikk"]),
    ("nn", "Konkurransedyktig løn", ["lonnspolitikk"]),
    ("nn", "Løna skal vere konkurransedyktig", ["lonnspolitikk"]),
    ("nb", "Medarbeidernes og partenes medvirkning", ["partssamarbeid", "medarbeiderskap"]),
    ("nn", "Tillitsvalde vert involverte", ["partssamarbeid", "medarbeiderskap"]),
    ("nb", "Et godt HMS-arbeid og IA-avtalen", ["hms", "naervaer"]),
    ("nb", "Vi vil rekruttere og beholde", ["rekruttering"]),
    ("nb", "tiltrekker seg, beholder og utvikler medarbeidere", ["rekruttering"]),
    ("nn", "Vi skal inkludere alle", ["mangfold"]),
    ("nn", "Seniortiltak for dei over 62", ["livsfase"]),
    # apprentices are competence (see ontology/themes.ttl); recruiting them is recruitment as well
    ("nn", "Fleire lærlingar", ["kompetanse"]),
    ("nb", "Rekruttere lærlinger", ["rekruttering", "kompetanse"]),
    # unrelated words sharing a prefix
    ("nn", "Det løner seg å samarbeide", []),
    ("nb", "Det lønner seg å samarbeide", []),
    ("nn", "Lønnsomme tenester", []),
    ("nb", "Lønnsomt og lønnsomhet", []),
    ("nn", "Lønsam drift og lønsemd", []),
    ("nb", "Som nevnt i nærværende dokument", []),
    ("nb", "Fraværende foreldre", []),
    ("nn", "Alle tilsette, inkludert leiarar", []),
    ("nb", "Seniorrådgiver i HR-avdelingen", []),
    ("nn", "Seniorrådgjevar i HR-avdelinga", []),
    ("nb", "Ledere og medarbeidere", []),
    ("nb", "sosial og familiær", []),  # «ia» inside words is not IA
    ("nn", "Det lønte seg til slutt", []),
]


@pytest.mark.parametrize(("lang", "text", "themes"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_a_text_gets_exactly_the_themes_its_words_mean(lang: str, text: str, themes: list[str]) -> None:
    assert theme_finder().slugs(text) == themes


def _theme_labels() -> Iterator[tuple[str, object, Literal]]:
    graph = reference_graph()
    for theme in graph.subjects(RDF.type, SG.Theme):
        for predicate, value in graph.predicate_objects(theme):
            if isinstance(value, Literal) and predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                yield str(theme), predicate, value


def test_stems_and_false_friends_are_hidden_labels_only() -> None:
    marked = [
        (theme, str(value))
        for theme, predicate, value in _theme_labels()
        if predicate != SKOS.hiddenLabel and (str(value).endswith(STEM) or str(value).startswith(FALSE_FRIEND))
    ]
    assert marked == []


def test_every_false_friend_is_a_word_a_stem_of_its_theme_would_find() -> None:
    """A false friend that no stem of its theme reaches is dead data (or a typo)."""
    labels = list(_theme_labels())
    stems: dict[str, list[str]] = {}
    for theme, _, value in labels:
        if str(value).endswith(STEM) and not str(value).startswith(FALSE_FRIEND):
            stems.setdefault(theme, []).append(str(value).removesuffix(STEM).lower())
    friends = [(theme, str(v)) for theme, _, v in labels if str(v).startswith(FALSE_FRIEND)]
    assert friends
    unreached = [
        (theme, friend)
        for theme, friend in friends
        if not any(friend.removeprefix(FALSE_FRIEND).lower().startswith(stem) for stem in stems.get(theme, []))
    ]
    assert unreached == []


def _themed_elements(document: StrategyDocument) -> Iterator[Element]:
    """The elements the extractor tags with themes."""
    yield from document.all_goals()
    yield from document.all_measures()
    yield from document.priority_areas
    yield from document.challenges
    yield from document.leader_expectations
    yield from document.employee_expectations
    for area in document.priority_areas:
        yield from area.leader_expectations
        yield from area.employee_expectations
    if document.vision is not None:
        yield document.vision


CARDS = sorted((data_dir() / "strategies").glob("*.yaml"))


@pytest.mark.parametrize("card", CARDS, ids=lambda p: p.stem)
def test_the_bundled_cards_keep_their_reviewed_themes(card) -> None:  # type: ignore[no-untyped-def]
    document = load_text(card.read_text(encoding="utf-8"), str(card))
    changed = [
        (e.lines.start, e.text, e.themes, found)
        for e in _themed_elements(document)
        if (found := theme_finder().slugs(e.text)) != e.themes
    ]
    assert changed == []
