"""The web apps' first-load size: the JS and CSS each app's index.html loads before its first screen, gzipped.

Vite writes every file the first screen needs into index.html (the entry script, `modulepreload` links for the chunks
it imports statically, stylesheets); what a screen loads on first visit (`import()`: FullCalendar in the staff app)
is left out. The portal's budget is 60 KB (issue 15), with no calendar library in its first load.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "web" / "dist"
PORTAL_BUDGET_KB = 60
APPS = {"client portal": "portal/index.html", "staff app": "index.html"}
# FullCalendar's own markup, found only in the library's code (a lazy `import()` names its chunk, not this).
CALENDAR_MARKER = b"fc-scroller"
_REFERENCE = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"')


def first_load(index: Path) -> list[Path]:
    """The JS and CSS files an index.html loads at once (relative paths resolved from its folder)."""
    return [(index.parent / ref).resolve() for ref in _REFERENCE.findall(index.read_text())]


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def sizes(dist: Path = DIST) -> list[tuple[str, int, float, float, str, str]]:
    """Per app: files, raw KB, gzipped KB, the budget, whether a calendar library is in the first load."""
    rows = []
    for app, index in APPS.items():
        files = first_load(dist / index)
        raw = sum(f.stat().st_size for f in files) / 1024
        packed = sum(gzipped(f) for f in files) / 1024
        calendar = any(CALENDAR_MARKER in f.read_bytes() for f in files)
        budget = "-"
        if app == "client portal":
            budget = f"≤ {PORTAL_BUDGET_KB} KB " + ("yes" if packed <= PORTAL_BUDGET_KB and not calendar else "OVER")
        rows.append((app, len(files), round(raw, 1), round(packed, 1), "yes" if calendar else "no", budget))
    return rows
