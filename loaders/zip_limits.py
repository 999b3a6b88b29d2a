"""How much a zip package (a .docx) may unpack to, checked before and while its parts are read.

A .docx is a zip archive; python-docx reads every part whole into memory and lxml parses the XML parts, so
a small file that unpacks to hundreds of MB (a zip bomb) would take the reader's memory. Each part may
unpack to at most ``MAX_PART_BYTES`` and the whole package to ``MAX_UNPACKED_BYTES``. Both the sizes the
archive declares and the bytes that actually come out of the decompressor are checked: the parts are
streamed through in chunks, so the check itself holds one chunk at a time.
"""

from __future__ import annotations

import zipfile

MAX_PART_BYTES = 32 * 2**20  # one part (document.xml, an image), unpacked
MAX_UNPACKED_BYTES = 80 * 2**20  # the whole package, unpacked
_CHUNK = 2**20


class TooLarge(Exception):
    """A part, or the package, unpacks to more than the limit. ``part`` is None for the whole package."""

    def __init__(self, part: str | None, size: int, limit: int) -> None:
        super().__init__(f"{part or 'the package'}: {size} bytes, limit {limit}")
        self.part, self.size, self.limit = part, size, limit

    def messages(self) -> tuple[str, str]:
        """The Norwegian and English detail, in MB."""
        size, limit = _mb(self.size), _mb(self.limit)
        if self.part is None:
            return (f"fila pakkar ut til meir enn {size} MB; grensa er {limit} MB",
                    f"the file unpacks to more than {size} MB; the limit is {limit} MB")
        return (f"delen «{self.part}» pakkar ut til meir enn {size} MB; grensa er {limit} MB per del",
                f"the part {self.part!r} unpacks to more than {size} MB; the limit is {limit} MB per part")


def _mb(size: int) -> str:
    return f"{size / 2**20:.3g}"


def check_unpacked(
    archive: zipfile.ZipFile, part_limit: int | None = None, total_limit: int | None = None
) -> None:
    """Raise ``TooLarge`` if a part or the whole archive unpacks past its limit, by the declared sizes and
    then by the bytes the decompressor gives (read in chunks and dropped)."""
    part_limit = MAX_PART_BYTES if part_limit is None else part_limit
    total_limit = MAX_UNPACKED_BYTES if total_limit is None else total_limit
    infos = archive.infolist()
    declared = 0
    for info in infos:
        if info.file_size > part_limit:
            raise TooLarge(info.filename, info.file_size, part_limit)
        declared += info.file_size
        if declared > total_limit:
            raise TooLarge(None, declared, total_limit)
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        actual = 0
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                actual += len(chunk)
                total += len(chunk)
                if actual > part_limit:
                    raise TooLarge(info.filename, actual, part_limit)
                if total > total_limit:
                    raise TooLarge(None, total, total_limit)
