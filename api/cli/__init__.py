"""The ``strategigraf`` command. Each command group lives in its own module; this one wires them up.

Every command raises :class:`loaders.errors.InputError` for unusable input; ``main`` turns that into one
line on stderr and exit code 2, so no traceback reaches the user.
"""

from __future__ import annotations

import gc
import sys

import typer
from rich.console import Console

from api.cli import build, check, extract, lovdata, ontology, query, serve
from loaders.errors import InputError

app = typer.Typer(
    name="strategigraf",
    help="Kunnskapsgraf for kommunal arbeidsgiverpolitikk / a knowledge graph of municipal employer policy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
app.add_typer(ontology.app, name="ontology")
app.add_typer(lovdata.app, name="lovdata")
app.command("extract")(extract.extract)
app.command("check")(check.check)
app.command("build")(build.build_command)
app.command("query")(query.query_command)
app.command("serve")(serve.serve_command)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"strategigraf {version('strategigraf')}")
        raise typer.Exit()


@app.callback()
def _root(
    _version_flag: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Vis versjon / show the version."
    ),
) -> None:
    """strategigraf: arbeidsgiverstrategiar som kunnskapsgraf / employer strategies as a knowledge graph."""


def main() -> None:
    # Loading the vocabularies, the law registry's names and pySHACL makes millions of objects that live to
    # the end; with the default thresholds the collector walks them over and over (a tenth of a `check`).
    gc.set_threshold(50_000, 50, 50)
    try:
        app()
    except InputError as error:
        Console(stderr=True).print(f"[bold red]feil / error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(2)
    finally:
        # The citation matcher and the parsed vocabularies are millions of objects; without this the
        # garbage collector walks them all again at interpreter exit, a third of a short `check`.
        gc.freeze()
