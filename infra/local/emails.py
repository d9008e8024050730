"""`make emails`: the emails the running local stack has sent, as its SES (moto) received them, oldest first.

python -m infra.local.emails [--api http://127.0.0.1:8000] [--to ADDRESS] [--last N] [--json]

The stack's /config.json says where its AWS endpoint is; moto serves what it holds at /moto-api/data.json. Messaging
sends MIME (SendRawEmail): each is read back into its subject, text and attachments, and a calendar file is shown
by what a calendar app reads of it (summary, start, SEQUENCE, status).
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import sys
import urllib.error
import urllib.request

from infra.local.token import DEFAULT_API, SignInFailed, stack_config


class NoStack(Exception):
    pass


def read_raw(raw: str) -> dict:
    """A MIME email as people read it: from, to, subject, the text, and each attachment (filename, content type,
    text)."""
    message = email.message_from_bytes(raw.replace("\r\n", "\n").encode(), policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    attachments = [{"filename": part.get_filename(), "content_type": part.get_content_type(),
                    "method": part.get_param("method"), "text": part.get_content()}
                   for part in message.iter_attachments()]
    return {"from": str(message["From"] or ""), "to": [a.strip() for a in str(message["To"] or "").split(",") if a],
            "subject": str(message["Subject"] or "").strip(), "body": text.get_content().rstrip("\n") if text else "",
            "attachments": attachments}


def sent_emails(endpoint: str) -> list[dict]:
    """Every email moto's SES accepted: id, from, to, subject, body, attachments."""
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
            "subject": message.get("subject"), "body": message.get("body"), "attachments": [],
        })
    for message in data.get("ses", {}).get("RawMessage", []):
        found.append({"id": message.get("id"), **read_raw(message.get("raw_data") or "")})
    return found


CALENDAR_FIELDS = ("SUMMARY", "DTSTART", "SEQUENCE", "STATUS", "LOCATION")


def calendar_lines(text: str) -> str:
    """What a calendar app takes from a calendar file: its summary, start, SEQUENCE, status and place."""
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    fields = dict(line.split(":", 1) for line in unfolded.splitlines() if ":" in line)
    return ", ".join(f"{name} {fields[name]}" for name in CALENDAR_FIELDS if name in fields)


def render(email: dict) -> str:
    lines = [f"To:      {', '.join(email['to'])}", f"From:    {email['from']}", f"Subject: {email['subject']}"]
    for attachment in email.get("attachments", []):
        described = f"{attachment['filename']} ({attachment['content_type']})"
        if attachment["content_type"] == "text/calendar":
            described += f": {calendar_lines(attachment['text'])}"
        lines.append(f"Attached: {described}")
    return "\n".join([*lines, "", email["body"] or "", "-" * 72])


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
