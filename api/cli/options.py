"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="STRATEGIGRAF_STORE",
        help="Lager: ei mappe (innebygd Oxigraph) eller ein SPARQL-URL / store: a folder or a SPARQL URL.",
        show_default="brukarmappa / the user data folder",
    ),
]
