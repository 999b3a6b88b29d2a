"""What a SPARQL query's text says before it runs: its keywords and its form (SELECT, ASK, ...)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A lexer for the SPARQL 1.1 terminals that can hide a keyword (strings, IRIs, comments, variables, prefixed
# and blank node names, language tags), so a keyword counts only where the parser would see one. pyoxigraph
# 0.5 does not expose its parsed query, and rdflib's parser takes ~100 ms for a library query.
_SPARQL_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*|[?$]\w+|@[A-Za-z]+(?:-[A-Za-z0-9]+)*|_:[\w.-]*"
    r"|(?:[^\W\d_][\w.-]*)?:(?:[\w.:%-]|\\.)*"
    r"|(?P<word>[^\W\d_]\w*)|\S",
    re.DOTALL,
)
SPARQL_TOKEN = _SPARQL_TOKEN  # for api.query_guard, which walks the same tokens


def sparql_keywords(sparql: str) -> Iterator[str]:
    """The bare words of a query (keywords and function names), upper-cased, in order."""
    for token in _SPARQL_TOKEN.finditer(sparql):
        if token.lastgroup == "word":
            yield token.group().upper()


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue (None for anything else)."""
    for word in sparql_keywords(sparql):
        if word not in ("BASE", "PREFIX"):
            return word if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else None
    return None


def sparql_words_and_braces(sparql: str) -> Iterator[tuple[str, int]]:
    """The bare words (upper-cased) and the braces of a query or update, each with its offset in the text;
    strings, IRIs, comments and names are passed over."""
    for token in _SPARQL_TOKEN.finditer(sparql):
        if token.lastgroup == "word":
            yield token.group().upper(), token.start()
        elif token.group() in ("{", "}"):
            yield token.group(), token.start()
