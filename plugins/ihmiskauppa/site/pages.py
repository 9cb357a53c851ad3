"""Which pages the site has, and the data each page template gets."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator

from .. import attention, process, vocab
from .. import charts, report_pdf, reports
from ..gitdates import GitDates
from ..memo import Memo
from ..parallel import MIN_ITEMS, beside
from ..corpus import Corpus, current_stage, last_date
from . import ui
from .context import SiteContext
from ..exports import EXPORT_VERSION, ISSUE_COLUMNS, MEASURE_COLUMNS
from ..feeds import FeedSpec
from .outputs import OutputFile, Subscriptions, generate, subscriptions
from .render import PageSource, Renderer


def _section(key: str, ctx: SiteContext) -> str:
    return ui.text(key, ctx.lang)


@dataclass(frozen=True)
class PlannedPage:
    """A page the site will have, before its Markdown is rendered."""

    src_uri: str
    make: Callable[[], PageSource]
    # The page kept by the preview's previous rebuild, if still the same (else None).
    reuse: Callable[[], PageSource | None] = lambda: None


class _Planner:
    """Takes the Renderer's place in ``_pages``: notes each page and what to
    render it from, renders nothing yet (so a generator can list the pages
    first and have them rendered elsewhere, e.g. in another process)."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer

    def render(self, template: str, src_uri: str, title: str, nav_title: str | None = None,
               **values: Any) -> PlannedPage:
        return PlannedPage(src_uri, partial(self._renderer.render, template, src_uri, title, nav_title, **values),
                           partial(self._renderer.reused, template, src_uri, title, nav_title, **values))


def plan_pages(corpus: Corpus, ctx: SiteContext, subs: Subscriptions | None = None,
               templates_dir: str | None = None, git: GitDates | None = None) -> list[PlannedPage]:
    """Every generated page of one edition in one language, in order, each
    rendered when its ``make`` is called (pages render one at a time: a
    Renderer is not re-entrant).

    ``corpus`` must already be the edition's view (``Corpus.for_edition``):
    nothing outside it can reach a page.
    """
    return _plan(corpus, ctx, subs, templates_dir, git)[0]


def _plan(corpus: Corpus, ctx: SiteContext, subs: Subscriptions | None, templates_dir: str | None,
          git: GitDates | None, memo: Memo | None = None) -> tuple[list[PlannedPage], Renderer]:
    subs = subs or subscriptions(corpus, ctx)
    items = attention.check(corpus, ctx.today, corpus.deadlines or attention.Deadlines(), git)
    renderer = Renderer(corpus, ctx, templates_dir, feeds_of_page=subs.feeds_of_page,
                        attention=items, git=git, memo=memo)
    return list(_pages(_Planner(renderer), corpus, ctx, subs, items)), renderer  # type: ignore[arg-type]


def build_pages_and_outputs(corpus: Corpus, ctx: SiteContext, subs: Subscriptions, site_title: str,
                            templates_dir: str | None = None, git: GitDates | None = None,
                            cache_dir: Path | None = None,
                            memo: Memo | None = None) -> tuple[list[PageSource], list[OutputFile]]:
    """Every page source and every output file, made at once (the preview
    compares them all with its previous rebuild's). With ``memo``, a page
    whose inputs did not change since the previous rebuild is reused, not
    rendered (see reuse.py). On two cores, a forked child checks and
    renders the pages while this process makes the outputs (which use
    ``memo`` too, and must learn the new ones here): the child sends back
    the pages it rendered, with what they read, and the keys of those it
    reused."""
    planned, renderer = _plan(corpus, ctx, subs, templates_dir, git, memo)

    def make_pages() -> tuple[list[PageSource | Hashable], list[tuple[Hashable, Any]]]:
        made: list[PageSource | Hashable] = []
        for page in planned:
            made.append(renderer.hits[-1] if page.reuse() is not None else page.make())
        return made, renderer.fresh

    outputs, (made, fresh) = beside(
        make_pages, lambda: generate(corpus, ctx, subs, site_title, git, cache_dir, memo),
        split=len(planned) >= MIN_ITEMS)
    pages = [page if isinstance(page, PageSource) else None for page in made]
    if memo is not None:
        for key, kept in fresh:
            memo.put(key, kept)
        for index, key in enumerate(made):
            if pages[index] is None:  # reused: kept in this process's memo since the last rebuild
                kept = memo.find(key)
                memo.put(key, kept)
                pages[index] = kept.page  # type: ignore[union-attr]
    return pages, outputs  # type: ignore[return-value]


ISSUE_COLUMN_DOCS = {
    "id": "asian tunnus (tiedoston nimi)", "title": "otsikko", "current_stage": "nykyinen vaihe (viimeisen vaiheen tunniste)",
    "reported_by": "ilmoittanut organisaatio (tunniste)", "channel": "ilmoituskanava", "reported_on": "ilmoituspäivä",
    "last_step_on": "viimeisimmän vaiheen päivä", "resolved_on": "viimeisimmän ratkaisun päivä (tyhjä, jos ei ratkaistu)",
    "themes": "teemat", "areas": "4P-alueet", "follow_up_open": "avoimien seurantatoimien määrä",
    "follow_up_done": "tehtyjen seurantatoimien määrä", "url": "asian sivu",
}
MEASURE_COLUMN_DOCS = {
    "plan": "toimintasuunnitelman tunniste", "id": "toimenpiteen numero", "title": "toimenpide",
    "responsible": "vastuuministeriöt (tunnisteet)", "others": "muut toimijat", "timeframe": "aikataulu",
    "areas": "4P-alueet", "status": "viimeisin tila", "status_on": "viimeisimmän tilamerkinnän päivä",
    "url": "toimenpiteen rivi seurantataulukossa",
}


def _pages(r: Renderer, corpus: Corpus, ctx: SiteContext, subs: Subscriptions,
           items: list[attention.Attention]) -> Iterator[PageSource]:
    lang = ctx.lang
    today = ctx.today
    issues = sorted(corpus.issues.values(), key=lambda i: i.id)
    by_stage = {stage: [] for stage in vocab.STAGES}
    for issue in sorted(issues, key=lambda i: (last_date(i), i.id), reverse=True):
        by_stage[current_stage(issue)].append(issue)
    meetings = sorted(corpus.meetings.values(), key=lambda m: (m.meta.date, m.meta.time or "", m.id))
    upcoming = [m for m in meetings if m.meta.date >= today]
    past = [m for m in reversed(meetings) if m.meta.date < today]
    memos = sorted(corpus.international.values(), key=lambda m: (m.meta.start, m.id), reverse=True)
    trainings = sorted(corpus.trainings.values(), key=lambda t: (t.meta.date, t.id))

    # --- home and how to raise a matter -------------------------------------------
    open_issues = [i for stage in vocab.OPEN_STAGES for i in by_stage[stage]]
    diagram = reports.process_diagram(reports.stage_counts(corpus), lambda s: vocab.label(vocab.STAGES, s, lang))
    yield r.render("home.md.j2", "index.md", _section("home", ctx), diagram=diagram,
                   by_stage=by_stage, open_issues=open_issues, next_meetings=upcoming[:5],
                   latest_memos=memos[:5], next_trainings=[t for t in trainings if t.meta.date >= today][:3])
    orgs = sorted(corpus.organisations.values(), key=lambda o: o.name_in(lang))
    yield r.render("how_to_raise.md.j2", "how-to-raise.md", _section("how_to_raise", ctx),
                   nav_title=_section("nav_how_to_raise", ctx),
                   ministries=[o for o in orgs if o.kind == "ministry"],
                   coordinator=corpus.organisations.get("ihmiskauppakoordinaattori"))

    yield r.render("subscribe.md.j2", "subscribe.md", _section("subscribe", ctx),
                   feed_groups=_groups(subs.feeds), calendars=subs.calendars)
    yield r.render("open_data.md.j2", "open-data.md", _section("open_data", ctx), export_version=EXPORT_VERSION,
                   issue_columns=[(c, ISSUE_COLUMN_DOCS[c]) for c in ISSUE_COLUMNS],
                   measure_columns=[(c, MEASURE_COLUMN_DOCS[c]) for c in MEASURE_COLUMNS])

    yield r.render("translations.md.j2", "translations.md", _section("translations", ctx),
                   rows=_translation_rows(corpus))
    yield r.render("attention.md.j2", "attention.md", _section("attention", ctx), items=items)
    if corpus.accessibility is not None:
        yield r.render("accessibility.md.j2", "accessibility.md", _section("accessibility", ctx),
                       statement=corpus.accessibility)

    # --- issues ---------------------------------------------------------------
    yield r.render("issues_index.md.j2", "issues/index.md", _section("issues", ctx), by_stage=by_stage,
                   diagram=diagram)
    for issue in issues:
        yield r.render("issue.md.j2", issue.src_uri, issue.title_in(lang), issue=issue,
                       spans=process.stage_spans(issue.meta.timeline, today))

    # --- meetings -------------------------------------------------------------
    past_by_body = [(body, [m for m in past if m.meta.body == body]) for body in vocab.BODIES]
    yield r.render("meetings_index.md.j2", "meetings/index.md", _section("meetings", ctx),
                   upcoming=upcoming, past_by_body=[(b, ms) for b, ms in past_by_body if ms])
    for meeting in meetings:
        yield r.render("meeting.md.j2", meeting.src_uri, meeting.title_in(lang), meeting=meeting)

    # --- international memos --------------------------------------------------------
    by_year = [(year, list(group)) for year, group in groupby(memos, key=lambda m: m.meta.start.year)]
    yield r.render("memos_index.md.j2", "international/index.md", _section("international", ctx), by_year=by_year,
                   nav_title=_section("nav_international", ctx))
    for memo in memos:
        yield r.render("memo.md.j2", memo.src_uri, memo.title_in(lang), memo=memo)

    # --- trainings ------------------------------------------------------------
    yield r.render("trainings_index.md.j2", "trainings/index.md", _section("trainings", ctx),
                   upcoming=[t for t in trainings if (t.meta.end or t.meta.date) >= today],
                   past=[t for t in reversed(trainings) if (t.meta.end or t.meta.date) < today])
    for training in trainings:
        yield r.render("training.md.j2", training.src_uri, training.title_in(lang), training=training)

    # --- action plans ---------------------------------------------------------
    plans = sorted(corpus.action_plans.values(), key=lambda p: p.id, reverse=True)
    yield r.render("action_plans_index.md.j2", "action-plans/index.md", _section("action_plans", ctx), plans=plans)
    for plan in plans:
        counts = Counter(measure.status for measure in plan.meta.measures)
        yield r.render("action_plan.md.j2", plan.src_uri, plan.meta.title, plan=plan, status_counts=counts,
                       stats=reports.plan_stats(plan), **_report_helpers(r, ctx))

    # --- reports (annual reports, action plan statistics) ----------------------------
    yield from _report_pages(r, corpus, ctx, plans)

    # --- network --------------------------------------------------------------
    by_kind = [(kind, [o for o in orgs if o.kind == kind]) for kind in vocab.ORG_KINDS]
    yield r.render("network_index.md.j2", "network/index.md", _section("network", ctx),
                   by_kind=[(k, os) for k, os in by_kind if os])
    for org in orgs:
        yield r.render("organisation.md.j2", f"network/{org.id}.md", org.name_in(lang), org=org)


# --- reports (annual reports, action plan statistics) ------------------------------------

def _report_helpers(r: Renderer, ctx: SiteContext) -> dict[str, Any]:
    """What the report, chart and statistics templates use besides the data."""
    decimal = "." if ctx.lang == "en" else ","
    num = lambda v: charts.number(v, decimal)  # noqa: E731
    status_series = [charts.Series(vocab.label(vocab.MEASURE_STATUSES, s, ctx.lang), reports.MEASURE_COLOURS[s])
                     for s in vocab.MEASURE_STATUSES]

    def stack_rows(table: list[tuple[str, list[tuple[str, int]]]], label: Any) -> list[tuple[str, list[int]]]:
        return [(label(key), [n for _, n in counts]) for key, counts in table]

    def status_rows(stats: reports.PlanStats) -> list[tuple[str, int]]:
        return [(vocab.label(vocab.MEASURE_STATUSES, s, ctx.lang), n) for s, n in stats.by_status]

    return {"charts": charts, "num": num, "status_series": status_series, "stack_rows": stack_rows,
            "status_rows": status_rows, "days": lambda v: "–" if v is None else ui.text("days", ctx.lang, n=num(v))}


def _report_pages(r: Renderer, corpus: Corpus, ctx: SiteContext, plans: list[Any]) -> Iterator[PageSource]:
    lang = ctx.lang
    helpers = _report_helpers(r, ctx)
    quarter = lambda q, y: ui.text("quarter_label", lang, q=q) + f"\n{y}"  # noqa: E731
    annual = reports.annual_reports(corpus)
    for report in annual:
        end = report.end
        yield r.render(
            "annual_report.md.j2", f"reports/{report.year}.md", ui.text("report_title", lang, year=report.year),
            report=report, pdf=report_pdf.pdf_path(report.year, lang),
            provisional=ctx.today <= end,
            quarter_rows=[(quarter(q, report.year), n) for q, n in report.received_by_quarter],
            resolution_rows=[(x.issue.id, x.days) for x in report.resolutions],
            settled_by=lambda stage: reports.SETTLED_BY.get(stage, "other"),
            year_end_stage=lambda issue, end=end: reports.stage_at(issue, end),
            **helpers)
    yield r.render(
        "reports_index.md.j2", "reports/index.md", _section("reports", ctx), reports=annual,
        pdf_of=lambda year: report_pdf.pdf_path(year, lang),
        quarter_rows=[(quarter(q, y), n) for y, q, n in reports.received_per_quarter(corpus)],
        median_rows=[(str(y), m) for y, n, m in reports.resolution_by_year(corpus) if m is not None],
        resolution_rows=[(x.issue.id, x.days) for x in reports.resolution_times(corpus)],
        plan_stats=[reports.plan_stats(plan) for plan in plans], **helpers)


def _translation_rows(corpus: Corpus) -> list[tuple[Any, dict[str, bool]]]:
    rows = []
    for record in sorted(corpus.records(), key=lambda r: (r.collection, r.id)):
        status = {lang: record.is_translated(lang) for lang in ("sv", "en")}
        if not all(status.values()):
            rows.append((record, status))
    return rows


def _groups(specs: list[FeedSpec]) -> list[tuple[str, list[FeedSpec]]]:
    groups: dict[str, list[FeedSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.group, []).append(spec)
    return list(groups.items())


def material_files(corpus: Corpus) -> list[tuple[str, str]]:
    """(site path, file on disk) of every material file the edition serves.

    Files are served at the same path relative to their collection as in
    ``content/``, so ``meetings/<id>/agenda.pdf`` lies beside the meeting's page.
    """
    out: dict[str, str] = {}
    for record in corpus.records():
        for material in getattr(record.meta, "materials", []):
            if material.file:
                source = (record.path.parent / material.file).resolve()
                out[f"{record.collection}/{material.file}"] = str(source)
    return sorted(out.items())
