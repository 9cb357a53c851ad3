"""Record pages' Markdown conversions shared by the builds of one run.

``scripts/build_site.py`` builds six sites from one set of records: two
editions in three languages. Most record pages of the public edition have
exactly the Markdown they have in the network edition of the same language
(they differ where the network edition shows something the public may not
see), and converting that Markdown is the largest share of a page's work
that is ours to save. So the builds of one run share a folder where each
conversion is kept, under a hash of what decides its result:

* the page's Markdown (the HTML blocks are placeholders there, so a page
  whose blocks differ between the editions still shares its conversion),
* the page's own path (relative links are worked out from it),
* the build's Markdown settings (extensions and their options, link
  validation, ``use_directory_urls``, the library versions).

A conversion also depends on which files the build has: a link to a page
of the network edition is a dead link in the public one. So every lookup of
a file that the conversion made is kept with it, and a kept conversion is
used only if each lookup gives the same answer (the same URL, or no file)
in the build that finds it. What MkDocs logged while converting (a dead
link's warning) is kept too and logged again by the build that uses it, so
``--strict`` counts it there as well.

Each build appends its conversions to one file of its own in the folder (a
pack: ``ihmiskauppa.packs``), and the builds read each other's packs as
they grow. A build that finds nothing converts the page itself. The folder
lives as long as the run.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ihmiskauppa.packs import Packs
from ihmiskauppa.site.reuse import Fingerprints, NoFingerprint

# Set by scripts/build_site.py for the builds it runs: the folder they share.
FOLDER_VARIABLE = "IHKU_SHARED_CONVERSIONS"

Lookups = tuple[tuple[str, "str | None"], ...]  # (path looked up, the URL of the file found, or None)


class RecordingFiles:
    """The build's files, noting every lookup MkDocs' link processor makes
    (``get_file_from_path`` is the only one it makes)."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: list[tuple[str, str | None]] = []

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups.append((path, found.url if found is not None else None))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def settings_key(config: MkDocsConfig) -> str | None:
    """What, besides a page's Markdown and path, decides its conversion; None
    where an option cannot be compared between builds (an extension given as
    an object): such a build shares nothing."""
    links = config.validation.links
    prints = Fingerprints()
    try:
        print_ = prints.of((
            [_extension(prints, ext) for ext in config["markdown_extensions"]],
            config["mdx_configs"] or {}, config["use_directory_urls"],
            [str(value) for value in (links.not_found, links.anchors, links.absolute_links,
                                      links.unrecognized_links)],
            markdown.__version__, mkdocs.__version__,
        ))
    except NoFingerprint:
        return None
    return hashlib.blake2b(repr(print_).encode(), digest_size=16).hexdigest()


def _extension(prints: Fingerprints, extension: Any) -> Any:
    """An extension by name, or one a plugin added as an object (ours, the
    placeholders'): its class and its settings, which Python-Markdown's
    extensions keep in their attributes (``config``)."""
    if isinstance(extension, str):
        return extension
    if not isinstance(extension, markdown.Extension):
        raise NoFingerprint(extension)
    kind = type(extension)
    return (kind.__module__, kind.__qualname__, prints.of(vars(extension)))


class SharedConversions:
    """The run's shared folder, as one build sees it."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder
        self.settings = settings
        self.found = 0  # pages of this build whose conversion came from the folder (counted as rendered)
        self._packs = Packs(folder)

    @classmethod
    def from_environment(cls, config: MkDocsConfig) -> "SharedConversions | None":
        folder = os.environ.get(FOLDER_VARIABLE)
        if not folder or not Path(folder).is_dir():
            return None
        settings = settings_key(config)
        return cls(Path(folder), settings) if settings is not None else None

    def _key(self, file: File, source: str) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        # The inclusion level sets how loud a dead link's warning is.
        for part in (self.settings, file.src_uri, str(file.inclusion), source):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.digest()

    def convert(self, file: File, source: str, files: Files,
                convert: Callable[[RecordingFiles], Any]) -> Any:
        """The page's conversion: a kept one whose lookups give the same
        answers in ``files``, else ``convert(recording files)``, then kept."""
        key = self._key(file, source)
        for lookups, rendered in self._packs.find(key):
            if all(_url(files.get_file_from_path(target)) == url for target, url in lookups):
                rendered.shared = True
                return rendered
        recording = RecordingFiles(files)
        rendered = convert(recording)
        self._packs.keep(key, (tuple(recording.lookups), rendered))
        return rendered


def _url(file: File | None) -> str | None:
    return file.url if file is not None else None
