"""Record models of content format v1.

Field types are strict where the format demands it: every id and number-like
code must be a string (an unquoted ``2.10`` that YAML reads as 2.1 is an
error, not a silent collision), dates are ISO ``YYYY-MM-DD``, vocabulary
fields accept only their listed values. Unknown fields are errors, so a
misspelt field name is caught instead of silently ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictStr, model_validator

from . import vocab

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"found a date and time {value.isoformat()}; write only the day, YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"found {value!r}, which is not a real day; write an ISO date YYYY-MM-DD") from None
    raise ValueError(f"found {value!r}; write an ISO date YYYY-MM-DD, e.g. 2026-03-05")


def _clock_time(value: Any) -> str:
    # YAML 1.1 reads an unquoted 10:30 as the base-60 integer 630; the value is
    # unambiguous, so we turn it back rather than make editors quote times.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        value = f"{value // 60:02d}:{value % 60:02d}"
    if isinstance(value, str) and re.match(r"^\d:[0-5]\d$", value.strip()):
        value = "0" + value.strip()
    if isinstance(value, str) and _TIME.match(value.strip()):
        return value.strip()
    raise ValueError(f"found {value!r}; write a time of day HH:MM, e.g. \"09:30\"")


def _list_of_text(value: Any) -> Any:
    # Free-text lists may be written as one string too.
    return [value] if isinstance(value, str) else value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
ClockTime = Annotated[str, BeforeValidator(_clock_time)]
Text = Annotated[StrictStr, Field(min_length=1)]
Id = Annotated[StrictStr, Field(min_length=1)]
TextList = Annotated[list[StrictStr], BeforeValidator(_list_of_text)]


def _literal(values: Any) -> Any:
    return Literal[tuple(values)]  # type: ignore[misc]


Stage = _literal(vocab.STAGES)
Area = _literal(vocab.AREAS)
Body = _literal(vocab.BODIES)
Channel = _literal(vocab.CHANNELS)
Visibility = _literal(vocab.VISIBILITIES)
MinutesStatus = _literal(vocab.MINUTES_STATUSES)
MeasureStatus = _literal(vocab.MEASURE_STATUSES)
OrgKind = _literal(vocab.ORG_KINDS)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class RecordFields(Model):
    """Fields every record has."""

    title: Text
    visibility: Visibility = "network"  # absent means network: nothing is public by default
    summary: Optional[StrictStr] = None
    themes: list[Id] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


# --- issues -----------------------------------------------------------------

class TimelineStep(Model):
    date: IsoDate
    stage: Stage
    note: Optional[StrictStr] = None
    meeting: Optional[Id] = None
    decision: Optional[StrictStr] = None
    communicated: Optional[StrictStr] = None


class FollowUp(Model):
    action: Text
    owner: Id
    due: Optional[IsoDate] = None
    done: Optional[IsoDate] = None


class IssueFields(RecordFields):
    reported_by: Id
    channel: Optional[Channel] = None
    timeline: Annotated[list[TimelineStep], Field(min_length=1)]
    follow_up: list[FollowUp] = Field(default_factory=list)


# --- meetings ---------------------------------------------------------------

class AgendaItem(Model):
    title: Text
    issue: Optional[Id] = None
    proposed_by: Optional[Id] = None


class Material(Model):
    title: Text
    file: Optional[StrictStr] = None
    url: Optional[StrictStr] = None

    @model_validator(mode="after")
    def _file_or_url(self) -> "Material":
        if bool(self.file) == bool(self.url):
            raise ValueError("a material has exactly one of 'file' (a path beside the record) or 'url'")
        return self


class Correction(Model):
    date: IsoDate
    note: Text


class Minutes(Model):
    status: MinutesStatus
    comments_until: Optional[IsoDate] = None
    approved_on: Optional[IsoDate] = None
    corrections: list[Correction] = Field(default_factory=list)


class MeetingFields(RecordFields):
    body: Body
    date: IsoDate
    time: Optional[ClockTime] = None
    end_time: Optional[ClockTime] = None
    location: Optional[StrictStr] = None
    agenda: list[AgendaItem] = Field(default_factory=list)
    agenda_published: Optional[IsoDate] = None
    materials: list[Material] = Field(default_factory=list)
    participants: list[Id] = Field(default_factory=list)
    minutes: Optional[Minutes] = None
    # Extensions: a cancelled meeting keeps its record (the day it was
    # cancelled); a moved one lists the dates it had before. Calendars
    # update the same event (same UID, higher SEQUENCE).
    cancelled: Optional[IsoDate] = None
    previous_dates: list[IsoDate] = Field(default_factory=list)


# --- international meeting memos -------------------------------------------

class DiscussionItem(Model):
    title: Text
    issue: Optional[Id] = None


class MemoFields(RecordFields):
    meeting: Text
    organiser: Optional[StrictStr] = None
    location: Optional[StrictStr] = None
    start: IsoDate
    end: Optional[IsoDate] = None
    role: Optional[StrictStr] = None
    position: Optional[StrictStr] = None
    for_discussion: list[DiscussionItem] = Field(default_factory=list)


# --- trainings ----------------------------------------------------------------

class TrainingFields(RecordFields):
    date: IsoDate
    end: Optional[IsoDate] = None
    time: Optional[ClockTime] = None
    location: Optional[StrictStr] = None
    organiser: Optional[StrictStr] = None
    audience: Optional[StrictStr] = None
    proposed_by: Optional[Id] = None
    registration: Optional[StrictStr] = None
    materials: list[Material] = Field(default_factory=list)
    cancelled: Optional[IsoDate] = None
    previous_dates: list[IsoDate] = Field(default_factory=list)


# --- translations -------------------------------------------------------------

class TranslationFields(Model):
    """Front matter of ``<id>.sv.md`` / ``<id>.en.md``: everything else comes from the Finnish record."""

    title: Optional[Text] = None
    summary: Optional[StrictStr] = None


# --- action plans -------------------------------------------------------------

class Progress(Model):
    date: IsoDate
    status: MeasureStatus
    note: Optional[StrictStr] = None


class Measure(Model):
    id: Id
    title: Text
    responsible: list[Id] = Field(default_factory=list)
    others: TextList = Field(default_factory=list)
    timeframe: Optional[StrictStr] = None
    areas: list[Area] = Field(default_factory=list)
    relates_to: TextList = Field(default_factory=list)
    progress: list[Progress] = Field(default_factory=list)

    @property
    def status(self) -> str:
        return self.progress[-1].status if self.progress else "not-started"


class ActionPlanFields(Model):
    title: Text
    period: Optional[StrictStr] = None
    visibility: Visibility = "network"
    summary: Optional[StrictStr] = None
    measures: list[Measure] = Field(default_factory=list)

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


# --- network and themes -------------------------------------------------------

class Organisation(Model):
    id: Id
    name: Text
    name_sv: Optional[StrictStr] = None
    name_en: Optional[StrictStr] = None
    kind: OrgKind
    contact: Optional[StrictStr] = None
    contact_person: Optional[StrictStr] = None
    # Extension of v1: organisations are public unless marked network-only.
    visibility: Visibility = "public"

    def name_in(self, lang: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(lang) or self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


class Theme(Model):
    id: Id
    fi: Text
    sv: Optional[StrictStr] = None
    en: Optional[StrictStr] = None

    def label(self, lang: str) -> str:
        return getattr(self, lang, None) or self.fi


# --- annual report prefaces (extension) ---------------------------------------

class PrefaceFields(Model):
    """Front matter of ``content/reports/<year>.md``: the coordinator's short
    preface to the generated annual report. Like records, absent visibility
    means ``network``: a preface reaches the public edition only when marked
    ``visibility: public``."""

    title: Optional[Text] = None
    visibility: Visibility = "network"

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"
