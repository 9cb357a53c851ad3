"""Rendering the generated pages: one Jinja environment, compiled once per build.

Structured parts of a page are HTML, built with autoescaping on, so record
titles and fields can never inject markup. Record bodies and notes are the
editors' Markdown and are left to the Markdown renderer; the structure is
stashed out of its way (see fragments.py) and spliced back afterwards.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import quote
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2
import jinja2.bccache
import jinja2.runtime
from babel.dates import format_date
from markupsafe import Markup, escape

from .. import passages, vocab
from ..editions import WITHHELD
from ..corpus import Corpus, Record
from ..memo import Memo
from ..shared_files import write_whole
from . import prose, ui
from .context import SiteContext
from .fragments import editor_markdown, heading_label, stash
from .reuse import Kept, NoFingerprint, PageMemo, Reads, Tracker, TrackedCorpus, templates_state


@dataclass
class PageSource:
    """A page to hand to the generator: where it goes and its Markdown."""

    src_uri: str  # e.g. issues/2026-003.md
    title: str
    markdown: str  # with placeholders for ``fragments``
    # The page's HTML blocks, put back into the rendered page by fragments.splice.
    fragments: list[str] = field(default_factory=list)
    # Site-relative URLs of feeds about this page (for <link rel="alternate">).
    feeds: list[tuple[str, str]] = field(default_factory=list)
    _digest: str | None = field(default=None, repr=False, compare=False)

    def digest(self) -> str:
        """A digest of the Markdown and the blocks: the preview compares
        pages by it (a reused page keeps it)."""
        if self._digest is None:
            h = hashlib.blake2b(self.markdown.encode("utf-8", "surrogatepass"), digest_size=16)
            for part in self.fragments:
                h.update(part.encode("utf-8", "surrogatepass"))
            self._digest = h.hexdigest()
        return self._digest

    @property
    def url(self) -> str:
        if self.src_uri == "index.md":
            return ""
        if self.src_uri.endswith("/index.md"):
            return self.src_uri[: -len("index.md")]
        return self.src_uri[: -len(".md")] + "/"


_SAFE_URL = re.compile(r"[A-Za-z0-9/._~-]*")


def _segments(url: str, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A site URL's path segments, percent-encoded (ids are file names and
    may hold any character). A site has a few thousand URLs, each linked
    from many pages: ``known`` keeps them (one Renderer's, gone with it)."""
    found = known.get(url)
    if found is None:
        found = known[url] = tuple(s if _SAFE_URL.fullmatch(s) else quote(s, safe=".-_~")
                                   for s in url.split("/") if s)
    return found


@lru_cache(maxsize=4096)  # anchors are few: step-2, follow-up-1, minutes-status
def _fragment(anchor: str) -> str:
    return anchor if _SAFE_URL.fullmatch(anchor) and "/" not in anchor else quote(anchor, safe=".-_~")


def relative_url(from_url: str, to_url: str, known: dict[str, tuple[str, ...]] | None = None) -> str:
    """Relative href from the page at ``from_url`` to ``to_url`` (both
    site-relative URLs like ``issues/2026-003/``; '' is the home).

    Called for every link of every page, so it works on path segments
    (kept in ``known`` between calls) rather than through posixpath.relpath
    (site URLs are already normal)."""
    known = {} if known is None else known
    target, _, anchor = to_url.partition("#")
    here, there = _segments(from_url, known), _segments(target, known)
    common, most = 0, min(len(here), len(there))
    while common < most and here[common] == there[common]:
        common += 1
    rel = "/".join((("..",) * (len(here) - common)) + there[common:])
    if not rel:
        rel = "./"
    elif target == "" or target.endswith("/"):
        rel += "/"
    return rel + "#" + _fragment(anchor) if anchor else rel


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, by
    name and source checksum (a changed template is compiled again); and,
    given a folder (``share``), kept there too for the other processes of a
    run that compile the same templates: the builds of one run of
    scripts/build_site.py each compile the theme and the page templates
    (half a second a build) otherwise."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._folder: Path | None = None

    def share(self, folder: Path | None) -> None:
        self._folder = folder

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        # Jinja's key is the name and file only: how the environment reads
        # templates (its delimiters, extensions) decides the code too.
        key = hashlib.sha1(f"{self.get_cache_key(name, filename)}|{_syntax(environment)}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is None and self._folder is not None:
            try:
                data = (self._folder / bucket.key).read_bytes()
            except OSError:
                return
        if data is not None:
            bucket.bytecode_from_string(data)  # a stale checksum or Python version: compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            write_whole(self._folder / bucket.key, data)


def _syntax(env: jinja2.Environment) -> str:
    return repr((env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, env.optimized, sorted(env.extensions),
                 env.autoescape if isinstance(env.autoescape, bool) else "callable"))


_COMPILED = CompiledTemplates()


def share_compiled_pages(folder: Path | None) -> None:
    """Keep the page templates compiled in ``folder`` too, for the other
    processes of a run (None: in this process only)."""
    _COMPILED.share(folder)


_PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"
# Helpers whose answers depend on records, organisations, themes, the
# attention items or Git: the preview notes their calls (see reuse.py).
_READS_RECORDS = ("theme_label", "org_name", "org_link", "org_or_text", "record_link",
                  "attention_of", "git_first", "git_last")


def _environment(extra_templates: str | None) -> jinja2.Environment:
    """A Jinja environment of one Renderer: its globals and filters hold that
    Renderer's corpus, so it lives and goes with it. Templates are compiled
    once per process (``_COMPILED``), not again for every build or every
    rebuild of the preview server."""
    loaders: list[jinja2.BaseLoader] = []
    if extra_templates:
        loaders.append(jinja2.FileSystemLoader(extra_templates))
    loaders.append(jinja2.PackageLoader("ihmiskauppa", "templates/pages"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_COMPILED,
        auto_reload=False,  # one build: a template read once is not checked again on every page
    )


class _HelperCalls(jinja2.runtime.Context):
    """A template's context whose calls to the Renderer's own helpers (about
    a hundred per page: ``t``, ``record_link``, labels) and to macros go
    straight to them. Jinja's ``Context.call`` first asks every callable
    whether it wants the context passed in, which costs a fifth of
    rendering a page; these are known not to. Anything else (a helper of
    the project's own templates) still goes through Jinja's check."""

    plain: frozenset[Any] = frozenset()  # the Renderer's helpers, set per Renderer (see Renderer.__init__)

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        if type(__obj) is jinja2.runtime.Macro or __obj in __self.plain:
            # Jinja adds these for callables that take the context; a plain one never reads them.
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Context.call: a helper's StopIteration must not end the template's loop
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


class Renderer:
    """Renders every generated page of one edition in one language."""

    def __init__(self, corpus: Corpus, ctx: SiteContext, extra_templates: str | None = None,
                 feeds_of_page: Callable[[str], list[Any]] | None = None,
                 attention: list[Any] | None = None, git: Any = None, memo: Memo | None = None):
        self.corpus = corpus
        self.git = git
        self._attention: dict[tuple[str, str], list[Any]] = {}
        for item in attention or []:
            self._attention.setdefault((item.collection, item.record_id), []).append(item)
        self.feeds_of_page = feeds_of_page or (lambda url: [])
        self.ctx = ctx
        # The preview's memo: pages whose inputs did not change are reused (see reuse.py).
        self.tracker: Tracker | None = None
        self.kept: PageMemo | None = None
        self.fresh: list[tuple[Any, Kept]] = []  # pages rendered here, with what they read
        self.hits: list[Any] = []  # keys of the pages reused
        if memo is not None:
            self.tracker = Tracker(corpus)
            self.kept = PageMemo(memo, (ctx, templates_state(extra_templates, _PACKAGE_TEMPLATES)))
            self.feeds_of_page = self.tracker.wrap("feeds_of_page", self.feeds_of_page)
        self.env = _environment(extra_templates)
        helpers = self._globals()
        if self.tracker is not None:
            made_from = self._made_from()
            for name in _READS_RECORDS:
                helpers[name] = self.tracker.wrap(name, helpers[name], made_from.get(name))
            helpers["corpus"] = TrackedCorpus(self.tracker)
        self.env.globals.update(helpers)
        # None of the helpers takes Jinja's context: their calls may skip the check.
        plain = frozenset(f for f in helpers.values() if callable(f) and not hasattr(f, "jinja_pass_arg")
                          and not isinstance(f, type))
        self.env.context_class = type("HelperCalls", (_HelperCalls,), {"plain": plain})
        self.env.filters.update(self._filters())
        self._page_url = ""
        self._segments: dict[str, tuple[str, ...]] = {}  # see relative_url
        self._dates: dict[tuple[dt.date, str], str] = {}

    # --- template helpers -------------------------------------------------------

    def _globals(self) -> dict[str, Any]:
        lang = self.ctx.lang
        return {
            "ctx": self.ctx,
            "corpus": self.corpus,
            "vocab": vocab,
            "t": lambda key, **kw: ui.text(key, lang, **kw),
            "prose": lambda key, **kw: prose.prose(key, lang, **kw),
            # Fields that exist only in Finnish are marked as such in the other languages.
            "fi_attr": lambda: Markup(' lang="fi"') if lang != "fi" else Markup(""),
            "site_title": ui.text("site_name", lang),
            "stage_label": lambda v: vocab.label(vocab.STAGES, v, lang),
            "body_label": lambda v: vocab.label(vocab.BODIES, v, lang),
            "area_label": lambda v: vocab.label(vocab.AREAS, v, lang),
            "channel_label": lambda v: vocab.label(vocab.CHANNELS, v, lang),
            "minutes_label": lambda v: vocab.label(vocab.MINUTES_STATUSES, v, lang),
            "measure_label": lambda v: vocab.label(vocab.MEASURE_STATUSES, v, lang),
            "kind_label": lambda v: vocab.label(vocab.ORG_KINDS, v, lang),
            "theme_label": self.theme_label,
            "org_name": self.org_name,
            "org_link": self.org_link,
            "org_or_text": self.org_or_text,
            "record_link": self.record_link,
            "url": self.url,
            "today": self.ctx.today,
            "attention_of": lambda record: self._attention.get((record.collection, record.id), []),
            "git_first": lambda record: self.git.first_published(record.path) if self.git else None,
            "git_last": lambda record: self.git.last_changed(record.path) if self.git else None,
        }

    def _made_from(self) -> dict[str, Callable[..., Any]]:
        """What some helpers' answers are made from, for the preview to
        compare (see Tracker.wrap): a link or a name changes only with the
        record, organisation or theme it shows (the page, the language and
        the edition are the page's own)."""
        corpus = self.corpus
        org = lambda org_id: corpus.organisations.get(org_id) if org_id is not None else None  # noqa: E731

        def record(collection: str, record_id: str | None, anchor: str = "") -> Any:
            return None if record_id is None else corpus.collection(collection).get(record_id)
        return {"record_link": record, "org_link": org, "org_name": org,
                "org_or_text": lambda value: (value, org(value)),
                "theme_label": lambda theme_id: corpus.themes.get(theme_id)}

    def _filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "date": self.format_date,
            "date_long": lambda d: self.format_date(d, "long"),
            "md": self.markdown_block,
            # A heading's interface text, kept out of the Markdown (fragments.heading_label).
            "label": lambda text: Markup(heading_label(str(escape(text)))),
            "title_in": lambda r: r.title_in(self.ctx.lang),
            "summary_in": lambda r: r.summary_in(self.ctx.lang),
        }

    def format_date(self, value: dt.date | None, style: str = "medium") -> str:
        if value is None:
            return ""
        if style == "medium" and self.ctx.lang == "fi":
            return f"{value.day}.{value.month}.{value.year}"
        key = (value, style)
        if key not in self._dates:  # Babel is slow, and a site has few distinct days
            self._dates[key] = format_date(value, style, locale=self.ctx.lang)
        return self._dates[key]

    def url(self, target: str) -> str:
        return relative_url(self._page_url, target, self._segments)

    def theme_label(self, theme_id: str) -> str:
        theme = self.corpus.themes.get(theme_id)
        return theme.label(self.ctx.lang) if theme else theme_id

    def org_name(self, org_id: str | None) -> str:
        if org_id is None:
            return ""
        org = self.corpus.organisations.get(org_id)
        return org.name_in(self.ctx.lang) if org else ui.text("hidden_org", self.ctx.lang)

    def org_link(self, org_id: str | None) -> Markup:
        if org_id is None:
            return Markup("")
        org = self.corpus.organisations.get(org_id)
        if org is None:
            return Markup('<span class="ihku-withheld">{}</span>').format(ui.text("hidden_org", self.ctx.lang))
        return Markup(f'<a href="{escape(self.url(f"network/{org_id}/"))}">{escape(org.name_in(self.ctx.lang))}</a>')

    def record_link(self, collection: str, record_id: str | None, anchor: str = "") -> Markup:
        """A link to a record, or, when this edition does not show it, a plain
        neutral phrase without its title: never a dead link, never a leak."""
        if record_id is None:
            return Markup("")
        table = self.corpus.collection(collection)
        record = table.get(record_id)
        if record is None:
            return Markup('<span class="ihku-withheld">{}</span>').format(
                ui.text(f"withheld_{collection}", self.ctx.lang))
        href = self.url(record.url + (f"#{anchor}" if anchor else ""))
        return Markup(f'<a href="{escape(href)}">{escape(record.title_in(self.ctx.lang))}</a>')

    def markdown_block(self, text: str | None) -> Markup:
        """Editors' Markdown, passed through unescaped for the Markdown renderer,
        between blank lines so it is parsed as blocks of its own. Network-only
        passages (already cut in the public edition) are boxed as internal."""
        if not text:
            return Markup("")
        text = passages.to_markdown(text, ui.text("internal_passage", self.ctx.lang)) or ""
        return Markup(editor_markdown(text.strip("\n")))

    def org_or_text(self, value: str | None) -> Markup:
        """A field that holds an organisation id or a free-text name."""
        if value is None:
            return Markup("")
        if value in self.corpus.organisations or value == WITHHELD:
            return self.org_link(value)
        return Markup("{}").format(value)

    # --- pages ----------------------------------------------------------------

    def render(self, template: str, src_uri: str, title: str, nav_title: str | None = None,
               **values: Any) -> PageSource:
        """``nav_title``: a shorter title for the navigation tabs and <title>.
        With the preview's memo, the page kept from the previous rebuild if
        nothing it was rendered from has changed (see reuse.py)."""
        if self.tracker is None or self.kept is None:
            return self._render(template, src_uri, title, nav_title, values)
        reused = self.reused(template, src_uri, title, nav_title, **values)
        if reused is not None:
            return reused
        try:
            prints = self.tracker.prints.of(values)
        except NoFingerprint:  # rendered every time
            return self._render(template, src_uri, title, nav_title, values)
        self.tracker.current = Reads()
        try:
            page = self._render(template, src_uri, title, nav_title, values)
        finally:
            reads, self.tracker.current = self.tracker.current, None
        frozen = reads.frozen()
        if frozen is not None:
            key = self.kept.key(template, src_uri, title, nav_title)
            kept = Kept(prints, frozen, page)
            self.kept.keep(key, kept)
            self.fresh.append((key, kept))
        return page

    def reused(self, template: str, src_uri: str, title: str, nav_title: str | None = None,
               **values: Any) -> PageSource | None:
        """The page kept by the previous rebuild, if its values and every
        read it made are the same now (and keeps it for the next); else None."""
        if self.tracker is None or self.kept is None:
            return None
        key = self.kept.key(template, src_uri, title, nav_title)
        kept = self.kept.find(key)
        if kept is None:
            return None
        try:
            if self.tracker.prints.of(values) != kept.values:
                return None
        except NoFingerprint:
            return None
        self._page_url = kept.page.url  # links in the answers are relative to the page
        if not self.tracker.same(kept.reads):
            return None
        self.kept.keep(key, kept)
        self.hits.append(key)
        return kept.page

    def _render(self, template: str, src_uri: str, title: str, nav_title: str | None,
                values: dict[str, Any]) -> PageSource:
        page = PageSource(src_uri=src_uri, title=title, markdown="")
        self._page_url = page.url
        body = self.env.get_template(template).render(page=page, title=title, **values)
        # Page titles reach the theme's <title>, search index and nav, which
        # MkDocs renders without escaping: give them escaped text.
        feeds = [{"title": str(escape(f.title)), "rss": self.url(f.rss_path), "atom": self.url(f.atom_path)}
                 for f in self.feeds_of_page(page.url)]
        front = f"---\ntitle: {_yaml_str(str(escape(nav_title or title)))}\nihku_feeds: {_yaml_str(feeds)}\n---\n\n"
        stashed = stash(body)
        page.markdown = front + stashed.markdown
        page.fragments = stashed.fragments
        return page


def _yaml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
