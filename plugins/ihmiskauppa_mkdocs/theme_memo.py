"""Parts of the theme rendered once for all the pages they look the same on.

Material renders the site's navigation (the sidebar ``partials/nav.html``
and the tabs ``partials/tabs.html``) anew for every page: about two fifths
of the theme's time per page, and the theme is half of a build. Yet on a
page that is not in the navigation (every record page: listing pages lead
to them) nothing in it is marked as the current page, and what remains
depends on the page only through its relative links. Record pages of one
collection link to the navigation's pages with the same relative URLs
(``../../meetings/`` from every ``issues/<id>/``), so a build renders each
part once per collection instead of once per page.

Our overrides of the two partials (``theme/overrides/partials``) include
Material's own (``material/partials/...``, through a prefix loader) and keep
what it rendered under a key: the part, and the relative URL from the page
to every page of the navigation, the home page and the site's root. A page
in the navigation gets no key and is rendered as Material would, as is every
page where the navigation holds the page's own table of contents
(``toc.integrate``).

Two more parts depend on the page only through its way back to the site's
root: the search dialog (``partials/search.html``, which has no link at
all) and the theme's settings for its scripts (the ``config`` block of
``main.html``: the root, the search worker under ``assets/``). They are kept
under the relative URLs of the root and of ``assets/`` from the page: one
rendering per depth of page.

``IHKU_THEME_MEMO=0`` turns the memo off (the tests compare both ways, byte
for byte).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable

import jinja2
import material
from mkdocs.utils import normalize_url

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
VARIABLE = "IHKU_THEME_MEMO"


class ThemeMemo:
    """The parts of the theme rendered in one build, by key."""

    def __init__(self, features: list[str], other_urls: Iterable[Any] = ()) -> None:
        """``other_urls``: what else the navigation links to (the theme's
        logo, ``extra.homepage``); None and non-strings are left out."""
        self.enabled = os.environ.get(VARIABLE, "1") != "0" and "toc.integrate" not in features
        self.other_urls = tuple(url for url in other_urls if isinstance(url, str) and url)
        self._kept: dict[Hashable, str] = {}
        self._nav_urls: tuple[str, ...] | None = None  # the navigation's pages, home page and root

    def nav_key(self, part: str, page: Any, nav: Any) -> Hashable | None:
        """The key of a part of the navigation on ``page``; None where it must
        be rendered for this page."""
        if not self.enabled or page is None or nav is None or getattr(page, "url", None) is None:
            return None
        if page.parent is not None or any(page is other for other in nav.pages):
            return None  # in the navigation: it marks the page and its section as current
        if self._nav_urls is None:
            homepage = nav.homepage.url if nav.homepage is not None else ""
            self._nav_urls = (*(other.url for other in nav.pages), homepage, ".", *self.other_urls)
        return (part, tuple(normalize_url(url, page=page) for url in self._nav_urls))

    def root_key(self, part: str, page: Any) -> Hashable | None:
        """The key of a part whose links all lead to the root or under
        ``assets/``, on ``page`` (None: the 404 page, rendered for itself)."""
        if not self.enabled or page is None or getattr(page, "url", None) is None:
            return None
        return (part, normalize_url(".", page=page), normalize_url("assets/", page=page))

    def once(self, key: Hashable | None, caller: Callable[[], str]) -> str:
        """What ``caller`` renders, kept under ``key`` and rendered again only
        where the key is None. Templates call it as a call block, whose body
        is ``caller``: ``{% call ihku_theme_memo.once(key) %}...{% endcall %}``."""
        if key is None:
            return caller()
        html = self._kept.get(key)
        if html is None:
            html = self._kept[key] = caller()
        return html


def install(env: jinja2.Environment, memo: ThemeMemo) -> None:
    """Let the overrides include Material's own partials and use ``memo``."""
    if not isinstance(env.loader, jinja2.ChoiceLoader) or not any(
            isinstance(loader, jinja2.PrefixLoader) for loader in env.loader.loaders):
        env.loader = jinja2.ChoiceLoader([
            env.loader,  # type: ignore[list-item]
            jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))}),
        ])
    env.globals["ihku_theme_memo"] = memo
