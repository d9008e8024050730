"""The local stack's clock: how a NOW is read, and the /_local/clock control beside the web app's files."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infra.declaration import SERVICES
from infra.local.clock import BadInstant, control, parse_instant
from infra.local.run import parse_args
from infra.local.system import load_app
from portalkit import clock


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def test_a_time_without_an_offset_is_the_demo_agencys_wall_clock():
    assert parse_instant("2026-03-08T06:00") == utc("2026-03-08T10:00")  # EDT, after the change
    assert parse_instant("2026-03-08T01:55") == utc("2026-03-08T06:55")  # EST, before it
    assert parse_instant("2026-11-01T01:30") == utc("2026-11-01T05:30")  # the first of the two 01:30s
    assert parse_instant("2026-06-12T23:55:30") == utc("2026-06-13T03:55:30")


def test_a_time_with_an_offset_or_z_is_that_instant():
    assert parse_instant("2026-03-08T06:00-05:00") == utc("2026-03-08T11:00")
    assert parse_instant("2026-03-08T11:00Z") == utc("2026-03-08T11:00")


@pytest.mark.parametrize("text", ["2026-03-08T02:30", "tomorrow", "", "2026-13-01T00:00"])
def test_a_time_that_never_happens_or_is_not_a_time_is_refused(text):
    with pytest.raises(BadInstant):
        parse_instant(text)


def test_make_run_takes_now_and_refuses_a_bad_one(capsys):
    assert parse_args(["--now", "2026-03-08T06:00"]).now == utc("2026-03-08T10:00")
    assert parse_args([]).now is None
    with pytest.raises(SystemExit):
        parse_args(["--now", "2026-03-08T02:30"])
    assert "does not exist in America/New_York" in capsys.readouterr().err


def test_the_control_reads_and_moves_the_clock_and_leaves_other_paths_to_the_web_app():
    moves = []
    handle = control(lambda method, path, headers, body: (200, {}, b"the web app"), moved=lambda: moves.append(1))
    clock.set_now(None)
    try:
        status, _, body = handle("POST", "/_local/clock", {}, json.dumps({"now": "2026-11-01T01:30"}).encode())
        assert status == 200 and json.loads(body)["local"] == "2026-11-01T01:30:00-04:00"
        assert utc("2026-11-01T05:30") <= clock.now() < utc("2026-11-01T05:31")  # and it runs on from there
        assert moves == [1]  # the scheduler hears of the move
        status, _, body = handle("GET", "/_local/clock", {}, None)
        assert json.loads(body)["now"].startswith("2026-11-01T05:3") and json.loads(body)["zone"] == "America/New_York"

        status, _, body = handle("POST", "/_local/clock", {}, b'{"now": "2026-03-08T02:30"}')
        assert (status, json.loads(body)["error"]["field"]) == (400, "now")
        assert handle("POST", "/_local/clock", {}, b"not json")[0] == 400
        assert handle("POST", "/_local/clock", {}, b"[" * 100_000)[0] == 400  # too deep for json: still a 400
        status, headers, _ = handle("DELETE", "/_local/clock", {}, None)
        assert (status, headers["Allow"]) == (405, "GET, POST")
        assert handle("GET", "/", {}, None) == (200, {}, b"the web app")
        assert moves == [1]  # neither a read nor a refused move is a move

        handle("POST", "/_local/clock", {}, b'{"now": null}')  # the machine's clock again
        assert abs(clock.now() - datetime.now(UTC).timestamp()) < 60
    finally:
        clock.run_from(None)


def test_only_the_local_stack_can_move_the_clock():
    """No deployed code moves the clock or reads a setting for it, and no app has a route for it."""
    root = Path(__file__).resolve().parents[2]
    deployed = [*(root / "kit").rglob("*.py"), *(p for s in SERVICES for p in (root / "services" / s).rglob("*.py")
                                              if "vendor" not in p.parts)]
    movers = [str(p.relative_to(root)) for p in deployed
              if p.name != "clock.py" and re.search(r"run_from\(|set_now\(|frozen\(|_local/clock", p.read_text())]
    assert movers == []
    assert not re.search(r"environ|getenv", (root / "kit" / "portalkit" / "clock.py").read_text())
    for service in SERVICES:
        routes = load_app(service).app.routes
        assert not [path for path in routes if "_local" in path or "clock" in path], service
