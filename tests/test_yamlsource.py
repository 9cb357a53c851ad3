"""The fast YAML construction (ihmiskauppa.yamlsource) gives what PyYAML's
safe loader gives: on every front matter and YAML file of the sample
content, and on scalars chosen to sit on the edges of its shortcuts (dates,
numbers, booleans, nulls). The one intended difference: an impossible date,
on which PyYAML raises, is kept as the text the editor wrote, so that the
record model can say what is wrong with it."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ihmiskauppa.yamlsource import load_yaml, split_front_matter

ROOT = Path(__file__).resolve().parent.parent
SCALARS = ["2026-01-27", "2024-02-29", "2026-1-27", "2026-01-7", "2026-01-27T10:00:00", "2026-01-27 10:00:00",
           "2026-01-27t10:00:00Z", "20260127", "2026-01-27x", "'2026-01-27'", "2026-01", "1999-12-31",
           "12", "012", "0x1A", "1_000", "2.10", ".5", "1e3", "-0", "+1", "yes", "No", "true", "FALSE", "on",
           "~", "null", "", "Null", "ei", "[1, 2026-01-27]", "{a: 2026-01-27}", '"2026-01-27"']
IMPOSSIBLE = ["2026-01-32", "2026-02-29", "2026-13-01", "0000-01-01", "2026-00-10"]


def documents(folder: Path = ROOT / "content") -> list[str]:
    """Every front matter and YAML file under ``folder`` (also used by test_yamlblock)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".md":
            front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
            if front is not None:
                found.append(front)
        elif path.suffix in (".yml", ".yaml"):
            found.append(path.read_text(encoding="utf-8"))
    return found


def test_sample_content_reads_as_pyyaml_reads_it() -> None:
    texts = documents()
    assert len(texts) > 20
    for text in texts:
        assert load_yaml(text).data == yaml.load(text, Loader=yaml.SafeLoader)


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_read_as_pyyaml_reads_them(scalar: str) -> None:
    text = f"value: {scalar}\nlist:\n  - {scalar}\n"
    ours, theirs = load_yaml(text).data, yaml.load(text, Loader=yaml.SafeLoader)
    assert ours == theirs
    assert [type(v) for v in ours.values()] == [type(v) for v in theirs.values()]  # a date stays a date, not a datetime


@pytest.mark.parametrize("scalar", IMPOSSIBLE)
def test_an_impossible_date_is_kept_as_written(scalar: str) -> None:
    with pytest.raises(ValueError):
        yaml.load(f"value: {scalar}", Loader=yaml.SafeLoader)
    assert load_yaml(f"value: {scalar}\n").data == {"value": scalar}
