"""The web pages: overview, one strategy, check a draft, query; server-rendered with Jinja2, in nb/nn/en.

``router`` holds every page; ``query_page`` is what ``GET /sparql`` shows a browser; ``STATIC`` is the folder
of the style sheet and the query page's script, served at ``/static``. No page loads anything from another
host, so they work without internet.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from api.web import check, overview, query, strategy
from api.web.query import query_page

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter()
for module in (overview, strategy, check, query):
    router.include_router(module.router)

__all__ = ["STATIC", "query_page", "router"]
