"""The preview watches the content tree with native file events (watch.py),
on MkDocs' own live-reload server: an edit asks for a rebuild at once, a
read does not."""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ihmiskauppa_mkdocs import watch


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                return True
        time.sleep(0.01)
    return False


def test_an_edit_asks_for_a_rebuild_and_a_read_does_not(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "issues").mkdir(parents=True)
    record = content / "issues" / "2026-001.md"
    record.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    observer = watch.watch(server, content)
    assert observer is not None and observer.is_alive()
    try:
        record.read_text(encoding="utf-8")  # the build reads every record: that is no change
        assert not _wants_rebuild(server, 0.5)
        record.write_text("---\ntitle: B\n---\n", encoding="utf-8")
        assert _wants_rebuild(server, 2.0)  # MkDocs' polling would take up to 0.5 s to notice
        server._want_rebuild = False
        (content / "issues" / "2026-002.md").write_text("---\ntitle: C\n---\n", encoding="utf-8")
        assert _wants_rebuild(server, 2.0)
    finally:
        observer.stop()
        observer.join()
        server.server_close()


def test_a_server_without_mkdocs_rebuild_signal_is_left_to_poll(tmp_path: Path) -> None:
    assert watch.watch(object(), tmp_path) is None
