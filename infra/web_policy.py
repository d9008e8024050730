"""The Content-Security-Policy of the two web apps (staff app at `/`, client portal at `/portal/`), one source for
the local gateway (infra/local/web.py) and CloudFront (infra/cdk/shared.py).

Scripts, styles, fonts and images come from the apps' own origin only; the browser may call the API (the same
origin: CloudFront and the local gateway serve both) and Cognito's endpoint, nothing else. The staff app's styles
allow 'unsafe-inline' because FullCalendar inserts its stylesheet at run time; the portal loads no such library
and allows none. No frame may embed either app.

Stripe.js (its Payment Element collects the card for agencies on Stripe) is allowed in the deployed portal only:
its script from js.stripe.com, its frames from js.stripe.com and hooks.stripe.com, its calls to api.stripe.com
(Stripe's documented CSP). The portal loads it only for an agency on Stripe; an admin may switch provider at any
time while the CloudFront policy is fixed per stage, so a deployed portal allows it. The local stack takes the
sandbox's test cards only and allows no Stripe origin. The staff app never loads it.
"""

from __future__ import annotations

PORTAL_PREFIX = "/portal/"


STRIPE_SCRIPTS = ["https://js.stripe.com"]
STRIPE_FRAMES = ["https://js.stripe.com", "https://hooks.stripe.com"]
STRIPE_CONNECT = ["https://api.stripe.com"]


def content_security_policy(connect: list[str], *, inline_styles: bool, stripe: bool = False) -> str:
    """The policy, with `connect` the origins the app calls besides its own (Cognito's endpoint, another API);
    `stripe` adds Stripe.js's origins (see above)."""
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    connect = [*connect, *(STRIPE_CONNECT if stripe else [])]
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *(STRIPE_SCRIPTS if stripe else [])]),
        f"style-src {styles}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src " + " ".join(["'self'", *dict.fromkeys(connect)]),
        *(["frame-src " + " ".join(STRIPE_FRAMES)] if stripe else []),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def staff_policy(connect: list[str]) -> str:
    return content_security_policy(connect, inline_styles=True)


def portal_policy(connect: list[str], *, stripe: bool = False) -> str:
    return content_security_policy(connect, inline_styles=False, stripe=stripe)


def origin(url: str) -> str:
    """`http://127.0.0.1:5000/path` -> `http://127.0.0.1:5000`: a CSP source names an origin."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
