"""Page sources kept from one preview rebuild to the next.

After an edit, the preview server rebuilds the site, and almost every page
would come out exactly as before: only the edited record's page and the
pages that show something of it change. A page's source depends on the
values its template is given and on what the template reads besides:
other records through the corpus (``corpus.meetings_of_issue(...)``), links
and names through the Renderer's helpers (``record_link``, ``org_name``),
the "needs attention" items, Git dates and the page's feeds.

While a page renders, the Renderer notes each of those reads and what came
back (``Reads``), as a *fingerprint*: a comparable value that changes
whenever the thing it stands for could look different on a page (a record's
fingerprint covers its fields, its body and its translations). On the next
rebuild the page is reused only if its values have the same fingerprint and
every read, done again on the new records, gives the same answer; otherwise
it is rendered again. Nothing is assumed about what a template reads: a
project's own templates (``templates_dir``) are tracked the same way.

A value that has no fingerprint (a function, a module) makes its page
render every time: reuse is an optimisation, never a guess.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
from pathlib import Path, PurePath
from typing import Any, Callable, Hashable

from pydantic import BaseModel

from ..corpus import ActionPlan, Record
from ..memo import Memo


class NoFingerprint(Exception):
    """The value cannot be compared from one rebuild to the next."""


_PLAIN = (str, int, float, bool, type(None), dt.date, PurePath)
_PLAIN_TYPES = frozenset((str, int, float, bool, type(None), dt.date, dt.datetime))


class Fingerprints:
    """Fingerprints of values, each record's worked out once (records are
    read by many pages; a Fingerprints lives for one rebuild)."""

    def __init__(self) -> None:
        # id -> (the object, kept alive so the id stays its own; its print): records and frozen dataclasses
        self._known: dict[int, tuple[object, Hashable]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}  # a dataclass's field names

    def of(self, value: Any) -> Hashable:
        kind = type(value)
        if kind in _PLAIN_TYPES:  # the common cases first, by exact type: this runs for every value of every page
            return value
        if kind is list or kind is tuple:
            return tuple([self.of(item) for item in value])
        if kind is Record or kind is ActionPlan:
            return self._once(value, lambda: self._whole(value))
        if isinstance(value, _PLAIN):
            return value
        if isinstance(value, (list, tuple)):
            return tuple([self.of(item) for item in value])
        if isinstance(value, dict):
            return ("dict", tuple([(key, self.of(item)) for key, item in value.items()]))
        if isinstance(value, (set, frozenset)):
            return ("set", frozenset(self.of(item) for item in value))
        if isinstance(value, (Record, ActionPlan)):
            return self._whole(value)
        if isinstance(value, BaseModel):  # organisations, themes, parts of records: not changed once loaded
            return self._once(value, lambda: (kind.__qualname__, value.model_dump_json()))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = self._fields.get(kind)
            if names is None:
                names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(value))
            fields = lambda: (kind.__qualname__, tuple([self.of(getattr(value, name)) for name in names]))  # noqa: E731
            # A frozen one is shared by many pages (report rows, spans): worked out once.
            return self._once(value, fields) if kind.__dataclass_params__.frozen else fields()  # type: ignore[attr-defined]
        if isinstance(value, types.FunctionType):
            # A helper handed to a template (a lambda of the report pages):
            # its code, and the values it closes over or defaults to. What it
            # reads from module globals is the code's own constants.
            # (Code objects do not pickle: a forked child sends prints back.)
            code = value.__code__
            consts = tuple(c for c in code.co_consts if not isinstance(c, types.CodeType))
            cells = tuple(self.of(cell.cell_contents) for cell in value.__closure__ or ())
            return ("function", value.__module__, value.__qualname__, code.co_code, consts, code.co_names,
                    self.of(value.__defaults__), cells, self.of(value.__kwdefaults__))
        if isinstance(value, types.ModuleType):
            return ("module", value.__name__)
        raise NoFingerprint(kind.__qualname__)

    def _once(self, value: object, make: Callable[[], Hashable]) -> Hashable:
        """``make()``, worked out once per object: for what is not changed once
        made (records, organisations, frozen dataclasses)."""
        known = self._known.get(id(value))
        if known is None or known[0] is not value:
            known = self._known[id(value)] = (value, make())
        return known[1]

    @staticmethod
    def _whole(value: Record[Any] | ActionPlan) -> Hashable:
        if isinstance(value, ActionPlan):
            return ("plan", value.id, str(value.path), value.meta.model_dump_json())
        return ("record", value.digest())


# One read: (what was called, its positional and keyword arguments, the answer's fingerprint).
Read = tuple[str, tuple[Any, ...], tuple[tuple[str, Any], ...], Hashable]


class Reads:
    """What one page read while it rendered (see the module's doc): each
    distinct call once, with its arguments as given (to call it again on
    the next rebuild's records) and its answer's fingerprint."""

    def __init__(self) -> None:
        self.seen: dict[Hashable, Read] = {}
        self.comparable = True  # False once an argument or an answer had no fingerprint

    def note(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], answer: Any,
             prints: Fingerprints) -> None:
        if not self.comparable:
            return
        try:
            key = (name, prints.of(args), prints.of(kwargs))
            if key not in self.seen:
                self.seen[key] = (name, args, tuple(kwargs.items()), prints.of(answer))
        except NoFingerprint:
            self.comparable = False

    def frozen(self) -> tuple[Read, ...] | None:
        return tuple(self.seen.values()) if self.comparable else None


@dataclasses.dataclass(frozen=True)
class Kept:
    """A rendered page with what it was rendered from."""

    values: Hashable  # fingerprint of the values the template was given
    reads: tuple[Read, ...]
    page: Any  # the PageSource


class Tracker:
    """Notes the reads of the page being rendered (at most one at a time: a
    Renderer is not re-entrant) and replays a kept page's reads."""

    def __init__(self, corpus: Any) -> None:
        self.prints = Fingerprints()
        self.current: Reads | None = None
        self.corpus = corpus
        self._functions: dict[str, Callable[..., Any]] = {}

    def wrap(self, name: str, function: Callable[..., Any],
             depends: Callable[..., Any] | None = None) -> Callable[..., Any]:
        """``function``, its calls noted while a page renders. ``depends``:
        called with the same arguments, what the answer is made from (a
        record rather than the link to it): cheaper to compare, and it must
        change whenever the answer could."""
        self._functions[name] = depends or function  # what a replay calls (see _call)
        return self.noting(name, function, depends)

    def noting(self, name: str, function: Callable[..., Any],
               depends: Callable[..., Any] | None = None) -> Callable[..., Any]:
        """``function``, its calls noted while a page renders (``wrap``
        without registering it: the corpus's methods are found again by name)."""
        def tracked(*args: Any, **kwargs: Any) -> Any:
            answer = function(*args, **kwargs)
            if self.current is not None:
                self.current.note(name, args, kwargs, answer if depends is None else depends(*args, **kwargs),
                                  self.prints)
            return answer
        tracked.__name__ = getattr(function, "__name__", name)
        return tracked

    def same(self, reads: tuple[Read, ...]) -> bool:
        """Whether every read gives the same answer now."""
        for name, args, kwargs, answer in reads:
            try:
                if self.prints.of(self._call(name, args, kwargs)) != answer:
                    return False
            except Exception:  # noqa: BLE001 - e.g. a record that is gone: render the page again
                return False
        return True

    def _call(self, name: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> Any:
        if name.startswith(_CORPUS):  # read on this rebuild's corpus
            value = getattr(self.corpus, name[len(_CORPUS):])
            return value(*args, **dict(kwargs)) if callable(value) else value
        return self._functions[name](*args, **dict(kwargs))


_CORPUS = "corpus."


class TrackedCorpus:
    """The corpus as templates see it: every attribute read and method call is noted."""

    def __init__(self, tracker: Tracker) -> None:
        self._tracker = tracker

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        tracker = self._tracker
        value = getattr(tracker.corpus, name)
        if callable(value):
            return tracker.noting(_CORPUS + name, value)
        if tracker.current is not None:
            tracker.current.note(_CORPUS + name, (), {}, value, tracker.prints)
        return value


class PageMemo:
    """The kept pages of one edition in one language, in the preview's memo."""

    def __init__(self, memo: Memo, setting: Hashable) -> None:
        self.memo = memo
        self.setting = setting  # what every page depends on: context, templates

    def key(self, template: str, src_uri: str, title: str, nav_title: str | None) -> Hashable:
        return ("page", self.setting, template, src_uri, title, nav_title)

    def find(self, key: Hashable) -> Kept | None:
        found = self.memo.find(key)
        return found if isinstance(found, Kept) else None

    def keep(self, key: Hashable, kept: Kept) -> None:
        self.memo.put(key, kept)


def templates_state(*folders: str | Path | None) -> Hashable:
    """Names, sizes and modification times of the template files: an edited
    template makes every page render again."""
    state = []
    for folder in folders:
        if folder is None or not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)
