"""Rendering the generated pages and files in a second process while MkDocs works.

A build has two kinds of work: ours (page sources from the templates, feeds,
calendars, exports, PDFs) and MkDocs' (Markdown, the theme, search). MkDocs
works through the pages one at a time and needs a page's source only when it
reaches that page; our outputs are needed only when MkDocs copies the files.
So after the records are read, a forked process renders the page sources in
the order they were registered and streams them back through a pipe (which
holds a few pages: the child keeps just ahead of MkDocs; a page asked for
out of order waits until it arrives), then writes the outputs straight into
the site folder, while this process runs MkDocs on the pages already
received and then the theme. On two cores our work leaves the critical path.

Only the pages' Markdown and their HTML blocks cross the pipe; output bytes
go to disk from the child, so this process never holds them.

``InPlace`` does the same work in this process, on demand: a page's source
is rendered when MkDocs reads the page and dropped once it is converted, an
output is made and written in ``finish`` and dropped. That is the default
(one process), and what runs where a fork may not
(``ihmiskauppa.parallel.can_split``: Windows, macOS, one core, a daemonic
worker). Neither holds every page source and output at once, as rendering
them all before MkDocs starts would.
"""
from __future__ import annotations

import multiprocessing
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Sequence

from ihmiskauppa.site.outputs import PlannedOutput
from ihmiskauppa.site.pages import PlannedPage


class ProducerError(RuntimeError):
    """Rendering a page or an output failed; the message carries the traceback."""


def _write(site_dir: Path, output: PlannedOutput) -> None:
    target = site_dir / output.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        for piece in output.pieces():
            file.write(piece)


class InPlace:
    """Renders each planned page when it is asked for and writes the outputs
    in ``finish``, in this process (the interface of ``Producer``)."""

    def __init__(self, pages: Sequence[PlannedPage], outputs: Sequence[PlannedOutput], site_dir: Path) -> None:
        self._pages = {page.src_uri: page for page in pages}
        self.outputs = outputs
        self.site_dir = site_dir

    def page(self, src_uri: str) -> tuple[str, list[str]]:
        planned = self._pages.pop(src_uri, None)
        if planned is None:
            raise ProducerError(f"the page {src_uri} was not planned, or was asked for twice")
        try:
            page = planned.make()
        except Exception:  # noqa: BLE001 - reported by the build with its traceback
            raise ProducerError(traceback.format_exc()) from None
        return page.markdown, page.fragments

    def finish(self) -> None:
        try:
            for output in self.outputs:
                _write(self.site_dir, output)
        except Exception:  # noqa: BLE001
            raise ProducerError(traceback.format_exc()) from None

    def close(self) -> None:
        pass


class Producer:
    """Renders ``pages`` (streamed back) then ``outputs`` (written under
    ``site_dir``) in a forked process."""

    def __init__(self, pages: Sequence[PlannedPage], outputs: Sequence[PlannedOutput], site_dir: Path) -> None:
        self.pages = pages
        self.outputs = outputs
        self.site_dir = site_dir
        self._received: dict[str, tuple[str, list[str]]] = {}
        self._done = False
        context = multiprocessing.get_context("fork")
        self._pipe, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=self._produce, args=(sender,), name="ihku-producer", daemon=True)
        self._process.start()
        sender.close()  # the child's end: EOF here once the child is gone

    # --- in the child ---------------------------------------------------------

    def _produce(self, pipe: Connection) -> None:
        try:
            for planned in self.pages:
                page = planned.make()
                pipe.send(("page", page.src_uri, page.markdown, page.fragments))
            for output in self.outputs:
                _write(self.site_dir, output)
            pipe.send(("done",))
        except BaseException:  # noqa: BLE001 - everything goes back to the build
            pipe.send(("error", traceback.format_exc()))
        finally:
            pipe.close()

    # --- in the build ---------------------------------------------------------

    def page(self, src_uri: str) -> tuple[str, list[str]]:
        """The Markdown and HTML blocks of a planned page, waiting for them if need be."""
        while src_uri not in self._received:
            self._receive()
        return self._received.pop(src_uri)

    def finish(self) -> None:
        """Wait until every output is written."""
        while not self._done:
            self._receive()
        self._process.join()

    def _receive(self) -> None:
        if self._done:
            raise ProducerError("the producer has finished; the page asked for was not planned")
        try:
            message = self._pipe.recv()
        except EOFError:
            self._process.join()
            raise ProducerError(f"the producing process stopped unexpectedly (exit code {self._process.exitcode})") from None
        kind = message[0]
        if kind == "page":
            self._received[message[1]] = (message[2], message[3])
        elif kind == "done":
            self._done = True
        else:
            self._done = True
            raise ProducerError(message[1])

    def close(self) -> None:
        """Stop the child if it still runs (a build that failed)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._pipe.close()
