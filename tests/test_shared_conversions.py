"""Record pages' Markdown conversions shared by the builds of one run
(plugins/ihmiskauppa_mkdocs/conversions.py): scripts/build_site.py lets its
builds take a page's conversion from another build only where it would come
out the same, links and warnings included."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from sitebuild import ROOT, TODAY, copy_project

from ihmiskauppa_mkdocs.conversions import FOLDER_VARIABLE, SharedConversions, settings_key
from ihmiskauppa_mkdocs.pages import RecordPage, SharedMarkdown
from ihmiskauppa_mkdocs.theme_templates import TEMPLATES_VARIABLE

BODY = "# Kokous\n\nKatso [asia](../issues/2026-001.md) ja [toinen](../issues/2026-002.md).\n"


def _config(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    return load_config(str(project / "mkdocs.yml"))


def _files(config, *src_uris: str) -> Files:  # type: ignore[no-untyped-def]
    return Files([File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
                  for uri in src_uris])


def _render(config, files: Files, shared: SharedConversions, source: str = BODY,  # type: ignore[no-untyped-def]
            uri: str = "meetings/2026-01-01.md") -> RecordPage:
    page = RecordPage(files.get_file_from_path(uri), config, SharedMarkdown(shared))
    page.markdown = source
    page.render(config, files)
    return page


def test_a_conversion_is_taken_only_where_every_link_finds_the_same_file(tmp_path: Path, caplog) -> None:
    config = _config(tmp_path)
    folder = tmp_path / "shared"
    folder.mkdir()
    settings = settings_key(config)
    assert settings is not None
    network = _files(config, "meetings/2026-01-01.md", "issues/2026-001.md", "issues/2026-002.md")
    public = _files(config, "meetings/2026-01-01.md", "issues/2026-001.md")  # 2026-002 is network-only

    first = SharedConversions(folder, settings)
    made = _render(config, network, first)
    assert first.found == 0
    assert 'href="../../issues/2026-002/"' in made.content

    again = SharedConversions(folder, settings)  # another build with the same files: taken
    taken = _render(config, network, again)
    assert again.found == 1
    assert taken.content == made.content
    assert [item["id"] for item in taken.toc.items[0].children] == [] and taken.title == made.title

    caplog.set_level(logging.WARNING, logger="mkdocs")
    other = SharedConversions(folder, settings)  # a link finds no file here: converted again
    alone = _render(config, public, other)
    assert other.found == 0
    assert 'href="../issues/2026-002.md"' in alone.content  # left as MkDocs leaves a dead link
    assert 'href="../../issues/2026-001/"' in alone.content
    warned = [r.getMessage() for r in caplog.records if "2026-002" in r.getMessage()]
    assert len(warned) == 1

    # The public build's own conversion is kept too: the next build like it
    # takes it, and logs its warning again (so --strict counts it there).
    caplog.clear()
    twin = SharedConversions(folder, settings)
    repeated = _render(config, public, twin)
    assert twin.found == 1
    assert repeated.content == alone.content
    assert [r.getMessage() for r in caplog.records if "2026-002" in r.getMessage()] == warned


def test_another_page_or_other_settings_share_nothing(tmp_path: Path) -> None:
    config = _config(tmp_path)
    folder = tmp_path / "shared"
    folder.mkdir()
    settings = settings_key(config)
    files = _files(config, "meetings/2026-01-01.md", "meetings/2026-02-01.md", "issues/2026-001.md",
                   "issues/2026-002.md")
    _render(config, files, SharedConversions(folder, settings))  # type: ignore[arg-type]

    elsewhere = SharedConversions(folder, settings)  # type: ignore[arg-type]
    _render(config, files, elsewhere, uri="meetings/2026-02-01.md")
    assert elsewhere.found == 0  # the same Markdown on another page: its links are relative to that page

    config["mdx_configs"] = {**config["mdx_configs"], "toc": {"permalink": True}}
    changed = settings_key(config)
    assert changed is not None and changed != settings
    other = SharedConversions(folder, changed)
    assert "headerlink" in _render(config, files, other).content
    assert other.found == 0
    config["markdown_extensions"] = [*config["markdown_extensions"], object()]
    assert settings_key(config) is None  # an option that cannot be compared: nothing is shared


def test_a_conversion_that_cannot_be_kept_is_only_not_shared(tmp_path: Path) -> None:
    config = _config(tmp_path)
    folder = tmp_path / "gone"
    folder.mkdir()
    shared = SharedConversions(folder, settings_key(config))  # type: ignore[arg-type]
    folder.rmdir()  # the run's folder is gone (or the disk is full): nothing can be kept
    files = _files(config, "meetings/2026-01-01.md", "issues/2026-001.md", "issues/2026-002.md")
    page = _render(config, files, shared)
    assert 'href="../../issues/2026-002/"' in page.content and shared.found == 0
    assert not folder.exists()


def test_a_record_still_being_written_is_taken_only_once_whole(tmp_path: Path) -> None:
    """Each build appends to a pack of its own; another build reads it as it
    grows and never takes half a record, nor one whose bytes are not those
    written."""
    config = _config(tmp_path)
    settings = settings_key(config)
    assert settings is not None
    files = _files(config, "meetings/2026-01-01.md", "meetings/2026-02-01.md", "issues/2026-001.md",
                   "issues/2026-002.md")
    written = tmp_path / "written"
    written.mkdir()
    first = SharedConversions(written, settings)
    made = [_render(config, files, first, uri=uri) for uri in ("meetings/2026-01-01.md", "meetings/2026-02-01.md")]
    [pack] = written.glob("*.pack")  # one file for the build, not one per page
    whole = pack.read_bytes()

    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "notes.txt").write_bytes(b"not a pack")  # other files are left alone
    growing = folder / "other.pack"
    growing.write_bytes(whole[:-7])  # the second record is still being written
    reader = SharedConversions(folder, settings)
    assert _render(config, files, reader, uri="meetings/2026-01-01.md").content == made[0].content
    assert reader.found == 1
    with growing.open("ab") as handle:
        handle.write(whole[-7:])  # now whole: the next look reads on from where it stopped
    assert _render(config, files, reader, uri="meetings/2026-02-01.md").content == made[1].content
    assert reader.found == 2

    spoilt = bytearray(whole)
    spoilt[-1] ^= 0xFF  # the last byte of the second record's payload
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "other.pack").write_bytes(bytes(spoilt))
    careful = SharedConversions(damaged, settings)
    assert _render(config, files, careful, uri="meetings/2026-01-01.md").content == made[0].content
    assert _render(config, files, careful, uri="meetings/2026-02-01.md").content == made[1].content
    assert careful.found == 1  # the spoilt record was converted again, not unpickled


def test_a_forked_build_keeps_its_conversions_in_a_pack_of_its_own(tmp_path: Path) -> None:
    import multiprocessing

    config = _config(tmp_path)
    settings = settings_key(config)
    assert settings is not None
    folder = tmp_path / "shared"
    folder.mkdir()
    files = _files(config, "meetings/2026-01-01.md", "meetings/2026-02-01.md", "issues/2026-001.md",
                   "issues/2026-002.md")
    shared = SharedConversions(folder, settings)
    _render(config, files, shared, uri="meetings/2026-01-01.md")
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_render, args=(config, files, shared, BODY, "meetings/2026-02-01.md"))
    child.start()
    child.join()
    assert child.exitcode == 0
    assert len(list(folder.glob("*.pack"))) == 2  # not appended to the parent's, where it could interleave
    later = SharedConversions(folder, settings)
    for uri in ("meetings/2026-01-01.md", "meetings/2026-02-01.md"):
        _render(config, files, later, uri=uri)
    assert later.found == 2


def test_builds_of_one_run_share_and_build_the_same_sites(tmp_path: Path) -> None:
    """Two builds in one process (as build_site.py's are forked from one), the
    network edition first: the public one takes most of its record pages'
    conversions and is the same byte for byte as the public edition built alone."""
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "shared"
    folder.mkdir()
    script = textwrap.dedent(f"""
        import sys
        from mkdocs.__main__ import cli
        for config, out in (("mkdocs.yml", "network"), ("mkdocs.public.yml", "public")):
            try:
                cli.main(["build", "--strict", "-f", config, "-d", {str(tmp_path)!r} + "/" + out],
                         standalone_mode=False)
            except SystemExit as exc:
                sys.exit(exc.code)
    """)
    env = {**os.environ, "IHKU_TODAY": TODAY, "IHKU_PARALLEL": "0", FOLDER_VARIABLE: str(folder)}
    together = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              cwd=project)
    assert together.returncode == 0, together.stderr
    counts = [int(line.split("coordination: ")[1].split()[0]) for line in together.stderr.splitlines()
              if "conversions came from another build" in line]
    assert len(counts) == 2 and counts[0] == 0
    public_pages = len(list((tmp_path / "public").rglob("index.html")))
    # Most public pages, not all: some show less than in the network edition.
    assert public_pages / 2 < counts[1] < public_pages, (counts, public_pages)

    alone = _same_as_built_alone(project, "mkdocs.public.yml", tmp_path / "public", tmp_path / "alone")
    assert "conversions came from another build" not in alone.stderr


def test_build_site_gives_its_builds_one_folder_for_the_run(tmp_path: Path, monkeypatch) -> None:
    """What the builds see while they run (the folder exists, the variable
    names it) and that nothing is left once they are done."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_site

    project = copy_project(tmp_path / "project")
    seen: list[list[tuple[str | None, bool]]] = []

    def run_builds(configs, staging, workers):  # type: ignore[no-untyped-def]
        folders = [os.environ.get(variable) for variable in (FOLDER_VARIABLE, TEMPLATES_VARIABLE)]
        seen.append([(folder, folder is not None and Path(folder).is_dir()) for folder in folders])
        for stage in staging:
            stage.mkdir()
        return [(0, "")] * len(configs)

    monkeypatch.setattr(build_site, "_run_builds", run_builds)
    monkeypatch.delenv(FOLDER_VARIABLE, raising=False)
    monkeypatch.delenv(TEMPLATES_VARIABLE, raising=False)
    configs = [project / "mkdocs.yml", project / "mkdocs.public.yml"]
    assert build_site.build(configs, 2, tmp_path / "out") == 0
    assert build_site.build(configs[:1], 2, tmp_path / "one") == 0
    run, alone = seen
    assert len({folder for folder, _ in run}) == 2  # conversions and compiled templates apart
    for (folder, existed), variable in zip(run, (FOLDER_VARIABLE, TEMPLATES_VARIABLE)):
        assert existed and Path(folder).parent.parent == tmp_path / "out"  # in the run's staging folder
        assert not Path(folder).exists() and variable not in os.environ
    assert alone == [(None, False), (None, False)]  # one build has no one to share with


def _translated_bodies(content: Path, lang: str) -> set[str]:
    """src_uris of the records whose body is translated into ``lang`` (read
    here with plain YAML, not with the core library)."""
    import yaml

    translated = set()
    for collection in ("issues", "meetings", "international", "trainings"):
        for sibling in (content / collection).glob(f"*.{lang}.md"):
            body = sibling.read_text(encoding="utf-8").split("---", 2)[2]
            if body.strip():
                translated.add(f"{collection}/{sibling.name.split('.')[0]}.md")
    return translated


def test_the_languages_share_the_pages_of_records_not_translated(tmp_path: Path) -> None:
    """The Finnish and the Swedish network edition in one process: the headings'
    interface text is kept out of the Markdown (fragments.heading_label), so
    the Swedish build takes the conversion of every record page whose body
    is not translated into Swedish, converts the translated ones itself,
    compiles no template the Finnish build compiled, and builds the same
    site as the Swedish edition built alone."""
    project = copy_project(tmp_path / "project")
    folder, compiled = tmp_path / "shared", tmp_path / "compiled"
    folder.mkdir()
    compiled.mkdir()
    script = textwrap.dedent(f"""
        import json, sys
        import jinja2
        from mkdocs.__main__ import cli
        from ihmiskauppa_mkdocs import conversions
        names = []
        compile = jinja2.Environment.compile
        def counting(self, source, name=None, *args, **kwargs):
            names.append(name)
            return compile(self, source, name, *args, **kwargs)
        jinja2.Environment.compile = counting
        taken = []
        convert = conversions.SharedConversions.convert
        def noting(self, file, source, files, make):
            rendered = convert(self, file, source, files, make)
            taken.append((file.src_uri, rendered.shared))
            return rendered
        conversions.SharedConversions.convert = noting
        compiled = []
        for config, out in (("mkdocs.yml", "fi"), ("mkdocs.sv.yml", "sv")):
            del taken[:], names[:]
            try:
                cli.main(["build", "--strict", "-f", config, "-d", {str(tmp_path)!r} + "/" + out],
                         standalone_mode=False)
            except SystemExit as exc:
                sys.exit(exc.code)
            compiled.append(list(names))
        print(json.dumps([taken, compiled]))
    """)
    env = {**os.environ, "IHKU_TODAY": TODAY, "IHKU_PARALLEL": "0", FOLDER_VARIABLE: str(folder),
           TEMPLATES_VARIABLE: str(compiled)}
    together = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=project)
    assert together.returncode == 0, together.stderr
    pairs, (fi_compiled, sv_compiled) = json.loads(together.stdout.strip().splitlines()[-1])
    taken = dict(pairs)
    # Every theme and page template the Finnish build compiled, the Swedish one took; it compiles
    # only Material's language partials, which its search plugin reads before the build's
    # environment exists.
    assert len(fi_compiled) > 20 and all(name.startswith("partials/language") for name in sv_compiled), sv_compiled
    translated = _translated_bodies(project / "content", "sv")
    records = {uri for uri in taken if uri.split("/")[0] in ("issues", "meetings", "international", "trainings")}
    assert translated and translated <= records
    assert [uri for uri in translated if taken[uri]] == []  # its own text: converted again
    assert [uri for uri in records - translated if not taken[uri]] == []  # every other: taken

    _same_as_built_alone(project, "mkdocs.sv.yml", tmp_path / "sv", tmp_path / "alone")


def _same_as_built_alone(project: Path, config: str, made: Path, alone: Path) -> subprocess.CompletedProcess[str]:
    """Build ``config`` alone (no shared folder, nothing made first) into
    ``alone`` and check that ``made`` holds the same files, byte for byte."""
    env = {k: v for k, v in os.environ.items() if k not in (FOLDER_VARIABLE, TEMPLATES_VARIABLE, "IHKU_OUTPUTS_FIRST")}
    env.update({"IHKU_TODAY": TODAY, "IHKU_PARALLEL": "0", "NO_MKDOCS_2_WARNING": "1"})
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(alone)],
                           capture_output=True, text=True, env=env, cwd=project)
    assert built.returncode == 0, built.stderr
    together, apart = _tree(made), _tree(alone)
    assert together.keys() == apart.keys()
    assert [path for path in together if together[path] != apart[path]] == []
    return built


def _tree(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_build_making_its_outputs_first_converts_from_the_last_page_back_until_it_meets_the_other() -> None:
    """producer.InPlace with outputs_first (the second of two builds started
    together): after the outputs, it converts pages from the last one back
    and stops at the first conversion another build made (the first build
    goes the other way); MkDocs then gets those pages as converted."""
    from ihmiskauppa.site.pages import PlannedPage
    from ihmiskauppa.site.render import PageSource
    from ihmiskauppa_mkdocs.producer import InPlace, ProducerError

    class Converted:
        def __init__(self, src_uri: str, shared: bool) -> None:
            self.src_uri, self.shared = src_uri, shared

    pages = [PlannedPage(f"issues/{n}.md", lambda n=n: PageSource(f"issues/{n}.md", "t", f"md {n}", [f"<p>{n}</p>"]))
             for n in range(6)]
    converted: list[str] = []

    def ahead(src_uri: str, markdown: str) -> Converted:
        converted.append(src_uri)
        assert markdown == f"md {src_uri[7]}"
        return Converted(src_uri, shared=src_uri < "issues/3")  # the other build has done 0, 1 and 2

    producer = InPlace(pages, [], Path("."), outputs_first=True)
    producer.start(ahead)
    assert converted == ["issues/5.md", "issues/4.md", "issues/3.md", "issues/2.md"]
    for n in range(6):  # in MkDocs' order
        markdown, fragments, made = producer.page(f"issues/{n}.md")
        assert (markdown, fragments) == (f"md {n}", [f"<p>{n}</p>"])
        assert (made.src_uri if made else None) == (f"issues/{n}.md" if n >= 2 else None)
    with pytest.raises(ProducerError, match="asked for twice"):
        producer.page("issues/4.md")

    # Not first, or nothing to convert with: pages are made when MkDocs asks.
    for producer in (InPlace(pages, [], Path(".")), InPlace(pages, [], Path("."), outputs_first=True)):
        converted.clear()
        producer.start(ahead if not producer._outputs_first else None)
        assert converted == [] and producer.page("issues/5.md")[2] is None

    def failing(src_uri: str, markdown: str) -> Converted:
        if src_uri == "issues/4.md":
            raise ValueError("cannot convert")
        return ahead(src_uri, markdown)

    converted.clear()
    producer = InPlace(pages, [], Path("."), outputs_first=True)
    producer.start(failing)  # stops there; the page is made again when asked (which reports a failure)
    assert converted == ["issues/5.md"] and producer.page("issues/4.md")[2] is None


def test_a_build_converting_from_the_end_builds_the_same_site(tmp_path: Path) -> None:
    """The Swedish network edition made as the second of two builds started
    together (outputs first, a shared folder) when the first has converted
    nothing yet: it converts every record page ahead, from the last back,
    and the site is the same byte for byte as the edition built alone."""
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "shared"
    folder.mkdir()
    script = textwrap.dedent(f"""
        import json, sys
        from mkdocs.__main__ import cli
        from ihmiskauppa_mkdocs import conversions, pages
        order, read = [], []
        convert, render = conversions.SharedConversions.convert, pages.RecordPage.render
        def noting(self, file, source, files, make):
            order.append(file.src_uri)
            return convert(self, file, source, files, make)
        def reading(self, config, files):
            read.append(self.file.src_uri)
            return render(self, config, files)
        conversions.SharedConversions.convert, pages.RecordPage.render = noting, reading
        try:
            cli.main(["build", "--strict", "-f", "mkdocs.sv.yml", "-d", {str(tmp_path / "ahead")!r}],
                     standalone_mode=False)
        except SystemExit as exc:
            sys.exit(exc.code)
        print(json.dumps([order, read]))
    """)
    env = {**os.environ, "IHKU_TODAY": TODAY, "IHKU_PARALLEL": "0", "IHKU_OUTPUTS_FIRST": "1",
           FOLDER_VARIABLE: str(folder), "NO_MKDOCS_2_WARNING": "1"}
    ahead = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=project)
    assert ahead.returncode == 0, ahead.stderr
    order, read = json.loads(ahead.stdout.strip().splitlines()[-1])
    assert len(order) > 50 and sorted(order) == sorted(read)  # each record page converted once
    assert order == read[::-1]  # all of them before MkDocs read the first, from the last back

    _same_as_built_alone(project, "mkdocs.sv.yml", tmp_path / "ahead", tmp_path / "alone")
