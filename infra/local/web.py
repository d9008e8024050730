"""The staff web client's build (`web/dist/`) as static files, served by the local gateway at `/`.

What S3 + CloudFront do for the deployed app: files by path, content types, long caching for the
content-hashed assets and none for `index.html`, so a new build is picked up on the next load. Any
other GET that is no API route and no file (a bookmarked or mistyped page) answers `index.html`,
whose hash routes then decide what to show.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"
NOT_BUILT = (
    "<!doctype html><meta charset=utf-8><title>Agency portal</title>"
    "<p>The staff web client is not built. <code>make run</code> builds it; or run "
    "<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>.</p>"
)
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class WebApp:
    """Static files of one folder; `handle` has the gateway's transport-free signature."""

    def __init__(self, root: Path = DIST):
        self.root = root.resolve()

    def handle(self, method: str, path: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes]:
        if method not in ("GET", "HEAD"):
            status, headers, body = _json_error(405, "method_not_allowed", "This path answers GET, HEAD only.")
            return status, {**headers, "Allow": "GET, HEAD"}, body
        route = path.split("?", 1)[0].split("#", 1)[0]
        index = self.root / "index.html"
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
        return 200, {"Content-Type": content_type, "Cache-Control": cache, **SECURITY_HEADERS}, file.read_bytes()

    def _file(self, route: str) -> Path | None:
        relative = route.lstrip("/") or "index.html"
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate


def _json_error(status: int, code: str, message: str) -> tuple[int, dict, bytes]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    return status, {"Content-Type": "application/json"}, body
