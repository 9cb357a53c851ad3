"""The benchmark tooling works: the synthetic corpus is deterministic and valid,
and ``scripts/benchmark.py --quick`` generates, validates, builds (plugin,
baseline, every edition), and previews an edit under ``mkdocs serve``.

Never timed: no assertion here depends on how fast anything ran."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_corpus  # noqa: E402
from ihmiskauppa.loader import load  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def test_generator_is_deterministic(tmp_path: Path) -> None:
    gen_corpus.generate(tmp_path / "a", 120, seed=7)
    gen_corpus.generate(tmp_path / "b", 120, seed=7)
    gen_corpus.generate(tmp_path / "c", 120, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_generated_corpus_is_valid_and_shaped_like_real_content(tmp_path: Path) -> None:
    n = 300
    stats = gen_corpus.generate(tmp_path / "content", n, seed=1)
    assert sum(stats.records.values()) == n
    corpus, problems = load(tmp_path / "content")
    assert not problems.errors, "\n".join(p.format() for p in problems.errors)
    assert not problems.warnings, "\n".join(p.format() for p in problems.warnings)
    measures = sum(len(plan.meta.measures) for plan in corpus.action_plans.values())
    assert len(list(corpus.records())) + measures == n

    steps = [len(i.meta.timeline) for i in corpus.issues.values()]
    assert max(steps) <= 7 and sum(2 <= s <= 7 for s in steps) > 0.9 * len(steps)
    assert any(i.meta.follow_up for i in corpus.issues.values())
    assert any(item.issue for m in corpus.meetings.values() for item in m.meta.agenda), "agendas reference issues"
    assert any(item.issue for m in corpus.international.values() for item in m.meta.for_discussion)
    records = list(corpus.records())
    network_only = [r for r in records if r.meta.visibility == "network"]
    assert 0.1 * len(records) < len(network_only) < 0.6 * len(records)
    # "visibility absent" is how a record is network-only, as editors write it
    raw = _front(next(r.path for r in network_only))
    assert "visibility" not in raw
    assert any(r.translations for r in records)
    words = [len(r.text.split()) for r in records]
    assert min(words) >= 150 and sum(words) / len(words) >= 200

    result = subprocess.run([sys.executable, "-m", "ihmiskauppa.cli", "validate", "--content", str(tmp_path / "content")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_benchmark_quick_mode_generates_validates_builds_and_previews(tmp_path: Path) -> None:
    work = tmp_path / "bench"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick", "--work", str(work)],
                            capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    data = json.loads((work / "results.json").read_text(encoding="utf-8"))
    samples = data["samples"]
    failed = [s for s in samples if not s["ok"]]
    assert not failed, failed
    kinds = {s["kind"] for s in samples}
    configs = data["meta"]["configs"]
    assert {"validate", "baseline", "all", "preview", *(f"single:{c}" for c in configs)} <= kinds
    setup = data["setups"][0]
    build = next(s for s in samples if s["kind"] == "single:mkdocs.yml")
    assert build["detail"]["pages"] == setup["pages"] > setup["n"]  # every record has a page, plus listings
    baseline_pages = list((Path(setup["baseline"]) / "docs").rglob("*.md"))
    assert len(baseline_pages) == setup["pages"]
    preview = next(s for s in samples if s["kind"] == "preview")
    assert preview["detail"]["page_ok"] and preview["detail"]["listing_ok"], preview["detail"]
    summary = (work / "summary.md").read_text(encoding="utf-8")
    assert "build / baseline" in summary and "preview shows the change" in summary
    # every output was set aside, not left behind, and the pile is gone at the end
    assert not (work / "spent").exists()
    assert not any((work / "N40" / "out").iterdir())
    assert not (work / "N40" / "preview").exists() and not (work / "N40" / "preview-tmp").exists()


def test_spent_outputs_are_set_aside_whole_and_deleted_when_the_run_ends(tmp_path: Path) -> None:
    import benchmark

    out = tmp_path / "N40" / "out" / "all"
    (out / "issues").mkdir(parents=True)
    (out / "issues" / "index.html").write_text("sivu", encoding="utf-8")
    second = tmp_path / "N40" / "out" / "baseline"
    second.mkdir()
    benchmark.set_aside(out, tmp_path)
    benchmark.set_aside(second, tmp_path)
    benchmark.set_aside(tmp_path / "N40" / "out" / "never-built", tmp_path)  # nothing there: nothing to do
    assert not out.exists() and not second.exists()
    kept = sorted((tmp_path / "spent").iterdir())
    assert [p.name.split("-", 1)[1] for p in kept] == ["all", "baseline"]  # renamed whole, in the run's pile
    assert (kept[0] / "issues" / "index.html").read_text(encoding="utf-8") == "sivu"
    benchmark.clear_spent(tmp_path)
    assert not (tmp_path / "spent").exists()


def test_warm_cache_reads_every_file_of_each_tree_and_skips_what_it_cannot_read(tmp_path: Path) -> None:
    import benchmark

    project = tmp_path / "project"
    (project / "content" / "issues").mkdir(parents=True)
    (project / "content" / "issues" / "2026-001.md").write_bytes(b"x" * 3_000_000)  # more than one read
    (project / ".cache").mkdir()
    (project / ".cache" / "report.pdf").write_bytes(b"%PDF")
    (project / "content" / "gone.md").symlink_to(project / "nowhere.md")  # dangling: cannot be read
    baseline = tmp_path / "baseline"
    baseline.mkdir()
    (baseline / "mkdocs.yml").write_bytes(b"site_name: x\n")
    assert benchmark.warm_cache(project) == 3_000_004
    assert benchmark.warm_cache(project, baseline) == 3_000_004 + 13
