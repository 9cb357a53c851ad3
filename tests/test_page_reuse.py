"""The preview reuses a page source only while everything it shows is unchanged.

Each test edits a real content tree the way an editor would, rebuilds the
page sources with the preview's memo, and compares every page with a fresh
render of the same tree without it: a reused page that should have changed
(a stale title, a link to a record that left the public edition, an old
organisation name) fails here. It also checks that reuse happens at all.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest

from ihmiskauppa.loader import load_or_raise
from ihmiskauppa.memo import Memo
from ihmiskauppa.site import pages as site_pages
from ihmiskauppa.site.context import SiteContext
from ihmiskauppa.site.outputs import subscriptions
from ihmiskauppa.site.reuse import Fingerprints, NoFingerprint

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
EDITIONS = (("network", "fi"), ("public", "sv"))


def _sources(content: Path, edition: str, lang: str, memo: Memo | None) -> dict[str, object]:
    """Every page source of one edition and language, as the preview makes them."""
    corpus, _ = load_or_raise(content, privacy=False)
    view = corpus.for_edition(edition)
    ctx = SiteContext(edition=edition, lang=lang, today=TODAY, site_url="")
    if memo is not None:
        memo.next_run()
    pages, _ = site_pages.build_pages_and_outputs(view, ctx, subscriptions(view, ctx), "site", memo=memo)
    return {page.src_uri: page for page in pages}


def _same(reused: dict[str, object], fresh: dict[str, object]) -> None:
    assert reused.keys() == fresh.keys()
    for uri, page in fresh.items():
        kept = reused[uri]
        assert (kept.title, kept.markdown, kept.fragments, kept.feeds) == \
            (page.title, page.markdown, page.fragments, page.feeds), f"{uri} is stale"


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(edited, encoding="utf-8")


def _first(folder: Path, needle: str) -> Path:
    """The first record (not a translation) of a folder whose text holds ``needle``."""
    for path in sorted(folder.glob("*.md")):
        if path.stem.count(".") == 0 and needle in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no record in {folder} holds {needle!r}")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def _public_issue_in(content: Path, folder: str) -> Path:
    """A public issue that a public record of ``folder`` points to (a meeting's
    agenda, a memo's items): its title shows on that record's page too."""
    for record in sorted((content / folder).glob("*.md")):
        text = record.read_text(encoding="utf-8")
        if record.stem.count(".") or "visibility: public" not in text:
            continue
        for issue_id in re.findall(r"issue: ['\"]?([\w-]+)", text):
            issue = content / "issues" / f"{issue_id}.md"
            if issue.exists() and "visibility: public" in issue.read_text(encoding="utf-8"):
                return issue
    raise AssertionError(f"no public issue in a public record of {folder}/")


def _issue_in_a_meeting(content: Path) -> Path:
    """Shown on its page, the listings and the meeting's page (also read there through corpus.issues_of_meeting)."""
    return _public_issue_in(content, "meetings")


def _issue_in_a_memo(content: Path) -> Path:
    """Shown on a memo's page only through a link (no list of the issue's records)."""
    return _public_issue_in(content, "international")


EDITS = {
    "an issue's title where a memo links to it":
        lambda c: _edit(_issue_in_a_memo(c), r"^title: .*$", "title: Muistion linkittämä uusi otsikko"),
    "an issue's title (shown on its page, listings, meetings, organisations)":
        lambda c: _edit(_issue_in_a_meeting(c), r"^title: .*$", "title: Uusi otsikko muokkauksen jälkeen"),
    "an issue leaves the public edition (its links there become a neutral phrase)":
        lambda c: _edit(_issue_in_a_meeting(c), r"^visibility: public\n", ""),
    "an organisation's names (every page naming it)":
        lambda c: (_edit(c / "network.yml", r"^  name: .*$", "  name: Uudelleen nimetty organisaatio"),
                   _edit(c / "network.yml", r"^  name_sv: .*$", "  name_sv: Omdöpt organisation")),
    "a theme's labels":
        lambda c: (_edit(c / "themes.yml", r"^  fi: .*$", "  fi: Uusi teeman nimi"),
                   _edit(c / "themes.yml", r"^  sv: .*$", "  sv: Nytt temanamn")),
    "a Swedish translation removed":
        lambda c: next(p for p in sorted((c / "issues").glob("*.sv.md"))).unlink(),
    "a meeting's body":
        lambda c: _edit(_first(c / "meetings", "visibility: public"), r"\Z", "\nLisätty kappale kokouksen jälkeen.\n"),
    "a timeline note":
        lambda c: _edit(_first(c / "issues", "    note: "), r"^    note: .*$", "    note: Muutettu muistiinpano"),
}


@pytest.mark.parametrize("edition,lang", EDITIONS)
@pytest.mark.parametrize("what", list(EDITS))
def test_after_an_edit_every_page_is_as_a_fresh_render(content: Path, edition: str, lang: str, what: str) -> None:
    memo = Memo()
    before = _sources(content, edition, lang, memo)
    again = _sources(content, edition, lang, memo)
    # Nothing changed: every page whose inputs can be compared is the same object.
    assert sum(again[uri] is page for uri, page in before.items()) >= 0.8 * len(before)
    EDITS[what](content)
    reused = _sources(content, edition, lang, memo)
    _same(reused, _sources(content, edition, lang, None))
    changed = [uri for uri, page in reused.items() if page is not again.get(uri)]
    assert changed, "an edit that shows nowhere?"


def test_a_title_edit_renders_only_the_pages_that_show_it(content: Path) -> None:
    memo = Memo()
    before = _sources(content, "network", "fi", memo)
    issue = _issue_in_a_meeting(content)
    _edit(issue, r"^title: .*$", "title: Aivan uusi otsikko")
    after = _sources(content, "network", "fi", memo)
    rendered = {uri for uri, page in after.items() if page is not before[uri]}
    assert f"issues/{issue.stem}.md" in rendered
    shown = {uri for uri, page in after.items() if "Aivan uusi otsikko" in page.markdown + "".join(page.fragments)}
    assert shown <= rendered
    assert len(rendered) < len(after) / 3  # most pages were reused


def test_pages_rendered_in_the_forked_child_are_kept_too(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build renders most pages in a child process (when there are
    many): what they read comes back, so the next rebuild reuses them."""
    monkeypatch.setattr(site_pages, "MIN_ITEMS", 10)
    memo = Memo()
    before = _sources(content, "network", "fi", memo)
    again = _sources(content, "network", "fi", memo)
    reused = sum(again[uri] is page for uri, page in before.items())
    assert reused >= 0.8 * len(before)
    _same(again, _sources(content, "network", "fi", None))


def test_a_changed_template_renders_every_page_again(content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(ROOT / "plugins/ihmiskauppa/templates/pages/issue.md.j2", templates / "issue.md.j2")
    memo = Memo()

    def sources() -> dict[str, object]:
        corpus, _ = load_or_raise(content, privacy=False)
        ctx = SiteContext(edition="network", lang="fi", today=TODAY, site_url="")
        memo.next_run()
        made, _ = site_pages.build_pages_and_outputs(corpus, ctx, subscriptions(corpus, ctx), "site",
                                                     templates_dir=str(templates), memo=memo)
        return {page.src_uri: page for page in made}

    before = sources()
    (templates / "issue.md.j2").write_text((templates / "issue.md.j2").read_text() + "\nMUUTETTU POHJA\n")
    after = sources()
    issues = [uri for uri in after if uri.startswith("issues/") and uri != "issues/index.md"]
    assert issues and all("MUUTETTU POHJA" in after[uri].markdown for uri in issues)
    assert all(after[uri] is not before[uri] for uri in after)


def test_fingerprints_follow_what_a_page_can_show(content: Path) -> None:
    corpus, _ = load_or_raise(content, privacy=False)
    again, _ = load_or_raise(content, privacy=False)
    prints = Fingerprints()
    issue_id = next(iter(corpus.issues))
    assert prints.of(corpus.issues[issue_id]) == Fingerprints().of(again.issues[issue_id])
    record = again.issues[issue_id]
    for change in ({"text": record.text + "\nlisää"}, {"meta": record.meta.model_copy(update={"title": "Toinen"})},
                   {"translations": {}} if record.translations else {"text_line": record.text_line + 1}):
        assert prints.of(corpus.issues[issue_id]) != Fingerprints().of(dataclasses.replace(record, **change))
    # A helper handed to a template is compared by its code and what it closes over.
    def helper(value: object):  # noqa: ANN202
        return lambda: value
    assert prints.of(helper(1)) == prints.of(helper(1)) != prints.of(helper(2))
    assert prints.of({"module": sys}) == prints.of({"module": sys})
    with pytest.raises(NoFingerprint):  # anything else is not guessed at: its page renders every time
        prints.of({"object": object()})
    with pytest.raises(NoFingerprint):
        prints.of([corpus.issues.get])
