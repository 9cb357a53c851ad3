"""Reading YAML and front matter while remembering where every value was written.

PyYAML's composed node tree carries line numbers. A record is parsed once
into nodes and built into plain data in one pass (faster than PyYAML's
generic constructor). Where each field path was written (its line, and the
text the editor typed, to explain e.g. an unquoted ``2.10`` that YAML read as
the number 2.1) is only needed to report a problem, so that map is made on
first use, from the same text.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import yamlblock
from .memo import Memo, digest, memoised

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~5x faster

STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps an impossible date (2026-01-32) as text, so the
    record model can say what is wrong with it instead of the parser failing."""

    def construct_yaml_timestamp(self, node):  # type: ignore[no-untyped-def]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
        # BaseResolver.resolve without path resolvers (the safe loader has
        # none): the parser calls it for every scalar, mapping and list.
        if kind is ScalarNode:
            return _tag_of(value) if implicit[0] else STR
        return MAP if kind is MappingNode else SEQ

    # Path resolvers are what these two track; the safe loader has none.
    def descend_resolver(self, current_node, current_index):  # type: ignore[no-untyped-def]
        pass

    def ascend_resolver(self):  # type: ignore[no-untyped-def]
        pass


_RESOLVED: dict[str, str] = {}


def _tag_of(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar. Plain scalars repeat (every
    key, stages, ids, dates): a tag once found is looked up, not matched again."""
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _resolve_plain(value)
        if len(value) <= 80 and len(_RESOLVED) < 200_000:
            _RESOLVED[value] = tag
    return tag


def _resolve_plain(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return STR


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
# value[:1] is "" for the empty scalar, which is the key of its own resolvers.
_IMPLICIT: dict[str, list[tuple[str, Any]]] = {
    k: v for k, v in _Loader.yaml_implicit_resolvers.items() if k is not None}
assert None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers
# Scalars built by a plain function of the node (the rest: str, map, seq,
# or the generic constructor).
_SCALARS = {tag: fn for tag, fn in _Loader.yaml_constructors.items()
            if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                       "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")}

_SCALAR_LOADER = _Loader("")  # PyYAML's scalar constructors are methods; they read no parser state

Path_ = tuple[str | int, ...]


class Located:
    """Parsed data plus, for every field path, its line and raw scalar text.

    ``lines``, ``raw`` and ``duplicates`` are worked out from ``text`` when
    first read; a record without problems never needs them."""

    def __init__(self, data: Any, text: str | None = None, line_offset: int = 0,
                 duplicated: bool | None = None) -> None:
        self.data = data
        self.text = text
        self.line_offset = line_offset
        self._map: tuple[dict[Path_, int], dict[Path_, str], list[tuple[Path_, int]]] | None = None
        # Known to have no key written twice (the fast parse checks it): no map needed.
        self._no_duplicates = duplicated is False

    def _where(self) -> tuple[dict[Path_, int], dict[Path_, str], list[tuple[Path_, int]]]:
        if self._map is None:
            lines: dict[Path_, int] = {}
            raw: dict[Path_, str] = {}
            duplicates: list[tuple[Path_, int]] = []
            node = _compose(self.text, self.line_offset) if self.text is not None else None
            if node is not None:
                _walk(node, (), lines, raw, duplicates, self.line_offset)
            self._map = (lines, raw, duplicates)
        return self._map

    @property
    def lines(self) -> dict[Path_, int]:
        return self._where()[0]

    @property
    def raw(self) -> dict[Path_, str]:
        return self._where()[1]

    @property
    def duplicates(self) -> list[tuple[Path_, int]]:
        """(path, line) of keys written twice in one mapping: YAML keeps the last silently."""
        return [] if self._no_duplicates else self._where()[2]

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        lines = self.lines
        path = tuple(path)
        while path:
            if path in lines:
                return lines[path] + self.line_offset
            path = path[:-1]
        return lines.get((), 0) + self.line_offset if lines else None


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], raw: dict[Path_, str],
          duplicates: list[tuple[Path_, int]], line_offset: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else str(key.value)
            if name in seen:
                duplicates.append((path + (name,), key.start_mark.line + 1 + line_offset))
            seen.add(name)
            lines[path + (name,)] = key.start_mark.line + 1
            _walk(value, path + (name,), lines, raw, duplicates, line_offset)
            lines[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, raw, duplicates, line_offset)
    elif isinstance(node, ScalarNode):
        raw[path] = node.value


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


def reusing_memo() -> Memo | None:
    """The memo of the enclosing ``reusing`` block, if any."""
    return _REUSE.get()


def load_yaml(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line."""
    memo = _REUSE.get()
    if memo is None:
        return _parse(text, line_offset)
    return memoised(memo, ("yaml", digest(text), line_offset), lambda: _parse(text, line_offset))


def _syntax_error(exc: yaml.YAMLError, line_offset: int) -> YamlSyntaxError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlSyntaxError(f"malformed YAML: {exc}", None)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + line_offset if mark else None
    problem = exc.problem or str(exc)
    context = ""
    if exc.context:
        started = exc.context_mark.line + 1 + line_offset if exc.context_mark else None
        context = f" ({exc.context}" + (f" that starts on line {started}" if started and started != line else "") + ")"
    return YamlSyntaxError(f"malformed YAML: {problem}{context}", line)


def _compose(text: str, line_offset: int) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, line_offset) from None
    finally:
        loader.dispose()


class _Unusual(Exception):
    """A node the fast construction leaves to PyYAML (aliases, merge keys, explicit tags)."""


def _plain(value: str) -> Any:
    """The value of a plain scalar, as PyYAML's safe loader types it (ValueError for the rare tags left to PyYAML)."""
    tag = _tag_of(value)
    if tag == STR:
        return value
    return _typed(tag, value)


def _key_is_text(key: str) -> bool:
    return _plain(key) is key


def _typed(tag: str, value: str) -> Any:
    """A typed plain scalar (date, number, truth value, null)."""
    if tag == TIMESTAMP:  # dates are the most common typed scalar: skip PyYAML's regex for YYYY-MM-DD
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:  # 2026-01-32: kept as text, as _Loader does
                return value
    scalar = _SCALARS.get(tag)
    if scalar is None:
        raise ValueError(tag)
    return scalar(_SCALAR_LOADER, ScalarNode(tag, value))


_BLOCK = yamlblock.BlockReader(_plain, _key_is_text)


def _parse(text: str, line_offset: int) -> Located:
    block = _BLOCK.parse(text)
    if block is not None:
        return Located(block[0], text, line_offset, duplicated=block[1])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, text, line_offset, duplicated=False)
        try:
            data, duplicated = _build(node, set())
        except _Unusual:
            data, duplicated = loader.construct_document(node), None
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, line_offset) from None
    finally:
        loader.dispose()
    return Located(data, text, line_offset, duplicated=duplicated)


def _build(node: yaml.Node, active: set[int]) -> tuple[Any, bool]:
    """The node's data, and whether some mapping in it repeats a key. What
    PyYAML's safe constructor would give, for the plain documents records are."""
    kind = type(node)
    if kind is ScalarNode:
        tag = node.tag
        if tag == STR:
            return node.value, False
        try:
            return _typed(tag, node.value), False
        except ValueError:
            raise _Unusual from None
    if id(node) in active:  # an alias of a node that contains it
        raise _Unusual
    active.add(id(node))
    duplicated = False
    if kind is MappingNode and node.tag == MAP:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            key, _ = _build(key_node, active)
            out[key], inner = _build(value_node, active)
            duplicated = duplicated or inner
        duplicated = duplicated or len(out) != len(node.value)
        result: Any = out
    elif kind is SequenceNode and node.tag == SEQ:
        result = []
        for item in node.value:
            value, inner = _build(item, active)
            result.append(value)
            duplicated = duplicated or inner
    else:
        raise _Unusual
    active.discard(id(node))
    return result, duplicated


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
