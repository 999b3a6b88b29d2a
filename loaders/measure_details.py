"""Who does a measure, by when and how often, read from the measure's own sentence.

«HR-sjefen kartlegger … innen 31. desember 2025»: the role is the subject (a role label among the first
words, after a leading «at»); the deadline follows a label of ``sg:deadline`` («innen», «innan»); the period
is a label of ``sg:period`` («løpende», «hvert år», «kvart kvartal»). A year alone as deadline is 31 December
of that year, as the ontology defines it.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.dates import find_date
from loaders.vocabulary import SG, phrase_pattern, role_finder

SUBJECT_WORDS = 4  # how far into a sentence its subject may reach («Alle enhetsledere i helse …»)
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})(?!\d)")


def roles(text: str) -> list[str]:
    """Role slugs of the sentence's subject: a role named among its first words."""
    words = text.split()
    if words and words[0].lower() == "at":
        words = words[1:]
    return role_finder().slugs(" ".join(words[:SUBJECT_WORDS]))


def deadline(text: str) -> dt.date | None:
    """The date after «innen»/«innan» (or another deadline label): a full date, or a year's last day."""
    for cue in phrase_pattern(SG.deadline).finditer(text):
        after = text[cue.end() : cue.end() + 40]
        found = find_date(after)
        if found is not None and found[1] <= 2:
            return found[0]
        if year := _YEAR.match(after):
            return dt.date(int(year.group(1)), 12, 31)
    return None


def period(text: str) -> str | None:
    """How often or how long, as written («hvert kvartal», «løpende»)."""
    match = phrase_pattern(SG.period).search(text)
    return match.group(0) if match else None
