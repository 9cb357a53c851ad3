"""Watching the content tree for the preview server with the system's file events.

MkDocs' server polls every folder it watches twice a second: an edited
record waits a quarter of a second on average before its rebuild starts,
and at thousands of records every poll stats every file, also while the
server rebuilds. The content tree is watched instead by watchdog's native
observer (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on
Windows), which asks the server for a rebuild the way MkDocs' own watches
do. Where that observer cannot start (no inotify watches left), or the
server lacks what MkDocs 1.6's has, the folder is left to MkDocs' polling.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.coordination")

# Changes only: the build itself opens and reads every record.
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
                     EVENT_TYPE_CLOSED})


class _AskForRebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        # What MkDocs' LiveReloadServer.watch does on an event.
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def watch(server: Any, folder: Path) -> BaseObserver | None:
    """Watch ``folder`` for ``server`` with native file events; the observer
    (stop it when the server stops), or None if the server must poll it."""
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")):
        return None
    observer = Observer()
    observer.daemon = True  # never keeps the server's process alive
    try:
        observer.schedule(_AskForRebuild(server), str(folder), recursive=True)
        observer.start()
    except Exception as exc:  # noqa: BLE001 - e.g. OSError: inotify watch limit reached
        log.debug(f"coordination: native file events unavailable ({exc}); polling {folder}")
        return None
    return observer
