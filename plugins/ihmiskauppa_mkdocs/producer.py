"""When the generated pages and files are made during a build.

A build has two kinds of work: ours (page sources from the templates, feeds,
calendars, exports, PDFs) and MkDocs' (Markdown, the theme, search). A
page's source is needed only when MkDocs reaches that page, and our output
files only by the end of the build; none of them is needed all at once.

``InPlace`` makes everything in this process, on demand: a page's source is
rendered when MkDocs reads the page and dropped once it is converted, an
output is made and written in ``finish`` and dropped. Nothing holds every
page source and output at once, as rendering them all before MkDocs starts
would.

``Beside`` forks a process (``ihmiskauppa.parallel.Forked``) once MkDocs
knows every file. It renders every other page source, converts its Markdown
ahead where it may (``RecordPage.render_ahead``) and hands each page over
through a spool file as soon as it is done, then writes the outputs straight
into the site, while this process renders the other pages on demand and
runs MkDocs: much of the work leaves the critical path on a second core, and
the outputs' bytes never pass through this process. It is used where a fork
may run (``parallel.can_split``) and the other core is free: a lone build,
the last builds ``scripts/build_site.py`` starts; not the builds it runs
side by side, nor the preview.
"""
from __future__ import annotations

import os
import pickle
import traceback
from pathlib import Path
from typing import Any, BinaryIO, Callable, Sequence

from ihmiskauppa.parallel import Forked, widen_pipe
from ihmiskauppa.site.outputs import PlannedOutput
from ihmiskauppa.site.pages import PlannedPage

from .spool import Place, Spool


class ProducerError(RuntimeError):
    """Rendering a page or an output failed; the message carries the traceback."""


def _write_all(site_dir: Path, outputs: Sequence[PlannedOutput]) -> None:
    made: set[Path] = set()  # folders already there (feeds/ holds hundreds of files)
    for output in outputs:
        target = site_dir / output.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with target.open("wb") as file:
            for piece in output.pieces():
                file.write(piece)


# Converts a page's Markdown ahead, in the second process: (src_uri, source) -> what to hand the page.
Ahead = Callable[[str, str], Any]


class InPlace:
    """Renders each planned page when it is asked for and writes the outputs
    in ``finish``, in this process; or, with ``outputs_first``, in ``start``,
    before MkDocs reads any page. scripts/build_site.py asks that of the
    second of two builds it starts together: the first converts its record
    pages meanwhile, and this one then finds most of those conversions
    (conversions.py) instead of converting the same pages at the same time.

    Then, with ``ahead``, this one converts pages from the last one back
    until it finds one the first has converted: the two meet in the
    middle, and each finds the other's half. (Going in MkDocs' order, this
    one soon caught up with the first, and from there both converted the
    same pages at the same moment: a third of the network sv build's pages
    at N = 2,000.)"""

    def __init__(self, pages: Sequence[PlannedPage], outputs: Sequence[PlannedOutput], site_dir: Path,
                 outputs_first: bool = False) -> None:
        self._pages = {page.src_uri: page for page in pages}
        self.outputs = outputs
        self.site_dir = site_dir
        self._outputs_first = outputs_first
        self._made: dict[str, tuple[str, list[str], Any]] = {}  # converted from the end (see start)

    def page(self, src_uri: str) -> tuple[str, list[str], Any]:
        """The page's Markdown, its HTML blocks, and its Markdown already
        converted where that was done elsewhere (else None)."""
        planned = self._pages.pop(src_uri, None)
        if planned is None:
            raise ProducerError(f"the page {src_uri} was not planned, or was asked for twice")
        made = self._made.pop(src_uri, None)
        if made is not None:
            return made
        try:
            page = planned.make()
        except Exception:  # noqa: BLE001 - reported by the build with its traceback
            raise ProducerError(traceback.format_exc()) from None
        return page.markdown, page.fragments, None

    def finish(self) -> None:
        if not self._outputs_first:
            self._write_outputs()

    def _write_outputs(self) -> None:
        try:
            _write_all(self.site_dir, self.outputs)
        except Exception:  # noqa: BLE001
            raise ProducerError(traceback.format_exc()) from None

    def start(self, ahead: Ahead | None = None) -> None:
        """Nothing to start: everything is made here, when asked for (the
        outputs now, with ``outputs_first``, and then pages from the end)."""
        if self._outputs_first:
            self._write_outputs()
            self.outputs = []  # written: nothing to hold until the end
            if ahead is not None:
                self._convert_from_the_end(ahead)

    def _convert_from_the_end(self, ahead: Ahead) -> None:
        """Render and convert pages from the last one back, until one's
        conversion is found made by another build (``Rendered.shared``):
        from there on, that build has converted them all."""
        for src_uri in reversed(self._pages):
            try:
                page = self._pages[src_uri].make()
                rendered = ahead(src_uri, page.markdown)
            except Exception:  # noqa: BLE001 - made again when MkDocs asks, which reports it
                return
            self._made[src_uri] = (page.markdown, page.fragments, rendered)
            if getattr(rendered, "shared", False):
                return

    def pages_done(self) -> None:
        """MkDocs has read every page: drop what only pages needed."""
        self._pages.clear()
        self._made.clear()

    def close(self) -> None:
        pass


class Beside(InPlace):
    """Every other planned page is rendered here, when MkDocs asks for it;
    a forked process renders the rest meanwhile (with ``ahead``, their
    Markdown converted too) into a spool file, then writes the outputs.

    MkDocs reads and converts the pages in the order they were planned, so
    the two processes go through the list side by side and this process
    seldom waits. The spool is an unlinked temporary file; the child tells
    through a pipe where each page lies as soon as it is written, and a
    page is read back only when MkDocs asks for it."""

    def __init__(self, pages: Sequence[PlannedPage], outputs: Sequence[PlannedOutput], site_dir: Path) -> None:
        super().__init__(pages, outputs, site_dir)
        # Every other page is the child's: this process never renders those.
        self._theirs = [self._pages.pop(page.src_uri) for page in pages[1::2]]
        self._pending = {page.src_uri for page in self._theirs}  # the child's, not yet handed over
        self._index: dict[str, Place] = {}
        self._spool = Spool()
        self._messages: BinaryIO | None = None  # the child's notes: (src_uri, place, failure), pickled one after another
        self._writer: Forked | None = None

    def start(self, ahead: Ahead | None = None) -> None:
        """Fork the second process (once every file of the build is known:
        ``ahead`` resolves links against them)."""
        theirs, self._theirs = self._theirs, []
        ready, tell = os.pipe()
        widen_pipe(tell)
        self._writer = Forked(lambda: self._produce(theirs, ahead, ready, tell))
        os.close(tell)  # the child's end: EOF here once it is gone
        self._messages = open(ready, "rb")

    def pages_done(self) -> None:
        """Pages and outputs are the other process's now: hold nothing of them."""
        super().pages_done()
        self.outputs = []

    # --- in the child ---------------------------------------------------------

    def _produce(self, pages: list[PlannedPage], ahead: Ahead | None, ready: int, tell: int) -> None:
        os.close(ready)
        with open(tell, "wb") as notes:
            for planned in pages:
                try:
                    page = planned.make()
                    rendered = ahead(page.src_uri, page.markdown) if ahead else None
                    note = (planned.src_uri, self._spool.put((page.markdown, page.fragments, rendered)), None)
                except BaseException:  # noqa: BLE001 - reported in the build, when it asks for the page
                    pickle.dump((planned.src_uri, None, traceback.format_exc()), notes)
                    raise
                pickle.dump(note, notes)
                notes.flush()  # the build may be waiting for this very page
        _write_all(self.site_dir, self.outputs)

    # --- in the build ---------------------------------------------------------

    def page(self, src_uri: str) -> tuple[str, list[str], Any]:
        if src_uri not in self._pending:
            return super().page(src_uri)
        self._pending.discard(src_uri)
        while src_uri not in self._index:
            self._receive()
        return self._spool.get(self._index.pop(src_uri))

    def _receive(self) -> None:
        assert self._messages is not None, "start() was not called"
        try:
            src_uri, place, failure = pickle.load(self._messages)
        except EOFError:  # the child is gone before it rendered every page: its report says why
            self.finish()
            raise ProducerError("the second process stopped before it rendered its pages") from None
        if failure is not None:
            raise ProducerError(f"{src_uri}:\n{failure}")
        self._index[src_uri] = place

    def finish(self) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            raise ProducerError("the outputs were already written, or their process was stopped")
        try:
            writer.result()
        except RuntimeError as exc:  # its message carries the child's traceback
            raise ProducerError(str(exc)) from None
        finally:
            self._release()

    def close(self) -> None:
        """Stop the second process if it still runs (a build that failed)."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self._release()

    def _release(self) -> None:
        if not self._spool.closed:
            self._spool.close()
        if self._messages is not None:
            self._messages.close()
            self._messages = None
