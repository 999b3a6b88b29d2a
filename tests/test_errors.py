"""InputError: one line for users, and it survives pickling (regression: errors from query workers became 500s)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from loaders import sources
from loaders.errors import InputError
from loaders.extract import extract
from loaders.reader import outline_of

BAD = Path(__file__).parent / "data" / "bad"


def test_the_message_names_the_file_and_line_in_both_languages() -> None:
    error = InputError("tom fil", "empty file", path="a.txt", line=3)
    assert str(error) == "a.txt:3: tom fil / empty file"


def test_an_input_error_survives_pickling_with_all_its_fields() -> None:
    error = InputError("feil", "error", path="q.rq", line=2, kind="query")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message_nn, copy.message_en, copy.path, copy.line, copy.kind) == ("feil", "error", "q.rq", 2, "query")


def test_the_not_a_strategy_error_names_the_path_as_given() -> None:
    # Regression: it named the bare file name («tom-strategi.md:») where every other message gives the path.
    source = sources.from_path(BAD / "tom-strategi.md")
    with pytest.raises(InputError, match="does not look like an employer strategy") as caught:
        extract(outline_of(source), label=source.label)
    assert str(caught.value).startswith(f"{BAD / 'tom-strategi.md'}: ")
