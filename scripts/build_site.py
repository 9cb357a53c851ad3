#!/usr/bin/env python3
"""Build every edition of the site, all or nothing.

Each edition is built with ``mkdocs build --strict`` into a fresh temporary
folder beside its target; only when every edition has built are they moved
into place. A failed build leaves the previous output untouched and never
publishes half a site.

The records are read and validated once, here, before any build starts: an
error in the content is reported once (not six times), and every build is
a process forked from this one, so it starts with MkDocs, Material and the
loaded records already in memory (``--jobs`` builds at a time).

    python scripts/build_site.py                 # both editions -> site/network, site/public
    python scripts/build_site.py --config mkdocs.public.yml
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import traceback
from multiprocessing.connection import Connection, wait
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Every edition in every language: one MkDocs build each (INHERIT configs).
EDITIONS = ("mkdocs.yml", "mkdocs.sv.yml", "mkdocs.en.yml",
            "mkdocs.public.yml", "mkdocs.public.sv.yml", "mkdocs.public.en.yml")


def _site_dir(config: Path) -> Path:
    """site_dir of a config, following INHERIT (MkDocs resolves it against the config's folder)."""
    return (config.parent / _merged(config).get("site_dir", "site")).resolve()


def _merged(config: Path) -> dict:
    """A config's keys with those it INHERITs (top-level keys only)."""
    data: dict = {}
    chain = [config]
    while True:
        text = yaml.load(chain[-1].read_text(encoding="utf-8"), Loader=_IgnoreTags)  # noqa: S506
        data = {**(text or {}), **data}
        parent = (text or {}).get("INHERIT")
        if not parent:
            break
        chain.append((chain[-1].parent / parent).resolve())
    return data


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV and !!python tags; we only need plain keys."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _target(config: Path, out: Path | None) -> Path:
    site_dir = _site_dir(config)
    if out is None:
        return site_dir
    # --out DIR: site/network/sv becomes DIR/network/sv
    try:
        return out.resolve() / site_dir.relative_to(config.parent.resolve() / "site")
    except ValueError:
        return out.resolve() / site_dir.name


def _content_dir(config: Path) -> Path:
    """The coordination plugin's content_dir of a config (default: content/ beside it)."""
    plugins = _merged(config).get("plugins") or []
    # mkdocs.yml may list plugins, or map them to their options
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    options = next((opts for name, opts in entries if name == "coordination"), None) or {}
    return (config.parent / options.get("content_dir", "content")).resolve()


def _preload(configs: list[Path]) -> str | None:
    """Read and validate each content tree once; an error message, or None."""
    from ihmiskauppa.errors import ContentError
    from ihmiskauppa_mkdocs import plugin  # MkDocs and Material come with it

    for content in sorted({_content_dir(c) for c in configs}):
        try:
            plugin.preload(content)
        except ContentError as exc:
            return str(exc)
    return None


def _build_one(config: Path, stage: Path) -> tuple[int, str]:
    """One ``mkdocs build --strict`` in this (forked) process: (exit code, its output)."""
    import io

    from mkdocs.__main__ import cli

    os.chdir(ROOT)
    output = io.StringIO()
    sys.stdout = sys.stderr = output  # MkDocs' log handler is made in cli.main, on this stream
    try:
        # Not --quiet: it hides warnings from MkDocs' strict-mode count too, and
        # a build with warnings would pass. The output is shown only on failure.
        cli.main(["build", "--strict", "-f", str(config), "-d", str(stage)], standalone_mode=False)
        code = 0
    except SystemExit as exc:  # mkdocs' Abort (strict mode) is one
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported with the failed build
        output.write(traceback.format_exc())
        code = 1
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return code, output.getvalue()


def _child(config: Path, stage: Path, pipe: Connection, side_by_side: bool, outputs_first: bool) -> None:
    if side_by_side:  # builds run side by side and keep the cores busy: no second process each
        os.environ["IHKU_PARALLEL"] = "0"  # read by the plugin (option parallel)
    if outputs_first:
        from ihmiskauppa_mkdocs.plugin import OUTPUTS_FIRST_VARIABLE

        os.environ[OUTPUTS_FIRST_VARIABLE] = "1"
    pipe.send(_build_one(config, stage))
    pipe.close()


def _run_builds(configs: list[Path], staging: list[Path], workers: int) -> list[tuple[int, str]]:
    """Each build in a fresh process forked from this one (records loaded), at
    most ``workers`` at a time. Where there are several, each runs alone in
    its process: the builds keep the cores busy, and the plugin's second
    process (plugins/ihmiskauppa_mkdocs/producer.py) would cost more CPU
    than it saves (the last two of six builds at N = 2,000: 8.3-9.0 s with
    it, 7.2 s without; the whole run 1.3-3.3 s shorter). A lone build keeps
    it (its processes are not daemonic, unlike a Pool's, so it can fork)."""
    context = multiprocessing.get_context("fork")
    results: list[tuple[int, str]] = [(1, "not built")] * len(configs)
    pending = list(range(len(configs)))
    running: dict[int, tuple[multiprocessing.process.BaseProcess, Connection]] = {}
    finished = False  # until one has, the builds start together
    while pending or running:
        while pending and len(running) < workers:
            index = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            side_by_side = workers > 1
            # Of builds started together, the later ones make their feeds,
            # calendars and exports first: the first converts its record
            # pages meanwhile, and they find most of those conversions
            # instead of converting the same pages at the same moment.
            outputs_first = side_by_side and bool(running) and not finished
            process = context.Process(target=_child, args=(configs[index], staging[index], sender, side_by_side,
                                                           outputs_first))
            process.start()
            sender.close()
            running[index] = (process, receiver)
        ready = wait([receiver for _, receiver in running.values()])
        for index, (process, receiver) in list(running.items()):
            if receiver not in ready:
                continue
            try:
                results[index] = receiver.recv()
            except EOFError:
                results[index] = (1, f"the build process stopped unexpectedly (exit code {process.exitcode})")
            process.join()
            receiver.close()
            del running[index]
            finished = True
    return results


def build(configs: list[Path], jobs: int, out: Path | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    targets = [_target(c, out) for c in configs]
    problem = _preload(configs)
    if problem is not None:
        print(f"\nThe content has errors; nothing was built or published:\n{problem}", file=sys.stderr)
        return 1
    # Language builds nest inside their edition (site/network/sv): stage every
    # build outside all targets, then move them in, outermost first.
    top = Path(os.path.commonpath([t.parent for t in targets]))
    top.mkdir(parents=True, exist_ok=True)
    staging_root = Path(tempfile.mkdtemp(prefix=".building-", dir=top))
    staging = [staging_root / str(index) for index in range(len(configs))]
    shared = _share_between_builds(staging_root) if len(configs) > 1 else []

    try:
        results = _run_builds(configs, staging, min(jobs, len(configs)))
        failed = [(c, r) for c, r in zip(configs, results) if r[0] != 0]
        if failed:
            for config, (_, output) in failed:
                print(f"\n{config.name} failed; nothing was published:\n", file=sys.stderr)
                print(output.strip(), file=sys.stderr)
            return 1
        order = sorted(range(len(targets)), key=lambda i: len(targets[i].parts))
        for index in order:
            stage, target = staging[index], targets[index]
            target.parent.mkdir(parents=True, exist_ok=True)
            old = staging_root / f"old-{index}"
            if target.exists():
                target.rename(old)
            stage.rename(target)
            print(f"built {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        return 0
    finally:
        for variable in shared:
            os.environ.pop(variable, None)
        shutil.rmtree(staging_root, ignore_errors=True)


def _share_between_builds(staging_root: Path) -> list[str]:
    """Let the builds share their record pages' Markdown conversions (most
    pages convert exactly as in another edition or language: see
    plugins/ihmiskauppa_mkdocs/conversions.py) and their compiled templates
    (theme_templates.py); the names of the variables set."""
    from ihmiskauppa_mkdocs.conversions import FOLDER_VARIABLE
    from ihmiskauppa_mkdocs.theme_templates import TEMPLATES_VARIABLE

    for variable, name in ((FOLDER_VARIABLE, "conversions"), (TEMPLATES_VARIABLE, "templates")):
        folder = staging_root / name
        folder.mkdir()
        os.environ[variable] = str(folder)  # inherited by every build process forked from here
    return [FOLDER_VARIABLE, TEMPLATES_VARIABLE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", action="append", help="a config to build (default: every edition)")
    parser.add_argument("--out", type=Path, help="put the editions in this folder instead of their site_dir")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="editions built at once")
    args = parser.parse_args(argv)
    configs = [(ROOT / c).resolve() for c in (args.config or EDITIONS)]
    return build(configs, max(1, args.jobs), args.out)


if __name__ == "__main__":
    sys.exit(main())
