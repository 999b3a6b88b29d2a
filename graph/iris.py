"""Deterministic IRIs: ASCII slugs under https://w3id.org/strategigraf/id/, positional within a strategy.

The same StrategyDocument always gives the same IRIs, so reloading a strategy (from its document or from
its reviewed card) replaces it instead of duplicating it.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from loaders import municipalities
from loaders.model import StrategyDocument
from loaders.vocabulary import ID

GRAPH = "https://w3id.org/strategigraf/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH + "ontologi")
VOCABULARY_GRAPH = URIRef(GRAPH + "vokabular")
LAW_GRAPH = URIRef(GRAPH + "lovdata")
ONTOLOGY_INFERRED_GRAPH = URIRef(GRAPH + "slutningar/ontologi")
STRATEGY_GRAPH_PREFIX = GRAPH + "strategi/"

_FOLD = str.maketrans({"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "a", "Å": "a"})


def slug(text: str) -> str:
    """«Røros kommune» → «roros-kommune»: æ→ae, ø→o, å→a, other accents dropped, non-letters → «-»."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def strategy_slug(document: StrategyDocument) -> str:
    """«elverum-2016»: the municipality (with «-fylkeskommune» for a county, and its number when another
    municipality has the same name) and the first year of the strategy (validity, else adoption, else the
    source's checksum)."""
    municipality = document.municipality
    if municipality is not None:
        name = slug(municipality.name) + ("-fylkeskommune" if municipality.kind == "fylkeskommune" else "")
        if municipality.number and len(municipalities.candidates(f"{municipality.name} {municipality.kind}")) > 1:
            name += f"-{municipality.number}"  # two Vålers, two Herøys: the number tells them apart
    else:
        name = slug(document.title.text)[:40].strip("-")
    if document.validity and document.validity.valid_from:
        year = str(document.validity.valid_from.year)
    elif document.adoption and document.adoption.date:
        year = str(document.adoption.date.year)
    else:
        year = document.source.sha256[:8]
    return f"{name}-{year}"


def strategy_iri(slug_: str) -> URIRef:
    return URIRef(f"{ID}strategi/{slug_}")


def strategy_graph(slug_: str) -> URIRef:
    return URIRef(STRATEGY_GRAPH_PREFIX + slug_)


def source_iri(sha256: str) -> URIRef:
    return URIRef(f"{ID}kilde/{sha256[:16]}")


def municipality_iri(number: str) -> URIRef:
    kind = "kommune" if len(number) == 4 else "fylkeskommune"
    return URIRef(f"{ID}{kind}/{number}")


def vocabulary_iri(scheme: str, slug_: str | int) -> URIRef:
    """A reference concept: ``tema/heltidskultur``, ``rolle/leder``, ``10-faktor/8``."""
    return URIRef(f"{ID}{scheme}/{slug_}")


def element_iri(strategy: URIRef, kind: str, *parts: str | int) -> URIRef:
    """``…/strategi/roros-2017/tiltak/4-12``."""
    tail = "-".join(slug(str(p)) for p in parts)
    return URIRef(f"{strategy}/{kind}" + (f"/{tail}" if tail else ""))


_LOVDATA_ID = re.compile(r"^(LOV|FOR)-(\d{4}-\d{2}-\d{2}(?:-\d+)?)$")


def instrument_iri(identifier: str) -> URIRef | None:
    """The IRI of a law, regulation or agreement from its id: Lovdata's canonical URL for
    «LOV-2005-06-17-62» (``https://lovdata.no/lov/2005-06-17-62``), ``…/id/avtale/ks-hovedavtalen`` for an
    agreement id such as «KS-HOVEDAVTALEN»."""
    if match := _LOVDATA_ID.match(identifier):
        kind = "lov" if match.group(1) == "LOV" else "forskrift"
        return URIRef(f"https://lovdata.no/{kind}/{match.group(2)}")
    if re.fullmatch(r"[A-Z][A-Z0-9-]+", identifier):
        return URIRef(f"{ID}avtale/{slug(identifier)}")
    return None


INFERRED_PREFIX = GRAPH + "slutningar/"


def inferred_graph(slug_: str) -> URIRef:
    """Where the OWL-RL inferences of one strategy live (one graph per strategy, so that replacing a
    strategy replaces its inferences in the same transaction)."""
    return URIRef(INFERRED_PREFIX + slug_)


def slug_of(strategy: URIRef | str) -> str:
    """«…/id/strategi/roros-2017» → «roros-2017»."""
    return str(strategy).rstrip("/").rsplit("/", 1)[-1]
