"""Dates, periods and placeholders as Norwegian documents write them.

«23.11.2016», «23.11.16», «310817» (after an adoption phrase), «23. november 2016», «2017-2025»,
«01.04.2023 – 31.03.2026», «2025 til og med 2028», «til og med 2027», and placeholders such as «xx.xx.xxx»
that must never become a date.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "desember": 12,
}

PLACEHOLDER = re.compile(
    r"(?<![\w.])(?:[xX]{1,2}|dd|DD)\.(?:[xX]{1,2}|mm|MM)\.(?:[xX]{2,4}|\d{4}|\d{2}|åååå|ÅÅÅÅ|yyyy)(?![\w])"
)
_NUMERIC = r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)"
NUMERIC_DATE = re.compile(rf"(?<![\d.]){_NUMERIC}")
WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)
COMPACT_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
YEAR = r"((?:19|20)\d{2})"
YEAR_RANGE = re.compile(rf"(?<!\d){YEAR}\s*(?:[-–—]|til og med|til)\s*{YEAR}(?!\d)", re.IGNORECASE)
# «til og med 2027», «ut 2028»: the last year of a validity whose start is not stated
_DATE_LINK = re.compile(r"\s*(?:[-–—]|til og med|til)\s*", re.IGNORECASE)
UNTIL_YEAR = re.compile(rf"(?:til og med|fram til|frem til|ut)\s+(?:utgangen av\s+)?{YEAR}(?!\d)", re.IGNORECASE)
DATE_RANGE = re.compile(rf"(?<![\d.]){_NUMERIC}\s*(?:[-–—]|til)\s*{_NUMERIC}")
SINGLE_YEAR = re.compile(rf"^\s*(?:innen|innan|ut|i)?\s*{YEAR}\s*$", re.IGNORECASE)
QUARTER = re.compile(rf"^\s*(?:Q|K|kvartal\s*)([1-4])\.?\s*(?:kvartal\s*)?{YEAR}\s*$", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(_year(year), int(month), int(day))
    except ValueError:
        return None


def find_date(text: str, *, compact: bool = False) -> tuple[dt.date, int, int] | None:
    """The first date in ``text`` with its span. ``compact`` also accepts «310817» (ddmmyy)."""
    found = []
    for match in NUMERIC_DATE.finditer(text):
        if (date := _make(*match.groups())) is not None:
            found.append((date, match.start(), match.end()))
    for match in WORD_DATE.finditer(text):
        if (date := _make(match.group(1), str(MONTHS[match.group(2).lower()]), match.group(3))) is not None:
            found.append((date, match.start(), match.end()))
    if compact:
        for match in COMPACT_DATE.finditer(text):
            if (date := _make(*match.groups())) is not None:
                found.append((date, match.start(), match.end()))
    return min(found, key=lambda f: f[1]) if found else None


def find_placeholder(text: str) -> str | None:
    match = PLACEHOLDER.search(text)
    return match.group() if match else None


def find_period(text: str) -> tuple[dt.date, dt.date, str] | None:
    """A validity period: full dates («01.04.2023 – 31.03.2026») first, then years («2017-2025»).

    A bare year range runs from 1 January of the first year to 31 December of the last (documented in
    the ontology on sg:validFrom and sg:validUntil)."""
    if match := DATE_RANGE.search(text):
        start, end = _make(*match.groups()[:3]), _make(*match.groups()[3:])
        if start and end and start <= end:
            return start, end, match.group()
    if (first := find_date(text)) and (link := _DATE_LINK.match(text, first[2])):
        second = find_date(text[link.end() :])
        if second is not None and second[1] == 0 and first[0] <= second[0]:  # «1. januar 2020 til 31.12.2023»
            return first[0], second[0], text[first[1] : link.end() + second[2]]
    if match := YEAR_RANGE.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last <= first + 20:
            return dt.date(first, 1, 1), dt.date(last, 12, 31), match.group()
    return None


def find_until(text: str) -> tuple[dt.date, str] | None:
    """The last day of a validity stated only by its end («gjeld til og med 2027»): 31 December that year."""
    if match := UNTIL_YEAR.search(text):
        return dt.date(int(match.group(1)), 12, 31), match.group()
    return None


def parse_deadline(text: str) -> dt.date | None:
    """A deadline cell: «31.12.2025», «2026» (→ 31 December), «Q3 2025» (→ end of the quarter)."""
    if found := find_date(text):
        return found[0]
    if match := SINGLE_YEAR.match(text):
        return dt.date(int(match.group(1)), 12, 31)
    if match := QUARTER.match(text):
        quarter, year = int(match.group(1)), int(match.group(2))
        month = quarter * 3
        next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)
    return None
