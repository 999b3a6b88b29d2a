"""How Norwegian texts write the parts of a provision, and provisions that are not Lovdata's.

Pure grammar, no registry: the citation linker (:mod:`loaders.citations`) builds its patterns from these.

* The parts after a §: ledd («(2)», «2. ledd», «andre ledd»), bokstav («bokstav b)», «litra b»), nr.
  («nr. 3») and punktum («annet punktum», «2. pkt.»), also «§ 14-9 første ledd, jf. annet punktum», which
  cites one § and stays one citation.
* Provisions of the central agreements (Hovedavtalen, Hovedtariffavtalen): «del B § 3-1», «§ 2 pkt. 2.2»,
  «kap. 4.A», «pkt 2.3.1», «kapittel 3», «vedlegg 1». They are numbered by the agreement, not by Lovdata.
* A municipality's own rule cited with a §: «Permisjonsreglementet § 4», «§ 3 i personalreglementet»,
  «Reglement for godtgjøring § 5». A compound ending in one of :data:`LOCAL_RULE_ENDINGS` names such a rule.
"""

from __future__ import annotations

import re

ORDINALS = {
    "første": 1,
    "andre": 2,
    "annet": 2,
    "anna": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "sjuende": 7,
    "syvende": 7,
    "åttende": 8,
    "niende": 9,
    "tiende": 10,
}
_ORDINAL = "|".join(ORDINALS)
_NUMBER_OR_ORDINAL = rf"(?:\d+\.|{_ORDINAL})"

# After a § (and its ledd): «bokstav b)», «bokst. b», «litra b», «nr. 3», «annet punktum», «2. pkt.», and
# «, jf. annet punktum» (a punktum of the same ledd: the same §, so the same citation).
DETAIL = (
    r"(?:(?:[ \t]*,)?[ \t]*(?:bokstav|bokst\.|litra)[ \t]*(?P<bokstav>[a-zæøå])\)?(?![\wæøåÆØÅ]))?"
    r"(?:(?:[ \t]*,)?[ \t]*nr\.?[ \t]*(?P<nr>\d+)(?![\d\wæøåÆØÅ]))?"
    rf"(?:[ \t]+(?P<punktum>{_NUMBER_OR_ORDINAL})[ \t]*(?:punktum|pkt\.?)(?![\wæøåÆØÅ]))?"
    rf"(?:(?:[ \t]*,)?[ \t]*(?:jf|jfr|jamfør)\.?[ \t]+(?P<jfpunktum>{_NUMBER_OR_ORDINAL})[ \t]*"
    r"(?:punktum|pkt\.?)(?![\wæøåÆØÅ]))?"
)


def _number(value: str) -> int:
    return int(value.rstrip(".")) if value[0].isdigit() else ORDINALS[value]


def detail_label(m: re.Match[str]) -> str:
    """The normalised parts after a § in a match of a pattern built with :data:`DETAIL`: « bokstav b»,
    « nr. 3», « 2. punktum»."""
    groups = m.groupdict()
    label = ""
    if groups.get("bokstav"):
        label += f" bokstav {groups['bokstav']}"
    if groups.get("nr"):
        label += f" nr. {int(groups['nr'])}"
    for name in ("punktum", "jfpunktum"):
        if groups.get(name):
            label += f" {_number(groups[name])}. punktum"
    return label


# -- agreements ------------------------------------------------------------------------------------------

_AGREEMENT_PART = (
    r"(?:(?P<del>del)[ \t]+(?P<delv>[A-Z]|[IVX]+|\d+)(?![\wæøåÆØÅ])"
    r"|(?P<sec>§)[ \t]?(?P<secv>\d+(?:[ \t]?[-–][ \t]?\d+)?(?:[ \t]?(?!i[ \t])[a-z](?![\wæøåÆØÅ]))?)"
    r"|(?P<kap>(?i:kap(?:ittel|\.)?))[ \t]?(?P<kapv>\d+(?:\.\d+)*(?:\.?[A-Z])?)(?![\wæøåÆØÅ])"
    r"|(?P<pkt>(?i:pkt\.?|punkt))[ \t]?(?P<pktv>\d+(?:\.\d+)*)(?![\wæøåÆØÅ])"
    r"|(?P<vedlegg>(?i:vedlegg))[ \t]+(?P<vedleggv>\d+|[A-Z])(?![\wæøåÆØÅ]))"
)
_AGREEMENT_AFTER = re.compile(rf"[ \t]*(?:\n[ \t]*)?(?:,[ \t]*)?{_AGREEMENT_PART}")
_AGREEMENT_NEXT = re.compile(rf"(?:[ \t]*,)?[ \t]*{_AGREEMENT_PART}")
_UNNAMED_PART = re.sub(r"\(\?P<\w+>", "(?:", _AGREEMENT_PART)
_AGREEMENT_BEFORE = re.compile(rf"{_UNNAMED_PART}(?:(?:[ \t]*,)?[ \t]*{_UNNAMED_PART}){{0,3}}[ \t]+i[ \t]+\Z")
_PART = re.compile(_AGREEMENT_PART)
_PART_LABEL = {"del": "del {}", "sec": "§ {}", "kap": "kap. {}", "pkt": "pkt. {}", "vedlegg": "vedlegg {}"}


def _part_label(m: re.Match[str]) -> str:
    for name, template in _PART_LABEL.items():
        if m.group(name):
            value = re.sub(r"[ \t]", "", m.group(name + "v"))
            value = re.sub(r"(\d)([a-z])$", r"\1 \2", value.replace("–", "-"))
            return template.format(value)
    return ""


def agreement_provision_after(text: str, pos: int) -> tuple[str, int] | None:
    """The provision written after an agreement's name: («del B § 3-1», end offset), or None."""
    m = _AGREEMENT_AFTER.match(text, pos)
    if not m:
        return None
    parts, end = [_part_label(m)], m.end()
    while len(parts) < 4 and (more := _AGREEMENT_NEXT.match(text, end)):
        parts.append(_part_label(more))
        end = more.end()
    return " ".join(parts), end


def agreement_provision_before(text: str, start: int, low: int) -> tuple[str, int] | None:
    """The provision written before «i <agreement>»: («pkt. 2.3», start offset), or None."""
    window_start = max(low, start - 80)
    m = _AGREEMENT_BEFORE.search(text, window_start, start)
    if not m:
        return None
    labels = [_part_label(p) for p in _PART.finditer(m.group(0))]
    return " ".join(label for label in labels if label), m.start()


# -- local rules -----------------------------------------------------------------------------------------

# The endings of the compounds that name a municipality's own rules (bokmål and nynorsk, with the definite
# and genitive forms the linker adds): «permisjonsreglement», «delegeringsreglementet», «økonomiinstruks»,
# «personalhandboka».
LOCAL_RULE_ENDINGS = ("reglement", "instruks", "retningslinjer", "retningsliner", "vedtekter", "personalhåndbok",
                      "personalhandbok")
_LOCAL_SUFFIX = r"(?:et|ets|a|en|ens|ne|nes|s)?"
_LOCAL_WORD = (
    r"(?<![\wæøåÆØÅ])(?P<rule>[A-ZÆØÅa-zæøå][\wæøåÆØÅ-]*?(?:" + "|".join(LOCAL_RULE_ENDINGS) + r")"
    + _LOCAL_SUFFIX + r")(?![\wæøåÆØÅ])"
)
# «Reglement for/om … § 4»: the rule's title in up to six words, with its §.
_LOCAL_TITLE = (
    r"(?<![\wæøåÆØÅ])(?P<title>(?:Reglement|Retningslinjer|Retningsliner|Instruks)[ \t]+(?:for|om)"
    r"(?:[ \t]+[\wæøåÆØÅ-]+){1,6}?)"
)
_LOCAL_SECTION = r"[ \t]*(?P<sign>§)[ \t]?(?P<num>\d+(?:[ \t]?[-–][ \t]?\d+)?(?:[ \t]?[a-z](?![\wæøåÆØÅ]))?)"
LOCAL_AFTER = re.compile(rf"(?:{_LOCAL_WORD}|{_LOCAL_TITLE}){_LOCAL_SECTION}")
LOCAL_BEFORE = re.compile(
    r"(?P<sign>§)[ \t]?(?P<num>\d+(?:[ \t]?[-–][ \t]?\d+)?)[ \t]+i[ \t]+(?:den[ \t]+|det[ \t]+)?"
    rf"(?:kommunens[ \t]+|kommunen[ \t]+sitt[ \t]+|fylkeskommunens[ \t]+)?{_LOCAL_WORD}"
)


def local_rules(text: str) -> list[tuple[int, int, str, str]]:
    """Every «<rule> § n» and «§ n i <rule>» of a municipality's own rule: (start, end, rule, «§ n»)."""
    found = []
    for pattern in (LOCAL_AFTER, LOCAL_BEFORE):
        for m in pattern.finditer(text):
            number = re.sub(r"[ \t]", "", m.group("num")).replace("–", "-")
            number = re.sub(r"(\d)([a-z])$", r"\1 \2", number)
            rule = m.groupdict().get("title") or m.group("rule")
            found.append((m.start(), m.end(), rule, f"§ {number}"))
    return sorted(found)
