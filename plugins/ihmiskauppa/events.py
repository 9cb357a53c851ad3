"""The activity stream: every dated event the records describe.

Feeds, the home page and reports read this one list. Each event has a key
that is stable from build to build (the page URL plus an anchor that exists
on the page), so it can serve as a permalink guid.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import passages, vocab
from .corpus import Corpus
from .gitdates import GitDates
from .site import ui


@dataclass(frozen=True)
class Event:
    url: str  # site-relative page URL with anchor: issues/2026-003/#step-2 (also the guid)
    date: dt.date
    kind: str
    section: str  # issues | meetings | international | trainings | action-plans
    title: str
    summary: str
    categories: tuple[str, ...] = ()
    issue: str | None = None  # issue id, for per-issue feeds
    themes: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # who the event concerns (issue reporter)
    body: str | None = None  # meeting body
    order: int = 0  # tie-break among events of one record on one day


def _clip(text: str | None, limit: int = 400) -> str:
    text = " ".join(passages.plain(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def collect(corpus: Corpus, lang: str, git: GitDates | None = None) -> list[Event]:
    """Every event of the corpus (already the edition's view), newest first.

    A memo or a training has no date of its own for when it was published;
    Git history supplies it where there is one (else the meeting's last day,
    or the training's day)."""
    published = lambda record, fallback: (git.first_published(record.path) if git else None) or fallback  # noqa: E731
    t = lambda key, **kw: ui.text(key, lang, **kw)  # noqa: E731
    stage = lambda s: vocab.label(vocab.STAGES, s, lang)  # noqa: E731
    themes_of = lambda meta: tuple(corpus.themes[x].label(lang) if x in corpus.themes else x for x in meta.themes)  # noqa: E731
    events: list[Event] = []

    for issue in corpus.issues.values():
        title = issue.title_in(lang)
        cats = themes_of(issue.meta)
        for n, step in enumerate(issue.meta.timeline, start=1):
            kind = "issue-new" if n == 1 else "issue-step"
            summary = step.decision or step.note or (issue.summary_in(lang) if n == 1 else "") or ""
            events.append(Event(
                url=f"{issue.url}#step-{n}", date=step.date, kind=kind, section="issues",
                title=f"{title}: {stage(step.stage)}", summary=_clip(summary),
                categories=cats + (stage(step.stage),), issue=issue.id, themes=tuple(issue.meta.themes),
                organisations=(issue.meta.reported_by,), order=n))
        for n, action in enumerate(issue.meta.follow_up, start=1):
            if action.done:
                events.append(Event(
                    url=f"{issue.url}#follow-up-{n}", date=action.done, kind="follow-up-done", section="issues",
                    title=f"{title}: {t('feed_follow_up_done')}", summary=_clip(action.action),
                    categories=cats, issue=issue.id, themes=tuple(issue.meta.themes),
                    organisations=(issue.meta.reported_by,), order=100 + n))

    for meeting in corpus.meetings.values():
        meta = meeting.meta
        title = meeting.title_in(lang)
        body = vocab.label(vocab.BODIES, meta.body, lang)
        common = dict(section="meetings", categories=themes_of(meta) + (body,), themes=tuple(meta.themes), body=meta.body)
        events.append(Event(url=meeting.url, date=meta.agenda_published or meta.date, kind="meeting",
                            title=f"{t('feed_meeting')}: {title}",
                            summary=_clip(meeting.summary_in(lang) or f"{body}, {meta.date.isoformat()}"), **common))
        if meta.cancelled:
            events.append(Event(url=f"{meeting.url}#cancelled", date=meta.cancelled, kind="meeting-cancelled",
                                title=f"{t('feed_cancelled')}: {title}", summary=_clip(meeting.summary_in(lang) or body),
                                order=9, **common))
        if meta.minutes and meta.minutes.status in ("for-comments", "approved"):
            events.append(Event(url=f"{meeting.url}#minutes", date=meta.date, kind="minutes-published",
                                title=f"{t('feed_minutes_published')}: {title}",
                                summary=_clip(meeting.text_in(lang)), order=1, **common))
        if meta.minutes and meta.minutes.status == "approved" and meta.minutes.approved_on:
            events.append(Event(url=f"{meeting.url}#minutes-status", date=meta.minutes.approved_on,
                                kind="minutes-approved", title=f"{t('feed_minutes_approved')}: {title}",
                                summary=_clip(meeting.summary_in(lang)), order=2, **common))
        for n, correction in enumerate(meta.minutes.corrections if meta.minutes else [], start=1):
            events.append(Event(url=f"{meeting.url}#correction-{n}", date=correction.date, kind="minutes-corrected",
                                title=f"{t('feed_minutes_corrected')}: {title}", summary=_clip(correction.note),
                                order=2 + n, **common))

    for memo in corpus.international.values():
        meta = memo.meta
        events.append(Event(url=memo.url, date=published(memo, meta.end or meta.start), kind="memo",
                            section="international",
                            title=f"{t('memo')}: {memo.title_in(lang)}",
                            summary=_clip(memo.summary_in(lang) or meta.meeting),
                            categories=themes_of(meta), themes=tuple(meta.themes)))

    for training in corpus.trainings.values():
        meta = training.meta
        events.append(Event(url=training.url, date=published(training, meta.date), kind="training",
                            section="trainings",
                            title=f"{t('feed_training')}: {training.title_in(lang)}",
                            summary=_clip(training.summary_in(lang) or meta.audience),
                            categories=themes_of(meta), themes=tuple(meta.themes)))

    for plan in corpus.action_plans.values():
        for measure in plan.meta.measures:
            for n, progress in enumerate(measure.progress, start=1):
                status = vocab.label(vocab.MEASURE_STATUSES, progress.status, lang)
                events.append(Event(url=f"{plan.url}#progress-{measure.id}-{n}", date=progress.date,
                                    kind="measure-progress", section="action-plans",
                                    title=f"{measure.id} {measure.title}: {status}", summary=_clip(progress.note),
                                    categories=(status,), order=n))

    events.sort(key=lambda e: (e.date, e.order, e.url), reverse=True)
    return events
