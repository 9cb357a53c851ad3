"""The ``coordination`` MkDocs plugin: loads the records with the core library
and hands MkDocs the pages, files and assets the core generates."""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from material.plugins.search.plugin import SearchPlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ihmiskauppa import gitdates, yamlsource
from ihmiskauppa.corpus import Corpus
from ihmiskauppa.errors import ContentError, Problems
from ihmiskauppa.memo import Memo
from ihmiskauppa.parallel import Forked, can_split
from ihmiskauppa.privacy import Finding, scan
from ihmiskauppa.loader import load_or_raise
from ihmiskauppa.site import ui
from ihmiskauppa.site.context import SiteContext
from ihmiskauppa.site.fragments import PlaceholderExtension, relabel_toc, search_view, splice
from ihmiskauppa.site.outputs import plan_outputs, subscriptions
from ihmiskauppa.site.pages import build_pages_and_outputs, material_files, plan_pages

from .config import CoordinationConfig
from .conversions import SharedConversions
from .pages import RecordPage, SharedMarkdown
from .producer import Beside, InPlace, ProducerError
from .spool import Spool
from .theme_share import ThemeShare, choose_share
from . import theme_memo, theme_templates, watch

log = logging.getLogger("mkdocs.plugins.coordination")
THEME_DIR = Path(__file__).parent / "theme"
REQUIRED_EXTENSIONS = ("md_in_html", "attr_list", "tables")


class _Generated(File):
    """A generated file that a dirty rebuild may skip: MkDocs rewrites every
    file given as content, so we say ourselves whether it changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class _Produced(File):
    """An output the producer writes into the site itself (see producer.py):
    registered so links to it are checked, never copied by MkDocs."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


@dataclass
class _Preview:
    """What the preview server keeps from one rebuild to the next (MkDocs
    keeps a plugin instance across rebuilds when it has on_startup)."""

    dirty: bool  # mkdocs serve --dirty (ihku preview): skip what did not change
    memo: Memo = field(default_factory=Memo)  # parses, privacy scans, feeds, calendars by input
    written: dict[str, str] = field(default_factory=dict)  # site file -> digest of its last build
    building: dict[str, str] = field(default_factory=dict)  # the same for the build under way


class CoordinationPlugin(BasePlugin[CoordinationConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview: _Preview | None = None
        self.corpus: Corpus | None = None
        self.ctx: SiteContext | None = None
        self.content_dir: Path | None = None
        self.cache_dir: Path | None = None
        self.templates_dir: str | None = None
        self.git: gitdates.GitDates | None = None
        # Generated pages' HTML blocks by src_uri, until the page is rendered.
        self.fragments: dict[str, list[str]] = {}
        self._rendered: dict[str, str] = {}  # a page's HTML with placeholders, while search reads it
        self.producer: InPlace | None = None  # renders our pages and files when MkDocs needs them
        self._held: Spool | None = None  # generated pages' HTML between MkDocs' two passes
        self._generated_pages: set[str] = set()  # src_uris of every generated page
        self.theme_share: ThemeShare | None = None  # a fork rendering some record pages with the theme
        self._nav = None  # the build's nav, for that fork
        self._watcher = None  # the preview's observer of the content tree (watch.py)
        self._conversions: SharedConversions | None = None  # shared by the builds of one run
        self._compiled_shared = False  # compiled templates too (theme_templates.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = _Preview(dirty) if command == "serve" else None

    # --- configuration: load and validate the records once per build -----------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.fragments, self._rendered = {}, {}
        if not self.config.enabled:
            return None
        memo = self.preview.memo if self.preview else None
        if memo is not None:
            memo.next_run()
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (base / self.config.content_dir).resolve()
        self.cache_dir = (base / self.config.cache_dir).resolve() if self.config.cache_dir else None
        # Relative to mkdocs.yml, like content_dir (not to wherever mkdocs runs).
        self.templates_dir = str(base / self.config.templates_dir) if self.config.templates_dir else None
        preloaded = _PRELOADED.get(self.content_dir)
        edition = self.config.edition
        if preloaded is not None:  # scripts/build_site.py read the records once for every build
            corpus, problems, self.git = preloaded
            self.corpus, findings = _edition(corpus, edition, None)
        elif self.preview is None and can_split():
            # Read in a forked process, which hands back only the edition's
            # records: the parser's garbage and the YAML kept for the checks
            # never take up this process's memory (it peaks later, with the
            # search index).
            try:
                answer = Forked(lambda: _read_apart(self.content_dir, edition)).result()
            except RuntimeError as exc:
                raise PluginError(f"coordination: reading the records failed:\n{exc}") from None
            if isinstance(answer, str):  # the content's errors, before anything is written
                raise PluginError(answer)
            self.corpus, problems, self.git, findings = answer
        else:
            try:
                with yamlsource.reusing(memo):
                    corpus, problems = load_or_raise(self.content_dir, privacy=False)
            except ContentError as exc:
                # Raised before anything is written: the previous site stays as it was.
                raise PluginError(str(exc)) from None
            # Publication dates from Git, one pass for the whole tree.
            self.git = gitdates.read(self.content_dir)
            self.corpus, findings = _edition(corpus, edition, memo)
        for warning in problems.warnings:
            log.info(warning.format())
        self._guard_personal_data(findings)
        # The records live as long as the build: keep the cyclic garbage
        # collector from walking them again at every collection while MkDocs
        # renders (its Markdown trees trigger many), and keep them off the
        # pages a forked producer would otherwise copy.
        gc.freeze()
        if self.git.warning:
            log.info(f"coordination: {self.git.warning}")
        self.ctx = SiteContext(
            edition=self.config.edition,
            lang=self.config.language,
            today=_today(self.config.today),
            site_url=config.site_url or "",
        )
        lang = self.config.language
        config.extra["ihku"] = {
            "edition": self.config.edition,
            "banner_title": ui.text("edition_network", lang) + ".",
            "banner_text": ui.text("edition_network_note", lang),
        }
        config.extra["alternate"] = _alternates(lang)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(PlaceholderExtension())
        # Our page overrides and stylesheet, after the user's own overrides.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR / "overrides"))
        config.extra_css.append("assets/ihku/ihku.css")
        return config

    def _guard_personal_data(self, findings: list[Finding]) -> None:
        """Personal data stops the public build; the network edition warns."""
        assert self.content_dir is not None
        problems = Problems(self.content_dir)
        severity = "error" if self.config.edition == "public" else "warning"
        for finding in findings:
            problems.add(Path(finding.path), finding.line, finding.field, finding.message, severity)
        if problems.errors:
            raise PluginError(str(ContentError(problems.errors)))
        for warning in problems.warnings:
            # info, not warning: --strict would turn a warning into a failed network build
            log.info("personal data? " + warning.format())

    # --- files: generated pages, materials and assets ----------------------------

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.corpus is None or self.ctx is None:
            return None
        subs = subscriptions(self.corpus, self.ctx)
        if self.preview is None:
            generated = self._produce(files, config, subs)
        else:
            # The preview renders everything now: a dirty rebuild compares
            # every page and file with the previous build's to skip the same.
            generated = set()
            # On two cores: the server's other threads only serve files and
            # watch the folder; the helper is a bare fork (see parallel.py).
            # Feeds, calendars and exports are files of the build, registered
            # here (not written after it) so --strict accepts links to them.
            pages, outputs = build_pages_and_outputs(self.corpus, self.ctx, subs, config.site_name,
                                                     self.templates_dir, self.git, self.cache_dir,
                                                     self.preview.memo)
            for page in pages:
                generated.add(page.src_uri)
                _add(files, self._generated(config, page.src_uri, page.markdown, digest=page.digest()))
                if page.fragments:
                    self.fragments[page.src_uri] = page.fragments
            for output in outputs:
                _add(files, self._generated(config, output.path, output.data))
        for site_path, source in material_files(self.corpus):
            _add(files, File.generated(config, site_path, abs_src_path=source))
        _add(files, File.generated(config, "assets/ihku/ihku.css",
                                   abs_src_path=str(THEME_DIR / "assets" / "ihku.css")))
        # A page the nav names but this content does not produce (the
        # accessibility statement without content/accessibility.yml) leaves
        # the nav, rather than failing a strict build with a dead nav entry.
        self._generated_pages = generated
        missing = {uri for uri in OPTIONAL_PAGES if uri not in generated and files.get_file_from_path(uri) is None}
        if missing and config.nav:
            config.nav = _without(config.nav, missing)
        return files

    def _parallel(self) -> bool:
        # The producer is for full builds: the preview renders every page
        # first (see on_files) and keeps its memo and digests in this process.
        wanted = {"1": True, "0": False}.get(os.environ.get("IHKU_PARALLEL", ""), self.config.parallel)
        return wanted and self.preview is None and can_split()

    def _produce(self, files: Files, config: MkDocsConfig, subs) -> set[str]:  # type: ignore[no-untyped-def]
        """Register every page and output, rendered only when needed (see
        producer.py): a page's source in on_page_read_source, the outputs
        written into the site by the time on_post_build ends. With
        ``parallel`` (the default), a second process makes half the pages and
        the outputs meanwhile (producer.Beside)."""
        assert self.corpus is not None and self.ctx is not None
        pages = plan_pages(self.corpus, self.ctx, subs, self.templates_dir, self.git)
        outputs = plan_outputs(self.corpus, self.ctx, subs, config.site_name, self.git, self.cache_dir)
        if self._parallel():
            self.producer = Beside(pages, outputs, Path(config.site_dir))
            log.info(f"coordination: {PRODUCER_NOTE}")
        else:
            self.producer = InPlace(pages, outputs, Path(config.site_dir),
                                    outputs_first=os.environ.get(OUTPUTS_FIRST_VARIABLE) == "1")
        self._held = Spool()
        in_nav = _nav_paths(config.nav or [])
        self._conversions = SharedConversions.from_environment(config)
        self._compiled_shared = theme_templates.use_run_folder()
        shared = SharedMarkdown(self._conversions)
        for page in pages:
            file = File.generated(config, page.src_uri, content="")  # the source comes from the producer
            _add(files, file)
            if page.src_uri not in in_nav:  # a nav entry may give its page a title: MkDocs makes those
                RecordPage(file, config, shared)
        # Registered, not written by MkDocs, so --strict accepts links to them.
        for output in outputs:
            _add(files, _Produced.generated(config, output.path, content=b""))
        return {page.src_uri for page in pages}

    def on_page_read_source(self, *, page, config):  # type: ignore[no-untyped-def]
        if self.producer is None or page.file.src_uri not in self._generated_pages:
            return None
        try:
            markdown, fragments, ahead = self.producer.page(page.file.src_uri)
        except ProducerError as exc:
            raise PluginError(f"coordination: rendering the generated pages failed:\n{exc}") from None
        if ahead is not None:
            page.ahead = ahead
        if fragments:
            self.fragments[page.file.src_uri] = fragments
        return markdown

    def _ahead(self, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """How a second process converts a record page's Markdown ahead; None
        where another plugin changes pages' Markdown (on_page_markdown runs
        here, before the conversion, so it must be done here too)."""
        if any(getattr(handler, "__self__", None) is not self for handler in config.plugins.events["page_markdown"]):
            return None

        def ahead(src_uri: str, source: str):  # type: ignore[no-untyped-def]
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            return page.render_ahead(source, config, files) if isinstance(page, RecordPage) else None
        return ahead

    def _close_producer(self) -> None:
        if self.producer is not None:
            self.producer.close()
            self.producer = None
        if self._held is not None:
            self._held.close()
            self._held = None
        if self.theme_share is not None:
            self.theme_share.close()
            self.theme_share = None

    def on_build_error(self, *, error: Exception) -> None:
        self._close_producer()

    def _generated(self, config: MkDocsConfig, src_uri: str, content: str | bytes, digest: str | None = None) -> File:
        """A generated file; in the preview, marked unchanged if its digest
        (of ``content`` unless given) is the previous build's."""
        file = _Generated.generated(config, src_uri, content=content)
        if self.preview is not None:
            if digest is None:
                digest = hashlib.blake2b(content if isinstance(content, bytes) else content.encode(),
                                         digest_size=16).hexdigest()
            self.preview.building[src_uri] = digest
            file.unchanged = self.preview.dirty and self.preview.written.get(src_uri) == digest
        return file

    @event_priority(-100)  # last: the theme's fork must see every plugin's environment
    def on_env(self, env, *, config, files):  # type: ignore[no-untyped-def]
        """Every page is read and converted: a full build needs its records
        no more (the theme works from the pages; outputs are the producer's).
        Let their memory serve the theme and the search index instead. With
        ``parallel``, a fork renders a share of the record pages with the
        theme from here on (theme_share.py)."""
        if self.preview is not None or self._compiled_shared:
            theme_templates.keep_compiled(env)
        theme_memo.install(env, theme_memo.ThemeMemo(config.theme.get("features") or [],
                                                     (config.theme.get("logo"), config.extra.get("homepage"))))
        if self.preview is None and self.producer is not None:
            self.producer.pages_done()
            self.corpus = None
            # The page templates' environment holds the records in cycles
            # (its globals call back into the renderer): one collection
            # frees them. Timed by scripts/build_phases.py (on_env).
            gc.collect()
            entries = self._search_entries(config)
            if entries is not None:
                every = files.documentation_pages(inclusion=InclusionLevel.is_included)  # MkDocs' loop, in its order
                share = self._theme_share(every)
                self.theme_share = ThemeShare(config, files, every, self._nav, env, share, entries)
                log.info(f"coordination: {len(share)} of the {len(every)} pages "
                         "are rendered with the theme in a second process")
        return env

    def _search_entries(self, config: MkDocsConfig) -> list | None:
        """The search index's entries, where a fork may render pages with the
        theme: a lone build (``parallel``) whose page events are only ours
        and Material's search plugin's (any other plugin's state would stay
        in the fork). An empty list where search is off; None where not."""
        if not isinstance(self.producer, Beside) or self._nav is None:
            return None
        # A hook (mkdocs.yml's hooks:) is a plain function: no __self__.
        if any(getattr(config.plugins.events[event][-1], "__self__", None) is not self for event in ("nav", "env")):
            return None
        searches = [plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)]
        for event in ("page_context", "post_page"):
            if any(getattr(handler, "__self__", None) not in (self, *searches)
                   for handler in config.plugins.events[event]):
                return None
        if len(searches) > 1:
            return None
        index = getattr(searches[0], "search_index", None) if searches else None  # None: search is off
        return index.entries if index is not None else []

    def _theme_share(self, every: list[File]) -> set[str]:
        """The record pages the fork renders (THEME_SHARE of every page's HTML, by size)."""
        assert self._held is not None
        pages = []
        for file in every:
            held = self._held.size(file.src_uri)
            size = held or len(getattr(file.page, "content", None) or "")
            pages.append((file.src_uri, size, held > 0 and isinstance(file.page, RecordPage)))
        return choose_share(pages, THEME_SHARE)

    @event_priority(100)  # before the search plugin writes its index
    def _theme_done(self, *, config: MkDocsConfig) -> None:
        if self.theme_share is not None:
            share, self.theme_share = self.theme_share, None
            try:
                share.finish(config)
            except RuntimeError as exc:
                raise PluginError(f"coordination: rendering pages with the theme failed:\n{exc}") from None

    def _outputs_done(self, *, config: MkDocsConfig) -> None:
        if self.producer is not None:  # the outputs, written while MkDocs rendered the pages
            try:
                self.producer.finish()
            except ProducerError as exc:
                raise PluginError(f"{OUTPUTS_FAILED}\n{exc}") from None
            finally:
                self._close_producer()
        if self._conversions is not None:
            log.info(f"coordination: {self._conversions.found} record pages' Markdown conversions "
                     "came from another build of this run")
            self._conversions = None
        if self.preview is not None:  # only a finished build counts as written
            self.preview.written, self.preview.building = self.preview.building, {}

    on_post_build = CombinedEvent(_theme_done, _outputs_done)

    @event_priority(-100)  # last: the nav it keeps for the theme's fork is the final one
    def on_nav(self, nav, *, config, files):  # type: ignore[no-untyped-def]
        """Section titles in mkdocs.yml are interface-text keys ("more"), so
        every language shares one nav. Every file is known now: the
        producer may start converting pages."""
        self._nav = nav
        if self.producer is not None:
            # One process converts ahead only where another build shares its conversions.
            ahead = self._ahead(config, files) if isinstance(self.producer, Beside) or self._conversions else None
            try:
                self.producer.start(ahead)
            except ProducerError as exc:  # the outputs, where they are made first
                raise PluginError(f"{OUTPUTS_FAILED}\n{exc}") from None
        for item in nav.items:
            if item.is_section and item.title in NAV_SECTIONS:
                item.title = ui.text(NAV_SECTIONS[item.title], self.config.language)
        return nav

    # A generated page's structure skipped the Markdown renderer (see
    # ihmiskauppa.site.fragments). The search plugin (priority 0) reads the
    # page with its blocks as plain text; the theme gets the full HTML.
    @event_priority(100)
    def _for_search(self, context, *, page, config, nav):  # type: ignore[no-untyped-def]
        if self.theme_share is not None:
            self.theme_share.before_page(page)
        if self._held is not None and page.file.src_uri in self._held:  # back from disk (see on_page_content)
            page.content, fragments = self._held.take(page.file.src_uri)
            if fragments:
                self.fragments[page.file.src_uri] = fragments
        fragments = self.fragments.get(page.file.src_uri)
        if fragments:
            relabel_toc(page.toc, fragments)
            self._rendered[page.file.src_uri] = page.content
            page.content = search_view(page.content, fragments)
        return context

    @event_priority(-100)
    def _for_theme(self, context, *, page, config, nav):  # type: ignore[no-untyped-def]
        fragments = self.fragments.pop(page.file.src_uri, None)
        if fragments:
            page.content = splice(self._rendered.pop(page.file.src_uri), fragments)
        context["ihku_edition"] = self.config.edition
        return context

    on_page_context = CombinedEvent(_for_search, _for_theme)

    @event_priority(-100)  # after every other plugin's
    def on_page_content(self, html: str, *, page, config, files):  # type: ignore[no-untyped-def]
        # A generated page's Markdown is not read again once converted (its
        # title comes from its meta): do not keep every page's until the end.
        # MkDocs converts every page before the theme renders any: a full
        # build keeps a generated page's HTML and blocks on disk meanwhile
        # (they are most of its memory), and takes them back for the theme.
        if page.file.src_uri in self._generated_pages:
            page.markdown = ""
            if self._held is not None:
                self._held.store(page.file.src_uri, (html, self.fragments.pop(page.file.src_uri, None)))
                return ""
        return html

    def on_post_page(self, output: str, *, page, config):  # type: ignore[no-untyped-def]
        # MkDocs keeps every page's HTML until the build ends; a generated
        # page's is not read again once it is written (its search entries
        # are made), and it is most of a build's memory. (Its Markdown went
        # in on_page_content.) Other pages are left as they are.
        if page.file.src_uri in self._generated_pages:
            page.content = ""
        return output

    # --- preview: rebuild when a record changes ----------------------------------

    def on_serve(self, server, *, config, builder):  # type: ignore[no-untyped-def]
        if self.content_dir is not None:
            # Native file events where they work (watch.py), else MkDocs' polling.
            self._watcher = watch.watch(server, self.content_dir)
            if self._watcher is None:
                server.watch(str(self.content_dir))
        return server

    def on_shutdown(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None


def _edition(corpus: Corpus, edition: str, memo: Memo | None) -> tuple[Corpus, list[Finding]]:
    """The records ``edition`` shows, and what the personal-data scan finds in
    them. Outside the preview (whose memo keeps scans for the next
    rebuild) the YAML sources are dropped after the scan: nothing later
    reads them."""
    view = corpus.for_edition(edition)
    findings = scan(view, corpus.allowed_addresses, memo=memo)
    if memo is None:
        corpus.release_sources()
        view.release_sources()
    return view, findings


def _read_apart(content_dir: Path, edition: str) -> tuple[Corpus, Problems, gitdates.GitDates, list[Finding]] | str:
    """Read, date and scan the records (run in a forked process): the
    edition's records, or the content's errors as text."""
    try:
        corpus, problems = load_or_raise(content_dir, privacy=False)
    except ContentError as exc:
        return str(exc)
    view, findings = _edition(corpus, edition, None)
    return view, problems, gitdates.read(content_dir), findings


# Content trees read before the builds that use them (see preload).
_PRELOADED: dict[Path, tuple[Corpus, Problems, gitdates.GitDates]] = {}


def preload(content_dir: Path) -> None:
    """Read, validate and date a content tree once, for every build this
    process (or a process forked from it) runs next. Raises ContentError."""
    content_dir = Path(content_dir).resolve()
    corpus, problems = load_or_raise(content_dir, privacy=False)
    _PRELOADED[content_dir] = (corpus, problems, gitdates.read(content_dir))


NAV_SECTIONS = {"more": "nav_more"}
# The fork's share of the pages' HTML: a little under half, as this process
# also copies the theme's assets, writes the sitemap and the search index,
# and the producer's process (writing the outputs) shares the cores meanwhile.
THEME_SHARE = 0.45
PRODUCER_NOTE = "half the pages, and the feeds, calendars and exports, are made in a second process"
OUTPUTS_FAILED = "coordination: writing feeds, calendars and exports failed:"
# Set by scripts/build_site.py ("1") for a one-process build it starts beside another (producer.InPlace).
OUTPUTS_FIRST_VARIABLE = "IHKU_OUTPUTS_FIRST"
OPTIONAL_PAGES = {"accessibility.md"}  # generated only from an optional content file


def _nav_paths(nav: list) -> set[str]:
    """Every page path the nav (mkdocs.yml's list form) names."""
    found: set[str] = set()
    for item in nav:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, list):
                found |= _nav_paths(value)
    return found


def _without(nav: list, targets: set[str]) -> list:
    """The nav (mkdocs.yml's list form) without the entries that point to ``targets``."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, str) and value in targets:
            continue
        if isinstance(value, list):
            item = {next(iter(item)): _without(value, targets)}
        out.append(item)
    return out
LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def _alternates(current: str) -> list[dict[str, object]]:
    """The language selector's entries. Finnish is the edition's root, the
    others live in sv/ and en/ below it (see scripts/build_site.py). ``root``
    is that language's root relative to this language's root: our selector
    goes to the same page there. ``link`` (the same path, for Material's
    hreflang links and sitemap lookups) stays relative, so it works on any
    host the edition is served from."""
    up = "" if current == "fi" else "../"
    out = []
    for lang in ("fi", "sv", "en"):
        root = up + ("" if lang == "fi" else f"{lang}/")
        out.append({"name": LANGUAGE_NAMES[lang], "lang": lang, "current": lang == current,
                    "root": root, "link": root or "./"})
    return out


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        raise PluginError(
            f"'{file.src_uri}' is generated from the records, but docs_dir also has a file there; "
            "remove it from docs_dir")
    files.append(file)


def _today(option: str) -> dt.date:
    value = os.environ.get("IHKU_TODAY") or option
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"coordination: today: found {value!r}; write a date YYYY-MM-DD") from None
