"""The annual report of one year worked out straight from its definition,
going through every record for that year: how ``ihmiskauppa.reports``
made each report until round 21, when one pass over the records came to
sort them into years for every report at once (the per-year passes grew
with the records times the years). tests/test_reports.py checks that both
give the same reports. What a report makes of one meeting or orders its
follow-up by did not change, and is shared (``meeting_state``,
``follow_up_order``)."""
from __future__ import annotations

import datetime as dt

from ihmiskauppa import vocab
from ihmiskauppa.corpus import Corpus
from ihmiskauppa.reports import (NO_CHANNEL, OUTCOMES, AnnualReport, Move, Resolution, StageTime, _counts,
                                 _follow_up, _quarter, follow_up_order, median, meeting_state, stage_at)
from collections import Counter


def annual_report_of_year(corpus: Corpus, year: int) -> AnnualReport:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = lambda day: start <= day <= end  # noqa: E731
    issues = sorted(corpus.issues.values(), key=lambda i: (i.meta.timeline[0].date, i.id))

    received = [i for i in issues if in_year(i.meta.timeline[0].date)]
    moves: list[Move] = []
    resolutions: list[Resolution] = []
    closures: list[Resolution] = []
    stays: dict[str, list[int]] = {stage: [] for stage in vocab.OPEN_STAGES}
    for issue in issues:
        steps = issue.meta.timeline
        first_resolved = next((s for s in steps if s.stage == "resolved"), None)
        if first_resolved is not None and in_year(first_resolved.date):
            resolutions.append(Resolution(issue, steps[0].date, first_resolved.date,
                                          (first_resolved.date - steps[0].date).days))
        for index in range(1, len(steps)):
            step, before = steps[index], steps[index - 1]
            if not in_year(step.date):
                continue
            moves.append(Move(issue, index, step, before.stage))
            if before.stage in stays:
                stays[before.stage].append((step.date - before.date).days)
            if step.stage == "closed":
                closures.append(Resolution(issue, steps[0].date, step.date, (step.date - steps[0].date).days))
    moves.sort(key=lambda m: (m.step.date, m.issue.id, m.index))

    outcomes: list[tuple[str, list[Move]]] = []
    for key, sources, target in OUTCOMES:
        outcomes.append((key, [m for m in moves if m.step.stage == target
                               and (sources is None or m.previous in sources)]))

    follow_up = [state for issue in issues for state in _follow_up(issue, year)]
    follow_up.sort(key=lambda state: follow_up_order(state, end))

    meetings = [meeting_state(meeting, end)
                for meeting in sorted(corpus.meetings.values(), key=lambda m: (m.meta.date, m.meta.time or "", m.id))
                if in_year(meeting.meta.date)]

    reported_by_end = [i for i in issues if i.meta.timeline[0].date <= end]
    year_end = Counter(stage_at(i, end) for i in reported_by_end)

    measure_progress = []
    for plan in sorted(corpus.action_plans.values(), key=lambda p: p.id):
        for measure in plan.meta.measures:
            for n, entry in enumerate(measure.progress, start=1):
                if in_year(entry.date):
                    measure_progress.append((plan, measure, n, entry))
    measure_progress.sort(key=lambda row: (row[3].date, row[0].id, row[1].id, row[2]))

    return AnnualReport(
        year=year,
        preface=corpus.prefaces.get(str(year)),
        memos=sorted((m for m in corpus.international.values() if in_year(m.meta.start)),
                     key=lambda m: (m.meta.start, m.id)),
        received=received,
        received_by_channel=[(c, n) for c, n in _counts((i.meta.channel or NO_CHANNEL for i in received),
                                                          list(vocab.CHANNELS) + [NO_CHANNEL])
                             if n or c != NO_CHANNEL],
        received_by_org=_counts(i.meta.reported_by for i in received),
        received_by_theme=_counts(t for i in received for t in i.meta.themes),
        received_by_area=_counts((a for i in received for a in i.meta.areas), vocab.AREAS),
        received_by_quarter=[(q, sum(1 for i in received if _quarter(i.meta.timeline[0].date) == q))
                             for q in (1, 2, 3, 4)],
        handled=[i for i in issues if any(in_year(s.date) for s in i.meta.timeline)],
        moves=moves,
        outcomes=outcomes,
        decisions=[m for m in moves if m.step.stage == "resolved"],
        follow_up=follow_up,
        meetings=meetings,
        trainings=sorted((t for t in corpus.trainings.values() if in_year(t.meta.date)),
                         key=lambda t: (t.meta.date, t.id)),
        resolutions=sorted(resolutions, key=lambda r: (r.resolved, r.issue.id)),
        closures=sorted(closures, key=lambda r: (r.resolved, r.issue.id)),
        stage_times=[StageTime(stage, len(days), median(days), max(days) if days else None)
                     for stage, days in stays.items()],
        year_end_stages=[(stage, year_end.get(stage, 0)) for stage in vocab.STAGES],
        measure_progress=measure_progress,
    )
