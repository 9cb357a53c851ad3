"""The allow-list of official addresses (``content/official-addresses.yml``).

An optional list of e-mail addresses and phone numbers of offices (registry,
helplines) that may appear in public records. Organisations' ``contact``
fields in network.yml are always allowed.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Problems
from .reading import read_yaml

FILE = "official-addresses.yml"


def load_allow_list(content: Path, problems: Problems) -> list[str]:
    path = content / FILE
    if not path.exists():
        return []
    located = read_yaml(path, problems)
    if located is None:
        return []
    data = located.data or []
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        problems.add(path, 1, "", 'expected a list of addresses as quoted text, e.g. - "kirjaamo@example.fi"')
        return []
    return data
