"""Open data: every record of the edition as JSON, issues and measures as CSV.

Field names follow content format v1; the export adds what is derived
(current stage, page URL). Output is sorted and has no build time in it, so
the same commit always gives the same bytes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Iterator

from .corpus import Corpus, current_stage
from .editions import WITHHELD
from .memo import Memo
from .site.context import SiteContext

EXPORT_VERSION = 1


def _plain(value: Any) -> Any:
    if value == WITHHELD:  # a reference to something this edition does not show
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _record(record: Any, ctx: SiteContext) -> dict[str, Any]:
    data = record.meta.model_dump(exclude_none=True)
    out = {"id": record.id, "url": ctx.absolute(record.url), **_plain(data)}
    out["text"] = record.text.strip()
    if record.translations:
        out["translations"] = {
            lang: {k: v for k, v in (("title", tr.title), ("summary", tr.summary), ("text", tr.text.strip())) if v}
            for lang, tr in sorted(record.translations.items())
        }
    return out


def json_export(corpus: Corpus, ctx: SiteContext) -> bytes:
    return b"".join(json_export_parts(corpus, ctx))


def json_export_parts(corpus: Corpus, ctx: SiteContext, memo: Memo | None = None) -> Iterator[bytes]:
    """The JSON export in pieces, one record at a time: the whole export as
    one Python structure, one string and one bytes object (~10 MB of JSON
    at 2,000 records) would be the largest thing a build holds. The bytes
    are those of ``json.dumps(export, ensure_ascii=False, indent=2)``.
    ``memo``: the preview's; a record's piece is reused while the record is
    the same (``Record.digest``)."""
    def issue_data(issue: Any) -> dict[str, Any]:
        return {**_record(issue, ctx), "current_stage": current_stage(issue)}

    def pieces(name: str, data: Any) -> Iterator[bytes]:
        for _, record in sorted(corpus.collection(name).items()):
            if memo is None:
                yield _json(data(record), 2)
            else:
                yield memo.get(("json", name, record.digest(), ctx), lambda r=record: _json(data(r), 2))

    def issues() -> Iterator[bytes]:
        return pieces("issues", issue_data)

    def records(name: str) -> Iterator[bytes]:
        return pieces(name, lambda r: _record(r, ctx))

    fields: list[tuple[str, Any]] = [
        ("format", "ihmiskauppa-site export"),
        ("version", EXPORT_VERSION),
        ("edition", ctx.edition),
        ("organisations", [_plain(o.model_dump(exclude_none=True)) for _, o in sorted(corpus.organisations.items())]),
        ("themes", [_plain(t.model_dump(exclude_none=True)) for _, t in sorted(corpus.themes.items())]),
        ("issues", issues()),
        ("meetings", records("meetings")),
        ("international", records("international")),
        ("trainings", records("trainings")),
        ("action_plans", ({"id": plan_id, "url": ctx.absolute(plan.url), **_plain(plan.meta.model_dump(exclude_none=True))}
                          for plan_id, plan in sorted(corpus.action_plans.items()))),
    ]
    yield b"{"
    for index, (key, value) in enumerate(fields):
        yield (("," if index else "") + "\n  " + json.dumps(key) + ": ").encode()
        if isinstance(value, (list, Iterator)):
            yield from _json_list(value)
        else:
            yield _json(value, 1)
    yield b"\n}\n"


def _json(value: Any, depth: int) -> bytes:
    """``value`` as json.dumps(indent=2) writes it ``depth`` levels deep.
    JSON text has no raw newline inside strings, so indenting lines is safe."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth).encode("utf-8")


def _json_list(items: Any) -> Iterator[bytes]:
    """A list two levels deep; its items are values, or their JSON already."""
    empty = True
    for item in items:
        yield ("[" if empty else ",").encode() + b"\n    " + (item if isinstance(item, bytes) else _json(item, 2))
        empty = False
    yield b"[]" if empty else b"\n  ]"


ISSUE_COLUMNS = ("id", "title", "current_stage", "reported_by", "channel", "reported_on", "last_step_on",
                 "resolved_on", "themes", "areas", "follow_up_open", "follow_up_done", "url")
MEASURE_COLUMNS = ("plan", "id", "title", "responsible", "others", "timeframe", "areas", "status",
                   "status_on", "url")


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # UTF-8 with BOM so spreadsheet programs read ä and ö right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def issues_csv(corpus: Corpus, ctx: SiteContext) -> bytes:
    rows = []
    for issue_id, issue in sorted(corpus.issues.items()):
        steps = issue.meta.timeline
        resolved = [s.date for s in steps if s.stage == "resolved"]
        rows.append({
            "id": issue_id, "title": issue.meta.title, "current_stage": current_stage(issue),
            "reported_by": issue.meta.reported_by if issue.meta.reported_by in corpus.organisations else "",
            "channel": issue.meta.channel or "", "reported_on": steps[0].date.isoformat(),
            "last_step_on": steps[-1].date.isoformat(), "resolved_on": resolved[-1].isoformat() if resolved else "",
            "themes": ";".join(issue.meta.themes), "areas": ";".join(issue.meta.areas),
            "follow_up_open": sum(1 for a in issue.meta.follow_up if not a.done),
            "follow_up_done": sum(1 for a in issue.meta.follow_up if a.done),
            "url": ctx.absolute(issue.url),
        })
    return _csv(ISSUE_COLUMNS, rows)


def measures_csv(corpus: Corpus, ctx: SiteContext) -> bytes:
    rows = []
    for plan_id, plan in sorted(corpus.action_plans.items()):
        for measure in plan.meta.measures:
            rows.append({
                "plan": plan_id, "id": measure.id, "title": measure.title,
                "responsible": ";".join(measure.responsible), "others": ";".join(measure.others),
                "timeframe": measure.timeframe or "", "areas": ";".join(measure.areas), "status": measure.status,
                "status_on": measure.progress[-1].date.isoformat() if measure.progress else "",
                "url": ctx.absolute(f"{plan.url}#measure-{measure.id}"),
            })
    return _csv(MEASURE_COLUMNS, rows)
