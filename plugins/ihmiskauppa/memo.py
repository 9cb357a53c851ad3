"""Results a long-lived process keeps from one run to the next.

The preview server rebuilds the site after every edit, almost always with
the same inputs for nearly everything. Where a result depends only on
values that can be compared (a text, a tuple of events), it is kept here
under those values and reused while they stay equal. A run keeps only the
entries it used, so the memo never outgrows the content.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")
_MISSING = object()


class Memo:
    def __init__(self) -> None:
        self._previous: dict[Hashable, object] = {}
        self._current: dict[Hashable, object] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        value = self._current.get(key, _MISSING)
        if value is _MISSING:
            value = self._previous.get(key, _MISSING)
            if value is _MISSING:
                self.misses += 1
                value = compute()
            else:
                self.hits += 1
            self._current[key] = value
        return value  # type: ignore[return-value]

    def find(self, key: Hashable) -> object | None:
        """What this run or the previous one kept under ``key`` (None if
        nothing); the caller decides whether it still holds, and ``put``s it
        to keep it for the next run."""
        value = self._current.get(key, _MISSING)
        if value is _MISSING:
            value = self._previous.get(key)
        return None if value is _MISSING else value

    def put(self, key: Hashable, value: object) -> None:
        self._current[key] = value

    def next_run(self) -> None:
        """Forget what this run did not use."""
        self._previous, self._current = self._current, {}
        self.hits = self.misses = 0


def memoised(memo: Memo | None, key: Hashable, compute: Callable[[], T]) -> T:
    return compute() if memo is None else memo.get(key, compute)


def digest(text: str) -> bytes:
    """A short memo key for a text: the preview keeps its keys from one rebuild to the next."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
