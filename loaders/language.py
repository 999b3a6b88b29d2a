"""Bokmål or nynorsk? Counted from words that only one of the two written standards uses."""

from __future__ import annotations

import re

from loaders.model import Language

# Frequent function words and inflections that differ between the standards. Neither list holds cue
# words of the ontology; they only tell the written standards apart.
NYNORSK = frozenset(
    "ikkje eit ein dei vere korleis kva kvar frå berre difor mykje vert vart desse saman høve òg eg "
    "medarbeidarar medarbeidarane tilsette leiarar leiarane leiing arbeidsgjevar arbeidsgjevarar "
    "sjå kvart heile eigne eigen hjå utval utvalet tenester tenestene meir ho dykk kjem gjer gjev fekk "
    "vidare".split()
)
BOKMAL = frozenset(
    "ikke et en de være hvordan hva hver fra bare derfor mye blir ble disse sammen mulighet også jeg "
    "medarbeidere medarbeiderne ansatte ledere lederne ledelse arbeidsgiver arbeidsgivere "
    "se hvert hele egne egen hos utvalg utvalget tjenester tjenestene mer hun dere kommer gjør gir fikk "
    "videre".split()
)

_WORD = re.compile(r"[a-zæøåA-ZÆØÅ]+")


def detect(text: str) -> Language:
    """«nn» when nynorsk marker words outnumber bokmål ones, else «nb»."""
    nn = nb = 0
    for word in _WORD.findall(text.lower()):
        if word in NYNORSK:
            nn += 1
        elif word in BOKMAL:
            nb += 1
    return "nn" if nn > nb else "nb"
