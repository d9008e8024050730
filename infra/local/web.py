"""The web apps' build (`web/dist/`) as static files, served by the local gateway: the staff app at `/`, the client
portal at `/portal/`.

What S3 + CloudFront do for the deployed apps: files by path, content types, long caching for the
content-hashed assets and none for `index.html`, so a new build is picked up on the next load. Any
other GET that is no API route and no file (a bookmarked or mistyped page) answers the app's `index.html`
(`portal/index.html` under `/portal/`), whose hash routes then decide what to show; `/portal` goes to `/portal/`.
Every answer carries the apps' Content-Security-Policy (infra/web_policy.py).
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from infra.web_policy import PORTAL_PREFIX, portal_policy, staff_policy

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"
NOT_BUILT = (
    "<!doctype html><meta charset=utf-8><title>Agency portal</title>"
    "<p>The web apps are not built. <code>make run</code> builds it; or run "
    "<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>.</p>"
)
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class WebApp:
    """Static files of one folder; `handle` has the gateway's transport-free signature.

    `connect` names the origins the apps may call besides their own (the local Cognito endpoint).
    """

    def __init__(self, root: Path = DIST, connect: list[str] | None = None):
        self.root = root.resolve()
        self.staff_csp = staff_policy(connect or [])
        self.portal_csp = portal_policy(connect or [])

    def handle(self, method: str, path: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes]:
        if method not in ("GET", "HEAD"):
            status, headers, body = _json_error(405, "method_not_allowed", "This path answers GET, HEAD only.")
            return status, {**headers, "Allow": "GET, HEAD"}, body
        route = path.split("?", 1)[0].split("#", 1)[0]
        if route == PORTAL_PREFIX.rstrip("/"):  # its assets are relative to /portal/
            return 308, {"Location": PORTAL_PREFIX, "Cache-Control": "no-cache"}, b""
        portal = route.startswith(PORTAL_PREFIX)
        index = self.root / ("portal/index.html" if portal else "index.html")
        if not index.is_file():
            return 503, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}, NOT_BUILT.encode()
        file = self._file(route)
        if file is None:
            if Path(route).suffix:  # a missing asset is a 404, not the app in its place
                return _json_error(404, "not_found", "No such file.")
            file = index
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        immutable = file.parent.name == "assets" and file.parent.parent == self.root
        cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
        csp = self.portal_csp if portal else self.staff_csp
        headers = {"Content-Type": content_type, "Cache-Control": cache, "Content-Security-Policy": csp}
        return 200, {**headers, **SECURITY_HEADERS}, file.read_bytes()

    def _file(self, route: str) -> Path | None:
        relative = route.lstrip("/") or "index.html"
        if relative.endswith("/"):
            relative += "index.html"
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate


def _json_error(status: int, code: str, message: str) -> tuple[int, dict, bytes]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    return status, {"Content-Type": "application/json"}, body
