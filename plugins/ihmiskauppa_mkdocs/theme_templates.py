"""The theme's and the pages' templates, compiled once per preview server
and once per run of builds.

MkDocs makes the theme's Jinja environment anew for every build and
compiles each template the first time a page needs it. In the preview
server that is after every edit (a third of a second at N = 2,000). There,
compiled templates are kept in one in-memory bytecode cache instead, keyed
by template path and source checksum, so an edited override is compiled
again. A lone build compiles each template once anyway: it keeps nothing.

The builds of one run of scripts/build_site.py (six of them: two editions
in three languages) compile the same theme and page templates, half a
second each. build_site.py gives them a folder for the run
(``TEMPLATES_VARIABLE``), where each keeps what it compiled for the others.
"""
from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ihmiskauppa.site.render import CompiledTemplates, share_compiled_pages

COMPILED = CompiledTemplates()
# Set by scripts/build_site.py for the builds it runs: the folder they share.
TEMPLATES_VARIABLE = "IHKU_SHARED_TEMPLATES"


def use_run_folder() -> bool:
    """Keep compiled templates in the folder the builds of this run share,
    if there is one (else in this process only): the page templates from
    now on, the theme's once ``keep_compiled`` is given the build's
    environment. Whether there is one."""
    name = os.environ.get(TEMPLATES_VARIABLE)
    folder = Path(name) if name and Path(name).is_dir() else None
    share_compiled_pages(folder)
    COMPILED.share(folder)
    return folder is not None


def keep_compiled(env: jinja2.Environment) -> None:
    """Have ``env`` (MkDocs' environment of this build) use the kept templates."""
    if env.bytecode_cache is None:
        env.bytecode_cache = COMPILED
