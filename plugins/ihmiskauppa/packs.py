"""Append-only files ("packs") through which the processes of one run share
what each has made: a build's Markdown conversions, a page's source.

Each process appends to one file of its own in the run's folder, not one
file per entry: creating thousands of small files costs the run system time
(about 4,500 of them at N = 2,000, an eighth of the files a six-build run
made). A record is a header (its key, length and checksum) and the pickled
entry, written in one call; a reader indexes only whole records and checks
the checksum before it unpickles, so it never takes half of one that another
process is still writing. The others' packs are read again as they grow,
when a key is looked up that is not indexed yet. Nothing here knows what the
entries are: the caller's key must say everything that decides an entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import struct
import tempfile
from pathlib import Path
from typing import Any, Iterator

# A record: magic, key (20 bytes), payload length, payload checksum; then the payload.
_HEADER = struct.Struct("<4s20sQ8s")
_MAGIC = b"IHKC"
SUFFIX = ".pack"
KEY_SIZE = 20


class Packs:
    """A run's folder of packs, as one process sees it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Where each key's entries are in the other processes' packs (newest last).
        self._index: dict[bytes, list[tuple[Path, int, int, bytes]]] = {}
        self._indexed: dict[Path, int] = {}  # how far each other pack has been read (whole records)
        self._pack: Path | None = None  # this process's own pack, made on the first entry kept
        self._pack_pid = 0  # the process that made it: a forked process makes its own
        self._broken = False  # a write failed: keep nothing more (a reader would misalign)

    def find(self, key: bytes) -> Iterator[Any]:
        """The entries the other processes kept under ``key``, newest first;
        one that cannot be read (its pack gone, its bytes not those
        written) is passed over."""
        if key not in self._index:
            self._read_packs()
        for pack, offset, length, checksum in reversed(self._index.get(key, [])):
            try:
                with open(pack, "rb") as handle:
                    handle.seek(offset)
                    data = handle.read(length)
            except OSError:
                continue
            if len(data) == length and _checksum(data) == checksum:
                yield pickle.loads(data)

    def keep(self, key: bytes, entry: Any) -> None:
        """Append ``entry`` to this process's pack, in one write. An entry
        that cannot be kept (the folder gone, a full disk) is only not
        shared: this process has it already."""
        if self._broken:
            return
        data = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        record = _HEADER.pack(_MAGIC, key, len(data), _checksum(data)) + data
        try:
            if self._pack is None or self._pack_pid != os.getpid():
                handle, name = tempfile.mkstemp(dir=self.folder, suffix=SUFFIX)
                os.close(handle)
                self._pack, self._pack_pid = Path(name), os.getpid()
            with open(self._pack, "ab", buffering=0) as pack:
                written = 0
                while written < len(record):
                    written += pack.write(memoryview(record)[written:])
        except OSError:
            self._broken = True

    def _read_packs(self) -> None:
        """Index the whole records the other processes have added since the last look."""
        try:
            packs = [Path(entry.path) for entry in os.scandir(self.folder) if entry.name.endswith(SUFFIX)]
        except OSError:
            return
        for pack in packs:
            if pack == self._pack:
                continue
            start = self._indexed.get(pack, 0)
            if start < 0:  # unreadable: not looked at again
                continue
            try:
                with open(pack, "rb") as handle:
                    handle.seek(start)
                    tail = handle.read()
            except OSError:
                continue
            self._indexed[pack] = self._index_records(pack, start, tail)

    def _index_records(self, pack: Path, start: int, tail: bytes) -> int:
        """Index the whole records at the start of ``tail`` (read from
        ``start``); where the next look begins (-1: the file is not a pack)."""
        at = 0
        while len(tail) - at >= _HEADER.size:
            magic, key, length, checksum = _HEADER.unpack_from(tail, at)
            if magic != _MAGIC:
                return -1
            body = at + _HEADER.size
            if len(tail) - body < length:
                break  # the rest is still being written
            self._index.setdefault(key, []).append((pack, start + body, length, checksum))
            at = body + length
        return start + at


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()
