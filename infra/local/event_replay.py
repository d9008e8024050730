"""The local stand-in for EventBridge's replay: moto's StartReplay, made to replay what AWS replays.

moto keeps an archive's events and answers StartReplay, but it replays every archived event whatever the window,
to every rule of the bus whatever the destination's `FilterArns`: a replay for one consumer would reach them all,
with events from any time. Installed here, StartReplay replays as EventBridge does: only the events whose time
(the relay sets it to the event's `occurred_at`) lies in [EventStartTime, EventEndTime), only to the rules named
in `FilterArns` (every rule of the bus when none are), each with `replay-name` added, which keeps it out of the
archive. What still differs from AWS: the replay runs at once, in the order the events were archived, before
StartReplay answers, and is COMPLETED when it does; in AWS it works through the window a minute at a time, in no
guaranteed order within a minute, and DescribeReplay says how far it got.

Process-wide, like `portalkit.testing.fast_moto`: the local stack's moto server and the test suite's in-process
moto install it. Nothing here runs in AWS.
"""

from __future__ import annotations

from datetime import datetime

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from moto.events import models

    models.Replay.replay_events = _replay_events
    _installed = True


def epoch_seconds(value) -> float:
    """An event's or a replay's time as moto holds it (epoch seconds, or an RFC 3339 string) in seconds."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


def _replay_events(self, archive) -> None:
    """`moto.events.models.Replay.replay_events`, with EventBridge's window and destination filter."""
    from moto.core.utils import unix_time
    from moto.events.models import ReplayState, events_backends

    start, end = epoch_seconds(self.event_start_time), epoch_seconds(self.event_end_time)
    wanted = set(self.destination.get("FilterArns") or ())
    bus = events_backends[self.account_id][self.region].describe_event_bus(self.destination["Arn"].split("/")[-1])
    rules = [rule for rule in bus.rules.values() if not wanted or rule.arn in wanted]
    self.state = ReplayState.RUNNING
    for event in list(archive.events):
        if not start <= epoch_seconds(event["time"]) < end:
            continue
        for rule in rules:
            rule.send_to_targets(dict(event, **{"replay-name": self.name}), transform_input=False)
    self.state = ReplayState.COMPLETED
    self.end_time = unix_time()
