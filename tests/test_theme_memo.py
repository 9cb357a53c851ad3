"""The theme's navigation rendered once per collection
(plugins/ihmiskauppa_mkdocs/theme_memo.py): the sites are the same byte for
byte as with Material rendering it on every page, and the memo is used
where, and only where, the navigation cannot tell pages apart."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from sitebuild import build, copy_project

from ihmiskauppa_mkdocs.theme_memo import VARIABLE, ThemeMemo

CONFIGS = ("mkdocs.yml", "mkdocs.public.sv.yml")  # both editions, two languages


def _tree(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_sites_are_the_same_with_and_without_the_memo(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.delenv(VARIABLE, raising=False)
    with_memo = build(project, tmp_path / "memo", *CONFIGS)
    assert with_memo.returncode == 0, with_memo.stderr
    monkeypatch.setenv(VARIABLE, "0")
    without = build(project, tmp_path / "plain", *CONFIGS)
    assert without.returncode == 0, without.stderr
    memo, plain = _tree(tmp_path / "memo"), _tree(tmp_path / "plain")
    assert memo.keys() == plain.keys()
    assert [path for path in memo if memo[path] != plain[path]] == []
    pages = [path for path in memo if path.name == "index.html"]
    assert len(pages) > 100
    # Record pages of several collections, pages in the navigation, two depths:
    folders = {path.parts[1] for path in pages if len(path.parts) > 3}
    assert {"issues", "meetings", "international", "trainings"} <= folders


def _nav_uris(items) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += _nav_uris(value) if isinstance(value, list) else [value]
    return out


def _site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The project's navigation (its pages are generated: files with no source) and record pages."""
    project = copy_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"))
    records = ["issues/2026-001.md", "issues/2026-002.md", "meetings/2026-01-01.md"]
    files = Files([File(uri, None, config.site_dir, config.use_directory_urls)
                   for uri in _nav_uris(config.nav) + records])
    nav = get_navigation(files, config)
    for uri in records:
        Page(None, files.get_file_from_path(uri), config)
    pages = {uri: files.get_file_from_path(uri).page for uri in records + ["index.md", "issues/index.md"]}
    return config, nav, pages


def test_record_pages_of_a_collection_share_a_key_pages_in_the_navigation_get_none(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    config, nav, pages = _site(tmp_path)
    memo = ThemeMemo(config.theme.get("features") or [])
    first, second = memo.nav_key("nav", pages["issues/2026-001.md"], nav), memo.nav_key("nav", pages["issues/2026-002.md"], nav)
    assert first is not None and first == second
    assert memo.nav_key("tabs", pages["issues/2026-001.md"], nav) != first  # each part its own
    meeting = memo.nav_key("nav", pages["meetings/2026-01-01.md"], nav)
    assert meeting is not None and meeting != first  # its links to meetings/ are shorter
    assert memo.nav_key("nav", pages["index.md"], nav) is None
    assert memo.nav_key("nav", pages["issues/index.md"], nav) is None
    assert memo.nav_key("nav", None, nav) is None  # the 404 page

    # What else the navigation links to (logo, extra.homepage) counts too:
    inside = ThemeMemo([], [None, "issues/2026-001/logo.png"])
    assert inside.nav_key("nav", pages["issues/2026-001.md"], nav) != inside.nav_key("nav", pages["issues/2026-002.md"], nav)
    assert ThemeMemo(["toc.integrate"]).nav_key("nav", pages["issues/2026-001.md"], nav) is None
    monkeypatch.setenv(VARIABLE, "0")
    assert ThemeMemo([]).nav_key("nav", pages["issues/2026-001.md"], nav) is None
    assert os.environ[VARIABLE] == "0"


def test_parts_that_only_lead_to_the_root_are_kept_per_depth_of_page(tmp_path: Path, monkeypatch) -> None:
    """The search dialog and the scripts' settings: one rendering per depth."""
    monkeypatch.delenv(VARIABLE, raising=False)
    config, nav, pages = _site(tmp_path)
    memo = ThemeMemo([])
    issue, meeting = memo.root_key("config", pages["issues/2026-001.md"]), memo.root_key("config", pages["meetings/2026-01-01.md"])
    assert issue is not None and issue == meeting  # both two folders down
    assert memo.root_key("config", pages["issues/index.md"]) not in (None, issue)  # one folder down
    assert memo.root_key("config", pages["index.md"]) not in (None, issue)
    assert memo.root_key("search", pages["issues/2026-001.md"]) != issue
    assert memo.root_key("config", None) is None  # the 404 page is rendered for itself


def test_a_part_is_rendered_once_per_key_and_every_time_without_one(monkeypatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    memo = ThemeMemo([])
    rendered: list[str] = []

    def part(html: str):  # type: ignore[no-untyped-def]
        return lambda: rendered.append(html) or html

    assert memo.once(("nav", ("../",)), part("a")) == "a"
    assert memo.once(("nav", ("../",)), part("b")) == "a"  # kept: not rendered again
    assert memo.once(("nav", ("../../",)), part("c")) == "c"
    assert [memo.once(None, part("d")), memo.once(None, part("e"))] == ["d", "e"]
    assert rendered == ["a", "c", "d", "e"]
