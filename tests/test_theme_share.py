"""The theme pass on two cores (plugins/ihmiskauppa_mkdocs/theme_share.py): a
fork renders a share of the record pages with the theme while the build
renders the rest. The site, search index included, must be the same byte
for byte as from one process; what MkDocs warns about for the fork's pages
must count for --strict; a failure in the fork must fail the build; and
where MkDocs' loop does not leave the share out, everything is rendered in
the build, once."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from ihmiskauppa import parallel
from ihmiskauppa_mkdocs import theme_share
from ihmiskauppa_mkdocs.theme_share import choose_share
from sitebuild import TODAY, copy_project
from test_parallel_build import tree
from test_record_pages import BODY, ISSUE, _build

two_cores = pytest.mark.skipif(not parallel.can_split(), reason="needs fork and a second core")
SHARED = "are rendered with the theme in a second process"  # the plugin's info line


def test_the_share_takes_about_its_fraction_of_the_bytes_along_the_way() -> None:
    pages = [(f"p{n}", 100 + 10 * (n % 7), n % 5 != 0) for n in range(200)]
    share = choose_share(pages, 0.45)
    total = sum(size for _, size, _ in pages)
    taken = sum(size for uri, size, _ in pages if uri in share)
    assert 0.42 * total <= taken <= 0.45 * total
    assert all(movable for uri, _, movable in pages if uri in share)  # only pages that may go
    first_half = {uri for uri, _, _ in pages[:100]}
    assert 0.3 < len(share & first_half) / len(share) < 0.7  # spread along, not the first pages only
    assert choose_share(pages, 0.0) == set()


def _project(tmp_path: Path, extra: str = "") -> Path:
    project = copy_project(tmp_path / "project")
    for n in range(1, 7):
        (project / "content" / "issues" / f"2026-9{n:02d}.md").write_text(
            ISSUE.format(n=n) + BODY.format(n=n) + extra, encoding="utf-8")
    return project


def _build_logged(project: Path, out: Path, mode: str, monkeypatch: pytest.MonkeyPatch,
                  caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    monkeypatch.setenv("IHKU_PARALLEL", mode)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        _build(project, out)
    return list(caplog.records)


@two_cores
def test_pages_rendered_in_the_fork_give_the_same_site_and_their_warnings_count(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Six record pages link to an anchor that does not exist: MkDocs checks
    anchors after its loop, for the pages of its loop only; those of the
    fork are checked in the build. Each warning is logged exactly once."""
    monkeypatch.setenv("IHKU_TODAY", TODAY)
    project = _project(tmp_path, "\n[Olematon kohta](2025-002.md#ei-tallaista)\n")
    monkeypatch.chdir(project)
    logged = {mode: _build_logged(project, tmp_path / mode, mode, monkeypatch, caplog) for mode in ("1", "0")}
    shared = [r.getMessage() for r in logged["1"] if SHARED in r.getMessage()]
    assert len(shared) == 1 and not shared[0].startswith("coordination: 0 ")
    assert not any(SHARED in r.getMessage() for r in logged["0"])
    warned = {mode: sorted(r.getMessage() for r in records if r.levelno >= logging.WARNING and "ei-tallaista" in r.getMessage())
              for mode, records in logged.items()}
    assert len(warned["0"]) == 6 and warned["1"] == warned["0"]
    two, one = tree(tmp_path / "1"), tree(tmp_path / "0")
    assert two.keys() == one.keys()
    assert [path for path in two if two[path] != one[path]] == []
    index = json.loads(two[Path("search/search_index.json")])
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations)) and "issues/2026-903/" in locations


@two_cores
def test_where_the_loop_does_not_leave_the_share_out_every_page_is_rendered_here_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("IHKU_TODAY", TODAY)
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    _build_logged(project, tmp_path / "0", "0", monkeypatch, caplog)
    stopped: list[bool] = []
    close = theme_share.ThemeShare.close

    def noting_close(self: theme_share.ThemeShare) -> None:
        stopped.append(self._fork is not None)
        close(self)

    # A MkDocs whose loop does not ask for the pages the way this one does.
    monkeypatch.setattr(theme_share.ThemeShare, "_leave_out_of_loop", lambda self, files: None)
    monkeypatch.setattr(theme_share.ThemeShare, "close", noting_close)
    records = _build_logged(project, tmp_path / "1", "1", monkeypatch, caplog)
    assert any(SHARED in r.getMessage() for r in records)
    assert stopped[:1] == [True]  # the fork was stopped at the first page of its share
    two, one = tree(tmp_path / "1"), tree(tmp_path / "0")
    assert two.keys() == one.keys()
    assert [path for path in two if two[path] != one[path]] == []


@two_cores
def test_a_failure_in_the_fork_fails_the_build_with_its_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("IHKU_TODAY", TODAY)
    monkeypatch.setenv("IHKU_PARALLEL", "1")
    project = _project(tmp_path)
    monkeypatch.chdir(project)

    def failing(files, *args):  # type: ignore[no-untyped-def]
        raise ValueError(f"no theme for {files[0].src_uri}")

    monkeypatch.setattr(theme_share, "_render", failing)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        _build(project, tmp_path / "out")
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "rendering pages with the theme failed" in errors
    assert "ValueError: no theme for issues/" in errors
