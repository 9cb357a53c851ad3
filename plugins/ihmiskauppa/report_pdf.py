"""The annual report as a PDF, drawn with ReportLab from ``reports.AnnualReport``.

It is made from the core's data, not from the HTML pages, so it works with
any site generator. The output is reproducible: ReportLab's invariant mode
fixes the dates and the document id, so the same records give the same bytes.
The font is Bitstream Vera, which ships inside ReportLab (no system fonts).
"""
from __future__ import annotations

import hashlib
import functools
import io
import os
import re
from pathlib import Path
from typing import Any, Callable, Sequence
from xml.sax.saxutils import escape

from . import passages, vocab
from .corpus import Corpus
from .editions import WITHHELD
from .reports import SETTLED_BY, AnnualReport
from .site import ui

_FONTS_READY = False
# A cached PDF is only reused by the code (and ReportLab) that made it.
@functools.cache
def _code_version() -> str:
    """This module and reportlab's version, part of every cached PDF's key
    (looked up when a PDF is made: a build that only links to them, as
    the page renderer does, need not load the package metadata)."""
    import importlib.metadata

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + "/" + importlib.metadata.version("reportlab")


def _fonts() -> None:
    global _FONTS_READY
    if _FONTS_READY:
        return
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"),
                       ("Vera-Italic", "VeraIt.ttf"), ("Vera-BoldItalic", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping("Vera", 0, 0, "Vera")
    addMapping("Vera", 1, 0, "Vera-Bold")
    addMapping("Vera", 0, 1, "Vera-Italic")
    addMapping("Vera", 1, 1, "Vera-BoldItalic")
    _FONTS_READY = True


def _plain_markdown(text: str) -> list[tuple[str, str]]:
    """A preface's Markdown as (kind, text) blocks: 'h' headings, 'p' paragraphs, 'li' list items."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", passages.plain(text).strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            blocks.append(("h", lines[0].lstrip("#").strip()))
            lines = lines[1:]
        if lines and all(re.match(r"^([-*+]|\d+\.)\s", line) for line in lines):
            blocks.extend(("li", re.sub(r"^([-*+]|\d+\.)\s+", "", line)) for line in lines)
        elif lines:
            blocks.append(("p", " ".join(lines)))

    def inline(value: str) -> str:
        value = re.sub(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)", r"\1 (\2)", value)  # links: text (url)
        value = re.sub(r"<[^>]+>", "", value)  # raw HTML tags
        return re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", value)

    return [(kind, inline(value)) for kind, value in blocks]


class _Writer:
    def __init__(self, report: AnnualReport, corpus: Corpus, lang: str, edition: str, site_title: str,
                 page_url: str, fmt_date: Callable[[Any], str]):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        self.report, self.corpus, self.lang, self.edition = report, corpus, lang, edition
        self.site_title, self.page_url, self.fmt_date = site_title, page_url, fmt_date
        self.colors = colors
        base = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=13, spaceAfter=4)
        self.styles = {
            "body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#4d4d4d")),
            "title": ParagraphStyle("title", parent=base, fontName="Vera-Bold", fontSize=22, leading=27, spaceAfter=8),
            "h2": ParagraphStyle("h2", parent=base, fontName="Vera-Bold", fontSize=15, leading=19, spaceBefore=10, spaceAfter=6),
            "h3": ParagraphStyle("h3", parent=base, fontName="Vera-Bold", fontSize=11, leading=14, spaceBefore=8, spaceAfter=3),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
            "li": ParagraphStyle("li", parent=base, leftIndent=12, bulletIndent=2),
        }
        self.ops: list[tuple[Any, ...]] = []  # what to draw, in order

    # --- helpers -------------------------------------------------------------------------

    def t(self, key: str, **values: Any) -> str:
        return ui.text(key, self.lang, **values)

    # The primitives record what to draw; flowables() makes the ReportLab
    # objects only when the PDF is laid out (a cache hit never needs them).

    def p(self, text: str, style: str = "body", bullet: str | None = None) -> None:
        self.ops.append(("p", text, style, bullet))

    def h2(self, text: str) -> None:
        self.ops.append(("h", text, "h2", 120))

    def h3(self, text: str) -> None:
        self.ops.append(("h", text, "h3", 60))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None) -> None:
        if not rows:
            self.p(self.t("none"), "small")
            return
        self.ops.append(("table", tuple(headers), tuple(tuple(str(c) for c in row) for row in rows),
                         tuple(widths) if widths else None))

    def fingerprint(self, *extra: Any) -> str:
        return hashlib.sha256(repr((self.ops, extra)).encode("utf-8")).hexdigest()

    def flowables(self) -> list[Any]:
        from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

        flow: list[Any] = []
        cell = self.styles["cell"]
        bold = cell.clone("head", fontName="Vera-Bold")
        for op in self.ops:
            if op[0] == "p":
                _, text, style, bullet = op
                flow.append(Paragraph(escape(text), self.styles[style], bulletText=bullet))
            elif op[0] == "h":
                _, text, style, space = op
                flow.append(CondPageBreak(space))
                flow.append(Paragraph(escape(text), self.styles[style]))
            else:
                _, headers, rows, widths = op
                data = [[Paragraph(escape(h), bold) for h in headers]]
                data += [[Paragraph(escape(c), cell) for c in row] for row in rows]
                table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
                table.setStyle(TableStyle([
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, self.colors.HexColor("#1a1a1a")),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, self.colors.HexColor("#9e9e9e")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]))
                flow.append(table)
                flow.append(Spacer(1, 6))
        return flow

    def org(self, org_id: str | None) -> str:
        if not org_id:
            return ""
        org = self.corpus.organisations.get(org_id)
        return org.name_in(self.lang) if org else self.t("hidden_org")

    def theme(self, theme_id: str) -> str:
        theme = self.corpus.themes.get(theme_id)
        return theme.label(self.lang) if theme else theme_id

    def meeting(self, meeting_id: str | None) -> str:
        if not meeting_id:
            return ""
        meeting = self.corpus.meetings.get(meeting_id)
        return meeting.title_in(self.lang) if meeting and meeting_id != WITHHELD else self.t("withheld_meetings")

    def days(self, value: float | None) -> str:
        if value is None:
            return "–"
        shown = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
        return self.t("days", n=shown.replace(".", ",") if self.lang != "en" else shown)

    # --- the report ----------------------------------------------------------------------

    def build(self) -> None:
        r, t = self.report, self.t
        stage = lambda s: vocab.label(vocab.STAGES, s, self.lang)  # noqa: E731
        self.p(self.site_title, "small")
        self.p(t("report_title", year=r.year), "title")
        self.p(t("report_edition_" + self.edition), "small")
        self.p(t("report_rules", year=r.year), "small")
        if self.page_url:
            self.p(self.page_url, "small")

        if r.preface is not None:
            self.h2(r.preface.title_in(self.lang) or t("report_preface"))
            for kind, text in _plain_markdown(r.preface.text_in(self.lang)):
                if kind == "h":
                    self.h3(text)
                elif kind == "li":
                    from reportlab.platypus import Paragraph

                    self.p(text, "li", bullet="•")
                else:
                    self.p(text)

        self.h2(t("report_summary"))
        self.table((t("report_summary"), t("count")), [(t(key), str(n)) for key, n in r.summary()], (330, 100))

        self.h2(t("international"))
        if not r.memos:
            self.p(t("report_nothing"), "small")
        for memo in r.memos:
            m = memo.meta
            self.h3(f"{self.fmt_date(m.start)} {memo.title_in(self.lang)}")
            facts = [m.meeting] + [x for x in (m.organiser, m.location) if x]
            self.p(" · ".join(facts), "small")
            if m.role:
                self.p(f"{t('role')}: {m.role}")
            if m.position:
                self.p(f"{t('position')}: {m.position}")

        self.h2(t("report_received"))
        self.p(f"{t('total')}: {len(r.received)}")
        self.h3(t("received_per_quarter"))
        self.table((t("quarter"), t("count")),
                   [(t("quarter_label", q=q) + f" {r.year}", str(n)) for q, n in r.received_by_quarter], (160, 80))
        self.h3(t("by_channel"))
        self.table((t("channel"), t("count")),
                   [(vocab.label(vocab.CHANNELS, c, self.lang) if c else t("no_channel"), str(n))
                    for c, n in r.received_by_channel], (300, 80))
        self.h3(t("by_org"))
        self.table((t("reported_by"), t("count")), [(self.org(o), str(n)) for o, n in r.received_by_org], (300, 80))
        self.h3(t("by_theme"))
        self.table((t("themes"), t("count")), [(self.theme(x), str(n)) for x, n in r.received_by_theme], (300, 80))
        self.h3(t("by_area"))
        self.table((t("areas"), t("count")),
                   [(vocab.label(vocab.AREAS, a, self.lang), str(n)) for a, n in r.received_by_area], (300, 80))
        self.h3(t("issues"))
        self.table((t("date"), t("issue_id"), t("title"), t("reported_by")),
                   [(self.fmt_date(i.meta.timeline[0].date), i.id, i.title_in(self.lang), self.org(i.meta.reported_by))
                    for i in r.received], (60, 55, 230, 140))

        self.h2(t("report_handling"))
        self.p(t("moves_note", year=r.year), "small")
        self.table((t("stage"), t("count"), t("issues")),
                   [(t("outcome_" + key), str(len(moves)), ", ".join(m.issue.id for m in moves))
                    for key, moves in r.outcomes], (250, 50, 185))

        self.h2(t("report_decisions"))
        if not r.decisions:
            self.p(t("report_nothing"), "small")
        for move in r.decisions:
            self.h3(f"{self.fmt_date(move.step.date)} {move.issue.id} {move.issue.title_in(self.lang)}")
            settled = SETTLED_BY.get(move.previous, "other")
            body = vocab.label(vocab.BODIES, settled, self.lang)
            self.p(f"{t('settled_by')}: {body}" + (f" · {self.meeting(move.step.meeting)}" if move.step.meeting else ""), "small")
            self.p(move.step.decision or t("no_decision_text"))
            if move.step.communicated:
                self.p(f"{t('communicated')}: {move.step.communicated}", "small")

        self.h2(t("follow_up"))
        self.p(t("follow_up_note", year=r.year), "small")
        counts = r.follow_up_counts
        self.p(f"{t('done')}: {counts['done']} · {t('open')}: {counts['open']} · {t('overdue')}: {counts['overdue']}")
        self.table((t("action"), t("issue_id"), t("owner"), t("due"), t("follow_up_state")),
                   [(a.action.action, a.issue.id, self.org(a.action.owner),
                     self.fmt_date(a.action.due) if a.action.due else "–",
                     t(a.state) if a.state != "done" else t("done_on", date=self.fmt_date(a.action.done)))
                    for a in r.follow_up], (170, 50, 110, 60, 95))

        self.h2(t("report_meetings"))
        mc = r.minutes_counts
        self.p(f"{t('held')}: {mc['held']} · {t('circulated')}: {mc['circulated']} · {t('approved')}: {mc['approved']}"
               f" · {t('corrected')}: {mc['corrected']}")
        self.p(t("minutes_note"), "small")
        yes_no = lambda v: t("yes") if v else t("no")  # noqa: E731
        self.table((t("date"), t("meeting_name"), t("body"), t("circulated"), t("approved"), t("corrections"), t("agenda_days_before")),
                   [(self.fmt_date(s.meeting.meta.date), s.meeting.title_in(self.lang),
                     vocab.label(vocab.BODIES, s.meeting.meta.body, self.lang), yes_no(s.circulated),
                     self.fmt_date(s.approved_on) if s.approved_on else t("no"), str(s.corrections),
                     self.days(s.agenda_days)) for s in r.meetings], (50, 140, 80, 45, 50, 45, 75))

        self.h2(t("report_roundtables_trainings"))
        self.h3(t("roundtables"))
        self.table((t("date"), t("meeting_name"), t("agenda_days_before")),
                   [(self.fmt_date(s.meeting.meta.date), s.meeting.title_in(self.lang), self.days(s.agenda_days))
                    for s in r.roundtables], (60, 300, 120))
        self.h3(t("trainings"))
        self.table((t("date"), t("title"), t("audience")),
                   [(self.fmt_date(tr.meta.date), tr.title_in(self.lang), tr.meta.audience or "") for tr in r.trainings],
                   (60, 220, 200))

        self.h2(t("report_durations"))
        self.p(f"{t('median_to_resolution')}: {self.days(r.median_days_to_resolution)} ({t('resolved_count')}: {len(r.resolutions)})")
        self.p(f"{t('median_to_closure')}: {self.days(r.median_days_to_closure)}")
        self.h3(t("days_to_resolution"))
        self.table((t("issue_id"), t("title"), t("days_to_resolution")),
                   [(x.issue.id, x.issue.title_in(self.lang), str(x.days)) for x in r.resolutions], (55, 320, 105))
        self.h3(t("stage_durations"))
        self.p(t("stage_times_note"), "small")
        self.table((t("stage"), t("stays"), t("median_days"), t("longest_days")),
                   [(stage(s.stage), str(s.stays), self.days(s.median_days), self.days(s.longest_days))
                    for s in r.stage_times], (200, 90, 90, 90))
        self.h3(t("year_end_stages"))
        self.table((t("stage"), t("count")), [(stage(s), str(n)) for s, n in r.year_end_stages], (250, 80))

        if r.measure_progress:
            self.h2(t("report_action_plan"))
            self.table((t("date"), t("measure"), t("status"), t("note")),
                       [(self.fmt_date(p.date), f"{m.id} {m.title}", vocab.label(vocab.MEASURE_STATUSES, p.status, self.lang),
                         p.note or "") for plan, m, n, p in r.measure_progress], (60, 170, 70, 185))


def render(report: AnnualReport, corpus: Corpus, lang: str, edition: str, site_title: str,
           page_url: str = "", fmt_date: Callable[[Any], str] | None = None,
           cache_dir: Path | None = None) -> bytes:
    """The PDF of one annual report (bytes, reproducible).

    Laying out a PDF costs far more than deciding what goes in it, and a
    past year's report does not change. With ``cache_dir``, a PDF is kept
    there under the hash of everything written into it (and of this
    module's code), and reused while that stays the same."""
    fmt_date = fmt_date or (lambda d: f"{d.day}.{d.month}.{d.year}" if d else "")
    writer = _Writer(report, corpus, lang, edition, site_title, page_url, fmt_date)
    writer.build()
    title = ui.text("report_title", lang, year=report.year)
    cached = None
    if cache_dir is not None:
        key = writer.fingerprint(title, site_title, lang, edition, page_url, _code_version())
        cached = cache_dir / f"report-{report.year}-{lang}-{key[:32]}.pdf"
        if cached.is_file():
            return cached.read_bytes()
    data = _layout(writer, title, lang, site_title)
    if cached is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(cached)  # atomic: parallel builds never read half a file
    return data


def _layout(writer: "_Writer", title: str, lang: str, site_title: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _fonts()  # before any paragraph is made: they look their font up then
    flow = writer.flowables()

    class Doc(SimpleDocTemplate):
        sections = 0

        def afterFlowable(self, flowable: Any) -> None:  # bookmarks for the sections
            if isinstance(flowable, Paragraph) and flowable.style.name in ("title", "h2"):
                self.sections += 1
                key = f"section-{self.sections}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0 if flowable.style.name == "title" else 1)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColorRGB(0.3, 0.3, 0.3)
        canvas.drawString(18 * mm, 10 * mm, f"{site_title} · {title}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = Doc(buffer, pagesize=A4, invariant=1, title=title, author=site_title, subject=title,
              creator=site_title, lang=lang, leftMargin=18 * mm, rightMargin=18 * mm,
              topMargin=16 * mm, bottomMargin=18 * mm)
    doc.build(flow, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def pdf_path(year: int, lang: str) -> str:
    """Site path of a year's PDF, beside the report's page: reports/2026/vuosikertomus-2026.pdf."""
    return f"reports/{year}/{ui.text('report_pdf_file', lang, year=year)}"


def _date_format(lang: str) -> Callable[[Any], str]:
    from babel.dates import format_date

    if lang == "fi":
        return lambda d: f"{d.day}.{d.month}.{d.year}" if d else ""
    return lambda d: format_date(d, "medium", locale=lang) if d else ""


def planned_pdfs(corpus: Corpus, lang: str, edition: str, site_title: str,
                 absolute: Callable[[str], str] = lambda url: "",
                 cache_dir: Path | None = None) -> list[tuple[str, Callable[[], bytes]]]:
    """(site path, how to make the PDF) of every annual report of the edition's view ``corpus``."""
    from .reports import annual_report, report_years

    def make(year: int) -> bytes:
        return render(annual_report(corpus, year), corpus, lang, edition, site_title,
                      absolute(f"reports/{year}/"), _date_format(lang), cache_dir)

    return [(pdf_path(year, lang), lambda year=year: make(year)) for year in report_years(corpus)]

