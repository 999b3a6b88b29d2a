"""The update side of the SPARQL 1.1 Protocol that pyoxigraph's ``update`` does not take as arguments.

``using-graph-uri`` and ``using-named-graph-uri`` (Protocol §2.2.3) are written into the update as the
``USING`` and ``USING NAMED`` clauses of every DELETE/INSERT … WHERE operation, as the Protocol defines them.
An update that names its own dataset (``USING`` or ``WITH``) and also has these parameters is refused (400).
Relative IRIs in an update resolve against the endpoint's own URL, as in a query: a ``BASE`` line is put
before the update, and a ``BASE`` of the update's own comes later and wins.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from graph.sparql_text import sparql_words_and_braces
from loaders.errors import InputError


def _iris(values: list[str], parameter: str) -> list[str]:
    """Each value as an IRI in angle brackets; an InputError for one that is not an absolute IRI."""
    written = []
    for value in values:
        try:
            written.append(str(NamedNode(value)))
        except ValueError:
            raise InputError(
                f"{parameter} må vere ein absolutt IRI, ikkje «{value}»",
                f"{parameter} must be an absolute IRI, not «{value}»",
                kind="query",
            ) from None
    return written


def _where_offsets(update: str) -> list[int]:
    """Where each DELETE/INSERT … WHERE operation's WHERE starts. An InputError when the update has a USING
    or WITH clause of its own."""
    offsets: list[int] = []
    depth, previous = 0, ""
    for token, start in sparql_words_and_braces(update):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token in ("USING", "WITH"):
            raise InputError(
                f"Oppdateringa har sin eigen {token}-klausul; då kan ikkje using-graph-uri eller "
                "using-named-graph-uri brukast (SPARQL 1.1 Protocol §2.2.3).",
                f"The update has a {token} clause of its own; using-graph-uri or using-named-graph-uri cannot "
                "be given with it (SPARQL 1.1 Protocol §2.2.3).",
                kind="query",
            )
        elif depth == 0 and token == "WHERE" and previous != "DELETE":  # DELETE WHERE takes no USING
            offsets.append(start)
        previous = token
    return offsets


def prepared_update(update: str, base_iri: str, using: list[str], using_named: list[str]) -> str:
    """The update as the store runs it: the endpoint's base first, the protocol's dataset as USING clauses."""
    if using or using_named:
        clauses = "".join(f"USING {iri} " for iri in _iris(using, "using-graph-uri"))
        clauses += "".join(f"USING NAMED {iri} " for iri in _iris(using_named, "using-named-graph-uri"))
        for offset in reversed(_where_offsets(update)):
            update = update[:offset] + clauses + update[offset:]
    return f"BASE <{base_iri}>\n{update}"
