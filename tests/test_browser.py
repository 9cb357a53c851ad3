"""Both editions in Chromium: every page type loads without a console error,
a page error or a failed request, at desktop and mobile widths (screenshots
of each are kept in tests/artifacts/); search finds an issue by an inflected
word, in Finnish and in the Swedish build; the timeline and the action-plan
table render visibly; the keyboard alone reaches every part of a record
page (skip link, search, language selector, content, footer) in order, with
a visible focus indicator on everything it focuses and no trap."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup

from webtools import (
    ARTIFACTS, LANGUAGES, MOBILE, PAGE_TYPES, ROOT, VIEWPORTS, errors_besides_expected_404, goto, page_or_skip,
    screenshot, target,
)

pytestmark = pytest.mark.browser

EDITIONS = ("network", "public")
CONTENT = ROOT / "content"


# --- every page type loads cleanly ---------------------------------------------

@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_without_errors(kind: str, edition: str, width: str, urls, tabs,  # noqa: ANN001
                                   served_editions: dict[str, str]) -> None:
    path, status = target(kind, page_or_skip(urls, edition, kind))
    page, log = tabs(edition, width)
    log.errors.clear()
    url = served_editions[edition] + path
    # The same scripts run at both widths: at desktop width wait until the
    # network is quiet (search index, worker, sitemaps), on the phone for the
    # page's load (its layout is what the mobile pass is for).
    goto(page, url, status, idle=width == "desktop")
    screenshot(page, f"{edition}-{width}-{kind}")
    errors = errors_besides_expected_404(log, url, status)
    assert not errors, f"{edition} {kind} at {width} width ({url}):\n" + "\n".join(errors)
    # WCAG 1.4.10 Reflow: at 375 px nothing makes the whole page scroll sideways
    # (wide tables scroll inside their own box).
    if width == "mobile":
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{edition} {kind}: the page scrolls {overflow}px sideways at {MOBILE['width']}px"


# --- search ---------------------------------------------------------------------

def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def _issues_with_title_word(word: str, language: str = "fi") -> dict[str, str]:
    """Issue id -> its title in ``language``, for titles that have ``word``
    as a word (issues without a translation into ``language`` left out)."""
    found = {}
    for path in sorted((CONTENT / "issues").glob("*.md")):
        if "." in path.stem:  # translations: 2025-001.en.md
            continue
        source = path if language == "fi" else path.with_suffix(f".{language}.md")
        if not source.is_file():
            continue
        title = _front(source)["title"]
        if word in re.findall(r"\w+", title.lower()):
            found[path.stem] = title
    return found


def type_like_a_keyboard(field, text: str) -> None:  # noqa: ANN001
    """Type ``text`` key by key. Playwright types a character that is not on
    a US keyboard (ä, ö, å) as text only, with no key events, and Material
    searches on keyup: "hyväksikäyttöä" would be searched as "hyväksikäytt".
    A Finnish keyboard has those keys, so they get their keyup here too."""
    for char in text:
        field.press_sequentially(char, delay=30)
        if not char.isascii():
            field.dispatch_event("keyup", {"key": char, "bubbles": True})


def _search(page, query: str) -> tuple[str, list[str]]:  # noqa: ANN001
    """Type ``query`` into Material's search, key by key (it searches on keyup),
    once the search index has loaded; returns the result summary and the
    result links (paths, decoded)."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():  # mobile: behind the search button
        page.locator("label.md-header__button[for='__search']").click()
    field.click()
    meta = page.locator(".md-search-result__meta")
    initial = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                            ".translations['search.result.placeholder']")
    # Ready: the summary has turned from "initialising" into the placeholder.
    page.wait_for_function("(text) => document.querySelector('.md-search-result__meta')"
                           ".textContent.trim() === text", arg=initial, timeout=20000)
    type_like_a_keyboard(field, query)
    # Every keystroke starts a search; the last answer wins. Wait until the
    # results have stopped changing, so they are the whole word's.
    previous, stable = None, 0
    for _ in range(60):
        page.wait_for_timeout(100)
        current = (meta.inner_text(), page.eval_on_selector_all(
            "a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"))
        stable = stable + 1 if current == previous and current[0] != initial else 0
        if stable >= 5:
            break
        previous = current
    summary, hrefs = previous or ("", [])
    return summary, [unquote(h.split("?")[0].split("#")[0]) for h in hrefs]


# A word as it stands in an issue title, then a form of it the issue's page
# never has: found only if the search stems the language. Finnish: the
# partitive of "hyväksikäyttö" (exploitation). Swedish, in the Swedish build:
# the definite form of "skuldsättning" (indebtedness, in the title of
# 2025-002.sv.md). content/issues/*.md titles were read to pick them.
SEARCHES = [
    pytest.param("fi", "jatkuvuus", "jatkuvuus", id="fi-title-word-as-is"),
    pytest.param("fi", "hyväksikäyttöä", "hyväksikäyttö", id="fi-inflected"),
    pytest.param("sv", "skuldsättningen", "skuldsättning", id="sv-inflected"),
]


def _words(html_file: Path) -> set[str]:
    text = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml").get_text(" ")
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("language", "query", "base"), SEARCHES)
def test_search_finds_the_issue(language: str, query: str, base: str, edition: str, tabs,  # noqa: ANN001
                                served_editions: dict[str, str], built_editions: dict[str, Path]) -> None:
    site = built_editions[edition] / LANGUAGES[language]
    expected = {i: t for i, t in _issues_with_title_word(base, language).items()
                if (site / "issues" / i / "index.html").is_file()}
    assert expected, f"no issue in the {edition} edition has {base!r} in its {language} title: pick another word"
    for issue_id in expected:
        if query != base:
            assert query not in _words(site / "issues" / issue_id / "index.html"), \
                f"{issue_id}'s {language} page has {query!r} as such: it proves nothing about stemming"
    page, log = tabs(edition, "desktop")
    log.errors.clear()
    goto(page, served_editions[edition] + LANGUAGES[language])
    assert page.evaluate("() => document.documentElement.lang") == language
    summary, found = _search(page, query)
    screenshot(page, f"{edition}-{language}-search-{query}")
    page.keyboard.press("Escape")
    found_ids = {m.group(1) for h in found if (m := re.search(r"/issues/([^/]+)/$", h))}
    missing = {i: t for i, t in expected.items() if i not in found_ids}
    assert not missing, (f"{edition} ({language}): searching {query!r} ({summary!r}) did not find {missing}; "
                         f"results: {found[:10]}")
    assert not log.errors, "\n".join(log.errors)


# --- the record pages' own components ------------------------------------------

def _shown_once(page, url: str, selector: str):  # noqa: ANN001, ANN202
    """Open ``url``; the one element matching ``selector``, scrolled into view and visible."""
    goto(page, url, idle=False)
    element = page.locator(selector)
    assert element.count() == 1
    element.scroll_into_view_if_needed()
    assert element.is_visible()
    return element


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("edition", EDITIONS)
def test_timeline_renders_visibly(edition: str, width: str, urls, tabs,  # noqa: ANN001
                                  served_editions: dict[str, str]) -> None:
    page, _ = tabs(edition, width)
    timeline = _shown_once(page, served_editions[edition] + page_or_skip(urls, edition, "issue"), "ol.ihku-timeline")
    steps = timeline.locator(":scope > li")
    assert steps.count() >= 1
    viewport = VIEWPORTS[width]["width"]
    for n in range(steps.count()):
        step = steps.nth(n)
        box = step.bounding_box()
        assert box and box["height"] > 10 and box["width"] > 100, f"step {n + 1}: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport + 1, f"step {n + 1} off screen: {box}"
        assert step.locator("time").first.is_visible()
        # the marker on the line is drawn (::before), and the line itself
        marker = step.evaluate("(li) => { const s = getComputedStyle(li, '::before');"
                               " return [s.content, s.width, s.borderTopStyle]; }")
        assert marker[0] != "none" and marker[1] != "auto" and marker[2] != "none", marker
        assert step.evaluate("(li) => getComputedStyle(li).borderLeftStyle") != "none"
    timeline.screenshot(path=str(_artifact(f"{edition}-{width}-timeline")))


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("edition", EDITIONS)
def test_action_plan_table_renders_visibly(edition: str, width: str, urls, tabs,  # noqa: ANN001
                                           served_editions: dict[str, str]) -> None:
    page, _ = tabs(edition, width)
    table = _shown_once(page, served_editions[edition] + page_or_skip(urls, edition, "action-plan"),
                        "table.ihku-measures")
    rows = table.locator("tbody > tr")
    assert rows.count() >= 1
    first = rows.first.bounding_box()
    assert first and first["height"] > 10, first
    header = table.locator("thead th").first.bounding_box()
    assert header and header["width"] > 10, header
    # Wider than the screen on a phone: it scrolls in its own focusable region,
    # the page itself does not.
    region = page.locator(".ihku-table-scroll")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls {overflow}px sideways"
    region.screenshot(path=str(_artifact(f"{edition}-{width}-measures")))


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# --- the keyboard alone ----------------------------------------------------------

# Where the focused element is, how its focus shows, and whether it can be
# seen: in the viewport, and not under something else (the sticky header).
# Marks the element (data-ihku-tab) so it is recognised when focus returns
# to it, and so its unfocused style can be read afterwards.
FOCUSED = """(n) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const seen = el.dataset.ihkuTab;
  if (seen !== undefined) return {n: Number(seen), again: true};
  el.dataset.ihkuTab = String(n);
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  // A link that wraps has a box per line: the middle of one of them is on it.
  const onTop = [...el.getClientRects()].filter(b => b.width > 0 && b.height > 0).some(b => {
    const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !!top && (top === el || el.contains(top)); });
  const part = [['skip', '.md-skip'], ['language', '.md-select'], ['search', '.md-search'],
                ['header', '.md-header'], ['tabs', '.md-tabs'], ['navigation', '.md-sidebar--primary'],
                ['contents', '.md-sidebar--secondary'], ['timeline or facts', '.ihku-timeline, .ihku-facts'],
                ['main', '.md-content'], ['footer', '.md-footer']].find(([, sel]) => el.closest(sel));
  return {n, again: false, part: part ? part[0] : 'elsewhere',
          what: `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || el.value || '')
                  .trim().replace(/\\s+/g, ' ').slice(0, 40)}"`,
          outline: [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor], shadow: s.boxShadow,
          rect: [r.left, r.top, r.width, r.height], viewport: [innerWidth, innerHeight],
          onTop};
}"""
UNFOCUSED = """() => { document.activeElement && document.activeElement.blur();
  return Object.fromEntries([...document.querySelectorAll('[data-ihku-tab]')].map(el => {
    const s = getComputedStyle(el);
    return [el.dataset.ihkuTab, {outline: [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor],
                                 shadow: s.boxShadow}]; })); }"""
# Transitions started by the focus (the drawer sliding in, the language menu
# opening) end before the element is measured.
SETTLE = """() => Promise.race([new Promise(done => setTimeout(done, 1000)), Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))])"""
MAX_TABS = 300  # a record page has some 50 tab stops


def _transparent(colour: str) -> bool:
    return colour == "transparent" or bool(re.fullmatch(r"rgba\(.*,\s*0\)", colour))


def _focus_shows(focused: dict, unfocused: dict) -> bool:
    """An outline, or a box shadow, that the element does not have unfocused."""
    style, width, colour = focused["outline"]
    outline = style != "none" and width > 0 and not _transparent(colour) and focused["outline"] != unfocused["outline"]
    shadow = focused["shadow"] != "none" and focused["shadow"] != unfocused["shadow"]
    return outline or shadow


def _visible_in_viewport(stop: dict) -> bool:
    left, top, width, height = stop["rect"]
    vw, vh = stop["viewport"]
    return width > 0 and height > 0 and left >= -1 and top >= -1 and left + min(width, vw) <= vw + 1 \
        and top + min(height, vh) <= vh + 1


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("edition", EDITIONS)
def test_keyboard_reaches_every_part_of_a_record_page_with_visible_focus(
        edition: str, width: str, urls, tabs, served_editions: dict[str, str]) -> None:  # noqa: ANN001
    """Tab from the top of an issue page: the skip link is the first stop; the
    search, the language selector, the issue's own links (timeline, facts)
    and the footer are reached, in that order of parts; every stop shows an
    outline or a shadow it does not have unfocused, and is in the viewport,
    not under anything (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11); and Tab
    leaves the page or comes back to the first stop within MAX_TABS presses,
    never circling elsewhere (no trap)."""
    url = served_editions[edition] + page_or_skip(urls, edition, "issue")
    page, _ = tabs(edition, width)
    goto(page, url)
    stops: list[dict] = []
    ended = None
    for n in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.evaluate(SETTLE)
        stop = page.evaluate(FOCUSED, n)
        if stop is None:
            ended = "focus left the page"
            break
        if stop["again"]:
            assert stop["n"] == 0, (f"keyboard trap: Tab came back to stop {stop['n']} "
                                    f"({stops[stop['n']]['what']}), not to the first")
            ended = "Tab came back to the first stop"
            break
        stops.append(stop)
    screenshot(page, f"{edition}-{width}-keyboard-end")
    unfocused = page.evaluate(UNFOCUSED)
    walk = "\n".join(f"  {s['n']:3} {s['part']:17} {s['what']}" for s in stops)
    assert ended, f"{edition} at {width} width: no end after {MAX_TABS} Tab presses (a trap?):\n{walk}"

    parts = [s["part"] for s in stops]
    assert parts and parts[0] == "skip", f"the skip link is not the first stop:\n{walk}"
    wanted = ["search", "language", "timeline or facts", "footer"]
    missing = [p for p in wanted if p not in parts]
    assert not missing, f"{edition} at {width} width: Tab never reaches {missing}:\n{walk}"
    first = {p: parts.index(p) for p in wanted}
    last_header = max(first["search"], first["language"])
    assert last_header < first["timeline or facts"] < first["footer"], f"tab order of the parts:\n{walk}"

    problems = []
    for s in stops:
        where = f"stop {s['n']}, {s['part']}: {s['what']} at {[round(v) for v in s['rect']]}"
        if not _focus_shows(s, unfocused[str(s["n"])]):
            problems.append(f"{where}: no visible focus indicator (outline {s['outline']}, shadow {s['shadow']})")
        if not _visible_in_viewport(s):
            problems.append(f"{where}: focused outside the viewport {s['viewport']} or with no size")
        elif not s["onTop"]:
            problems.append(f"{where}: focused but covered by something else")
    assert not problems, f"{edition} at {width} width:\n" + "\n".join(problems) + f"\nTab order:\n{walk}"
