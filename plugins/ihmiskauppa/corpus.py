"""The loaded content tree: records by collection, with the indexes that
cross-link them (computed once, so pages never search the whole corpus)."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Hashable, Iterable, TypeVar

from . import models
from .yamlsource import Located

M = TypeVar("M")
T = TypeVar("T")

COLLECTIONS = ("issues", "meetings", "international", "trainings")


@dataclass
class Translation:
    lang: str
    title: str | None
    summary: str | None
    text: str
    path: Path


@dataclass
class Record(Generic[M]):
    """One Markdown record: its id (file name), its fields, its body text."""

    collection: str
    id: str
    path: Path
    meta: M
    text: str
    text_line: int
    located: Located | None = None
    translations: dict[str, Translation] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Fields read straight through: issue.timeline, meeting.date ...
        if name.startswith("__") or "meta" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.__dict__["meta"], name)

    @property
    def url(self) -> str:
        """Path of the record's page, relative to the site root (``issues/2026-003/``)."""
        return f"{self.collection}/{self.id}/"

    def digest(self) -> bytes:
        """A digest of everything the record holds (its fields, body and
        translations; not the parse kept for line numbers): equal digests,
        equal records. Worked out once: records are not changed once loaded
        (an edition's view makes new ones)."""
        found = self.__dict__.get("_digest")
        if found is None:
            h = hashlib.blake2b(digest_size=16)
            h.update(f"{self.collection}\0{self.id}\0{self.path}\0{self.text_line}\0".encode("utf-8", "surrogatepass"))
            h.update(self.meta.model_dump_json().encode())
            h.update(self.text.encode("utf-8", "surrogatepass"))
            for lang, tr in sorted(self.translations.items()):
                h.update(repr((lang, tr.title, tr.summary, str(tr.path))).encode("utf-8", "surrogatepass"))
                h.update(tr.text.encode("utf-8", "surrogatepass"))
            found = self.__dict__["_digest"] = h.digest()
        return found

    @property
    def src_uri(self) -> str:
        return f"{self.collection}/{self.id}.md"

    def title_in(self, lang: str) -> str:
        tr = self.translations.get(lang)
        return (tr.title if tr and tr.title else None) or self.meta.title

    def summary_in(self, lang: str) -> str | None:
        tr = self.translations.get(lang)
        return (tr.summary if tr and tr.summary else None) or self.meta.summary

    def text_in(self, lang: str) -> str:
        tr = self.translations.get(lang)
        return tr.text if tr and tr.text.strip() else self.text

    def is_translated(self, lang: str) -> bool:
        """Title (and body, if the record has one) exist in ``lang``."""
        if lang == "fi":
            return True
        tr = self.translations.get(lang)
        return bool(tr and tr.title) and self.body_translated(lang)

    def body_translated(self, lang: str) -> bool:
        if lang == "fi" or not self.text.strip():
            return True
        tr = self.translations.get(lang)
        return bool(tr and tr.text.strip())


Issue = Record[models.IssueFields]
Meeting = Record[models.MeetingFields]
Memo = Record[models.MemoFields]
Training = Record[models.TrainingFields]


@dataclass
class ActionPlan:
    id: str
    path: Path
    meta: models.ActionPlanFields
    located: Located | None = None

    @property
    def url(self) -> str:
        return f"action-plans/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"action-plans/{self.id}.md"

    @property
    def is_public(self) -> bool:
        return self.meta.is_public


@dataclass
class Corpus:
    """All records of a content tree, plus the indexes built from them."""

    root: Path
    organisations: dict[str, models.Organisation] = field(default_factory=dict)
    themes: dict[str, models.Theme] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    international: dict[str, Memo] = field(default_factory=dict)
    trainings: dict[str, Training] = field(default_factory=dict)
    action_plans: dict[str, ActionPlan] = field(default_factory=dict)
    # Records whose file exists but did not load: references to them are not
    # reported again as "unknown", the file's own error says what is wrong.
    unreadable: set[tuple[str, str]] = field(default_factory=set)
    # Official addresses that may be published (content/official-addresses.yml).
    allowed_addresses: list[str] = field(default_factory=list)
    # Prefaces of the annual reports (content/reports/<year>.md), by year.
    prefaces: dict[str, Record[Any]] = field(default_factory=dict)
    # Deadlines for the "needs attention" checks (content/deadlines.yml).
    deadlines: Any = None
    # The accessibility statement's facts (content/accessibility.yml).
    accessibility: Any = None

    def collection(self, name: str) -> dict[str, Record[Any]]:
        return getattr(self, name)

    def release_sources(self) -> None:
        """Drop every record's parsed YAML (``located``: kept to point at the
        line of a problem and for the personal-data scan). Once those are
        done a build never reads it again, and at thousands of records it is
        as large as the records themselves."""
        for record in [*self.records(), *self.prefaces.values(), *self.action_plans.values()]:
            record.located = None

    def records(self) -> Iterable[Record[Any]]:
        for name in COLLECTIONS:
            yield from self.collection(name).values()

    # --- editions -------------------------------------------------------------

    def for_edition(self, edition: str) -> "Corpus":
        """The corpus an edition may show (see ``editions``)."""
        from .editions import edition_view

        return edition_view(self, edition)

    # --- cross-links (both ways, from references written once) ------------------

    def meetings_of_issue(self, issue_id: str) -> list[Meeting]:
        return self._index["meetings_of_issue"].get(issue_id, [])

    def memos_of_issue(self, issue_id: str) -> list[Memo]:
        return self._index["memos_of_issue"].get(issue_id, [])

    def issues_of_meeting(self, meeting_id: str) -> list[Issue]:
        return self._index["issues_of_meeting"].get(meeting_id, [])

    def issues_reported_by(self, org_id: str) -> list[Issue]:
        return self._index["issues_reported_by"].get(org_id, [])

    def meetings_attended_by(self, org_id: str) -> list[Meeting]:
        return self._index["meetings_attended_by"].get(org_id, [])

    def follow_ups_owned_by(self, org_id: str) -> list[tuple[Issue, models.FollowUp]]:
        return self._index["follow_ups_owned_by"].get(org_id, [])

    def trainings_proposed_by(self, org_id: str) -> list[Training]:
        return self._index["trainings_proposed_by"].get(org_id, [])

    def measures_of(self, org_id: str) -> list[tuple[ActionPlan, models.Measure]]:
        return self._index["measures_of"].get(org_id, [])

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per corpus: a corpus is not changed
        once loaded (an edition's view, or the preview's next rebuild, is a
        new one). The cross-link index is needed by every page, an annual
        report by its page and by its PDF."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]  # type: ignore[no-any-return]

    @property
    def _index(self) -> dict[str, dict[str, list[Any]]]:
        return self.derived("cross-links", self._build_index)

    def _build_index(self) -> dict[str, dict[str, list[Any]]]:
        index: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple[str, str, int]] = set()  # a set, not "value in list": that grows with the square

        def add(kind: str, key: str | None, value: Any) -> None:
            ident = (kind, key, id(value[1]) if isinstance(value, tuple) else id(value))
            if key is not None and ident not in seen:
                seen.add(ident)  # type: ignore[arg-type]
                index[kind][key].append(value)

        for issue in sorted(self.issues.values(), key=lambda r: r.id):
            add("issues_reported_by", issue.meta.reported_by, issue)
            for step in issue.meta.timeline:
                if step.meeting in self.meetings:
                    add("meetings_of_issue", issue.id, self.meetings[step.meeting])
                    add("issues_of_meeting", step.meeting, issue)
            for action in issue.meta.follow_up:
                add("follow_ups_owned_by", action.owner, (issue, action))
        for meeting in sorted(self.meetings.values(), key=lambda r: (r.meta.date, r.id)):
            for item in meeting.meta.agenda:
                if item.issue in self.issues:
                    add("meetings_of_issue", item.issue, meeting)
                    add("issues_of_meeting", meeting.id, self.issues[item.issue])
            for org in meeting.meta.participants:
                add("meetings_attended_by", org, meeting)
        for memo in sorted(self.international.values(), key=lambda r: (r.meta.start, r.id)):
            for item in memo.meta.for_discussion:
                if item.issue in self.issues:
                    add("memos_of_issue", item.issue, memo)
        for training in self.trainings.values():
            add("trainings_proposed_by", training.meta.proposed_by, training)
        for plan in self.action_plans.values():
            for measure in plan.meta.measures:
                for org in measure.responsible:
                    add("measures_of", org, (plan, measure))
        for kind in ("meetings_of_issue",):
            for key, values in index[kind].items():
                values.sort(key=lambda m: (m.meta.date, m.id))
        return index


def current_stage(issue: Issue) -> str:
    return issue.meta.timeline[-1].stage


def last_date(issue: Issue) -> dt.date:
    return issue.meta.timeline[-1].date
