"""The local stack's clock, which people and tests can set: it exists only on this machine, never in AWS.

`make run NOW=2026-03-08T06:00` starts the stack's clock (`portalkit.clock`) at that instant, and it runs on
from there at the machine's pace, so holds expire and the every-minute sweeps move on. While the stack runs,
`make clock NOW=...` (or `POST /_local/clock {"now": "..."}`, served by the local gateway beside the web app)
moves it, and every scheduled function runs at once, as if its minute had come round meanwhile; `make clock` alone
reads it. A time without an offset is the demo agency's wall clock
(America/New_York); `...Z` or `-05:00` name the instant outright.

    python -m infra.local.clock [NOW] [--api http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ZONE = "America/New_York"  # the demo agency's: a time written without an offset is read on its wall clock
PATH = "/_local/clock"
JSON = {"Content-Type": "application/json"}
EXAMPLE = "2026-03-08T06:00"


class BadInstant(ValueError):
    pass


def parse_instant(text: str, zone: str = ZONE) -> int:
    """"2026-03-08T06:00" (the wall clock in `zone`), "2026-03-08T11:00Z" or "...-05:00" -> epoch seconds.

    A wall-clock time skipped by a spring-forward change is refused (it never happens there); a repeated one
    (fall-back) means its first occurrence, as availability reads block times.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadInstant(f"{text!r} is not a time like {EXAMPLE} or {EXAMPLE}-05:00.") from None
    if moment.tzinfo is None:
        tz = ZoneInfo(zone)
        local = moment.replace(tzinfo=tz, fold=0)
        if datetime.fromtimestamp(local.timestamp(), tz).replace(tzinfo=None) != moment:
            raise BadInstant(f"{text} does not exist in {zone} (the clocks jump forward then); give an offset.")
        moment = local
    return int(moment.timestamp())


def reading(zone: str = ZONE) -> dict:
    """The stack's clock now (in the stack's process): the UTC instant and the same on `zone`'s wall clock."""
    from portalkit import clock

    stamp = clock.now_ns() // 10**6 / 1000
    return {
        "now": datetime.fromtimestamp(stamp, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "local": datetime.fromtimestamp(int(stamp), ZoneInfo(zone)).isoformat(),
        "zone": zone,
    }


def wall_clock(now: str, zone: str = ZONE) -> str:
    """'2026-03-08T11:00:00.000Z' -> 'Sun 8 Mar 2026 06:00 EST in America/New_York (2026-03-08T11:00:00.000Z)'."""
    local = datetime.fromisoformat(now).astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} {local.tzname()} in {zone} ({now})"


def control(fallback, moved: Callable[[], None] = lambda: None):
    """A gateway fallback that serves GET and POST /_local/clock and hands every other path to `fallback`; `moved()`
    is called after each move of the clock."""
    from portalkit import clock

    def handle(method: str, path: str, headers: dict, body: bytes | None) -> tuple[int, dict, bytes]:
        if path.split("?", 1)[0] != PATH:
            return fallback(method, path, headers, body)
        if method == "POST":
            try:
                asked = json.loads(body or b"{}").get("now")
                clock.run_from(None if asked is None else parse_instant(asked))
                moved()
            except BadInstant as error:
                return _error(400, "invalid_now", str(error), "now")
            except (ValueError, AttributeError, TypeError, RecursionError):
                return _error(400, "invalid_body", f'Send {{"now": "{EXAMPLE}"}} (or null for the machine\'s clock).',
                              "now")
        elif method != "GET":
            status, headers, payload = _error(405, "method_not_allowed", f"{PATH} answers GET and POST.", None)
            return status, {**headers, "Allow": "GET, POST"}, payload
        return 200, dict(JSON), json.dumps(reading()).encode()

    return handle


def _error(status: int, code: str, message: str, field: str | None) -> tuple[int, dict, bytes]:
    return status, dict(JSON), json.dumps({"error": {"code": code, "message": message, "field": field}}).encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make clock", description=__doc__.splitlines()[0])
    parser.add_argument("now", nargs="?", help=f"move the clock to this time: {EXAMPLE} ({ZONE}'s wall clock), "
                                               f"{EXAMPLE}-05:00 or 2026-03-08T11:00Z; without it, read the clock")
    parser.add_argument("--api", default="http://127.0.0.1:8000", help="the running stack (default %(default)s)")
    args = parser.parse_args(argv)
    if not args.api.startswith(("http://", "https://")):
        parser.error(f"--api must be an http(s) URL, not {args.api!r}.")
    data = None if args.now is None else json.dumps({"now": args.now}).encode()
    url = args.api.rstrip("/") + PATH
    request = urllib.request.Request(url, data=data, headers=JSON, method="GET" if data is None else "POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  - scheme checked above
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        print(json.load(error)["error"]["message"], file=sys.stderr)
        return 1
    except OSError as error:
        print(f"No local stack answers at {args.api} ({error}); start one with make run.", file=sys.stderr)
        return 1
    print(f"The local stack's clock: {wall_clock(answer['now'], answer['zone'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
