#!/usr/bin/env python3
"""Benchmark the site build against plain MkDocs (issue #8).

    python scripts/benchmark.py --sizes 500,2000,5000 --repeat 3      # the full run (long: see BENCHMARKS.md)
    python scripts/benchmark.py --quick                                # a tiny corpus, once: checks, no timing claims
    python scripts/benchmark.py --profile 2000                         # cProfile of one build, by package
    python scripts/benchmark.py --report-only                          # the tables again from <work>/results.json

For every N it generates a synthetic corpus (scripts/gen_corpus.py, seeded),
then, in rounds that interleave every N and every measurement so that machine
drift hits them all alike, runs each of these as a child process and records
wall seconds and the child's peak RSS (``os.wait4``):

* ``validate``   ``ihku validate`` of the corpus;
* ``build``      ``mkdocs build --strict`` of one edition in one language (mkdocs.yml);
* ``baseline``   plain MkDocs, no plugin: the same theme, search and Markdown
                 settings, as many pages as the plugin build emits (its
                 index.html files), carrying the same record bodies, kept out
                 of the navigation by an explicit short ``nav:``;
* ``single:<config>`` a separate build of every other config build_site.py builds;
* ``all``        ``scripts/build_site.py`` building all of them in one call
                 (its EDITIONS, read at run time, so new languages join in);
* ``preview``    ``mkdocs serve`` on 127.0.0.1 on a copy of the project: one
                 issue's title is edited and the time is taken until the served
                 issue page shows the new title; the issues listing must show it too.

It prints, per N, the median seconds, pages per second, peak RSS and every
ratio against its target, and writes the raw samples to ``<work>/results.json``
and the tables to ``<work>/summary.md``. Nothing here is a test of speed:
tests/test_benchmark_smoke.py runs ``--quick`` only to see that it works.
"""
from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import gen_corpus  # noqa: E402

BUILD_CONFIG = "mkdocs.yml"  # "one edition in one language": the network edition in Finnish
TODAY = "2026-11-22"  # IHKU_TODAY of every run, so every build is the same site
SEED = 1
COLLECTIONS = ("issues", "meetings", "international", "trainings")
TARGETS = {
    "build_ratio": 1.15,       # build / baseline, N=2000
    "rss_ratio": 1.3,          # build peak RSS / baseline's, N=2000
    "linear": 1.2,             # seconds per record at the largest N / at the smallest
    "validate_ratio": 1 / 20,  # validate / baseline build, largest N
    "all_ratio": 0.6,          # all editions+languages in one call / sum of separate builds
    "preview_ratio": 0.25,     # preview rebuild / full build, N=2000
}


# The code under test. ``snapshot()`` points these at a frozen copy, so that edits
# made to the working tree while a long run goes on cannot mix versions.
CODE = {"plugins": ROOT / "plugins", "build_site": ROOT / "scripts" / "build_site.py"}


def snapshot(work: Path) -> dict[str, str]:
    """Copy plugins/ and scripts/build_site.py into ``work/code``; every child imports from there."""
    dest = work / "code"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ROOT / "plugins", dest / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (dest / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "build_site.py", dest / "scripts" / "build_site.py")
    CODE.update(plugins=dest / "plugins", build_site=dest / "scripts" / "build_site.py")
    # Byte-compiled, as pip compiles an installed package (and as the site
    # packages the baseline imports are): where PYTHONDONTWRITEBYTECODE is
    # set, every child would otherwise compile the plugin's modules again.
    compileall.compile_dir(str(dest), quiet=1)
    info = {"code_snapshot": str(dest)}
    try:
        info["git_head"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                          text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "plugins", "scripts/build_site.py", "mkdocs*.yml"],
                               cwd=ROOT, capture_output=True, text=True).stdout.split("\n")
        info["uncommitted"] = ", ".join(line[3:] for line in dirty if line.strip()) or "none"
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def editions() -> tuple[str, ...]:
    """The configs scripts/build_site.py builds by default (read now, not copied)."""
    spec = importlib.util.spec_from_file_location("_build_site", CODE["build_site"])
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return tuple(module.EDITIONS)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV and !!python tags; we only need plain keys."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def child_env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(CODE["plugins"]), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "IHKU_TODAY": TODAY,
            "PYTHONPATH": path}


# --- running one child ------------------------------------------------------------------

@dataclass
class Sample:
    kind: str
    n: int
    round: int
    seconds: float
    rss_mb: float  # peak RSS of the largest process of the child's tree
    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)
    cpu_s: float = 0.0  # user + system CPU of the child's tree: less sensitive to other load than wall time
    load1: float = 0.0  # the machine's 1-minute load average just before the run
    # Peak of the summed PSS of the child's whole tree, sampled every 0.5 s: a
    # build that forks a helper shares pages with it, so the largest process
    # alone (rss_mb) would hide the helper and the sum of RSS would count
    # shared pages twice. 0 where /proc has no smaps_rollup.
    pss_mb: float = 0.0


SPENT = "spent"  # beside the N folders: outputs set aside, deleted when the run ends


def set_aside(path: Path, work: Path) -> None:
    """Move a spent output out of the way instead of deleting it (a rename).
    Deleting tens of thousands of files makes the creation of files right
    after it slower on ext4 (its inode allocator walks past the inodes just
    freed: perf shows ``find_inode_bit`` and ``recently_deleted`` under
    ``openat``), so a run timed right after another's deletion paid for it:
    the all-editions run at N = 2,000 took 11-15 s of system CPU after one,
    4 s without. The pile is deleted when the benchmark ends (``clear_spent``)."""
    if not path.exists():
        return
    spent = work / SPENT
    spent.mkdir(exist_ok=True)
    try:
        path.rename(spent / f"{time.time_ns()}-{path.name}")
    except OSError:  # another file system: deleted after all
        shutil.rmtree(path, ignore_errors=True)


def clear_spent(work: Path) -> None:
    shutil.rmtree(work / SPENT, ignore_errors=True)


def warm_cache(*trees: Path) -> int:
    """Read every file under ``trees`` (untimed, before a timed run): the
    bytes read. The set-up's warm-up build fills the disk cache, but it does
    not stay full on every machine: these VMs page out file cache that has
    not been read for a minute (DAMON, ``pageout`` of unmapped file pages),
    and a run reads the content it measures only every few minutes. Timed
    cold, ``validate`` at N = 5,000 took 1.5-1.9 s instead of 1.1-1.2 s,
    and after 100 s of rest 8 % of its files were gone from the cache. So
    every run starts as the warm-up left it, whatever came before it."""
    total = 0
    for tree in trees:
        for folder, _, names in os.walk(tree):
            for name in names:
                try:
                    with open(os.path.join(folder, name), "rb") as stream:
                        while chunk := stream.read(1 << 20):
                            total += len(chunk)
                except OSError:
                    continue
    return total


def run_child(cmd: list[str], log: Path, timeout: float, cwd: Path = ROOT) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit code) of one child process, killed after ``timeout``.
    The child tree's CPU seconds are left in ``LAST_CPU``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    # The previous run's site (hundreds of MB at N = 5,000) may still be on its
    # way to disk: flushed first, untimed, so that no run pays for another's writes.
    os.sync()
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        sampler = _PssSampler(proc.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.stop()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    LAST_PSS[0] = sampler.peak_mb
    # ru_maxrss of wait4 is the max over the child and the descendants it waited for (KiB on Linux).
    return seconds, usage.ru_maxrss / 1024, proc.returncode


LAST_CPU = [0.0]
LAST_PSS = [0.0]


class _PssSampler(threading.Thread):
    """The peak of the summed proportional set size (PSS) of a process tree
    (not a target: the issue's measure is peak RSS). Every half second:
    reading ``smaps_rollup`` walks each process's page tables, and ten
    times a second that took 2.1 s of CPU during a 32 s all-editions run at
    N = 2,000 (0.5 s at this interval), CPU the runs being timed lacked."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            total = sum(_pss_kb(p) for p in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total / 1024)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(pid, sig)  # the group of a child we started with start_new_session
    except ProcessLookupError:
        pass


# --- setting up one N ---------------------------------------------------------------------

@dataclass
class Setup:
    n: int
    dir: Path
    project: Path
    baseline: Path
    pages: int
    records: dict[str, int]
    translations: int
    gen_seconds: float
    configs: tuple[str, ...]


def _copy_project(dest: Path, content: Path, configs: tuple[str, ...]) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    names = {p.name for p in ROOT.glob("mkdocs*.yml")} | set(configs)
    for name in sorted(names):
        shutil.copy2(ROOT / name, dest / name)
    if (ROOT / "docs").is_dir():
        shutil.copytree(ROOT / "docs", dest / "docs")
    else:
        (dest / "docs").mkdir()
    shutil.copytree(content, dest / "content")


def _all_cmd(project: Path, configs: tuple[str, ...], out: Path) -> list[str]:
    """scripts/build_site.py building every config of the project into ``out``."""
    cmd = [sys.executable, str(CODE["build_site"]), "--out", str(out)]
    for config in configs:
        cmd += ["--config", str(project / config)]
    return cmd


def _build_cmd(config: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(out)]


def _split(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
        return yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}, body
    return {}, text


def make_baseline(dest: Path, project: Path, pages: int) -> None:
    """Plain MkDocs with ``pages`` pages carrying the records' bodies, outside the nav."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    bodies: list[tuple[str, str, str]] = []  # (src path, title, body)
    for collection in COLLECTIONS:
        for path in sorted((project / "content" / collection).glob("*.md")):
            if path.stem.count(".") == 0:  # not a translation
                meta, body = _split(path.read_text(encoding="utf-8"))
                bodies.append((f"{collection}/{path.name}", str(meta.get("title", path.stem)), body))
    written: list[str] = []

    def write(rel: str, title: str, body: str) -> None:
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}", encoding="utf-8")
        written.append(rel)

    write("index.md", "Etusivu", bodies[0][2] if bodies else "")
    for rel, title, body in bodies[: max(0, pages - 1)]:
        write(rel, title, body)
    filler = 0
    while len(written) < pages and bodies:
        _, title, body = bodies[filler % len(bodies)]
        filler += 1
        write(f"pages/page-{filler:05d}.md", f"Sivu {filler}: {title}", body)

    config = yaml.load((project / BUILD_CONFIG).read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    plugins = _without_plugin(config.get("plugins") or [], "coordination")
    # The nav has the real one's shape (its sections too), over the baseline's pages.
    leaves = iter([{"Etusivu": "index.md"}] + [{Path(rel).stem: rel} for rel in written[1:]])
    nav = _nav_shape(config.get("nav") or ["index.md"], leaves)
    baseline = {key: config[key] for key in ("site_name", "site_description", "site_url", "copyright", "theme",
                                              "markdown_extensions", "validation") if key in config}
    baseline.update({"docs_dir": "docs", "site_dir": "site", "plugins": plugins, "nav": nav})
    (dest / "mkdocs.yml").write_text("# Benchmark baseline: plain MkDocs + Material, no plugin.\n"
                                     + yaml.safe_dump(baseline, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _without_plugin(plugins: list[Any] | dict[str, Any], name: str) -> list[Any] | dict[str, Any]:
    """mkdocs.yml's plugins (a list, or a mapping of name to options) without
    ``name``; the others keep their options (search: lang, pipeline)."""
    if isinstance(plugins, dict):
        return {key: value for key, value in plugins.items() if key != name}
    return [p for p in plugins if not (p == name or (isinstance(p, dict) and name in p))]


def _nav_shape(nav: list[Any], leaves: Iterator[dict[str, str]]) -> list[Any]:
    """A nav shaped like ``nav`` (same entries, same sections), each page
    entry taken from ``leaves`` in order."""
    out: list[Any] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, list):
            out.append({str(next(iter(item))): _nav_shape(value, leaves)})
        else:
            leaf = next(leaves, None)
            if leaf is not None:
                out.append(leaf)
    return out


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def setup(n: int, work: Path, timeout: float, configs: tuple[str, ...]) -> Setup:
    base = work / f"N{n}"
    base.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    stats = gen_corpus.generate(base / "content", n, SEED, force=True)
    gen_seconds = time.perf_counter() - start
    project = base / "project"
    _copy_project(project, base / "content", configs)
    # A warm-up build (untimed): fills the disk cache and gives the page count.
    warm = base / "out" / "warmup"
    set_aside(warm, work)
    seconds, _, code = run_child(_build_cmd(project / BUILD_CONFIG, warm), base / "logs" / "warmup.log", timeout)
    if code != 0:
        raise SystemExit(f"N={n}: the plugin build failed; see {base / 'logs' / 'warmup.log'}")
    pages = count_pages(warm)
    make_baseline(base / "baseline", project, pages)
    set_aside(warm, work)
    seconds, _, code = run_child(_build_cmd(base / "baseline" / "mkdocs.yml", warm), base / "logs" / "warmup-baseline.log", timeout)
    if code != 0:
        raise SystemExit(f"N={n}: the baseline build failed; see {base / 'logs' / 'warmup-baseline.log'}")
    baseline_pages = count_pages(warm)
    if baseline_pages != pages:
        raise SystemExit(f"N={n}: baseline has {baseline_pages} pages, plugin build {pages}")
    set_aside(warm, work)
    # Every config once more, untimed (all of them in one build_site.py
    # call): each lays out its annual-report PDFs into the project's cache,
    # as any earlier build would have. Otherwise the first timed build of
    # each config other than BUILD_CONFIG would lay them out cold (15 s more
    # at N = 5,000) and the all-editions run, which finds them, would look
    # better against it than it is.
    _, _, code = run_child(_all_cmd(project, configs, warm), base / "logs" / "warmup-all.log", timeout)
    if code != 0:
        raise SystemExit(f"N={n}: building every config failed; see {base / 'logs' / 'warmup-all.log'}")
    set_aside(warm, work)
    print(f"N={n}: {stats.summary()}; {pages} pages; generated in {gen_seconds:.1f} s", flush=True)
    return Setup(n, base, project, base / "baseline", pages, stats.records, stats.translations, gen_seconds, configs)


# --- the measurements ---------------------------------------------------------------------------

def measure(kind: str, s: Setup, rnd: int, timeout: float) -> Sample:
    out = s.dir / "out" / kind.replace(":", "-")
    set_aside(out, s.dir.parent)
    log = s.dir / "logs" / f"{kind.replace(':', '-')}-r{rnd}.log"
    detail: dict[str, Any] = {}
    load1 = os.getloadavg()[0]
    if kind == "validate":
        cmd = validate_cmd(s.project / "content")
    elif kind == "baseline":
        cmd = _build_cmd(s.baseline / "mkdocs.yml", out)
    elif kind.startswith("single:"):
        cmd = _build_cmd(s.project / kind.split(":", 1)[1], out)
    elif kind == "all":
        cmd = _all_cmd(s.project, s.configs, out)
    elif kind == "preview":
        return measure_preview(s, rnd, timeout)  # it reads a fresh copy of the project
    else:
        raise ValueError(kind)
    warm_cache(s.baseline if kind == "baseline" else s.project)  # what the run reads (see warm_cache)
    seconds, rss, code = run_child(cmd, log, timeout)
    cpu = LAST_CPU[0]
    if kind == "single:" + BUILD_CONFIG and code == 0:
        detail["pages"] = count_pages(out)
    set_aside(out, s.dir.parent)
    if code != 0:
        detail["log"] = str(log)
    return Sample(kind, s.n, rnd, seconds, rss, code == 0, detail, cpu, load1, LAST_PSS[0])


def validate_cmd(content: Path) -> list[str]:
    """``ihku validate --content DIR`` (the documented form), or ``ihku --content DIR validate``
    if this version of the command line takes --content before the command."""
    base = [sys.executable, "-m", "ihmiskauppa.cli"]
    if "_form" not in VALIDATE:
        helptext = subprocess.run(base + ["validate", "--help"], capture_output=True, text=True, env=child_env()).stdout
        VALIDATE["_form"] = "after" if "--content" in helptext else "before"
    if VALIDATE["_form"] == "after":
        return base + ["validate", "--content", str(content), "--errors-only"]
    return base + ["--content", str(content), "validate", "--errors-only"]


VALIDATE: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 30) -> tuple[int, str]:
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _poll(url: str, predicate, deadline: float, interval: float = 0.05) -> tuple[bool, str]:
    """GET ``url`` until ``predicate(status, text)``; bounded by ``deadline`` (perf_counter)."""
    attempts = int(max(0.0, deadline - time.perf_counter()) / interval) + 1
    text = ""
    for _ in range(attempts):
        status, text = _get(url, timeout=max(1.0, deadline - time.perf_counter()))
        if predicate(status, text):
            return True, text
        if time.perf_counter() >= deadline:
            break
        time.sleep(interval)
    return False, text


def _h1(html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else ""


def measure_preview(s: Setup, rnd: int, timeout: float) -> Sample:
    """Edit one record under ``mkdocs serve``; time until the served page shows it."""
    load1 = os.getloadavg()[0]
    copy = s.dir / "preview"
    set_aside(copy, s.dir.parent)
    # serve's temporary site goes here, to be set aside with the copy (see the end)
    scratch = s.dir / "preview-tmp"
    set_aside(scratch, s.dir.parent)
    scratch.mkdir()
    shutil.copytree(s.project, copy)
    config = yaml.load((copy / BUILD_CONFIG).read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    mount = urllib.parse.urlparse(config.get("site_url") or "/").path or "/"
    port = _free_port()
    base = f"http://127.0.0.1:{port}{mount if mount.endswith('/') else mount + '/'}"
    issues = sorted(p for p in (copy / "content" / "issues").glob("*.md") if p.stem.count(".") == 0)
    target = issues[len(issues) // 2]
    nonce = f"benchmark-edit-{s.n}-{rnd}-{time.time_ns() % 10**9}"
    new_title = f"Muokattu otsikko {nonce}"
    log = s.dir / "logs" / f"preview-r{rnd}.log"
    detail: dict[str, Any] = {"record": f"issues/{target.stem}", "log": str(log)}
    # What `ihku preview` runs (plugins/ihmiskauppa/cli.py): serve with --dirty.
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(copy / BUILD_CONFIG), "-a", f"127.0.0.1:{port}"]
    os.sync()  # as in run_child: the copy just made, and the previous run's site, on disk first
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=copy, env={**child_env(), "TMPDIR": str(scratch)}, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        rebuild = float("nan")
        ok = False
        try:
            up, _ = _poll(base, lambda status, text: status == 200, start + timeout, interval=0.2)
            detail["startup_seconds"] = round(time.perf_counter() - start, 2)
            page_url = f"{base}issues/{target.stem}/"
            if up:
                time.sleep(1.0)  # let the file watcher settle after the first build
                _, before = _poll(page_url, lambda status, text: status == 200, time.perf_counter() + 30)
                detail["title_before"] = _h1(before)
                text = target.read_text(encoding="utf-8")
                edited, count = re.subn(r"(?m)^title: .*$", "title: " + json.dumps(new_title, ensure_ascii=False), text, count=1)
                assert count == 1, target
                target.write_text(edited, encoding="utf-8")
                edit_at = time.perf_counter()
                shown, html = _poll(page_url, lambda status, text: status == 200 and nonce in text, edit_at + timeout)
                rebuild = time.perf_counter() - edit_at
                detail["page_h1_after"] = _h1(html)
                detail["page_ok"] = shown and _h1(html) == new_title
                _, listing = _get(f"{base}issues/")
                detail["listing_ok"] = nonce in listing
                _, feed = _get(f"{base}feeds/issues/{target.stem}.rss.xml")
                detail["feed_ok"] = nonce in feed
                ok = bool(detail["page_ok"] and detail["listing_ok"] and detail["feed_ok"])
        finally:
            # Killed, not stopped with Ctrl-C: on Ctrl-C serve deletes its
            # temporary site, right before the next timed run (see set_aside).
            _kill_group(proc.pid)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
    set_aside(copy, s.dir.parent)
    set_aside(scratch, s.dir.parent)
    return Sample("preview", s.n, rnd, rebuild, usage.ru_maxrss / 1024, ok, detail, 0.0, load1)


# --- the report -----------------------------------------------------------------------------------

def _median(samples: list[Sample], kind: str, n: int, attr: str = "seconds") -> float | None:
    values = [getattr(x, attr) for x in samples if x.kind == kind and x.n == n and x.ok]
    return statistics.median(values) if values else None


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return "not measured"
    return "**pass**" if value <= target else "**MISS**"


def report(samples: list[Sample], setups: list[Setup], meta: dict[str, Any]) -> str:
    sizes = [s.n for s in setups]
    singles = [f"single:{c}" for c in setups[0].configs]
    build_kind = f"single:{BUILD_CONFIG}"
    lines = [f"Machine: {meta['machine']}; Python {meta['python']}; {meta['when']}; "
             f"repeats {meta['repeat']} (median); IHKU_TODAY={TODAY}; seed {SEED}; code at {meta.get('git_head', '?')} "
             f"(uncommitted: {meta.get('uncommitted', '?')}); configs: {', '.join(meta['configs'])}.", "",
             "| N | pages | validate s | build s | baseline s | build pages/s | baseline pages/s | "
             "build CPU s | baseline CPU s | build RSS MB | baseline RSS MB | build tree PSS MB | "
             "baseline tree PSS MB | validate RSS MB | "
             + " | ".join(f"{k.split(':', 1)[1]} s" for k in singles) + " | all s | preview rebuild s |",
             "|" + " --- |" * (16 + len(singles))]
    per_n: dict[int, dict[str, float | None]] = {}
    for s in setups:
        m = {kind: _median(samples, kind, s.n) for kind in ("validate", "baseline", "all", "preview", *singles)}
        rss = {kind: _median(samples, kind, s.n, "rss_mb") for kind in ("validate", "baseline", build_kind, "all", "preview")}
        cpu = {kind: _median(samples, kind, s.n, "cpu_s") for kind in ("validate", "baseline", "all", *singles)}
        pss = {kind: _median(samples, kind, s.n, "pss_mb") for kind in ("baseline", build_kind)}
        per_n[s.n] = {**m, **{f"rss:{k}": v for k, v in rss.items()}, **{f"cpu:{k}": v for k, v in cpu.items()},
                      **{f"pss:{k}": v for k, v in pss.items()}}
        build = m[build_kind]
        lines.append(
            f"| {s.n} | {s.pages} | {_fmt(m['validate'])} | {_fmt(build)} | {_fmt(m['baseline'])} | "
            f"{_fmt(s.pages / build if build else None, 1)} | {_fmt(s.pages / m['baseline'] if m['baseline'] else None, 1)} | "
            f"{_fmt(cpu[build_kind], 1)} | {_fmt(cpu['baseline'], 1)} | "
            f"{_fmt(rss[build_kind], 0)} | {_fmt(rss['baseline'], 0)} | {_fmt(pss[build_kind], 0)} | "
            f"{_fmt(pss['baseline'], 0)} | {_fmt(rss['validate'], 0)} | "
            + " | ".join(_fmt(m[k]) for k in singles) + f" | {_fmt(m['all'])} | {_fmt(m['preview'])} |")

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    lines += ["", "| N | build / baseline (≤ 1.15) | same, by CPU seconds | build RSS / baseline RSS (≤ 1.3) | "
              "same, whole tree's PSS | validate / baseline (≤ 0.05) | all / sum of singles (≤ 0.6) | same, by CPU seconds | cores the all-run got "
              "(CPU s / wall s) | preview / build (≤ 0.25) | s per record (build) | preview shows the change | "
              "load average (median) |",
              "|" + " --- |" * 13]
    ratios: dict[int, dict[str, float | None]] = {}
    for s in setups:
        d = per_n[s.n]
        total = sum(d[k] for k in singles) if all(d[k] is not None for k in singles) else None  # type: ignore[misc]
        r = {
            "build_ratio": ratio(d[build_kind], d["baseline"]),
            "cpu_ratio": ratio(d[f"cpu:{build_kind}"], d["cpu:baseline"]),
            "rss_ratio": ratio(d[f"rss:{build_kind}"], d["rss:baseline"]),
            "pss_ratio": ratio(d[f"pss:{build_kind}"], d["pss:baseline"]),
            "validate_ratio": ratio(d["validate"], d["baseline"]),
            "all_ratio": ratio(d["all"], total),
            "all_cpu_ratio": ratio(d["cpu:all"], sum(d[f"cpu:{k}"] or 0 for k in singles)),
            "all_cores": ratio(d["cpu:all"], d["all"]),
            "preview_ratio": ratio(d["preview"], d[build_kind]),
            "per_record": ratio(d[build_kind], s.n),
        }
        ratios[s.n] = r
        previews = [x for x in samples if x.kind == "preview" and x.n == s.n]
        shown = f"{sum(x.ok for x in previews)}/{len(previews)}"
        load = statistics.median(x.load1 for x in samples if x.n == s.n)
        lines.append(f"| {s.n} | {_fmt(r['build_ratio'])} | {_fmt(r['cpu_ratio'])} | {_fmt(r['rss_ratio'])} | "
                     f"{_fmt(r['pss_ratio'])} | "
                     f"{_fmt(r['validate_ratio'], 3)} | {_fmt(r['all_ratio'])} | {_fmt(r['all_cpu_ratio'])} | {_fmt(r['all_cores'])} | "
                     f"{_fmt(r['preview_ratio'])} | "
                     f"{_fmt(r['per_record'], 4)} | {shown} | {load:.1f} |")

    at = 2000 if 2000 in sizes else max(sizes)
    small, large = min(sizes), max(sizes)
    linear = ratio(ratios[large]["per_record"], ratios[small]["per_record"]) if large != small else None
    checks = [
        (f"one edition+language, N={at}: build / baseline", ratios[at]["build_ratio"], TARGETS["build_ratio"]),
        (f"one edition+language, N={at}: peak RSS / baseline's", ratios[at]["rss_ratio"], TARGETS["rss_ratio"]),
        (f"same, peak PSS of the whole process tree (counts the producer) / baseline's", ratios[at]["pss_ratio"],
         None),  # shown for what it tells, not a target: the issue's measure is peak RSS
        (f"linear: s per record at N={large} / at N={small}", linear, TARGETS["linear"]),
        (f"validate N={large} / baseline build N={large}", ratios[large]["validate_ratio"], TARGETS["validate_ratio"]),
        *[(f"all editions+languages, N={n}: wall / sum of separate builds", ratios[n]["all_ratio"], TARGETS["all_ratio"])
          for n in sizes],
        (f"preview rebuild after one edit, N={at} / full build", ratios[at]["preview_ratio"], TARGETS["preview_ratio"]),
    ]
    lines += ["", "| target | measured | limit | verdict |", "| --- | --- | --- | --- |"]
    for name, value, limit in checks:
        if limit is None:
            lines.append(f"| {name} | {_fmt(value, 3)} | – | not a target |")
        else:
            lines.append(f"| {name} | {_fmt(value, 3)} | {limit:.3g} | {_verdict(value, limit)} |")
    previews = [x for x in samples if x.kind == "preview"]
    lines.append(f"| preview shows the change (page title, issues listing, issue feed) | "
                 f"{sum(x.ok for x in previews)}/{len(previews)} | all | "
                 f"{'**pass**' if previews and all(x.ok for x in previews) else '**MISS**'} |")
    failed = [x for x in samples if not x.ok]
    if failed:
        lines += ["", "Failed runs: " + "; ".join(f"{x.kind} N={x.n} round {x.round} ({x.detail.get('log', '')})" for x in failed)]
    return "\n".join(lines) + "\n"


def report_from(results: Path) -> str:
    data = json.loads(results.read_text(encoding="utf-8"))
    samples = [Sample(**x) for x in data["samples"]]
    setups = [Setup(**{**x, "dir": Path(x["dir"]), "project": Path(x["project"]), "baseline": Path(x["baseline"]),
                       "configs": tuple(x["configs"])}) for x in data["setups"]]
    measured = {x.n for x in samples}
    meta = {**data["meta"], "repeat": max(x.round for x in samples) + 1}
    return report(samples, [s for s in setups if s.n in measured], meta)


# --- profile ------------------------------------------------------------------------------------

def _group(filename: str) -> str:
    """Who owns a profiled function: our code, a third-party package, the stdlib, or C."""
    if "/plugins/ihmiskauppa_mkdocs/" in filename or "/ihmiskauppa_mkdocs/" in filename:
        return "ours: MkDocs adapter" if filename.endswith(".py") else "ours: theme overrides (Jinja)"
    if "/plugins/ihmiskauppa/" in filename or "/ihmiskauppa/" in filename:
        return "ours: core library" if filename.endswith(".py") else "ours: page templates (Jinja)"
    if "site-packages/" in filename:
        package = filename.split("site-packages/", 1)[1].split("/", 1)[0]
        if package == "mkdocs" and "/contrib/search/" in filename:
            return "mkdocs search"
        if package == "material" and "/plugins/search/" in filename:
            return "material search plugin"
        return package.removesuffix(".py")
    if filename.startswith(("~", "<")):
        return "builtins and C (re, str, io, compile ...)"
    if filename.endswith((".html", ".j2", ".xml")):
        return "theme templates (Jinja)"
    return "stdlib: " + Path(filename).parent.name if Path(filename).parent.name != "python3.11" else "stdlib: " + Path(filename).stem


def _short(filename: str) -> str:
    if "/plugins/" in filename:
        return filename.split("/plugins/", 1)[1]
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    return "/".join(filename.split("/")[-2:])


def _profile_build(config: Path, out: Path, prof: Path, log: Path, timeout: float) -> tuple[pstats.Stats, float, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", str(config), "-d", str(out)]
    seconds, rss, code = run_child(cmd, log, timeout)
    if code != 0:
        raise SystemExit(f"profiled build failed; see {log}")
    shutil.rmtree(out, ignore_errors=True)
    return pstats.Stats(str(prof)), seconds, rss


def _by_group(stats: pstats.Stats) -> dict[str, float]:
    out: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        out[_group(filename)] = out.get(_group(filename), 0.0) + tottime
    return out


def _cum(stats: pstats.Stats, needle: str) -> float:
    """Cumulative seconds of the outermost function whose 'file:name' contains ``needle``."""
    best = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if needle in f"{filename}:{name}":
            best = max(best, cumtime)
    return best


def profile(n: int, work: Path, timeout: float) -> str:
    """cProfile one plugin build and one baseline build of N records; where the difference goes.
    Reuses ``work/N<n>`` of an earlier run (same seed, so the same corpus) when it is there."""
    base = work / f"N{n}"
    docs = base / "baseline" / "docs"
    if (base / "project" / "content").is_dir() and docs.is_dir():
        s = Setup(n, base, base / "project", base / "baseline", sum(1 for _ in docs.rglob("*.md")), {}, 0, 0.0, editions())
    else:
        s = setup(n, work, timeout, editions())
    plugin, p_wall, p_rss = _profile_build(s.project / BUILD_CONFIG, s.dir / "out" / "profile", s.dir / f"build-N{n}.prof",
                                           s.dir / "logs" / "profile.log", timeout)
    base, b_wall, b_rss = _profile_build(s.baseline / "mkdocs.yml", s.dir / "out" / "profile-baseline",
                                         s.dir / f"baseline-N{n}.prof", s.dir / "logs" / "profile-baseline.log", timeout)
    pg, bg = _by_group(plugin), _by_group(base)
    p_total, b_total = sum(pg.values()), sum(bg.values())
    lines = [f"cProfile of one build, N={n} ({s.pages} pages), network edition in Finnish, against the baseline "
             f"with as many pages (cProfile roughly doubles wall time; compare shares, not seconds).", "",
             f"* plugin build: {p_wall:.1f} s wall under cProfile, {p_total:.1f} s profiled, peak RSS {p_rss:.0f} MB",
             f"* baseline build: {b_wall:.1f} s wall under cProfile, {b_total:.1f} s profiled, peak RSS {b_rss:.0f} MB", "",
             "Own time (tottime) by package:", "",
             "| package | plugin build s | baseline s | difference s | share of the difference |",
             "| --- | --- | --- | --- | --- |"]
    diff_total = p_total - b_total
    rest_p = rest_b = 0.0
    for name in sorted(set(pg) | set(bg), key=lambda k: -(pg.get(k, 0) - bg.get(k, 0))):
        a, b = pg.get(name, 0.0), bg.get(name, 0.0)
        if max(a, b) < 0.005 * p_total:
            rest_p, rest_b = rest_p + a, rest_b + b
            continue
        lines.append(f"| {name} | {a:.1f} | {b:.1f} | {a - b:+.1f} | {100 * (a - b) / diff_total:.0f} % |")
    lines.append(f"| everything else | {rest_p:.1f} | {rest_b:.1f} | {rest_p - rest_b:+.1f} | "
                 f"{100 * (rest_p - rest_b) / diff_total:.0f} % |")
    lines.append(f"| **total** | {p_total:.1f} | {b_total:.1f} | {diff_total:+.1f} | 100 % |")
    phases = (("on_config: load + validate the records", "ihmiskauppa_mkdocs/plugin.py:on_config"),
              ("  of which the personal-data scan", "ihmiskauppa/privacy.py:scan"),
              ("on_files: plan the pages and outputs", "ihmiskauppa_mkdocs/plugin.py:on_files"),
              ("page sources from the templates (this process's share)", "ihmiskauppa/site/render.py:render"),
              ("feeds, calendars, exports (where written in this process)", "ihmiskauppa_mkdocs/producer.py:_write_all"),
              ("  of which RSS/Atom feeds", "ihmiskauppa/feeds.py:render_feed"),
              ("Markdown conversion of all pages", "markdown/core.py:convert"),
              ("  of which md_in_html", "md_in_html.py:run"),
              ("search index (on_page_context)", "search/plugin.py:on_page_context"),
              ("page HTML: theme templates, including the search index above", "mkdocs/commands/build.py:_build_page"))
    lines += ["", "Phases (cumulative seconds under cProfile):", "", "| phase | plugin build | baseline |", "| --- | --- | --- |"]
    for label, needle in phases:
        lines.append(f"| {label} | {_cum(plugin, needle):.1f} | {_cum(base, needle) if not needle.startswith('ihmiskauppa') else 0:.1f} |")
    ours = [(key, value) for key, value in plugin.stats.items() if _group(key[0]).startswith("ours")]  # type: ignore[attr-defined]
    lines += ["", "Our functions by cumulative time (including what they call):", "",
              "| function | calls | cumulative s | own s |", "| --- | --- | --- | --- |"]
    for (filename, line, name), (cc, nc, tottime, cumtime, _) in sorted(ours, key=lambda kv: -kv[1][3])[:30]:
        lines.append(f"| {_short(filename)}:{line} {name} | {nc} | {cumtime:.2f} | {tottime:.2f} |")
    lines += ["", "Plugin build, top functions by own time:", "", "| function | calls | cumulative s | own s |",
              "| --- | --- | --- | --- |"]
    for (filename, line, name), (cc, nc, tottime, cumtime, _) in sorted(plugin.stats.items(), key=lambda kv: -kv[1][2])[:30]:  # type: ignore[attr-defined]
        lines.append(f"| {_short(filename)}:{line} {name} | {nc} | {cumtime:.2f} | {tottime:.2f} |")
    text = "\n".join(lines) + "\n"
    (s.dir / f"profile-N{n}.md").write_text(text, encoding="utf-8")
    return text


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,5000", help="record counts N, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/ihku-bench"), help="scratch folder (default /tmp/ihku-bench)")
    parser.add_argument("--quick", action="store_true", help="one tiny corpus (N=40), one round: checks that everything runs")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--only", metavar="KINDS",
                        help="only these measurements, comma-separated (build, baseline, validate, all, preview, "
                             "single:<config>): a quick look, not a full result")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one run is killed")
    parser.add_argument("--profile", type=int, metavar="N", help="instead: cProfile one build of N records, by package")
    parser.add_argument("--reuse-code", action="store_true",
                        help="use the code snapshot already in <work>/code (profile exactly what a run measured)")
    parser.add_argument("--report-only", action="store_true",
                        help="instead: print the tables again from <work>/results.json (e.g. of a run stopped early)")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    if args.report_only:
        print(report_from(work / "results.json"))
        return 0
    work.mkdir(parents=True, exist_ok=True)
    if args.reuse_code and (work / "code" / "plugins").is_dir():
        CODE.update(plugins=work / "code" / "plugins", build_site=work / "code" / "scripts" / "build_site.py")
        code_info = {"code_snapshot": str(work / "code"), "git_head": "reused snapshot"}
    else:
        code_info = snapshot(work)
    if args.profile:
        print(profile(args.profile, work, args.timeout))
        return 0
    sizes = [40] if args.quick else [int(x) for x in args.sizes.split(",") if x.strip()]
    repeat = 1 if args.quick else max(1, args.repeat)
    timeout = min(args.timeout, 300) if args.quick else args.timeout
    configs = editions()
    if BUILD_CONFIG not in configs:
        configs = (BUILD_CONFIG, *configs)
    kinds = ["validate", "baseline", *[f"single:{c}" for c in configs], "all"] + ([] if args.no_preview else ["preview"])
    if args.only:  # a quick look at some measurements while working; the full run takes them all
        wanted = [f"single:{BUILD_CONFIG}" if k.strip() == "build" else k.strip() for k in args.only.split(",")]
        unknown = [k for k in wanted if k not in kinds]
        if unknown:
            parser.error(f"--only: unknown {', '.join(unknown)}; choose from build, {', '.join(kinds)}")
        kinds = [k for k in kinds if k in wanted]
    meta = {"machine": f"{platform.node()}, {os.cpu_count()} CPUs, "
                       f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, {platform.platform()}",
            "python": platform.python_version(), "when": time.strftime("%Y-%m-%d %H:%M"), "repeat": repeat,
            "command": " ".join([Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]),
            "configs": list(configs), **code_info}
    clear_spent(work)  # a stopped run's pile, before the set-up's untimed builds
    setups = [setup(n, work, timeout, configs) for n in sizes]
    samples: list[Sample] = []
    results = work / "results.json"
    for rnd in range(repeat):
        order = setups if rnd % 2 == 0 else list(reversed(setups))
        for s in order:
            rotated = kinds[rnd % len(kinds):] + kinds[: rnd % len(kinds)]
            for kind in rotated:
                sample = measure(kind, s, rnd, timeout)
                samples.append(sample)
                extra = "" if sample.ok else f"  FAILED {sample.detail}"
                print(f"round {rnd + 1}/{repeat} N={s.n:>5} {kind:<28} {sample.seconds:8.2f} s  {sample.rss_mb:7.0f} MB{extra}",
                      flush=True)
                results.write_text(json.dumps({"meta": meta, "setups": [{**asdict(x), "dir": str(x.dir), "project": str(x.project),
                                                                         "baseline": str(x.baseline)} for x in setups],
                                               "samples": [asdict(x) for x in samples]}, indent=1), encoding="utf-8")
    clear_spent(work)
    text = report(samples, setups, meta)
    (work / "summary.md").write_text(f"Command: `{meta['command']}`\n\n" + text, encoding="utf-8")
    print("\n" + text)
    return 0 if all(x.ok for x in samples) else 1


if __name__ == "__main__":
    sys.exit(main())
