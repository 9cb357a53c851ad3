"""Objects kept on disk until they are needed, instead of in memory.

A build reads and converts every page before it renders any with the theme
(MkDocs' two passes), so every page's HTML would otherwise sit in memory
between the two; and the producer's second process hands its pages over
the same way. The file is an unlinked temporary file: it is gone with the
process, whatever happens.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from typing import Any, Hashable

Place = tuple[int, int]  # (offset, length)


class Spool:
    """Pickled objects in a temporary file, each read back when asked for."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._end = 0
        self._places: dict[Hashable, Place] = {}

    def put(self, value: Any) -> Place:
        """Append ``value``; where it lies (to ``get`` it, here or in a process
        forked after this spool was made)."""
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        view, offset = memoryview(data), self._end
        while view:
            written = os.pwrite(self._file.fileno(), view, offset)
            view, offset = view[written:], offset + written
        place, self._end = (self._end, len(data)), self._end + len(data)
        return place

    def get(self, place: Place) -> Any:
        offset, length = place
        return pickle.loads(os.pread(self._file.fileno(), length, offset))

    def store(self, key: Hashable, value: Any) -> None:
        self._places[key] = self.put(value)

    def take(self, key: Hashable) -> Any:
        """The value stored under ``key``, forgotten here (each is read once)."""
        return self.get(self._places.pop(key))

    def size(self, key: Hashable) -> int:
        """How many bytes the value stored under ``key`` takes (0 if none is)."""
        place = self._places.get(key)
        return place[1] if place else 0

    def __contains__(self, key: Hashable) -> bool:
        return key in self._places

    def close(self) -> None:
        self._places.clear()
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed
