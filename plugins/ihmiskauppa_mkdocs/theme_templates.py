"""The theme's templates, compiled once per preview server.

MkDocs makes the theme's Jinja environment anew for every build and
compiles each template the first time a page needs it. In the preview
server that is after every edit (a third of a second at N = 2,000). There,
compiled templates are kept in one in-memory bytecode cache instead, keyed
by template path and source checksum, so an edited override is compiled
again. A lone build compiles each template once anyway: it keeps nothing.
"""
from __future__ import annotations

import jinja2

from ihmiskauppa.site.render import CompiledTemplates

COMPILED = CompiledTemplates()


def keep_compiled(env: jinja2.Environment) -> None:
    """Have ``env`` (MkDocs' environment of this rebuild) use the kept templates."""
    if env.bytecode_cache is None:
        env.bytecode_cache = COMPILED
