"""HTML documentation of the ontology and its reference vocabularies, in nb, nn and en.

Our own renderer rather than pyLODE: pyLODE picks one label per term and prefers English, while an
HR adviser needs the Norwegian labels, the nynorsk forms and the cue words side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version

from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from loaders.vocabulary import ONTOLOGY_IRI, SG, ontology_graph, reference_graph

LANGS = ("nb", "nn", "en")
HEADINGS = {
    "nb": {
        "classes": "Klasser",
        "object": "Objektegenskaper",
        "datatype": "Dataegenskaper",
        "individuals": "Individer",
        "vocabularies": "Referansevokabularer",
    },
    "nn": {
        "classes": "Klassar",
        "object": "Objekteigenskapar",
        "datatype": "Dataeigenskapar",
        "individuals": "Individ",
        "vocabularies": "Referansevokabular",
    },
    "en": {
        "classes": "Classes",
        "object": "Object properties",
        "datatype": "Datatype properties",
        "individuals": "Individuals",
        "vocabularies": "Reference vocabularies",
    },
}


@dataclass
class Term:
    iri: str
    anchor: str
    curie: str
    labels: dict[str, str]
    definitions: dict[str, str]
    alt_labels: dict[str, list[str]]
    facts: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (name, [(text, href)])


@dataclass
class Scheme:
    iri: str
    anchor: str
    labels: dict[str, str]
    definitions: dict[str, str]
    concepts: list[Term]


def _by_lang(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language}


def _alts(graph: Graph, subject: URIRef) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for o in graph.objects(subject, SKOS.altLabel):
        if isinstance(o, Literal) and o.language:
            out.setdefault(o.language, []).append(str(o))
    return {lang: sorted(values) for lang, values in out.items()}


def _curie(graph: Graph, node: URIRef) -> str:
    try:
        prefix, _, name = graph.compute_qname(node, generate=False)
        return f"{prefix}:{name}"
    except (ValueError, KeyError):
        return str(node)


def _refs(graph: Graph, nodes: list, lang: str) -> list[tuple[str, str]]:
    """Readable references to classes, expanding owl:unionOf."""
    refs = []
    for node in nodes:
        if isinstance(node, BNode) and (node, OWL.unionOf, None) in graph:
            members = Collection(graph, graph.value(node, OWL.unionOf))
            refs.extend(_refs(graph, list(members), lang))
        elif isinstance(node, URIRef):
            href = f"#{node.split('#')[-1]}" if str(node).startswith(str(SG)) else str(node)
            refs.append((_curie(graph, node), href))
    return refs


def _term(graph: Graph, node: URIRef, lang: str, facts: dict[str, list]) -> Term:
    return Term(
        iri=str(node),
        anchor=str(node).split("#")[-1],
        curie=_curie(graph, node),
        labels=_by_lang(graph, node, RDFS.label),
        definitions=_by_lang(graph, node, SKOS.definition),
        alt_labels=_alts(graph, node),
        facts=[(name, _refs(graph, values, lang)) for name, values in facts.items() if values],
    )


FACT_NAMES = {
    "nb": (
        "Underklasse av",
        "Underklasser",
        "Domene",
        "Verdiområde",
        "Egenskaper",
        "Invers av",
        "Underegenskap av",
        "Nær match",
    ),
    "nn": (
        "Underklasse av",
        "Underklassar",
        "Domene",
        "Verdiområde",
        "Eigenskapar",
        "Invers av",
        "Undereigenskap av",
        "Nær match",
    ),
    "en": (
        "Subclass of",
        "Subclasses",
        "Domain",
        "Range",
        "Characteristics",
        "Inverse of",
        "Subproperty of",
        "Close match",
    ),
}


def _sg_subjects(graph: Graph, rdf_type: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, URIRef) and str(s).startswith(str(SG)))


def _model(lang: str) -> dict:
    onto = ontology_graph()
    ref = reference_graph()
    names = dict(
        zip(
            ("sup", "sub", "domain", "range", "kind", "inverse", "subprop", "close"),
            FACT_NAMES[lang],
            strict=True,
        )
    )
    classes = [
        _term(
            onto,
            c,
            lang,
            {
                names["sup"]: list(onto.objects(c, RDFS.subClassOf)),
                names["sub"]: sorted(onto.subjects(RDFS.subClassOf, c)),
                names["close"]: list(onto.objects(c, SKOS.closeMatch)),
            },
        )
        for c in _sg_subjects(onto, OWL.Class)
    ]

    def prop(p: URIRef) -> Term:
        kinds = [t for t in (OWL.FunctionalProperty, OWL.TransitiveProperty) if (p, RDF.type, t) in onto]
        inverse = list(onto.objects(p, OWL.inverseOf)) + list(onto.subjects(OWL.inverseOf, p))
        return _term(
            onto,
            p,
            lang,
            {
                names["domain"]: list(onto.objects(p, RDFS.domain)),
                names["range"]: list(onto.objects(p, RDFS.range)),
                names["kind"]: kinds,
                names["inverse"]: inverse,
                names["subprop"]: list(onto.objects(p, RDFS.subPropertyOf)),
            },
        )

    schemes = []
    for scheme in sorted(ref.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = sorted(ref.subjects(SKOS.inScheme, scheme), key=lambda c: (len(str(c)), str(c)))
        schemes.append(
            Scheme(
                iri=str(scheme),
                anchor="vocab-" + str(scheme).rstrip("/").split("/")[-1],
                labels=_by_lang(ref, scheme, SKOS.prefLabel),
                definitions=_by_lang(ref, scheme, SKOS.definition),
                concepts=[
                    Term(
                        iri=str(c),
                        anchor="",
                        curie=str(c).split("/id/")[-1],
                        labels=_by_lang(ref, c, SKOS.prefLabel),
                        definitions=_by_lang(ref, c, SKOS.definition),
                        alt_labels=_alts(ref, c),
                    )
                    for c in concepts
                ],
            )
        )
    return {
        "lang": lang,
        "langs": LANGS,
        "headings": HEADINGS[lang],
        "title": _by_lang(onto, ONTOLOGY_IRI, DCTERMS.title),
        "description": _by_lang(onto, ONTOLOGY_IRI, DCTERMS.description),
        "ontology_iri": str(ONTOLOGY_IRI),
        "version_iri": str(onto.value(ONTOLOGY_IRI, OWL.versionIRI)),
        "version": str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)),
        "licence": str(onto.value(ONTOLOGY_IRI, DCTERMS.license)),
        "modified": str(onto.value(ONTOLOGY_IRI, DCTERMS.modified)),
        "software": version("strategigraf"),
        "classes": classes,
        "object_properties": [prop(p) for p in _sg_subjects(onto, OWL.ObjectProperty)],
        "datatype_properties": [prop(p) for p in _sg_subjects(onto, OWL.DatatypeProperty)],
        "individuals": [_term(onto, i, lang, {}) for i in _sg_subjects(onto, OWL.NamedIndividual)],
        "schemes": schemes,
    }


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("api", "templates"), autoescape=select_autoescape(["html", "j2"]))


def render_html(lang: str = "nb", language_link: str = "?lang={lang}", home: str | None = None) -> str:
    """The whole documentation as one standalone, printable HTML page in ``lang`` (nb, nn or en).

    ``language_link`` is the pattern of the links to the other languages (a query string when served,
    file names when written to a folder); ``home``, when served, the link back to the site's front page.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    links = {other: language_link.format(lang=other) for other in LANGS}
    return _environment().get_template("ontology.html.j2").render(**_model(lang), language_links=links, home=home)
