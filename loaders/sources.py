"""Input files before any parsing: format, size, emptiness, binary data, checksum.

Everything a reader gets has passed these checks, so every reader can assume a plausible file and every
bad file is refused with one clear message (exit 2 on the command line, 4xx over HTTP).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
# An OLE compound file: what Word writes for a password-protected .docx, and for an old .doc.
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".yaml": "card",
    ".yml": "card",
}


@dataclass(frozen=True)
class SourceFile:
    """The bytes of one input file and what it claims to be."""

    name: str  # file name without folders, as shown to users
    data: bytes
    format: str  # txt, md, docx, pdf or card
    label: str  # what messages call it: the path as given, or the upload's name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def text(self) -> str:
        """The file as text (UTF-8, or Windows-1252 for older Norwegian files); refuses binary data."""
        if looks_binary(self.data):
            raise InputError(
                "fila inneheld binærdata, ikkje tekst",
                "the file holds binary data, not text",
                path=self.label,
            )
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return self.data.decode("cp1252", errors="replace")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters in the first 8 KiB, mean this is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def format_of(name: str, label: str | None = None) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"ukjend filformat «{suffix or name}»; strategigraf les .txt, .md, .docx, .pdf og .yaml",
            f"unknown file format {suffix or name!r}; strategigraf reads .txt, .md, .docx, .pdf and .yaml",
            path=label or name,
            kind="format",
        )
    return FORMATS[suffix]


def from_bytes(name: str, data: bytes, label: str | None = None) -> SourceFile:
    """Check an upload or a file's bytes and wrap them."""
    label = label or name
    fmt = format_of(name, label)
    if len(data) > MAX_BYTES:
        raise InputError(
            f"fila er {len(data) / 1024 / 1024:.0f} MB; grensa er {MAX_BYTES // 1024 // 1024} MB",
            f"the file is {len(data) / 1024 / 1024:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB",
            path=label,
            kind="too_large",
        )
    if not data.strip():
        raise InputError("fila er tom", "the file is empty", path=label)
    if fmt == "docx" and data.startswith(CFB_MAGIC):
        raise InputError(
            "Word-fila er passordverna (kryptert) eller i det gamle .doc-formatet; fjern passordet eller "
            "lagre ho som .docx i Word",
            "the Word file is password-protected (encrypted) or in the old .doc format; remove the password "
            "or save it as .docx in Word",
            path=label,
        )
    if fmt == "docx" and not data.startswith(b"PK\x03\x04"):
        raise InputError(
            "ikkje ei gyldig Word-fil (.docx er ei zip-fil, denne er det ikkje)",
            "not a valid Word file (a .docx is a zip archive; this is not)",
            path=label,
        )
    if fmt == "pdf" and not data.lstrip()[:5] == b"%PDF-":
        raise InputError("ikkje ei gyldig PDF-fil", "not a valid PDF file", path=label)
    return SourceFile(name=Path(name).name, data=data, format=fmt, label=label)


def from_path(path: Path) -> SourceFile:
    """Check a file on disk and read it (the size is checked before the bytes are read)."""
    if not path.is_file():
        raise InputError("fann ikkje fila", "file not found", path=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"fila er {size / 1024 / 1024:.0f} MB; grensa er {MAX_BYTES // 1024 // 1024} MB",
            f"the file is {size / 1024 / 1024:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB",
            path=path,
            kind="too_large",
        )
    return from_bytes(path.name, path.read_bytes(), label=str(path))
