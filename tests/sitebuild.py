"""Building real sites for the tests: the real build script, real MkDocs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"  # the day the tests reckon "upcoming" and "overdue" from
PROJECT_FILES = ("mkdocs.yml", "mkdocs.sv.yml", "mkdocs.en.yml", "mkdocs.public.yml", "mkdocs.public.sv.yml",
                 "mkdocs.public.en.yml", "docs")


def copy_project(dest: Path, content: Path | None = None) -> Path:
    """A copy of the project's configs and docs with ``content`` (default: the sample content)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(content or ROOT / "content", dest / "content")
    return dest


def build(project: Path, out: Path, *configs: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """Build ``configs`` of ``project`` (default: every edition and language) into ``out``."""
    cmd = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out)]
    for config in configs or [c for c in PROJECT_FILES if c.endswith(".yml")]:
        cmd += ["--config", str(project / config)]
    env = {**os.environ, "IHKU_TODAY": today}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article(site: Path, url: str) -> BeautifulSoup:
    return page(site, url).select_one("article.md-content__inner")
