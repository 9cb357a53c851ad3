"""Splitting a list of independent jobs over two cores.

Reading a large content tree is parsing thousands of small files, each on
its own. ``map_split`` gives the second half of the list to a forked child
and works through the first half itself; the child's results come back
pickled. Where fork is missing (Windows) or unsafe (macOS, where system
libraries may not survive it), there is one core, the list is short, or this
process may not have children (a daemonic Pool worker), everything runs
here, in order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

MIN_ITEMS = 400  # below this a fork costs more than it saves


def can_split() -> bool:
    """Whether a forked helper may run here (the producer of a build uses this too)."""
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon)


def map_split(func: Callable[[T], R], items: Sequence[T], min_items: int | None = None) -> list[R]:
    """``[func(item) for item in items]``, the second half computed in a
    forked process. ``func`` must not depend on state this process changes
    meanwhile; its results must pickle. An exception in the child is raised
    here, with the child's traceback."""
    if len(items) < (MIN_ITEMS if min_items is None else min_items) or not can_split():
        return [func(item) for item in items]
    middle = len(items) // 2
    first, second = _with_child(func, items[middle:], lambda: [func(item) for item in items[:middle]])
    return first + second


def beside(background: Callable[[], R], foreground: Callable[[], T], split: bool = True) -> tuple[T, R]:
    """``(foreground(), background())``, ``background`` run in a forked
    process meanwhile (where ``split`` and a fork may run). The same rules
    as for ``map_split``: ``background`` must not depend on what
    ``foreground`` changes, and its result must pickle."""
    if not (split and can_split()):
        here = foreground()
        return here, background()
    here, (there,) = _with_child(lambda _: background(), [None], foreground)
    return here, there


def _with_child(func: Callable[[T], R], items: Sequence[T], work_here: Callable[[], S]) -> tuple[S, list[R]]:
    """``work_here()`` in this process while a forked child computes
    ``[func(item) for item in items]``; both results."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(func, items, sender), daemon=True)
    child.start()
    sender.close()
    try:
        here = work_here()
        try:
            ok, there = receiver.recv()
        except EOFError:
            child.join()
            raise RuntimeError(f"a worker process stopped unexpectedly (exit code {child.exitcode})") from None
    except BaseException:
        child.terminate()
        raise
    finally:
        receiver.close()
        child.join()
    if not ok:
        raise RuntimeError(f"a worker process failed:\n{there}")
    return here, there


def _child(func: Callable[[T], R], items: Sequence[T], pipe: Connection) -> None:
    try:
        pipe.send((True, [func(item) for item in items]))
    except BaseException:  # noqa: BLE001 - reported in the parent
        pipe.send((False, traceback.format_exc()))
    finally:
        pipe.close()
