from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    from minitree import write_tree

    return write_tree(tmp_path)


@pytest.fixture(scope="session")
def built_editions(tmp_path_factory) -> dict[str, Path]:
    """Both editions of the sample content, built once per test session, each
    with its language builds nested inside (network/sv, public/en, ...), so
    the language selector's links resolve as on the real hosts."""
    from sitebuild import ROOT as PROJECT, build

    out = tmp_path_factory.mktemp("editions")
    result = build(PROJECT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"network": out / "network", "public": out / "public"}


# Real-client session fixtures (one loopback server per edition, one Chromium,
# the page of each page type, one reused browser tab per edition and width): tests/webtools.py
from webtools import chromium, served_editions, tabs, urls  # noqa: E402,F401
