"""Reading the plain block YAML that records are written in, line by line.

Records use a small part of YAML: ``key: value`` lines, nested mappings by
indentation, ``- item`` lists, ``[a, b]`` lists of words, one-line plain or
quoted scalars, comments.
PyYAML reads them through a tree of Python node objects (a node and two
marks per scalar), which was half of the time ``ihku validate`` took. This
reads that part directly and gives up, returning ``None``, on anything else
(flow collections other than a list of words, block scalars, anchors, tags, multi-line scalars,
document markers, tabs, odd indentation, escapes): PyYAML reads those texts,
and reports their syntax errors with its own messages and lines.

``tests/test_yamlblock.py`` compares it with PyYAML on every sample record
and on thousands of generated documents, tricky ones included.
"""
from __future__ import annotations

import re
from typing import Any, Callable

# Document markers and directives, left to PyYAML.
_MARKER = re.compile(r"^(?:---|\.\.\.|%)", re.M)

# A key as records write it: plain, unquoted, with ": " or a line end after it.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +|$)")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"(?: *| +#.*)$')
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'(?: *| +#.*)$")
# A one-line list of plain words: [a, b, c] (themes, areas, responsible).
_FLOW_LIST = re.compile(r"\[([^\[\]{}#'\"]*)\](?: *| +#.*)$")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_. -]*[A-Za-z0-9_.])?")
# A plain scalar may not start with these (PyYAML reads them as something
# else or refuses them); "-" and ":" followed by text are allowed by YAML
# but rare enough to leave to PyYAML.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


class _Outside(Exception):
    """The text uses YAML beyond the block subset: PyYAML reads it."""


_MISSING = object()


class BlockReader:
    """Reads documents of the block subset; ``parse`` gives ``(data, some
    mapping repeats a key)`` as PyYAML's safe loader would, or None if the
    text is outside the subset.

    ``scalar`` gives the value of a plain scalar (raising ValueError where
    it would rather PyYAML decided); ``key_is_text`` says whether a plain key
    reads as text (``yes:`` or ``2024:`` do not). Both are pure functions of
    the text, so their answers are kept: keys, stages, ids, themes and dates
    repeat across thousands of records."""

    def __init__(self, scalar: Callable[[str], Any], key_is_text: Callable[[str], bool]) -> None:
        self._scalar = scalar
        self._key_is_text = key_is_text
        self._text_keys: set[str] = set()
        self._values: dict[str, Any] = {}  # short one-line values, already read (all immutable)

    def parse(self, text: str) -> tuple[Any, bool] | None:
        # Python's printable characters are a subset of YAML's, without the
        # ones PyYAML refuses (control characters), reads as line breaks (\r,
        # \x85, \u2028, \u2029) or treats specially (tabs, a byte order
        # mark). A text with any other character (even a no-break space) is
        # left to PyYAML.
        if not text.replace("\n", "").isprintable() or _MARKER.search(text):
            return None
        lines = []
        for raw in text.split("\n"):
            content = raw.lstrip(" ")
            if content and content[0] != "#":  # blank lines and comments say nothing
                lines.append((len(raw) - len(content), content.rstrip(" ")))
        if not lines:
            return None, False
        document = _Document(self, lines)
        try:
            value = document.block(0)
        except (_Outside, ValueError):
            return None
        if document.at != len(lines):
            # A line deeper than every open block (a scalar going on over
            # lines, bad indentation) stops each loop and is left over.
            return None
        return value, document.duplicated

    def key(self, key: str) -> str:
        if key not in self._text_keys:
            if not self._key_is_text(key):
                raise _Outside
            self._text_keys.add(key)
        return key

    def value(self, text: str) -> Any:
        """A one-line value after ``key: `` or ``- ``."""
        value = self._values.get(text, _MISSING)
        if value is not _MISSING:
            return value
        first = text[0]
        if first == "[":
            return self._flow_list(text)  # a list: never shared between records
        if first == '"':
            match = _DOUBLE_QUOTED.match(text)
            if match is None:
                raise _Outside
            value = match[1]
        elif first == "'":
            match = _SINGLE_QUOTED.match(text)
            if match is None:
                raise _Outside
            value = match[1].replace("''", "'")
        elif first in _NOT_PLAIN_START:
            raise _Outside
        else:
            plain = text
            comment = plain.find(" #")
            if comment >= 0:
                plain = plain[:comment].rstrip(" ")
            if ": " in plain or plain[-1] == ":":
                raise _Outside
            value = self._scalar(plain)
        if len(text) <= 64 and len(self._values) < 100_000:
            self._values[text] = value
        return value

    def _flow_list(self, text: str) -> list[Any]:
        match = _FLOW_LIST.match(text)
        if match is None:
            raise _Outside
        inner = match[1].strip(" ")
        if not inner:
            return []
        out = []
        for item in inner.split(","):
            item = item.strip(" ")
            if not _FLOW_ITEM.fullmatch(item):
                raise _Outside
            out.append(self._scalar(item))
        return out


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


class _Document:
    """One document's lines and where reading is."""

    def __init__(self, reader: BlockReader, lines: list[tuple[int, str]]) -> None:
        self.reader = reader
        self.lines = lines
        self.at = 0
        self.duplicated = False

    def block(self, indent: int) -> Any:
        """The mapping or list whose first line is the current one, at ``indent``."""
        return self.sequence(indent) if _is_item(self.lines[self.at][1]) else self.mapping(indent)

    def mapping(self, indent: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        lines, count, reader, key_match = self.lines, len(self.lines), self.reader, _KEY.match
        while self.at < count:
            at_indent, content = lines[self.at]
            if at_indent != indent:
                break
            match = key_match(content)
            if match is None:
                if _is_item(content):
                    break  # an indentless list ends here; the caller decides
                raise _Outside
            key = reader.key(match[1])
            rest = content[match.end():]
            self.at += 1
            value = self.nested(indent, True) if not rest or rest[0] == "#" else reader.value(rest)
            if key in out:
                self.duplicated = True
            out[key] = value
        return out

    def sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        lines, count, reader = self.lines, len(self.lines), self.reader
        while self.at < count:
            at_indent, content = lines[self.at]
            if at_indent != indent or not _is_item(content):
                break
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                self.at += 1
                out.append(self.nested(indent, False))
            elif _is_item(rest):
                raise _Outside  # a list in a list on one line
            elif _KEY.match(rest):
                # "- key: value": a mapping whose keys line up with this one.
                item_indent = indent + len(content) - len(rest)
                lines[self.at] = (item_indent, rest)
                out.append(self.mapping(item_indent))
            else:
                self.at += 1
                out.append(reader.value(rest))
        return out

    def nested(self, indent: int, indentless: bool) -> Any:
        """The value after ``key:`` or ``-`` with nothing else on the line."""
        if self.at < len(self.lines):
            next_indent, content = self.lines[self.at]
            if next_indent > indent:
                return self.block(next_indent)
            # A key's list may start at the key's own indentation.
            if indentless and next_indent == indent and _is_item(content):
                return self.sequence(indent)
        return None
