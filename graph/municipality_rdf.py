"""The municipality register as RDF: one node per municipality and county municipality.

Each entity gets a stable IRI from its current number, its class in the strategigraf ontology, its current
and former numbers (plain ``xsd:string`` literals, so leading zeros survive), its official names as
``rdfs:label``/``skos:prefLabel`` in bokmål and nynorsk and its Sami and Kven parallel names as
``skos:altLabel``, and, for a municipality, a link to its county. The graph depends only on the bundled
CSV, so every run gives the same triples.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from loaders.municipalities import Municipality, all_entities

SG = Namespace("https://w3id.org/strategigraf/ont#")
ID_BASE = "https://w3id.org/strategigraf/id/"

_CLASS = {"kommune": SG.Municipality, "fylkeskommune": SG.CountyMunicipality}


def entity_iri(entity: Municipality) -> URIRef:
    """The IRI of a municipality (``…/id/kommune/3420``) or county municipality (``…/fylkeskommune/46``)."""
    return URIRef(f"{ID_BASE}{entity.kind}/{entity.number}")


def county_iri(number: str) -> URIRef:
    """The IRI of the county municipality with this two-digit number."""
    return URIRef(f"{ID_BASE}fylkeskommune/{number}")


def _add_entity(graph: Graph, entity: Municipality) -> None:
    node = entity_iri(entity)
    graph.add((node, RDF.type, _CLASS[entity.kind]))
    graph.add((node, SG.municipalityNumber, Literal(entity.number, datatype=XSD.string)))
    for old in entity.former_numbers:
        graph.add((node, SG.formerMunicipalityNumber, Literal(old, datatype=XSD.string)))
    for name, lang in ((entity.name_nb, "nb"), (entity.name_nn, "nn")):
        graph.add((node, RDFS.label, Literal(name, lang=lang)))
        graph.add((node, SKOS.prefLabel, Literal(name, lang=lang)))
    for name, lang in entity.other_names:
        graph.add((node, SKOS.altLabel, Literal(name, lang=lang)))
    if entity.county is not None:
        graph.add((node, SG.county, county_iri(entity.county)))


def register_graph() -> Graph:
    """A new graph with every entity of the bundled register (372 nodes: 357 kommuner, 15 fylkeskommuner)."""
    graph = Graph()
    graph.bind("sg", SG)
    graph.bind("skos", SKOS)
    graph.bind("rdfs", RDFS)
    graph.bind("xsd", XSD)
    for entity in all_entities():
        _add_entity(graph, entity)
    return graph
