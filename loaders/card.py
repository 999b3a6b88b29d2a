"""The YAML card: a StrategyDocument serialised for an analyst to review and correct, and read back.

Aliases (``*name``) are refused: cards never need them, and nested ones expand exponentially.
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


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


MAX_DEPTH = 64  # nested lists and mappings; a card is about ten deep


class _CardLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases: a card never needs one, and a few nested aliases expand to billions
    of nodes («billion laughs»). The first ``*alias`` stops the load before anything is expanded. Nesting
    deeper than ``MAX_DEPTH`` stops it too (PyYAML recurses per level: thousands would crash the reader)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _safe_load(text: str) -> Any:
    loader = _CardLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_text(text: str, label: str) -> StrategyDocument:
    try:
        data: Any = _safe_load(text)
    except _AliasFound as found:
        raise InputError(
            "kortet brukar eit YAML-alias (*namn); kort kan ikkje ha alias, skriv verdien ut",
            "the card uses a YAML alias (*name); cards may not have aliases, write the value out",
            path=label,
            line=found.mark.line + 1,
        ) from None
    except _TooDeep as deep:
        raise InputError(
            f"kortet er nesta djupare enn {MAX_DEPTH} nivå",
            f"the card is nested deeper than {MAX_DEPTH} levels",
            path=label,
            line=deep.mark.line + 1,
        ) from None
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
