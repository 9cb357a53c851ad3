"""Feeds, calendars and exports, read back by real clients (feedparser,
icalendar) and checked for what those clients do not flag."""
from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import ROOT, build, copy_project

SITE_URLS = {"network": "https://verkosto.ihmiskauppa.example/", "public": "https://ihmiskauppa.example/koordinaatio/"}


def target_exists(site: Path, edition: str, url: str) -> bool:
    """Does an absolute URL of the edition point at a file (and anchor) of the built site?"""
    base = SITE_URLS[edition]
    assert url.startswith(base), f"{url} is not under {base}"
    parts = urlsplit(url)
    rel = parts.path[len(urlsplit(base).path):]
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    if not path.is_file():
        return False
    if parts.fragment:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return soup.find(id=parts.fragment) is not None
    return True


def feeds_of(site: Path) -> list[Path]:
    return sorted((site / "feeds").rglob("*.xml"))


@pytest.mark.parametrize("edition", ["network", "public"])
def test_every_feed_parses_with_dated_linked_unique_entries(built_editions, edition: str) -> None:
    site = built_editions[edition]
    files = feeds_of(site)
    assert len(files) > 20
    checked_links: dict[str, bool] = {}
    total = 0
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        guids = [e.get("id") for e in parsed.entries]
        assert len(guids) == len(set(guids)), f"duplicate guids in {path}"
        for entry in parsed.entries:
            total += 1
            assert entry.get("published_parsed") or entry.get("updated_parsed"), (path, entry.get("title"))
            assert entry.get("title")
            assert entry.get("summary"), (path, entry.get("title"))
            link = entry.get("link")
            assert link and link.startswith("https://"), (path, link)
            if link not in checked_links:
                checked_links[link] = target_exists(site, edition, link)
            assert checked_links[link], f"{path.name}: {link} does not exist in the built site"
            assert entry.id == link
    assert total > 0


@pytest.mark.parametrize("edition", ["network", "public"])
def test_raw_rss_has_permalink_guids_and_absolute_links(built_editions, edition: str) -> None:
    site = built_editions[edition]
    for path in (site / "feeds").rglob("*.rss.xml"):
        root = ET.fromstring(path.read_bytes())
        channel = root.find("channel")
        assert channel.findtext("link").startswith("https://")
        assert channel.findtext("lastBuildDate")
        self_links = [l for l in channel.findall("{http://www.w3.org/2005/Atom}link") if l.get("rel") == "self"]
        assert self_links and self_links[0].get("href").endswith(path.name)
        for item in channel.findall("item"):
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "true"
            assert guid.text == item.findtext("link")
            assert item.findtext("pubDate")
            assert item.findtext("description")


def test_entry_content_is_escaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    issue = sorted(p for p in (project / "content" / "issues").glob("*.md") if "." not in p.stem)[0]
    text = issue.read_text(encoding="utf-8")
    hostile = 'Otsikko <script>alert("x")</script> & ]]> "lainaus"'
    lines = text.splitlines(keepends=True)
    i = next(n for n, l in enumerate(lines) if l.startswith("title:"))
    lines[i] = "title: " + json.dumps(hostile) + "\n"
    issue.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = build(project, out, "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    feed = out / "network" / "feeds" / "issues" / f"{issue.stem}.rss.xml"
    raw = feed.read_bytes()
    assert b"<script>" not in raw
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    assert any(hostile in e.title for e in parsed.entries)
    page = (out / "network" / "issues" / issue.stem / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


@pytest.mark.parametrize("edition", ["network", "public"])
def test_every_calendar_parses_with_uid_tz_start_and_url(built_editions, edition: str) -> None:
    site = built_editions[edition]
    files = sorted((site / "calendars").rglob("*.ics"))
    assert files
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        uids = []
        for event in cal.walk("VEVENT"):
            uids.append(str(event["UID"]))
            start = event["DTSTART"].dt
            if hasattr(start, "hour"):
                assert start.tzinfo is not None and "Helsinki" in str(event["DTSTART"].params.get("TZID")), path
            assert event.get("DTSTAMP") is not None
            url = str(event["URL"])
            assert target_exists(site, edition, url), url
        assert len(uids) == len(set(uids)), path
        if any(e for e in cal.walk("VEVENT") if hasattr(e["DTSTART"].dt, "hour")):
            assert cal.walk("VTIMEZONE"), f"{path} lacks VTIMEZONE"


def test_all_calendar_has_every_meeting_and_training(built_editions) -> None:
    site = built_editions["network"]
    cal = icalendar.Calendar.from_ical((site / "calendars" / "all.ics").read_bytes())
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    meetings = [p.stem for p in (ROOT / "content" / "meetings").glob("*.md") if "." not in p.stem]
    trainings = [p.stem for p in (ROOT / "content" / "trainings").glob("*.md") if "." not in p.stem]
    for mid in meetings:
        assert any(u.startswith(f"meetings-{mid}@") for u in uids), mid
    for tid in trainings:
        assert any(u.startswith(f"trainings-{tid}@") for u in uids), tid


def test_pages_link_their_feeds_in_the_head(built_editions) -> None:
    site = built_editions["network"]
    issue = sorted(p for p in (ROOT / "content" / "issues").glob("*.md") if "." not in p.stem)[0].stem
    soup = BeautifulSoup((site / "issues" / issue / "index.html").read_text(encoding="utf-8"), "lxml")
    hrefs = [l["href"] for l in soup.select('head link[rel~="alternate"][type]')]
    assert f"../../feeds/issues/{issue}.rss.xml" in hrefs and f"../../feeds/issues/{issue}.atom.xml" in hrefs
    for href in hrefs:
        assert (site / "issues" / issue / href).resolve().is_file(), href
    soup = BeautifulSoup((site / "meetings" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "../feeds/meetings.rss.xml" in [l["href"] for l in soup.select('head link[rel~="alternate"][type]')]


def test_subscribe_page_and_opml_list_every_feed(built_editions) -> None:
    site = built_editions["network"]
    feeds = {p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.rss.xml")}
    opml = ET.fromstring((site / "feeds" / "all-feeds.opml").read_bytes())
    listed = {o.get("xmlUrl")[len(SITE_URLS["network"]):] for o in opml.iter("outline") if o.get("xmlUrl")}
    assert listed == feeds
    soup = BeautifulSoup((site / "subscribe" / "index.html").read_text(encoding="utf-8"), "lxml")
    linked = {(site / "subscribe" / a["href"]).resolve().relative_to(site.resolve()).as_posix()
              for a in soup.select("table.ihku-feeds a")}
    assert feeds <= linked
    calendars = {p.relative_to(site).as_posix() for p in (site / "calendars").rglob("*.ics")}
    linked_cals = {(site / "subscribe" / a["href"]).resolve().relative_to(site.resolve()).as_posix()
                   for a in soup.select("table.ihku-calendars a")}
    assert calendars == linked_cals


def test_exports_match_the_records(built_editions) -> None:
    site = built_editions["network"]
    data = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))
    issue_files = sorted(p for p in (ROOT / "content" / "issues").glob("*.md") if "." not in p.stem)
    assert [r["id"] for r in data["issues"]] == [p.stem for p in issue_files]
    for record, path in zip(data["issues"], issue_files):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        assert record["title"] == meta["title"]
        assert record["current_stage"] == meta["timeline"][-1]["stage"]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "issues.csv").read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == [p.stem for p in issue_files]
    measures = list(csv.DictReader(io.StringIO((site / "data" / "measures.csv").read_text(encoding="utf-8-sig"))))
    plan = yaml.safe_load((ROOT / "content" / "action-plans" / "2016-2017.yml").read_text(encoding="utf-8"))
    assert [m["id"] for m in measures if m["plan"] == "2016-2017"] == [m["id"] for m in plan["measures"]]


def _outputs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for folder in ("feeds", "calendars", "data") for p in sorted((site / folder).rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path, built_editions) -> None:
    out = tmp_path / "again"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    for edition in ("network", "public"):
        first, second = _outputs(built_editions[edition]), _outputs(out / edition)
        assert first.keys() == second.keys()
        differing = [k for k in first if first[k] != second[k]]
        assert not differing, differing


def test_moving_an_issue_adds_one_entry_and_keeps_every_other_guid(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    # an issue under the coordinator's review moves on to the secretariat
    candidates = []
    for path in sorted((project / "content" / "issues").glob("*.md")):
        if "." in path.stem:
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        if meta["timeline"][-1]["stage"] == "coordinator-review" and meta.get("themes"):
            candidates.append((path, meta))
    assert candidates, "the sample content needs an issue under coordinator review"
    path, meta = candidates[0]
    before_out = tmp_path / "before"
    assert build(project, before_out, "mkdocs.yml").returncode == 0
    last = meta["timeline"][-1]["date"]
    new_date = last  # the same day as the last step: dates never go backwards
    step = f"  - date: {new_date.isoformat()}\n    stage: secretariat\n    note: Siirretty sihteeristöön testissä.\n"
    text = path.read_text(encoding="utf-8")
    head, fm, body = text.split("---", 2)
    fm_lines = fm.splitlines(keepends=True)
    # insert the step right after the last timeline entry (before the next top-level key)
    start = next(i for i, l in enumerate(fm_lines) if l.startswith("timeline:"))
    end = next((i for i in range(start + 1, len(fm_lines)) if fm_lines[i][:1].isalpha()), len(fm_lines))
    fm_lines.insert(end, step)
    path.write_text(head + "---" + "".join(fm_lines) + "---" + body, encoding="utf-8")
    after_out = tmp_path / "after"
    result = build(project, after_out, "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    n = len(meta["timeline"]) + 1
    new_guid = f"{SITE_URLS['network']}issues/{path.stem}/#step-{n}"
    feeds = [f"feeds/issues/{path.stem}.rss.xml", "feeds/all.rss.xml"] + [f"feeds/themes/{t}.rss.xml" for t in meta["themes"]]
    for rel in feeds:
        old = feedparser.parse((before_out / "network" / rel).read_bytes())
        new = feedparser.parse((after_out / "network" / rel).read_bytes())
        old_ids = {e.id for e in old.entries}
        new_entries = [e for e in new.entries if e.id not in old_ids]
        assert [e.id for e in new_entries] == [new_guid], rel
        entry = new_entries[0]
        assert entry.published_parsed[:3] == (new_date.year, new_date.month, new_date.day)
        assert "Sihteeristön valmistelussa" in entry.title
        # every other guid is still there (unless a long feed dropped its oldest)
        if len(old.entries) < 200:
            assert old_ids <= {e.id for e in new.entries}, rel
    # and the issue page shows the step under that anchor
    page = BeautifulSoup((after_out / "network" / "issues" / path.stem / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.find(id=f"step-{n}") is not None


def _calendar_event(content: Path, meeting_id: str):
    from ihmiskauppa.calendars import calendar_specs, entries, render_calendar
    from ihmiskauppa.loader import load
    from ihmiskauppa.site.context import SiteContext

    corpus, problems = load(content)
    assert problems.errors == []
    ctx = SiteContext(site_url="https://example.fi/")
    spec = calendar_specs(corpus, "fi")[0]
    cal = icalendar.Calendar.from_ical(render_calendar(spec, entries(spec, corpus, ctx), "Testi"))
    [event] = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith(f"meetings-{meeting_id}@")]
    return event


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_each_calendar_is_what_icalendar_makes_of_the_whole_calendar(lang: str) -> None:
    """Events and time zones are serialised once and put together: the bytes
    must be those of icalendar's own Calendar with every event added and
    add_missing_timezones(), for timed events, all-day events and both."""
    import dataclasses
    import datetime as dt

    from ihmiskauppa.calendars import _event, calendar_specs, entries, render_calendar
    from ihmiskauppa.loader import load
    from ihmiskauppa.site.context import SiteContext

    corpus, problems = load(ROOT / "content")
    assert problems.errors == []
    ctx = SiteContext(site_url="https://example.fi/", lang=lang)

    def all_day(entry):  # type: ignore[no-untyped-def]
        day = entry.start.date() if isinstance(entry.start, dt.datetime) else entry.start
        return dataclasses.replace(entry, start=day, end=day + dt.timedelta(days=1))

    checked = 0
    for spec in calendar_specs(corpus, lang):
        timed = entries(spec, corpus, ctx)
        for events in (timed, tuple(all_day(e) if i % 2 else e for i, e in enumerate(timed)),
                       tuple(map(all_day, timed))):
            whole = icalendar.Calendar()
            for name, value in (("prodid", "-//ihmiskauppa-site//coordination//FI"), ("version", "2.0"),
                                ("calscale", "GREGORIAN"),
                                ("x-wr-calname", icalendar.vText(f"{spec.title} – Testi")),
                                ("x-wr-timezone", "Europe/Helsinki")):
                whole.add(name, value)
            for entry in events:
                whole.add_component(_event(entry))
            whole.add_missing_timezones()
            assert render_calendar(spec, events, "Testi") == whole.to_ical(), spec.path
            assert render_calendar(spec, events, "Testi") == whole.to_ical(), spec.path  # from what was kept
            assert bool(whole.timezones) == any(isinstance(e.start, dt.datetime) for e in events)
            checked += len(events)
    assert checked > 20


def test_moved_and_cancelled_meetings_update_the_same_event(tree: Path) -> None:
    from minitree import replace

    meeting = tree / "meetings" / "2026-04-02-secretariat.md"
    before = _calendar_event(tree, "2026-04-02-secretariat")
    assert int(before["SEQUENCE"]) == 0 and str(before["STATUS"]) == "CONFIRMED"
    # moved: the meeting keeps its record (and so its UID); the old date is listed
    replace(meeting, "date: 2026-04-02\n", "date: 2026-04-09\nprevious_dates: [2026-04-02]\n")
    replace(tree / "issues" / "2026-001.md", "  - date: 2026-04-02", "  - date: 2026-04-09")
    moved = _calendar_event(tree, "2026-04-02-secretariat")
    assert str(moved["UID"]) == str(before["UID"])
    assert int(moved["SEQUENCE"]) == 1
    assert moved["DTSTART"].dt.date().isoformat() == "2026-04-09"
    # cancelled: same UID again, a higher SEQUENCE, STATUS:CANCELLED
    replace(meeting, "previous_dates:", "cancelled: 2026-04-05\nprevious_dates:")
    cancelled = _calendar_event(tree, "2026-04-02-secretariat")
    assert str(cancelled["UID"]) == str(before["UID"])
    assert int(cancelled["SEQUENCE"]) == 2 and str(cancelled["STATUS"]) == "CANCELLED"
