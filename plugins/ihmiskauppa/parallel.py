"""Splitting a list of independent jobs over two cores.

Reading a large content tree is parsing thousands of small files, each on
its own. ``map_split`` gives every other item of the list to a forked child
and works through the rest itself; the child's results come back pickled. Where fork is missing (Windows) or unsafe (macOS, where system
libraries may not survive it), there is one core, the list is short, or this
process may not have children (a daemonic Pool worker), everything runs
here, in order.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import traceback
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
    """``[func(item) for item in items]``, every other item computed in a
    forked process. ``func`` must not depend on state this process changes
    meanwhile; its results must pickle. An exception in the child is raised
    here, with the child's traceback."""
    if len(items) < (MIN_ITEMS if min_items is None else min_items) or not can_split():
        return [func(item) for item in items]
    # Every other item to each process: neighbours cost alike (files of one
    # folder, pages of one kind), so both halves take about as long.
    mine, theirs = _with_child(func, items[1::2], lambda: [func(item) for item in items[0::2]])
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    results[0::2], results[1::2] = mine, theirs
    return results


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
    ``[func(item) for item in items]``; both results.

    A bare fork, not a multiprocessing.Process: the child runs only ``func``
    and pickle, writes its answer and leaves with os._exit, so it never runs
    exit handlers or flushes streams. That keeps it safe to fork from a
    process with other threads (the preview server's), whose locks the
    child may inherit held."""
    receive, send = os.pipe()
    _widen(send)
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(receive)
            try:
                answer = pickle.dumps((True, [func(item) for item in items]), pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - reported in the parent
                answer = pickle.dumps((False, traceback.format_exc()))
            view = memoryview(answer)
            while view:
                view = view[os.write(send, view):]
        except BaseException:  # noqa: BLE001 - nothing left to report to
            code = 1
        finally:
            os._exit(code)
    os.close(send)
    try:
        here = work_here()
        chunks = []
        while chunk := os.read(receive, 1 << 20):
            chunks.append(chunk)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(receive)
        _, status = os.waitpid(pid, 0)
    if not chunks:
        raise RuntimeError(f"a worker process stopped unexpectedly (exit code {os.waitstatus_to_exitcode(status)})")
    ok, there = pickle.loads(b"".join(chunks))
    if not ok:
        raise RuntimeError(f"a worker process failed:\n{there}")
    return here, there


def _widen(pipe: int) -> None:
    """A larger pipe buffer (Linux: up to 1 MB without privileges), so an
    answer of many megabytes crosses in few round trips."""
    try:
        import fcntl

        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass
