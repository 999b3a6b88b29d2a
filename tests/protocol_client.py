"""An HTTP client for the W3C SPARQL 1.1 Protocol tests: requests sent exactly as written."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from xml.etree import ElementTree

SPARQL_RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"


class Answer:
    """An HTTP response: status, lower-cased headers, body."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def boolean(self) -> bool:
        """The boolean of a SPARQL JSON or XML answer."""
        if self.media == "application/sparql-results+json":
            return json.loads(self.body)["boolean"]
        element = ElementTree.fromstring(self.body).find(f"{SPARQL_RESULTS_XML}boolean")
        assert element is not None, self.body
        return element.text == "true"

    def bindings(self) -> list[dict[str, dict[str, str]]]:
        assert self.media == "application/sparql-results+json", self.media
        return json.loads(self.body)["results"]["bindings"]


def send(
    server: str,
    method: str,
    parameters: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request to ``/sparql``, sent as written: http.client adds no Content-Type of its own (urllib
    would add a form type to every POST, and the manifest has POSTs without one)."""
    address = urllib.parse.urlsplit(server)
    path = "/sparql" + ("?" + urllib.parse.urlencode(parameters) if parameters else "")
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def succeeded(answer: Answer) -> bool:
    """The manifest's ``ht:StatusCode2xx, ht:StatusCode3xx``."""
    return 200 <= answer.status < 400
