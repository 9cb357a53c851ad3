"""Record pages (plugins/ihmiskauppa_mkdocs/pages.py) are converted by one
Markdown instance per build instead of a new one per page. The site must be
the same byte for byte as with MkDocs' own ``Page.render``, on content that
uses every configured extension, links between records and heading ids
that repeat from page to page, footnotes and abbreviations (state left
over from the previous page would show there)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from ihmiskauppa_mkdocs.pages import RecordPage
from sitebuild import TODAY, copy_project
from test_parallel_build import tree

BODY = """\
Alku [toiseen asiaan](2025-002.md) ja [sen aikajanaan](2025-002.md#timeline).[^lahde]

[^lahde]: Alaviite {n}, HTML-tunnisteineen.

*[ESR]: Euroopan sosiaalirahasto {n}
ESR mainitaan.

## Tausta {{ #tausta .erityinen }}

!!! note "Huomio {n}"
    Admonitio, jossa on *korostus* ja `koodia`.

??? info "Lisätiedot"
    Avattava osio.

| Sarake | Arvo |
| --- | --- |
| a{n} | {n} |

Termi
:   Määritelmä {n}.

```python
print({n})
```

<div markdown="block" id="laatikko-{n}">
**Lihavoitu** HTML-lohkossa.
</div>

## Tausta

Sama otsikko toiseen kertaan: tunniste saa jälkiliitteen.
"""

ISSUE = """\
---
title: Testiasia {n}
visibility: public
summary: Lyhyt kuvaus {n}.
reported_by: tyosuojeluviranomainen
channel: coordinator
themes: []
areas: []
timeline:
  - date: 2026-0{n}-01
    stage: reported
    note: "Huomautus, jossa [linkki](https://example.org/{n}) ja *korostus*."
---
"""


def _build(project: Path, out: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_record_pages_render_as_mkdocs_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("IHKU_TODAY", TODAY)
    monkeypatch.setenv("IHKU_PARALLEL", "0")
    project = copy_project(tmp_path / "project")
    for n in range(1, 4):
        (project / "content" / "issues" / f"2026-9{n:02d}.md").write_text(
            ISSUE.format(n=n) + BODY.format(n=n), encoding="utf-8")
    config = project / "mkdocs.yml"  # extensions with state per document, which must not carry over
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - footnotes\n  - abbr\n"), encoding="utf-8")
    monkeypatch.chdir(project)

    rendered: list[str] = []
    shared_render = RecordPage.render

    def counting(self: RecordPage, config, files) -> None:  # type: ignore[no-untyped-def]
        rendered.append(self.file.src_uri)
        shared_render(self, config, files)

    monkeypatch.setattr(RecordPage, "render", counting)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        _build(project, tmp_path / "shared")
    # MkDocs checks links to anchors against the ids each page's render found.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "issues/2026-901.md" in rendered and len(rendered) > 50  # the record pages went through it

    monkeypatch.setattr(RecordPage, "render", Page.render)  # MkDocs' own: a new instance per page
    _build(project, tmp_path / "own")

    shared, own = tree(tmp_path / "shared"), tree(tmp_path / "own")
    assert shared.keys() == own.keys()
    assert [path for path in shared if shared[path] != own[path]] == []
    page = shared[Path("issues/2026-902/index.html")].decode()
    for expected in ('id="tausta"', 'id="tausta_1"', 'class="admonition note"', "<details", "<table>",
                     'id="laatikko-2"', 'href="../2025-002/#timeline"', "<dl>",
                     "Alaviite 2", '<abbr title="Euroopan sosiaalirahasto 2">'):
        assert expected in page, expected


def test_pages_converted_in_the_second_process_match_and_their_warnings_count(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """With the second process (producer.Beside), every other record page is
    converted there and handed over: the site is the same byte for byte as
    from one process, and what MkDocs warned about while converting (a dead
    link here) is logged once per page in the build, where --strict counts it."""
    from ihmiskauppa import parallel

    if not parallel.can_split():
        pytest.skip("needs fork and a second core")
    monkeypatch.setenv("IHKU_TODAY", TODAY)
    project = copy_project(tmp_path / "project")
    dead = [f"2026-9{n:02d}" for n in range(1, 7)]
    for n, record in enumerate(dead, start=1):
        (project / "content" / "issues" / f"{record}.md").write_text(
            ISSUE.format(n=n) + BODY.format(n=n) + "\n[Puuttuva sivu](puuttuva.md)\n", encoding="utf-8")
    monkeypatch.chdir(project)

    ahead: list[str] = []
    shared_render = RecordPage.render

    def noting(self: RecordPage, config, files) -> None:  # type: ignore[no-untyped-def]
        if self.ahead is not None:
            ahead.append(self.file.src_uri)
        shared_render(self, config, files)

    monkeypatch.setattr(RecordPage, "render", noting)
    warned = {}
    for mode in ("1", "0"):
        monkeypatch.setenv("IHKU_PARALLEL", mode)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(project, tmp_path / mode)
        warned[mode] = sorted(r.getMessage() for r in caplog.records
                              if r.levelno >= logging.WARNING and "puuttuva.md" in r.getMessage())
    converted_there = {uri for uri in ahead if uri.startswith("issues/2026-9")}
    assert len(ahead) > 20 and converted_there and len(converted_there) < len(dead)  # both processes took some
    assert len(warned["1"]) == len(dead) and warned["1"] == warned["0"]
    for record in dead:
        assert sum(f"issues/{record}.md" in message for message in warned["1"]) == 1
    two, one = tree(tmp_path / "1"), tree(tmp_path / "0")
    assert two.keys() == one.keys()
    assert [path for path in two if two[path] != one[path]] == []
