"""Make the small Lovdata fixtures the importer tests read, from the real dump in ../shared/lovdata.

Run once from the repository root: ``.venv/bin/python tests/data/lovdata/make_fixtures.py``. It keeps a few
chapters of a few documents (aml, Grunnloven in bokmål and nynorsk, kjøpsloven with its repeated «kap. I»,
a regulation), writes each both pretty-printed and on one line, packs the one-line laws and regulations
into archives, and writes one fixture per failure mode.
"""

from __future__ import annotations

import io
import re
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
DUMP = HERE.parents[3] / "shared" / "lovdata"
KEEP = {
    "nl/nl-20050617-062.xml": {"kap1", "kap2A", "kap15"},
    "nl/nl-18140517-000.xml": {"kapA", "kapE"},
    "nl/nl-18140517-000-nn.xml": {"kapA", "kapE"},
    "nl/nl-19880513-027.xml": {"kapI", "delIII"},
    "nl/nl-19670210-000.xml": {"kapII"},
    "sf/sf-20111206-1355.xml": {"kap1", "kap2"},
}
HEADER = '<?xml version="1.0"?>\n<!DOCTYPE html>\n'


def _read(member: str) -> bytes:
    archive = "gjeldende-lover.tar.bz2"
    if member.startswith("sf/"):
        archive = "gjeldende-sentrale-forskrifter.tar.bz2"
    with tarfile.open(DUMP / archive) as tar:
        handle = tar.extractfile(member)
        assert handle is not None
        return handle.read()


def _trim(data: bytes, keep: set[str]) -> ET.Element:
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", data))
    for dd in root.iter("dd"):
        if dd.get("class") == "table-of-contents":
            dd.clear()
            dd.set("class", "table-of-contents")
    main = next(e for e in root.iter("main"))
    for section in list(main):
        if section.tag == "section" and section.get("data-name") not in keep:
            main.remove(section)
    # Keep the kept chapters small: at most 25 articles each.
    for section in main.iter("section"):
        articles = [a for a in section if a.tag == "article"]
        for article in articles[25:]:
            section.remove(article)
    return root


def _oneline(root: ET.Element) -> str:
    for element in root.iter():
        if element.text is not None and not element.text.strip() and len(element):
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return HEADER.replace("\n", "") + ET.tostring(root, encoding="unicode")


def _pretty(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return HEADER + ET.tostring(root, encoding="unicode") + "\n"


def _tar(path: Path, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:bz2") as tar:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1762646400  # 2025-11-09
            tar.addfile(info, io.BytesIO(data))


def main() -> None:
    oneline: dict[str, bytes] = {}
    for member, keep in KEEP.items():
        one = _oneline(_trim(_read(member), keep))
        pretty = _pretty(_trim(_read(member), keep))
        for folder, text in (("oneline", one), ("pretty", pretty)):
            target = HERE / folder / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        oneline[member] = one.encode()
    _tar(HERE / "gjeldende-lover.tar.bz2", {k: v for k, v in oneline.items() if k.startswith("nl/")})
    regulations = {k: v for k, v in oneline.items() if k.startswith("sf/")}
    _tar(HERE / "gjeldende-sentrale-forskrifter.tar.bz2", regulations)
    whole = (HERE / "gjeldende-lover.tar.bz2").read_bytes()
    (HERE / "truncated.tar.bz2").write_bytes(whole[: len(whole) // 2])
    (HERE / "corrupt.tar.bz2").write_bytes(whole[:64] + bytes(range(256)) * 8 + whole[-64:])
    _tar(HERE / "not-lovdata.tar.bz2", {"notes/README.md": b"# Notes\n", "notes/data.xml": b"<data/>\n"})
    _tar(
        HERE / "not-lovdata-xhtml.tar.bz2",
        {"nl/nl-20000101-001.xml": HEADER.encode() + b"<html><body><p>Hei</p></body></html>\n"},
    )
    (HERE / "invalid-curated.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://lovdata.no/lov/2005-06-17-62> skos:altLabel "arbeidsmiljøloven"@nb\n'
        '# a hand edit that forgot the final full stop and opened a string: "\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
