"""Reading and parsing the record files of a content tree, before their models.

Parsing thousands of small files is most of what reading a tree costs, and
it needs neither pydantic nor the record models. So ``ihku validate`` starts
it (``ReadAhead``) before it imports them: a forked child parses a share of
the files while this process imports, then parses the rest. This module
imports nothing slow for that reason.
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Callable, TypeVar

from . import parallel, yamlsource
from .errors import Problem, Problems
from .yamlsource import Located, YamlSyntaxError, load_front_matter, load_yaml

T = TypeVar("T")

# The folders of Markdown records (corpus.COLLECTIONS) and the annual reports' prefaces.
RECORD_FOLDERS = ("issues", "meetings", "international", "trainings", "reports")

Loaded = tuple[Located, str, int]  # front matter, body, 1-based line of the body
# A record file read and parsed ahead: what load_markdown returns for it, and the problems it found.
Parsed = dict[Path, tuple["Loaded | None", list[Problem]]]



def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text, line ends made "\\n" (as ``Path.read_text`` would; read
    as bytes and decoded, which takes half as long: thousands of files)."""
    try:
        with open(path, "rb") as stream:
            text = stream.read().decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    except UnicodeDecodeError as exc:
        problems.add(path, None, "", f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        problems.add(path, None, "", f"cannot read the file: {exc.strerror}")
    return None


def _read_parsed(path: Path, problems: Problems, parse: Callable[[str], T]) -> T | None:
    """``parse`` of the file's text, or None after adding why it cannot be
    read (not UTF-8, unreadable, malformed YAML) to ``problems``."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return parse(text)
    except YamlSyntaxError as exc:
        problems.add(path, exc.line, "", str(exc))
        return None


def read_yaml(path: Path, problems: Problems) -> Located | None:
    """A YAML file, parsed (see ``_read_parsed``)."""
    return _read_parsed(path, problems, load_yaml)


def load_markdown(path: Path, problems: Problems, parsed: Parsed | None = None) -> Loaded | None:
    """A record file's front matter and body (taken from ``parsed`` if it was
    parsed ahead), or None after adding why it cannot be read to ``problems``."""
    if parsed and path in parsed:
        loaded, found = parsed.pop(path)
        problems.items.extend(found)
        return loaded
    doc = _read_parsed(path, problems, load_front_matter)
    if doc is None:
        return None
    if doc.meta.data is None:
        doc.meta.data = {}
    return doc.meta, doc.body, doc.body_line


def markdown_files(folder: Path) -> list[Path]:
    # By name: the same order as sorting the paths (one folder), without
    # pathlib's slow comparisons (~100,000 of them at N = 5,000).
    return sorted(folder.glob("*.md"), key=lambda path: path.name)


class ReadAhead:
    """Every record file of the tree at ``root``, parsed in two processes:
    a forked child starts on its share (``child_share`` of the files, spread
    evenly) when this is made, ``parsed()`` parses the rest here and joins.
    A caller with other work meanwhile (imports) gives the child more than
    half. On a small tree or where a fork may not run, everything is parsed
    here; in the preview (whose reused parses are faster still), nothing is
    parsed ahead and ``parsed()`` is empty."""

    def __init__(self, root: Path, child_share: float = 0.5) -> None:
        self.root = root.resolve()
        self._mine: list[Path] = []
        self._child: parallel.Forked | None = None
        self._theirs: list[Path] = []
        if yamlsource.reusing_memo() is not None:
            return
        paths = [path for name in RECORD_FOLDERS if (root / name).is_dir()
                 for path in markdown_files(root / name)]
        if len(paths) < parallel.MIN_ITEMS or not parallel.can_split():
            self._mine = paths
            return
        for index, path in enumerate(paths):
            # Neighbours cost alike (files of one folder): spread each share evenly.
            theirs = int((index + 1) * child_share) > int(index * child_share)
            (self._theirs if theirs else self._mine).append(path)
        self._child = parallel.Forked(self._parse_theirs)

    def _parse_theirs(self) -> list[tuple[Loaded | None, list[Problem]]]:
        gc.disable()  # in the child only: what it parses lives until it answers (see loader._collector_paused)
        return [self._parse(path) for path in self._theirs]

    def _parse(self, path: Path) -> tuple[Loaded | None, list[Problem]]:
        local = Problems(self.root)
        return load_markdown(path, local), local.items

    def parsed(self, meanwhile: Callable[[Parsed], None] | None = None) -> Parsed:
        """Every file, parsed. ``meanwhile`` gets this process's share first,
        while the child may still be parsing (the loader validates it then)."""
        try:
            out: Parsed = {path: self._parse(path) for path in self._mine}
            if meanwhile is not None:
                meanwhile(out)
        except BaseException:
            if self._child is not None:
                self._child.cancel()
            raise
        if self._child is not None:
            out.update(zip(self._theirs, self._child.result()))
        return out
