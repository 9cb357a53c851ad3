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
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(func, items[middle:], sender), daemon=True)
    child.start()
    sender.close()
    try:
        first = [func(item) for item in items[:middle]]
        try:
            ok, second = receiver.recv()
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
        raise RuntimeError(f"a worker process failed:\n{second}")
    return first + second


def _child(func: Callable[[T], R], items: Sequence[T], pipe: Connection) -> None:
    try:
        pipe.send((True, [func(item) for item in items]))
    except BaseException:  # noqa: BLE001 - reported in the parent
        pipe.send((False, traceback.format_exc()))
    finally:
        pipe.close()
