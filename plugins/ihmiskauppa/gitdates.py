"""When each record was first published and last changed, from Git.

One ``git log`` over the whole content tree gives every file's first and
last commit date (never one call per file). On a shallow clone the oldest
commits are missing, so "first published" would be wrong: we then give no
dates at all and say why, rather than wrong ones.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GitDates:
    first: dict[str, dt.date] = field(default_factory=dict)  # absolute path -> date of the first commit
    last: dict[str, dt.date] = field(default_factory=dict)
    warning: str | None = None  # why there are no dates (not a repository, shallow clone)

    @property
    def history_starts(self) -> dt.date | None:
        """The day of the oldest commit of the content: before it, Git knows nothing."""
        return min(self.first.values(), default=None)

    def first_published(self, path: Path | str) -> dt.date | None:
        return _lookup(self.first, path)

    def last_changed(self, path: Path | str) -> dt.date | None:
        return _lookup(self.last, path)


def _lookup(dates: dict[str, dt.date], path: Path | str) -> dt.date | None:
    # Records' paths are already absolute and resolved (the loader's):
    # resolving again, for every page and feed entry, is only the fallback.
    if not dates:
        return None
    found = dates.get(str(path))
    return found if found is not None else dates.get(str(Path(path).resolve()))


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def read(content: Path) -> GitDates:
    content = content.resolve()
    try:
        top = _git(content, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return GitDates(warning="git is not installed: no publication dates")
    if top.returncode != 0:
        return GitDates(warning="the content is not in a Git repository: no publication dates")
    if _git(content, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return GitDates(warning="this is a shallow Git clone, so the history is incomplete: publication dates "
                                "are left out rather than shown wrong (fetch the whole history: git fetch --unshallow)")
    root = Path(top.stdout.strip())
    # Newest first; author dates in the committer's own offset, taken as calendar days.
    log = _git(root, "log", "--format=\x01%cI", "--name-only", "--no-renames", "--", str(content))
    if log.returncode != 0:
        return GitDates(warning=f"git log failed: {log.stderr.strip()}")
    dates = GitDates()
    current: dt.date | None = None
    for line in log.stdout.splitlines():
        if line.startswith("\x01"):
            current = dt.datetime.fromisoformat(line[1:]).date()
        elif line and current is not None:
            path = str((root / line).resolve())
            dates.first[path] = current  # the last one seen is the oldest
            dates.last.setdefault(path, current)
    return dates
