"""What every page shares: the Jinja2 environment, the interface language and the rendering of a page.

The language comes from ``?lang=nb|nn|en``, else the ``lang`` cookie, else bokmål; a ``?lang=`` choice is
kept in the cookie so the next page keeps it.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from api.i18n import DEFAULT_LANG, LANGS, LANGUAGE_NAMES, text, translator

COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600
NAVIGATION = (("overview", "/", "nav_overview"), ("check", "/sjekk", "nav_check"), ("query", "/sporring", "nav_query"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["language_names"] = LANGUAGE_NAMES
    env.globals["version"] = _software()
    env.filters["lines"] = source_lines
    return env


def _software() -> str:
    try:
        return version("strategigraf")
    except Exception:  # a checkout that was never installed
        return "dev"


def language(request: Request) -> str:
    chosen = request.query_params.get("lang")
    if chosen in LANGS:
        return chosen
    remembered = request.cookies.get(COOKIE)
    return remembered if remembered in LANGS else DEFAULT_LANG


def source_lines(lines: Any, lang: str, paragraphs: bool = False) -> str:
    """«linje 204» or «linje 204–206» for a ``[start, end]`` pair; empty when the element has no lines."""
    if not lines or lines[0] is None:
        return ""
    start, end = lines[0], lines[1] if len(lines) > 1 and lines[1] is not None else lines[0]
    if start == end:
        return text("paragraph" if paragraphs else "line", lang, n=start)
    return text("paragraphs" if paragraphs else "lines", lang, a=start, b=end)


def language_links(request: Request) -> dict[str, str]:
    """The current page in each language: the same path and query, with ``lang`` replaced."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return {lang: f"{request.url.path}?{urlencode([*kept, ('lang', lang)])}" for lang in LANGS}


def render(
    request: Request, template: str, *, active: str | None = None, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page from ``template`` in the request's language, inside the shared layout."""
    lang = language(request)
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            t=translator(lang),
            navigation=NAVIGATION,
            active=active,
            language_links=language_links(request),
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(COOKIE, language(request), max_age=COOKIE_AGE, samesite="lax", httponly=True)
    return response
