"""Citations of repealed (historical) acts: how the linker tells the old act from the act in force.

The registry knows the repealed acts that texts still cite from ``data/lovdata/curated.ttl`` (their names,
Lovdata ids and the act that replaced them), but Lovdata's dump has no section list for them. So a § of an
old act is never checked; it is judged by what the text says:

1. the text uses the old act's own name («tjenestemannsloven», «kommuneloven av 1992»);
2. a year after the name of an act in force is the year of an act it replaced («arbeidsmiljøloven 1977»,
   «kommunelova (1992)»);
3. «gamle», «tidligere», «tidlegare», «daværende», «dåverande» or «forrige» stands before the name («den
   gamle arbeidsmiljøloven»): the act it replaced most recently;
4. the act in force numbers every § by chapter («§ 14-9») and the cited § has a plain number («§ 58 A»,
   «§ 24»), which only the old act can have.

Every such citation gets status «historical», the old act's Lovdata id and IRI, and a note that names the
act in force. A § in neither form (a chapter-numbered § the act in force lacks) stays non-existent.
"""

from __future__ import annotations

import re
from typing import Any

from loaders import lovdata_registry as registry

_YEAR_AFTER = re.compile(
    r"[ \t]*(?:\([ \t]*)?(?:(?:av|fra|frå|of)[ \t]+)?(?P<year>(?:18|19|20)\d{2})(?:[ \t]*\))?(?![\d\-–.,]\d)"
)
_OLD_BEFORE = re.compile(
    r"(?<![\wæøåÆØÅ])(?:gamle|tidligere|tidlegare|daværende|dåverande|dåværande|forrige|førre)[ \t]+\Z", re.I
)


def _year(iri: str) -> str:
    return iri.removeprefix(registry.LOVDATA).split("/", 1)[1][:4]


def marked(
    reg: registry.Registry, current_id: str, text: str, start: int, name_end: int
) -> tuple[str | None, int]:
    """The repealed act a citation of ``current_id`` means by a year after the name or an «old» word before
    it, and where the name now ends (after the year); ``(None, name_end)`` when the text means the act in
    force."""
    older = reg.predecessors.get(current_id, [])
    m = _YEAR_AFTER.match(text, name_end)
    if m:
        year = m.group("year")
        if year == current_id.split("-")[1]:
            return None, m.end()
        for iri in older:
            if _year(iri) == year:
                return iri, m.end()
    if older and _OLD_BEFORE.search(text, max(0, start - 16), start):
        return older[0], name_end
    return None, name_end


def plain_number_in_chaptered_act(info: registry.InstrumentInfo, key: str) -> bool:
    """Whether ``key`` («58A», «24») is a plain § number while the act numbers every § by chapter."""
    sections = info._sections.split()
    return "-" not in key and bool(sections) and all("-" in s for s in sections)


def newest_predecessor(reg: registry.Registry, current_id: str) -> str | None:
    older = reg.predecessors.get(current_id, [])
    return older[0] if older else None


def fields(reg: registry.Registry, iri: str, provision: str | None) -> dict[str, Any]:
    """The fields of a citation of the repealed act ``iri`` (and a provision of it)."""
    old_id = reg.repealed_ids.get(iri) or registry.lovdata_id_of(iri)
    name = reg.repealed_names.get(iri, old_id)
    successor = reg.instruments[reg.successors[iri]]
    cited = f"{provision} i " if provision else ""
    note = (
        f"{cited}«{name}» ({old_id}): lova er oppheva, og etterfølgjaren er {successor.name} ({successor.id}) / "
        f"{cited.replace(' i ', ' of ')}«{name}» ({old_id}): the act is repealed; its successor is "
        f"{successor.name} ({successor.id})"
    )
    return {"id": old_id, "provision": provision, "iri": iri, "status": "historical", "note": note}
