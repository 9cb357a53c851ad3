"""``ihku``: the editors' command line.

    ihku new issue|meeting|memo|training [options]   a new record from a template
    ihku advance ISSUE STAGE [--meeting ID] [--note ...] [--decision ...]
    ihku validate [--format text|github]              check the content without building
    ihku preview [--public] [--lang sv]               the site with live reload

Every command has --help.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import process, templates_new, vocab
from .reading import ReadAhead
from .yamlsource import load_front_matter, split_front_matter

if TYPE_CHECKING:
    from .corpus import Corpus
    from .errors import Problems

# The commands import the record models (pydantic) when they run, not here:
# ``validate`` starts parsing the files first (reading.ReadAhead).


def _find_content(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "content" / "network.yml").exists():
            return folder / "content"
    return start / "content"


def _content(args: argparse.Namespace) -> Path:
    given = getattr(args, "content", None)
    return Path(given).resolve() if given else _find_content(Path.cwd())


def _today(args: argparse.Namespace) -> dt.date:
    value = getattr(args, "date", None) or os.environ.get("IHKU_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def load(content: Path, privacy: bool = True, ahead: ReadAhead | None = None) -> tuple[Corpus, Problems]:
    from .loader import load as load_tree

    return load_tree(content, privacy, ahead)


def _fail(message: str, code: int = 2) -> int:
    print(f"ihku: {message}", file=sys.stderr)
    return code


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-") or "uusi"


def _free(folder: Path, stem: str) -> str:
    candidate, n = stem, 2
    while (folder / f"{candidate}.md").exists():
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


# --- validate ---------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    content = _content(args)
    # A child parses 3 of every 5 files while this process imports the models
    # (and then validates its own share: loader._validate_ahead).
    ahead = ReadAhead(content, child_share=0.6)
    from . import attention, gitdates, minutes_guard

    # What is read lives until the command ends: the cyclic collector need
    # not walk it again each time the checks below make objects (it did,
    # for a tenth of a second at N = 5,000), nor once when reading ends
    # (the loader pauses it; enabled again at once, its first collection
    # would walk everything read: 0.05 s). So it stays off until all of it
    # is frozen.
    gc.disable()
    corpus, problems = load(content, ahead=ahead)
    gc.freeze()
    gc.enable()
    git = gitdates.read(content)
    if not problems.errors:
        attention.as_problems(attention.check(corpus, _today(args), corpus.deadlines, git), problems)
        if not args.no_git:
            minutes_guard.check(corpus, problems)
    shown = problems.errors + ([] if args.errors_only else problems.warnings)
    for problem in shown:
        print(problem.format_github() if args.format == "github" else problem.format())
    count = sum(len(corpus.collection(c)) for c in ("issues", "meetings", "international", "trainings"))
    print(f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s) in {count} records of {content}",
          file=sys.stderr)
    # Freed with the process (run), not object by object as this returns: 0.04 s at N = 5,000.
    _UNTIL_EXIT[:] = [corpus]
    return 1 if problems.errors else 0


_UNTIL_EXIT: list[object] = []


# --- new --------------------------------------------------------------------------

def cmd_new(args: argparse.Namespace) -> int:
    content = _content(args)
    today = _today(args)
    kind = args.kind
    if kind == "issue":
        folder = content / "issues"
        year = today.year
        numbers = [int(m.group(1)) for p in folder.glob(f"{year}-*.md")
                   if (m := re.fullmatch(rf"{year}-(\d+)", p.name[:-3]))]
        record_id = f"{year}-{max(numbers, default=0) + 1:03d}"
        corpus, _ = load(content, privacy=False)
        reporter = args.reported_by or ("ihmiskauppakoordinaattori" if "ihmiskauppakoordinaattori" in corpus.organisations
                                        else next(iter(sorted(corpus.organisations)), "ihmiskauppakoordinaattori"))
        if reporter not in corpus.organisations:
            return _fail(f"unknown organisation '{reporter}'; allowed: ids from content/network.yml")
        text = templates_new.ISSUE.format(id=record_id, title=_yaml(args.title or "Uusi asia"),
                                          reported_by=reporter, today=today.isoformat())
    elif kind == "meeting":
        folder = content / "meetings"
        body = args.body or "secretariat"
        if body not in vocab.BODIES:
            return _fail(f"unknown body '{body}'; allowed: {', '.join(vocab.BODIES)}")
        record_id = _free(folder, f"{today.isoformat()}-{body}")
        title = args.title or f"{vocab.label(vocab.BODIES, body)} {today.day}.{today.month}.{today.year}"
        text = templates_new.MEETING.format(id=record_id, title=_yaml(title), body=body, date=today.isoformat(),
                                            today=dt.date.today().isoformat())
    elif kind == "memo":
        folder = content / "international"
        name = args.meeting or "Kansainvälinen kokous"
        record_id = _free(folder, f"{today.isoformat()}-{_slug(args.slug or name)}")
        text = templates_new.MEMO.format(id=record_id, title=_yaml(args.title or f"Muistio: {name}"),
                                         meeting=_yaml(name), date=today.isoformat())
    else:
        folder = content / "trainings"
        title = args.title or "Uusi koulutus"
        record_id = _free(folder, f"{today.isoformat()}-{_slug(args.slug or title)}")
        text = templates_new.TRAINING.format(id=record_id, title=_yaml(title), date=today.isoformat())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}.md"
    path.write_text(text, encoding="utf-8")
    print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    return 0


def _yaml(value: str) -> str:
    # A JSON string is a valid YAML scalar: safe whatever the title holds.
    return json.dumps(value, ensure_ascii=False)


# --- advance ----------------------------------------------------------------------

def cmd_advance(args: argparse.Namespace) -> int:
    content = _content(args)
    corpus, problems = load(content, privacy=False)
    issue = corpus.issues.get(args.issue)
    if issue is None:
        broken = [p.format() for p in problems.errors if p.file.endswith(f"issues/{args.issue}.md")]
        if broken:
            return _fail("the issue has errors; fix them first:\n  " + "\n  ".join(broken))
        return _fail(f"no issue '{args.issue}' in {content / 'issues'}")
    current = issue.meta.timeline[-1]
    if args.stage not in vocab.STAGES:
        return _fail(f"unknown stage '{args.stage}'; stages: {', '.join(vocab.STAGES)}")
    allowed = process.allowed_moves(current.stage)
    if args.stage not in allowed:
        return _fail(f"{args.issue} is at '{current.stage}'; it cannot move to '{args.stage}'. "
                     f"Allowed: {', '.join(allowed) or 'none (the matter is closed)'}")
    meeting = None
    if args.meeting:
        meeting = corpus.meetings.get(args.meeting)
        if meeting is None:
            return _fail(f"no meeting '{args.meeting}' in {content / 'meetings'}")
    date = dt.date.fromisoformat(args.date) if args.date else (meeting.meta.date if meeting else _today(args))
    if meeting is not None and meeting.meta.date != date:
        return _fail(f"meeting '{args.meeting}' is on {meeting.meta.date}, not {date}: a step's meeting falls on its date")
    if date < current.date:
        return _fail(f"{date} is before the last step ({current.date}); dates never go backwards")
    step = {"date": date.isoformat(), "stage": args.stage, "meeting": args.meeting, "note": args.note,
            "decision": args.decision, "communicated": args.communicated}
    path = issue.path
    path.write_text(_append_step(path.read_text(encoding="utf-8"), step), encoding="utf-8")
    corpus, problems = load(content, privacy=False)
    mine = [p for p in problems.errors if Path(content.parent, p.file).resolve() == path.resolve()]
    if mine:
        print("\n".join(p.format() for p in mine), file=sys.stderr)
        return 1
    print(f"{path}: {current.stage} -> {args.stage} ({date})")
    return 0


def _append_step(text: str, step: dict[str, str | None]) -> str:
    """Insert a timeline step after the last one, keeping the file's comments and layout."""
    front, _, _ = split_front_matter(text)
    assert front is not None
    lines = text.splitlines(keepends=True)
    # front matter lines are 1 .. n; line 0 and line n + 1 are the '---' fences
    closing = 1 + len(front.splitlines())
    start = next(i for i in range(1, closing) if re.match(r"^timeline\s*:", lines[i]))
    stop = next((i for i in range(start + 1, closing) if lines[i].strip() and not lines[i][0].isspace()
                 and not lines[i].startswith("-") and not lines[i].startswith("#")), closing)
    last = max(i for i in range(start, stop) if lines[i].strip() and not lines[i].lstrip().startswith("#"))
    items = [lines[i] for i in range(start + 1, stop) if re.match(r"^\s*-\s", lines[i])]
    indent = re.match(r"^(\s*)-", items[0]).group(1) if items else "  "
    new = [f"{indent}- date: {step['date']}\n", f"{indent}  stage: {step['stage']}\n"]
    for key in ("meeting", "note", "decision", "communicated"):
        if step.get(key):
            value = step[key] if key == "meeting" else _yaml(step[key])  # type: ignore[arg-type]
            new.append(f"{indent}  {key}: {value}\n")
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    return "".join(lines[: last + 1] + new + lines[last + 1 :])


# --- preview ----------------------------------------------------------------------

def cmd_preview(args: argparse.Namespace) -> int:
    root = _content(args).parent
    config = "mkdocs" + (".public" if args.public else "") + (f".{args.lang}" if args.lang != "fi" else "") + ".yml"
    # --dirty: a rebuild renders only the pages whose content changed (the
    # plugin tells MkDocs which), so an edit shows in seconds on a large tree.
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(root / config), "-a", args.addr]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.execv(sys.executable, cmd)
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    # --content is accepted before or after the command (ihku --content X validate, ihku validate --content X)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default=argparse.SUPPRESS,
                        help="the content folder (default: ./content, or found in a parent folder)")
    parser = argparse.ArgumentParser(prog="ihku", description="Tools for the editors of the coordination site.",
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", parents=[common], help="write a new record from a template and print its path",
                         description="Write a new record with the next free id, today's date and every field "
                                     "explained in comments. It validates as written; edit it, then commit.")
    new.add_argument("kind", choices=("issue", "meeting", "memo", "training"))
    new.add_argument("--title", help="the Finnish title")
    new.add_argument("--date", help="the record's date (YYYY-MM-DD), default today")
    new.add_argument("--body", help="meeting: the body (secretariat, roundtable, ...)")
    new.add_argument("--reported-by", help="issue: the reporting organisation's id")
    new.add_argument("--meeting", help="memo: the international meeting's name")
    new.add_argument("--slug", help="memo, training: the id's ending, e.g. eu-rapporteurs")
    new.set_defaults(func=cmd_new)

    advance = sub.add_parser("advance", parents=[common], help="move an issue to its next stage",
                             description="Append a timeline step to an issue after checking that the move is "
                                         "allowed by the policy process; refuse with the allowed moves otherwise.")
    advance.add_argument("issue", help="the issue's id, e.g. 2026-003")
    advance.add_argument("stage", help=f"the new stage: {', '.join(vocab.STAGES)}")
    advance.add_argument("--date", help="the step's date (default: the meeting's date, or today)")
    advance.add_argument("--meeting", help="id of the meeting where it was handled")
    advance.add_argument("--note", help="a note (Markdown)")
    advance.add_argument("--decision", help="the policy line or decision (for resolved)")
    advance.add_argument("--communicated", help="how the structure was informed")
    advance.set_defaults(func=cmd_advance)

    validate = sub.add_parser("validate", parents=[common], help="check the whole content tree without building",
                              description="Check every record against content format v1, the deadlines and "
                                          "the approved minutes' history, and print every problem.")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github: GitHub Actions annotations (::error file=...,line=...::...)")
    validate.add_argument("--errors-only", action="store_true", help="do not print warnings")
    validate.add_argument("--no-git", action="store_true", help="skip the check of approved minutes against Git history")
    validate.add_argument("--date", help=argparse.SUPPRESS)
    validate.set_defaults(func=cmd_validate)

    preview = sub.add_parser("preview", parents=[common], help="serve the site with live reload (mkdocs serve)",
                             description="Serve the site on your machine; pages rebuild when a record changes.")
    preview.add_argument("--public", action="store_true", help="the public edition")
    preview.add_argument("--lang", choices=vocab.LANGUAGES, default="fi")
    preview.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    preview.set_defaults(func=cmd_preview)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


def run() -> None:
    """The command's entry point: ``main``, then out without tearing the
    interpreter down object by object (after reading thousands of records
    that takes a noticeable part of ``ihku validate``). Output is flushed
    first; files are closed by then."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
