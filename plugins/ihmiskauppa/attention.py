"""What needs attention, checked from the data: late agendas, comment
rounds past their deadline, memos not written, follow-up past due.

Deadlines are configurable in ``content/deadlines.yml`` (optional):

    agenda_days:          # agenda and materials out at least this many days before
      roundtable: 14
      secretariat: 7
    memo_days: 14         # a memo within this many days after an international meeting ended
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .corpus import Corpus
from .site import ui
from .errors import Problems
from .gitdates import GitDates
from .reading import read_yaml

FILE = "deadlines.yml"


class Deadlines(BaseModel):
    model_config = ConfigDict(extra="forbid")
    agenda_days: dict[str, int] = Field(default_factory=lambda: {"roundtable": 14, "secretariat": 7})
    memo_days: int = 14


def load_deadlines(content: Path, problems: Problems) -> Deadlines:
    path = content / FILE
    if not path.exists():
        return Deadlines()
    located = read_yaml(path, problems)
    if located is None:
        return Deadlines()
    try:
        return Deadlines.model_validate(located.data or {})
    except ValidationError as exc:
        from .loader import pydantic_problems

        pydantic_problems(exc, Deadlines, located, path, problems)
    return Deadlines()


@dataclass(frozen=True)
class Attention:
    """One thing that is late, tied to the record (and anchor) it concerns."""

    kind: str  # agenda-late | agenda-missing | comments-overdue | memo-missing | memo-late | follow-up-overdue
    collection: str
    record_id: str
    anchor: str
    values: tuple[tuple[str, str], ...]  # placeholders of the message
    since: dt.date  # the deadline that was missed
    path: str = ""
    field: str = ""
    line: int | None = None

    def text(self, lang: str = "fi") -> str:
        return ui.text("attn_" + self.kind.replace("-", "_"), lang, **dict(self.values))


def check(corpus: Corpus, today: dt.date, deadlines: Deadlines, git: GitDates | None = None) -> list[Attention]:
    out: list[Attention] = []

    def line(record: Any, *path: str | int) -> int | None:
        return record.located.line_of(path) if record.located else None

    for meeting in corpus.meetings.values():
        meta = meeting.meta
        if meta.cancelled:
            continue
        days = deadlines.agenda_days.get(meta.body)
        if days:
            due = meta.date - dt.timedelta(days=days)
            published = meta.agenda_published
            if (published is None and today >= due) or (published is not None and published > due):
                values = (("due", due.isoformat()), ("days", str(days)),
                          ("published", published.isoformat() if published else ""))
                out.append(Attention("agenda-late" if published else "agenda-missing", "meetings", meeting.id,
                                     "agenda", values, due, str(meeting.path), "agenda_published",
                                     line(meeting, "agenda_published") or line(meeting, "date")))
        minutes = meta.minutes
        if minutes and minutes.status != "approved" and minutes.comments_until and minutes.comments_until < today:
            out.append(Attention("comments-overdue", "meetings", meeting.id, "minutes-status",
                                 (("until", minutes.comments_until.isoformat()),), minutes.comments_until,
                                 str(meeting.path), "minutes.status", line(meeting, "minutes", "status")))
    for memo in corpus.international.values():
        meta = memo.meta
        ended = meta.end or meta.start
        due = ended + dt.timedelta(days=deadlines.memo_days)
        written = git.first_published(memo.path) if git else None
        if not memo.text.strip() and today > due:
            out.append(Attention("memo-missing", "international", memo.id, "",
                                 (("ended", ended.isoformat()), ("due", due.isoformat())), due,
                                 str(memo.path), "body", memo.text_line))
        elif written is not None and written > due and git is not None and git.history_starts \
                and ended >= git.history_starts:
            # Lateness is judged only for meetings that ended while the content
            # was kept in Git: a record imported later was not "written late".
            out.append(Attention("memo-late", "international", memo.id, "",
                                 (("written", written.isoformat()), ("days", str((written - ended).days)),
                                  ("target", str(deadlines.memo_days))), due, str(memo.path), "", None))
    for issue in corpus.issues.values():
        for n, action in enumerate(issue.meta.follow_up, start=1):
            if action.due and not action.done and action.due < today:
                out.append(Attention("follow-up-overdue", "issues", issue.id, f"follow-up-{n}",
                                     (("action", action.action), ("due", action.due.isoformat())), action.due,
                                     str(issue.path), f"follow_up[{n - 1}].due", line(issue, "follow_up", n - 1, "due")))
    out.sort(key=lambda a: (a.since, a.collection, a.record_id, a.anchor))
    return out


def as_problems(items: list[Attention], problems: Problems) -> None:
    for item in items:
        problems.add(Path(item.path), item.line, item.field, item.text("fi"), "warning")
