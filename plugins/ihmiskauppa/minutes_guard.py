"""Approved minutes do not change silently.

Once a meeting's minutes are ``approved``, every later change to their body
must come with a new entry in ``minutes.corrections``. Checked against the
file's Git history: from the first committed version with approved minutes,
through every later commit, to the working tree.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .corpus import Corpus
from .errors import Problems
from .yamlsource import load_yaml, split_front_matter


@dataclass(frozen=True)
class Version:
    label: str  # a commit (short hash and date) or "working tree"
    approved: bool
    corrections: int
    body: str


def _parse(text: str, label: str) -> Version | None:
    try:
        front, body, _ = split_front_matter(text)
        meta = load_yaml(front or "").data or {}
    except ValueError:
        return None
    minutes = meta.get("minutes") if isinstance(meta, dict) else None
    minutes = minutes if isinstance(minutes, dict) else {}
    corrections = minutes.get("corrections") or []
    return Version(label, minutes.get("status") == "approved",
                   len(corrections) if isinstance(corrections, list) else 0, body.strip())


def _git(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, input=stdin)


def histories(paths: list[Path]) -> dict[Path, list[Version]]:
    """Committed versions of each file, oldest first, then the working tree.

    Two git processes in all, whatever the number of files: one log for the
    commits, one ``cat-file --batch`` for the contents."""
    if not paths:
        return {}
    top = _git(paths[0].parent, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return {}
    root = Path(top.stdout.strip()).resolve()
    rels = {path.resolve().relative_to(root).as_posix(): path for path in paths}
    log = _git(root, "log", "--format=\x01%H %cs", "--name-only", "--no-renames", "--", *rels)
    commits: dict[str, list[tuple[str, str]]] = {rel: [] for rel in rels}
    sha = day = ""
    for line in log.stdout.splitlines():
        if line.startswith("\x01"):
            sha, day = line[1:].split()
        elif line in commits:
            commits[line].append((sha, day))
    wanted = [(rel, sha, day) for rel, items in commits.items() for sha, day in reversed(items)]
    batch = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True,
                           input="".join(f"{sha}:{rel}\n" for rel, sha, _ in wanted).encode())
    data, pos = batch.stdout, 0
    out: dict[Path, list[Version]] = {path: [] for path in paths}
    for rel, sha, day in wanted:
        header_end = data.index(b"\n", pos)
        header = data[pos:header_end].split()
        pos = header_end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        text = data[pos:pos + size].decode("utf-8", errors="replace")
        pos += size + 1
        parsed = _parse(text, f"{sha[:8]} ({day})")
        if parsed:
            out[rels[rel]].append(parsed)
    for path in paths:
        current = _parse(path.read_text(encoding="utf-8"), "working tree")
        if current:
            out[path].append(current)
    return out


def check(corpus: Corpus, problems: Problems) -> None:
    # Only files whose minutes are approved need their history read.
    approved = [m for m in corpus.meetings.values() if m.meta.minutes and m.meta.minutes.status == "approved"]
    all_versions = histories([m.path for m in approved])
    for meeting in approved:
        versions = all_versions.get(meeting.path)
        if not versions:
            continue
        approved_at = next((i for i, v in enumerate(versions) if v.approved), None)
        if approved_at is None:
            continue
        for before, after in zip(versions[approved_at:], versions[approved_at + 1:]):
            if after.body != before.body and after.corrections <= before.corrections:
                line = meeting.located.line_of(("minutes", "corrections")) if meeting.located else None
                problems.add(meeting.path, line, "minutes.corrections",
                             f"the approved minutes' text changed in {after.label} (compared with {before.label}) "
                             "without a new entry in minutes.corrections; add one (date and what was corrected)")
                break
