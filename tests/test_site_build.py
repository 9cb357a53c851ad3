"""A real ``mkdocs build --strict`` of the sample content, inspected page by page.

Expectations are read from the record files with plain YAML here, not from
the core library, so a bug in the core cannot agree with itself."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, TODAY, article, build, copy_project, page

CONTENT = ROOT / "content"

STAGE_FI = {
    "reported": "Ilmoitus vastaanotettu",
    "coordinator-review": "Koordinaattorin käsittelyssä",
    "secretariat": "Sihteeristön valmistelussa",
    "permanent-secretaries": "Kansliapäällikkökokouksessa",
    "ministerial-group": "Ministeriryhmässä",
    "resolved": "Ratkaistu",
    "closed": "Käsittely päättynyt",
}


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def records(collection: str) -> dict[str, dict]:
    return {p.stem: front(p) for p in sorted((CONTENT / collection).glob("*.md")) if p.stem.count(".") == 0}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out, "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "network"


def test_every_record_has_its_page(site: Path) -> None:
    for collection in ("issues", "meetings", "international", "trainings"):
        recs = records(collection)
        assert recs, f"no sample {collection}"
        for record_id, meta in recs.items():
            body = article(site, f"{collection}/{record_id}")
            assert body is not None, f"{collection}/{record_id}"
            assert body.h1.get_text() == meta["title"]
    for org in yaml.safe_load((CONTENT / "network.yml").read_text(encoding="utf-8")):
        assert article(site, f"network/{org['id']}").h1.get_text() == org["name"]


def test_record_pages_stay_out_of_the_nav(site: Path) -> None:
    nav = page(site, "issues/").select("nav.md-nav--primary a.md-nav__link")
    hrefs = {a.get("href") for a in nav}
    assert not any("2025-" in (h or "") or "2026-" in (h or "") for h in hrefs), hrefs


def test_issue_timeline_in_order_with_labels_and_meeting_links(site: Path) -> None:
    issues = records("issues")
    meetings = records("meetings")
    for issue_id, meta in issues.items():
        body = article(site, f"issues/{issue_id}")
        steps = body.select("ol.ihku-timeline > li")
        assert len(steps) == len(meta["timeline"]), issue_id
        for n, (li, step) in enumerate(zip(steps, meta["timeline"]), start=1):
            assert li["id"] == f"step-{n}"
            assert li.select_one("time")["datetime"] == str(step["date"])
            assert li.select_one(".ihku-step__stage").get_text() == STAGE_FI[step["stage"]]
            if step.get("meeting"):
                link = li.select_one("dl a")
                assert link["href"] == f"../../meetings/{step['meeting']}/"
                assert link.get_text() == meetings[step["meeting"]]["title"]
            if step.get("decision"):
                assert step["decision"] in li.get_text()
            if step.get("communicated"):
                assert step["communicated"] in li.get_text()
        # the current stage is the last step's
        current = body.select_one("dl.ihku-facts .ihku-stage").get_text()
        assert current == STAGE_FI[meta["timeline"][-1]["stage"]]


def test_follow_up_overdue_flagged(site: Path) -> None:
    import datetime as dt

    today = dt.date.fromisoformat(TODAY)
    seen_overdue = 0
    for issue_id, meta in records("issues").items():
        rows = article(site, f"issues/{issue_id}").select("table.ihku-follow-up tbody tr")
        assert len(rows) == len(meta.get("follow_up") or [])
        for row, action in zip(rows, meta.get("follow_up") or []):
            overdue = not action.get("done") and action.get("due") and action["due"] < today
            assert ("ihku-overdue" in (row.get("class") or [])) == bool(overdue), (issue_id, action)
            seen_overdue += bool(overdue)
    assert seen_overdue, "the sample content should have an overdue follow-up action"


def test_issues_index_grouped_by_stage_with_counts(site: Path) -> None:
    issues = records("issues")
    body = article(site, "issues")
    for stage, label in STAGE_FI.items():
        expected = sorted(i for i, m in issues.items() if m["timeline"][-1]["stage"] == stage)
        heading = body.select_one(f"h2#{stage}")
        assert heading.get_text().strip() == f"{label} ({len(expected)})"
        table = heading.find_next_sibling()
        listed = sorted(a["href"].strip("/").split("/")[-1] for a in table.select("a")) if table.name == "table" else []
        assert listed == expected, stage


def test_cross_links_both_ways(site: Path) -> None:
    issues = records("issues")
    meetings = records("meetings")
    expected: dict[str, set[str]] = {i: set() for i in issues}
    for issue_id, meta in issues.items():
        for step in meta["timeline"]:
            if step.get("meeting"):
                expected[issue_id].add(step["meeting"])
    for meeting_id, meta in meetings.items():
        for item in meta.get("agenda") or []:
            if item.get("issue"):
                expected[item["issue"]].add(meeting_id)
    for issue_id, want in expected.items():
        body = article(site, f"issues/{issue_id}")
        section = body.select_one("h2#meetings")
        got = set()
        if section is not None:
            got = {a["href"].strip("/").split("/")[-1] for a in section.find_next_sibling("table").select("a")}
        assert got == want, issue_id
        for meeting_id in want:  # and back from the meeting page
            back = article(site, f"meetings/{meeting_id}").select_one("h2#issues").find_next_sibling("table")
            assert f"../../issues/{issue_id}/" in {a["href"] for a in back.select("a")}
    for memo_id, meta in records("international").items():
        for item in meta.get("for_discussion") or []:
            if item.get("issue"):
                links = {a["href"] for a in article(site, f"international/{memo_id}").select("ul.ihku-discussion a")}
                assert f"../../issues/{item['issue']}/" in links
                memo_links = article(site, f"issues/{item['issue']}").select_one("h2#memos").find_next_sibling("table")
                assert f"../../international/{memo_id}/" in {a["href"] for a in memo_links.select("a")}


def test_lists_of_other_records_stay_out_of_the_search_index(site: Path) -> None:
    """An issue's table of meetings is on its page but not in its search
    entries: a search for a meeting finds the meeting, not every issue
    that lists it. The issue's own text is still indexed."""
    index = {doc["location"]: doc for doc in json.loads((site / "search/search_index.json").read_text())["docs"]}
    checked = 0
    for issue_id, meta in records("issues").items():
        table = article(site, f"issues/{issue_id}").select_one("h2#meetings")
        if table is None:
            continue
        titles = [a.get_text() for a in table.find_next_sibling("table").select("a")]
        assert titles, issue_id
        entry = index[f"issues/{issue_id}/#meetings"]
        assert entry["title"]  # the heading is still found
        assert not any(title in entry["text"] for title in titles), (issue_id, entry["text"])
        assert meta["title"] in index[f"issues/{issue_id}/"]["title"]
        for title in titles:  # each meeting is found on its own page
            assert any(doc["title"] == title for loc, doc in index.items() if loc.startswith("meetings/"))
        checked += 1
    assert checked >= 2
    described = [doc for loc, doc in index.items() if loc.startswith("issues/2") and loc.endswith("#description")]
    # The heading's label is put back before the search plugin reads the page (fragments.heading_label).
    assert described and all(doc["text"] and doc["title"] == "Kuvaus" for doc in described)


def test_meeting_page_shows_agenda_materials_minutes_and_corrections(site: Path) -> None:
    for meeting_id, meta in records("meetings").items():
        body = article(site, f"meetings/{meeting_id}")
        agenda = body.select("ol.ihku-agenda > li")
        assert len(agenda) == len(meta.get("agenda") or [])
        for li, item in zip(agenda, meta.get("agenda") or []):
            assert item["title"] in li.get_text()
            if item.get("issue"):
                assert li.select_one(f'a[href="../../issues/{item["issue"]}/"]')
        for material in meta.get("materials") or []:
            link = body.find("a", string=material["title"])
            assert link is not None, (meeting_id, material)
            if material.get("file"):
                served = (site / "meetings" / material["file"])
                assert served.is_file(), served
                assert (site / "meetings" / meeting_id / link["href"]).resolve() == served.resolve()
        minutes = meta.get("minutes")
        if minutes:
            status = body.select_one(".ihku-minutes").get_text()
            assert status == {"draft": "Luonnos", "for-comments": "Kommenttikierroksella", "approved": "Hyväksytty"}[minutes["status"]]
            if minutes["status"] == "for-comments" and minutes.get("comments_until"):
                d = minutes["comments_until"]
                assert f"kommentit viimeistään {d.day}.{d.month}.{d.year}" in body.get_text()
            corrections = body.select("ol.ihku-corrections > li")
            assert len(corrections) == len(minutes.get("corrections") or [])


def test_action_plan_table_has_every_measure(site: Path) -> None:
    for path in sorted((CONTENT / "action-plans").glob("*.yml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = article(site, f"action-plans/{path.stem}").select("table.ihku-measures tbody tr")
        assert [r.th.get_text() for r in rows] == [m["id"] for m in plan["measures"]]
    plan = yaml.safe_load((CONTENT / "action-plans" / "2016-2017.yml").read_text(encoding="utf-8"))
    assert len(plan["measures"]) == 24


def test_home_and_how_to_raise(site: Path) -> None:
    home = article(site, "")
    assert home.select_one("h2#open-issues") and home.select_one("h2#next-meetings") and home.select_one("h2#latest-memos")
    raise_page = article(site, "how-to-raise")
    ministries = [o for o in yaml.safe_load((CONTENT / "network.yml").read_text(encoding="utf-8")) if o["kind"] == "ministry"]
    text = raise_page.get_text()
    for org in ministries:
        assert org["name"] in text
        if org.get("contact_person"):
            assert org["contact_person"] in text


def test_broken_tree_fails_with_every_error_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert build(project, out, "mkdocs.yml").returncode == 0
    before = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    content = project / "content"
    issue = sorted(p for p in (content / "issues").glob("*.md") if "." not in p.stem)[0]
    text = issue.read_text(encoding="utf-8")
    # a wrong stage move: the second step jumps straight to resolved
    lines = text.splitlines(keepends=True)
    second = [i for i, line in enumerate(lines) if "stage:" in line][1]
    lines[second] = lines[second].split("stage:")[0] + "stage: resolved\n"
    # an unknown organisation
    reporter = next(i for i, line in enumerate(lines) if line.startswith("reported_by:"))
    lines[reporter] = "reported_by: no-such-organisation\n"
    issue.write_text("".join(lines), encoding="utf-8")
    # an unquoted 2.10 measure id
    plan = content / "action-plans" / "2016-2017.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('id: "1.1"', "id: 2.10", 1), encoding="utf-8")
    # a meeting reference to nothing
    meeting = sorted(p for p in (content / "meetings").glob("*.md") if "." not in p.stem)[0]
    mtext = meeting.read_text(encoding="utf-8").replace("---\n", "---\nagenda_ref_placeholder: x\n", 1)
    meeting.write_text(mtext, encoding="utf-8")
    (content / "issues" / "2099-001.md").write_text(
        "---\ntitle: Viittaus\nreported_by: sisaministerio\ntimeline:\n  - date: 2026-01-01\n    stage: reported\n"
        "  - date: 2026-01-02\n    stage: coordinator-review\n  - date: 2026-01-03\n    stage: secretariat\n"
        "    meeting: 2026-01-03-nothing\n---\n", encoding="utf-8")
    # malformed YAML
    (content / "trainings" / "2099-broken.md").write_text("---\ntitle: [oops\ndate: 2026-01-01\n---\n", encoding="utf-8")

    result = build(project, out, "mkdocs.yml")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    rel = lambda p: p.relative_to(project).as_posix()  # noqa: E731
    assert f"{rel(issue)}" in log and "allowed after" in log
    assert "unknown organisation 'no-such-organisation'" in log
    assert 'write it in quotes: "2.10"' in log
    assert "unknown meeting '2026-01-03-nothing'" in log
    assert "content/trainings/2099-broken.md:3" in log and "malformed YAML" in log
    assert "flow sequence that starts on line 2" in log
    assert "unknown field 'agenda_ref_placeholder'" in log
    after = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the last good site changed"


def test_accessibility_statement_from_its_content_file(built_editions) -> None:
    facts = yaml.safe_load((CONTENT / "accessibility.yml").read_text(encoding="utf-8"))
    for edition in ("network", "public"):
        for lang, heading in (("", "Saavutettavuusseloste"), ("sv/", "Tillgänglighetsutlåtande"),
                              ("en/", "Accessibility statement")):
            body = article(built_editions[edition], f"{lang}accessibility")
            assert body.h1.get_text() == heading
            text = body.get_text()
            assert facts["feedback_email"] in text
            for issue in facts["known_issues"]:
                assert issue in text
            d = facts["updated"]
            assert str(d.year) in text


def test_accessibility_statement_is_validated(tree: Path) -> None:
    from ihmiskauppa.loader import load

    (tree / "accessibility.yml").write_text(
        "service: X\nprepared: 2026-01-01\nupdated: 2026-01-01\ncompliance: mostly\nfeedback_email: a@b.fi\n"
        "supervisor:\n  name: Valvoja\n", encoding="utf-8")
    _, problems = load(tree)
    [error] = problems.errors
    assert error.file == "content/accessibility.yml" and error.line == 4 and "'mostly'" in error.message


def test_a_build_warning_fails_the_edition_build_and_publishes_nothing(tmp_path: Path) -> None:
    """build_site.py builds with --strict and without --quiet (which would hide
    warnings from the strict count): a hand-written page with a dead link
    stops every edition, and the previous site stays."""
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert build(project, out, "mkdocs.yml", "mkdocs.public.yml").returncode == 0
    before = {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "ohje.md").write_text("# Ohje\n\n[rikki](ei-ole.md)\n", encoding="utf-8")
    result = build(project, out, "mkdocs.yml", "mkdocs.public.yml")
    assert result.returncode == 1
    assert "ei-ole.md" in result.stderr and "nothing was published" in result.stderr
    assert {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_a_content_tree_without_the_optional_statement_builds_strict(tmp_path: Path) -> None:
    """accessibility.yml is optional: without it the nav loses the statement's
    entry instead of pointing at a page that does not exist."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "accessibility.yml").unlink()
    out = tmp_path / "out"
    result = build(project, out, "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert not (out / "network" / "accessibility").exists()
    assert "accessibility/" not in (out / "network" / "index.html").read_text(encoding="utf-8")


def test_headings_show_their_labels_in_the_page_its_contents_and_nowhere_a_token(site: Path) -> None:
    """Headings' interface text is kept out of the Markdown and put back
    (ihmiskauppa.site.fragments.heading_label): in the page, in its table of
    contents and in the search index, and no token is left in any file."""
    import re

    issue_id = next(iter(records("issues")))
    html = page(site, f"issues/{issue_id}/")
    assert html.select_one("article h2#timeline").get_text() == "Käsittelyn vaiheet"
    toc = html.select_one('nav.md-nav--secondary a[href="#timeline"]')
    assert toc is not None and toc.get_text(strip=True) == "Käsittelyn vaiheet"
    token = re.compile(rb"ihku[0-9a-f]{8}label\d")
    assert [p for p in site.rglob("*") if p.is_file() and token.search(p.read_bytes())] == []
