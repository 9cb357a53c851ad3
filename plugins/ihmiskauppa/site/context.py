"""What one build of the site is: which edition, which language, which day."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

EDITIONS = ("network", "public")


@dataclass(frozen=True)
class SiteContext:
    edition: str = "network"  # network: everything; public: only public records
    lang: str = "fi"
    today: dt.date = dt.date.today()
    site_url: str = ""  # absolute URL of the site root, ending in '/'

    @property
    def is_public(self) -> bool:
        return self.edition == "public"

    def absolute(self, url: str) -> str:
        """An absolute URL for a site-relative one (``issues/2026-003/``)."""
        base = self.site_url or "/"
        path, _, anchor = url.lstrip("/").partition("#")
        return base.rstrip("/") + "/" + quote(path, safe="/.-_~") + (f"#{quote(anchor, safe='.-_~')}" if anchor else "")
