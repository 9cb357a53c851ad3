"""LinkChecker over both editions served on loopback: every link and every
anchor (#fragment) in the HTML resolves, including raw HTML links that
`mkdocs build --strict` cannot see.

Each edition (Finnish) is crawled whole. Its language builds (network/sv/,
public/en/, ...) are nested inside it and reached through the language
selector: LinkChecker checks that every page it links there exists, without
crawling them again (they come from the same templates; a full crawl of all
six builds would triple the runtime)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from webtools import LinkCheck, LinkProblem, LinkReport, nested_prefixes, run_linkchecker, serve

EDITIONS = ("network", "public")


@pytest.fixture(scope="module")
def link_reports(served_editions: dict[str, str], tmp_path_factory) -> Iterator[dict[str, LinkReport]]:
    """Both editions checked at once (two processes: LinkChecker is CPU-bound)."""
    checks = {}
    try:
        for edition in EDITIONS:
            base = served_editions[edition]
            origin = base[: base.index("/", len("http://"))]
            no_follow = [f"^{re.escape(origin + prefix)}" for prefix in nested_prefixes(edition)]
            checks[edition] = LinkCheck(base, tmp_path_factory.mktemp(f"links-{edition}"), no_follow)
        yield {edition: check.result() for edition, check in checks.items()}
    finally:
        for check in checks.values():
            check.stop()


def _pages(site: Path, edition: str) -> list[str]:
    """URLs (relative to the edition) of its HTML pages, language builds left out."""
    nested = {p.strip("/").split("/")[-1] for p in nested_prefixes(edition)}
    urls = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site)
        if rel.parts[0] not in nested:
            urls.append("" if rel.parent == Path(".") else rel.parent.as_posix() + "/")
    return urls


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_broken_links_or_anchors(edition: str, link_reports: dict[str, LinkReport]) -> None:
    problems = link_reports[edition].problems
    if problems:
        pytest.fail(f"{edition}: {len(problems)} broken links/anchors:\n" + "\n".join(map(str, problems)),
                    pytrace=False)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_was_crawled(edition: str, link_reports: dict[str, LinkReport],
                                served_editions: dict[str, str], built_editions: dict[str, Path]) -> None:
    """Every page is reached by a link (without a #fragment), so LinkChecker
    checked its own links too: no page escapes the check, and none is an orphan."""
    base = served_editions[edition]
    crawled = {url for url in link_reports[edition].urls if "#" not in url}
    pages = _pages(built_editions[edition], edition)
    assert len(pages) > 20, pages
    missing = [url for url in pages if base + url not in crawled]
    assert not missing, f"{edition}: pages no link leads to: {missing}"


def test_linkchecker_catches_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    """The checker itself: a missing page, a missing anchor (same page or
    another), and a link out of the prefix each fail; good ones do not."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html lang="fi"><title>x</title><h1 id="top">x</h1>'
        '<a href="a/">ok</a> <a href="#top">ok</a> <a href="a/#here">ok</a>'
        '<a href="missing/">broken</a> <a href="a/#nowhere">broken anchor</a> <a href="#nor-here">broken</a>'
        '<a href="/outside-the-prefix/">broken: leaves the prefix</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<!doctype html><html lang="fi"><title>a</title><h1 id="here">a</h1>', encoding="utf-8")
    with serve(site, "/prefix/") as base:
        report = run_linkchecker(base, tmp_path / "work")
    problems, found = report.problems, "\n".join(map(str, report.problems))
    assert any(p.url.endswith("/prefix/missing/") for p in problems), report.output
    assert any(p.url.endswith("#nowhere") and "not found" in p.warning for p in problems), report.output
    assert any(p.url.endswith("#nor-here") and "not found" in p.warning for p in problems), report.output
    assert any(p.url.endswith("/outside-the-prefix/") for p in problems), report.output
    assert len(problems) == 4, found


def test_link_problem_reads_well() -> None:
    problem = LinkProblem("http://127.0.0.1:1/x/", "http://127.0.0.1:1/", "12", "404 Not Found", "")
    assert str(problem) == "http://127.0.0.1:1/:12: http://127.0.0.1:1/x/: 404 Not Found"
