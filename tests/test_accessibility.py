"""axe-core on every page type of both editions, at desktop and mobile
widths: no violations of any impact.

Rules: every WCAG 2.0/2.1 level A and AA rule (what the Finnish act on
digital services requires, through EN 301 549) at both widths, and axe's
best practices (landmarks, heading order, unique landmark names...: a
public-sector site should meet them too) at desktop width, since they
concern the document's structure, which is the same at any width. No rule
is disabled. Record pages are
picked from the built site (webtools.page_urls), the same record in both
editions wherever one is in both."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from webtools import (
    AXE_TAGS, AXE_WCAG, PAGE_TYPES, VIEWPORTS, format_violations, goto, open_page, page_or_skip, page_urls,
    run_axe, site_hosts, target,
)

pytestmark = pytest.mark.browser

EDITIONS = ("network", "public")


@pytest.fixture(scope="module")
def urls(built_editions: dict[str, Path]) -> dict[str, dict[str, str | None]]:
    return page_urls(built_editions)


@pytest.fixture(scope="module")
def tabs(chromium, served_editions: dict[str, str]) -> Iterator:  # noqa: ANN001
    """One browser page per (edition, width), reused by every page type."""
    import contextlib

    opened: dict[tuple[str, str], tuple] = {}
    with contextlib.ExitStack() as stack:
        def tab(edition: str, width: str) -> tuple:
            if (edition, width) not in opened:
                opened[edition, width] = stack.enter_context(
                    open_page(chromium, VIEWPORTS[width], hosts=site_hosts(served_editions)))
            return opened[edition, width]
        yield tab


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(kind: str, edition: str, width: str, urls, tabs,  # noqa: ANN001
                           served_editions: dict[str, str]) -> None:
    path, status = target(kind, page_or_skip(urls, edition, kind))
    page, _ = tabs(edition, width)
    goto(page, served_editions[edition] + path, status, idle=False)
    violations = run_axe(page, AXE_TAGS if width == "desktop" else AXE_WCAG)
    if violations:
        pytest.fail(f"{edition} {kind} ({path}) at {width} width: "
                    f"{len(violations)} axe violations:\n{format_violations(violations)}", pytrace=False)


@pytest.mark.parametrize("edition", EDITIONS)
def test_open_search_with_results_has_no_axe_violations(edition: str, tabs,  # noqa: ANN001
                                                         served_editions: dict[str, str]) -> None:
    """The search dialog open, with results shown: the state axe cannot see on a page load."""
    page, _ = tabs(edition, "desktop")
    goto(page, served_editions[edition] + "issues/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("uhri", delay=20)
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15000)
    violations = run_axe(page)
    page.keyboard.press("Escape")
    if violations:
        pytest.fail(f"{edition}, search open: {len(violations)} axe violations:\n"
                    f"{format_violations(violations)}", pytrace=False)


@pytest.mark.parametrize("edition", EDITIONS)
def test_open_mobile_menu_has_no_axe_violations(edition: str, tabs,  # noqa: ANN001
                                                served_editions: dict[str, str]) -> None:
    """The navigation drawer open at mobile width."""
    page, _ = tabs(edition, "mobile")
    goto(page, served_editions[edition] + "issues/", idle=False)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_selector("nav.md-nav--primary", state="visible")
    page.wait_for_timeout(300)  # the drawer slides in (.25 s): contrast is measured on the final colours
    violations = run_axe(page, AXE_WCAG)
    page.keyboard.press("Escape")
    if violations:
        pytest.fail(f"{edition}, menu open: {len(violations)} axe violations:\n"
                    f"{format_violations(violations)}", pytrace=False)
