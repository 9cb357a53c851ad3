"""iCalendar files of meetings and trainings, with icalendar.

A UID is derived from the record's id only, so a moved meeting (its date
edited in the same file) updates the same event in subscribers' calendars,
and SEQUENCE grows with each correction of the record.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable
from zoneinfo import ZoneInfo


from . import vocab
from .corpus import Corpus, Record
from .site import ui
from .site.context import SiteContext

if TYPE_CHECKING:  # imported where calendars are made (see feeds.py)
    from icalendar import Event as VEvent

HELSINKI = ZoneInfo("Europe/Helsinki")
UID_DOMAIN = "ihmiskauppa-koordinaatio"


@dataclass
class CalendarSpec:
    slug: str  # calendars/<slug>.ics
    title: str
    bodies: tuple[str, ...] | None  # meeting bodies included (None: all)
    trainings: bool

    @property
    def path(self) -> str:
        return f"calendars/{self.slug}.ics"


def calendar_specs(corpus: Corpus, lang: str) -> list[CalendarSpec]:
    specs = [CalendarSpec("all", ui.text("calendar_all", lang), None, True)]
    used = {m.meta.body for m in corpus.meetings.values()}
    for body in vocab.BODIES:
        if body in used:
            specs.append(CalendarSpec(f"bodies/{body}", vocab.label(vocab.BODIES, body, lang), (body,), False))
    specs.append(CalendarSpec("trainings", ui.text("trainings", lang), (), True))
    return specs


def _start_end(day: dt.date, end_day: dt.date | None, start: str | None, end: str | None):
    if start:
        h, m = map(int, start.split(":"))
        begin = dt.datetime.combine(day, dt.time(h, m), tzinfo=HELSINKI)
        if end:
            h2, m2 = map(int, end.split(":"))
            finish = dt.datetime.combine(end_day or day, dt.time(h2, m2), tzinfo=HELSINKI)
        else:
            finish = begin + dt.timedelta(hours=2)  # a meeting without an end time: two hours
        return begin, finish
    return day, (end_day or day) + dt.timedelta(days=1)  # all-day, DTEND exclusive


@dataclass(frozen=True)
class Entry:
    """Everything one calendar event shows: plain values, so that a
    calendar's entries can be compared with the previous build's."""

    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    stamp: dt.datetime
    location: str | None
    url: str
    description: str
    sequence: int
    cancelled: bool


def _entry(record: Record, ctx: SiteContext, summary: str, start, end, location: str | None,
           description: str) -> Entry:
    meta = record.meta
    # DTSTAMP from the record, not the clock, so builds are reproducible.
    stamp_day = meta.cancelled or (start if isinstance(start, dt.date) and not isinstance(start, dt.datetime)
                                   else start.date())
    return Entry(
        uid=f"{record.collection}-{record.id}@{UID_DOMAIN}", summary=summary, start=start, end=end,
        stamp=dt.datetime.combine(stamp_day, dt.time(0, 0), tzinfo=dt.timezone.utc), location=location,
        url=ctx.absolute(record.url), description=description,
        # Each move or cancellation is a new revision of the same event.
        sequence=len(meta.previous_dates) + (1 if meta.cancelled else 0), cancelled=bool(meta.cancelled))


def _event(entry: Entry) -> VEvent:
    from icalendar import Event as VEvent

    event = VEvent()
    event.add("uid", entry.uid)
    event.add("summary", entry.summary)
    event.add("dtstart", entry.start)
    event.add("dtend", entry.end)
    event.add("dtstamp", entry.stamp)
    if entry.location:
        event.add("location", entry.location)
    event.add("url", entry.url)
    if entry.description:
        event.add("description", entry.description)
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return event


def entries(spec: CalendarSpec, corpus: Corpus, ctx: SiteContext) -> tuple[Entry, ...]:
    """The events of one calendar, in order."""
    out: list[Entry] = []
    lang = ctx.lang
    for meeting in sorted(corpus.meetings.values(), key=lambda m: (m.meta.date, m.id)):
        meta = meeting.meta
        if spec.bodies is not None and meta.body not in spec.bodies:
            continue
        start, end = _start_end(meta.date, None, meta.time, meta.end_time)
        body = vocab.label(vocab.BODIES, meta.body, lang)
        out.append(_entry(meeting, ctx, meeting.title_in(lang), start, end, meta.location,
                          "\n".join(x for x in (body, meeting.summary_in(lang) or "") if x)))
    if spec.trainings:
        for training in sorted(corpus.trainings.values(), key=lambda t: (t.meta.date, t.id)):
            meta = training.meta
            start, end = _start_end(meta.date, meta.end, meta.time, None)
            out.append(_entry(training, ctx, training.title_in(lang), start, end, meta.location,
                              "\n".join(x for x in (meta.audience or "", training.summary_in(lang) or "") if x)))
    return tuple(out)


def render_calendar(spec: CalendarSpec, events: tuple[Entry, ...], site_title: str) -> bytes:
    """The calendar file: what icalendar makes of the whole calendar (its
    properties, the VTIMEZONE of each time zone its events use, the events),
    with each event and time zone serialised once per process. Every event
    is in two of a build's calendars (all, and its body's or trainings'),
    and serialising was most of a calendar's time."""
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", "-//ihmiskauppa-site//coordination//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(f"{spec.title} – {site_title}"))
    cal.add("x-wr-timezone", "Europe/Helsinki")
    head = cal.to_ical()
    if not head.endswith(_END):  # an icalendar that writes calendars otherwise: say so, do not guess
        raise ValueError(f"icalendar wrote a calendar that does not end with {_END!r}: {head[-40:]!r}")
    parts = [head[: -len(_END)]]
    parts += [_timezone_ical(tzid) for tzid in _tzids(events)]
    parts += [_event_ical(entry) for entry in events]
    parts.append(_END)
    return b"".join(parts)


_END = b"END:VCALENDAR\r\n"


@lru_cache(maxsize=8192)
def _event_ical(entry: Entry) -> bytes:
    """An event's lines, as the calendar's ``to_ical`` writes them
    (``Entry`` holds plain values, so equal entries give equal lines)."""
    return _event(entry).to_ical()


@lru_cache(maxsize=16)
def _timezone_ical(tzid: str) -> bytes:
    """A VTIMEZONE as ``Calendar.add_missing_timezones`` adds it (the same range of dates)."""
    from icalendar import Timezone

    return Timezone.from_tzid(tzid, first_date=Timezone.DEFAULT_FIRST_DATE,
                              last_date=Timezone.DEFAULT_LAST_DATE).to_ical()


def _tzids(events: Iterable[Entry]) -> list[str]:
    """The time zones the events' times are in (UTC needs none: RFC 5545 writes it with Z)."""
    return sorted({value.tzinfo.key for entry in events for value in (entry.start, entry.end)
                   if isinstance(value, dt.datetime) and isinstance(value.tzinfo, ZoneInfo)
                   and value.tzinfo.key != "UTC"})
