"""`make emails`: the emails the running local stack has sent, as its SES (moto) received them, oldest first.

python -m infra.local.emails [--api http://127.0.0.1:8000] [--to ADDRESS] [--last N] [--json]

The stack's /config.json says where its AWS endpoint is; moto serves what it holds at /moto-api/data.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request

from infra.local.token import DEFAULT_API, SignInFailed, stack_config


class NoStack(Exception):
    pass


def sent_emails(endpoint: str) -> list[dict]:
    """Every email moto's SES accepted: id, from, to, subject, body."""
    url = endpoint.rstrip("/") + "/moto-api/data.json"
    if not url.startswith(("http://", "https://")):
        raise NoStack(f"The AWS endpoint must be an http(s) URL, not {endpoint!r}.")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  - scheme checked above
            data = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise NoStack(f"No AWS endpoint answers at {endpoint} ({error}).") from None
    found = []
    for message in data.get("ses", {}).get("Message", []):
        destinations = message.get("destinations") or {}
        found.append({
            "id": message.get("id"), "from": message.get("source"),
            "to": [a for kind in ("ToAddresses", "CcAddresses", "BccAddresses") for a in destinations.get(kind, [])],
            "subject": message.get("subject"), "body": message.get("body"),
        })
    return found


def render(email: dict) -> str:
    return "\n".join([f"To:      {', '.join(email['to'])}", f"From:    {email['from']}",
                      f"Subject: {email['subject']}", "", email["body"] or "", "-" * 72])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.emails", description=__doc__.splitlines()[0])
    parser.add_argument("--api", default=DEFAULT_API, help=f"the running stack (default {DEFAULT_API})")
    parser.add_argument("--to", help="only emails to this address")
    parser.add_argument("--last", type=int, default=0, help="only the last N emails")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    try:
        emails = sent_emails(stack_config(args.api)["cognito"]["endpoint"])
    except (SignInFailed, NoStack) as error:
        print(error, file=sys.stderr)
        return 1
    if args.to:
        emails = [e for e in emails if args.to.lower() in (a.lower() for a in e["to"])]
    if args.last > 0:
        emails = emails[-args.last:]
    if args.json:
        print(json.dumps(emails, indent=2))
    elif not emails:
        print("No emails sent yet.")
    else:
        print("\n".join(render(e) for e in emails))
    return 0


if __name__ == "__main__":
    sys.exit(main())
