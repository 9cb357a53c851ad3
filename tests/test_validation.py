"""Every rule of content format v1: a bad-input case each, with its message,
file and line. The mini tree (tests/minitree.py) is valid to begin with."""
from __future__ import annotations

from pathlib import Path

import pytest

from ihmiskauppa.loader import load
from minitree import replace


def problems_of(content: Path) -> list:
    _, problems = load(content)
    return problems.errors


def one_error(content: Path):
    errors = problems_of(content)
    assert len(errors) == 1, "\n".join(e.format() for e in errors)
    return errors[0]


def test_mini_tree_is_valid(tree: Path) -> None:
    corpus, problems = load(tree)
    assert problems.errors == []
    assert set(corpus.issues) == {"2026-001"}
    assert len(corpus.meetings) == 2
    assert corpus.action_plans["2016-2017"].meta.measures[1].id == "2.10"


ISSUE = "issues/2026-001.md"


@pytest.mark.parametrize(
    "file, old, new, field, line, words",
    [
        # required fields
        (ISSUE, "title: Marjanpoimijoiden olot\n", "", "title", None, ["required field is missing"]),
        (ISSUE, "reported_by: jarjesto\n", "", "reported_by", None, ["required field is missing"]),
        ("meetings/2026-03-05-secretariat.md", "body: secretariat\n", "", "body", None, ["required"]),
        ("international/2026-05-12-eu-rapporteurs.md", "start: 2026-05-12\n", "", "start", None, ["required"]),
        ("trainings/2026-09-20-social-work.md", "date: 2026-09-20\n", "", "date", None, ["required"]),
        # vocabularies
        (ISSUE, "visibility: public", "visibility: julkinen", "visibility", 3, ["'julkinen'", "'public'", "'network'"]),
        (ISSUE, "areas: [prevention, protection]", "areas: [prevention, protektion]", "areas[1]", 8, ["'protektion'", "'protection'"]),
        (ISSUE, "channel: coordinator", "channel: email", "channel", 6, ["'email'", "'contact-person'"]),
        (ISSUE, "    stage: coordinator-review", "    stage: review", "timeline[1].stage", 13, ["'review'", "'coordinator-review'"]),
        ("meetings/2026-03-05-secretariat.md", "body: secretariat", "body: board", "body", 4, ["'board'", "'roundtable'"]),
        ("meetings/2026-03-05-secretariat.md", "status: approved", "status: final", "minutes.status", None, ["'final'", "'for-comments'"]),
        ("action-plans/2016-2017.yml", "status: in-progress", "status: ongoing", "measures[0].progress[0].status", 14, ["'ongoing'", "'in-progress'"]),
        # themes and organisations must exist
        (ISSUE, "themes: [labour-exploitation]", "themes: [labour]", "themes[0]", 7, ["unknown theme 'labour'", "themes.yml"]),
        (ISSUE, "reported_by: jarjesto", "reported_by: nobody", "reported_by", 5, ["unknown organisation 'nobody'", "network.yml"]),
        (ISSUE, "    owner: poliisi", "    owner: police", "follow_up[0].owner", 25, ["unknown organisation 'police'"]),
        ("meetings/2026-03-05-secretariat.md", "participants: [sisaministerio, poliisi]", "participants: [sisaministerio, ghost]", "participants[1]", None, ["unknown organisation 'ghost'"]),
        ("trainings/2026-09-20-social-work.md", "proposed_by: poliisi", "proposed_by: ghost", "proposed_by", 9, ["unknown organisation 'ghost'"]),
        ("action-plans/2016-2017.yml", "responsible: [sisaministerio]\n    others", "responsible: [ghost]\n    others", "measures[0].responsible[0]", 7, ["unknown organisation 'ghost'"]),
        # references to records
        ("meetings/2026-03-05-secretariat.md", "    issue: 2026-001", "    issue: 2026-999", "agenda[0].issue", None, ["unknown issue '2026-999'"]),
        ("international/2026-05-12-eu-rapporteurs.md", "    issue: 2026-001", "    issue: 2026-404", "for_discussion[0].issue", 13, ["unknown issue '2026-404'"]),
        (ISSUE, "    meeting: 2026-03-05-secretariat", "    meeting: 2026-03-06-secretariat", "timeline[2].meeting", 17, ["unknown meeting '2026-03-06-secretariat'"]),
        # ids are strings
        ("action-plans/2016-2017.yml", 'id: "2.10"', "id: 2.10", "measures[1].id", 16, ["the number 2.10", "2.1", 'write it in quotes: "2.10"']),
        (ISSUE, "owner: poliisi", "owner: 112", "follow_up[0].owner", 25, ["the number 112", "quotes"]),
        # dates
        (ISSUE, "  - date: 2026-01-20", "  - date: 2026-01-32", "timeline[1].date", 12, ["not a real day", "YYYY-MM-DD"]),
        (ISSUE, "  - date: 2026-01-20", "  - date: 20.1.2026", "timeline[1].date", 12, ["'20.1.2026'", "YYYY-MM-DD"]),
        # stage moves, first stage, dates order, meeting on the step's date
        (ISSUE, "    stage: secretariat", "    stage: ministerial-group", "timeline[2].stage", 16, ["'coordinator-review' -> 'ministerial-group'", "allowed after 'coordinator-review': secretariat, closed"]),
        (ISSUE, "  - date: 2026-01-10\n    stage: reported", "  - date: 2026-01-10\n    stage: coordinator-review", "timeline[0].stage", None, ["first step must be 'reported'"]),
        (ISSUE, "  - date: 2026-01-20", "  - date: 2026-01-05", "timeline[1].date", 12, ["before the previous step's 2026-01-10", "never go backwards"]),
        # unknown field (a typo)
        (ISSUE, "summary:", "sumary:", "sumary", 4, ["unknown field 'sumary'", "summary"]),
        # materials beside the record
        ("meetings/2026-03-05-secretariat.md", "file: 2026-03-05-secretariat/esityslista.txt", "file: 2026-03-05-secretariat/puuttuu.txt", "materials[0].file", None, ["no such file"]),
        ("meetings/2026-03-05-secretariat.md", "file: 2026-03-05-secretariat/esityslista.txt", "file: ../../network.yml", "materials[0].file", None, ["must lie beside the record"]),
        ("trainings/2026-09-20-social-work.md", "    url: https://example.fi/diat.pdf", "", "materials[0]", None, ["exactly one of 'file'"]),
        # times
        ("meetings/2026-03-05-secretariat.md", 'time: "10:00"', 'time: "25:00"', "time", 6, ["HH:MM"]),
        ("meetings/2026-03-05-secretariat.md", 'end_time: "12:00"', 'end_time: "09:00"', "end_time", 7, ["before the start time"]),
        # memo and training ranges
        ("international/2026-05-12-eu-rapporteurs.md", "end: 2026-05-13", "end: 2026-05-01", "end", 8, ["before the start"]),
        # minutes
        ("meetings/2026-03-05-secretariat.md", "  approved_on: 2026-04-20", "  approved_on: 2026-01-01", "minutes.approved_on", None, ["before the meeting"]),
        # types
        (ISSUE, "themes: [labour-exploitation]", "themes: labour-exploitation", "themes", 7, ["expected a list"]),
        (ISSUE, "timeline:\n", "timeline: []\nx_timeline:\n", None, None, []),
    ],
)
def test_rule(tree: Path, file: str, old: str, new: str, field, line, words) -> None:
    replace(tree / file, old, new)
    errors = problems_of(tree)
    if field is None:  # several errors expected; just require at least one per rule
        assert errors
        return
    matching = [e for e in errors if e.field == field]
    assert matching, f"no error on {field}; got:\n" + "\n".join(e.format() for e in errors)
    error = matching[0]
    assert error.file == f"content/{file}"
    if line is not None:
        assert error.line == line, error.format()
    for word in words:
        assert word in error.message, error.format()


def test_meeting_must_fall_on_step_date(tree: Path) -> None:
    replace(tree / "meetings/2026-03-05-secretariat.md", "date: 2026-03-05", "date: 2026-03-06")
    error = one_error(tree)
    assert error.field == "timeline[2].meeting"
    assert "is on 2026-03-06" in error.message and "dated 2026-03-05" in error.message


def test_malformed_yaml_names_file_and_line(tree: Path) -> None:
    replace(tree / ISSUE, "channel: coordinator", "channel: [coordinator")
    error = one_error(tree)
    assert error.file == "content/issues/2026-001.md"
    assert "malformed YAML" in error.message
    assert error.line is not None and 6 <= error.line <= 9


def test_missing_front_matter(tree: Path) -> None:
    (tree / "issues" / "2026-002.md").write_text("Just text\n", encoding="utf-8")
    error = one_error(tree)
    assert "no front matter" in error.message and error.file.endswith("2026-002.md")


def test_duplicate_ids_in_lists(tree: Path) -> None:
    replace(tree / "action-plans/2016-2017.yml", 'id: "2.10"', 'id: "1.1"')
    error = one_error(tree)
    assert "duplicate measure id '1.1'" in error.message and error.line == 16
    replace(tree / "network.yml", "id: jarjesto", "id: poliisi")
    assert any("duplicate id 'poliisi'" in e.message for e in problems_of(tree))


def test_translation_of_missing_record(tree: Path) -> None:
    (tree / "issues" / "2026-777.sv.md").write_text("---\ntitle: X\n---\nText\n", encoding="utf-8")
    error = one_error(tree)
    assert "no issues/2026-777.md" in error.message


def test_translation_accepts_only_title_and_summary(tree: Path) -> None:
    (tree / "issues" / "2026-001.sv.md").write_text("---\ntitle: X\nvisibility: public\n---\nText\n", encoding="utf-8")
    error = one_error(tree)
    assert error.field == "visibility" and "unknown field" in error.message and error.line == 3


def test_all_errors_reported_at_once(tree: Path) -> None:
    replace(tree / ISSUE, "reported_by: jarjesto", "reported_by: nobody")
    replace(tree / "action-plans/2016-2017.yml", 'id: "2.10"', "id: 2.10")
    replace(tree / "meetings/2026-04-02-secretariat.md", "body: secretariat", "body: board")
    (tree / "themes.yml").write_text("- id: x\n  fi: [broken\n", encoding="utf-8")
    errors = problems_of(tree)
    files = {e.file for e in errors}
    assert {"content/issues/2026-001.md", "content/action-plans/2016-2017.yml",
            "content/meetings/2026-04-02-secretariat.md", "content/themes.yml"} <= files


def test_unquoted_clock_time_is_read_back(tree: Path) -> None:
    # YAML 1.1 reads 10:00 as the base-60 number 600; the model turns it back.
    replace(tree / "meetings/2026-03-05-secretariat.md", 'time: "10:00"', "time: 10:00")
    corpus, problems = load(tree)
    assert problems.errors == []
    assert corpus.meetings["2026-03-05-secretariat"].meta.time == "10:00"


def test_visibility_absent_means_network(tree: Path) -> None:
    replace(tree / ISSUE, "visibility: public\n", "")
    corpus, _ = load(tree)
    assert corpus.issues["2026-001"].meta.visibility == "network"
    assert "2026-001" not in corpus.for_edition("public").issues
    assert "2026-001" in corpus.for_edition("network").issues


def test_github_annotation_format(tree: Path) -> None:
    replace(tree / ISSUE, "reported_by: jarjesto", "reported_by: nobody")
    error = one_error(tree)
    assert error.format_github().startswith("::error file=content/issues/2026-001.md,line=5,title=reported_by::unknown organisation 'nobody'")


def test_duplicate_field_is_an_error(tree: Path) -> None:
    replace(tree / ISSUE, "channel: coordinator\n", "channel: coordinator\nchannel: contact-person\n")
    error = one_error(tree)
    assert error.field == "channel" and error.line == 7 and "written twice" in error.message


def test_a_record_saved_with_windows_line_ends_reads_as_with_unix_ones(tree: Path) -> None:
    unix, _ = load(tree)
    path = tree / ISSUE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    windows, problems = load(tree)
    assert problems.errors == []
    assert windows.issues["2026-001"].meta == unix.issues["2026-001"].meta
    assert windows.issues["2026-001"].text == unix.issues["2026-001"].text
    assert "\r" not in windows.issues["2026-001"].text


@pytest.mark.parametrize("name", ["official-addresses.yml", "accessibility.yml", "deadlines.yml"])
def test_a_settings_file_that_is_not_utf8_is_a_located_error(tree: Path, name: str) -> None:
    (tree / name).write_bytes(b"- \xff\n")
    error = one_error(tree)
    assert error.file == f"content/{name}" and "not UTF-8" in error.message
