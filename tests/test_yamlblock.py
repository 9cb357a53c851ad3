"""The line reader of block YAML (ihmiskauppa.yamlblock) reads what PyYAML
reads, or leaves the text to PyYAML.

Compared with PyYAML (through yamlsource's loader, which differs from the
safe loader only in keeping an impossible date as text) on every sample
record, on a generated corpus, and on thousands of generated documents
built to hit its edges: keys YAML reads as truth values or numbers, quoted
and unclosed scalars, comments, colons and hashes inside values, flow
collections, anchors, tags, block scalars, tabs, odd indentation, lists
without indentation, repeated keys. Whenever it answers, its answer is
PyYAML's, types included, and so is whether some mapping repeats a key.
"""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ihmiskauppa import yamlblock, yamlsource
from ihmiskauppa.yamlsource import Located
from test_yamlsource import documents

ROOT = Path(__file__).resolve().parent.parent


def block(text: str) -> tuple[Any, bool] | None:
    # A new reader each time: what one reader keeps must not change its answers.
    return yamlblock.BlockReader(yamlsource._plain, yamlsource._key_is_text).parse(text)


SHARED = yamlsource._BLOCK  # the reader records are read with, keeping its answers across documents


def both(text: str) -> tuple[Any, bool] | None:
    ours, shared = block(text), SHARED.parse(text)
    assert (ours is None) == (shared is None) and (ours is None or typed(ours) == typed(shared)), text
    return ours


def typed(value: Any) -> Any:
    """The value with every type spelled out (1 and True and 1.0 differ; so do a date and its text)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def pyyaml(text: str) -> tuple[Any, bool] | Exception:
    """PyYAML's data and whether a mapping repeats a key, or its error."""
    try:
        data = yaml.load(text, Loader=yamlsource._Loader)
    except yaml.YAMLError as exc:
        return exc
    return data, bool(Located(data, text).duplicates)


def check(text: str) -> bool:
    """Whether the line reader answered; fails the test if it answered wrongly."""
    ours = both(text)
    if ours is None:
        return False
    theirs = pyyaml(text)
    assert not isinstance(theirs, Exception), f"PyYAML refuses this text, the line reader read it:\n{text}\n{theirs}"
    assert typed(ours[0]) == typed(theirs[0]), f"different data for:\n{text}"
    assert ours[1] == theirs[1], f"repeated keys seen differently in:\n{text}"
    return True


def test_sample_content_is_read_as_pyyaml_reads_it_and_mostly_by_the_line_reader() -> None:
    texts = documents(ROOT / "content")
    read = sum(check(text) for text in texts)
    # Its point is speed: if it gave up on the records editors write, it would be dead code.
    assert read >= 0.9 * len(texts), f"the line reader read only {read} of {len(texts)} sample documents"


def test_a_generated_corpus_is_read_as_pyyaml_reads_it(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_corpus.py"), str(tmp_path / "corpus"),
                    "--records", "300", "--seed", "7"], check=True, capture_output=True)
    texts = documents(tmp_path / "corpus")
    assert len(texts) > 250
    assert all(check(text) for text in texts)


KEYS = ["title", "stage", "a", "b", "key-x", "_k", "K9", "note", "yes", "No", "on", "off", "true", "null", "~", "2024",
        "1.5", "Ä", "a b", "'q'", '"dq"', "k:", "<<", "=", "-k", "?k", "x" * 130]
# Values a record might hold, then values on the edges of the subset and beyond.
VALUES = ["plain words here", "reported", "yes", "No", "TRUE", "off", "~", "null", "Null", "12", "012", "0x1A",
          "0o17", "1_000", "2.10", ".5", "1e3", "1.0e+3", "+1", ".inf", ".NaN", "190:20:30", "2026-01-27",
          "2026-02-30", "2026-1-7", "2026-01-27 10:00:00", "2026-01-27T10:00:00Z", "a:b", "a #c", "a#c", "a  b",
          "C#", "'q''s'", "'single'", "''", '"dq"', '""', '"a" #c', "'a' #c", "[a, b]", "[]", "[ ]",
          "[a b, c]", "[yes, 12, 2026-01-27]", "[a] #c", "ä ö å", "é", "value   "]
TRICKY = ["-1", "a: b", "a:b", "a #c",
          "a#c", "a  b", "x:", "x :", "C#", "'q''s'", "'single'", "''", "'unclosed", "'a' 'b'", '"dq"', '""',
          '"esc\\n"', '"unclosed', '"a" #c', "'a' #c", "'a'#c", "[a, b]", "[]", "[ ]", "[a, [b]]", "[a,]",
          "[a b, c]", "[yes, 12, 2026-01-27]", "[a: b]", "[a, 'b']", "[a] x", "[a] #c", "{a: 1}", "{}",
          "&anc x", "*al", "!!str 12", "!tag x", "|", ">-", "- x", "-x", "? x", "%x", "@x", "`x", ": x", "#c",
          "-", "<<", "=", "ä ö å", "x\ty", "no\u00a0break", "\u2028", "é", "value   "]


def _document(rng: random.Random) -> str:
    lines: list[str] = []

    def value() -> str:
        return rng.choice(TRICKY) if rng.random() < 0.04 else rng.choice(VALUES)

    def mapping(indent: int, depth: int, first_prefix: str | None = None) -> None:
        for index in range(rng.randint(1, 4)):
            pad = first_prefix if (index == 0 and first_prefix is not None) else " " * indent
            key = rng.choice(KEYS[:9]) if rng.random() < 0.97 else rng.choice(KEYS)
            roll = rng.random()
            if depth < 3 and roll < 0.2:
                lines.append(f"{pad}{key}:" + rng.choice(["", "", " # note"]))
                mapping(indent + rng.choice([2, 2, 4, 1]), depth + 1)
            elif depth < 3 and roll < 0.4:
                lines.append(f"{pad}{key}:")
                sequence(indent + rng.choice([0, 2, 2, 4]), depth + 1)
            elif roll < 0.45:
                lines.append(f"{pad}{key}:")
            else:
                lines.append(f"{pad}{key}: {value()}")

    def sequence(indent: int, depth: int) -> None:
        for _ in range(rng.randint(1, 3)):
            pad = " " * indent
            roll = rng.random()
            if depth < 3 and roll < 0.35:
                mapping(indent + 2, depth + 1, first_prefix=f"{pad}- ")
            elif depth < 3 and roll < 0.45:
                lines.append(f"{pad}-")
                mapping(indent + 2, depth + 1)
            elif roll < 0.5:
                lines.append(f"{pad}-" + rng.choice(["", " # empty"]))
            elif roll < 0.55:
                lines.append(f"{pad}- - {value()}")
            else:
                lines.append(f"{pad}- {value()}")

    if rng.random() < 0.85:
        mapping(0, 0)
    else:
        sequence(0, 0)
    # Blank lines, comments and the odd fault anywhere.
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, len(lines))
        lines.insert(at, rng.choice(["", "   ", "# comment", "    # deep comment"]))
    if rng.random() < 0.1:
        lines.insert(rng.randint(0, len(lines)), rng.choice(["---", "...", "%YAML 1.1", "  continued words",
                                                             "\tx: 1", "plain line", "- item"]))
    if rng.random() < 0.1 and lines:
        at = rng.randrange(len(lines))
        lines[at] = " " + lines[at]
    text = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.03 else text


@pytest.mark.parametrize("seed", range(4))
def test_generated_documents_are_read_as_pyyaml_reads_them_or_left_to_it(seed: int) -> None:
    rng = random.Random(seed)
    documents = [_document(rng) for _ in range(2500)]
    read = sum(check(text) for text in documents)
    refused = sum(isinstance(pyyaml(text), Exception) for text in documents)
    # Both sides are exercised: many documents read, many that PyYAML refuses.
    assert read > 0.3 * len(documents) and refused > 0.1 * len(documents), (read, refused)


@pytest.mark.parametrize("text", [
    "a: 1\n\tb: 2\n",              # a tab
    "a: x\r\nb: y\r\n",            # Windows line ends
    "a: |\n  text\n",              # a block scalar
    "a: b\n  c\n",                 # a plain scalar over two lines
    "a: &x 1\nb: *x\n",            # an anchor and an alias
    "a: [b, {c: d}]\n",            # a mapping in a flow list
    "---\na: 1\n",                 # a document marker
    "a: 'it''s\n",                 # an unclosed quote
    "yes: 1\n",                    # a key that YAML reads as a truth value
    "a: 1\n b: 2\n",               # a key indented by one
])
def test_what_is_outside_the_block_subset_is_left_to_pyyaml(text: str) -> None:
    assert block(text) is None


def test_repeated_keys_are_seen_at_any_depth() -> None:
    assert block("a: 1\na: 2\n") == ({"a": 2}, True)
    assert block("a:\n- b: 1\n  c: 2\n  b: 3\n") == ({"a": [{"b": 3, "c": 2}]}, True)
    assert block("a:\n- b: 1\n- b: 2\n") == ({"a": [{"b": 1}, {"b": 2}]}, False)
