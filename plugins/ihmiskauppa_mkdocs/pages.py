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

log = logging.getLogger("mkdocs.structure.pages")  # whose level Page.render consults


class SharedMarkdown:
    """One Markdown instance for the record pages of one build, made at the
    first page (when every plugin has added its extensions)."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None

    def get(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                         extension_configs=config["mdx_configs"] or {})
        return self._md


class RecordPage(Page):
    """A generated page, not in the nav, rendered with the build's shared instance."""

    def __init__(self, file: File, config: MkDocsConfig, shared: SharedMarkdown) -> None:
        super().__init__(None, file, config)
        self.shared = shared

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` with a reused instance: the same processors, registered
        under the same names (replacing the previous page's), then reset."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
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

        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors
