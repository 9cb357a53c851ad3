"""Two editions from one source, with nothing leaking into the public one.

Unique markers are planted in every kind of non-public content; both
editions are built; every byte of every public file (compressed ones
decompressed) is searched for them. Each marker must be found in the network
edition, so the test cannot pass by building nothing."""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import build, copy_project

# Lower case: the search index lower-cases text, and we search lower-cased bytes.
MARKERS = {
    "issue": "zqxissuemarker",
    "issue_id": "zqx-issue-id",
    "meeting": "zqxmeetingmarker",
    "meeting_id": "zqx-meeting-id",
    "material": "zqxmaterialmarker",
    "memo": "zqxmemomarker",
    "training": "zqxtrainingmarker",
    "plan": "zqxplanmarker",
    "passage": "zqxpassagemarker",
    "note": "zqxnotemarker",
    "org": "zqxorgmarker",
    "org_id": "zqx-org-id",
    "translation": "zqxtranslationmarker",
    "translated_passage": "zqxtranslatedpassagemarker",
}


def _front(path: Path) -> tuple[dict, str]:
    _, fm, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(fm), body


def _write(path: Path, meta: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def plant(content: Path) -> None:
    m = MARKERS
    # a non-public organisation
    network = yaml.safe_load((content / "network.yml").read_text(encoding="utf-8"))
    network.append({"id": m["org_id"], "name": f"Järjestö {m['org']}", "kind": "ngo", "visibility": "network"})
    (content / "network.yml").write_text(yaml.safe_dump(network, allow_unicode=True, sort_keys=False), encoding="utf-8")

    public_issues = sorted(p for p in (content / "issues").glob("*.md")
                           if "." not in p.stem and _front(p)[0].get("visibility") == "public")
    public_meetings = sorted(p for p in (content / "meetings").glob("*.md")
                             if "." not in p.stem and _front(p)[0].get("visibility") == "public")
    # a network meeting, with a material file
    (content / "meetings" / m["meeting_id"]).mkdir()
    (content / "meetings" / m["meeting_id"] / f"{m['material']}.txt").write_text(f"liite {m['material']}\n", encoding="utf-8")
    _write(content / "meetings" / f"{m['meeting_id']}.md", {
        "title": f"Kokous {m['meeting']}", "body": "secretariat", "date": "2026-02-02",
        "agenda": [{"title": f"Kohta {m['meeting']}"}],
        "materials": [{"title": f"Liite {m['material']}", "file": f"{m['meeting_id']}/{m['material']}.txt"}],
        "participants": [m["org_id"]],
    }, f"Pöytäkirja {m['meeting']}.\n")
    # a network issue reported by the non-public organisation, handled at the network meeting
    _write(content / "issues" / f"{m['issue_id']}.md", {
        "title": f"Asia {m['issue']}", "summary": f"Tiivistelmä {m['issue']}", "reported_by": m["org_id"],
        "themes": ["children"],
        "timeline": [{"date": "2026-01-01", "stage": "reported"}, {"date": "2026-01-05", "stage": "coordinator-review"},
                     {"date": "2026-02-02", "stage": "secretariat", "meeting": m["meeting_id"], "note": f"Huomio {m['issue']}"}],
    }, f"Kuvaus {m['issue']}.\n")
    (content / "issues" / f"{m['issue_id']}.sv.md").write_text(
        f"---\ntitle: Ärende {m['translation']}\n---\nText {m['translation']}.\n", encoding="utf-8")
    # a public issue: reported by the hidden organisation, handled at the hidden meeting,
    # with a network-only passage in its body and a network-only note on a step
    issue = public_issues[0]
    meta, body = _front(issue)
    meta["reported_by"] = m["org_id"]
    meta.setdefault("follow_up", []).append({"action": "Seurantatoimi", "owner": m["org_id"], "due": "2026-12-31"})
    meta["timeline"][1]["note"] = f"::: network\nSisäinen huomio {m['note']}.\n:::\n"
    meta["timeline"][1]["meeting"] = None
    del meta["timeline"][1]["meeting"]
    body += f"\n::: network\nSisäinen kappale {m['passage']}.\n:::\n\nJulkinen loppu.\n"
    _write(issue, meta, body)
    # ...with a Swedish translation that has its own network-only passage
    (content / "issues" / f"{issue.stem}.sv.md").write_text(
        f"---\ntitle: Offentligt ärende\n---\nText.\n\n::: network\nInternt {m['translated_passage']}.\n:::\n",
        encoding="utf-8")
    # a public meeting whose agenda refers to the network issue and lists the hidden organisation
    meeting = public_meetings[0]
    meta, body = _front(meeting)
    meta.setdefault("agenda", []).append({"title": "Valmisteilla oleva asia", "issue": m["issue_id"], "proposed_by": m["org_id"]})
    meta.setdefault("participants", []).append(m["org_id"])
    _write(meeting, meta, body)
    # a network memo and a public memo that refers to the network issue
    _write(content / "international" / "2026-03-03-zqx.md", {
        "title": f"Muistio {m['memo']}", "meeting": f"Kokous {m['memo']}", "start": "2026-03-03",
    }, f"Keskeistä {m['memo']}.\n")
    memo = sorted(p for p in (content / "international").glob("*.md")
                  if "." not in p.stem and _front(p)[0].get("visibility") == "public")[0]
    meta, body = _front(memo)
    meta.setdefault("for_discussion", []).append({"title": "Kotimaahan", "issue": m["issue_id"]})
    _write(memo, meta, body)
    # a network training proposed by the hidden organisation
    _write(content / "trainings" / "2026-04-04-zqx.md", {
        "title": f"Koulutus {m['training']}", "date": "2026-04-04", "proposed_by": m["org_id"], "organiser": m["org_id"],
    }, f"Sisältö {m['training']}.\n")
    # a network action plan
    (content / "action-plans" / "2099-2100.yml").write_text(yaml.safe_dump({
        "title": f"Suunnitelma {m['plan']}", "measures": [{"id": "1.1", "title": f"Toimenpide {m['plan']}", "responsible": [m["org_id"]]}],
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")


def all_bytes(site: Path) -> dict[Path, bytes]:
    out = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif data[:2] == b"\x78\x9c":  # a zlib stream
            try:
                data = zlib.decompress(data)
            except zlib.error:
                pass
        out[path] = data.lower()
    # file names count too
    out[site / "__names__"] = "\n".join(p.relative_to(site).as_posix() for p in site.rglob("*")).lower().encode()
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("planted")
    project = copy_project(base / "project")
    plant(project / "content")
    result = build(project, base / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return {"network": base / "out" / "network", "public": base / "out" / "public", "project": project}


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_marker_never_reaches_the_public_edition(planted, name: str) -> None:
    marker = MARKERS[name].encode()
    public = all_bytes(planted["public"])
    leaks = [p for p, data in public.items() if marker in data]
    assert not leaks, f"{name} leaked into {leaks}"
    network = all_bytes(planted["network"])
    assert any(marker in data for data in network.values()), f"{name} missing from the network edition"


def test_public_edition_is_complete_and_withholds_references(planted) -> None:
    site = planted["public"]
    project = planted["project"]
    public_ids = sorted(p.stem for p in (project / "content" / "issues").glob("*.md")
                        if "." not in p.stem and _front(p)[0].get("visibility") == "public")
    # the issues index counts only public issues
    soup = BeautifulSoup((site / "issues" / "index.html").read_text(encoding="utf-8"), "lxml")
    counts = [int(h.get_text().rsplit("(", 1)[1].rstrip(")")) for h in soup.select("article h2")]
    assert sum(counts) == len(public_ids)
    for issue_id in public_ids:
        assert (site / "issues" / issue_id / "index.html").is_file()
    # the public issue reported by the hidden organisation shows a neutral phrase, no link
    issue = public_ids[0]
    page = BeautifulSoup((site / "issues" / issue / "index.html").read_text(encoding="utf-8"), "lxml")
    reporter = page.select("dl.ihku-facts dd")[2]
    assert reporter.find("a") is None and reporter.get_text() == "verkoston jäsen"
    assert "Julkinen loppu." in page.get_text()
    # the public meeting's agenda item on the network issue: text, no link, no title
    withheld = [s for s in BeautifulSoup((site / "meetings").joinpath(
        sorted(p.stem for p in (project / "content" / "meetings").glob("*.md")
               if "." not in p.stem and _front(p)[0].get("visibility") == "public")[0], "index.html"
    ).read_text(encoding="utf-8"), "lxml").select("ol.ihku-agenda .ihku-withheld")]
    assert [s.get_text() for s in withheld][:1] == ["valmisteilla oleva asia"]


def test_network_edition_marks_internal_content(planted) -> None:
    site = planted["network"]
    for path in [site / "index.html", site / "404.html", *list((site / "issues").rglob("index.html"))[:3]]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert "Verkoston sisäinen versio" in soup.select_one(".md-banner").get_text(), path
    public_issue = sorted(p.stem for p in (planted["project"] / "content" / "issues").glob("*.md")
                          if "." not in p.stem and _front(p)[0].get("visibility") == "public")[0]
    soup = BeautifulSoup((site / "issues" / public_issue / "index.html").read_text(encoding="utf-8"), "lxml")
    boxes = soup.select(".ihku-internal")
    texts = " ".join(b.get_text() for b in boxes)
    assert MARKERS["passage"] in texts and MARKERS["note"] in texts
    assert all("Vain verkostolle" in b.get_text() for b in boxes)
    # the public edition has no banner
    soup = BeautifulSoup((planted["public"] / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.select_one(".ihku-internal-banner") is None
