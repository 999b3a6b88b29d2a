"""The named queries in ``queries/*.rq`` and their ``#+`` decorators (grlc style).

Each file starts with YAML lines prefixed by ``#+ ``: ``summary``, ``description``, ``tags``,
``pagination`` and ``params`` (name → ``type``, ``default``, ``enum``, ``description``, ``required``).
A parameter ``theme`` binds the query variable ``?theme``. Values are checked and turned into typed RDF
terms, then bound with a trailing ``VALUES`` block, serialised by rdflib: a value is never pasted into
the query text, so «"} ; DROP ALL #» is just a string that matches nothing. The VALUES block opens the
outer ``WHERE {`` group, so the bound values are in scope for every FILTER of the query.

A decorator that does not parse stops the loading with the file and line (grlc skips a tab silently; we
do not).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from graph import iris
from loaders import municipalities
from loaders.errors import InputError
from loaders.resources import queries_dir
from loaders.vocabulary import ID, SG, known_slugs

DECORATOR = "#+"
DECORATOR_KEYS = {"summary", "description", "tags", "params", "pagination", "method", "endpoint"}
PARAM_KEYS = {"type", "default", "enum", "description", "required", "example"}
TYPES = ("iri", "string", "integer", "date", "municipality", "theme", "role")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class QueryLibraryError(Exception):
    """A named query file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    enum: tuple[str, ...] = ()
    description: str = ""
    required: bool = False
    example: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    sparql: str  # without the decorator lines
    summary: str
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    pagination: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    narrowed: str | None = None  # queries/narrowed/NAME.rq: the shape for when an optional parameter is given

    def bind(self, values: dict[str, str], page: int | None = None) -> str:
        """The query with its parameters bound by value (raises InputError for a bad value)."""
        unknown = set(values) - {p.name for p in self.params} - {"page"}
        if unknown:
            raise InputError(
                f"ukjend parameter: {', '.join(sorted(unknown))}",
                f"unknown parameter: {', '.join(sorted(unknown))}",
                path=self.name,
                kind="param",
            )
        bound: list[tuple[str, Node]] = []
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is None or raw == "":
                if param.required:
                    raise InputError(
                        f"parameteren «{param.name}» manglar", f"parameter {param.name!r} is missing",
                        path=self.name, kind="param",
                    )
                continue
            bound.append((param.name, to_term(param, str(raw))))
        narrowing = any(p.name in dict(bound) for p in self.params if not p.required and p.default is None)
        query = (self.narrowed if narrowing and self.narrowed else self.sparql).rstrip()
        if self.pagination:
            number = max(1, page or 1)
            query += f"\nLIMIT {self.pagination} OFFSET {(number - 1) * self.pagination}"
        if bound:  # a VALUES block that opens the query's WHERE group, so FILTERs see the bound values
            variables = " ".join(f"?{name}" for name, _ in bound)
            terms = " ".join(term.n3() for _, term in bound)
            where = _where_brace(query)
            query = f"{query[: where + 1]}\n  VALUES ({variables}) {{ ({terms}) }}{query[where + 1 :]}"
        return query + "\n"


def _where_brace(query: str) -> int:
    """The position of the «{» that opens the outer WHERE group, skipping IRIs, strings and comments."""
    position, depth = 0, 0
    while position < len(query):
        char = query[position]
        if char == "<" and (end := query.find(">", position)) != -1 and " " not in query[position:end]:
            position = end + 1
            continue
        if char in "\"'":
            end = query.find(char, position + 1)
            position = (end if end != -1 else len(query)) + 1
            continue
        if char == "#":
            position = query.find("\n", position) if "\n" in query[position:] else len(query)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and query[position : position + 5].upper() == "WHERE":
            brace = query.find("{", position)
            if brace != -1:
                return brace
        position += 1
    raise QueryLibraryError("the query has no WHERE { … } group to bind parameters in")


def _bad(param: Param, value: str, nb: str, en: str) -> InputError:
    shown = value if len(value) <= 60 else value[:57] + "…"
    return InputError(
        f"ugyldig verdi for «{param.name}» ({param.type}): «{shown}»; {nb}",
        f"invalid value for {param.name!r} ({param.type}): {shown!r}; {en}",
        kind="param",
    )


def to_term(param: Param, value: str) -> Node:
    """A checked, typed RDF term for a parameter value."""
    if param.enum and value not in param.enum:
        raise _bad(param, value, f"vel ein av {', '.join(param.enum)}", f"choose one of {', '.join(param.enum)}")
    if param.type == "iri":
        if not _IRI.match(value):
            raise _bad(param, value, "venta ein absolutt http(s)-IRI", "expected an absolute http(s) IRI")
        return URIRef(value)
    if param.type == "string":
        if len(value) > 200:
            raise _bad(param, value, "teksten er for lang (over 200 teikn)", "the text is too long (over 200)")
        return Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"-?\d{1,9}", value):
            raise _bad(param, value, "venta eit heiltal", "expected an integer")
        return Literal(int(value))
    if param.type == "date":
        try:
            return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            raise _bad(param, value, "venta ein dato som 2025-01-31", "expected a date such as 2025-01-31") from None
    if param.type == "municipality":
        entity = municipalities.by_number(value) if value.isdigit() else municipalities.resolve(value)
        if entity is None:
            raise _bad(param, value, "ukjend kommune- eller fylkesnummer", "unknown municipality or county")
        return iris.municipality_iri(entity.number)
    scheme, cls = {"theme": ("tema", SG.Theme), "role": ("rolle", SG.Role)}[param.type]
    slugs = known_slugs(cls, f"{ID}{scheme}/")
    if value not in slugs:
        raise _bad(
            param,
            value,
            f"kjende verdiar: {', '.join(sorted(slugs))}",
            f"known values: {', '.join(sorted(slugs))}",
        )
    return iris.vocabulary_iri(scheme, value)


def _decorators(path: Path, text: str) -> tuple[dict[str, Any], str]:
    lines = text.splitlines()
    block: list[str] = []
    for line in lines:
        if not line.startswith(DECORATOR):
            break
        block.append(line[len(DECORATOR) :].removeprefix(" "))
    body = "\n".join(lines[len(block) :])
    for number, line in enumerate(block, start=1):
        if "\t" in line:
            raise QueryLibraryError(f"{path}:{number}: tabulator i dekoratoren / tab in a decorator")
    try:
        data = yaml.safe_load("\n".join(block)) if block else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise QueryLibraryError(
            f"{path}:{line}: dekoratoren er ikkje gyldig YAML / invalid decorator: {error}"
        ) from None
    if not isinstance(data, dict):
        raise QueryLibraryError(f"{path}:1: dekoratorane må vere eit YAML-kart / decorators must be a mapping")
    return data, body


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^#\+\s*{re.escape(key)}\s*:", line) or re.match(rf"^#\+\s+{re.escape(key)}\s*:", line):
            return number
    return 1


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    data, body = _decorators(path, text)
    name = path.stem
    if not _NAME.match(name):
        raise QueryLibraryError(f"{path}:1: filnamnet må vere små bokstavar og bindestrek / lowercase and dashes")
    unknown = set(data) - DECORATOR_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise QueryLibraryError(f"{path}:{_line_of(text, key)}: ukjend dekorator / unknown decorator «{key}»")
    if not data.get("summary"):
        raise QueryLibraryError(f"{path}:1: «summary» manglar / missing summary")
    params = []
    for param_name, spec in (data.get("params") or {}).items():
        line = _line_of(text, param_name)
        if not isinstance(spec, dict) or spec.get("type") not in TYPES or set(spec) - PARAM_KEYS:
            raise QueryLibraryError(
                f"{path}:{line}: parameteren «{param_name}» treng type ({', '.join(TYPES)}) / bad parameter spec"
            )
        if not re.search(rf"\?{re.escape(param_name)}\b", body):
            raise QueryLibraryError(f"{path}:{line}: ?{param_name} finst ikkje i spørjinga / not in the query")
        params.append(
            Param(
                name=param_name,
                type=spec["type"],
                default=None if spec.get("default") is None else str(spec["default"]),
                enum=tuple(str(v) for v in spec.get("enum") or ()),
                description=str(spec.get("description") or ""),
                required=bool(spec.get("required", False)),
                example=None if spec.get("example") is None else str(spec["example"]),
            )
        )
    pagination = data.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or pagination < 1):
        raise QueryLibraryError(f"{path}:{_line_of(text, 'pagination')}: pagination må vere eit positivt heiltal")
    if pagination and re.search(r"\b(LIMIT|OFFSET)\b", body, re.IGNORECASE):
        raise QueryLibraryError(f"{path}:1: pagination og LIMIT/OFFSET i same spørjing / both pagination and LIMIT")
    try:
        ox.Store().query(body)
        if params:
            _where_brace(body)
    except SyntaxError as error:
        raise QueryLibraryError(f"{path}: SPARQL-feil / SPARQL error: {error}") from None
    except QueryLibraryError as error:
        raise QueryLibraryError(f"{path}: {error}") from None
    tags = data.get("tags") or []
    return NamedQuery(
        name=name,
        path=path,
        sparql=body.strip() + "\n",
        summary=str(data["summary"]),
        description=str(data.get("description") or ""),
        tags=tuple(tags if isinstance(tags, list) else [tags]),
        params=tuple(params),
        pagination=pagination,
    )


def _with_narrowed(query: NamedQuery, path: Path) -> NamedQuery:
    """``query`` with the other shape in ``path``, checked to be a query over the same parameters with the
    same columns (tests check it also gives the same rows)."""
    body = path.read_text(encoding="utf-8")
    lines = body.splitlines()
    if decorated := [n for n, line in enumerate(lines, 1) if line.lstrip().startswith(DECORATOR)]:
        raise QueryLibraryError(
            f"{path}:{decorated[0]}: ei smalare form har ikkje dekoratorar / a narrowed shape has no decorators"
        )
    try:
        result, main = ox.Store().query(body), ox.Store().query(query.sparql)
        _where_brace(body)
    except SyntaxError as error:
        raise QueryLibraryError(f"{path}: SPARQL-feil / SPARQL error: {error}") from None
    except QueryLibraryError as error:
        raise QueryLibraryError(f"{path}: {error}") from None
    if not isinstance(result, ox.QuerySolutions) or not isinstance(main, ox.QuerySolutions) or (
        [v.value for v in result.variables] != [v.value for v in main.variables]
    ):
        raise QueryLibraryError(f"{path}:1: andre kolonnar enn {query.path.name} / other columns than the query")
    missing = [p.name for p in query.params if not re.search(rf"\?{re.escape(p.name)}\b", body)]
    if missing:
        raise QueryLibraryError(f"{path}:1: ?{missing[0]} finst ikkje i spørjinga / not in the query")
    return replace(query, narrowed=body.strip() + "\n")


@cache
def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name. Raises QueryLibraryError for the first file that does not parse.

    A query may have a second shape in ``narrowed/`` under the same name, run when an optional parameter
    without a default is given. Oxigraph joins a query's parts the way they are written: scanning whole
    predicates and hash-joining them is fastest over every municipality, looking up one row at a time from
    the bound value is fastest for one (``measures-without-role`` for one municipality at 357 strategies:
    162 ms in the first shape, 1.6 ms in the second)."""
    folder = folder or queries_dir()
    queries = {query.name: query for query in (parse(path) for path in sorted(folder.glob("*.rq")))}
    for path in sorted((folder / "narrowed").glob("*.rq")):
        if path.stem not in queries:
            raise QueryLibraryError(f"{path}:1: ingen spørjing {path.stem}.rq / no query {path.stem}.rq to narrow")
        queries[path.stem] = _with_narrowed(queries[path.stem], path)
    return queries


def get(name: str) -> NamedQuery:
    queries = library()
    if name not in queries:
        raise InputError(
            f"ukjend namngjeven spørjing «{name}»; sjå «strategigraf query --list»",
            f"unknown named query {name!r}; see «strategigraf query --list»",
            kind="not_found",
        )
    return queries[name]
