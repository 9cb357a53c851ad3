"""Personal-data guard: what must never be published by accident.

Finds Finnish personal identity codes (only those whose control character
is right, so ids like measure numbers do not trip it), phone numbers and
e-mail addresses that are not on the allow-list of official addresses.
The public edition stops on any finding; the network edition warns.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .corpus import Corpus, Record
from .memo import Memo, digest, memoised
from .parallel import map_split

HETU = re.compile(r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Za-z])(?![0-9A-Za-z])")
# What every identity code or phone number the patterns below find begins
# with: six digits and a sign, or the start of a phone number (+ or 00 and
# five digits, or 0 and six; "(0" is found at its 0) where PHONE's own
# look-behinds allow it. Each branch starts after its first character,
# [0-9+], so a text is ruled out at C speed; ids and dates
# (2010-08-30-perm) do not pass. Most texts hold nothing, and one search
# says so. tests/test_privacy.py checks on random texts that this never
# rules out a text the patterns find something in.
_CANDIDATE = re.compile(
    r"[0-9+](?:(?<=\d)\d{5}[-+A-FU-Y]\d{3}"
    r"|(?<=\+)(?<![\w+]\+)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){4}"
    r"|(?<=0)(?<![\w+]0)0\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){4}"
    r"|(?<=0)(?<![\w.,/-]0)\d{1,3}\)?[\s-]?\d{2,4}[\s-]?\d{2})")
HETU_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
HETU_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900,
                "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Finnish and international numbers: +358 40 123 4567, 040-123 4567, (09) 1234 5678.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){4,10}(?!\w|[.,/-]\d)"
                   r"|(?<![\w.,/-])\(?0\d{1,3}\)?[\s-]?\d{2,4}(?:[\s-]?\d{2,4}){1,3}(?!\w|[.,/-]\d)")


def valid_hetu(match: re.Match[str]) -> bool:
    day, month, year, sign, serial, control = match.groups()
    try:
        dt.date(HETU_CENTURY[sign] + int(year), int(month), int(day))
    except (ValueError, KeyError):
        return False
    return HETU_CONTROL[int(day + month + year + serial) % 31] == control.upper()


@dataclass(frozen=True)
class Finding:
    path: str  # file on disk
    line: int | None
    field: str
    kind: str  # identity-code | phone | e-mail
    text: str

    @property
    def message(self) -> str:
        what = {"identity-code": "a Finnish personal identity code", "phone": "a phone number",
                "e-mail": "an e-mail address"}[self.kind]
        hint = ("remove it" if self.kind == "identity-code"
                else "remove it, or add it to the allow-list of official addresses if it is one")
        return f"found {what} '{_mask(self.text, self.kind)}'; personal data must not be published: {hint}"


def _mask(text: str, kind: str) -> str:
    # The message itself goes to logs and CI output: never repeat a whole identity code.
    return text[:6] + "-****" if kind == "identity-code" else text


def _digits(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return "358" + digits[1:] if digits.startswith("0") and not digits.startswith("00") else digits.lstrip("0")


class AllowList(frozenset):
    """Allowed addresses, lower-cased, with phone numbers also as bare digits."""

    digits: frozenset[str]

    def __new__(cls, items: Iterable[str]) -> "AllowList":
        self = super().__new__(cls, (i.strip().lower() for i in items))
        self.digits = frozenset(_digits(a) for a in self if "@" not in a)
        return self


def _may_hold(text: str) -> bool:
    """False only if ``text`` holds nothing the patterns below could find."""
    return "@" in text or _CANDIDATE.search(text) is not None


def scan_text(text: str, allowed: set[str]) -> Iterator[tuple[int, str, str]]:
    """(line offset, kind, found text) in ``text``."""
    # Most texts hold nothing: one search of the whole text finds that out.
    if _may_hold(text):
        yield from matches(text, allowed)


def matches(text: str, allowed: set[str]) -> Iterator[tuple[int, str, str]]:
    """``scan_text`` without its first test: every line through every pattern."""
    allowed_digits = allowed.digits if isinstance(allowed, AllowList) else {_digits(a) for a in allowed if "@" not in a}
    for number, line in enumerate(text.splitlines()):
        for m in HETU.finditer(line):
            if valid_hetu(m):
                yield number, "identity-code", m.group(0)
        for m in EMAIL.finditer(line):
            if m.group(0).lower() not in allowed:
                yield number, "e-mail", m.group(0)
        for m in PHONE.finditer(line):
            found = m.group(0).strip()
            if sum(c.isdigit() for c in found) >= 7 and _digits(found) not in allowed_digits:
                yield number, "phone", found


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def _texts(value: Any) -> list[str]:
    """Every string in ``value`` (dicts and lists of the model's dump)."""
    out: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _record_findings(record: Record[Any], allowed: set[str],
                     scan_text: Callable[[str, set[str]], Iterable[tuple[int, str, str]]] = scan_text
                     ) -> Iterator[Finding]:
    from .loader import field_name

    # The fields as the editor wrote them (the same names and strings as the
    # validated model's, which forbids unknown fields; no dump to make).
    data = record.located.data if record.located is not None else record.meta.model_dump(exclude_none=True)
    # Most records hold nothing: one search of all their fields together
    # (any finding's text is in it) instead of one per field.
    if not _may_hold("\n".join(_texts(data))):
        data = {}
    for path, value in _strings(data):
        for offset, kind, text in scan_text(value, allowed):
            line = record.located.line_of(path) if record.located else None
            yield Finding(str(record.path), line, field_name(path), kind, text)
    for offset, kind, text in scan_text(record.text, allowed):
        yield Finding(str(record.path), record.text_line + offset, "body", kind, text)
    for tr in record.translations.values():
        for field, value in (("title", tr.title), ("summary", tr.summary)):
            for _, kind, text in scan_text(value or "", allowed):
                yield Finding(str(tr.path), None, field, kind, text)
        for offset, kind, text in scan_text(tr.text, allowed):
            yield Finding(str(tr.path), None, "body", kind, text)


def allowed_addresses(corpus: Corpus, extra: Iterable[str] = ()) -> set[str]:
    """Official addresses: organisations' contacts in network.yml, plus the configured list."""
    allowed = set(extra)
    for org in corpus.organisations.values():
        if org.contact:
            allowed.add(org.contact)
    return AllowList(allowed)


def scan(corpus: Corpus, extra_allowed: Iterable[str] = (), only: set[str] | None = None,
         memo: Memo | None = None) -> list[Finding]:
    """Every finding in the records of ``corpus`` (give it the edition's view).
    ``only``: scan just the records read from these files. ``memo``: reuse
    the previous run's results for texts that did not change."""
    allowed = allowed_addresses(corpus, extra_allowed)
    findings: list[Finding] = []
    wanted = lambda record: only is None or str(record.path) in only  # noqa: E731

    # Records and annual report prefaces: on two cores, or, for a long-lived
    # process (the preview), one text at a time through its memo.
    records = [r for r in (*corpus.records(), *corpus.prefaces.values()) if wanted(r)]
    if memo is None:
        found = map_split(lambda record: list(_record_findings(record, allowed)), records)
    else:
        allowed_key = tuple(sorted(allowed))

        def scan_one(text: str, allowed: set[str]) -> Iterable[tuple[int, str, str]]:
            if len(text) < 512:  # a short text is scanned faster than its key is made
                return scan_text(text, allowed)
            return memoised(memo, ("privacy", digest(text), allowed_key), lambda: tuple(scan_text(text, allowed)))

        found = [list(_record_findings(record, allowed, scan_one)) for record in records]
    for findings_of_record in found:
        findings.extend(findings_of_record)
    for plan in corpus.action_plans.values():
        if not wanted(plan):
            continue
        for path, value in _strings(plan.meta.model_dump(exclude_none=True)):
            for _, kind, text in scan_text(value, allowed):
                from .loader import field_name

                line = plan.located.line_of(path) if plan.located else None
                findings.append(Finding(str(plan.path), line, field_name(path), kind, text))
    return findings
