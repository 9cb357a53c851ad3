"""Reading a content tree into a Corpus, collecting every problem on the way."""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from pydantic import BaseModel, ValidationError

from . import models
from .corpus import COLLECTIONS, ActionPlan, Corpus, Record, Translation
from .errors import ContentError, Problem, Problems
from . import parallel
from .accessibility import load_statement
from .attention import load_deadlines
from .official import load_allow_list
from .reading import RECORD_FOLDERS, Parsed, ReadAhead, load_markdown, markdown_files, read_yaml
from .yamlsource import Located

# reading.py may not import the models (see there), so it names the folders itself.
assert RECORD_FOLDERS == (*COLLECTIONS, "reports"), RECORD_FOLDERS

RECORD_MODELS: dict[str, type[BaseModel]] = {
    "issues": models.IssueFields,
    "meetings": models.MeetingFields,
    "international": models.MemoFields,
    "trainings": models.TrainingFields,
}
TRANSLATION = re.compile(r"^(?P<id>.+)\.(?P<lang>sv|en)$")


def field_name(loc: Sequence[str | int]) -> str:
    """``('timeline', 2, 'stage')`` -> ``timeline[2].stage``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_fields(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc`` (for 'unknown field' messages)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any, raw: str | None) -> str:
    if isinstance(value, bool):
        return f"{raw or value} (YAML reads it as the truth value {value})"
    if isinstance(value, (int, float)):
        return f"the number {raw or value}" + (f" (YAML read it as {value})" if raw and raw != str(value) else "")
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return repr(value)


def pydantic_problems(exc: ValidationError, model: type[BaseModel], located: Located,
                      path: Path, problems: Problems, prefix: Sequence[str | int] = ()) -> None:
    """Turn pydantic's errors into located problems: field, line, found, allowed."""
    for err in exc.errors(include_url=False):
        loc = tuple(prefix) + tuple(p for p in err["loc"] if p != "function-after")
        inner_loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line = located.line_of(tuple(prefix) + inner_loc)
        field = field_name(tuple(prefix) + inner_loc)
        kind = err["type"]
        value = err.get("input")
        raw = located.raw.get(tuple(prefix) + inner_loc)
        if kind == "missing":
            message = "required field is missing"
        elif kind == "extra_forbidden":
            allowed = _allowed_fields(model, inner_loc[:-1])
            message = f"unknown field '{inner_loc[-1]}'; allowed fields here: {', '.join(allowed)}"
        elif kind == "literal_error":
            message = f"found {_describe(value, raw)}; allowed: {err['ctx']['expected']}"
        elif kind in ("string_type",):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                text = raw if raw is not None else str(value)
                message = (f"found {_describe(value, raw)}; ids and number-like codes must be strings, "
                           f"write it in quotes: \"{text}\"")
            else:
                message = f"found {_describe(value, raw)}; expected text"
        elif kind == "list_type":
            message = f"found {_describe(value, raw)}; expected a list (lines starting with '- ')"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"found {_describe(value, raw)}; expected a mapping of fields"
        elif kind == "too_short":
            message = "must not be empty"
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "value_error":
            message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        else:
            message = f"found {_describe(value, raw)}; {err['msg']}"
        problems.add(path, line, field, message)


def _validate(model: type[BaseModel], located: Located, path: Path, problems: Problems,
              prefix: Sequence[str | int] = ()) -> Any:
    if not prefix:
        for where, line in located.duplicates:
            problems.add(path, line, field_name(where),
                         f"the field '{where[-1]}' is written twice; YAML would keep only the last one")
    data = located.data
    for part in prefix:
        data = data[part]
    if not isinstance(data, dict):
        problems.add(path, located.line_of(tuple(prefix)), field_name(prefix),
                     f"found {_describe(data, None)}; expected a mapping of fields")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        pydantic_problems(exc, model, located, path, problems, prefix)
        return None


Validated = dict[Path, tuple[Any, list[Problem]]]  # a record file's fields (None: invalid) and their problems


def _validate_ahead(root: Path, parsed: Parsed, validated: Validated) -> None:
    """Validate the record files of ``parsed`` (not translations: whether
    one is valid depends on its record), before the loader reaches them:
    ReadAhead calls this while its child is still parsing the rest."""
    for path, (loaded, _) in parsed.items():
        model = RECORD_MODELS.get(path.parent.name)
        if loaded is None or model is None or TRANSLATION.match(path.name[:-3]):
            continue
        local = Problems(root)
        validated[path] = _validate(model, loaded[0], path, local), local.items


def _load_collection(corpus: Corpus, name: str, folder: Path, problems: Problems, parsed: Parsed,
                     validated: Validated) -> None:
    model = RECORD_MODELS[name]
    translations: list[tuple[str, str, Path]] = []
    target = corpus.collection(name)
    if not folder.is_dir():
        return
    for path in markdown_files(folder):
        stem = path.name[:-3]
        match = TRANSLATION.match(stem)
        if match:
            translations.append((match["id"], match["lang"], path))
            continue
        loaded = load_markdown(path, problems, parsed)
        if loaded is not None and path in validated:
            meta, found = validated.pop(path)
            problems.items.extend(found)
        else:
            meta = _validate(model, loaded[0], path, problems) if loaded is not None else None
        if loaded is None or meta is None:
            corpus.unreadable.add((name, stem))
            continue
        located, body, body_line = loaded
        target[stem] = Record(name, stem, path, meta, body, body_line, located)
    for record_id, lang, path in translations:
        loaded = load_markdown(path, problems, parsed)
        if loaded is None:
            continue
        located, body, _ = loaded
        if record_id not in target:
            if not (folder / f"{record_id}.md").exists():
                problems.add(path, 1, "", f"translation of '{record_id}', but there is no {name}/{record_id}.md")
            continue
        meta = _validate(models.TranslationFields, located, path, problems)
        if meta is not None:
            target[record_id].translations[lang] = Translation(lang, meta.title, meta.summary, body, path)


def _load_list(path: Path, model: type[BaseModel], problems: Problems, what: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not path.exists():
        problems.add(path, None, "", f"missing: the content tree needs {path.name} ({what})")
        return out
    located = read_yaml(path, problems)
    if located is None:
        return out
    for where, line in located.duplicates:
        problems.add(path, line, field_name(where), f"the field '{where[-1]}' is written twice; YAML would keep only the last one")
    if located.data is None:
        return out
    if not isinstance(located.data, list):
        problems.add(path, 1, "", f"found {_describe(located.data, None)}; expected a list of {what}, each starting with '- id: ...'")
        return out
    for index in range(len(located.data)):
        item = _validate(model, located, path, problems, (index,))
        if item is None:
            continue
        if item.id in out:
            problems.add(path, located.line_of((index, "id")), f"[{index}].id",
                         f"duplicate id '{item.id}'; ids must be unique in {path.name}")
            continue
        out[item.id] = item
    return out


def _load_action_plans(corpus: Corpus, folder: Path, problems: Problems) -> None:
    if not folder.is_dir():
        return
    for path in sorted(list(folder.glob("*.yml")) + list(folder.glob("*.yaml"))):
        located = read_yaml(path, problems)
        if located is None:
            continue
        plan_id = path.stem
        if plan_id in corpus.action_plans:
            problems.add(path, None, "", f"duplicate action plan id '{plan_id}' (both .yml and .yaml)")
            continue
        meta = _validate(models.ActionPlanFields, located, path, problems)
        if meta is None:
            continue
        seen: set[str] = set()
        for index, measure in enumerate(meta.measures):
            if measure.id in seen:
                problems.add(path, located.line_of(("measures", index, "id")), f"measures[{index}].id",
                             f"duplicate measure id '{measure.id}' in this plan")
            seen.add(measure.id)
        plan = ActionPlan(plan_id, path, meta, located)
        corpus.action_plans[plan_id] = plan


YEAR = re.compile(r"^\d{4}$")


def _load_prefaces(corpus: Corpus, folder: Path, problems: Problems, parsed: Parsed) -> None:
    """Annual report prefaces (extension): ``reports/<year>.md``, translations
    ``<year>.sv.md`` and ``<year>.en.md``. Bodies follow the rules of record bodies."""
    from .validation import _Checker

    if not folder.is_dir():
        return
    check = _Checker(corpus, problems)
    # Prefaces first, then their translations.
    for path in sorted(folder.glob("*.md"), key=lambda p: (p.name.count(".") > 1, p.name)):
        stem = path.name[:-3]
        match = TRANSLATION.match(stem)
        year = match["id"] if match else stem
        if not YEAR.match(year):
            problems.add(path, None, "", f"found the file name '{path.name}'; a preface is named after its year, "
                                         "e.g. reports/2026.md (translations 2026.sv.md, 2026.en.md)")
            continue
        loaded = load_markdown(path, problems, parsed)
        if loaded is None:
            continue
        located, body, body_line = loaded
        check.markdown(path, body, body_line, "body")
        if match:
            meta = _validate(models.TranslationFields, located, path, problems)
            if meta is None:
                continue
            if not (folder / f"{year}.md").exists():
                problems.add(path, 1, "", f"translation of the {year} preface, but there is no reports/{year}.md")
            elif year in corpus.prefaces:
                corpus.prefaces[year].translations[match["lang"]] = Translation(match["lang"], meta.title,
                                                                                 meta.summary, body, path)
            continue
        meta = _validate(models.PrefaceFields, located, path, problems)
        if meta is not None:
            corpus.prefaces[year] = Record("reports", year, path, meta, body, body_line, located)


def load(content_dir: Path | str, privacy: bool = True, ahead: ReadAhead | None = None) -> tuple[Corpus, Problems]:
    """Read a content tree. Returns the corpus (records that parsed) and every problem found.

    ``privacy=False`` leaves the personal-data guard to the caller, who knows
    which edition it builds. ``ahead``: the tree's record files, parsing
    since before this was called (see reading.py)."""
    with _collector_paused():
        return _load(content_dir, privacy, ahead)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading makes hundreds of thousands of objects that all live on, and
    no reference cycles: the cyclic garbage collector would walk them again
    and again for nothing (a tenth of the time of reading 5,000 records)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content_dir: Path | str, privacy: bool, ahead: ReadAhead | None) -> tuple[Corpus, Problems]:
    from .validation import validate  # cross-record rules

    root = Path(content_dir).resolve()
    problems = Problems(root)
    corpus = Corpus(root=root)
    if not root.is_dir():
        problems.add(root, None, "", "the content folder does not exist")
        return corpus, problems
    corpus.organisations = _load_list(root / "network.yml", models.Organisation, problems, "organisations")
    corpus.themes = _load_list(root / "themes.yml", models.Theme, problems, "themes")
    if ahead is not None and ahead.root != root:
        raise ValueError(f"the records were read ahead from {ahead.root}, not {root}")
    validated: Validated = {}

    def meanwhile(mine: Parsed) -> None:  # while the read-ahead's child parses the rest
        _validate_ahead(root, mine, validated)
        _load_action_plans(corpus, root / "action-plans", problems)

    parsed = (ahead or ReadAhead(root)).parsed(meanwhile)
    for name in COLLECTIONS:
        _load_collection(corpus, name, root / name, problems, parsed, validated)
    _load_prefaces(corpus, root / "reports", problems, parsed)
    corpus.allowed_addresses = load_allow_list(root, problems)
    corpus.deadlines = load_deadlines(root, problems)
    corpus.accessibility = load_statement(root, problems)
    if not privacy:
        validate(corpus, problems)
        return corpus, problems
    # The personal-data scan reads the records, the rules only add problems:
    # on a large tree, the scan runs in a second process meanwhile.
    from .privacy import scan

    _, findings = parallel.beside(lambda: scan(corpus, corpus.allowed_addresses), lambda: validate(corpus, problems),
                         split=sum(len(corpus.collection(name)) for name in COLLECTIONS) >= parallel.MIN_ITEMS)
    check_privacy(corpus, problems, findings)
    return corpus, problems


def check_privacy(corpus: Corpus, problems: Problems, findings: list[Any]) -> None:
    """Personal data in what the public edition shows is an error (the public
    build stops on it); in network-only records, a warning. ``findings``:
    the scan of ``corpus``."""
    from .privacy import scan

    public: set[tuple[str, int | None, str, str]] = set()
    if findings:  # rare: only then is the public view built and its records with findings scanned again
        paths = {f.path for f in findings}
        public = {(f.path, f.line, f.field, f.text)
                  for f in scan(corpus.for_edition("public"), corpus.allowed_addresses, paths)}
    for finding in findings:
        severity = "error" if (finding.path, finding.line, finding.field, finding.text) in public else "warning"
        problems.add(Path(finding.path), finding.line, finding.field, finding.message, severity)


def load_or_raise(content_dir: Path | str, privacy: bool = True) -> tuple[Corpus, Problems]:
    corpus, problems = load(content_dir, privacy)
    if problems.errors:
        raise ContentError(problems.errors)
    return corpus, problems
