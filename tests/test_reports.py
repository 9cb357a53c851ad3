"""Reporting: the annual report, its PDF, print view, the process diagram and
the action plan's statistics, on real builds of the sample content.

Every expected figure is counted here from the record files read with plain
YAML, never with the core library, so a bug in the report cannot agree with
itself. The rules are the ones the README states for "in the year":
received = first step dated in the year; moves, decisions, meetings,
trainings and memos dated in the year; states as of 31 December.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, TODAY, article, build, copy_project, page

CONTENT = ROOT / "content"
YEARS = (2025, 2026)

CHANNEL_FI = {"contact-person": "Ministerion yhteyshenkilön kautta", "coordinator": "Suoraan koordinaattorille"}
AREA_FI = {"prevention": "Ennaltaehkäisy", "protection": "Uhrien suojelu", "prosecution": "Rikosvastuu",
           "partnership": "Yhteistyö"}
STAGES = ("reported", "coordinator-review", "secretariat", "permanent-secretaries", "ministerial-group",
          "resolved", "closed")
# The allowed moves as content format v1 states them (README), written out here on purpose.
ALLOWED_MOVES = {
    ("reported", "coordinator-review"), ("coordinator-review", "secretariat"), ("coordinator-review", "closed"),
    ("secretariat", "resolved"), ("secretariat", "permanent-secretaries"), ("secretariat", "closed"),
    ("permanent-secretaries", "resolved"), ("permanent-secretaries", "ministerial-group"),
    ("permanent-secretaries", "secretariat"), ("permanent-secretaries", "closed"),
    ("ministerial-group", "resolved"), ("ministerial-group", "secretariat"), ("ministerial-group", "closed"),
    ("resolved", "secretariat"),
}
SECTIONS_FI = ("Vuosi lyhyesti", "Kansainväliset kokoukset", "Vastaanotetut asiat", "Asioiden käsittely",
               "Linjaukset ja päätökset", "Toimeenpanon seuranta", "Kokoukset ja pöytäkirjat",
               "Pyöreän pöydän keskustelut ja koulutukset", "Käsittelyajat")


# --- the records, read with plain YAML -------------------------------------------------

def front(path: Path) -> tuple[dict, str]:
    _, fm, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(fm) or {}, body


def records(collection: str, content: Path = CONTENT, public_only: bool = False) -> dict[str, dict]:
    out = {}
    for path in sorted((content / collection).glob("*.md")):
        if path.stem.count("."):
            continue
        meta, _ = front(path)
        if public_only and meta.get("visibility") != "public":
            continue
        out[path.stem] = meta
    return out


def in_year(day: dt.date, year: int) -> bool:
    return day.year == year


def expected(year: int, public_only: bool = False) -> dict:
    """Every figure of the year's report, counted from the YAML."""
    issues = records("issues", public_only=public_only)
    meetings = records("meetings", public_only=public_only)
    end = dt.date(year, 12, 31)
    received = {i: m for i, m in issues.items() if in_year(m["timeline"][0]["date"], year)}
    moves = [(i, steps[n - 1]["stage"], steps[n]["stage"], steps[n]["date"])
             for i, m in issues.items() for steps in [m["timeline"]]
             for n in range(1, len(steps)) if in_year(steps[n]["date"], year)]

    def move_ids(sources, target):
        return sorted(i for i, a, b, _ in moves if b == target and (sources is None or a in sources))

    resolution_days = []
    for m in issues.values():
        first = next((s for s in m["timeline"] if s["stage"] == "resolved"), None)
        if first and in_year(first["date"], year):
            resolution_days.append((first["date"] - m["timeline"][0]["date"]).days)
    follow = Counter()
    for m in issues.values():
        resolved_by_end = any(s["stage"] == "resolved" and s["date"] <= end for s in m["timeline"])
        for a in m.get("follow_up", []):
            done = a.get("done")
            if done and done.year < year:
                continue
            if not (resolved_by_end or (done and done <= end)):
                continue
            if done and done <= end:
                follow["done"] += 1
            elif a.get("due") and a["due"] < end:
                follow["overdue"] += 1
            else:
                follow["open"] += 1
    year_meetings = {i: m for i, m in meetings.items() if in_year(m["date"], year)}
    minutes = [m.get("minutes") or {} for m in year_meetings.values()]
    return {
        "received": received,
        "channel": Counter(m.get("channel") for m in received.values()),
        "org": Counter(m["reported_by"] for m in received.values()),
        "theme": Counter(t for m in received.values() for t in m.get("themes", [])),
        "area": Counter(a for m in received.values() for a in m.get("areas", [])),
        "quarter": Counter((m["timeline"][0]["date"].month - 1) // 3 + 1 for m in received.values()),
        "handled": {i for i, m in issues.items() if any(in_year(s["date"], year) for s in m["timeline"])},
        "closed-after-review": move_ids({"coordinator-review"}, "closed"),
        "settled-in-secretariat": move_ids({"secretariat"}, "resolved"),
        "to-permanent-secretaries": move_ids(None, "permanent-secretaries"),
        "to-ministerial-group": move_ids(None, "ministerial-group"),
        "decisions": sorted((d, i) for i, a, b, d in moves if b == "resolved"),
        "decision_texts": [s.get("decision") for m in issues.values() for s in m["timeline"]
                           if s["stage"] == "resolved" and in_year(s["date"], year) and s.get("decision")],
        "median_resolution": statistics.median(resolution_days) if resolution_days else None,
        "resolutions": len(resolution_days),
        "follow_up": follow,
        "meetings": len(year_meetings),
        "circulated": sum(mi.get("status") in ("for-comments", "approved") for mi in minutes),
        "approved": sum(bool(mi.get("approved_on") and mi["approved_on"] <= end) for mi in minutes),
        "corrected": sum(any(c["date"] <= end for c in mi.get("corrections", [])) for mi in minutes),
        "roundtables": sum(m["body"] == "roundtable" for m in year_meetings.values()),
        "trainings": sum(in_year(m["date"], year) for m in records("trainings", public_only=public_only).values()),
        "memos": {i: m for i, m in records("international", public_only=public_only).items()
                  if in_year(m["start"], year)},
    }


def days_text(value: float | None) -> str:
    if value is None:
        return "–"
    return (str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")) + " pv"


# --- reading the built report --------------------------------------------------------

def figure(body, key: str) -> str:
    return body.select_one(f"tr#figure-{key} td").get_text(strip=True)


def table_counts(body, table_id: str) -> dict[str, int]:
    rows = body.select(f"table#{table_id} tbody tr")
    return {row.th.get_text(" ", strip=True): int(row.td.get_text(strip=True)) for row in rows}


def chart_table(body, chart_id: str) -> dict[str, str]:
    rows = body.select(f"div#{chart_id} table.ihku-chart-data tbody tr")
    return {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")] for row in rows}


# --- 1. the figures ---------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_annual_report_figures_match_the_records(built_editions, year: int) -> None:
    site = built_editions["network"]
    body = article(site, f"reports/{year}")
    exp = expected(year)
    assert body.h1.get_text(strip=True) == f"Vuosikertomus {year}"

    # issues received, by channel, organisation, theme, 4P area and quarter
    assert figure(body, "report-received") == str(len(exp["received"]))
    assert figure(body, "issues-in-year") == str(len(exp["handled"]))
    channels = {CHANNEL_FI.get(c, "Kanavaa ei kirjattu"): n for c, n in exp["channel"].items()}
    assert table_counts(body, "received-by-channel") == channels
    orgs = {o["id"]: o["name"] for o in yaml.safe_load((CONTENT / "network.yml").read_text(encoding="utf-8"))}
    assert table_counts(body, "received-by-org") == {orgs[o]: n for o, n in exp["org"].items()}
    themes = {t["id"]: t["fi"] for t in yaml.safe_load((CONTENT / "themes.yml").read_text(encoding="utf-8"))}
    assert table_counts(body, "received-by-theme") == {themes[t]: n for t, n in exp["theme"].items()}
    assert table_counts(body, "received-by-area") == {AREA_FI[a]: exp["area"].get(a, 0) for a in AREA_FI}
    assert chart_table(body, f"chart-received-{year}") == {
        f"{q}. nelj. {year}": [str(exp["quarter"].get(q, 0))] for q in (1, 2, 3, 4)}
    received_ids = [row.select("td")[1].get_text(strip=True) for row in body.select("table#received-issues tbody tr")]
    assert sorted(received_ids) == sorted(exp["received"])

    # closed after review, settled in the secretariat, forwarded upwards: counts and the very issues
    for key in ("closed-after-review", "settled-in-secretariat", "to-permanent-secretaries", "to-ministerial-group"):
        row = body.select_one(f"tr#outcome-{key}")
        assert row.select_one("td.ihku-num").get_text(strip=True) == str(len(exp[key])), key
        assert sorted(a.get_text() for a in row.select("td a")) == exp[key], key
        assert figure(body, f"outcome-{key}") == str(len(exp[key]))

    # every policy line and decision with its date
    decisions = body.select("ol.ihku-decisions > li")
    assert len(decisions) == len(exp["decisions"]) == int(figure(body, "report-decisions"))
    assert sorted((dt.date.fromisoformat(li.time["datetime"]), li["id"].split("-", 1)[1].rsplit("-", 1)[0])
                  for li in decisions) == exp["decisions"]
    text = " ".join(body.select_one("ol.ihku-decisions").get_text(" ").split()) if decisions else ""
    for decision in exp["decision_texts"]:
        assert " ".join(decision.split()) in text

    # follow-up as of 31 December
    fu = exp["follow_up"]
    for state, key in (("done", "sum-follow-up-done"), ("open", "sum-follow-up-open"), ("overdue", "sum-follow-up-overdue")):
        assert figure(body, key) == str(fu.get(state, 0)), state
        assert body.select_one(f"#follow-up-counts .ihku-count--{state}").get_text() == str(fu.get(state, 0))
    assert len(body.select("table#follow-up-actions tbody tr")) == sum(fu.values())

    # meetings and their minutes, roundtables and trainings
    counts = {li.get_text(" ", strip=True).split(":")[0]: li.strong.get_text() for li in body.select("#minutes-counts li")}
    assert counts == {"Kokouksia": str(exp["meetings"]), "Lähetetty kommenteille": str(exp["circulated"]),
                      "Hyväksytty": str(exp["approved"]), "Korjattu": str(exp["corrected"])}
    assert figure(body, "sum-meetings") == str(exp["meetings"])
    assert figure(body, "roundtables") == str(exp["roundtables"])
    assert figure(body, "trainings") == str(exp["trainings"])

    # international meetings: each memo, the coordinator's role and Finland's position
    assert figure(body, "international") == str(len(exp["memos"]))
    for memo_id, memo in exp["memos"].items():
        section = body.select_one(f"section#memo-{memo_id}")
        assert section is not None, memo_id
        said = " ".join(section.get_text(" ").split())
        for field in ("role", "position"):
            if memo.get(field):
                assert " ".join(memo[field].split()) in said

    # time to resolution
    assert figure(body, "median-to-resolution") == days_text(exp["median_resolution"])
    if exp["resolutions"]:
        assert len(chart_table(body, f"chart-resolution-{year}")) == exp["resolutions"]


def test_public_report_counts_public_records_only(built_editions) -> None:
    year = 2026
    public, network = article(built_editions["public"], f"reports/{year}"), article(built_editions["network"], f"reports/{year}")
    exp, everything = expected(year, public_only=True), expected(year)
    assert len(exp["received"]) < len(everything["received"]), "the sample should have network-only issues in 2026"
    assert figure(public, "report-received") == str(len(exp["received"]))
    assert figure(public, "report-decisions") == str(len(exp["decisions"]))
    assert figure(public, "sum-meetings") == str(exp["meetings"])
    for state in ("done", "open", "overdue"):
        assert figure(public, f"sum-follow-up-{state}") == str(exp["follow_up"].get(state, 0))
    # the network-only passage of the preface is in the network edition only
    assert "Osa seurantatoimista on myöhässä" in network.get_text()
    assert "Osa seurantatoimista on myöhässä" not in public.get_text()


def test_report_years_and_index(built_editions) -> None:
    site = built_editions["network"]
    index = article(site, "reports")
    years = {a.get_text() for a in index.select("table#report-years tbody th a")}
    assert {str(y) for y in YEARS} <= years
    for year in years:
        assert (site / "reports" / year / "index.html").is_file()
    # the reports index is in the navigation
    nav = page(site, "").select("nav.md-tabs a, nav.md-nav--primary a")
    assert any((a.get("href") or "").rstrip("/").endswith("reports") for a in nav)


def test_prefaces_are_loaded_and_validated(tree: Path) -> None:
    from ihmiskauppa.loader import load

    reports = tree / "reports"
    reports.mkdir()
    (reports / "2026.md").write_text("---\ntitle: Saate\nvisibility: public\n---\nTeksti.\n", encoding="utf-8")
    (reports / "2026.sv.md").write_text("---\ntitle: Förord\n---\nText.\n", encoding="utf-8")
    corpus, problems = load(tree)
    assert problems.errors == []
    assert corpus.prefaces["2026"].title_in("sv") == "Förord"
    assert corpus.for_edition("public").prefaces["2026"].text.strip() == "Teksti."

    (reports / "2026.md").write_text("---\ntitle: Saate\nauthor: X\n---\nTeksti.\n", encoding="utf-8")
    (reports / "saate.md").write_text("Teksti.\n", encoding="utf-8")
    (reports / "2025.en.md").write_text("---\ntitle: Preface\n---\nText.\n", encoding="utf-8")
    (reports / "2024.md").write_text("---\ntitle: Vanha\n---\n<script>alert(1)</script>\n", encoding="utf-8")
    corpus, problems = load(tree)
    text = "\n".join(f"{Path(e.file).name}: {e.message}" for e in problems.errors)
    assert "2026.md: unknown field 'author'" in text
    assert "saate.md: found the file name 'saate.md'" in text
    assert "2025.en.md: translation of the 2025 preface, but there is no reports/2025.md" in text
    assert "2024.md: found '<script>'" in text
    # absent visibility means network: not in the public edition
    assert "2024" in corpus.prefaces and "2024" not in corpus.for_edition("public").prefaces


# --- 2. a year's report never changes when later records are added --------------------

LATER_ISSUE = """---
title: Kausityöntekijöiden majoitus 2027
visibility: public
reported_by: pam
channel: coordinator
themes: [labour-exploitation]
areas: [protection]
timeline:
  - date: 2027-01-11
    stage: reported
  - date: 2027-01-18
    stage: coordinator-review
  - date: 2027-02-25
    stage: closed
---
Uusi asia vuodelta 2027.
"""
LATER_MEETING = """---
title: Yhteensovittamissihteeristön kokous 1/2027
visibility: public
body: secretariat
date: 2027-02-04
agenda_published: 2027-01-26
minutes:
  status: approved
  approved_on: 2027-02-20
---
Pöytäkirja.
"""
LATER_MEMO = """---
title: Muistio 2027
visibility: public
meeting: EU Network of National Rapporteurs, 2027
organiser: European Commission
start: 2027-03-10
role: Koordinaattori osallistui.
position: Suomi tuki komission ehdotusta.
---
Keskeiset asiat.
"""


def _add_later_records(content: Path) -> None:
    (content / "issues" / "2027-001.md").write_text(LATER_ISSUE, encoding="utf-8")
    (content / "meetings" / "2027-02-04-secretariat.md").write_text(LATER_MEETING, encoding="utf-8")
    (content / "international" / "2027-03-10-eu-rapporteurs.md").write_text(LATER_MEMO, encoding="utf-8")
    (content / "reports" / "2027.md").write_text("---\ntitle: Saate 2027\nvisibility: public\n---\nTeksti.\n",
                                                encoding="utf-8")
    # later steps and follow-up on existing records: dated 2027, so only 2027's report may change
    path = content / "issues" / "2026-009.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - date: 2026-11-17\n    stage: reported\n",
                        "  - date: 2026-11-17\n    stage: reported\n  - date: 2027-01-05\n    stage: coordinator-review\n", 1)
    assert "2027-01-05" in text
    path.write_text(text, encoding="utf-8")
    path = content / "issues" / "2026-006.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    due: 2027-01-31\n", "    due: 2027-01-31\n    done: 2027-01-20\n", 1)
    assert "2027-01-20" in text
    path.write_text(text, encoding="utf-8")
    path = content / "action-plans" / "2016-2017.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    plan["measures"][0]["progress"].append({"date": dt.date(2027, 3, 1), "status": "done", "note": "Seuranta 2027."})
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.slow
def test_later_records_leave_earlier_reports_unchanged(tmp_path: Path) -> None:
    from pypdf import PdfReader

    project = copy_project(tmp_path / "project")
    before = tmp_path / "before"
    result = build(project, before, "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    _add_later_records(project / "content")
    after = tmp_path / "after"
    result = build(project, after, "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = before / "network" / "reports", after / "network" / "reports"
    for year in YEARS:
        html_before = (a / str(year) / "index.html").read_bytes()
        assert html_before == (b / str(year) / "index.html").read_bytes(), f"{year} report page changed"
        pdf = f"{year}/vuosikertomus-{year}.pdf"
        assert (a / pdf).read_bytes() == (b / pdf).read_bytes(), f"{year} PDF changed"
        text = lambda p: "".join(x.extract_text() for x in PdfReader(p).pages)  # noqa: E731
        assert text(a / pdf) == text(b / pdf)
    # ...while the later year did take the new records in
    later = article(after / "network", "reports/2027")
    assert later.select_one("section#memo-2027-03-10-eu-rapporteurs") is not None
    assert "2027-001" in [r.select("td")[1].get_text() for r in later.select("table#received-issues tbody tr")]
    assert (a / "2027" / "index.html").read_bytes() != (b / "2027" / "index.html").read_bytes()


# --- 3. the PDF -----------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["network", "public"])
def test_pdf_has_the_report_sections(built_editions, edition: str) -> None:
    from pypdf import PdfReader

    site = built_editions[edition]
    year = 2026
    body = article(site, f"reports/{year}")
    link = body.select_one(".ihku-report-pdf a[type='application/pdf']")
    pdf = (site / "reports" / str(year) / link["href"]).resolve()
    assert pdf.name == f"vuosikertomus-{year}.pdf" and pdf.is_file()
    reader = PdfReader(str(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert f"Vuosikertomus {year}" in text
    for section in SECTIONS_FI:
        assert section in text, section
    exp = expected(year, public_only=(edition == "public"))
    for decision in exp["decision_texts"]:
        assert " ".join(decision.split())[:60] in text
    for memo in exp["memos"].values():
        assert memo["position"].split(".")[0][:50] in text
    # the outline names the sections too
    titles = [item.title for item in reader.outline[1]] if isinstance(reader.outline[1], list) else []
    assert "Vuosi lyhyesti" in titles
    network_only = set(records("issues")) - set(records("issues", public_only=True))
    if edition == "public":
        assert "Osa seurantatoimista" not in text
        for issue_id in network_only:
            assert issue_id not in text, issue_id
    else:
        assert "Osa seurantatoimista" in text


def test_every_report_has_its_pdf(built_editions) -> None:
    site = built_editions["network"]
    pdfs = sorted(p.relative_to(site).as_posix() for p in (site / "reports").glob("*/*.pdf"))
    years = sorted(p.name for p in (site / "reports").iterdir() if p.is_dir())
    assert pdfs == [f"reports/{y}/vuosikertomus-{y}.pdf" for y in years]


# --- 4. the process at a glance --------------------------------------------------------------

@pytest.mark.parametrize("edition", ["network", "public"])
def test_diagram_counts_match_the_issues_index(built_editions, edition: str) -> None:
    site = built_editions[edition]
    index = article(site, "issues")
    listed = {}
    for stage in STAGES:
        heading = index.select_one(f"h2#{stage}")
        table = heading.find_next_sibling()
        listed[stage] = len(table.select("tbody tr")) if table.name == "table" else 0
        assert heading.get_text().endswith(f"({listed[stage]})")
    assert sum(listed.values()) == len(records("issues", public_only=(edition == "public")))
    for url in ("", "issues"):
        body = article(site, url)
        svg = body.select_one("figure.ihku-process svg")
        assert svg.select_one("title").get_text()
        for stage in STAGES:
            box = svg.select_one(f"a.ihku-process__stage--{stage}")
            count = int(re.match(r"\d+", box.select_one("text.ihku-process__count").get_text()).group())
            assert count == listed[stage], (url, stage)
            href = box["href"]
            assert href.endswith(f"#{stage}")
            target = (site / url / href.split("#")[0] / "index.html").resolve()
            assert target == (site / "issues" / "index.html").resolve()
            text_item = body.select_one(f"details.ihku-process-text a[href='{href}']").parent
            assert text_item.select_one(".ihku-process-text__count").get_text().startswith(str(listed[stage]))
        moves = set()
        for path in svg.select("path.ihku-process__move"):
            cls = next(c for c in path["class"] if c.startswith("ihku-process__move--"))
            source, target = cls[len("ihku-process__move--"):].split("--")
            moves.add((source, target))
        assert moves == ALLOWED_MOVES


# --- 5. action plan statistics --------------------------------------------------------------

def test_action_plan_statistics_match_the_plan(built_editions) -> None:
    site = built_editions["network"]
    plan = yaml.safe_load((CONTENT / "action-plans" / "2016-2017.yml").read_text(encoding="utf-8"))
    status_of = lambda m: m["progress"][-1]["status"] if m.get("progress") else "not-started"  # noqa: E731
    by_status = Counter(status_of(m) for m in plan["measures"])
    body = article(site, "action-plans/2016-2017")
    labels = {"not-started": "Ei aloitettu", "in-progress": "Käynnissä", "done": "Toteutettu", "delayed": "Viivästynyt",
              "cancelled": "Peruttu"}
    assert chart_table(body, "chart-2016-2017-status") == {labels[s]: [str(by_status.get(s, 0))] for s in labels}
    orgs = {o["id"]: o["name"] for o in yaml.safe_load((CONTENT / "network.yml").read_text(encoding="utf-8"))}
    by_org = Counter(o for m in plan["measures"] for o in set(m.get("responsible", [])))
    table = chart_table(body, "chart-2016-2017-responsible")
    assert {name: int(cells[-1]) for name, cells in table.items()} == {orgs[o]: n for o, n in by_org.items()}
    by_area = Counter(a for m in plan["measures"] for a in set(m.get("areas", [])))
    table = chart_table(body, "chart-2016-2017-area")
    assert {name: int(cells[-1]) for name, cells in table.items()} == {AREA_FI[a]: n for a, n in by_area.items()}
    # every chart is an accessible image with a data table after it
    for fig in body.select("div.ihku-chart"):
        svg = fig.select_one("svg")
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert [fig.select_one(f"#{i}").name for i in ids] == ["title", "desc"]
        assert fig.select_one("table.ihku-chart-data tbody tr") is not None
    # a measure's full progress history
    measure = plan["measures"][0]
    anchor = "progress-" + measure["id"].replace(".", "\\.")
    history = body.select(f"#{anchor} ol.ihku-progress li")
    assert len(history) == len(measure["progress"])


# --- 6. print view in Chromium --------------------------------------------------------------

@pytest.mark.browser
def test_print_view_hides_navigation(served_editions, chromium) -> None:
    from webtools import goto, open_page, screenshot

    for url, name in (("reports/2026/", "report-2026-print"), ("issues/2025-001/", "issue-print")):
        with open_page(chromium) as (pg, log):
            goto(pg, served_editions["network"] + url)
            assert pg.locator(".md-header").is_visible() and pg.locator(".md-tabs").is_visible()
            pg.emulate_media(media="print")
            for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                             ".md-footer", ".md-search", ".md-banner"):
                for element in pg.locator(selector).all():
                    assert not element.is_visible(), f"{url}: {selector} shows in print"
            assert pg.locator("article h1").is_visible()
            if url.startswith("reports/"):
                breaks = pg.eval_on_selector_all(".ihku-report h2", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
                assert breaks and set(breaks) == {"page"}
                assert not pg.locator(".ihku-report-pdf").is_visible()
            shot = screenshot(pg, name)
            assert shot.stat().st_size > 10_000
            # Material's language selector asks for each language's sitemap.xml at its
            # absolute site_url on every page (not served here): not this test's subject.
            errors = [e for e in log.errors if "sitemap.xml" not in e]
            assert not errors, "\n".join(errors)


# --- 7. nothing non-public in the public edition's reports -------------------------------------

@pytest.mark.slow
def test_network_only_prefaces_stay_out_of_the_public_edition(tmp_path: Path) -> None:
    from pypdf import PdfReader

    marker, passage = "zqxprefacemarker", "zqxprefacepassagemarker"
    project = copy_project(tmp_path / "project")
    reports = project / "content" / "reports"
    (reports / "2025.md").write_text(f"---\ntitle: Saate {marker}\n---\nTeksti {marker}.\n", encoding="utf-8")
    (reports / "2026.md").write_text(
        f"---\ntitle: Saate\nvisibility: public\n---\nJulkinen.\n\n::: network\nSisäinen {passage}.\n:::\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = build(project, out, "mkdocs.yml", "mkdocs.public.yml")
    assert result.returncode == 0, result.stdout + result.stderr

    def texts(site: Path) -> str:
        parts = []
        for path in site.rglob("*"):
            if path.suffix == ".pdf":
                parts.append(" ".join(p.extract_text() for p in PdfReader(str(path)).pages))
            elif path.is_file():
                parts.append(path.read_bytes().decode("utf-8", "replace"))
        return "\n".join(parts).lower()

    network, public = texts(out / "network"), texts(out / "public")
    for m in (marker, passage):
        assert m in network, f"{m} missing from the network edition: the test would prove nothing"
        assert m not in public, f"{m} leaked into the public edition"
    assert "Julkinen." in article(out / "public", "reports/2026").get_text()


@pytest.mark.browser
@pytest.mark.parametrize("url", ["", "issues/", "reports/", "reports/2026/", "action-plans/2016-2017/"])
def test_report_content_passes_axe(served_editions, chromium, url: str) -> None:
    """axe-core on the page's content (the article: reports, charts, diagram);
    Material's own header and footer are other tests' business."""
    from webtools import AXE_JS, AXE_TAGS, format_violations, goto, open_page

    with open_page(chromium) as (pg, log):
        goto(pg, served_editions["network"] + url)
        pg.add_script_tag(path=str(AXE_JS))
        result = pg.evaluate(
            "(tags) => axe.run({include: [['article']]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        assert result["violations"] == [], format_violations(result["violations"])


def test_annual_reports_are_worked_out_once_per_view_and_never_shared_between_views() -> None:
    """A report is kept on the corpus it was made from (its page and its PDF
    share it); the public view, made after the network's report, counts only
    public issues (read from the files with plain YAML here)."""
    from ihmiskauppa.loader import load_or_raise
    from ihmiskauppa.reports import annual_report

    corpus, _ = load_or_raise(ROOT / "content", privacy=False)
    fronts = [yaml.safe_load(p.read_text(encoding="utf-8").split("---", 2)[1])
              for p in sorted((ROOT / "content" / "issues").glob("*.md")) if p.stem.count(".") == 0]
    compared = 0
    for year in (2025, 2026):
        received = [f for f in fronts if f["timeline"][0]["date"].year == year]
        public = [f for f in received if f.get("visibility") == "public"]
        assert len(public) < len(received)  # the sample has network-only issues that year
        network_report = annual_report(corpus, year)
        assert annual_report(corpus, year) is network_report
        assert len(network_report.received) == len(received)
        assert len(annual_report(corpus.for_edition("public"), year).received) == len(public)
        compared += 1
    assert compared == 2


@pytest.mark.parametrize("edition", ["network", "public"])
def test_annual_reports_made_in_one_pass_are_those_of_the_per_year_definition(tmp_path: Path, edition: str) -> None:
    """Every report of a generated corpus spanning many years (years with
    nothing reported, issues open for years, actions left open after a
    resolution, corrections in later years) is the same, field by field, as
    the one worked out year by year from the records (tests/reference_reports.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import gen_corpus
    from reference_reports import annual_report_of_year

    from ihmiskauppa.loader import load_or_raise
    from ihmiskauppa.reports import annual_reports, report_years

    gen_corpus.generate(tmp_path / "content", 900, seed=5)
    # A year with a memo and nothing else: its report counts the issues as they stood at its end.
    last = max(int(p.name[:4]) for p in (tmp_path / "content" / "issues").glob("*.md"))
    (tmp_path / "content" / "international" / f"{last + 2}-01-10-quiet-year.md").write_text(
        f"---\ntitle: Quiet year\nvisibility: public\nmeeting: Expert meeting\nstart: {last + 2}-01-10\n---\n",
        encoding="utf-8")
    corpus, _ = load_or_raise(tmp_path / "content", privacy=False)
    view = corpus.for_edition(edition)
    reports = annual_reports(view)
    years = report_years(view)
    assert len(years) >= 8 and [r.year for r in reports] == years
    assert any(r.follow_up and not r.received for r in reports) or any(
        state.state != "done" for r in reports for state in r.follow_up)
    quiet = reports[-1]
    assert quiet.year == last + 2 and not quiet.handled and sum(n for _, n in quiet.year_end_stages) > 0
    for report in reports:
        assert repr(report) == repr(annual_report_of_year(view, report.year)), report.year
