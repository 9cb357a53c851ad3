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
    mine, theirs = _alongside(lambda: [func(item) for item in items[0::2]],
                              lambda: [func(item) for item in items[1::2]])
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
    return _alongside(foreground, background)


def _alongside(here: Callable[[], S], there: Callable[[], R]) -> tuple[S, R]:
    """``(here(), there())``, ``there`` run in a forked child meanwhile."""
    child = Forked(there)
    try:
        mine = here()
    except BaseException:
        child.cancel()
        raise
    return mine, child.result()


class Forked:
    """``job()`` running in a forked child from the moment this is made;
    ``result()`` waits for its answer (or raises its failure), ``cancel()``
    stops it. Callers check ``can_split`` first.

    A bare fork, not a multiprocessing.Process: the child runs only ``job``
    and pickle, writes its answer and leaves with os._exit, so it never runs
    exit handlers or flushes streams. That keeps it safe to fork from a
    process with other threads (the preview server's), whose locks the
    child may inherit held."""

    def __init__(self, job: Callable[[], R]) -> None:
        self._receive, send = os.pipe()
        widen_pipe(send)
        self._pid = os.fork()
        if self._pid == 0:  # the child
            code = 0
            try:
                os.close(self._receive)
                try:
                    answer = pickle.dumps((True, job()), pickle.HIGHEST_PROTOCOL)
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

    def result(self) -> R:  # type: ignore[type-var]
        if self._pid is None:
            raise RuntimeError("a worker process was stopped before it answered")
        try:
            # Unpickled as it arrives: a large answer is never held as bytes
            # here too (which would raise this process's peak memory).
            with open(self._receive, "rb", closefd=False) as stream:
                ok, answer = pickle.load(stream)
        except (EOFError, pickle.UnpicklingError):
            status = self._reap()
            raise RuntimeError("a worker process stopped unexpectedly "
                               f"(exit code {os.waitstatus_to_exitcode(status)})") from None
        except BaseException:
            self.cancel()
            raise
        self._reap()
        if not ok:
            raise RuntimeError(f"a worker process failed:\n{answer}")
        return answer

    def cancel(self) -> None:
        """Stop the child if it still runs (the work it was for failed)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> int:
        os.close(self._receive)
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return status


def widen_pipe(pipe: int) -> None:
    """A larger pipe buffer (Linux: up to 1 MB without privileges), so an
    answer of many megabytes crosses in few round trips."""
    try:
        import fcntl

        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass
