"""Located content errors: the file, the field, the line, what was found, what is allowed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the content tree.

    ``severity`` is ``error`` (the build fails) or ``warning`` (reported, shown
    on the record's page, the build goes on).
    """

    file: str
    line: int | None
    field: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {what}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the PR's line."""
        kind = "error" if self.severity == "error" else "warning"
        props = [f"file={_gh_escape_prop(self.file)}"]
        if self.line is not None:
            props.append(f"line={self.line}")
        if self.field:
            props.append(f"title={_gh_escape_prop(self.field)}")
        return f"::{kind} {','.join(props)}::{_gh_escape_data(self.message)}"


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """Collects every problem of a run, so one run reports them all."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            # Paths as the editor sees them in the repository: content/issues/...
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path, line: int | None, field_name: str, message: str, severity: str = "error") -> None:
        self.items.append(Problem(self.rel(path), line, field_name, message, severity))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "warning")


class ContentError(Exception):
    """Raised when the content tree has errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join("  " + p.format() for p in problems)
        super().__init__(f"{len(problems)} error(s) in the content:\n{lines}")
