"""Read-only containers whose items stay pickled until they are read.

The build cache keeps structures of which a short command needs a little: the law registry's 4,000
instruments and 8,000 names, the 3,500 branches of the citation linker's name trie. A document cites a
handful of laws, and unpickling every item was most of the time it took to read these back.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")


def pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class PackedMapping(Mapping[K, V], Generic[K, V]):
    """A mapping over ``{key: pack(value)}``; each value is unpickled once, when first read."""

    def __init__(self, packed: dict[K, bytes]) -> None:
        self._packed = packed
        self._made: dict[K, V] = {}

    @classmethod
    def of(cls, mapping: Mapping[K, V]) -> PackedMapping[K, V]:
        return cls({key: pack(value) for key, value in mapping.items()})

    def __getitem__(self, key: K) -> V:
        try:
            return self._made[key]
        except KeyError:
            value = self._made[key] = pickle.loads(self._packed[key])
            return value

    def get(self, key: K, default: Any = None) -> Any:  # most lookups miss: no exception for those
        return self[key] if key in self._packed else default

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[K]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as it was read: still packed
        return (type(self), (self._packed,))


class PackedSequence(Sequence[V], Generic[V]):
    """A sequence over ``[pack(item), …]``; each item is unpickled once, when first read."""

    def __init__(self, packed: list[bytes]) -> None:
        self._packed = packed
        self._made: dict[int, V] = {}

    @classmethod
    def of(cls, items: Iterable[V]) -> PackedSequence[V]:
        return cls([pack(item) for item in items])

    @overload
    def __getitem__(self, index: int) -> V: ...

    @overload
    def __getitem__(self, index: slice) -> list[V]: ...

    def __getitem__(self, index: int | slice) -> V | list[V]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._packed)
            if index < 0:
                raise IndexError(index)
        try:
            return self._made[index]
        except KeyError:
            item = self._made[index] = pickle.loads(self._packed[index])
            return item

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._packed,))
