"""Citations that are not found through a name in the registry's trie: preparatory works and local rules,
and how all the kinds of citation are merged into one list without overlaps."""

from __future__ import annotations

from loaders import preparatory_works
from loaders.citation_context import Found
from loaders.citation_forms import local_rules
from loaders.model import Citation


def without_overlaps(found: list[Found]) -> list[Found]:
    """The citations in order of their start, each overlapping one dropped for the earlier (longer) one."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def works(text: str) -> list[Found]:
    """Preparatory works: a reference of their own kind and id, never a law."""
    result = []
    for start, end, identifier in preparatory_works.preparatory_works(text):
        note = f"forarbeid {identifier} / preparatory work {identifier}"
        citation = Citation(text=text[start:end], line=start + 1, id=identifier, kind="preparatory-work", note=note)
        result.append((start, end, citation))
    return result


def local_rule_citations(text: str) -> list[Found]:
    """A municipality's own rule cited with a §: recognised as a local rule, linked to no law."""
    result = []
    for start, end, rule, label in local_rules(text):
        note = f"lokalt reglement «{rule}» / local rule «{rule}»"
        citation = Citation(text=text[start:end], line=start + 1, provision=label, kind="local-rule", note=note)
        result.append((start, end, citation))
    return result
