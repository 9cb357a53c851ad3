"""The editors' command line, driven as the editors drive it, on copies of
the content: new, advance, validate (text and GitHub annotations), preview,
and the Git-based checks in real temporary repositories."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from ihmiskauppa import attention
from ihmiskauppa.loader import load
from minitree import replace, write_tree
from sitebuild import ROOT, article, build, copy_project

IHKU = [sys.executable, "-m", "ihmiskauppa.cli"]


def ihku(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*IHKU, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("command", [[], ["new"], ["advance"], ["validate"], ["preview"]])
def test_every_command_has_help(command: list[str], tmp_path: Path) -> None:
    result = ihku(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "usage: ihku" in result.stdout


@pytest.mark.parametrize("kind, extra", [("issue", ["--title", "Testiasia: \"lainaus\""]),
                                         ("meeting", ["--body", "roundtable"]),
                                         ("memo", ["--meeting", "OSCE Alliance conference"]),
                                         ("training", ["--title", "Koulutus kunnille"])])
def test_new_then_validate_passes(project: Path, kind: str, extra: list[str]) -> None:
    result = ihku("new", kind, *extra, cwd=project, env={"IHKU_TODAY": "2026-11-22"})
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    assert path.is_file() and path.parent.name in {"issues", "meetings", "international", "trainings"}
    text = path.read_text(encoding="utf-8")
    assert "2026-11-22" in text and text.count("\n#") >= 3  # dated today, fields explained in comments
    if kind == "issue":
        existing = [int(p.stem.split("-")[1]) for p in (project / "content" / "issues").glob("2026-*.md")
                    if "." not in p.stem and p != path]
        assert path.stem == f"2026-{max(existing) + 1:03d}"
    check = ihku("validate", "--errors-only", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    # a second record of the same kind gets the next free id
    again = ihku("new", kind, *extra, cwd=project, env={"IHKU_TODAY": "2026-11-22"})
    assert again.stdout.strip() != result.stdout.strip()


def _issue_at(project: Path, stage: str) -> tuple[str, dict]:
    for path in sorted((project / "content" / "issues").glob("*.md")):
        if "." in path.stem:
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        if meta["timeline"][-1]["stage"] == stage:
            return path.stem, meta
    raise AssertionError(f"no sample issue at {stage}")


def test_advance_allowed_move_then_page_shows_it(project: Path, tmp_path: Path) -> None:
    issue_id, meta = _issue_at(project, "coordinator-review")
    before = (project / "content" / "issues" / f"{issue_id}.md").read_text(encoding="utf-8")
    last = meta["timeline"][-1]["date"]
    day = max(last, dt.date(2026, 11, 20)).isoformat()
    result = ihku("advance", issue_id, "secretariat", "--date", day, "--note", "Valmistelu: *sihteeristö*",
                  cwd=project)
    assert result.returncode == 0, result.stderr
    after = (project / "content" / "issues" / f"{issue_id}.md").read_text(encoding="utf-8")
    # the file keeps everything it had; one step is added
    assert after.startswith(before.split("---", 2)[0]) and len(after) > len(before)
    new_meta = yaml.safe_load(after.split("---", 2)[1])
    assert new_meta["timeline"][:-1] == meta["timeline"]
    assert new_meta["timeline"][-1] == {"date": dt.date.fromisoformat(day), "stage": "secretariat",
                                        "note": "Valmistelu: *sihteeristö*"}
    assert after.split("---", 2)[2] == before.split("---", 2)[2]
    out = tmp_path / "out"
    assert build(project, out, "mkdocs.yml").returncode == 0
    steps = article(out / "network", f"issues/{issue_id}").select("ol.ihku-timeline > li")
    assert len(steps) == len(meta["timeline"]) + 1
    assert steps[-1].select_one(".ihku-step__stage").get_text() == "Sihteeristön valmistelussa"
    assert steps[-1].select_one(".ihku-step__note em").get_text() == "sihteeristö"


def test_advance_with_meeting_takes_its_date_and_checks_it(project: Path) -> None:
    issue_id, meta = _issue_at(project, "coordinator-review")
    meetings = sorted(p.stem for p in (project / "content" / "meetings").glob("*.md")
                      if "." not in p.stem and p.stem >= meta["timeline"][-1]["date"].isoformat())
    result = ihku("advance", issue_id, "secretariat", "--meeting", meetings[0], cwd=project)
    assert result.returncode == 0, result.stderr
    new_meta = yaml.safe_load((project / "content" / "issues" / f"{issue_id}.md").read_text(encoding="utf-8").split("---", 2)[1])
    assert new_meta["timeline"][-1]["meeting"] == meetings[0]
    assert new_meta["timeline"][-1]["date"].isoformat() == meetings[0][:10]


def test_forbidden_move_is_refused_with_the_allowed_moves(project: Path) -> None:
    issue_id, _ = _issue_at(project, "reported")
    path = project / "content" / "issues" / f"{issue_id}.md"
    before = path.read_text(encoding="utf-8")
    result = ihku("advance", issue_id, "resolved", cwd=project)
    assert result.returncode == 2
    assert "cannot move to 'resolved'" in result.stderr and "Allowed: coordinator-review" in result.stderr
    assert path.read_text(encoding="utf-8") == before
    closed, _ = _issue_at(project, "closed")
    result = ihku("advance", closed, "secretariat", cwd=project)
    assert result.returncode == 2 and "none (the matter is closed)" in result.stderr


def test_validate_github_annotations_line_by_line(tmp_path: Path) -> None:
    content = write_tree(tmp_path)
    replace(content / "issues/2026-001.md", "reported_by: jarjesto", "reported_by: nobody")
    replace(content / "action-plans/2016-2017.yml", 'id: "2.10"', "id: 2.10")
    replace(content / "meetings/2026-03-05-secretariat.md", "body: secretariat", "body: board, with: comma")
    result = ihku("validate", "--format", "github", "--errors-only", "--no-git", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    pattern = re.compile(r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+)(?:,title=(?P<title>[^:]+))?::(?P<msg>.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    got = {(m["file"], int(m["line"]), m["title"]) for m in parsed}
    assert ("content/issues/2026-001.md", 5, "reported_by") in got
    assert ("content/action-plans/2016-2017.yml", 16, "measures[1].id") in got
    assert any(f == "content/meetings/2026-03-05-secretariat.md" and line == 4 for f, line, _ in got)
    assert "3 error(s)" in result.stderr


# --- deadlines ----------------------------------------------------------------------

def _attention(content: Path, today: str) -> list[attention.Attention]:
    corpus, problems = load(content)
    assert problems.errors == []
    return attention.check(corpus, dt.date.fromisoformat(today), corpus.deadlines, None)


def _kinds(items, record_id=None) -> set[str]:
    return {a.kind for a in items if record_id is None or a.record_id == record_id}


def test_roundtable_agenda_deadline(tree: Path) -> None:
    meeting = tree / "meetings/2026-03-05-secretariat.md"
    replace(meeting, "body: secretariat", "body: roundtable")
    replace(meeting, "agenda_published: 2026-02-20", "agenda_published: 2026-02-19")  # 14 days before
    assert "agenda-late" not in _kinds(_attention(tree, "2026-03-01"), "2026-03-05-secretariat")
    replace(meeting, "agenda_published: 2026-02-19", "agenda_published: 2026-02-20")  # 13 days before
    assert "agenda-late" in _kinds(_attention(tree, "2026-03-01"), "2026-03-05-secretariat")
    # configurable per body
    (tree / "deadlines.yml").write_text("agenda_days:\n  roundtable: 10\n", encoding="utf-8")
    assert "agenda-late" not in _kinds(_attention(tree, "2026-03-01"), "2026-03-05-secretariat")


def test_secretariat_default_and_missing_agenda(tree: Path) -> None:
    meeting = tree / "meetings/2026-03-05-secretariat.md"
    replace(meeting, "agenda_published: 2026-02-20\n", "")
    assert "agenda-missing" not in _kinds(_attention(tree, "2026-02-20"), "2026-03-05-secretariat")  # 13 days left
    assert "agenda-missing" in _kinds(_attention(tree, "2026-02-27"), "2026-03-05-secretariat")  # 6 days left


def test_comment_round_overdue(tree: Path) -> None:
    meeting = tree / "meetings/2026-03-05-secretariat.md"
    replace(meeting, "  status: approved\n  approved_on: 2026-04-20\n", "  status: for-comments\n  comments_until: 2026-03-20\n")
    assert "comments-overdue" not in _kinds(_attention(tree, "2026-03-20"))
    assert "comments-overdue" in _kinds(_attention(tree, "2026-03-21"))


def test_memo_not_written(tree: Path) -> None:
    memo = tree / "international/2026-05-12-eu-rapporteurs.md"
    memo.write_text(memo.read_text(encoding="utf-8").replace("Keskeiset asiat.\n", ""), encoding="utf-8")
    assert "memo-missing" not in _kinds(_attention(tree, "2026-05-27"))  # 14 days after the end
    assert "memo-missing" in _kinds(_attention(tree, "2026-05-28"))
    (tree / "deadlines.yml").write_text("memo_days: 30\n", encoding="utf-8")
    assert "memo-missing" not in _kinds(_attention(tree, "2026-05-28"))


def test_follow_up_past_due(tree: Path) -> None:
    assert "follow-up-overdue" not in _kinds(_attention(tree, "2026-05-01"))  # due that day
    items = _attention(tree, "2026-05-02")
    [item] = [a for a in items if a.kind == "follow-up-overdue"]
    assert item.anchor == "follow-up-2" and item.line == 30 and "Koulutus" in item.text("fi")


def test_validate_prints_deadline_warnings(tmp_path: Path) -> None:
    write_tree(tmp_path)
    result = ihku("validate", "--no-git", cwd=tmp_path, env={"IHKU_TODAY": "2026-05-02"})
    assert result.returncode == 0
    assert "content/issues/2026-001.md:30: warning: follow_up[1].due:" in result.stdout


def test_attention_page_and_record_page(built_editions) -> None:
    site = built_editions["network"]
    rows = article(site, "attention").select("table.ihku-attention-list tbody tr")
    assert rows
    for row in rows:
        href = row.select_one("a")["href"]
        target, _, anchor = href.partition("#")
        page = article(site, "attention/" + target) if False else None  # noqa: F841
        resolved = (site / "attention" / target).resolve()
        assert (resolved / "index.html").is_file(), href
        if anchor:
            from bs4 import BeautifulSoup
            soup = BeautifulSoup((resolved / "index.html").read_text(encoding="utf-8"), "lxml")
            assert soup.find(id=anchor) is not None, href
            assert soup.select_one(".ihku-attention"), href


# --- Git: dates and approved minutes -------------------------------------------------

def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Työpari", "GIT_AUTHOR_EMAIL": "tyopari@example.fi",
           "GIT_COMMITTER_NAME": "Työpari", "GIT_COMMITTER_EMAIL": "tyopari@example.fi"}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+02:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+02:00")
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    write_tree(root)
    for name in ("mkdocs.yml", "docs"):
        source = ROOT / name
        shutil.copytree(source, root / name) if source.is_dir() else shutil.copy2(source, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Aineisto", date="2026-04-21")
    return root


def test_approved_minutes_changed_without_correction_fail(repo: Path) -> None:
    meeting = repo / "content/meetings/2026-03-05-secretariat.md"
    assert ihku("validate", cwd=repo).returncode == 0
    replace(meeting, "Pöytäkirja.", "Pöytäkirja, jota muutettiin hiljaa.")
    git(repo, "commit", "-qam", "Muutos", date="2026-05-02")
    result = ihku("validate", cwd=repo)
    assert result.returncode == 1
    assert "content/meetings/2026-03-05-secretariat.md" in result.stdout
    assert "without a new entry in minutes.corrections" in result.stdout
    # the same change, uncommitted, is caught as well
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    replace(meeting, "Pöytäkirja.", "Pöytäkirja, jota muutettiin hiljaa.")
    assert ihku("validate", cwd=repo).returncode == 1
    # with a correction entry it passes
    replace(meeting, "      note: Osallistujaluetteloa täydennetty.\n",
            "      note: Osallistujaluetteloa täydennetty.\n    - date: 2026-05-02\n      note: Kohtaa 3 tarkennettu.\n")
    git(repo, "commit", "-qam", "Korjaus", date="2026-05-02")
    result = ihku("validate", cwd=repo)
    assert result.returncode == 0, result.stdout


def test_page_dates_match_the_commits(repo: Path, tmp_path: Path) -> None:
    replace(repo / "content/issues/2026-001.md", "Kuvaus asiasta.", "Kuvaus asiasta, täydennetty.")
    git(repo, "commit", "-qam", "Täydennys", date="2026-06-15")
    out = tmp_path / "site"
    env = {**os.environ, "IHKU_TODAY": "2026-07-01", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(out)],
                   check=True, env=env, cwd=repo)
    dates = article(out, "issues/2026-001").select_one(".ihku-record-dates").select("time")
    assert [d["datetime"] for d in dates] == ["2026-04-21", "2026-06-15"]
    meeting_dates = article(out, "meetings/2026-04-02-secretariat").select_one(".ihku-record-dates").select("time")
    assert [d["datetime"] for d in meeting_dates] == ["2026-04-21"]


def test_shallow_clone_warns_and_shows_no_dates(repo: Path, tmp_path: Path) -> None:
    replace(repo / "content/issues/2026-001.md", "Kuvaus asiasta.", "Kuvaus asiasta, täydennetty.")
    git(repo, "commit", "-qam", "Täydennys", date="2026-06-15")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    out = tmp_path / "site"
    env = {**os.environ, "IHKU_TODAY": "2026-07-01", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(clone / "mkdocs.yml"), "-d", str(out)],
                            env=env, cwd=clone, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "shallow Git clone" in result.stderr
    assert article(out, "issues/2026-001").select_one(".ihku-record-dates") is None


# --- preview ------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_preview_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    write_tree(root)
    for name in ("mkdocs.yml", "docs"):
        source = ROOT / name
        shutil.copytree(source, root / name) if source.is_dir() else shutil.copy2(source, root / name)
    port = _free_port()
    server = subprocess.Popen([*IHKU, "preview", "--addr", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "IHKU_TODAY": "2026-07-01"})
    try:
        url = f"http://127.0.0.1:{port}/issues/2026-001/"
        page = None
        for _ in range(120):  # bounded: at most ~60 s
            page = _get(url)
            if page and "Marjanpoimijoiden olot" in page:
                break
            time.sleep(0.5)
        assert page and "Marjanpoimijoiden olot" in page
        replace(root / "content/issues/2026-001.md", "title: Marjanpoimijoiden olot", "title: Marjanpoimijoiden olot muuttuivat")
        for _ in range(120):
            page = _get(url)
            if page and "Marjanpoimijoiden olot muuttuivat" in page:
                break
            time.sleep(0.5)
        assert page and "Marjanpoimijoiden olot muuttuivat" in page
        index = _get(f"http://127.0.0.1:{port}/issues/")
        assert index and "Marjanpoimijoiden olot muuttuivat" in index
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
