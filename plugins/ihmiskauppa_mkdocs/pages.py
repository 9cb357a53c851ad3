"""Record pages: MkDocs pages converted by one Markdown instance per build.

MkDocs' ``Page.render`` builds a new ``markdown.Markdown`` with every
configured extension for each page; with Material's usual extensions that
costs about as much as converting a short page (``pymdownx.highlight``
alone deep-copies its settings each time). A build has thousands of record
pages, all alike, so ``RecordPage`` converts them with one instance, reset
between pages (``Markdown.reset`` is Python-Markdown's way to reuse one),
and registers MkDocs' own per-page processors on it, as ``Page.render``
does: links, anchors and the title come out the same (tested).

Material's blog plugin makes its posts the same way: a ``Page`` subclass
made in ``on_files`` for a generated file.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from .conversions import SharedConversions

log = logging.getLogger("mkdocs.structure.pages")  # whose level Page.render consults
Logged = list[tuple[str, int, str]]  # (logger, level, message)


class SharedMarkdown:
    """One Markdown instance for the record pages of one build, made at the
    first page (when every plugin has added its extensions); and, in a run
    of several builds, the conversions they share (conversions.py)."""

    def __init__(self, conversions: SharedConversions | None = None) -> None:
        self._md: markdown.Markdown | None = None
        self.conversions = conversions

    def get(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                         extension_configs=config["mdx_configs"] or {})
        return self._md


@dataclass
class Rendered:
    """What ``Page.render`` leaves on a page, in a form that pickles (files
    by their src_uri), with what MkDocs logged meanwhile: a page can be
    rendered in another process and the result put on the page here."""

    content: str
    toc_tokens: list[Any]
    title: str | None
    present_anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    logged: Logged = field(default_factory=list)
    shared: bool = False  # taken from another build of the run (conversions.py)


class RecordPage(Page):
    """A generated page, not in the nav, rendered with the build's shared
    instance, or given its rendering from another process (``ahead``)."""

    def __init__(self, file: File, config: MkDocsConfig, shared: SharedMarkdown) -> None:
        super().__init__(None, file, config)
        self.shared = shared
        self.ahead: Rendered | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        rendered, self.ahead = self.ahead or self.convert(config, files), None
        relog(rendered.logged)
        if rendered.shared and self.shared.conversions is not None:
            self.shared.conversions.found += 1
        self.content = rendered.content
        self.toc = get_toc(rendered.toc_tokens)
        self._title_from_render = rendered.title
        self.present_anchor_ids = rendered.present_anchor_ids
        if rendered.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in rendered.links_to_anchors.items()}

    def convert(self, config: MkDocsConfig, files: Files) -> Rendered:
        """The page's Markdown converted, or the same conversion from another
        build of the run. A conversion from elsewhere carries what MkDocs
        logged while making it (``render`` logs it here)."""
        conversions = self.shared.conversions
        if conversions is None:
            return self._convert(config, files)
        return conversions.convert(self.file, self.markdown or "", files,
                                   lambda recording: self._convert_keeping_logs(config, recording))

    def _convert_keeping_logs(self, config: MkDocsConfig, files: Files) -> Rendered:
        with kept_logs() as kept:
            rendered = self._convert(config, files)
        rendered.logged = kept.records
        return rendered

    def _convert(self, config: MkDocsConfig, files: Files) -> Rendered:
        """``Page.render``'s work with a reused instance: the same processors,
        registered under the same names (replacing the previous page's), then reset."""
        md = self.shared.get(config)
        md.reset()
        raw_html_ext = _RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = _ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = _RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        content = md.convert(self.markdown or "")
        links = None
        if log.getEffectiveLevel() > logging.DEBUG:
            links = {file.src_uri: anchors for file, anchors in relative_path_ext.links_to_anchors.items()}
        return Rendered(content, list(getattr(md, "toc_tokens", [])), extract_title_ext.title,
                        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids, links)

    def render_ahead(self, source: str, config: MkDocsConfig, files: Files) -> Rendered:
        """Read ``source`` as ``Page.read_source`` would and convert it, keeping
        what MkDocs logs meanwhile in the result instead of logging it here
        (in a forked process, a warning would not reach the build's count)."""
        self.markdown, self.meta = get_data(source)
        try:
            with kept_logs() as kept:
                rendered = self.convert(config, files)
        finally:
            self.markdown = None
        rendered.logged = [*rendered.logged, *kept.records]
        return rendered


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: Logged = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def kept_logs() -> Iterator[_Keep]:
    """What MkDocs logs meanwhile, kept (in its ``records``) instead of
    logged: in a forked process, a warning would not reach the build's
    count for --strict. ``relog`` logs it in the build."""
    mkdocs_log = logging.getLogger("mkdocs")
    keep = _Keep()
    handlers, propagate = mkdocs_log.handlers[:], mkdocs_log.propagate
    mkdocs_log.handlers[:], mkdocs_log.propagate = [keep], False
    try:
        yield keep
    finally:
        mkdocs_log.handlers[:], mkdocs_log.propagate = handlers, propagate


def relog(records: Logged) -> None:
    """Log here what another process kept (counted by --strict, as if logged now)."""
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)
