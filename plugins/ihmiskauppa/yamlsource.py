"""Reading YAML and front matter while remembering where every value was written.

PyYAML's composed node tree carries line numbers; we construct the data with
the same (C) loader and walk the node tree beside it, so each field path maps
to its line and to the text the editor typed (to explain e.g. an unquoted
``2.10`` that YAML read as the number 2.1).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

from .memo import Memo, memoised

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~5x faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps an impossible date (2026-01-32) as text, so the
    record model can say what is wrong with it instead of the parser failing."""

    def construct_yaml_timestamp(self, node):  # type: ignore[no-untyped-def]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed data plus, for every field path, its line and raw scalar text."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    line_offset: int = 0
    # (path, line) of keys written twice in one mapping: YAML keeps the last silently.
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path] + self.line_offset
            path = path[:-1]
        return self.lines.get((), 0) + self.line_offset if self.lines else None


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def _walk(node: yaml.Node, path: Path_, out: Located) -> None:
    out.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name in seen:
                out.duplicates.append((path + (name,), key.start_mark.line + 1 + out.line_offset))
            seen.add(name)
            out.lines[path + (name,)] = key.start_mark.line + 1
            _walk(value, path + (name,), out)
            out.lines[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), out)
    elif isinstance(node, yaml.ScalarNode):
        out.raw[path] = node.value


# A long-running process (the preview server) parses the same files again
# on every rebuild. Within ``reusing(memo)``, a text parsed in the previous
# run is not parsed again (only texts that parsed are kept).
_REUSE: ContextVar[Memo | None] = ContextVar("reused_yaml", default=None)


@contextmanager
def reusing(memo: Memo | None) -> Iterator[None]:
    token = _REUSE.set(memo)
    try:
        yield
    finally:
        _REUSE.reset(token)


def load_yaml(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line."""
    return memoised(_REUSE.get(), (text, line_offset), lambda: _parse(text, line_offset))


def _parse(text: str, line_offset: int) -> Located:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or str(exc)
        context = ""
        if exc.context:
            started = exc.context_mark.line + 1 + line_offset if exc.context_mark else None
            context = f" ({exc.context}" + (f" that starts on line {started}" if started and started != line else "") + ")"
        raise YamlSyntaxError(f"malformed YAML: {problem}{context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"malformed YAML: {exc}", None) from None
    finally:
        loader.dispose()
    located = Located(data=data, line_offset=line_offset)
    if node is not None:
        _walk(node, (), located)
    return located


@dataclass
class FrontMatterDoc:
    meta: Located
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from a Markdown text.

    Returns (front matter text or None, body, 1-based line of the body).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise YamlSyntaxError("front matter opened with '---' on line 1 is never closed with '---'", 1)


def load_front_matter(text: str) -> FrontMatterDoc:
    front, body, body_line = split_front_matter(text)
    if front is None:
        raise YamlSyntaxError("no front matter: a record starts with '---', its YAML fields, and '---'", 1)
    # Lines inside the front matter start on file line 2.
    meta = load_yaml(front, line_offset=1)
    return FrontMatterDoc(meta=meta, body=body, body_line=body_line)
