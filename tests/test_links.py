"""LinkChecker over both editions served on loopback: every link and every
anchor (#fragment) in the HTML resolves, including raw HTML links that
`mkdocs build --strict` cannot see."""
from __future__ import annotations

from pathlib import Path

import pytest

from webtools import run_linkchecker, serve

EDITIONS = ("network", "public")


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_broken_links_or_anchors(edition: str, served_editions: dict[str, str],
                                    built_editions: dict[str, Path], tmp_path: Path) -> None:
    problems, checked, _ = run_linkchecker(served_editions[edition], tmp_path)
    pages = len(list(built_editions[edition].rglob("index.html")))
    assert checked >= pages, f"{edition}: LinkChecker checked {checked} URLs but the site has {pages} pages"
    if problems:
        pytest.fail(f"{edition}: {len(problems)} broken links/anchors:\n" + "\n".join(map(str, problems)),
                    pytrace=False)


def test_linkchecker_catches_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    """The checker itself: a site with one missing page and one missing anchor fails twice."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html lang="fi"><title>x</title><h1 id="top">x</h1>'
        '<a href="a/">ok</a> <a href="#top">ok</a> <a href="a/#here">ok</a>'
        '<a href="missing/">broken</a> <a href="a/#nowhere">broken anchor</a>'
        '<a href="/outside-the-prefix/">broken: leaves the prefix</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<!doctype html><html lang="fi"><title>a</title><h1 id="here">a</h1>', encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    with serve(site, "/prefix/") as base:
        problems, _, output = run_linkchecker(base, work)
    broken = sorted(p.url.removeprefix(base) for p in problems)
    assert any(u.endswith("missing/") for u in broken), output
    assert any("nowhere" in u or "nowhere" in p.warning for u, p in zip(broken, problems)), output
    assert any("outside-the-prefix" in p.url for p in problems), output
    assert len(problems) == 3, "\n".join(map(str, problems))
