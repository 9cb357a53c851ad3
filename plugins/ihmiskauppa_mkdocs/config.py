"""Typed options of the ``coordination`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CoordinationConfig(Config):
    enabled = c.Type(bool, default=True)
    # The content tree, relative to mkdocs.yml (outside docs_dir on purpose:
    # records are never copied into docs_dir).
    content_dir = c.Type(str, default="content")
    # network: everything the network may see; public: public records only.
    edition = c.Choice(("network", "public"), default="network")
    language = c.Choice(("fi", "sv", "en"), default="fi")
    # The day "upcoming" and "overdue" are reckoned from (YYYY-MM-DD); empty
    # means today. The IHKU_TODAY environment variable overrides it.
    today = c.Type(str, default="")
    # A folder of page templates that override the packaged ones.
    templates_dir = c.Optional(c.Type(str))
    # Where finished annual-report PDFs are kept between builds, relative to
    # mkdocs.yml; empty: no cache. A PDF is reused only while everything in
    # it is unchanged (see ihmiskauppa.report_pdf.render).
    cache_dir = c.Type(str, default=".cache/ihmiskauppa")
    # Use the second core: a forked process renders half the page sources,
    # converts their Markdown and writes the feeds, calendars, exports and
    # PDFs while MkDocs renders the pages (producer.Beside), and another
    # renders a share of the record pages with the theme (theme_share.py).
    # Used only where a fork may run
    # (ihmiskauppa.parallel.can_split) and the other core is free: never in
    # the preview, nor in the builds scripts/build_site.py runs side by side.
    # The environment variable IHKU_PARALLEL (1 or 0) overrides this option.
    parallel = c.Type(bool, default=True)
