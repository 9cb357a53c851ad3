"""RSS 2.0 and Atom feeds of the activity stream, with feedgen.

Which feeds exist is decided here once (``feed_specs``), so the pages that
link them, the subscribe page and the OPML file all agree. Output depends
only on the records: dates come from the events, never from the clock.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable
from xml.sax.saxutils import escape as xml_escape, quoteattr
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # imported where feeds are made: a build whose feeds another process writes never loads lxml
    from feedgen.feed import FeedGenerator

from . import vocab
from .corpus import Corpus
from .events import Event
from .site import ui
from .site.context import SiteContext

HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_ENTRIES = 200  # section feeds keep the newest; per-issue feeds keep all


@dataclass
class FeedSpec:
    slug: str  # feeds/<slug>.rss.xml and feeds/<slug>.atom.xml
    title: str
    page_url: str  # the page the feed is about ('' for the home page)
    group: str  # all | section | issue | theme | organisation | body
    key: str = ""  # the section, issue, theme, organisation or body it follows
    limit: int | None = MAX_ENTRIES

    @property
    def rss_path(self) -> str:
        return f"feeds/{self.slug}.rss.xml"

    @property
    def atom_path(self) -> str:
        return f"feeds/{self.slug}.atom.xml"


def feed_specs(corpus: Corpus, lang: str) -> list[FeedSpec]:
    t = lambda key, **kw: ui.text(key, lang, **kw)  # noqa: E731
    specs = [FeedSpec("all", t("feed_all"), "", "all")]
    for section, key in (("issues", "issues"), ("meetings", "meetings"), ("international", "international"),
                         ("trainings", "trainings"), ("action-plans", "action_plans")):
        specs.append(FeedSpec(section, t(key), f"{section}/", "section", section))
    for issue_id in sorted(corpus.issues):
        issue = corpus.issues[issue_id]
        specs.append(FeedSpec(f"issues/{issue_id}", f"{t('feed_issue', id=issue_id)}: {issue.title_in(lang)}",
                              issue.url, "issue", issue_id, limit=None))
    for theme_id in sorted(corpus.themes):
        label = corpus.themes[theme_id].label(lang)
        specs.append(FeedSpec(f"themes/{theme_id}", t("feed_theme", label=label), "", "theme", theme_id))
    for org_id in sorted(corpus.organisations):
        org = corpus.organisations[org_id]
        specs.append(FeedSpec(f"organisations/{org_id}", t("feed_org", name=org.name_in(lang)), f"network/{org_id}/",
                              "organisation", org_id))
    for body in vocab.BODIES:
        label = vocab.label(vocab.BODIES, body, lang)
        specs.append(FeedSpec(f"bodies/{body}", t("feed_body", label=label), "meetings/", "body", body))
    return specs


def buckets(events: Iterable[Event]) -> dict[tuple[str, str], list[Event]]:
    """The events of every feed, in one pass (a feed per issue must not scan
    all events: that would grow with the square of the records)."""
    out: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:  # newest first, and so stay each bucket
        out[("all", "")].append(event)
        out[("section", event.section)].append(event)
        if event.issue:
            out[("issue", event.issue)].append(event)
        for theme in event.themes:
            out[("theme", theme)].append(event)
        if event.section == "issues":
            for org in event.organisations:
                out[("organisation", org)].append(event)
        if event.body:
            out[("body", event.body)].append(event)
    return out


def _moment(day: dt.date) -> dt.datetime:
    # Events carry days; a fixed hour in Helsinki keeps every build identical.
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=HELSINKI)


def render_feed(spec: FeedSpec, events: list[Event], ctx: SiteContext, site_title: str) -> tuple[bytes, bytes]:
    """(RSS 2.0, Atom) bytes of one feed, from its bucket of events."""
    chosen = events
    if spec.limit is not None:
        chosen = chosen[: spec.limit]
    fg = _generator(spec, chosen, ctx, site_title)
    # One generator, two serialisations: only the self link differs.
    _links(fg, ctx, spec, spec.rss_path, "application/rss+xml")
    rss = fg.rss_str(pretty=True)
    _links(fg, ctx, spec, spec.atom_path, "application/atom+xml")
    return rss, fg.atom_str(pretty=True)


def _links(fg: FeedGenerator, ctx: SiteContext, spec: FeedSpec, self_path: str, self_type: str) -> None:
    # feedgen takes the last link as the RSS channel link: self first, page last.
    fg.link([{"href": ctx.absolute(self_path), "rel": "self", "type": self_type},
             {"href": ctx.absolute(spec.page_url), "rel": "alternate", "type": "text/html"}], replace=True)


def _generator(spec: FeedSpec, chosen: list[Event], ctx: SiteContext, site_title: str) -> FeedGenerator:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(ctx.absolute(spec.atom_path))
    fg.title(f"{spec.title} – {site_title}")
    fg.subtitle(spec.title)
    fg.description(spec.title)
    fg.language(ctx.lang)
    fg.generator("ihmiskauppa-site")
    newest = _moment(chosen[0].date) if chosen else _moment(dt.date(2000, 1, 1))
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for event in chosen:  # newest first
        fe = fg.add_entry(order="append")
        link = ctx.absolute(event.url)
        fe.id(link)
        fe.guid(link, permalink=True)
        fe.title(event.title)
        fe.link(href=link, rel="alternate", type="text/html")
        fe.summary(event.summary or event.title)
        fe.description(event.summary or event.title)
        fe.published(_moment(event.date))
        fe.updated(_moment(event.date))
        for label in event.categories:
            fe.category(term=label)
    return fg


def opml(specs: list[FeedSpec], ctx: SiteContext, site_title: str) -> bytes:
    """An OPML list of every RSS feed, to import them all in one go."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "<head>",
             f"<title>{xml_escape(site_title)}</title>", "</head>", "<body>"]
    groups: dict[str, list[FeedSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.group, []).append(spec)
    for group, members in groups.items():
        lines.append(f"<outline text={quoteattr(ui.text('feed_group_' + group, ctx.lang))}>")
        for spec in members:
            lines.append(f"<outline type=\"rss\" text={quoteattr(spec.title)} title={quoteattr(spec.title)} "
                         f"xmlUrl={quoteattr(ctx.absolute(spec.rss_path))} htmlUrl={quoteattr(ctx.absolute(spec.page_url))}/>")
        lines.append("</outline>")
    lines += ["</body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
