"""A content tree unlike the sample: written from scratch in the tests, with
ids that need care in URLs, no optional files, few fields. It must build
strictly in every edition and language, and every link must resolve."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from minitree import replace, write_tree
from sitebuild import ROOT, build


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("unseen")
    project = base / "project"
    project.mkdir()
    content = write_tree(project)
    for name in ("mkdocs.yml", "mkdocs.sv.yml", "mkdocs.en.yml", "mkdocs.public.yml", "mkdocs.public.sv.yml",
                 "mkdocs.public.en.yml", "docs"):
        source = ROOT / name
        shutil.copytree(source, project / name) if source.is_dir() else shutil.copy2(source, project / name)
    # an id with a space and non-ASCII letters, referenced from a public meeting
    (content / "issues" / "Äkillinen asia 1.md").write_text(
        "---\ntitle: Äkillinen asia\nvisibility: public\nreported_by: poliisi\ntimeline:\n"
        "  - date: 2026-01-01\n    stage: reported\n---\n", encoding="utf-8")
    replace(content / "meetings" / "2026-04-02-secretariat.md", "    issue: 2026-001",
            "    issue: Äkillinen asia 1")
    # a meeting with no optional field at all, and a measure id with a dot
    (content / "meetings" / "2026-06-01-other.md").write_text(
        "---\ntitle: Muu kokous\nvisibility: public\nbody: other\ndate: 2026-06-01\n---\n", encoding="utf-8")
    result = build(project, base / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "out"


@pytest.mark.parametrize("edition", ["network", "public", "network/sv", "public/en"])
def test_unseen_tree_builds_and_every_internal_link_resolves(unseen: Path, edition: str) -> None:
    site = unseen / edition
    assert (site / "issues" / "Äkillinen asia 1" / "index.html").is_file()
    checked = 0
    for page in site.rglob("index.html"):
        if page.relative_to(site).parts[:1] in (("sv",), ("en",)):
            continue  # nested language builds are checked on their own
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            target = unquote(href.split("#")[0])
            resolved = (page.parent / target).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            assert resolved.is_file(), f"{page.relative_to(site)}: {href}"
            checked += 1
    assert checked > 50


def test_reference_to_odd_id_is_linked(unseen: Path) -> None:
    soup = BeautifulSoup((unseen / "network" / "meetings" / "2026-04-02-secretariat" / "index.html")
                         .read_text(encoding="utf-8"), "lxml")
    link = soup.select_one("ol.ihku-agenda a")
    assert link["href"] == "../../issues/%C3%84killinen%20asia%201/"
