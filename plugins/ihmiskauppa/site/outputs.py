"""Every non-page file of one edition in one language: feeds, OPML,
calendars and open-data exports, as (site path, bytes)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    """``cache_dir``: where annual-report PDFs are kept between builds (None: no cache).
    ``memo``: feeds and calendars of the previous run, reused when their input is equal."""
    out: list[OutputFile] = []
    by_feed = feeds.buckets(collect(corpus, ctx.lang, git))
    for spec in subs.feeds:
        events = tuple(by_feed.get((spec.group, spec.key), ()))
        rss, atom = memoised(memo, ("feed", spec.slug, spec.title, spec.page_url, spec.limit, events, ctx, site_title),
                             lambda: feeds.render_feed(spec, list(events), ctx, site_title))
        out.append(OutputFile(spec.rss_path, rss))
        out.append(OutputFile(spec.atom_path, atom))
    out.append(OutputFile("feeds/all-feeds.opml", feeds.opml(subs.feeds, ctx, site_title)))
    for cal in subs.calendars:
        entries = calendars.entries(cal, corpus, ctx)
        out.append(OutputFile(cal.path, memoised(memo, ("calendar", cal.path, cal.title, entries, ctx, site_title),
                                                 lambda: calendars.render_calendar(cal, entries, site_title))))
    out.append(OutputFile("data/records.json", exports.json_export(corpus, ctx)))
    out.append(OutputFile("data/issues.csv", exports.issues_csv(corpus, ctx)))
    out.append(OutputFile("data/measures.csv", exports.measures_csv(corpus, ctx)))
    # --- reports: a PDF of each annual report, beside its page
    from ..report_pdf import all_pdfs

    for path, data in all_pdfs(corpus, ctx.lang, ctx.edition, site_title, ctx.absolute, cache_dir):
        out.append(OutputFile(path, data))
    return out
