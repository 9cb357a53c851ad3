"""The personal-data guard and safe rendering."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ihmiskauppa.loader import load
import random

from ihmiskauppa.privacy import HETU, _may_hold, matches, scan_text, valid_hetu
from minitree import replace
from sitebuild import ROOT, build, copy_project

ISSUE = "issues/2026-001.md"


@pytest.mark.parametrize("code, valid", [
    ("131052-308T", True), ("010101A123N", True), ("311299-999V", False), ("131052-308X", False),
    ("310299-123A", False),  # 31 February
])
def test_identity_code_control_character(code: str, valid: bool) -> None:
    match = HETU.search(code)
    assert match is not None and valid_hetu(match) is valid


@pytest.mark.parametrize("text, kinds", [
    ("Soita numeroon 040 123 4567.", ["phone"]),
    ("Puh. +358 9 1234 5678", ["phone"]),
    ("Sähköposti matti.meikalainen@example.fi", ["e-mail"]),
    ("Henkilötunnus 131052-308T", ["identity-code"]),
    ("Toimenpiteet 2.10 ja 4.3 vuosina 2016-2017 klo 09:30, 5.6.2025", []),
    ("Virheellinen tunnus 131052-308X", []),
])
def test_scan_text(text: str, kinds: list[str]) -> None:
    assert [k for _, k, _ in scan_text(text, set())] == kinds


def test_first_test_never_rules_out_a_finding() -> None:
    """scan_text skips a text on one fast search (_may_hold); on random texts
    made of the patterns' own characters (and joined field values such as
    ids and dates), every text with a finding must pass that search."""
    rng = random.Random(8)
    alphabet = "0123456789+-()., /\n\taAUX@"
    pieces = ["131052-308T", "010101A123N", "+358 ", "00", "(09) ", "040", "2010-08-30-perm", "\n", " "]
    found = 0
    for _ in range(60_000):
        text = "".join(rng.choice(alphabet) if rng.random() < 0.8 else rng.choice(pieces)
                       for _ in range(rng.randint(4, 30)))
        if list(matches(text, set())):
            found += 1
            assert _may_hold(text), text
    assert found > 1_000  # the texts do exercise the patterns
    assert not _may_hold("2010-08-30-perm 2026-001 klo 09:30, 5.6.2025 ja toimenpide 2.10")


def test_public_record_with_identity_code_is_an_error_network_record_a_warning(tree: Path) -> None:
    replace(tree / ISSUE, "Kuvaus asiasta.", "Kuvaus asiasta.\nUhrin tunnus 131052-308T.")
    _, problems = load(tree)
    [error] = problems.errors
    assert error.file == f"content/{ISSUE}" and error.field == "body" and error.line == 33
    assert "personal identity code" in error.message and "131052-****" in error.message
    assert "308T" not in error.message  # the message never repeats the whole code
    replace(tree / ISSUE, "visibility: public\n", "")
    _, problems = load(tree)
    assert problems.errors == [] and any("identity code" in w.message for w in problems.warnings)


def test_invalid_checksum_does_not_stop(tree: Path) -> None:
    replace(tree / ISSUE, "Kuvaus asiasta.", "Kuvaus asiasta.\nTunniste 131052-308X.")
    _, problems = load(tree)
    assert problems.errors == []


def test_allow_listed_address_passes(tree: Path) -> None:
    replace(tree / ISSUE, "Kuvaus asiasta.", "Ota yhteyttä: neuvonta@example.fi tai 0800 161 177.")
    _, problems = load(tree)
    assert {e.message.split("'")[1] for e in problems.errors} == {"neuvonta@example.fi", "0800 161 177"}
    (tree / "official-addresses.yml").write_text('- "neuvonta@example.fi"\n- "0800 161 177"\n', encoding="utf-8")
    _, problems = load(tree)
    assert problems.errors == []
    # the organisations' contacts in network.yml are allowed as they are
    replace(tree / ISSUE, "Ota yhteyttä:", "Kirjaamo kirjaamo@example.fi. Ota yhteyttä:")
    _, problems = load(tree)
    assert problems.errors == []


def test_field_values_are_scanned_with_their_line(tree: Path) -> None:
    replace(tree / ISSUE, "    communicated: Verkoston sähköpostilista", "    communicated: Soitettu 040 765 4321")
    _, problems = load(tree)
    [error] = problems.errors
    assert error.field == "timeline[3].communicated" and error.line == 22


def test_public_build_stops_network_build_warns(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    issue = next(p for p in sorted((project / "content" / "issues").glob("*.md"))
                 if "." not in p.stem and "visibility: public" in p.read_text(encoding="utf-8"))
    issue.write_text(issue.read_text(encoding="utf-8") + "\nYhteyshenkilön numero on 050 987 6543.\n", encoding="utf-8")
    public = build(project, tmp_path / "out", "mkdocs.public.yml")
    assert public.returncode != 0
    rel = issue.relative_to(project).as_posix()
    assert rel in public.stderr and "phone number '050 987 6543'" in public.stderr
    network = build(project, tmp_path / "out", "mkdocs.yml")
    assert network.returncode == 0, network.stderr
    assert not (tmp_path / "out" / "public").exists()


def test_unsafe_html_and_unbalanced_passages_are_errors(tree: Path) -> None:
    replace(tree / ISSUE, "Kuvaus asiasta.", 'Kuvaus <img src=x onerror="alert(1)"> asiasta.\n\n::: network\nAuki jäi.\n')
    _, problems = load(tree)
    messages = [(e.line, e.message) for e in problems.errors]
    assert any(line == 32 and "event handlers" in msg for line, msg in messages), messages
    assert any(line == 34 and "never closed" in msg for line, msg in messages), messages
    replace(tree / ISSUE, "    note: Selvitetään **laajuus**.", "    note: \"<script>alert(1)</script>\"")
    _, problems = load(tree)
    assert any(e.field == "timeline[1].note" and e.line == 14 and "<script>" in e.message for e in problems.errors)


@pytest.mark.parametrize("link", ["[katso](JavaScript:alert(1))", "[katso](javascript :alert(1))"])
def test_a_javascript_link_in_a_body_without_any_other_html_is_an_error(tree: Path, link: str) -> None:
    # No '<' and no '=' in the body: only the colon after the word is left to find it by.
    replace(tree / ISSUE, "Kuvaus asiasta.", f"Kuvaus {link} asiasta.")
    _, problems = load(tree)
    assert [(e.line, "javascript" in e.message) for e in problems.errors] == [(32, True)], problems.errors


def test_hostile_title_is_text_everywhere(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    issue = next(p for p in sorted((project / "content" / "issues").glob("*.md"))
                 if "." not in p.stem and "visibility: public" in p.read_text(encoding="utf-8"))
    text = issue.read_text(encoding="utf-8")
    hostile = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
    lines = text.splitlines(keepends=True)
    i = next(n for n, l in enumerate(lines) if l.startswith("title:"))
    lines[i] = "title: " + json.dumps(hostile) + "\n"
    j = next(n for n, l in enumerate(lines) if l.startswith("summary:"))
    lines[j] = "summary: " + json.dumps("Tiivistelmä </p><script>x()</script>") + "\n"
    issue.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    assert build(project, out, "mkdocs.yml", "mkdocs.public.yml").returncode == 0
    for edition in ("network", "public"):
        site = out / edition
        # (records.json holds the title as a JSON string: data, never markup)
        assert any(r["title"] == hostile for r in json.loads((site / "data" / "records.json").read_text())["issues"])
        for path in list(site.rglob("*.html")) + list(site.rglob("*.xml")) + list(site.rglob("*.ics")):
            data = path.read_text(encoding="utf-8", errors="replace")
            assert "<script>document.title" not in data, path
            assert "<img src=x onerror" not in data, path
        page = (site / "issues" / issue.stem / "index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;document.title" in page
