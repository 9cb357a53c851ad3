"""Compiled templates kept in a folder for the other builds of a run
(ihmiskauppa.site.render.CompiledTemplates, used by
plugins/ihmiskauppa_mkdocs/theme_templates.py): a template is compiled
once per run, and again wherever its source or its environment differ."""
from __future__ import annotations

from pathlib import Path

import jinja2

from ihmiskauppa.site.render import CompiledTemplates


class Counting(jinja2.Environment):
    compiled: list[str]

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def, override]
        self.compiled.append(name)
        return super().compile(source, name, filename, raw, defer_init)


def _env(templates: Path, cache: CompiledTemplates, **syntax: object) -> Counting:
    env = Counting(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache, **syntax)  # type: ignore[arg-type]
    env.compiled = []
    return env


def test_a_template_is_compiled_once_per_run_and_again_where_it_differs(tmp_path: Path) -> None:
    templates, folder = tmp_path / "templates", tmp_path / "run"
    templates.mkdir()
    folder.mkdir()
    (templates / "page.html").write_text("<p>{{ x }}</p>{% if x %}!{% endif %}", encoding="utf-8")

    def cache() -> CompiledTemplates:  # each build process has its own, sharing the run's folder
        made = CompiledTemplates()
        made.share(folder)
        return made

    first = _env(templates, cache())
    assert first.get_template("page.html").render(x=1) == "<p>1</p>!"
    assert first.compiled == ["page.html"] and len(list(folder.iterdir())) == 1

    second = _env(templates, cache())  # another build of the run: takes it
    assert second.get_template("page.html").render(x=2) == "<p>2</p>!"
    assert second.compiled == []

    other_syntax = _env(templates, cache(), block_start_string="<%", block_end_string="%>")
    assert other_syntax.get_template("page.html").render(x=1) == "<p>1</p>{% if x %}!{% endif %}"
    assert other_syntax.compiled == ["page.html"]

    (templates / "page.html").write_text("<p>{{ x }}?</p>", encoding="utf-8")  # an edited template
    edited = _env(templates, cache())
    assert edited.get_template("page.html").render(x=3) == "<p>3?</p>"
    assert edited.compiled == ["page.html"]

    alone = _env(templates, CompiledTemplates())  # a lone build: nothing from the folder
    alone.get_template("page.html")
    assert alone.compiled == ["page.html"]


def test_a_folder_that_is_gone_only_shares_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{{ x }}", encoding="utf-8")
    made = CompiledTemplates()
    made.share(tmp_path / "gone")
    env = _env(templates, made)
    assert env.get_template("page.html").render(x=5) == "5"
    again = _env(templates, made)  # still kept in this process
    assert again.get_template("page.html").render(x=6) == "6" and again.compiled == []
    assert not (tmp_path / "gone").exists()
