"""Domain core of the anti-trafficking coordination site.

A plain Python library: records of content format v1, loading and
validation, the policy process, and everything generated from the records
(pages, feeds, calendars, exports). It never imports MkDocs, so the site can
move to another generator; ``ihmiskauppa_mkdocs`` is the thin MkDocs adapter.
"""

__version__ = "0.1.0"
