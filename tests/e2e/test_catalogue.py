"""The message catalogue of the web pages: every string in three languages, with the same placeholders."""

from __future__ import annotations

import re

from api.i18n import MESSAGES


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def test_every_message_has_bokmal_nynorsk_and_english() -> None:
    assert [key for key, texts in MESSAGES.items() if len(texts) != 3 or not all(t.strip() for t in texts)] == []


def test_every_translation_has_the_same_placeholders() -> None:
    assert [
        key for key, (nb, nn, en) in MESSAGES.items() if not _placeholders(nb) == _placeholders(nn) == _placeholders(en)
    ] == []
