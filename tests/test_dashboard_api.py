"""The JSON API for dashboards, over real HTTP against `strategigraf serve` on the bundled graph."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.named_queries import library
from tests.http_server import strategigraf_server


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    with strategigraf_server(bundled_store_path, "--row-cap", "5") as url:
        yield url


def get(url: str, accept: str = "application/json") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def get_json(url: str) -> Any:
    status, _, body = get(url)
    assert status == 200, body
    return json.loads(body)


def test_the_catalogue_lists_every_named_query_with_its_parameters(server: str) -> None:
    catalogue = {q["name"]: q for q in get_json(f"{server}/api/queries")}
    assert set(catalogue) == set(library())
    assert [p["name"] for p in catalogue["who-cites"]["params"]] == ["law"]


def test_every_named_query_has_its_own_path_in_the_openapi_document(server: str) -> None:
    paths = get_json(f"{server}/openapi.json")["paths"]
    assert all(f"/api/queries/{name}" in paths for name in library())


def test_the_api_documentation_page_loads_swagger_ui_from_the_app_itself(server: str) -> None:
    # Regression: FastAPI's default /docs loads Swagger UI from a CDN, so offline the page stayed blank.
    with urllib.request.urlopen(f"{server}/docs", timeout=30) as response:
        page = response.read().decode("utf-8")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', page)
    assert assets and all(a.startswith("/static/") for a in assets)
    for asset in assets:
        with urllib.request.urlopen(server + asset, timeout=30) as response:
            assert response.status == 200


def test_a_named_query_answers_records_with_numbers_as_numbers(server: str) -> None:
    body = get_json(f"{server}/api/queries/laws-cited")
    assert body["columns"][:3] == ["cited", "id", "label"]
    aml = next(row for row in body["rows"] if row["cited"] == "https://lovdata.no/lov/2005-06-17-62")
    assert isinstance(aml["municipalities"], int) and aml["municipalities"] >= 2


def test_a_parameter_narrows_the_answer(server: str) -> None:
    rows = get_json(f"{server}/api/queries/indicators?factor=8")["rows"]
    assert rows and all(row["factorNumber"] == 8 for row in rows)


def test_a_named_query_answers_csv_on_request(server: str) -> None:
    status, headers, body = get(f"{server}/api/queries/laws-cited?format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert table[0][:3] == ["cited", "id", "label"] and len(table) > 1


def test_a_long_answer_is_cut_at_the_row_cap_and_says_so(server: str) -> None:
    status, headers, body = get(f"{server}/api/queries/roles-duties")
    assert status == 200 and headers["x-strategigraf-truncated"] == "true"
    assert json.loads(body)["truncated"] is True and len(json.loads(body)["rows"]) == 5


def test_a_badly_typed_parameter_gets_422_in_norwegian_and_english(server: str) -> None:
    status, _, body = get(f"{server}/api/queries/indicators?factor=%C3%A5tte")
    detail = json.loads(body)["detail"]
    assert status == 422 and detail["nn"] and detail["en"]


def test_an_unknown_parameter_gets_422(server: str) -> None:
    assert get(f"{server}/api/queries/laws-cited?kommune=0403")[0] == 422


def test_an_unknown_query_gets_404(server: str) -> None:
    assert get(f"{server}/api/queries/finst-ikkje")[0] == 404


def test_municipalities_lists_the_three_seed_municipalities_with_their_strategies(server: str) -> None:
    municipalities = {m["name"]: m for m in get_json(f"{server}/api/municipalities")}
    assert set(municipalities) == {"Alver", "Elverum", "Røros"}
    assert municipalities["Røros"]["strategies"][0]["id"] == "roros-2017"


def _statuses(node: Any) -> set[str]:
    if isinstance(node, dict):
        return ({node["status"]} if "status" in node else set()).union(*(_statuses(v) for v in node.values()))
    return set().union(*(_statuses(v) for v in node)) if isinstance(node, list) else set()


def test_a_strategy_tree_has_areas_with_goals(server: str) -> None:
    tree = get_json(f"{server}/api/strategies/elverum-2016")
    assert tree["title"] == "Arbeidsgiverstrategi for Elverum kommune"
    assert tree["priorityAreas"] and tree["priorityAreas"][0]["goals"]


def test_citation_status_in_a_strategy_tree_is_the_term_name(server: str) -> None:
    # regression: statuses came out as «ont#Resolved»
    assert _statuses(get_json(f"{server}/api/strategies/elverum-2016")) == {"Resolved"}


def test_an_unknown_strategy_gets_404(server: str) -> None:
    assert get(f"{server}/api/strategies/oslo-1999")[0] == 404


def test_theme_coverage_is_a_matrix_of_municipalities_and_themes(server: str) -> None:
    coverage = get_json(f"{server}/api/themes/coverage")
    assert "Røros" in coverage["municipalities"]
    assert any(t["slug"] == "heltidskultur" for t in coverage["themes"])
    assert all(isinstance(cell["elements"], int) for cell in coverage["cells"])


def test_completeness_gives_a_score_per_strategy_with_sections(server: str) -> None:
    scores = {s["id"]: s for s in get_json(f"{server}/api/completeness")}
    assert set(scores) == {"alver-2023", "elverum-2016", "roros-2017"}
    assert all(0 <= s["score"] <= 100 and s["sections"] for s in scores.values())


def test_the_served_ontology_page_links_back_to_the_overview(server: str) -> None:
    status, _, body = get(f"{server}/ontology", accept="text/html")
    assert status == 200 and b'<a href="/">' in body


def test_laws_lists_every_cited_law_with_its_municipalities(server: str) -> None:
    laws = get_json(f"{server}/api/laws")
    assert len(laws) > 5  # a dashboard view is not cut at the server's row cap (5 here)
    aml = next(row for row in laws if row["cited"] == "https://lovdata.no/lov/2005-06-17-62")
    assert aml["label"] == "Arbeidsmiljøloven" and aml["municipalities"] == 2


def _example(document: dict[str, Any], name: str) -> dict[str, Any]:
    return document["paths"][f"/api/queries/{name}"]["get"]["responses"]["200"]["content"]["application/json"][
        "example"
    ]


def test_every_named_querys_openapi_example_has_its_real_columns(server: str) -> None:
    # regression: every example was the same placeholder {"columns": ["…"], "rows": [{"…": "…"}]}
    document = get_json(f"{server}/openapi.json")
    for name, query in library().items():
        required = "&".join(f"{p.name}={p.example or p.default}" for p in query.params if p.required)
        assert _example(document, name)["columns"] == get_json(f"{server}/api/queries/{name}?{required}")["columns"]


def test_a_named_querys_openapi_example_has_its_first_real_rows(server: str) -> None:
    example = _example(get_json(f"{server}/openapi.json"), "laws-cited")
    assert example["rows"] == get_json(f"{server}/api/queries/laws-cited")["rows"][:2]


def test_a_required_parameter_is_required_in_the_openapi_document(server: str) -> None:
    # regression: search.text and strategy-tree.strategy were optional there
    paths = get_json(f"{server}/openapi.json")["paths"]
    for name, param in (("search", "text"), ("strategy-tree", "strategy")):
        declared = {p["name"]: p for p in paths[f"/api/queries/{name}"]["get"]["parameters"]}
        assert declared[param]["required"] is True and declared["format"]["required"] is False


def test_a_missing_required_parameter_gets_422(server: str) -> None:
    assert get(f"{server}/api/queries/search")[0] == 422
    assert get(f"{server}/api/queries/search?text=heltid")[0] == 200


def test_page_on_a_query_without_pagination_gives_that_page(server: str) -> None:
    # regression: ?page=3 was accepted with 200 and ignored (it then gave 422; now every query pages)
    first = get_json(f"{server}/api/queries/roles-duties")
    third = get_json(f"{server}/api/queries/roles-duties?page=3")
    assert (third["page"], third["pageSize"]) == (3, 5) and third["rows"] and third["rows"] != first["rows"]


def _all_pages(server: str, path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while path:
        body = get_json(server + path)
        rows += body["rows"]
        path = body["next"]
    return rows


def test_following_next_gives_every_row_once_whatever_the_page_size(server: str) -> None:
    by_three = _all_pages(server, "/api/queries/roles-duties?page_size=3")
    assert len(by_three) > 5 and by_three == _all_pages(server, "/api/queries/roles-duties")


def test_the_last_page_has_no_next(server: str) -> None:
    rows = _all_pages(server, "/api/queries/roles-duties")
    last = get_json(f"{server}/api/queries/roles-duties?page_size=5&page={(len(rows) + 4) // 5}")
    assert last["next"] is None and last["truncated"] is False and last["rows"]


def test_a_next_page_keeps_the_other_parameters(server: str) -> None:
    body = get_json(f"{server}/api/queries/roles-duties?page_size=2&municipality=5025")
    assert body["next"] == "/api/queries/roles-duties?page_size=2&municipality=5025&page=2"


def test_a_csv_page_links_to_the_next_in_a_link_header(server: str) -> None:
    status, headers, _ = get(f"{server}/api/queries/roles-duties?format=csv&page_size=2", accept="text/csv")
    assert status == 200 and headers["link"] == '</api/queries/roles-duties?format=csv&page_size=2&page=2>; rel="next"'


@pytest.mark.parametrize("size", ["0", "6", "two"])
def test_a_page_size_outside_one_to_the_row_cap_gets_422(server: str, size: str) -> None:
    assert get(f"{server}/api/queries/roles-duties?page_size={size}")[0] == 422


PAGED = """#+ summary: Strategiane, to om gongen / the strategies, two at a time
#+ pagination: 2
PREFIX sg: <https://w3id.org/strategigraf/ont#>
SELECT ?strategy WHERE { ?strategy a sg:EmployerStrategy } ORDER BY ?strategy
"""


@pytest.fixture(scope="module")
def paged_server(bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose query library is one paginated query (no query in queries/ uses pagination yet)."""
    folder = tmp_path_factory.mktemp("paged-queries")
    (folder / "strategies-paged.rq").write_text(PAGED, encoding="utf-8")
    with strategigraf_server(bundled_store_path, env={"STRATEGIGRAF_QUERIES": str(folder)}) as url:
        yield url


def test_pagination_gives_one_page_at_a_time(paged_server: str) -> None:
    first = get_json(f"{paged_server}/api/queries/strategies-paged")
    second = get_json(f"{paged_server}/api/queries/strategies-paged?page=2")
    assert (first["page"], first["pageSize"], second["page"]) == (1, 2, 2)
    slugs = [row["strategy"].rsplit("/", 1)[-1] for row in first["rows"] + second["rows"]]
    assert slugs == ["alver-2023", "elverum-2016", "roros-2017"]
    assert get_json(f"{paged_server}/api/queries/strategies-paged?page=3")["rows"] == []


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5"])
def test_a_page_that_is_not_a_positive_integer_gets_422(paged_server: str, page: str) -> None:
    assert get(f"{paged_server}/api/queries/strategies-paged?page={page}")[0] == 422


def test_a_paginated_query_declares_page_in_the_openapi_document(paged_server: str) -> None:
    operation = get_json(f"{paged_server}/openapi.json")["paths"]["/api/queries/strategies-paged"]["get"]
    page = next(p for p in operation["parameters"] if p["name"] == "page")
    assert page["schema"]["anyOf"][0] == {"type": "integer", "minimum": 1}
    assert _example(get_json(f"{paged_server}/openapi.json"), "strategies-paged")["pageSize"] == 2
