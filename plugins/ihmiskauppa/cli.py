"""``ihku``: the editors' command line.

    ihku validate [--content DIR] [--format text|github]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import load


def _find_content(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "content" / "network.yml").exists():
            return folder / "content"
    return start / "content"


def cmd_validate(args: argparse.Namespace) -> int:
    content = Path(args.content) if args.content else _find_content(Path.cwd())
    corpus, problems = load(content)
    shown = problems.errors + ([] if args.errors_only else problems.warnings)
    for problem in shown:
        print(problem.format_github() if args.format == "github" else problem.format())
    counts = sum(len(corpus.collection(c)) for c in ("issues", "meetings", "international", "trainings"))
    summary = (f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s) in {counts} records "
               f"of {content}")
    print(summary, file=sys.stderr)
    return 1 if problems.errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ihku", description="Tools for the editors of the coordination site.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check the whole content tree without building",
                              description="Check every record against content format v1 and print every problem.")
    validate.add_argument("--content", help="the content folder (default: ./content, or found upwards)")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github: GitHub Actions annotations (::error file=...,line=...::...)")
    validate.add_argument("--errors-only", action="store_true", help="do not print warnings")
    validate.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
