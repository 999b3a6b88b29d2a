"""Make the small Lovdata fixtures the importer tests read, from the real dump in ../shared/lovdata.

Lovdata's XML is not committed (issue 4: «never the raw XML»). The tests call :func:`make_excerpts` once per
session (the ``lovdata_fixtures`` fixture in ``tests/conftest.py``) to cut, into a temporary folder, a few
chapters of a few documents (aml, Grunnloven in bokmål and nynorsk, kjøpsloven with its repeated «kap. I»,
forvaltningsloven, a regulation), each pretty-printed and on one line, the one-line files packed as the two
archives Lovdata publishes, and a truncated and a corrupt copy of the law archive.

Only the hand-made fixtures, which hold nothing of Lovdata's, are committed here: ``not-lovdata.tar.bz2``,
``not-lovdata-xhtml.tar.bz2``, ``invalid-curated.ttl`` and ``curated-fixture.ttl``.

    .venv/bin/python tests/data/lovdata/make_fixtures.py excerpts /tmp/lovdata   # look at the excerpts
    .venv/bin/python tests/data/lovdata/make_fixtures.py synthetic               # rewrite the committed ones
"""

from __future__ import annotations

import io
import re
import sys
import tarfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DUMP = HERE.parents[2].parent / "shared" / "lovdata"
LAWS = "gjeldende-lover.tar.bz2"
REGULATIONS = "gjeldende-sentrale-forskrifter.tar.bz2"
KEEP = {
    "nl/nl-20050617-062.xml": {"kap1", "kap2A", "kap15"},
    "nl/nl-18140517-000.xml": {"kapA", "kapE"},
    "nl/nl-18140517-000-nn.xml": {"kapA", "kapE"},
    "nl/nl-19880513-027.xml": {"kapI", "delIII"},
    "nl/nl-19670210-000.xml": {"kapII"},
    "sf/sf-20111206-1355.xml": {"kap1", "kap2"},
}
HEADER = '<?xml version="1.0"?>\n<!DOCTYPE html>\n'


def _archive(member: str) -> str:
    return REGULATIONS if member.startswith("sf/") else LAWS


def _read_members(archive: Path, wanted: set[str]) -> dict[str, bytes]:
    """The wanted members of one archive, in a single streaming pass that stops at the last one found."""
    found: dict[str, bytes] = {}
    with tarfile.open(archive, "r|bz2") as tar:
        for member in tar:
            if member.name in wanted:
                handle = tar.extractfile(member)
                assert handle is not None, member.name
                found[member.name] = handle.read()
                if len(found) == len(wanted):
                    break
    missing = wanted - found.keys()
    if missing:
        raise FileNotFoundError(f"{archive}: missing {sorted(missing)}")
    return found


def read_members(dump: Path = DUMP) -> dict[str, bytes]:
    """The original XML of every file in :data:`KEEP`; the two archives are read side by side (bz2 releases
    the GIL), so the cost is the one pass over the larger archive."""
    by_archive: dict[str, set[str]] = {}
    for member in KEEP:
        by_archive.setdefault(_archive(member), set()).add(member)
    with ThreadPoolExecutor(max_workers=len(by_archive)) as pool:
        parts = pool.map(lambda item: _read_members(dump / item[0], item[1]), by_archive.items())
        return {name: data for part in parts for name, data in part.items()}


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


def make_excerpts(target: Path, dump: Path = DUMP) -> Path:
    """Write the excerpts of the real dump into ``target`` and return it: ``pretty/`` and ``oneline/``
    folders, the archives ``gjeldende-lover.tar.bz2`` and ``gjeldende-sentrale-forskrifter.tar.bz2``, and
    ``truncated.tar.bz2`` and ``corrupt.tar.bz2`` made from the law archive."""
    oneline: dict[str, bytes] = {}
    for member, data in read_members(dump).items():
        one = _oneline(_trim(data, KEEP[member]))
        pretty = _pretty(_trim(data, KEEP[member]))
        for folder, text in (("oneline", one), ("pretty", pretty)):
            path = target / folder / member
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        oneline[member] = one.encode()
    for archive in (LAWS, REGULATIONS):
        _tar(target / archive, {k: v for k, v in oneline.items() if _archive(k) == archive})
    whole = (target / LAWS).read_bytes()
    (target / "truncated.tar.bz2").write_bytes(whole[: len(whole) // 2])
    (target / "corrupt.tar.bz2").write_bytes(whole[:64] + bytes(range(256)) * 8 + whole[-64:])
    return target


def make_synthetic(target: Path = HERE) -> None:
    """The hand-made failure-mode fixtures, which hold nothing of Lovdata's (committed)."""
    _tar(target / "not-lovdata.tar.bz2", {"notes/README.md": b"# Notes\n", "notes/data.xml": b"<data/>\n"})
    _tar(
        target / "not-lovdata-xhtml.tar.bz2",
        {"nl/nl-20000101-001.xml": HEADER.encode() + b"<html><body><p>Hei</p></body></html>\n"},
    )
    (target / "invalid-curated.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://lovdata.no/lov/2005-06-17-62> skos:altLabel "arbeidsmiljøloven"@nb\n'
        '# a hand edit that forgot the final full stop and opened a string: "\n',
        encoding="utf-8",
    )


def main(argv: list[str]) -> int:
    if argv[:1] == ["synthetic"] and len(argv) == 1:
        make_synthetic()
        return 0
    if argv[:1] == ["excerpts"] and len(argv) == 2:
        make_excerpts(Path(argv[1]))
        return 0
    print(__doc__.strip().splitlines()[-2].strip(), file=sys.stderr)
    print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
