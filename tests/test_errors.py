"""InputError: one line for users, and it survives pickling (regression: errors from query workers became 500s)."""

from __future__ import annotations

import pickle

from loaders.errors import InputError


def test_the_message_names_the_file_and_line_in_both_languages() -> None:
    error = InputError("tom fil", "empty file", path="a.txt", line=3)
    assert str(error) == "a.txt:3: tom fil / empty file"


def test_an_input_error_survives_pickling_with_all_its_fields() -> None:
    error = InputError("feil", "error", path="q.rq", line=2, kind="query")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message_nb, copy.message_en, copy.path, copy.line, copy.kind) == ("feil", "error", "q.rq", 2, "query")
