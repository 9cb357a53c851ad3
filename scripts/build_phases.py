"""Where the wall time of one ``mkdocs build`` goes: MkDocs' phases and the plugin events.

    python scripts/build_phases.py /tmp/ihku-bench/N2000/project     # the plugin build
    python scripts/build_phases.py /tmp/ihku-bench/N2000/baseline    # plain MkDocs, same pages

Runs the build in this process with timers around MkDocs' own functions
(reading and rendering every page, then the theme for every page) and the
plugin events, and prints when each phase started and ended and the seconds
spent in each function. Unlike cProfile it adds almost nothing to the time,
so the figures compare with the benchmark's. A diagnostic, not a test.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

START = time.perf_counter()
MARKS: dict[str, float] = {}
SPENT: dict[str, float] = defaultdict(float)


def _mark(name: str, last: bool = False) -> None:
    if last or name not in MARKS:
        MARKS[name] = time.perf_counter() - START


def _phase(owner: Any, name: str, label: str) -> None:
    """Mark the first call's start and the last call's end of ``owner.name``."""
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _mark(f"{label} starts")
        try:
            return original(*args, **kwargs)
        finally:
            _mark(f"{label} ends", last=True)

    setattr(owner, name, wrapper)


def _timed(owner: Any, name: str, label: str) -> None:
    """Add the time of every call of ``owner.name`` to ``label``."""
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - began

    setattr(owner, name, wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="a folder with mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ihku-phases-site"), help="where to build")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("IHKU_TODAY", "2026-11-22")

    import mkdocs.commands.build as build
    import mkdocs.plugins
    import mkdocs.structure.files
    import mkdocs.theme
    import mkdocs.utils
    from mkdocs.__main__ import cli
    from mkdocs.structure.pages import Page

    _phase(build, "build", "build()")
    _phase(build, "_populate_page", "reading and rendering the pages")
    _phase(build, "_build_page", "the theme for every page")
    _timed(Page, "read_source", "Page.read_source (incl. the plugin's on_page_read_source)")
    _timed(Page, "render", "Page.render (Python-Markdown)")
    try:  # the record pages render through their own class (plugins/ihmiskauppa_mkdocs/pages.py)
        from ihmiskauppa_mkdocs.pages import RecordPage

        _timed(RecordPage, "render", "Page.render (Python-Markdown)")
    except ImportError:
        pass
    _timed(build, "get_context", "get_context")
    _timed(build, "get_files", "get_files (docs_dir)")
    _timed(build, "get_navigation", "get_navigation")
    _timed(mkdocs.structure.files.Files, "add_files_from_theme", "Files.add_files_from_theme")
    _timed(mkdocs.theme.Theme, "get_env", "Theme.get_env")
    _timed(mkdocs.utils, "write_file", "write_file")
    for event in ("config", "pre_build", "files", "nav", "page_read_source", "env", "page_context", "post_page",
                  "post_build"):
        _timed(mkdocs.plugins.PluginCollection, f"on_{event}", f"on_{event} (every plugin)")
    shutil.rmtree(args.out, ignore_errors=True)  # as the benchmark does: no old site to clean
    try:
        cli.main(["build", "-q", "-f", str(args.project / "mkdocs.yml"), "-d", str(args.out)], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            return int(exc.code) if isinstance(exc.code, int) else 1
    _mark("end")
    previous = 0.0
    for name, at in sorted(MARKS.items(), key=lambda item: item[1]):
        print(f"{at:7.2f} s  (+{at - previous:5.2f})  {name}")
        previous = at
    print()
    for name, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"{seconds:7.2f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
