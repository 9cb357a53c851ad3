"""LinkChecker over both editions served on loopback: every link and every
anchor (#fragment) in the HTML resolves, including raw HTML links that
`mkdocs build --strict` cannot see.

All six builds are crawled whole: each edition from its root, which leads
(through the language selector) into its Swedish and English builds nested
inside it (network/sv/, public/en/, ...), whose pages are crawled like the
Finnish ones, anchors included. Every page of every language build must have
been reached by a link (test_every_page_was_crawled)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from webtools import LANGUAGES, LinkCheck, LinkProblem, LinkReport, run_linkchecker, serve

EDITIONS = ("network", "public")


@pytest.fixture(scope="module")
def link_reports(served_editions: dict[str, str], tmp_path_factory) -> Iterator[dict[str, LinkReport]]:
    """Both editions, each with its language builds, checked at once (two
    processes: LinkChecker is CPU-bound)."""
    checks = {}
    try:
        for edition in EDITIONS:
            checks[edition] = LinkCheck(served_editions[edition], tmp_path_factory.mktemp(f"links-{edition}"))
        yield {edition: check.result() for edition, check in checks.items()}
    finally:
        for check in checks.values():
            check.stop()


def _pages(site: Path, language: str) -> list[str]:
    """URLs (relative to the edition's root) of the HTML pages of one language
    build, the builds nested in it left out."""
    root = site / LANGUAGES[language]
    nested = {p.strip("/") for p in LANGUAGES.values() if p and p != LANGUAGES[language]}
    urls = []
    for path in sorted(root.rglob("index.html")):
        rel = path.relative_to(root)
        if rel.parts[0] not in nested:
            urls.append(LANGUAGES[language] + ("" if rel.parent == Path(".") else rel.parent.as_posix() + "/"))
    return urls


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_broken_links_or_anchors(edition: str, link_reports: dict[str, LinkReport]) -> None:
    problems = link_reports[edition].problems
    if problems:
        pytest.fail(f"{edition}: {len(problems)} broken links/anchors:\n" + "\n".join(map(str, problems)),
                    pytrace=False)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_was_crawled(edition: str, language: str, link_reports: dict[str, LinkReport],
                                served_editions: dict[str, str], built_editions: dict[str, Path]) -> None:
    """Every page of every language build is reached by a link (without a
    #fragment), and LinkChecker checked its own links and anchors too (it is
    the parent of some checked link: found is not enough, a page whose links
    are not followed is found but not crawled): no page escapes the check,
    and none is an orphan."""
    base = served_editions[edition]
    report = link_reports[edition]
    found = {url for url in report.urls if "#" not in url}
    pages = _pages(built_editions[edition], language)
    assert len(pages) > 20, pages
    orphans = [url for url in pages if base + url not in found]
    assert not orphans, f"{edition} ({language}): pages no link leads to: {orphans}"
    not_crawled = [url for url in pages if base + url not in report.parents]
    assert not not_crawled, f"{edition} ({language}): pages whose links were not checked: {not_crawled}"


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
