"""The public edition's view of a corpus: nothing that is not public.

Non-public records and organisations are left out; network-only passages are
cut from the texts; and a public record's references to what is left out are
replaced by ``WITHHELD``, which pages show as a neutral phrase ("a matter
under preparation") without a link or a title. Everything the public edition
builds (pages, search, feeds, calendars, exports) starts from this view, so
nothing else can reach it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import passages
from .corpus import ActionPlan, Corpus, Record, Translation

WITHHELD = "~withheld"


def public_view(corpus: Corpus) -> Corpus:
    orgs = {k: v for k, v in corpus.organisations.items() if v.is_public}
    keep = lambda table: {k: v for k, v in table.items() if v.meta.is_public}  # noqa: E731
    view = Corpus(root=corpus.root, organisations=orgs, themes=dict(corpus.themes),
                  issues=keep(corpus.issues), meetings=keep(corpus.meetings),
                  international=keep(corpus.international), trainings=keep(corpus.trainings),
                  action_plans={k: v for k, v in corpus.action_plans.items() if v.is_public},
                  allowed_addresses=corpus.allowed_addresses, deadlines=corpus.deadlines,
                  accessibility=corpus.accessibility)
    ref = _Refs(view, set(corpus.organisations))
    view.issues = {k: ref.issue(v) for k, v in view.issues.items()}
    view.meetings = {k: ref.meeting(v) for k, v in view.meetings.items()}
    view.international = {k: ref.memo(v) for k, v in view.international.items()}
    view.trainings = {k: ref.training(v) for k, v in view.trainings.items()}
    view.action_plans = {k: ref.plan(v) for k, v in view.action_plans.items()}
    # Annual report prefaces: public ones only, network-only passages cut.
    view.prefaces = {k: ref._texts(v, v.meta) for k, v in corpus.prefaces.items() if v.meta.is_public}
    return view


class _Refs:
    def __init__(self, view: Corpus, all_org_ids: set[str]):
        self.view = view
        self.all_org_ids = all_org_ids  # to tell an organisation id from a free-text name

    def org(self, value: str | None) -> str | None:
        return value if value is None or value in self.view.organisations else WITHHELD

    def rec(self, collection: str, value: str | None) -> str | None:
        return value if value is None or value in self.view.collection(collection) else WITHHELD

    def _texts(self, record: Record[Any], meta: Any) -> Record[Any]:
        translations = {lang: replace(tr, text=passages.strip(tr.text) or "")
                        for lang, tr in record.translations.items()}
        return replace(record, meta=meta, text=passages.strip(record.text) or "", translations=translations)

    def issue(self, record: Record[Any]) -> Record[Any]:
        m = record.meta
        steps = [s.model_copy(update={"meeting": self.rec("meetings", s.meeting), "note": passages.strip(s.note)})
                 for s in m.timeline]
        actions = [a.model_copy(update={"owner": self.org(a.owner)}) for a in m.follow_up]
        meta = m.model_copy(update={"reported_by": self.org(m.reported_by), "timeline": steps, "follow_up": actions})
        return self._texts(record, meta)

    def meeting(self, record: Record[Any]) -> Record[Any]:
        m = record.meta
        agenda = [i.model_copy(update={"issue": self.rec("issues", i.issue), "proposed_by": self.org(i.proposed_by)})
                  for i in m.agenda]
        participants = [p for p in m.participants if p in self.view.organisations]
        return self._texts(record, m.model_copy(update={"agenda": agenda, "participants": participants}))

    def memo(self, record: Record[Any]) -> Record[Any]:
        m = record.meta
        items = [i.model_copy(update={"issue": self.rec("issues", i.issue)}) for i in m.for_discussion]
        return self._texts(record, m.model_copy(update={"for_discussion": items}))

    def training(self, record: Record[Any]) -> Record[Any]:
        m = record.meta
        # organiser is an organisation id or a free-text name
        organiser = m.organiser
        if organiser is not None and organiser in self.all_org_ids and organiser not in self.view.organisations:
            organiser = WITHHELD
        meta = m.model_copy(update={"proposed_by": self.org(m.proposed_by), "organiser": organiser})
        return self._texts(record, meta)

    def plan(self, plan: ActionPlan) -> ActionPlan:
        measures = [ms.model_copy(update={"responsible": [self.org(o) for o in ms.responsible]})
                    for ms in plan.meta.measures]
        return replace(plan, meta=plan.meta.model_copy(update={"measures": measures}))


def edition_view(corpus: Corpus, edition: str) -> Corpus:
    return corpus if edition == "network" else public_view(corpus)
