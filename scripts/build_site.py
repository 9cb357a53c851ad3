#!/usr/bin/env python3
"""Build every edition of the site, all or nothing.

Each edition is built with ``mkdocs build --strict`` into a fresh temporary
folder beside its target; only when every edition has built are they moved
into place. A failed build leaves the previous output untouched and never
publishes half a site.

    python scripts/build_site.py                 # both editions -> site/network, site/public
    python scripts/build_site.py --config mkdocs.public.yml
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Every edition in every language: one MkDocs build each (INHERIT configs).
EDITIONS = ("mkdocs.yml", "mkdocs.sv.yml", "mkdocs.en.yml",
            "mkdocs.public.yml", "mkdocs.public.sv.yml", "mkdocs.public.en.yml")


def _site_dir(config: Path) -> Path:
    """site_dir of a config, following INHERIT (MkDocs resolves it against the config's folder)."""
    data: dict = {}
    chain = [config]
    while True:
        text = yaml.load(chain[-1].read_text(encoding="utf-8"), Loader=_IgnoreTags)  # noqa: S506
        data = {**(text or {}), **data}
        parent = (text or {}).get("INHERIT")
        if not parent:
            break
        chain.append((chain[-1].parent / parent).resolve())
    return (config.parent / data.get("site_dir", "site")).resolve()


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


def build(configs: list[Path], jobs: int, out: Path | None = None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    targets = [_target(c, out) for c in configs]
    # Language builds nest inside their edition (site/network/sv): stage every
    # build outside all targets, then move them in, outermost first.
    top = Path(os.path.commonpath([t.parent for t in targets]))
    top.mkdir(parents=True, exist_ok=True)
    staging_root = Path(tempfile.mkdtemp(prefix=".building-", dir=top))
    staging = [staging_root / str(index) for index in range(len(configs))]

    def run(index: int) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "-f", str(configs[index]), "-d", str(staging[index])]
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(run, range(len(configs))))
        failed = [(c, r) for c, r in zip(configs, results) if r.returncode != 0]
        if failed:
            for config, result in failed:
                print(f"\n{config.name} failed; nothing was published:\n", file=sys.stderr)
                print((result.stdout + result.stderr).strip(), file=sys.stderr)
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
        shutil.rmtree(staging_root, ignore_errors=True)


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
