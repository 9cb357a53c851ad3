"""Reporting from the records: the coordinator's annual report, the process
at a glance, and the action plan's statistics. Plain data, no templates, no
generator: pages, charts and the PDF are all drawn from what is computed here.

Give every function the edition's view of the corpus (``Corpus.for_edition``):
the public edition's report counts public records only.

**What "in year Y" means.** A year's report depends only on what is dated in
that year (and on the earlier records it builds on), never on the day of the
build, so adding next year's records never changes it:

- *received in Y*: the issue's first step (``reported``) is dated in Y;
- *moves* (closed after review, settled in the secretariat, forwarded to the
  permanent secretaries or the ministerial group, sent back, reopened): the
  step that makes the move is dated in Y;
- *policy lines and decisions*: ``resolved`` steps dated in Y;
- *days from report to resolution*: issues whose first ``resolved`` step is
  dated in Y, counted from their ``reported`` step;
- *time per stage*: a stay in a stage is counted in the year it ends, that
  is when the next step is dated, so each stay is counted once and a year's
  figures never change when later steps are added (a stay still going on at
  the end of the year is counted in the year it ends);
- *stages at the end of the year*: each issue reported by 31 December is in
  the stage of its last step dated by then;
- *follow-up*: the actions of issues resolved by 31 December (or done by
  then), not already done before the year began; their state as of
  31 December: done if done by then, overdue if due before 31 December and
  not done by then, otherwise open;
- *meetings, roundtables, trainings, international meetings*: dated (or, for
  international meetings, starting) in Y; minutes count as approved if
  ``approved_on`` is by 31 December and corrections if dated by then, and as
  circulated if their status is ``for-comments`` or ``approved`` (the status
  is not dated: like the feeds, the report dates it on the meeting's day);
- *action plan*: progress entries dated in Y.

The years with a report are those in which anything in the records is dated.
"""
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import process, vocab
from .corpus import ActionPlan, Corpus, Issue, Meeting, Memo, Record, Training
from .models import FollowUp, Measure, Progress, TimelineStep

NO_CHANNEL = ""  # issues that do not say how they were reported


# --- small helpers --------------------------------------------------------------------

def median(values: Iterable[int]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def _counts(values: Iterable[str], order: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """(value, count): in ``order`` (zeros included) if given, else most first, then by value."""
    counter = Counter(values)
    if order is not None:
        order = list(order)
        return [(key, counter.get(key, 0)) for key in order] + sorted(
            ((k, n) for k, n in counter.items() if k not in order), key=lambda kv: kv[0])
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


# --- the annual report --------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    """A step of an issue's timeline that moves it from one stage to another."""

    issue: Issue
    index: int  # the step's index in the timeline (0-based)
    step: TimelineStep
    previous: str  # the stage it moved from

    @property
    def anchor(self) -> str:
        return f"step-{self.index + 1}"


@dataclass(frozen=True)
class StageTime:
    stage: str
    stays: int  # stays in the stage that ended in the year
    median_days: float | None
    longest_days: int | None


@dataclass(frozen=True)
class ActionState:
    issue: Issue
    index: int  # 0-based in the issue's follow_up
    action: FollowUp
    state: str  # done | overdue | open

    @property
    def anchor(self) -> str:
        return f"follow-up-{self.index + 1}"


@dataclass(frozen=True)
class MeetingState:
    meeting: Meeting
    circulated: bool
    approved_on: dt.date | None  # by 31 December, else None
    corrections: int  # dated by 31 December
    agenda_days: int | None  # days between agenda_published and the meeting


@dataclass(frozen=True)
class Resolution:
    issue: Issue
    reported: dt.date
    resolved: dt.date
    days: int


# The moves the report counts, in the order of the process (key, from, to):
# a from of None means any stage.
OUTCOMES: tuple[tuple[str, tuple[str, ...] | None, str], ...] = (
    ("closed_after_review", ("coordinator-review",), "closed"),
    ("to_secretariat", ("coordinator-review",), "secretariat"),
    ("settled_in_secretariat", ("secretariat",), "resolved"),
    ("to_permanent_secretaries", None, "permanent-secretaries"),
    ("settled_by_permanent_secretaries", ("permanent-secretaries",), "resolved"),
    ("to_ministerial_group", None, "ministerial-group"),
    ("settled_by_ministerial_group", ("ministerial-group",), "resolved"),
    ("returned_to_secretariat", ("permanent-secretaries", "ministerial-group"), "secretariat"),
    ("reopened", ("resolved",), "secretariat"),
    ("closed_later", ("secretariat", "permanent-secretaries", "ministerial-group"), "closed"),
)
# Which body settled a matter, by the stage it was resolved from.
SETTLED_BY = {"coordinator-review": "other", "secretariat": "secretariat",
              "permanent-secretaries": "permanent-secretaries", "ministerial-group": "ministerial-group"}


@dataclass
class AnnualReport:
    year: int
    preface: Record[Any] | None
    memos: list[Memo]
    received: list[Issue]
    received_by_channel: list[tuple[str, int]]
    received_by_org: list[tuple[str, int]]
    received_by_theme: list[tuple[str, int]]
    received_by_area: list[tuple[str, int]]
    received_by_quarter: list[tuple[int, int]]
    handled: list[Issue]  # any step dated in the year
    moves: list[Move]
    outcomes: list[tuple[str, list[Move]]]
    decisions: list[Move]  # resolved steps dated in the year
    follow_up: list[ActionState]
    meetings: list[MeetingState]
    trainings: list[Training]
    resolutions: list[Resolution]  # first resolution in the year
    closures: list[Resolution]  # closed in the year (days from report to closing)
    stage_times: list[StageTime]
    year_end_stages: list[tuple[str, int]]
    measure_progress: list[tuple[ActionPlan, Measure, int, Progress]] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def roundtables(self) -> list[MeetingState]:
        return [m for m in self.meetings if m.meeting.meta.body == "roundtable"]

    @property
    def follow_up_counts(self) -> dict[str, int]:
        counts = Counter(a.state for a in self.follow_up)
        return {state: counts.get(state, 0) for state in ("done", "open", "overdue")}

    @property
    def median_days_to_resolution(self) -> float | None:
        return median(r.days for r in self.resolutions)

    @property
    def median_days_to_closure(self) -> float | None:
        return median(r.days for r in self.closures)

    def summary(self) -> list[tuple[str, int]]:
        """The year's key figures as (interface text key, number)."""
        follow_up = self.follow_up_counts
        return [
            ("international", len(self.memos)),
            ("report_received", len(self.received)),
            ("issues_in_year", len(self.handled)),
            ("outcome_closed_after_review", len(self.outcome("closed_after_review"))),
            ("outcome_settled_in_secretariat", len(self.outcome("settled_in_secretariat"))),
            ("outcome_to_permanent_secretaries", len(self.outcome("to_permanent_secretaries"))),
            ("outcome_to_ministerial_group", len(self.outcome("to_ministerial_group"))),
            ("report_decisions", len(self.decisions)),
            ("sum_follow_up_done", follow_up["done"]),
            ("sum_follow_up_open", follow_up["open"]),
            ("sum_follow_up_overdue", follow_up["overdue"]),
            ("sum_meetings", len(self.meetings)),
            ("roundtables", len(self.roundtables)),
            ("trainings", len(self.trainings)),
        ]

    def outcome(self, key: str) -> list[Move]:
        return dict(self.outcomes)[key]

    @property
    def meetings_by_body(self) -> list[tuple[str, int]]:
        return [(b, n) for b, n in _counts((m.meeting.meta.body for m in self.meetings), vocab.BODIES) if n]

    @property
    def minutes_counts(self) -> dict[str, int]:
        return {"held": len(self.meetings),
                "circulated": sum(m.circulated for m in self.meetings),
                "approved": sum(m.approved_on is not None for m in self.meetings),
                "corrected": sum(m.corrections > 0 for m in self.meetings),
                "corrections": sum(m.corrections for m in self.meetings)}

    @property
    def is_empty(self) -> bool:
        return not (self.memos or self.received or self.moves or self.follow_up or self.meetings
                    or self.trainings or self.measure_progress)


def report_years(corpus: Corpus) -> list[int]:
    """Every year in which anything in the records is dated (oldest first)."""
    days: set[dt.date] = set()
    for issue in corpus.issues.values():
        days.update(step.date for step in issue.meta.timeline)
        days.update(a.done for a in issue.meta.follow_up if a.done)
    for meeting in corpus.meetings.values():
        m = meeting.meta
        days.add(m.date)
        if m.agenda_published:
            days.add(m.agenda_published)
        if m.minutes:
            if m.minutes.approved_on:
                days.add(m.minutes.approved_on)
            days.update(c.date for c in m.minutes.corrections)
    for memo in corpus.international.values():
        days.add(memo.meta.start)
    for training in corpus.trainings.values():
        days.add(training.meta.date)
    for plan in corpus.action_plans.values():
        for measure in plan.meta.measures:
            days.update(p.date for p in measure.progress)
    return sorted({d.year for d in days} | {int(y) for y in corpus.prefaces})


def stage_at(issue: Issue, day: dt.date) -> str | None:
    """The issue's stage at the end of ``day`` (None if not yet reported)."""
    stage = None
    for step in issue.meta.timeline:
        if step.date > day:
            break
        stage = step.stage
    return stage


def _follow_up(issue: Issue, year: int) -> list[ActionState]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    resolved_by_end = any(s.stage == "resolved" and s.date <= end for s in issue.meta.timeline)
    out: list[ActionState] = []
    for index, action in enumerate(issue.meta.follow_up):
        if action.done and action.done < start:
            continue  # done in an earlier year
        if not (resolved_by_end or (action.done and action.done <= end)):
            continue  # not yet decided by the end of the year
        if action.done and action.done <= end:
            state = "done"
        elif action.due and action.due < end:
            state = "overdue"
        else:
            state = "open"
        out.append(ActionState(issue, index, action, state))
    return out


def annual_report(corpus: Corpus, year: int) -> AnnualReport:
    """The annual report of ``year`` from the edition's view of the corpus."""
    return corpus.derived(("annual_report", year), lambda: _annual_report(corpus, year))


@dataclass
class _Years:
    """What the annual reports take from the records, sorted into years in
    one pass: worked out per report, each would go through every record
    again, and a corpus ten years old has ten reports (the cost grew with
    the records times the years)."""

    received: dict[int, list[Issue]]  # each list by date of report, then id
    handled: dict[int, list[Issue]]  # any step dated in the year
    moves: dict[int, list[Move]]
    stays: dict[int, dict[str, list[int]]]  # days spent in each open stage, by the year the stage was left
    resolutions: dict[int, list[Resolution]]
    closures: dict[int, list[Resolution]]
    # Issues with follow-up actions, and the years their actions can be in a
    # report: from the first resolution or action done, to the last action
    # done (None: one is not done, and stays in every report after).
    with_follow_up: list[tuple[Issue, int, int | None]]
    year_end: dict[int, Counter[str]]  # issues in each stage at the end of each year with a step
    meetings: dict[int, list[Meeting]]
    memos: dict[int, list[Memo]]
    trainings: dict[int, list[Training]]
    measure_progress: dict[int, list[tuple[ActionPlan, Measure, int, Progress]]]


def _years(corpus: Corpus) -> _Years:
    return corpus.derived("annual_report_years", lambda: _sort_into_years(corpus))


def _sort_into_years(corpus: Corpus) -> _Years:
    issues = sorted(corpus.issues.values(), key=lambda i: (i.meta.timeline[0].date, i.id))
    years = _Years(defaultdict(list), defaultdict(list), defaultdict(list),
                   defaultdict(lambda: {stage: [] for stage in vocab.OPEN_STAGES}), defaultdict(list),
                   defaultdict(list), [], {}, defaultdict(list),
                   defaultdict(list), defaultdict(list), defaultdict(list))
    changes: dict[int, Counter[str]] = defaultdict(Counter)  # how the year-end counts change, by year
    for issue in issues:
        steps = issue.meta.timeline
        years.received[steps[0].date.year].append(issue)
        first_resolved = next((s for s in steps if s.stage == "resolved"), None)
        if first_resolved is not None:
            years.resolutions[first_resolved.date.year].append(Resolution(
                issue, steps[0].date, first_resolved.date, (first_resolved.date - steps[0].date).days))
        for index in range(1, len(steps)):
            step, before = steps[index], steps[index - 1]
            year = step.date.year
            years.moves[year].append(Move(issue, index, step, before.stage))
            stays = years.stays[year]
            if before.stage in stays:
                stays[before.stage].append((step.date - before.date).days)
            if step.stage == "closed":
                years.closures[year].append(Resolution(issue, steps[0].date, step.date,
                                                       (step.date - steps[0].date).days))
        actions = issue.meta.follow_up
        if actions:
            done = [a.done.year for a in actions if a.done]
            first = min([*done, *([first_resolved.date.year] if first_resolved else [])], default=None)
            if first is not None:
                years.with_follow_up.append((issue, first, max(done) if len(done) == len(actions) else None))
        stage_at_end: str | None = None  # dates never go backwards: the last step of a year is its end
        for year in sorted({s.date.year for s in steps}):
            years.handled[year].append(issue)
            stage = stage_at(issue, dt.date(year, 12, 31))
            if stage != stage_at_end:
                if stage_at_end is not None:
                    changes[year][stage_at_end] -= 1
                changes[year][stage] += 1  # type: ignore[index]
                stage_at_end = stage
    running: Counter[str] = Counter()
    for year in sorted(changes):
        running.update(changes[year])
        years.year_end[year] = +running
    for meeting in sorted(corpus.meetings.values(), key=lambda m: (m.meta.date, m.meta.time or "", m.id)):
        years.meetings[meeting.meta.date.year].append(meeting)
    for memo in sorted(corpus.international.values(), key=lambda m: (m.meta.start, m.id)):
        years.memos[memo.meta.start.year].append(memo)
    for training in sorted(corpus.trainings.values(), key=lambda t: (t.meta.date, t.id)):
        years.trainings[training.meta.date.year].append(training)
    for plan in sorted(corpus.action_plans.values(), key=lambda p: p.id):
        for measure in plan.meta.measures:
            for n, entry in enumerate(measure.progress, start=1):
                years.measure_progress[entry.date.year].append((plan, measure, n, entry))
    return years


def _year_end(years: _Years, year: int) -> Counter[str]:
    """Issues in each stage at the end of ``year``: as at the end of the
    last year before it with a step (or none)."""
    before = [y for y in years.year_end if y <= year]
    return years.year_end[max(before)] if before else Counter()


def meeting_state(meeting: Meeting, end: dt.date) -> MeetingState:
    """A meeting of the year, with its minutes as they stood at ``end``."""
    meta = meeting.meta
    minutes = meta.minutes
    approved = minutes.approved_on if minutes and minutes.approved_on and minutes.approved_on <= end else None
    return MeetingState(
        meeting,
        circulated=bool(minutes and minutes.status in ("for-comments", "approved")),
        approved_on=approved,
        corrections=sum(1 for c in (minutes.corrections if minutes else []) if c.date <= end),
        agenda_days=(meta.date - meta.agenda_published).days if meta.agenda_published else None)


def follow_up_order(state: ActionState, end: dt.date) -> tuple[int, dt.date, str, int]:
    """Overdue first, then open, then done; each by due date (none: the year's end)."""
    return ({"overdue": 0, "open": 1, "done": 2}[state.state], state.action.due or end, state.issue.id, state.index)


def _annual_report(corpus: Corpus, year: int) -> AnnualReport:
    end = dt.date(year, 12, 31)
    years = _years(corpus)
    received = years.received.get(year, [])
    moves = sorted(years.moves.get(year, []), key=lambda m: (m.step.date, m.issue.id, m.index))
    stays = years.stays.get(year) or {stage: [] for stage in vocab.OPEN_STAGES}

    outcomes: list[tuple[str, list[Move]]] = []
    for key, sources, target in OUTCOMES:
        outcomes.append((key, [m for m in moves if m.step.stage == target
                               and (sources is None or m.previous in sources)]))

    follow_up = [state for issue, first, last in years.with_follow_up if first <= year and (last is None or year <= last)
                 for state in _follow_up(issue, year)]
    follow_up.sort(key=lambda state: follow_up_order(state, end))

    meetings = [meeting_state(meeting, end) for meeting in years.meetings.get(year, [])]

    year_end = _year_end(years, year)
    measure_progress = sorted(years.measure_progress.get(year, []),
                              key=lambda row: (row[3].date, row[0].id, row[1].id, row[2]))

    return AnnualReport(
        year=year,
        preface=corpus.prefaces.get(str(year)),
        memos=list(years.memos.get(year, [])),
        received=list(received),
        received_by_channel=[(c, n) for c, n in _counts((i.meta.channel or NO_CHANNEL for i in received),
                                                          list(vocab.CHANNELS) + [NO_CHANNEL])
                             if n or c != NO_CHANNEL],
        received_by_org=_counts(i.meta.reported_by for i in received),
        received_by_theme=_counts(t for i in received for t in i.meta.themes),
        received_by_area=_counts((a for i in received for a in i.meta.areas), vocab.AREAS),
        received_by_quarter=[(q, sum(1 for i in received if _quarter(i.meta.timeline[0].date) == q))
                             for q in (1, 2, 3, 4)],
        handled=list(years.handled.get(year, [])),
        moves=moves,
        outcomes=outcomes,
        decisions=[m for m in moves if m.step.stage == "resolved"],
        follow_up=follow_up,
        meetings=meetings,
        trainings=list(years.trainings.get(year, [])),
        resolutions=sorted(years.resolutions.get(year, []), key=lambda r: (r.resolved, r.issue.id)),
        closures=sorted(years.closures.get(year, []), key=lambda r: (r.resolved, r.issue.id)),
        stage_times=[StageTime(stage, len(days), median(days), max(days) if days else None)
                     for stage, days in stays.items()],
        year_end_stages=[(stage, year_end.get(stage, 0)) for stage in vocab.STAGES],
        measure_progress=measure_progress,
    )


def annual_reports(corpus: Corpus) -> list[AnnualReport]:
    return [annual_report(corpus, year) for year in report_years(corpus)]


# --- across the years ----------------------------------------------------------------

def received_per_quarter(corpus: Corpus) -> list[tuple[int, int, int]]:
    """(year, quarter, issues received), every quarter from the first report to the last."""
    firsts = [i.meta.timeline[0].date for i in corpus.issues.values()]
    if not firsts:
        return []
    counts = Counter((d.year, _quarter(d)) for d in firsts)
    first, last = min(firsts), max(firsts)
    out = []
    year, quarter = first.year, _quarter(first)
    while (year, quarter) <= (last.year, _quarter(last)):
        out.append((year, quarter, counts.get((year, quarter), 0)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def resolution_times(corpus: Corpus) -> list[Resolution]:
    """Every resolved issue: days from its report to its first resolution, oldest first."""
    out = []
    for issue in corpus.issues.values():
        steps = issue.meta.timeline
        days = process.days_to_resolution(steps)
        if days is not None:
            resolved = next(s.date for s in steps if s.stage == "resolved")
            out.append(Resolution(issue, steps[0].date, resolved, days))
    return sorted(out, key=lambda r: (r.resolved, r.issue.id))


def resolution_by_year(corpus: Corpus) -> list[tuple[int, int, float | None]]:
    """(year, issues first resolved that year, median days from report to resolution)."""
    by_year: dict[int, list[int]] = {}
    for r in resolution_times(corpus):
        by_year.setdefault(r.resolved.year, []).append(r.days)
    return [(year, len(days), median(days)) for year, days in sorted(by_year.items())]


# --- the process at a glance ---------------------------------------------------------

def stage_counts(corpus: Corpus) -> dict[str, int]:
    """Issues in each stage now (the stage of their last step), as the issues index groups them."""
    counts = Counter(issue.meta.timeline[-1].stage for issue in corpus.issues.values())
    return {stage: counts.get(stage, 0) for stage in vocab.STAGES}


@dataclass(frozen=True)
class Box:
    stage: str
    x: int
    y: int
    w: int
    h: int
    count: int
    colour: str
    lines: tuple[str, ...] = ()  # the stage's label, wrapped to the box

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def text_y(self) -> float:
        """Baseline of the first label line: the label and the count centred in the box."""
        block = 17 * len(self.lines) + 20
        return self.y + (self.h - block) / 2 + 14

    @property
    def count_y(self) -> float:
        return self.text_y + 17 * len(self.lines) + 4


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    points: tuple[tuple[int, int], ...]
    back: bool  # sends the matter back (drawn dashed)

    @property
    def path(self) -> str:
        return "M" + " L".join(f"{x} {y}" for x, y in self.points)


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[Arrow]

    def box(self, stage: str) -> Box:
        return next(b for b in self.boxes if b.stage == stage)


STAGE_COLOURS = {  # the stage badges' colours (ihku.css), all at least 3:1 on white
    "reported": "#6b6b6b", "coordinator-review": "#8a5a00", "secretariat": "#0b5cad",
    "permanent-secretaries": "#6a1b9a", "ministerial-group": "#b00020", "resolved": "#1b5e20", "closed": "#3d3d3d",
}
_MAIN = ("reported", "coordinator-review", "secretariat", "permanent-secretaries", "ministerial-group")


def process_diagram(counts: dict[str, int], label: Callable[[str], str] = lambda s: s) -> Diagram:
    """Figure 3 of the 2018 review as boxes and arrows: the five handling
    stages top to bottom, ``resolved`` on the left and ``closed`` on the
    right, and an arrow for every allowed move (``vocab.MOVES``)."""
    mx, mw, h, pitch, top = 200, 260, 56, 84, 10
    row = {stage: top + i * pitch for i, stage in enumerate(_MAIN)}
    lines = lambda stage, width: tuple(wrap(label(stage), width - 20, 13))  # noqa: E731
    boxes = [Box(s, mx, row[s], mw, h, counts.get(s, 0), STAGE_COLOURS[s], lines(s, mw)) for s in _MAIN]
    bottom = row["ministerial-group"] + h
    boxes.append(Box("resolved", 10, row["secretariat"], 150, bottom - row["secretariat"],
                     counts.get("resolved", 0), STAGE_COLOURS["resolved"], lines("resolved", 150)))
    boxes.append(Box("closed", 500, row["coordinator-review"], 150, bottom - row["coordinator-review"],
                     counts.get("closed", 0), STAGE_COLOURS["closed"], lines("closed", 150)))
    # Boxes in the order of the stages, as the issues index lists them.
    boxes.sort(key=lambda b: list(vocab.STAGES).index(b.stage))
    left, right = mx, mx + mw
    down_x, up_x, lane_x = 300, 360, 480
    arrows: list[Arrow] = []
    for source, targets in vocab.MOVES.items():
        for target in targets:
            back = False
            if source in _MAIN and target in _MAIN and _MAIN.index(target) == _MAIN.index(source) + 1:
                points = ((down_x, row[source] + h), (down_x, row[target]))
            elif target == "closed":
                y = row[source] + 40
                points = ((right, y), (500, y))
            elif target == "resolved":
                y = row[source] + 40
                points = ((left, y), (160, y))
            elif source == "resolved":  # reopened
                back = True
                y = row[target] + 16
                points = ((160, y), (left, y))
            elif source == "permanent-secretaries" and target == "secretariat":
                back = True
                points = ((up_x, row[source]), (up_x, row[target] + h))
            else:  # ministerial-group -> secretariat, along the right of the column
                back = True
                points = ((right, row[source] + 16), (lane_x, row[source] + 16),
                          (lane_x, row[target] + 16), (right, row[target] + 16))
            arrows.append(Arrow(source, target, points, back))
    return Diagram(660, bottom + 10, boxes, arrows)


def wrap(text: str, width: int, font_size: float) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels (an estimate: SVG text does not wrap)."""
    per_line = max(8, int(width / (font_size * 0.56)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# --- action plans ------------------------------------------------------------------------

@dataclass
class PlanStats:
    plan: ActionPlan
    by_status: list[tuple[str, int]]
    # (key, [(status, count)]) per responsible ministry and per 4P area; a measure
    # with two responsible ministries counts for both, so rows may add up to more
    # than the measures.
    by_responsible: list[tuple[str, list[tuple[str, int]]]]
    by_area: list[tuple[str, list[tuple[str, int]]]]
    no_responsible: int
    no_area: int

    @property
    def total(self) -> int:
        return len(self.plan.meta.measures)


def plan_stats(plan: ActionPlan) -> PlanStats:
    measures = plan.meta.measures
    statuses = list(vocab.MEASURE_STATUSES)

    def crosstab(key_of) -> list[tuple[str, list[tuple[str, int]]]]:  # type: ignore[no-untyped-def]
        table: dict[str, Counter[str]] = {}
        for measure in measures:
            for key in key_of(measure):
                table.setdefault(key, Counter())[measure.status] += 1
        return [(key, [(s, table[key].get(s, 0)) for s in statuses]) for key in table]

    by_responsible = sorted(crosstab(lambda m: dict.fromkeys(m.responsible)),
                            key=lambda kv: (-sum(n for _, n in kv[1]), kv[0]))
    by_area = crosstab(lambda m: dict.fromkeys(m.areas))
    by_area.sort(key=lambda kv: list(vocab.AREAS).index(kv[0]) if kv[0] in vocab.AREAS else 99)
    return PlanStats(plan, _counts((m.status for m in measures), statuses), by_responsible, by_area,
                     sum(1 for m in measures if not m.responsible), sum(1 for m in measures if not m.areas))


MEASURE_COLOURS = {  # at least 3:1 on white and 4.5:1 for white text on them
    "not-started": "#6b6b6b", "in-progress": "#0b5cad", "done": "#1b5e20",
    "delayed": "#a30000", "cancelled": "#3d3d3d",
}
