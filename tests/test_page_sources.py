"""The page sources of the sample content are the same whatever path Jinja
takes to call the Renderer's helpers (render.py's ``_HelperCalls`` skips
Jinja's per-call check for helpers known not to need it)."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote

import jinja2.runtime
import pytest

from ihmiskauppa.loader import load_or_raise
from ihmiskauppa.site import render
from ihmiskauppa.site.context import SiteContext
from ihmiskauppa.site.outputs import subscriptions
from ihmiskauppa.site.pages import plan_pages
from sitebuild import ROOT

_PLACEHOLDER_TOKEN = re.compile(r"<!--ihku-[0-9a-f]+:")  # one random token per process


def _sources(corpus, ctx):  # type: ignore[no-untyped-def]
    pages = plan_pages(corpus, ctx, subscriptions(corpus, ctx))
    return [(p.src_uri, _PLACEHOLDER_TOKEN.sub("<!--ihku-:", p.markdown), p.fragments) for p in (x.make() for x in pages)]


@pytest.mark.parametrize("edition", ["network", "public"])
def test_helper_calls_give_the_same_pages_as_jinjas_own_call(edition: str, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, _ = load_or_raise(ROOT / "content", privacy=False)
    corpus = corpus.for_edition(edition)
    calls = {"fast": 0}
    fast_call = render._HelperCalls.call

    def counted(self, obj, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["fast"] += obj in self.plain or type(obj) is jinja2.runtime.Macro
        return fast_call(self, obj, *args, **kwargs)

    for lang in ("fi", "sv", "en"):
        ctx = SiteContext(edition=edition, lang=lang, today=dt.date(2026, 11, 22), site_url="https://x.example/")
        monkeypatch.setattr(render._HelperCalls, "call", counted)
        fast = _sources(corpus, ctx)
        monkeypatch.setattr(render._HelperCalls, "call", jinja2.runtime.Context.call)
        assert _sources(corpus, ctx) == fast, (edition, lang)
    assert len(fast) > 50 and calls["fast"] > 100 * len(fast)  # the short path is the one taken


def _relpath_url(from_url: str, to_url: str) -> str:
    """The plain way: posixpath.relpath, then percent-encoding."""
    target, _, anchor = to_url.partition("#")
    rel = posixpath.relpath("/" + target, "/" + from_url)
    rel = "./" if rel == "." else rel + ("/" if target == "" or target.endswith("/") else "")
    rel = quote(rel, safe="/.-_~")
    return rel + ("#" + quote(anchor, safe=".-_~") if anchor else "")


def test_relative_urls_are_posixpaths_relpath_percent_encoded() -> None:
    urls = ["", "issues/", "issues/2026-003/", "meetings/2026-01-ä/", "network/ihmiskauppa koordinaattori/",
            "reports/2026/", "feeds/issues/2026-003.rss.xml", "issues/2026-003/#step-2", "network/a%b/#kohta ä",
            "materials/meetings/2026-01/liite 1.pdf", "issues/2026-0031/"]
    for here in [u for u in urls if u.endswith("/") or u == ""]:
        for there in urls:
            assert render.relative_url(here, there) == _relpath_url(here, there), (here, there)
