"""Preparatory works (forarbeider): the Government's bills and reports and Parliament's recommendations.

«Prop. 73 L (2016–2017)», «Ot.prp. nr. 49 (2004–2005)», «St.prp. nr. 1 (2019–2020)», «NOU 2016: 4»,
«Innst. 120 L (2019–2020)», «Innst. O. nr. 50 (2004–2005)», «Meld. St. 14 (2019–2020)», «St.meld. nr. 29
(2011–2012)». Each becomes a reference of its own kind with a fixed id (PROP-73-L-2016-2017,
OTPRP-49-2004-2005, NOU-2016-4, INNST-120-L-2019-2020, MELD-ST-14-2019-2020, …); it is never resolved to
a law. A malformed reference («NOU 2:2020», year and number swapped) is left alone: the linker does not
guess.
"""

from __future__ import annotations

import re

_SESSION = r"\((?P<y1>\d{4})[ \t]*[-–][ \t]*(?P<y2>\d{2}(?:\d{2})?)\)"
_NR = r"(?:[ \t]*nr\.?)?[ \t]*(?P<n>\d+)"
_KINDS = (
    ("PROP", rf"Prop\.[ \t]*(?P<n>\d+)[ \t]*(?P<t>LS|L|S)[ \t]*{_SESSION}"),
    ("OTPRP", rf"Ot\.[ \t]*prp\.{_NR}[ \t]*{_SESSION}"),
    ("STPRP", rf"St\.[ \t]*prp\.{_NR}[ \t]*{_SESSION}"),
    ("INNST", rf"Innst\.[ \t]*(?P<n>\d+)[ \t]*(?P<t>LS|L|S)[ \t]*{_SESSION}"),
    ("INNST-O", rf"Innst\.[ \t]*O\.{_NR}[ \t]*{_SESSION}"),
    ("INNST-S", rf"Innst\.[ \t]*S\.{_NR}[ \t]*{_SESSION}"),
    ("MELD-ST", rf"Meld\.[ \t]*St\.[ \t]*(?P<n>\d+)[ \t]*{_SESSION}"),
    ("STMELD", rf"St\.[ \t]*meld\.{_NR}[ \t]*{_SESSION}"),
    ("NOU", r"NOU[ \t]+(?P<y1>(?:19|20)\d{2})[ \t]*:[ \t]*(?P<n>\d{1,2})(?![\d:])"),
)
_PATTERN = re.compile(
    r"(?<![\wæøåÆØÅ])(?:" + "|".join(f"(?P<k{i}>{p.replace('?P<', f'?P<k{i}')})" for i, (_, p) in
                                         enumerate(_KINDS)) + ")"
)


def _ids(m: re.Match[str]) -> str:
    for i, (prefix, _) in enumerate(_KINDS):
        if m.group(f"k{i}") is None:
            continue
        group = m.groupdict()
        number = str(int(group[f"k{i}n"]))
        kind = group.get(f"k{i}t")
        y1 = group[f"k{i}y1"]
        y2 = group.get(f"k{i}y2")
        if y2 is not None and len(y2) == 2:
            y2 = y1[:2] + y2
        if prefix == "NOU":
            return f"NOU-{y1}-{number}"
        parts = [prefix, number] + ([kind] if kind else []) + [y1, y2 or ""]
        return "-".join(p for p in parts if p)
    raise ValueError(m.group(0))


def preparatory_works(text: str) -> list[tuple[int, int, str]]:
    """Every preparatory work cited in ``text``: (start, end, id) in order."""
    return [(m.start(), m.end(), _ids(m)) for m in _PATTERN.finditer(text)]
