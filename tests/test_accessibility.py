"""axe-core on every page type of both editions, in all three languages
(Finnish at the root, the Swedish and English builds nested under sv/ and
en/), at desktop and mobile widths: no violations of any impact. Also the
states a page load does not show: the search dialog open with results, and
the navigation drawer open on a phone.

Rules: every WCAG 2.0/2.1 level A and AA rule (what the Finnish act on
digital services requires, through EN 301 549) at both widths, and axe's
best practices (landmarks, heading order, unique landmark names...: a
public-sector site should meet them too) at desktop width, since they
concern the document's structure, which is the same at any width. No rule
is disabled. Record pages are picked from the built site
(webtools.page_urls), the same record in both editions wherever one is in
both, and at the same path in every language (a record without a
translation is shown in Finnish there, which axe checks too: its lang)."""
from __future__ import annotations

import pytest

from webtools import (
    AXE_TAGS, AXE_WCAG, LANGUAGES, PAGE_TYPES, VIEWPORTS, format_violations, goto, page_or_skip, run_axe,
    target,
)

pytestmark = pytest.mark.browser

EDITIONS = ("network", "public")


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(kind: str, edition: str, language: str, width: str, urls, tabs,  # noqa: ANN001
                           served_editions: dict[str, str]) -> None:
    path, status = target(kind, page_or_skip(urls, edition, kind), language)
    page, _ = tabs(edition, width)
    goto(page, served_editions[edition] + path, status, idle=False)
    if kind == "404":  # the language's own 404 page, not the Finnish one
        assert page.evaluate("() => document.documentElement.lang") == language, path
    _no_violations(run_axe(page, AXE_TAGS if width == "desktop" else AXE_WCAG), f"{edition} {kind} ({path}) at {width} width")


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
    # Every keystroke renders the results again and they fade in: contrast is
    # measured on the final colours, once the list has stopped changing and
    # every CSS transition has finished (measured mid-fade, a result's text
    # was a lighter grey than it ends up, and axe failed it).
    page.mouse.move(0, 0)  # no result under the pointer: its hover colours are not what a reader sees
    page.wait_for_function("""() => {
        const count = document.querySelectorAll('.md-search-result__item').length;
        const settled = count > 0 && count === window.__ihkuResults;
        window.__ihkuResults = count;
        return settled && document.getAnimations().every(a => a.playState !== 'running');
    }""", polling=200, timeout=15000)
    violations = run_axe(page)
    page.keyboard.press("Escape")
    _no_violations(violations, f"{edition}, search open")


@pytest.mark.parametrize("edition", EDITIONS)
def test_open_mobile_menu_has_no_axe_violations(edition: str, tabs,  # noqa: ANN001
                                                served_editions: dict[str, str]) -> None:
    """The navigation drawer open at mobile width."""
    page, _ = tabs(edition, "mobile")
    goto(page, served_editions[edition] + "issues/", idle=False)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_selector("nav.md-nav--primary", state="visible")
    # The drawer slides in (.25 s): contrast is measured on the final colours,
    # once every CSS transition has finished (a fixed pause was too short under load).
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    violations = run_axe(page, AXE_WCAG)
    page.keyboard.press("Escape")
    _no_violations(violations, f"{edition}, menu open")


def _no_violations(violations: list[dict], where: str) -> None:
    if violations:
        pytest.fail(f"{where}: {len(violations)} axe violations:\n{format_violations(violations)}", pytrace=False)
