"""The Content-Security-Policy of the two web apps (staff app at `/`, client portal at `/portal/`), one source for
the local gateway (infra/local/web.py) and CloudFront (infra/cdk/shared.py).

Scripts, styles, fonts and images come from the apps' own origin only; the browser may call the API (the same
origin: CloudFront and the local gateway serve both) and Cognito's endpoint, nothing else. The staff app's styles
allow 'unsafe-inline' because FullCalendar inserts its stylesheet at run time; the portal loads no such library
and allows none. No frame may embed either app.
"""

from __future__ import annotations

PORTAL_PREFIX = "/portal/"


def content_security_policy(connect: list[str], *, inline_styles: bool) -> str:
    """The policy, with `connect` the origins the app calls besides its own (Cognito's endpoint, another API)."""
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        f"style-src {styles}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src " + " ".join(["'self'", *dict.fromkeys(connect)]),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def staff_policy(connect: list[str]) -> str:
    return content_security_policy(connect, inline_styles=True)


def portal_policy(connect: list[str]) -> str:
    return content_security_policy(connect, inline_styles=False)


def origin(url: str) -> str:
    """`http://127.0.0.1:5000/path` -> `http://127.0.0.1:5000`: a CSP source names an origin."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
