"""The producers (plugins/ihmiskauppa_mkdocs/producer.py): page sources,
feeds, calendars, exports and PDFs made when MkDocs needs them, all in this
process (InPlace) or with a second process beside (Beside, option parallel,
the default for a lone build). The site must be the same byte for byte
either way, and a failure in either must fail the build and publish nothing."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jinja2
import pytest

from sitebuild import ROOT, TODAY, build, copy_project

NOTE = "in a second process"  # the plugin's info line (PRODUCER_NOTE)

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="the producer runs only where fork exists and there is a second core")


def mkdocs_build(project: Path, out: Path, parallel: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IHKU_TODAY": TODAY, "IHKU_PARALLEL": "1" if parallel else "0",
           "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=env, cwd=project)


def tree(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_processes_build_the_same_site_as_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    two, one = tmp_path / "two", tmp_path / "one"
    parallel, serial = mkdocs_build(project, two, True), mkdocs_build(project, one, False)
    assert parallel.returncode == 0, parallel.stderr
    assert serial.returncode == 0, serial.stderr
    assert NOTE in parallel.stderr and NOTE not in serial.stderr
    built_two, built_one = tree(two), tree(one)
    assert built_two.keys() == built_one.keys()
    assert [path for path in built_two if built_two[path] != built_one[path]] == []
    # What the second process wrote itself, beside MkDocs' pages:
    suffixes = {path.suffix for path in built_two}
    assert {".xml", ".ics", ".json", ".csv", ".pdf", ".opml"} <= suffixes
    assert len([p for p in built_two if p.name == "index.html"]) > 50


def test_a_lone_build_uses_the_second_core_unless_told_not_to(tmp_path: Path, monkeypatch) -> None:
    """On by default; parallel: false or IHKU_PARALLEL=0 turns it off, IHKU_PARALLEL=1 back on."""
    monkeypatch.delenv("IHKU_PARALLEL", raising=False)
    project = copy_project(tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if k != "IHKU_PARALLEL"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]

    def run(out: str, **extra: str) -> str:
        result = subprocess.run(command + ["-d", str(tmp_path / out)], capture_output=True, text=True,
                                env={**env, **extra}, cwd=project)
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert NOTE in run("default")
    assert NOTE not in run("told", IHKU_PARALLEL="0")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    content_dir: content\n", "    content_dir: content\n    parallel: false\n"), encoding="utf-8")
    assert NOTE not in run("option")
    assert NOTE in run("overridden", IHKU_PARALLEL="1")


def test_outputs_made_first_give_the_same_site_before_any_page_is_converted(tmp_path: Path) -> None:
    """IHKU_OUTPUTS_FIRST=1 (set by build_site.py for the second of two builds
    it starts together): the feeds, calendars and exports are written before
    MkDocs converts any page, and the site is the same byte for byte."""
    project = copy_project(tmp_path / "project")
    script = textwrap.dedent(f"""
        import sys
        from mkdocs.__main__ import cli
        from ihmiskauppa_mkdocs import pages, producer
        order = []
        write_all, render = producer._write_all, pages.RecordPage.render
        def writing(*args):
            order.append("outputs")
            return write_all(*args)
        def rendering(self, *args):
            order.append("page")
            return render(self, *args)
        producer._write_all, pages.RecordPage.render = writing, rendering
        try:
            cli.main(["build", "--strict", "-f", "mkdocs.yml", "-d", {str(tmp_path / "first")!r}],
                     standalone_mode=False)
        except SystemExit as exc:
            sys.exit(exc.code)
        print(order.index("outputs"), order.count("outputs"), order.count("page"))
    """)
    env = {**os.environ, "IHKU_TODAY": TODAY, "IHKU_PARALLEL": "0", "IHKU_OUTPUTS_FIRST": "1",
           "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=project)
    assert first.returncode == 0, first.stderr
    at, times, converted = map(int, first.stdout.split()[-3:])
    assert (at, times) == (0, 1) and converted > 50
    last = mkdocs_build(project, tmp_path / "last", parallel=False)
    assert last.returncode == 0, last.stderr
    made_first, made_last = tree(tmp_path / "first"), tree(tmp_path / "last")
    assert made_first.keys() == made_last.keys() and {".xml", ".ics", ".pdf"} <= {p.suffix for p in made_first}
    assert [path for path in made_first if made_first[path] != made_last[path]] == []


def test_build_site_has_the_second_of_two_builds_started_together_make_its_outputs_first(monkeypatch) -> None:
    """Which builds run alone in their process (IHKU_PARALLEL=0) and which make
    their outputs first (IHKU_OUTPUTS_FIRST=1), six builds two at a time."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_site

    def child(config, stage, pipe, side_by_side, outputs_first):  # type: ignore[no-untyped-def]
        pipe.send((0, f"{side_by_side} {outputs_first}"))
        pipe.close()

    monkeypatch.setattr(build_site, "_child", child)
    results = build_site._run_builds([Path(f"{n}.yml") for n in range(6)], [Path("x")] * 6, 2)
    flags = [tuple(text.split()) for _, text in results]
    assert flags == [("True", "False"), ("True", "True"), ("True", "False"), ("True", "False"),
                     ("True", "False"), ("True", "False")]
    assert [tuple(t.split()) for _, t in build_site._run_builds([Path("a.yml")] * 2, [Path("x")] * 2, 2)] == [
        ("True", "False"), ("True", "True")]
    # a lone build (or one core) keeps the plugin's second process
    assert [tuple(t.split()) for _, t in build_site._run_builds([Path("a.yml")], [Path("x")], 1)] == [
        ("False", "False")]
    assert [tuple(t.split()) for _, t in build_site._run_builds([Path("a.yml")] * 2, [Path("x")] * 2, 1)] == [
        ("False", "False"), ("False", "False")]


def _fails_and_publishes_nothing(project: Path, out: Path, expected: list[str]) -> None:
    before = {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(project, out, "mkdocs.yml")
    assert result.returncode == 1
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "nothing was published" in result.stderr
    assert {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("parallel", ["1", "0"])
def test_a_page_that_fails_to_render_fails_the_build(tmp_path: Path, monkeypatch, parallel: str) -> None:
    monkeypatch.setenv("IHKU_PARALLEL", parallel)  # build_site.py passes the environment on
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    first = build(project, out, "mkdocs.yml")
    assert first.returncode == 0, first.stderr
    (project / "broken-templates").mkdir()
    (project / "broken-templates" / "training.md.j2").write_text("{{ no_such_value.field }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    content_dir: content\n", "    content_dir: content\n    templates_dir: broken-templates\n"),
        encoding="utf-8")
    _fails_and_publishes_nothing(project, out, ["rendering the generated pages failed", "no_such_value",
                                                "training.md.j2"])


@pytest.mark.parametrize("parallel,outputs_first", [("1", "0"), ("0", "0"), ("0", "1")])
def test_an_output_that_fails_fails_the_build(tmp_path: Path, monkeypatch, parallel: str,
                                              outputs_first: str) -> None:
    monkeypatch.setenv("IHKU_PARALLEL", parallel)
    monkeypatch.setenv("IHKU_OUTPUTS_FIRST", outputs_first)
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    first = build(project, out, "mkdocs.yml")
    assert first.returncode == 0, first.stderr
    # The PDF cache cannot be made under a file: the last outputs (the PDFs) fail.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    content_dir: content\n", "    content_dir: content\n    cache_dir: mkdocs.yml/cache\n"),
        encoding="utf-8")
    _fails_and_publishes_nothing(project, out, ["writing feeds, calendars and exports failed",
                                                "NotADirectoryError"])


def test_the_preview_renders_pages_on_two_cores_beside_the_servers_threads(tmp_path: Path, monkeypatch) -> None:
    """A dirty rebuild as `mkdocs serve --dirty` runs it (one plugin instance
    kept across builds), of a tree large enough that the pages are rendered
    by a forked helper too, while another thread logs without pause as the
    server's do: the rebuild finishes and shows the edit, on its page and in
    the listing, and the helper really ran."""
    import logging
    import re
    import threading

    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config

    from ihmiskauppa import parallel

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import gen_corpus

    content = tmp_path / "content"
    gen_corpus.generate(content, 450, seed=5)
    project = copy_project(tmp_path / "project", content)
    monkeypatch.setenv("IHKU_TODAY", TODAY)
    site = tmp_path / "site"

    def config():  # type: ignore[no-untyped-def]
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    children: list[int] = []
    fork = os.fork

    def counting_fork() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counting_fork)
    mkdocs_build_in_process(first, serve_url="http://127.0.0.1:8000/", dirty=True)

    stop = threading.Event()
    chatter = logging.getLogger("test.server")

    def serve() -> None:  # takes the logging and stream locks often, as a server thread does
        while not stop.wait(0.002):
            chatter.warning("GET /issues/ 200")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        issue = sorted((content / "issues").glob("*.md"))[3]
        project_issue = project / "content" / "issues" / issue.name
        text = project_issue.read_text(encoding="utf-8")
        project_issue.write_text(re.sub(r"^title: .*$", "title: Muokattu esikatselussa", text, count=1, flags=re.M),
                                 encoding="utf-8")
        children.clear()
        compiled: list[str | None] = []
        compile_template = jinja2.Environment.compile

        def counting_compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
            compiled.append(name)
            return compile_template(self, source, name, filename, raw, defer_init)

        monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
        mkdocs_build_in_process(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        stop.set()
        thread.join()
    assert children, "no helper process was forked for the rebuild"
    # The theme's and the pages' templates were compiled by the first build,
    # not again (Material's search plugin reads its language partials through
    # an environment of its own, made for it alone).
    assert [name for name in compiled if not (name or "").startswith("partials/language")] == [], compiled
    assert len(compiled) <= 3
    page = (site / "issues" / issue.stem / "index.html").read_text(encoding="utf-8")
    assert "Muokattu esikatselussa</h1>" in page
    assert "Muokattu esikatselussa" in (site / "issues" / "index.html").read_text(encoding="utf-8")
