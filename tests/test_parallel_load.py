"""Reading a large content tree on two cores (ihmiskauppa.parallel): the same
corpus and the same problems, in the same order, as reading it on one."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ihmiskauppa import parallel
from ihmiskauppa.loader import load
from ihmiskauppa.reading import ReadAhead

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import gen_corpus  # noqa: E402

two_cores = pytest.mark.skipif(not parallel.can_split(), reason="needs fork and a second core")


@two_cores
def test_every_other_item_runs_in_a_child_and_results_keep_their_order() -> None:
    results = parallel.map_split(lambda n: (n * n, os.getpid()), list(range(11)), min_items=0)
    assert [square for square, _ in results] == [n * n for n in range(11)]
    assert {pid for _, pid in results[0::2]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in results[1::2]}


@two_cores
def test_a_failure_in_the_child_is_raised_with_its_traceback() -> None:
    def job(n: int) -> int:
        if n == 9:
            raise ValueError("item nine is bad")
        return n

    with pytest.raises(RuntimeError, match="item nine is bad"):
        parallel.map_split(job, list(range(10)), min_items=0)


@two_cores
def test_beside_runs_the_background_job_in_a_child_and_raises_its_failure() -> None:
    here, there = parallel.beside(lambda: ("background", os.getpid()), lambda: ("foreground", os.getpid()))
    assert here == ("foreground", os.getpid())
    assert there[0] == "background" and there[1] != os.getpid()
    # Not split: both here, the foreground first.
    order: list[str] = []
    assert parallel.beside(lambda: order.append("b") or os.getpid(), lambda: order.append("f") or 1,
                           split=False) == (1, os.getpid())
    assert order == ["f", "b"]

    def bad() -> None:
        raise KeyError("no such record")

    with pytest.raises(RuntimeError, match="no such record"):
        parallel.beside(bad, lambda: None)


def _break(content: Path) -> None:
    """Problems of several kinds, in files of both halves of the list."""
    issues = sorted((content / "issues").glob("*.md"))
    trainings = sorted((content / "trainings").glob("*.md"))
    issues[1].write_text("---\ntitle: [unclosed\n---\n\nBody\n", encoding="utf-8")
    text = issues[-2].read_text(encoding="utf-8")
    issues[-2].write_text(text.replace("reported_by:", "reported_by: nobody-known\nrepoted_by:", 1), encoding="utf-8")
    text = trainings[-1].read_text(encoding="utf-8")
    trainings[-1].write_text(text + "\nSoita 040 123 4567 tai kirjoita matti.meikalainen@example.com.\n",
                             encoding="utf-8")
    (content / "meetings" / "broken.md").write_bytes(b"---\ntitle: \xff\n---\n")
    # An action plan (read while the read-ahead's child still parses).
    (content / "action-plans" / "broken.yml").write_text("title: Rikki\nmeasures: 5\n", encoding="utf-8")


@two_cores
@pytest.mark.parametrize("child_share", [None, 0.6])
def test_a_large_tree_reads_the_same_on_two_cores_as_on_one(tmp_path: Path, monkeypatch, child_share) -> None:
    """None: as a build reads (every other file in the child); 0.6: as
    ``ihku validate`` reads, the child forked before the models are used."""
    content = tmp_path / "content"
    gen_corpus.generate(content, 450, seed=3)
    _break(content)
    files = sum(1 for _ in content.rglob("*.md"))
    assert files >= parallel.MIN_ITEMS  # the split really happens

    if child_share is None:
        corpus_two, problems_two = load(content)
    else:
        ahead = ReadAhead(content, child_share=child_share)
        assert abs(len(ahead._theirs) - child_share * files) <= 1 and len(ahead._mine) + len(ahead._theirs) == files
        corpus_two, problems_two = load(content, ahead=ahead)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    corpus_one, problems_one = load(content)

    assert [p.format() for p in problems_two.items] == [p.format() for p in problems_one.items]
    formatted = "\n".join(p.format() for p in problems_two.items)
    for expected in ("malformed YAML", "unknown field 'repoted_by'", "not UTF-8", "a phone number", "e-mail",
                     "action-plans/broken.yml"):
        assert expected in formatted
    assert list(corpus_two.action_plans) == list(corpus_one.action_plans) and corpus_one.action_plans
    for name in ("issues", "meetings", "international", "trainings"):
        two, one = corpus_two.collection(name), corpus_one.collection(name)
        assert list(two) == list(one)
        assert [r.meta for r in two.values()] == [r.meta for r in one.values()]
        assert [r.text for r in two.values()] == [r.text for r in one.values()]
        assert [sorted(r.translations) for r in two.values()] == [sorted(r.translations) for r in one.values()]
    # Lines are still found from the records read in the child.
    last = list(corpus_two.issues.values())[-1]
    assert last.located.line_of(("title",)) == list(corpus_one.issues.values())[-1].located.line_of(("title",))


def test_records_read_ahead_from_another_tree_are_refused(tmp_path: Path) -> None:
    gen_corpus.generate(tmp_path / "a", 5, seed=1)
    gen_corpus.generate(tmp_path / "b", 5, seed=1)
    with pytest.raises(ValueError, match="read ahead from"):
        load(tmp_path / "b", ahead=ReadAhead(tmp_path / "a"))
