"""Containers whose items stay pickled until read behave as the dict and list they were made from."""

from __future__ import annotations

import pickle

import pytest

from loaders.packed import PackedMapping, PackedSequence


def test_a_packed_mapping_reads_as_the_dict() -> None:
    plain = {"aml": {"titles": ["arbeidsmiljøloven"]}, "koml": None}
    packed = PackedMapping.of(plain)
    assert packed == plain and dict(packed.items()) == plain and len(packed) == 2
    assert packed["aml"] is packed["aml"]  # unpickled once
    assert packed.get("koml", "x") is None and packed.get("ferieloven") is None and "aml" in packed
    with pytest.raises(KeyError):
        packed["ferieloven"]
    assert pickle.loads(pickle.dumps(packed)) == plain


def test_a_packed_sequence_reads_as_the_list() -> None:
    plain = ["a", ("b", 1), None]
    packed = PackedSequence.of(plain)
    assert packed == plain and list(packed) == plain and len(packed) == 3
    assert packed[-1] is None and packed[1:] == plain[1:] and packed[1] is packed[1]
    for index in (3, -4):
        with pytest.raises(IndexError):
            packed[index]
    assert pickle.loads(pickle.dumps(packed)) == plain
