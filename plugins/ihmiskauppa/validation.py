"""Rules across records: references that resolve, the process's stage moves,
dates in order, materials that exist. Field-level rules live in the models."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from . import passages, process, vocab
from .corpus import Corpus, Record
from .errors import Problems

# Raw HTML in bodies is allowed (editors' work is reviewed in pull requests),
# but nothing that runs: these stop the build wherever they appear.
UNSAFE_HTML = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|base|meta|form)\b[^>]*>?"
                         r"|\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE)
_JAVASCRIPT_LINK = re.compile(r"javascript\s*:", re.IGNORECASE)  # UNSAFE_HTML's last branch


def _line(record: Any, *path: str | int) -> int | None:
    located = getattr(record, "located", None) or record.__dict__.get("located")
    return located.line_of(path) if located is not None else None


def _known(kind: str, value: str, known: dict[str, Any]) -> str:
    sample = ", ".join(sorted(known)[:12]) + (" ..." if len(known) > 12 else "")
    return f"unknown {kind} '{value}'; allowed: ids from {_SOURCES[kind]} ({sample})"


_SOURCES = {
    "organisation": "content/network.yml",
    "theme": "content/themes.yml",
    "meeting": "content/meetings/",
    "issue": "content/issues/",
}


class _Checker:
    def __init__(self, corpus: Corpus, problems: Problems):
        self.corpus = corpus
        self.problems = problems

    def error(self, record: Any, path: tuple[str | int, ...], message: str, severity: str = "error") -> None:
        from .loader import field_name

        self.problems.add(record.path, _line(record, *path), field_name(path), message, severity)

    def ref(self, record: Any, path: tuple[str | int, ...], kind: str, value: str | None) -> None:
        table = {
            "organisation": self.corpus.organisations,
            "theme": self.corpus.themes,
            "meeting": self.corpus.meetings,
            "issue": self.corpus.issues,
        }[kind]
        collection = {"meeting": "meetings", "issue": "issues"}.get(kind)
        if (collection, value) in self.corpus.unreadable:
            return
        if value is not None and value not in table:
            self.error(record, path, _known(kind, value, table))

    def common(self, record: Record[Any]) -> None:
        for index, theme in enumerate(record.meta.themes):
            self.ref(record, ("themes", index), "theme", theme)
        self.markdown(record.path, record.text, record.text_line, "body")
        for tr in record.translations.values():
            self.markdown(tr.path, tr.text, None, "body")

    def markdown(self, path: Path, text: str | None, first_line: int | None, field: str,
                 exact_line: Callable[[], int | None] | None = None) -> None:
        """Editors' Markdown: network-only passages balanced, no active HTML.
        ``exact_line`` gives the field's line, looked up only for a problem."""
        def at(offset: int) -> int | None:
            if exact_line is not None:
                return exact_line()
            return None if first_line is None else first_line + offset - 1

        for problem in passages.check(text):
            self.problems.add(path, at(problem.line), field, problem.message)
        # The pattern needs a '<', an '=' or a colon after the word javascript:
        # most texts have none (a colon is looked for first: lower-casing a
        # whole body costs more than the rest of these checks).
        if not text or ("<" not in text and "=" not in text
                        and (":" not in text or not _JAVASCRIPT_LINK.search(text))):
            return
        if not UNSAFE_HTML.search(text):
            return
        for number, line in enumerate(text.splitlines(), start=1):
            match = UNSAFE_HTML.search(line)
            if match:
                self.problems.add(path, at(number), field,
                                  f"found '{match.group(0)}'; raw HTML is allowed in Markdown, but not scripts, "
                                  "frames, event handlers or javascript: links")

    def materials(self, record: Record[Any]) -> None:
        files = [(index, m) for index, m in enumerate(record.meta.materials) if m.file is not None]
        if not files:
            return
        folder = record.path.parent.resolve()
        for index, material in files:
            target = (folder / material.file).resolve()
            if folder not in target.parents:
                self.error(record, ("materials", index, "file"),
                           f"found '{material.file}'; a material file must lie beside the record, inside {folder.name}/")
            elif not target.is_file():
                self.error(record, ("materials", index, "file"),
                           f"found '{material.file}', but no such file exists beside the record")
            elif target.suffix == ".md":
                self.error(record, ("materials", index, "file"),
                           f"found '{material.file}'; a .md file would be read as a record, use another format")

    # --- collections ----------------------------------------------------------

    def issue(self, issue: Record[Any]) -> None:
        meta = issue.meta
        self.common(issue)
        self.ref(issue, ("reported_by",), "organisation", meta.reported_by)
        steps = meta.timeline
        if steps and steps[0].stage != vocab.FIRST_STAGE:
            self.error(issue, ("timeline", 0, "stage"),
                       f"found '{steps[0].stage}'; the first step must be '{vocab.FIRST_STAGE}'")
        for index, step in enumerate(steps):
            if step.note:
                self.markdown(issue.path, step.note, None, f"timeline[{index}].note",
                              exact_line=lambda index=index: _line(issue, "timeline", index, "note"))
            if index > 0:
                before = steps[index - 1]
                if step.date < before.date:
                    self.error(issue, ("timeline", index, "date"),
                               f"found {step.date}, before the previous step's {before.date}; dates never go backwards")
                if not process.is_allowed(before.stage, step.stage):
                    allowed = ", ".join(process.allowed_moves(before.stage)) or "none (the matter is closed)"
                    self.error(issue, ("timeline", index, "stage"),
                               f"found a move '{before.stage}' -> '{step.stage}'; allowed after '{before.stage}': {allowed}")
            if step.meeting is not None:
                meeting = self.corpus.meetings.get(step.meeting)
                if ("meetings", step.meeting) in self.corpus.unreadable:
                    pass
                elif meeting is None:
                    self.ref(issue, ("timeline", index, "meeting"), "meeting", step.meeting)
                elif meeting.meta.date != step.date:
                    self.error(issue, ("timeline", index, "meeting"),
                               f"meeting '{step.meeting}' is on {meeting.meta.date}, but this step is dated {step.date}; "
                               "a step's meeting must fall on the step's date")
            if step.decision and step.stage != "resolved":
                self.error(issue, ("timeline", index, "decision"),
                           f"a decision is recorded on a '{step.stage}' step; decisions belong to 'resolved' steps",
                           "warning")
        for index, action in enumerate(meta.follow_up):
            self.ref(issue, ("follow_up", index, "owner"), "organisation", action.owner)

    def meeting(self, meeting: Record[Any]) -> None:
        meta = meeting.meta
        self.common(meeting)
        for index, item in enumerate(meta.agenda):
            self.ref(meeting, ("agenda", index, "issue"), "issue", item.issue)
            self.ref(meeting, ("agenda", index, "proposed_by"), "organisation", item.proposed_by)
        for index, org in enumerate(meta.participants):
            self.ref(meeting, ("participants", index), "organisation", org)
        if meta.time and meta.end_time and meta.end_time < meta.time:
            self.error(meeting, ("end_time",), f"found {meta.end_time}, before the start time {meta.time}")
        if meta.end_time and not meta.time:
            self.error(meeting, ("end_time",), "an end time needs a start time ('time')")
        if meta.agenda_published and meta.agenda_published > meta.date:
            self.error(meeting, ("agenda_published",),
                       f"found {meta.agenda_published}, after the meeting on {meta.date}", "warning")
        minutes = meta.minutes
        if minutes is not None:
            if minutes.approved_on and minutes.approved_on < meta.date:
                self.error(meeting, ("minutes", "approved_on"),
                           f"found {minutes.approved_on}, before the meeting on {meta.date}")
            if minutes.status == "approved" and minutes.approved_on is None:
                self.error(meeting, ("minutes", "approved_on"),
                           "minutes are 'approved' but the day of approval ('approved_on') is missing", "warning")
            if minutes.status != "approved" and minutes.approved_on is not None:
                self.error(meeting, ("minutes", "approved_on"),
                           f"an approval day is given but the status is '{minutes.status}'")
            if minutes.status == "for-comments" and minutes.comments_until is None:
                self.error(meeting, ("minutes", "comments_until"),
                           "minutes out for comments need the last day for comments ('comments_until')", "warning")
            for index, correction in enumerate(minutes.corrections):
                if correction.date < meta.date:
                    self.error(meeting, ("minutes", "corrections", index, "date"),
                               f"found {correction.date}, before the meeting on {meta.date}")
        self.materials(meeting)

    def memo(self, memo: Record[Any]) -> None:
        meta = memo.meta
        self.common(memo)
        if meta.end and meta.end < meta.start:
            self.error(memo, ("end",), f"found {meta.end}, before the start {meta.start}")
        for index, item in enumerate(meta.for_discussion):
            self.ref(memo, ("for_discussion", index, "issue"), "issue", item.issue)

    def training(self, training: Record[Any]) -> None:
        meta = training.meta
        self.common(training)
        if meta.end and meta.end < meta.date:
            self.error(training, ("end",), f"found {meta.end}, before the start {meta.date}")
        self.ref(training, ("proposed_by",), "organisation", meta.proposed_by)
        self.materials(training)

    def action_plan(self, plan: Any) -> None:
        for index, measure in enumerate(plan.meta.measures):
            for j, org in enumerate(measure.responsible):
                self.ref(plan, ("measures", index, "responsible", j), "organisation", org)
            for j in range(1, len(measure.progress)):
                if measure.progress[j].date < measure.progress[j - 1].date:
                    self.error(plan, ("measures", index, "progress", j, "date"),
                               f"found {measure.progress[j].date}, before the previous entry's "
                               f"{measure.progress[j - 1].date}; progress is listed oldest first")


def validate(corpus: Corpus, problems: Problems) -> None:
    check = _Checker(corpus, problems)
    for issue in corpus.issues.values():
        check.issue(issue)
    for meeting in corpus.meetings.values():
        check.meeting(meeting)
    for memo in corpus.international.values():
        check.memo(memo)
    for training in corpus.trainings.values():
        check.training(training)
    for plan in corpus.action_plans.values():
        check.action_plan(plan)
    # A record id must be unique across translations and records alike; the
    # file system already makes it unique within a collection folder.
    _check_ids(corpus, problems)


def _check_ids(corpus: Corpus, problems: Problems) -> None:
    for record in corpus.records():
        if record.id != record.id.strip() or "/" in record.id or record.id.startswith("."):
            problems.add(record.path, None, "", f"the file name '{record.path.name}' cannot be used as an id")
