"""The theme pass on two cores.

Once every page is read and converted, MkDocs renders the pages with the
theme one after another (``_build_page``: the page's template, its search
entries, its file), which is about half of a build. ``ThemeShare`` forks a
process at that point. It renders a share of the record pages with MkDocs'
own ``_build_page``, so every plugin's page events run there as they would
here, and writes them; this process renders the others meanwhile. The fork
hands back, page by page, the entries the search plugin made and what
MkDocs logged; they are put back here in page order before the search
plugin writes its index, so the site is the same byte for byte as from one
process (tested).

MkDocs has no hook that leaves a page out of its loop. Its loop is the one
caller of ``Files.documentation_pages`` that names the inclusion level, so
the share is left out of that one call; the sitemap and the 404 page, made
just before it, still list every page. Should a page of the share reach this
process's loop anyway (a MkDocs that calls it differently), the fork is
stopped before this process writes any page of the share, and every page is
rendered here.
"""
from __future__ import annotations

import gc
from operator import itemgetter
from typing import Any, Collection, Sequence

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ihmiskauppa.parallel import Forked

from .pages import Logged, kept_logs, relog

Entry = dict[str, Any]  # one search entry (Material's search plugin: location, title, text)


def choose_share(pages: Sequence[tuple[str, int, bool]], fraction: float) -> set[str]:
    """The src_uris of the pages the fork renders: of ``pages`` (src_uri, size
    in bytes, whether it may go), in MkDocs' order, about ``fraction`` of all
    the bytes, taken evenly along the way. A page's HTML size stands for its
    cost: the template's work is alike for every page, the search plugin's
    grows with the text."""
    share: set[str] = set()
    taken = seen = 0
    for src_uri, size, movable in pages:
        seen += size
        if movable and taken + size <= fraction * seen:
            share.add(src_uri)
            taken += size
    return share


class ThemeShare:
    """Forks at once: the child renders ``share`` with the theme. Call
    ``before_page`` for every page this process renders (before the search
    plugin sees it) and ``finish`` before the search plugin writes its index."""

    def __init__(self, config: MkDocsConfig, files: Files, every: Sequence[File], nav: Any, env: Any,
                 share: Collection[str], entries: list[Entry]) -> None:
        """``every``: the pages of MkDocs' loop, in its order (``documentation_pages``)."""
        self._order = {file.src_uri: place for place, file in enumerate(every)}
        self._share = set(share)
        self._entries = entries  # the search plugin's index, in this process
        self._starts: list[tuple[int, int]] = []  # (place in MkDocs' order, first entry) of this process's pages
        self._files = files
        self.left_out = False  # MkDocs' loop left the share out
        theirs = [file for file in every if file.src_uri in self._share]
        self._fork: Forked | None = Forked(lambda: _render(theirs, every, config, nav, env, entries))
        self._leave_out_of_loop(files)

    def _leave_out_of_loop(self, files: Files) -> None:
        original = files.documentation_pages

        def documentation_pages(*, inclusion: Any = None) -> Sequence[File]:
            if inclusion is None:  # the sitemap, the 404 page, other callers: every page
                return original()
            del files.documentation_pages  # MkDocs' page loop: once
            self.left_out = True
            return [file for file in original(inclusion=inclusion) if file.src_uri not in self._share]

        files.documentation_pages = documentation_pages  # type: ignore[method-assign]

    def before_page(self, page: Page) -> None:
        if self._fork is None:
            return
        if page.file.src_uri in self._share:  # not left out: render every page here
            self.close()
            return
        self._starts.append((self._order[page.file.src_uri], len(self._entries)))

    def finish(self, config: MkDocsConfig) -> None:
        """Wait for the fork; its pages' search entries go into the index in
        page order, what it logged is logged here, and its pages' anchor
        links are checked (MkDocs checks only those of its own loop).
        Raises RuntimeError with the fork's traceback if it failed."""
        fork, self._fork = self._fork, None
        self._restore()
        if fork is None:
            return
        theirs: list[tuple[str, list[Entry], Logged]] = fork.result()
        pieces = self._own_pieces()
        for src_uri, entries, logged in theirs:
            relog(logged)
            pieces.append((self._order[src_uri], entries))
        pieces.sort(key=itemgetter(0))  # stable: the entries made before the loop stay first
        self._entries[:] = [entry for _, entries in pieces for entry in entries]
        for src_uri, _, _ in theirs:
            page = self._files.get_file_from_path(src_uri).page  # type: ignore[union-attr]
            page.validate_anchor_links(files=self._files, log_level=config.validation.links.anchors)

    def _own_pieces(self) -> list[tuple[int, list[Entry]]]:
        """This process's entries, cut by page: (place in MkDocs' order, entries)."""
        first = self._starts[0][1] if self._starts else len(self._entries)
        pieces = [(-1, self._entries[:first])]
        ends = [start for _, start in self._starts[1:]] + [len(self._entries)]
        pieces += [(place, self._entries[start:end]) for (place, start), end in zip(self._starts, ends)]
        return pieces

    def close(self) -> None:
        """Stop the fork if it runs (a failed build, or its pages are rendered here)."""
        if self._fork is not None:
            self._fork.cancel()
            self._fork = None
        self._share = set()
        self._restore()

    def _restore(self) -> None:
        self._files.__dict__.pop("documentation_pages", None)


def _render(files: list[File], every: Sequence[File], config: MkDocsConfig, nav: Any, env: Any,
            entries: list[Entry]) -> list[tuple[str, list[Entry], Logged]]:
    """In the fork: each page rendered and written as MkDocs' loop would;
    what its search entries are, and what MkDocs logged."""
    gc.freeze()  # what the build made is not garbage: do not walk it again here
    done = []
    for file in files:
        before = len(entries)
        with kept_logs() as kept:
            mkdocs_build._build_page(file.page, config, every, nav, env,  # type: ignore[arg-type]
                                     excluded=file.inclusion.is_excluded())
        done.append((file.src_uri, entries[before:], kept.records))
    return done
