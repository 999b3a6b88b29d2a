"""``strategigraf lovdata``: build the law registry from Lovdata's dump, and link the citations in a text."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from loaders.errors import InputError

app = typer.Typer(
    help="Lovregisteret frå Lovdata og lenking av lovtilvisingar / the Lovdata law registry and citation linking.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class LinkFormat(StrEnum):
    json = "json"
    text = "text"


@app.command("import")
def import_command(
    archives: list[Path] = typer.Argument(
        ...,
        help="gjeldende-lover.tar.bz2 og gjeldende-sentrale-forskrifter.tar.bz2, eller mappene dei er "
        "pakka ut i / the two archives, or the folders they were unpacked into.",
        show_default=False,
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Målmappe / target folder (standard / default: data/lovdata).", show_default=False
    ),
    dump_date: str | None = typer.Option(
        None,
        "--dump-date",
        help="Datoen dumpen vart lasta ned, ÅÅÅÅ-MM-DD / the date the dump was downloaded, YYYY-MM-DD "
        "(standard: nyaste kunngjeringsdato i dumpen / default: the newest publication date in it).",
        show_default=False,
    ),
) -> None:
    """Lag lovregisteret frå Lovdata sin opne dump / build the law registry from Lovdata's open dump."""
    from loaders.lovdata_import import import_lovdata

    report = import_lovdata(archives, out, dump_date=dump_date)
    typer.echo(
        f"Lovdata {report.dump_date}: {report.law_documents} lovdokument ({report.acts} lover) og "
        f"{report.regulation_documents} forskrifter, {report.chapters} kapittel og "
        f"{report.sections} paragrafar "
        f"/ {report.law_documents} law documents ({report.acts} acts) and {report.regulation_documents} "
        f"regulations, {report.chapters} chapters and {report.sections} sections"
    )
    for name, size in sorted(report.files.items()):
        typer.echo(f"  {name}: {size / 1e6:.2f} MB")
    typer.echo(
        f"{report.triples} trippel, {report.total_bytes() / 1e6:.2f} MB, {report.seconds:.1f} s "
        f"/ {report.triples} triples, {report.total_bytes() / 1e6:.2f} MB, {report.seconds:.1f} s"
    )


def read_text(path: Path) -> str:
    """The text of a plain-text file; :class:`InputError` for a missing or binary file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError("fila finst ikkje", "no such file", path=path) from error
    except OSError as error:
        raise InputError(f"kan ikkje lese fila ({error})", f"cannot read the file ({error})", path=path) from error
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or (sample and controls / len(sample) > 0.05):
        raise InputError(
            "fila er binær, ikkje tekst (bruk «strategigraf extract» for .docx og .pdf)",
            "the file is binary, not text (use «strategigraf extract» for .docx and .pdf)",
            path=path,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Norwegian documents are often Windows-1252; the control check above rules out binaries.
        return data.decode("cp1252", errors="replace")


@app.command("link")
def link_command(
    file: Path = typer.Argument(..., help="Tekstfil / text file (.txt, .md).", show_default=False),
    output: LinkFormat = typer.Option(LinkFormat.text, "--format", help="json eller / or text."),
    registry: Path | None = typer.Option(
        None,
        "--registry",
        help="Mappe med lovregisteret / registry folder (standard / default: data/lovdata).",
        show_default=False,
    ),
) -> None:
    """Finn og lenk lov- og avtaletilvisingar i ein tekst / link the law and agreement citations in a text."""
    from loaders.citations import find_citations

    citations = find_citations(read_text(file), folder=registry)
    if output is LinkFormat.json:
        fields = ("line", "text", "id", "provision", "iri", "status", "note")
        rows = [{**c.model_dump(include={*fields, "kind"}), "reason": c.why} for c in citations]
        # «kind» (local-rule, preparatory-work) and «reason» (why unresolved) only where they are set.
        extra = ("kind", "reason")
        typer.echo(json.dumps(
            [{**{k: row[k] for k in fields}, **{k: row[k] for k in extra if row[k]}} for row in rows],
            ensure_ascii=False, indent=2,
        ))
        return
    for c in citations:
        target = c.id or _KIND_NAMES.get(c.kind or "", "?")
        if c.provision:
            target += f" {c.provision}"
        mark = f" [{c.status}]" + (f" {_REASONS[c.why]}" if c.why else "")
        typer.echo(f"{file.name}:{c.line}: «{c.text}» → {target}{mark}  {c.iri or ''}".rstrip())
        if c.note:
            typer.echo(f"    {c.note}")
    unresolved = sum(1 for c in citations if c.status == "unresolved")
    historical = sum(1 for c in citations if c.status == "historical")
    typer.echo(
        f"{len(citations)} tilvisingar, {unresolved} uløyste, {historical} historiske / "
        f"{len(citations)} citations, {unresolved} unresolved, {historical} historical"
    )


_KIND_NAMES = {"local-rule": "lokalt reglement / local rule", "preparatory-work": "forarbeid / preparatory work"}
_REASONS = {
    "nonexistent": "ikkje-eksisterande / non-existent",
    "no-act": "inga lov nemnd / no act named",
    "unknown-act": "ukjend lov / unknown act",
}
