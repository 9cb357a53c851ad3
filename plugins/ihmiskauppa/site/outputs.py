"""Every non-page file of one edition in one language: feeds, OPML,
calendars and open-data exports, as (site path, bytes)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

from .. import calendars, exports, feeds
from ..corpus import Corpus
from ..events import collect
from ..gitdates import GitDates
from ..memo import Memo, memoised
from .context import SiteContext


@dataclass(frozen=True)
class OutputFile:
    path: str
    data: bytes


@dataclass(frozen=True)
class PlannedOutput:
    """A file the site will have, before its bytes are made. ``make`` gives
    the bytes, or an iterable of pieces for a file too large to hold at once
    (see ``pieces`` and ``data``)."""

    path: str
    make: Callable[[], bytes | Iterable[bytes]]

    def pieces(self) -> Iterable[bytes]:
        made = self.make()
        return (made,) if isinstance(made, bytes) else made

    def data(self) -> bytes:
        return b"".join(self.pieces())


@dataclass
class Subscriptions:
    """The feeds and calendars of a build, shared by pages and outputs."""

    feeds: list[feeds.FeedSpec]
    calendars: list[calendars.CalendarSpec]

    def feeds_of_page(self, page_url: str) -> list[feeds.FeedSpec]:
        """Feeds that concern a page: its own, plus the all-updates feed."""
        index = self.__dict__.get("_by_page")
        if index is None:  # built once: pages x feeds would grow with the square of the records
            index = self.__dict__["_by_page"] = {}
            for f in self.feeds:
                if f.group in ("all", "section", "issue", "organisation"):
                    index.setdefault(f.page_url, []).append(f)
        own = index.get(page_url, [])
        everything = [f for f in self.feeds[:1] if f.group == "all"]
        return own + [f for f in everything if f not in own]


def subscriptions(corpus: Corpus, ctx: SiteContext) -> Subscriptions:
    return Subscriptions(feeds.feed_specs(corpus, ctx.lang), calendars.calendar_specs(corpus, ctx.lang))


def generate(corpus: Corpus, ctx: SiteContext, subs: Subscriptions, site_title: str,
             git: GitDates | None = None, cache_dir: Path | None = None,
             memo: Memo | None = None) -> list[OutputFile]:
    """Every output file, made. Arguments as for ``plan_outputs``."""
    return [OutputFile(o.path, o.data()) for o in plan_outputs(corpus, ctx, subs, site_title, git, cache_dir, memo)]


def plan_outputs(corpus: Corpus, ctx: SiteContext, subs: Subscriptions, site_title: str,
                 git: GitDates | None = None, cache_dir: Path | None = None,
                 memo: Memo | None = None) -> list[PlannedOutput]:
    """Every output file in order, each made when its ``make`` is called.
    Listing them is cheap: the work is in ``make``.

    ``cache_dir``: where annual-report PDFs are kept between builds (None: no cache).
    ``memo``: feeds and calendars of the previous run, reused when their input is equal."""
    out: list[PlannedOutput] = []
    by_feed = cache(lambda: feeds.buckets(collect(corpus, ctx.lang, git)))  # made with the first feed
    for spec in subs.feeds:
        @cache
        def both(spec: feeds.FeedSpec = spec) -> tuple[bytes, bytes]:  # one generator, two formats
            events = tuple(by_feed().get((spec.group, spec.key), ()))
            return memoised(memo, ("feed", spec.slug, spec.title, spec.page_url, spec.limit, events, ctx, site_title),
                            lambda: feeds.render_feed(spec, list(events), ctx, site_title))
        out.append(PlannedOutput(spec.rss_path, lambda both=both: both()[0]))
        out.append(PlannedOutput(spec.atom_path, lambda both=both: _second(both)))
    out.append(PlannedOutput("feeds/all-feeds.opml", lambda: feeds.opml(subs.feeds, ctx, site_title)))
    for cal in subs.calendars:
        def calendar(cal: calendars.CalendarSpec = cal) -> bytes:
            entries = calendars.entries(cal, corpus, ctx)
            return memoised(memo, ("calendar", cal.path, cal.title, entries, ctx, site_title),
                            lambda: calendars.render_calendar(cal, entries, site_title))
        out.append(PlannedOutput(cal.path, calendar))
    out.append(PlannedOutput("data/records.json", lambda: exports.json_export_parts(corpus, ctx, memo)))
    out.append(PlannedOutput("data/issues.csv", lambda: exports.issues_csv(corpus, ctx)))
    out.append(PlannedOutput("data/measures.csv", lambda: exports.measures_csv(corpus, ctx)))
    # --- reports: a PDF of each annual report, beside its page
    from ..report_pdf import planned_pdfs

    for path, make in planned_pdfs(corpus, ctx.lang, ctx.edition, site_title, ctx.absolute, cache_dir):
        out.append(PlannedOutput(path, make))
    return out


def _second(both: Callable[[], tuple[bytes, bytes]]) -> bytes:
    """The Atom half of a feed; the RSS half was made just before it, so the
    pair is not kept any longer."""
    atom = both()[1]
    both.cache_clear()  # type: ignore[attr-defined]
    return atom
