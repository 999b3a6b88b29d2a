"""Front matter written as free sentences: adoption in its common forms, the validity, and the day a
strategy takes effect, kept apart from the day it was adopted."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.front_matter import adoption, validity
from loaders.outline import Block, Kind


def _block(text: str) -> Block:
    return Block(Kind.PARAGRAPH, text, 1, 1)


ADOPTIONS = {
    "Strategien ble vedtatt av bystyret 14. mars 2019.": ("kommunestyret", dt.date(2019, 3, 14), None),
    "Kommunestyret vedtok arbeidsgiverstrategien i møte 3.5.2022.": ("kommunestyret", dt.date(2022, 5, 3), None),
    "Strategien vart vedteke i fylkestinget 12. desember 2023.": ("fylkestinget", dt.date(2023, 12, 12), None),
    "Vedtatt i kommunestyret 310817, k-sak 43/17": ("kommunestyret", dt.date(2017, 8, 31), "43/17"),
    "Vedteke av heradsstyret 20.06.2023, PS 12/23.": ("kommunestyret", dt.date(2023, 6, 20), "12/23"),
    "Strategien er vedtatt av fellesnemnda 5. november 2019.": ("fellesnemnd", dt.date(2019, 11, 5), None),
    "Vedtatt i administrasjonsutvalget 07.06.2023.": ("administrasjonsutvalget", dt.date(2023, 6, 7), None),
    "Fylkestinget vedtok strategien 14.12.2023 (sak 112/23).": ("fylkestinget", dt.date(2023, 12, 14), "112/23"),
    "Kommunestyret behandla saka i møte 12.03.2024, sak 15/24, og gjorde slikt vedtak: Arbeidsgjevarstrategien "
    "2024–2027 vert vedteken.": ("kommunestyret", dt.date(2024, 3, 12), "15/24"),
    "Bystyret fattet følgende vedtak i møte 14. juni 2022 (PS 45/22): Arbeidsgiverstrategien vedtas.": (
        "kommunestyret", dt.date(2022, 6, 14), "45/22"),
    "Strategien gjeld frå 1.1.2020 og vart vedteken av kommunestyret.": ("kommunestyret", None, None),
}


@pytest.mark.parametrize(("sentence", "expected"), ADOPTIONS.items(), ids=range(len(ADOPTIONS)))
def test_an_adoption_gives_its_body_date_and_case(sentence: str, expected: tuple[object, ...]) -> None:
    found = adoption([_block(sentence)])
    assert found is not None and (found.body, found.date, found.case) == expected


VALIDITIES = {
    "Strategien gjelder for perioden 2021–2024.": (dt.date(2021, 1, 1), dt.date(2024, 12, 31)),
    "Strategien gjeld til og med 2027.": (None, dt.date(2027, 12, 31)),
    "Planperioden er 2022–2026.": (dt.date(2022, 1, 1), dt.date(2026, 12, 31)),
    "Strategien gjeld frå 1. januar 2020 til 31.12.2023.": (dt.date(2020, 1, 1), dt.date(2023, 12, 31)),
    "Han gjeld frå 2025 til og med 2028.": (dt.date(2025, 1, 1), dt.date(2028, 12, 31)),
}


@pytest.mark.parametrize(("sentence", "expected"), VALIDITIES.items(), ids=range(len(VALIDITIES)))
def test_a_validity_gives_its_first_and_last_day(sentence: str, expected: tuple[object, ...]) -> None:
    found = validity([], [_block(sentence)])
    assert found is not None and (found.valid_from, found.valid_until) == expected


def test_the_day_a_strategy_takes_effect_is_its_first_day_not_its_adoption_day() -> None:
    text = "Vedtatt av kommunestyret 14. mars 2025. Strategien gjelder fra 1. april 2025 og i perioden 2025–2028."
    assert (adoption([_block(text)]).date, validity([], [_block(text)]).valid_from) == (  # type: ignore[union-attr]
        dt.date(2025, 3, 14), dt.date(2025, 4, 1)
    )


def test_a_sentence_without_a_date_invents_none() -> None:
    found = adoption([_block("Strategien skal vedtas av kommunestyret.")])
    assert found is None or found.date is None
