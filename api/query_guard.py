"""What a client's SPARQL text may not do, decided before it reaches the store.

Two refusals, both as ``InputError`` (a 400 on the web, exit 2 on the command line):

* **SERVICE** (a federated query): the store would call out to any address a client names. The verdict is
  taken on the parsed query: rdflib's SPARQL parser builds the tree and a ``ServiceGraphPattern`` anywhere
  in it (OPTIONAL, UNION, a subquery, a CONSTRUCT's WHERE) refuses the query. A text without the letters
  «service» (in any case) cannot hold the keyword and is passed without parsing. Where rdflib cannot parse
  a text that has them (a syntax error, or a form Oxigraph reads and rdflib does not, like ``SERVICEx:name``),
  the lexer decides: a bare word or a prefixed name that begins with SERVICE refuses it, the word in a
  string, an IRI or a comment does not; the store then gives its own message for a real syntax error.
  Verdicts are cached per query text (``functools.lru_cache``), so a repeated query costs a dictionary look-up.
* **Deep nesting**: more than ``MAX_NESTING`` open ``{``, ``(`` or ``[`` at once, or more than
  ``MAX_OPERATORS`` operator signs (``! + - * / | ^ & = < >``, which chain into a tree as deep as the chain
  is long). Oxigraph recurses per level and overflows its stack (a crashed worker) at a few thousand levels
  of brackets or about ten thousand chained operators; rdflib's parser at a few dozen brackets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.sparql_text import SPARQL_TOKEN
from loaders.errors import InputError

MAX_NESTING = 256  # open brackets at once; real queries stay under 20
MAX_OPERATORS = 2000  # operator signs in all; a long list of values belongs in VALUES or IN (...)
_OPERATORS = frozenset("!+-*/|^&=<>")
CACHED_TEXT = 100_000  # longer texts are parsed each time rather than kept in the cache
_OPEN, _CLOSE = "{([", "})]"
_SERVICE = re.compile("service", re.IGNORECASE)


def service_refused() -> InputError:
    """The error for a federated query."""
    return InputError(
        "Fødererte spørjingar (SERVICE) er ikkje støtta av dette endepunktet.",
        "Federated queries (SERVICE) are not supported by this endpoint.",
        kind="query",
    )


def nesting(sparql: str) -> tuple[int, int]:
    """The most brackets (``{``, ``(``, ``[``) open at once, and the number of operator signs, outside
    strings, IRIs and comments."""
    depth = deepest = operators = 0
    for token in SPARQL_TOKEN.finditer(sparql):
        mark = token.group()
        if len(mark) != 1:
            continue
        if mark in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif mark in _CLOSE:
            depth = max(depth - 1, 0)
        elif mark in _OPERATORS:
            operators += 1
    return deepest, operators


def _has_service_pattern(node: object) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service_pattern(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_service_pattern(v) for v in node)
    return False


def _lexer_sees_service(sparql: str) -> bool:
    for token in SPARQL_TOKEN.finditer(sparql):
        text = token.group()
        if text[:1] in "\"'<#?$@_":  # strings, IRIs, comments, variables, language tags, blank nodes
            continue
        if text[:7].upper() == "SERVICE":
            return True
    return False


def _verdict(sparql: str) -> bool:
    """True when the query has a SERVICE clause."""
    try:
        tree = parseQuery(sparql)
    except Exception:  # pyparsing's errors, and RecursionError past rdflib's depth
        return _lexer_sees_service(sparql)
    return _has_service_pattern(tree)


_cached_verdict = lru_cache(maxsize=512)(_verdict)


def has_service(sparql: str) -> bool:
    """Whether the query names a SERVICE (a federated query), decided on the parsed query."""
    if not _SERVICE.search(sparql):
        return False
    return _cached_verdict(sparql) if len(sparql) <= CACHED_TEXT else _verdict(sparql)


def check_nesting(sparql: str) -> None:
    """Refuse a query or update nested deeper than ``MAX_NESTING`` or with more than ``MAX_OPERATORS``
    operator signs (InputError)."""
    depth, operators = nesting(sparql)
    if depth > MAX_NESTING:
        raise InputError(
            f"Spørjinga er nesta for djupt ({depth} nivå; grensa er {MAX_NESTING}).",
            f"The query is nested too deeply ({depth} levels; the limit is {MAX_NESTING}).",
            kind="query",
        )
    if operators > MAX_OPERATORS:
        raise InputError(
            f"Spørjinga har for mange operatorar ({operators}; grensa er {MAX_OPERATORS}); bruk VALUES eller IN.",
            f"The query has too many operators ({operators}; the limit is {MAX_OPERATORS}); use VALUES or IN.",
            kind="query",
        )


def check_query(sparql: str) -> None:
    """Refuse (InputError) a query this server will not run: nested too deeply, or federated."""
    check_nesting(sparql)
    if has_service(sparql):
        raise service_refused()
