"""Real clients against the built site: a loopback HTTP server, Chromium
(Playwright), the Nu Html Checker, axe-core and LinkChecker.

See /work/shared/testing.md (and the project's scripts/install-test-tools) for
how these tools run on the CI machines: Debian's Chromium at /usr/bin/chromium,
never a browser downloaded by Playwright, and nothing but 127.0.0.1.

Session fixtures (registered in conftest.py):

* ``served_editions``: both editions of ``built_editions`` served on loopback
  under the path prefix of their ``site_url``: {"network": base URL, ...}
* ``chromium``: one headless Chromium for the whole session.
* ``urls``: the page of each page type in each edition (``page_urls``).
* ``tabs``: one browser page per (edition, width), reused by every test that
  only needs to open pages: ``tabs("network", "desktop") -> (page, PageLog)``.

Every edition has a build per language: Finnish at its root, Swedish and
English nested in it (``LANGUAGES``: "sv/", "en/"), with the same pages at the
same relative paths.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("IHKU_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"

# Each edition, its config (site_url gives the path prefix it is served under).
EDITION_CONFIGS = {"network": "mkdocs.yml", "public": "mkdocs.public.yml"}

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Every WCAG 2.0/2.1 level A and AA rule (what the Finnish accessibility act
# requires through EN 301 549), plus axe's best practices (landmarks, heading
# order, unique names...), which concern the document's structure and so do
# not change with the width: AXE_WCAG is for the second width.
AXE_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_TAGS = [*AXE_WCAG, "best-practice"]


# --- the site's configuration ---------------------------------------------------

class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV and !!python tags; we only need plain keys."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def all_configs() -> tuple[str, ...]:
    """Every config the build script builds by default (all editions, all languages)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_site", ROOT / "scripts" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return tuple(module.EDITIONS)


def config_site_url(config: str) -> str:
    """``site_url`` of a config, following INHERIT."""
    path = ROOT / config
    while True:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}  # noqa: S506
        if data.get("site_url"):
            return data["site_url"]
        if not data.get("INHERIT"):
            raise AssertionError(f"{config} has no site_url")
        path = (path.parent / data["INHERIT"]).resolve()


def site_url(edition: str) -> str:
    return config_site_url(EDITION_CONFIGS[edition])


def _path_prefix(url: str) -> str:
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


# Each language build of an edition: its path relative to the edition's root
# (Finnish is the root; page_urls checks this against the configs).
LANGUAGES = {"fi": "", "sv": "sv/", "en": "en/"}


def prefix_of(edition: str) -> str:
    """The path a site is served under: '/' or '/koordinaatio/'."""
    return _path_prefix(site_url(edition))


def nested_prefixes(edition: str) -> list[str]:
    """Path prefixes of the language builds nested inside an edition
    (['/sv/', '/en/'] for the network edition)."""
    own = site_url(edition).rstrip("/") + "/"
    return sorted(_path_prefix(url) for url in map(config_site_url, all_configs())
                  if url.rstrip("/") + "/" != own and url.startswith(own))


# --- serving a built site on loopback ------------------------------------------

class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; anything else is a 404 with the
    site's own 404.html, as a real host would: the 404.html nearest to the
    path asked for, so a missing page under a language build (/sv/...) gets
    that language's 404 page."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-prefix" / "nothing")
        return super().translate_path("/" + clean[len(self.prefix):])

    def _not_found_page(self) -> Path:
        """The deepest 404.html on the way from the site's root to the path asked for."""
        root = Path(self.directory)
        clean = unquote(urlsplit(self.path).path)
        parts = clean[len(self.prefix):].split("/")[:-1] if clean.startswith(self.prefix) else []
        page = root / "404.html"
        here = root
        for part in parts:
            if part in ("", ".", "..") or not (here / part).is_dir():
                break
            here = here / part
            if (here / "404.html").is_file():
                page = here / "404.html"
        return page

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page()
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        # LinkChecker throttles a host to ~3 requests/s unless the server
        # answers with this header; then its maxrequestspersecond applies.
        self.send_header("LinkChecker", "loopback test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: failures show up in the clients


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that hung up early (the browser, LinkChecker): not a site problem
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port) under ``prefix``; yields the base URL."""
    if not prefix.startswith("/") or not prefix.endswith("/"):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = _QuietServer(("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {site_dir}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def served_editions(built_editions: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Both editions served on loopback for the whole session: edition -> base URL."""
    with contextlib.ExitStack() as stack:
        yield {edition: stack.enter_context(serve(site, prefix_of(edition)))
               for edition, site in built_editions.items()}


# --- page types: one page of each kind, read from the built site ---------------

# Page types and their URL (relative to the edition's root). Record pages are
# picked from the built site by ``record_page``.
FIXED_PAGES = {
    "home": "",
    "issues-index": "issues/",
    "meetings-index": "meetings/",
    "international-index": "international/",
    "trainings-index": "trainings/",
    "action-plans-index": "action-plans/",
    "network-index": "network/",
    "how-to-raise": "how-to-raise/",
    "subscribe": "subscribe/",
    "open-data": "open-data/",
    "attention": "attention/",
    "translations": "translations/",
    "reports-index": "reports/",
    "accessibility": "accessibility/",
    "404": "404.html",
}
RECORD_PAGES = {  # page type -> the section its records are under
    "issue": "issues",
    "meeting": "meetings",
    "memo": "international",
    "training": "trainings",
    "action-plan": "action-plans",
    "organisation": "network",
    "annual-report": "reports",
}
PAGE_TYPES = [
    "home", "issues-index", "issue", "meetings-index", "meeting", "international-index", "memo",
    "trainings-index", "training", "action-plans-index", "action-plan", "network-index",
    "organisation", "how-to-raise", "subscribe", "open-data", "404",
    # page types added since: deadlines, translation status, annual reports, accessibility statement
    "attention", "translations", "reports-index", "annual-report", "accessibility",
]


def record_page(editions: dict[str, Path], section: str) -> dict[str, str | None]:
    """A record page of ``section`` for each edition: the one with the most
    content (largest HTML in the first edition) among those every edition has,
    so the editions are compared on the same record. If no record is in every
    edition, each edition's own largest; None where an edition has none (the
    public edition only has public records)."""
    ids = {edition: {p.parent.name for p in (site / section).glob("*/index.html")}
           for edition, site in editions.items()}
    first = next(iter(editions.values()))

    def largest(candidates: set[str], site: Path) -> str | None:
        if not candidates:
            return None
        best = max(sorted(candidates), key=lambda i: (site / section / i / "index.html").stat().st_size)
        return f"{section}/{best}/"

    common = set.intersection(*ids.values())
    if common:
        url = largest(common, first)
        return {edition: url for edition in editions}
    return {edition: largest(ids[edition], editions[edition]) for edition in editions}


def page_urls(editions: dict[str, Path]) -> dict[str, dict[str, str | None]]:
    """edition -> page type -> URL relative to the edition's base (None: the
    edition has no page of that type). Every fixed page must exist, and every
    record page type in at least one edition; each page in every language
    build too (``LANGUAGES``), at the same relative path."""
    urls: dict[str, dict[str, str | None]] = {edition: dict(FIXED_PAGES) for edition in editions}
    for kind, section in RECORD_PAGES.items():
        chosen = record_page(editions, section)
        assert any(chosen.values()), f"no edition has a {kind} page ({section}/*/): the sample content needs one"
        for edition in editions:
            urls[edition][kind] = chosen[edition]
    for edition, site in editions.items():
        nested = {prefix_of(edition) + p for p in LANGUAGES.values() if p}
        assert nested == set(nested_prefixes(edition)), \
            f"{edition}: LANGUAGES {sorted(nested)} do not match the configs' {nested_prefixes(edition)}"
        for kind, url in urls[edition].items():
            if url is None:
                continue
            for language, prefix in LANGUAGES.items():
                rel = prefix + url
                path = site / rel / "index.html" if not rel.endswith(".html") else site / rel
                assert path.is_file(), f"{edition}: {kind} page {rel!r} ({language}) was not built"
    return {edition: {kind: urls[edition][kind] for kind in PAGE_TYPES} for edition in editions}


@pytest.fixture(scope="session")
def urls(built_editions: dict[str, Path]) -> dict[str, dict[str, str | None]]:
    """edition -> page type -> URL relative to the edition's (Finnish) root: ``page_urls``."""
    return page_urls(built_editions)


def page_or_skip(urls: dict[str, dict[str, str | None]], edition: str, kind: str) -> str:
    url = urls[edition][kind]
    if url is None:
        pytest.skip(f"the {edition} edition has no {kind} page (no such record in it in the sample content)")
    return url


# --- Chromium --------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium (Debian's) for the whole session."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/install-test-tools")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What a page said while it was open: console errors, page errors, failed requests."""

    errors: list[str]

    def __bool__(self) -> bool:
        return bool(self.errors)


def site_hosts(served: dict[str, str]) -> dict[str, str]:
    """The real site_url of each served edition -> its loopback base URL."""
    return {site_url(edition).rstrip("/") + "/": base for edition, base in served.items()}


@contextlib.contextmanager
def open_page(browser, viewport: dict[str, int] = DESKTOP,  # noqa: ANN001
              hosts: dict[str, str] | None = None) -> Iterator[tuple[object, PageLog]]:
    """A fresh context and page. Requests to an edition's real ``site_url``
    (``hosts``: site_url -> loopback base) are answered by its loopback server,
    as the real host would (the pages name their language versions with
    absolute URLs, and Material fetches their sitemaps); any other request off
    loopback is refused and logged. Console errors, uncaught exceptions and
    failed requests are collected in the PageLog."""
    context = browser.new_context(viewport=viewport, service_workers="block", locale="fi-FI")
    log = PageLog([])
    hosts = dict(sorted((hosts or {}).items(), key=lambda kv: -len(kv[0])))  # longest first

    def route(route) -> None:  # noqa: ANN001
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
            return
        for real, base in hosts.items():
            if url.startswith(real):
                # The page is on loopback, so this is cross-origin here (on the
                # real host it is same-origin): allow it as the real host would.
                response = route.fetch(url=base + url[len(real):])
                route.fulfill(response=response,
                              headers={**response.headers, "access-control-allow-origin": "*"})
                return
        log.errors.append(f"request off loopback: {url}")
        route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: log.errors.append(f"console.{m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: log.errors.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: log.errors.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    try:
        yield page, log
    finally:
        context.close()


@pytest.fixture(scope="session")
def tabs(chromium, served_editions: dict[str, str]) -> Iterator:  # noqa: ANN001
    """One browser page per (edition, width), opened on first use and reused
    by every test that asks for it (any language: they share the origin):
    ``tabs(edition, width) -> (page, PageLog)``. A test that reads the log
    clears it first."""
    opened: dict[tuple[str, str], tuple] = {}
    with contextlib.ExitStack() as stack:
        def tab(edition: str, width: str) -> tuple:
            if (edition, width) not in opened:
                opened[edition, width] = stack.enter_context(
                    open_page(chromium, VIEWPORTS[width], hosts=site_hosts(served_editions)))
            return opened[edition, width]
        yield tab


MISSING_PAGE = "ihku-no-such-page/"  # requested to see the site's 404 page as a host serves it


def target(kind: str, url: str, language: str = "fi") -> tuple[str, int]:
    """What to request for a page type in a language build (relative to the
    edition's root), and the HTTP status to expect: the 404 page is seen by
    asking for a page that does not exist (its asset URLs are absolute, so
    this checks them under the edition's prefix too)."""
    prefix = LANGUAGES[language]
    return (prefix + MISSING_PAGE, 404) if kind == "404" else (prefix + url, 200)


def goto(page, url: str, expect_status: int = 200, idle: bool = True) -> None:  # noqa: ANN001
    """Open ``url``; ``idle``: also wait until the network has been quiet for
    0.5 s (the search index, its worker and the sitemaps have loaded)."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == expect_status, \
        f"{url}: HTTP {response.status if response else None}, expected {expect_status}"
    if idle:
        page.wait_for_load_state("networkidle")


def errors_besides_expected_404(log: PageLog, url: str, status: int) -> list[str]:
    """The page's errors, less the browser's own report of the 404 we asked for."""
    if status != 404:
        return list(log.errors)
    return [e for e in log.errors
            if not (e.startswith("console.error: Failed to load resource: the server responded with a status "
                                 "of 404") and e.endswith(f"({url})"))]


def screenshot(page, name: str) -> Path:  # noqa: ANN001
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- axe-core --------------------------------------------------------------------

def run_axe(page, tags: list[str] = AXE_TAGS) -> list[dict]:  # noqa: ANN001
    """axe-core (from node_modules) on the page as it is now; returns the violations."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `npm install` (scripts/install-test-tools)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags)
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# --- Nu Html Checker ---------------------------------------------------------------

# The one error plain Material has on every page: autocomplete="off" on its two
# checkbox toggles (drawer and search). Filtered exactly: same message, and the
# element it points at is one of those two toggles.
KNOWN_VNU_MESSAGE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
    "“search”, “tel”, “text”, “time”, “url”, or “week”.")
KNOWN_VNU_ELEMENTS = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)


def is_known_material_message(message: dict) -> bool:
    if message.get("type") != "error" or message.get("message") != KNOWN_VNU_MESSAGE:
        return False
    extract = message.get("extract", "")
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    element = extract[start:start + length] if start is not None and length is not None else extract
    return element in KNOWN_VNU_ELEMENTS


def vnu_jar() -> str:
    if shutil.which("node") is None or shutil.which("java") is None:
        pytest.fail("node and java are needed for the Nu Html Checker (scripts/install-test-tools)")
    result = subprocess.run(["node", "-p", "String(require('vnu-jar'))"], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"vnu-jar not installed (npm install): {result.stderr.strip()}")
    return result.stdout.strip()


def run_vnu(*paths: Path) -> list[dict]:
    """Nu Html Checker over every HTML file under ``paths``: all its messages
    (errors, warnings, info) except the known Material one."""
    result = subprocess.run(
        ["java", "-jar", vnu_jar(), "--skip-non-html", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu gave no JSON (exit {result.returncode}):\n{result.stderr[-3000:]}") from None
    return [m for m in messages if not is_known_material_message(m)]


def is_vnu_error(message: dict) -> bool:
    """An error, or a fatal/IO problem (a file vnu could not check at all)."""
    return message.get("type") in {"error", "non-document-error"} or message.get("subType") == "fatal"


def format_vnu(messages: list[dict], root: Path | None = None) -> str:
    lines = []
    for m in messages:
        url = m.get("url", "")
        if root is not None:
            url = url.replace(f"file:{root}/", "")
        lines.append(f"{url}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
                     f"{m.get('type')}{'/' + m['subType'] if m.get('subType') else ''}: {m.get('message')}")
        if m.get("extract"):
            lines.append("    " + m["extract"].strip().replace("\n", " ")[:200])
    return "\n".join(lines)


# --- LinkChecker -------------------------------------------------------------------

LCRC = """\
[checking]
threads=4
timeout=30
recursionlevel=-1
# Our own loopback server (it sends the "LinkChecker" header that lifts the
# default throttle of about 3 requests a second).
maxrequestspersecond=1000

[filtering]
# The whole loopback host is ours: a link that leaves the edition's prefix
# (e.g. a root-relative link in the public edition) is still checked, and fails.
internlinks=^http://127\\.0\\.0\\.1:{port}/
checkextern=0

[output]
warnings=1

[csv]
# Only these columns, and no intro/outro comment lines (a "#fragment" URL
# starts a row with "#" too, so comments cannot be told apart by a prefix).
parts=urlname,parentname,result,warningstring,valid,url,line

[AnchorCheck]
"""


# Checked (they must exist, anchors must be found) but not parsed for further
# links: data files (feeds link to the public host, checked by the feed
# tests), and URLs with a #fragment (the page itself is crawled without it;
# parsing it again for every anchor linked is what makes LinkChecker slow).
NO_FOLLOW = [r"\.(xml|opml|ics|csv|json|txt|pdf|gz)$", r"#"]


@dataclass
class LinkProblem:
    url: str
    parent: str
    line: str
    result: str
    warning: str

    def __str__(self) -> str:
        where = f"{self.parent}:{self.line}" if self.parent else "(start)"
        return f"{where}: {self.url}: {self.result} {self.warning}".strip()


@dataclass
class LinkReport:
    problems: list[LinkProblem]
    urls: list[str]  # every URL checked
    parents: set[str]  # every URL whose links were checked (parsed, not only found)
    output: str  # LinkChecker's csv


class LinkCheck:
    """One LinkChecker run over a served site, anchors included, started in the
    background (``start``) so both editions can be checked at once; ``result``
    waits for it. URLs matching ``no_follow`` are checked (they must exist) but
    their own links are not followed."""

    def __init__(self, base_url: str, workdir: Path, no_follow: list[str] = ()) -> None:  # type: ignore[assignment]
        # The venv's own script: `make test` runs .venv/bin/python without the venv on PATH.
        program = Path(sys.executable).parent / "linkchecker"
        if not program.exists():
            found = shutil.which("linkchecker")
            if found is None:
                pytest.fail("linkchecker is not installed in the venv")
            program = Path(found)
        self.base_url = base_url
        self.port = urlsplit(base_url).port
        workdir.mkdir(parents=True, exist_ok=True)
        lcrc = workdir / "lcrc"
        lcrc.write_text(LCRC.format(port=self.port), encoding="utf-8")
        # -v: every URL is logged (so we know how many were checked); csv on stdout.
        cmd = [str(program), "--no-status", "-f", str(lcrc), "-v", "-o", "csv/utf-8"]
        for regex in [*NO_FOLLOW, *no_follow]:
            cmd += ["--no-follow-url", regex]
        self.stdout = workdir / "linkchecker.csv"
        self.stderr = workdir / "linkchecker.err"
        with open(self.stdout, "wb") as out, open(self.stderr, "wb") as err:
            self.process = subprocess.Popen([*cmd, base_url], stdout=out, stderr=err, cwd=workdir)

    def result(self, timeout: float = 900) -> LinkReport:
        """Problems: every invalid URL, and every warning (a missing anchor is
        a warning) on our own host."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        output = self.stdout.read_text(encoding="utf-8")
        problems: list[LinkProblem] = []
        urls: list[str] = []
        parents: set[str] = set()
        for row in csv.DictReader(io.StringIO(output, newline=""), delimiter=";"):
            url = row.get("url") or row.get("urlname") or ""
            urls.append(url)
            if row.get("parentname"):
                parents.add(row["parentname"])
            warning = row.get("warningstring") or ""
            where = (row.get("parentname", ""), row.get("line", ""))
            if row.get("valid") != "True":
                problems.append(LinkProblem(url, *where, row.get("result", ""), warning))
            elif warning and is_internal(url, self.port):
                problems.append(LinkProblem(url, *where, "warning:", warning))
        if code not in (0, 1) or not urls:
            raise AssertionError(f"linkchecker failed (exit {code}):\n{output[-3000:]}\n"
                                 f"{self.stderr.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        return LinkReport(problems, urls, parents, output)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def run_linkchecker(base_url: str, workdir: Path, no_follow: list[str] = ()) -> LinkReport:  # type: ignore[assignment]
    check = LinkCheck(base_url, workdir, no_follow)
    try:
        return check.result()
    finally:
        check.stop()


def is_internal(url: str, port: int | None) -> bool:
    parts = urlsplit(url)
    return parts.hostname == "127.0.0.1" and parts.port == port
