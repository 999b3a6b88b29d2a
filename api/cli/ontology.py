"""``strategigraf ontology``: documentation of the ontology."""

from __future__ import annotations

from pathlib import Path

import typer

from loaders.errors import InputError

app = typer.Typer(help="Ontologien / the ontology.", no_args_is_help=True)

PAGE_NAMES = {"nb": "index.html", "nn": "nn.html", "en": "en.html"}


@app.command("docs")
def docs(
    out: Path = typer.Argument(..., help="Mappe (eller .html-fil) å skrive til / folder (or .html file) to write."),
    lang: str = typer.Option("nb", "--lang", help="Språk for ei enkelt .html-fil / language of a single .html file."),
) -> None:
    """Skriv HTML-dokumentasjon av ontologien / write HTML documentation of the ontology (nb, nn, en)."""
    from api.ontology_docs import LANGS, render_html  # Jinja2: only this command pays for it
    from loaders.resources import ontology_dir

    if lang not in LANGS:
        raise InputError(f"ukjend språk «{lang}», bruk nb, nn eller en", f"unknown language {lang!r}; use nb, nn or en")
    if out.suffix.lower() == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_html(lang), encoding="utf-8")
        typer.echo(out)
        return
    if out.exists() and not out.is_dir():
        raise InputError("finst alt og er ikkje ei mappe", "exists and is not a folder", path=out)
    out.mkdir(parents=True, exist_ok=True)
    for code, name in PAGE_NAMES.items():
        html = render_html(code, language_link="{lang}.html").replace('href="nb.html"', 'href="index.html"')
        (out / name).write_text(html, encoding="utf-8")
    for ttl in sorted(ontology_dir().glob("*.ttl")):
        (out / ttl.name).write_bytes(ttl.read_bytes())
    typer.echo(f"{out}/index.html (+ nn.html, en.html, Turtle)")
