"""The YAML card: a StrategyDocument serialised for an analyst to review and correct, and read back.

Loading checks the card against the model (with the path of any bad field) and checks that every theme,
role and 10-faktor factor it names exists in the reference vocabularies.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from loaders.errors import InputError
from loaders.model import StrategyDocument
from loaders.sources import SourceFile
from loaders.vocabulary import ID, SG, known_slugs

HEADER = (
    "# strategigraf card: the extraction of one employer strategy, for review.\n"
    "# Correct what is wrong, keep the line numbers pointing at the source, and load it with\n"
    "# `strategigraf build THIS.yaml` or `strategigraf extract THIS.yaml --format turtle`.\n"
)


def dump(document: StrategyDocument) -> str:
    data = {"card_version": document.card_version, **document.model_dump(mode="json", exclude_defaults=True)}
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def _yaml_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def load_text(text: str, label: str) -> StrategyDocument:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(
            f"kortet er ikkje gyldig YAML: {getattr(error, 'problem', error)}",
            f"the card is not valid YAML: {getattr(error, 'problem', error)}",
            path=label,
            line=_yaml_line(error),
        ) from None
    if not isinstance(data, dict):
        raise InputError("kortet er ikkje eit YAML-kart", "the card is not a YAML mapping", path=label)
    try:
        document = StrategyDocument.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            f"feil i feltet «{where}»: {first['msg']}", f"bad field {where!r}: {first['msg']}", path=label
        ) from None
    _check_vocabulary(document, label)
    return document


def load(source: SourceFile) -> StrategyDocument:
    return load_text(source.text(), source.label)


def _check_vocabulary(document: StrategyDocument, label: str) -> None:
    themes = known_slugs(SG.Theme, ID + "tema/")
    roles = known_slugs(SG.Role, ID + "rolle/")
    data = document.model_dump(mode="python")

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                where = f"{path}.{key}" if path else key
                if key == "themes":
                    _check(value, themes, where, "tema", "theme")
                elif key == "roles" or (key == "role" and isinstance(value, str)) or key == "body":
                    _check([value] if isinstance(value, str) else value or [], roles, where, "rolle", "role")
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for position, value in enumerate(node):
                walk(value, f"{path}.{position}")

    def _check(values: list[str], known: frozenset[str], where: str, nb: str, en: str) -> None:
        for value in values:
            if value not in known:
                raise InputError(
                    f"ukjend {nb} «{value}» i feltet «{where}»",
                    f"unknown {en} {value!r} in field {where!r}",
                    path=label,
                )

    walk(data, "")
