"""The policy process (Figure 3 of the 2018 review) as a state machine."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from . import vocab


def allowed_moves(stage: str) -> tuple[str, ...]:
    return vocab.MOVES.get(stage, ())


def is_allowed(previous: str, stage: str) -> bool:
    return stage in allowed_moves(previous)


@dataclass(frozen=True)
class StageSpan:
    """One stay in a stage: from a step's date to the next step's (or today)."""

    index: int
    stage: str
    start: dt.date
    end: dt.date | None  # None while the matter is still in this stage
    days: int


def stage_spans(steps: Sequence[object], today: dt.date) -> list[StageSpan]:
    """Days spent at each step. Final stages (resolved, closed) count no days
    of their own once reached; an open current stage counts up to today."""
    spans: list[StageSpan] = []
    for index, step in enumerate(steps):
        start = step.date  # type: ignore[attr-defined]
        stage = step.stage  # type: ignore[attr-defined]
        if index + 1 < len(steps):
            end = steps[index + 1].date  # type: ignore[attr-defined]
            spans.append(StageSpan(index, stage, start, end, (end - start).days))
        elif stage in vocab.OPEN_STAGES:
            spans.append(StageSpan(index, stage, start, None, max(0, (today - start).days)))
        else:
            spans.append(StageSpan(index, stage, start, None, 0))
    return spans


def days_to_resolution(steps: Sequence[object]) -> int | None:
    """Days from the report to the first resolution, or None if never resolved."""
    first = steps[0].date  # type: ignore[attr-defined]
    for step in steps:
        if step.stage == "resolved":  # type: ignore[attr-defined]
            return (step.date - first).days  # type: ignore[attr-defined]
    return None
