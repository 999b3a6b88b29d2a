"""The ontology and reference vocabularies as the loaders see them: namespaces, section cues and term finders.

Section cues are the nb/nn ``rdfs:label`` and ``skos:altLabel`` values of the subclasses of
``sg:StrategyElement`` and ``sg:Document``; phrase cues inside sentences are their ``skos:hiddenLabel``
values. Themes and roles are found in text by their labels. All of it is read from ``ontology/*.ttl``
at run time, so adding a synonym is a data change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from loaders.resources import ontology_dir
from loaders.turtle import turtle_graph

SG = Namespace("https://w3id.org/strategigraf/ont#")
ID = "https://w3id.org/strategigraf/id/"
ONTOLOGY_IRI = URIRef("https://w3id.org/strategigraf/ont")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

ONTOLOGY_FILE = "strategigraf.ttl"
REFERENCE_FILES = ("themes.ttl", "roles.ttl", "tenfactor.ttl", "ks-frameworks.ttl", "agreements.ttl")
CUE_LANGUAGES = ("nb", "nn")


@cache
def ontology_graph() -> Graph:
    """The OWL ontology (TBox) alone."""
    return turtle_graph("ontology", [ontology_dir() / ONTOLOGY_FILE])


@cache
def reference_graph() -> Graph:
    """The reference vocabularies (themes, roles, 10-faktor, KS frameworks, agreements)."""
    return turtle_graph("vocabularies", [ontology_dir() / name for name in REFERENCE_FILES])


def normalise(text: str) -> str:
    """Lower-case, NFC, no typographic dashes, quotes or bullets, single spaces: the form cues match in."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[«»\"“”*_:;!?()\[\]✓•▪●◦]", " ", text)
    text = re.sub(r"\s[–—-]\s", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Cue:
    """A word or phrase that marks a concept, with the class it marks."""

    text: str  # normalised
    cls: URIRef
    lang: str


def _subclasses(graph: Graph, root: URIRef) -> set[URIRef]:
    found = {root}
    frontier = [root]
    while frontier:
        current = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, current):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def _labels(graph: Graph, subject: URIRef, predicates: Iterable[URIRef]) -> list[tuple[str, str]]:
    out = []
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal) and value.language in CUE_LANGUAGES:
                out.append((normalise(str(value)), value.language))
    return out


@cache
def section_cues() -> tuple[Cue, ...]:
    """Heading cues (labels and altLabels of the strategy-element and document classes), longest first."""
    graph = ontology_graph()
    classes = (_subclasses(graph, SG.StrategyElement) | _subclasses(graph, SG.Document)) - {
        SG.StrategyElement,
        SG.Document,
        SG.SourceDocument,
    }
    cues = {
        Cue(text, cls, lang)
        for cls in classes
        for text, lang in _labels(graph, cls, (RDFS.label, SKOS.altLabel))
    }
    return tuple(sorted(cues, key=lambda c: (-len(c.text), c.text, str(c.cls))))


@cache
def phrase_cues(term: URIRef) -> tuple[str, ...]:
    """Phrases that mark a class, property or individual inside a sentence: its labels, altLabels and
    hiddenLabels in nb and nn, normalised, longest first."""
    graph = ontology_graph()
    texts = {text for text, _ in _labels(graph, term, (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel))}
    return tuple(sorted(texts, key=lambda t: (-len(t), t)))


@cache
def phrase_pattern(*terms: URIRef) -> re.Pattern[str]:
    """A regex that finds any phrase cue of ``terms`` in text; ``match.lastindex - 1`` is the index of the
    term that matched. Each word of a phrase matches at the start of a word («ansvar» finds «ansvaret»,
    «sørge for» finds «sørger for»)."""
    groups = []
    for term in terms:
        phrases = [
            r"\s+".join(re.escape(word) + r"\w*" for word in phrase.split()) for phrase in phrase_cues(term)
        ]
        groups.append("(" + "|".join(phrases) + ")" if phrases else "((?!x)x)")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + ")", re.IGNORECASE)


def local_name(iri: URIRef | str, base: str) -> str:
    value = str(iri)
    if not value.startswith(base):
        raise ValueError(f"{value} is not under {base}")
    return value[len(base) :]


STEM = "*"  # a label ending in «*» finds every word that begins with it (inflections and compounds)
FALSE_FRIEND = "!"  # a label beginning with «!» claims the words it finds for no concept


@dataclass(frozen=True)
class TermFinder:
    """Finds vocabulary concepts in text by their labels.

    A label matches as a whole word or phrase (roles: «leiar» never finds «leiarskap»), and a label ending in
    «*» as a stem, at the start of a word and open at its end (themes: «heltid*» finds «heltidskultur»). A
    label beginning with «!» is a false friend: where it matches, nothing is found, so «!lønnsom*» keeps
    «lønnsomme» from the stem «lønns*». With ``prefix`` every label is a stem. Labels of up to three capital
    letters (HMS, IA, AMU) match case-sensitively so that «ia» inside other words never matches.
    """

    pattern: re.Pattern[str]
    exact_pattern: re.Pattern[str] | None
    slugs_by_group: tuple[str | None, ...]  # group n of ``pattern`` → slug; None for a false friend
    exact_slugs_by_group: tuple[str | None, ...]

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(slug, start, end) for every match, in text order; overlapping matches keep the longest, and a false
        friend wins a tie."""
        hits: list[tuple[int, int, bool, str | None]] = []
        for pattern, slugs in ((self.pattern, self.slugs_by_group), (self.exact_pattern, self.exact_slugs_by_group)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                slug = slugs[(match.lastindex or 1) - 1]
                hits.append((match.start(), match.end(), slug is not None, slug))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
        kept: list[tuple[str, int, int]] = []
        last_end = -1
        for start, end, _, slug in hits:
            if start >= last_end:
                last_end = end
                if slug is not None:
                    kept.append((slug, start, end))
        return kept

    def slugs(self, text: str) -> list[str]:
        """Distinct slugs found, in order of first appearance."""
        return list(dict.fromkeys(slug for slug, _, _ in self.find(text)))


@dataclass(frozen=True)
class _Label:
    text: str  # without the markers
    stem: bool
    slug: str | None  # None: a false friend

    @classmethod
    def parse(cls, raw: str, slug: str, *, prefix: bool) -> _Label:
        text = unicodedata.normalize("NFC", raw.strip())
        friend = text.startswith(FALSE_FRIEND)
        text = text.removeprefix(FALSE_FRIEND)
        stem = prefix or text.endswith(STEM)
        return cls(text.removesuffix(STEM).strip(), stem, None if friend else slug)

    @property
    def exact(self) -> bool:
        return len(self.text) <= 3 and self.text.isupper()

    def regex(self) -> str:
        return re.escape(self.text) + (r"\w*" if self.stem else r"(?!\w)")


def _compile(labels: Iterable[_Label], flags: int) -> tuple[re.Pattern[str] | None, tuple[str | None, ...]]:
    """One group per label, longest label first and a false friend before a label as long as itself: the
    regex tries the alternatives in order, and the first that matches at a position is the match there.

    The alternatives stand in sets by first character, each behind a look-ahead for it, so that at a word
    the regex tries only the labels that can begin there (trying all two hundred themes at every word took
    a tenth of reading a long strategy). Labels in different sets never match at the same place, and each
    set keeps the order above, so the match is the same."""
    ordered = sorted(labels, key=lambda lb: (-len(lb.text), lb.slug is not None, lb.text, lb.stem, lb.slug or ""))
    if not ordered:
        return None, ()
    sets = _by_first_character(ordered, flags)
    if sets is None:
        alternatives = "|".join(f"({label.regex()})" for label in ordered)
    else:
        alternatives = "|".join(
            f"(?={re.escape(first)})(?:" + "|".join(f"({label.regex()})" for label in members) + ")"
            for first, members in sets.items()
        )
        ordered = [label for members in sets.values() for label in members]
    return re.compile(rf"(?<!\w)(?:{alternatives})", flags), tuple(label.slug for label in ordered)


def _by_first_character(ordered: list[_Label], flags: int) -> dict[str, list[_Label]] | None:
    """The labels by first character, in their order; None when a label is empty or two first characters
    match the same letter (``re.IGNORECASE`` matches «ſ» for «s»), where sets could not keep the order."""
    sets: dict[str, list[_Label]] = {}
    for label in ordered:
        if not label.text:
            return None
        sets.setdefault(label.text[0], []).append(label)
    for first in sets:
        pattern = re.compile(re.escape(first), flags)
        if any(other != first and pattern.fullmatch(other) for other in sets):
            return None
    return sets


def term_finder(graph: Graph, cls: URIRef, base: str, *, prefix: bool) -> TermFinder:
    """A finder for the concepts of ``cls`` under ``base``, by their nb/nn labels (see :class:`TermFinder`)."""
    folded: dict[tuple[str, bool], _Label] = {}
    exact: dict[tuple[str, bool], _Label] = {}
    for concept in graph.subjects(RDF.type, cls):
        if not isinstance(concept, URIRef) or not str(concept).startswith(base):
            continue
        slug = local_name(concept, base)
        for predicate in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
            for value in graph.objects(concept, predicate):
                if not (isinstance(value, Literal) and value.language in CUE_LANGUAGES):
                    continue
                label = _Label.parse(str(value), slug, prefix=prefix)
                if label.exact:
                    exact[(label.text, label.stem)] = label
                else:
                    folded[(label.text.lower(), label.stem)] = _Label(label.text.lower(), label.stem, label.slug)
    pattern, slugs = _compile(folded.values(), re.IGNORECASE)
    exact_pattern, exact_slugs = _compile(exact.values(), 0)
    return TermFinder(
        pattern=pattern or re.compile(r"(?!x)x"),
        exact_pattern=exact_pattern,
        slugs_by_group=slugs,
        exact_slugs_by_group=exact_slugs,
    )


@cache
def theme_finder() -> TermFinder:
    """Themes, by the matching convention documented in ``ontology/themes.ttl`` (whole words, «*» stems,
    «!» false friends)."""
    return term_finder(reference_graph(), SG.Theme, ID + "tema/", prefix=False)


@cache
def role_finder() -> TermFinder:
    return term_finder(reference_graph(), SG.Role, ID + "rolle/", prefix=False)


@cache
def tenfactor_finder() -> TermFinder:
    return term_finder(reference_graph(), SG.TenFactor, ID + "10-faktor/", prefix=False)


@cache
def instrument_finder() -> TermFinder:
    return term_finder(reference_graph(), SG.MeasuringInstrument, ID + "maleinstrument/", prefix=True)


def known_slugs(cls: URIRef, base: str) -> frozenset[str]:
    """Slugs of every concept of ``cls`` in the reference vocabularies (to validate cards)."""
    return frozenset(
        local_name(s, base)
        for s in reference_graph().subjects(RDF.type, cls)
        if isinstance(s, URIRef) and str(s).startswith(base)
    )
