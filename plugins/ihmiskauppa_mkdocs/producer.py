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

``Beside`` renders the page sources the same way, but writes the outputs in
a forked process (``ihmiskauppa.parallel.Forked``) from the moment the
pages are planned, while this process runs MkDocs: the outputs leave the
critical path on a second core, and their bytes never pass through this
process. It is used where a fork may run (``parallel.can_split``) and the
other core is free (a lone build; not the builds ``scripts/build_site.py``
runs side by side, nor the preview).
"""
from __future__ import annotations

import traceback
from pathlib import Path
from typing import Sequence

from ihmiskauppa.parallel import Forked
from ihmiskauppa.site.outputs import PlannedOutput
from ihmiskauppa.site.pages import PlannedPage


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


class InPlace:
    """Renders each planned page when it is asked for and writes the outputs
    in ``finish``, in this process."""

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
            _write_all(self.site_dir, self.outputs)
        except Exception:  # noqa: BLE001
            raise ProducerError(traceback.format_exc()) from None

    def close(self) -> None:
        pass


class Beside(InPlace):
    """Renders each planned page when it is asked for, here, and writes the
    outputs in a forked process meanwhile; ``finish`` waits for it."""

    def __init__(self, pages: Sequence[PlannedPage], outputs: Sequence[PlannedOutput], site_dir: Path) -> None:
        super().__init__(pages, outputs, site_dir)
        self._writer: Forked | None = Forked(lambda: _write_all(self.site_dir, self.outputs))

    def finish(self) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            raise ProducerError("the outputs were already written, or their process was stopped")
        try:
            writer.result()
        except RuntimeError as exc:  # its message carries the child's traceback
            raise ProducerError(str(exc)) from None

    def close(self) -> None:
        """Stop the writing process if it still runs (a build that failed)."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
