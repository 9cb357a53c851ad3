"""Network-only passages inside public records.

Syntax (in a record body or a timeline step's note), on lines of their own:

    ::: network
    Only the network edition shows this.
    :::

The public edition drops the passage entirely, before anything is built
from the text (pages, search, feeds, exports). The network edition shows it
in a box marked as internal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = re.compile(r"^[ \t]*:::[ \t]*network[ \t]*$")
CLOSE = re.compile(r"^[ \t]*:::[ \t]*$")


@dataclass(frozen=True)
class PassageProblem:
    line: int  # 1-based line within the text
    message: str


def check(text: str | None) -> list[PassageProblem]:
    """Unbalanced or nested markers, with the line where they are."""
    problems: list[PassageProblem] = []
    if not text or ":::" not in text:  # every marker line holds ':::'
        return problems
    opened: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if OPEN.match(line):
            if opened is not None:
                problems.append(PassageProblem(number, f"'::: network' inside the passage opened on line {opened}; "
                                                       "close it with ':::' first"))
            opened = number
        elif CLOSE.match(line):
            if opened is None:
                problems.append(PassageProblem(number, "':::' closes nothing; a passage starts with '::: network'"))
            opened = None
    if opened is not None:
        problems.append(PassageProblem(opened, "'::: network' is never closed with a line ':::'"))
    return problems


def _split(text: str) -> list[tuple[bool, list[str]]]:
    """[(is_network_only, lines)] in order."""
    parts: list[tuple[bool, list[str]]] = [(False, [])]
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if OPEN.match(stripped):
            parts.append((True, []))
        elif CLOSE.match(stripped) and parts[-1][0]:
            parts.append((False, []))
        else:
            parts[-1][1].append(line)
    return [(flag, lines) for flag, lines in parts if lines or not flag]


def strip(text: str | None) -> str | None:
    """The text without its network-only passages (for the public edition).

    Unbalanced markers are a validation error, so the build never gets here
    with them; a stray opener drops everything after it, the safe side."""
    if text is None or ":::" not in text:
        return text
    return "".join("".join(lines) for flag, lines in _split(text) if not flag)


def has_passages(text: str | None) -> bool:
    return bool(text) and any(OPEN.match(line) for line in text.splitlines())


def to_markdown(text: str | None, label: str) -> str | None:
    """Network edition: each passage in a box marked as internal."""
    if text is None or ":::" not in text:
        return text
    out: list[str] = []
    for flag, lines in _split(text):
        if flag:
            out.append(f'\n<div class="ihku-internal" markdown="block">\n<p class="ihku-internal__label">{label}</p>\n\n')
            out.append("".join(lines))
            out.append("\n</div>\n\n")
        else:
            out.append("".join(lines))
    return "".join(out)


def plain(text: str | None) -> str:
    """Text for feeds and summaries: marker lines removed, content kept."""
    if not text:
        return ""
    return "".join(l for l in text.splitlines(keepends=True)
                   if not (OPEN.match(l.rstrip("\r\n")) or CLOSE.match(l.rstrip("\r\n"))))
