"""``GET/POST /sparql``: the SPARQL 1.1 Protocol for queries (updates only when explicitly enabled).

Query via GET ``?query=``, POST ``application/x-www-form-urlencoded`` or POST ``application/sparql-query``;
``default-graph-uri`` and ``named-graph-uri`` are honoured (over the query's FROM, as the Protocol says); the
answer format is negotiated from Accept (q-values) before the query runs, so an unacceptable Accept costs
nothing and gets 406. SERVICE is refused: the server would call out to any address a client names.

An answer is sent whole or not at all: past the server's row cap or memory bound the client gets 503 with
a message that names the limit, never a part of the answer (a standard client cannot see a custom header).
Relative IRIs in a query or update resolve against the endpoint's own URL. A remote store that fails gets
502. Bodies are UTF-8 (another charset: 415). An update's ``using-graph-uri`` and ``using-named-graph-uri``
are applied by ``api.update_dataset``.
"""

from __future__ import annotations

import asyncio
import hmac
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from api.negotiation import GRAPH_TYPES, choose, media_of, offered_for, prefers_html
from api.query_guard import check_nesting, check_query
from api.query_pool import QueryTimeout
from api.update_dataset import prepared_update
from graph.bounded import AnswerTooLarge
from graph.results import serialize
from graph.sparql_text import query_form
from graph.store import QueryResult
from loaders.errors import InputError

MAX_QUERY_BYTES = 1_000_000
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
TRUNCATED_HEADER = "X-Strategigraf-Truncated"  # the dashboard API's; /sparql never cuts an answer

router = APIRouter()


def _problem(status: int, nb: str, en: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(f"{nb}\n{en}\n", status_code=status, headers=headers)


async def _parameters(request: Request) -> dict[str, list[str]] | Response:
    """All protocol parameters of the request, or the 4xx answer for a request that breaks the protocol."""
    parameters: dict[str, list[str]] = {k: request.query_params.getlist(k) for k in request.query_params}
    if request.method == "GET":
        return parameters
    body = await request.body()
    if len(body) > getattr(request.app.state, "max_query_bytes", MAX_QUERY_BYTES):  # BodyLimit refuses first
        return _problem(413, "Spørjinga er for stor.", "The request is too large.")
    media, *media_parameters = (part.strip() for part in request.headers.get("content-type", "").split(";"))
    media = media.lower()
    charset = next(
        (p.split("=", 1)[1].strip('" ').lower() for p in media_parameters if p.lower().startswith("charset=")), ""
    )
    if charset not in ("", "utf-8", "utf8"):  # the Protocol's bodies are UTF-8 (W3C test bad_query_non_utf8)
        return _problem(
            415, f"Berre UTF-8 er støtta, ikkje charset={charset}.", f"Only UTF-8 is supported, not charset={charset}."
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        return _problem(
            400, f"Innhaldet er ikkje gyldig UTF-8 ({error.reason}).", f"The body is not valid UTF-8 ({error.reason})."
        )
    if media == "application/x-www-form-urlencoded":
        for key, values in parse_qs(text, keep_blank_values=True).items():
            parameters.setdefault(key, []).extend(values)
    elif media == "application/sparql-query":
        parameters.setdefault("query", []).append(text)
    elif media == "application/sparql-update":
        parameters.setdefault("update", []).append(text)
    else:
        return _problem(
            415,
            "Bruk application/sparql-query, application/sparql-update eller application/x-www-form-urlencoded.",
            "Use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded.",
        )
    return parameters


def _service_description(request: Request) -> Graph:
    endpoint = URIRef(str(request.url_for("sparql")))
    graph = Graph()
    graph.bind("sd", SD)
    graph.add((endpoint, RDF.type, SD.Service))
    graph.add((endpoint, SD.endpoint, endpoint))
    graph.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((endpoint, SD.feature, SD.UnionDefaultGraph))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "RDF_XML",
        "JSON-LD",
    ):
        graph.add((endpoint, SD.resultFormat, FORMATS[name]))
    if request.app.state.allow_updates:
        graph.add((endpoint, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((endpoint, URIRef("http://purl.org/dc/terms/title"), Literal("strategigraf SPARQL", lang="en")))
    return graph


async def _update(request: Request, text: str, parameters: dict[str, list[str]]) -> Response:
    """Run an update for a client with the token: the endpoint's base, and the Protocol's ``using-graph-uri`` and
    ``using-named-graph-uri`` as the dataset."""
    state = request.app.state
    if not state.allow_updates:
        return _problem(403, "Oppdateringar er slått av på denne tenaren.", "Updates are disabled on this server.")
    token = request.headers.get("authorization", "")
    expected = f"Bearer {state.update_token}"
    if not state.update_token or not hmac.compare_digest(token.encode(), expected.encode()):
        return _problem(
            401,
            "Manglar eller feil token.",
            "Missing or wrong bearer token.",
            {"WWW-Authenticate": 'Bearer realm="strategigraf"'},
        )
    try:
        check_nesting(text)
        await state.pool.update(
            prepared_update(
                text,
                str(request.url_for("sparql")),
                parameters.get("using-graph-uri", []),
                parameters.get("using-named-graph-uri", []),
            )
        )
    except InputError as error:
        return _problem(400, error.message_nn, error.message_en)
    return Response(status_code=204)


@router.api_route("/sparql", methods=["GET", "POST"], name="sparql", include_in_schema=True)
async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol. Without a query: the service description, or the query page for browsers."""
    parameters = await _parameters(request)
    if isinstance(parameters, Response):
        return parameters
    queries, updates = parameters.get("query", []), parameters.get("update", [])
    if queries and updates:
        return _problem(
            400, "Ein førespurnad kan ikkje ha både query og update.", "A request cannot mix query and update."
        )
    if len(queries) > 1 or len(updates) > 1:
        return _problem(400, "Berre éin query- eller update-parameter er lov.", "Only one query or update parameter.")
    if updates:
        if request.method == "GET":
            return _problem(405, "Oppdateringar må sendast med POST.", "Updates must be sent with POST.")
        return await _update(request, updates[0], parameters)
    accept = request.headers.get("accept")
    if not queries and request.method == "POST":
        return _problem(
            400,
            "Ein POST til /sparql må ha ein query- eller update-parameter.",
            "A POST to /sparql needs a query or update parameter.",
        )
    if not queries:
        page = getattr(request.app.state, "query_page", None)
        if page is not None and prefers_html(accept):
            return await page(request)
        chosen = choose(accept, GRAPH_TYPES) or ("text/turtle", "turtle")
        description = QueryResult(kind="graph", graph=_service_description(request))
        return Response(serialize(description, chosen[1]), media_type=media_of(chosen[1], "graph"))
    text = queries[0]
    try:
        await asyncio.to_thread(check_query, text)  # SERVICE and deep nesting, on the parsed query
    except InputError as error:
        return _problem(400, error.message_nn, error.message_en)
    offered = offered_for(query_form(text))
    chosen = choose(accept, offered)
    if chosen is None:
        return _problem(
            406,
            f"Kan ikkje svare i nokon av formata i Accept: {accept}",
            f"None of the formats in Accept can be served: {accept}",
        )
    pool = request.app.state.pool
    try:
        result = await pool.whole(
            text,
            default_graphs=parameters.get("default-graph-uri") or None,
            named_graphs=parameters.get("named-graph-uri") or None,
            base_iri=str(request.url_for("sparql")),
        )
    except InputError as error:  # the client's query, or (502) a remote store that failed
        return _problem(502 if error.kind == "remote" else 400, error.message_nn, error.message_en)
    except AnswerTooLarge as error:
        return _too_large(error)
    except QueryTimeout:
        seconds = pool.timeout
        return _problem(
            503,
            f"Spørjinga tok meir enn {seconds:g} s og vart stoppa.",
            f"The query ran longer than {seconds:g} s and was stopped.",
        )
    kind = "graph" if isinstance(result, QueryResult) else "ask" if result.is_ask else "select"
    fmt = chosen[1]
    if offered_for(kind) is not offered:  # the form seen before the query ran was not the answer's
        again = choose(accept, offered_for(kind))
        if again is None:
            return _problem(406, "Svaret kan ikkje gjevast i formatet i Accept.", "Cannot answer in the Accept format.")
        fmt = again[1]
    media = media_of(fmt, kind)
    if media.startswith("text/") or media.endswith("json"):
        media += "; charset=utf-8"
    body = await asyncio.to_thread(serialize, result, fmt)  # a large answer is written off the event loop
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _too_large(error: AnswerTooLarge) -> Response:
    """503 for an answer past the server's limits, naming the limit and how to page."""
    if error.limit == "rows":
        what_nn = f"har fleire enn {error.value:,} rader (eller tripler)".replace(",", " ")
        what_en = f"has more than {error.value:,} rows (or triples)"
    else:
        size = f"{error.value / 2**20:g} MB"
        what_nn, what_en = f"er større enn {size}", f"is larger than {size}"
    return _problem(
        503,
        f"Svaret {what_nn}, grensa på denne tenaren; det vert ikkje sendt delvis. "
        "Hent det side for side med LIMIT og OFFSET (og ORDER BY), til dømes LIMIT 1000 OFFSET 0.",
        f"The answer {what_en}, this server's limit; it is never sent in part. "
        "Fetch it page by page with LIMIT and OFFSET (and ORDER BY), for example LIMIT 1000 OFFSET 0.",
    )
