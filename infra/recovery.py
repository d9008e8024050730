"""`make dlq`, `make redrive`, `make replay`: events that failed or were missed, listed and delivered again.

    python -m infra.recovery dlq [--service billing] [--json]
    python -m infra.recovery redrive --service billing [--events <event id>,...]
    python -m infra.recovery replay [--service billing] --from 2026-06-10T09:00Z [--to 2026-06-10T12:00Z]

each against the running local stack (`--api http://127.0.0.1:8000`, the default) or a deployed stage with your
AWS credentials (`--stage dev|prod`), found by the names the declaration gives them.

- dlq: the messages waiting in each service's DLQ (looked at, then left there): event id, type, agency, when it
  occurred, how often SQS handed it out, and the error the consumer last raised on it, from the failure note the
  consumer keeps in its table (`portalkit.consumer`). Nothing of the event's data is printed.
- redrive: once the fix is deployed, moves a DLQ's messages (all, or the events named) back to the service's
  queue with ReceiveMessage, SendMessage and DeleteMessage, so it works on the local stack (moto has no
  StartMessageMoveTask) as in AWS, and can pick single messages. Sent before it is deleted: a message moved
  twice is harmless, consumers apply each event once (inbox markers).
- replay: StartReplay of the bus's archive for a window of event times, with the consumer's rule (or every
  consumer's) as the destination filter, so a consumer added or fixed later catches up; inbox markers make
  whatever it had applied already a no-op. Waits until the replay is done.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "kit") not in sys.path:  # the declaration reads the kit's naming rules
    sys.path.insert(0, str(ROOT / "kit"))

from infra.declaration import SERVICES, Declaration, declare  # noqa: E402
from portalkit import clock  # noqa: E402
from portalkit.consumer import FAILURE_PREFIX, failure_key  # noqa: E402
from portalkit.envelope import Envelope, InvalidEnvelope, from_eventbridge_message  # noqa: E402

DEFAULT_API = "http://127.0.0.1:8000"
STAGES = ("dev", "prod")
LOCAL_STAGE = "local"
PEEK_VISIBILITY_SECONDS = 60  # a looked-at message is hidden from the consumer this long at most (released at once)
MOVE_VISIBILITY_SECONDS = 120
MAX_MESSAGES = 1000  # per DLQ and command: a bigger backlog is worked through in several runs
REPLAY_POLL_SECONDS = 10
REPLAY_WAIT_SECONDS = 30 * 60
DONE = ("COMPLETED", "CANCELLED", "FAILED")


class RecoveryError(RuntimeError):
    """Something the operator must fix or choose first; the message says what."""


@dataclass
class Target:
    """Where the commands act: a declaration's resources, reached through `clients(name)` (boto3 clients)."""

    declaration: Declaration
    clients: Callable[[str], object]
    where: str
    # Long polling asks every SQS server, so one empty answer means an empty queue; moto is exact without it, and
    # the local stack serves one request at a time, so a wait there would hold up everything else.
    receive_wait_seconds: int = 1
    replay_poll_seconds: float = REPLAY_POLL_SECONDS
    now: Callable[[], float] = clock.now  # the local stack's clock may be set: its /config.json says to what


def local_target(api: str = DEFAULT_API) -> Target:
    """The running `make run` stack: its /config.json says where its AWS endpoint is."""
    import boto3

    from infra.local.token import SignInFailed, stack_config

    try:
        config = stack_config(api)
    except SignInFailed as error:
        raise RecoveryError(str(error)) from None
    session = boto3.session.Session(aws_access_key_id="local", aws_secret_access_key="local",  # noqa: S106 - moto
                                    region_name=config["region"])
    endpoint = config["cognito"]["endpoint"]
    made: dict[str, object] = {}

    def clients(name: str):
        if name not in made:
            made[name] = session.client(name, endpoint_url=endpoint)
        return made[name]

    target = Target(declare(LOCAL_STAGE), clients, f"the local stack at {api}", receive_wait_seconds=0,
                    replay_poll_seconds=0.5)
    if config.get("now"):  # the stack's clock, which `make run NOW=...` may have set: it runs on from there
        ahead = datetime.fromisoformat(config["now"].replace("Z", "+00:00")).timestamp() - time.time()
        target.now = lambda: time.time() + ahead
    return target


def aws_target(stage: str) -> Target:
    """A deployed stage, with the caller's AWS credentials (checked as `make deploy` checks them)."""
    from infra.deploy import DeployError, aws_session

    try:
        session = aws_session(stage, f"`make dlq`, `make redrive` and `make replay` with STAGE={stage}")
    except DeployError as error:
        raise RecoveryError(str(error)) from None
    return Target(declare(stage), session.client, f"{stage} in AWS ({session.region_name})")


# -- what waits in a DLQ ---------------------------------------------------------------------------------------------


@dataclass
class DeadLetter:
    """One message of a DLQ, the event it carries (None when it is no event) and its consumer's failure note."""

    service: str
    message_id: str
    receipt_handle: str
    body: str
    receive_count: int
    sent_at: float  # when the rule first put it on the queue (SQS keeps it through the move to the DLQ)
    event: Envelope | None
    note: dict | None = None

    @property
    def key(self) -> str:
        """The failure note's key (and what `--events` names): the event's id, or `message:<id>` for no event."""
        return failure_key(self.event.event_id if self.event else None, self.message_id).removeprefix(FAILURE_PREFIX)

    def summary(self) -> dict:
        """What the listing shows: ids, type, agency, times, counts and the error; nothing of the event's data."""
        event, note = self.event, self.note or {}
        return {
            "service": self.service,
            "event_id": event.event_id if event else None,
            "message_id": self.message_id,
            "event_type": event.event_type if event else None,
            "event_version": event.event_version if event else None,
            "agency_id": event.agency_id if event else None,
            "subject_id": event.subject_id if event else None,
            "occurred_at": event.occurred_at if event else None,
            "queued_at": _rfc3339(self.sent_at),
            "receive_count": self.receive_count,
            "failed_attempts": int(note["attempts"]) if "attempts" in note else None,
            "last_failed_at": _rfc3339(float(note["last_failed_at"])) if "last_failed_at" in note else None,
            "error": note.get("error"),
            "error_message": note.get("message"),
        }


def _rfc3339(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(epoch_seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _queue_url(target: Target, name: str) -> str:
    from botocore.exceptions import ClientError

    try:
        return target.clients("sqs").get_queue_url(QueueName=name)["QueueUrl"]
    except ClientError as error:
        raise RecoveryError(f"no queue {name} on {target.where}: {error.response['Error']['Code']}") from None


def _receive(target: Target, url: str, visibility: int) -> list[dict]:
    """Every message of a queue (up to MAX_MESSAGES), each hidden for `visibility` seconds; the latest receipt."""
    sqs = target.clients("sqs")
    found: dict[str, dict] = {}
    while len(found) < MAX_MESSAGES:
        got = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=visibility,
            WaitTimeSeconds=target.receive_wait_seconds, AttributeNames=["All"],
        ).get("Messages", [])
        if not got:
            break
        found.update((message["MessageId"], message) for message in got)
    return list(found.values())


def _release(target: Target, url: str, letters: list[DeadLetter]) -> None:
    """Make looked-at messages visible again at once."""
    sqs = target.clients("sqs")
    for start in range(0, len(letters), 10):
        sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": letter.receipt_handle, "VisibilityTimeout": 0}
            for i, letter in enumerate(letters[start:start + 10])
        ])


def _letter(service: str, message: dict) -> DeadLetter:
    attributes = message.get("Attributes", {})
    try:
        event = from_eventbridge_message(message["Body"])
    except InvalidEnvelope:
        event = None
    return DeadLetter(
        service=service, message_id=message["MessageId"], receipt_handle=message["ReceiptHandle"],
        body=message["Body"], receive_count=int(attributes.get("ApproximateReceiveCount", 0)),
        sent_at=int(attributes.get("SentTimestamp", 0)) / 1000, event=event,
    )


def _attach_notes(target: Target, service: str, letters: list[DeadLetter]) -> None:
    """Each letter's failure note, read from the service's table (BatchGetItem, 100 keys a call)."""
    from boto3.dynamodb.types import TypeDeserializer

    table = target.declaration.table(service).name
    ddb, read = target.clients("dynamodb"), TypeDeserializer()
    keys = {FAILURE_PREFIX + letter.key: letter for letter in letters}
    pending = [{"pk": {"S": pk}, "sk": {"S": "FAILED"}} for pk in keys]
    while pending:
        chunk, pending = pending[:100], pending[100:]
        request = {table: {"Keys": chunk, "ConsistentRead": True}}
        while request:
            answer = ddb.batch_get_item(RequestItems=request)
            for item in answer.get("Responses", {}).get(table, []):
                note = {name: read.deserialize(value) for name, value in item.items()}
                keys[note["pk"]].note = note
            request = answer.get("UnprocessedKeys") or None


def dead_letters(target: Target, service: str, *, keep_hidden: int | None = None) -> list[DeadLetter]:
    """The messages of a service's DLQ with their failure notes, oldest first; left in the DLQ, visible again
    (unless `keep_hidden`: then they stay hidden that many seconds, for a move)."""
    url = _queue_url(target, target.declaration.queue(service).dlq_name)
    letters = [_letter(service, m) for m in _receive(target, url, keep_hidden or PEEK_VISIBILITY_SECONDS)]
    letters.sort(key=lambda letter: (letter.sent_at, letter.message_id))
    if keep_hidden is None:
        _release(target, url, letters)
    _attach_notes(target, service, letters)
    return letters


# -- redrive ---------------------------------------------------------------------------------------------------------


@dataclass
class Redriven:
    service: str
    moved: list[DeadLetter] = field(default_factory=list)
    left: int = 0  # still in the DLQ (not chosen)
    unknown: list[str] = field(default_factory=list)  # named but not in the DLQ


def redrive(target: Target, service: str, keys: list[str] | None = None) -> Redriven:
    """Move the DLQ's messages (all, or those whose event id or `message:<id>` is named) back to the service's
    queue: each sent to the queue, then deleted from the DLQ."""
    declaration = target.declaration
    dlq_url = _queue_url(target, declaration.queue(service).dlq_name)
    queue_url = _queue_url(target, declaration.queue(service).name)
    letters = dead_letters(target, service, keep_hidden=MOVE_VISIBILITY_SECONDS)
    wanted = set(keys or ())
    chosen = [letter for letter in letters if not wanted or letter.key in wanted or letter.message_id in wanted]
    result = Redriven(service, left=len(letters) - len(chosen))
    result.unknown = sorted(wanted - {letter.key for letter in chosen} - {letter.message_id for letter in chosen})
    _release(target, dlq_url, [letter for letter in letters if letter not in chosen])
    sqs = target.clients("sqs")
    for letter in chosen:
        sqs.send_message(QueueUrl=queue_url, MessageBody=letter.body)
        sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=letter.receipt_handle)
        result.moved.append(letter)
    return result


# -- replay ----------------------------------------------------------------------------------------------------------


def parse_instant(text: str) -> datetime:
    """An instant with its offset, `2026-06-10T09:00Z` or `2026-06-10T05:00-04:00`: a replay's window names no
    wall clock, so nobody replays the wrong hours."""
    try:
        value = datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise RecoveryError(f"{text!r} is not an instant: write it with Z (UTC) or an offset, like "
                            "2026-06-10T09:00Z or 2026-06-10T05:00-04:00") from None
    return value.astimezone(UTC)


def replay(target: Target, services: tuple[str, ...], start: datetime, end: datetime, *,
           wait_seconds: float = REPLAY_WAIT_SECONDS, say: Callable[[str], None] = print) -> dict:
    """Replay the archive's events of [start, end) to the services' rules; returns the replay as DescribeReplay
    tells it once done (or when `wait_seconds` ran out: it goes on in AWS)."""
    if start >= end:
        raise RecoveryError(f"the window is empty: from {_rfc3339(start.timestamp())} to {_rfc3339(end.timestamp())}")
    declaration, events = target.declaration, target.clients("events")
    bus = declaration.bus_name
    archive_arn = events.describe_archive(ArchiveName=declaration.archive.name)["ArchiveArn"]
    rules = [events.describe_rule(Name=declaration.rule(s).name, EventBusName=bus)["Arn"] for s in services]
    name = replay_name(declaration, services)
    events.start_replay(
        ReplayName=name, EventSourceArn=archive_arn, EventStartTime=start, EventEndTime=end,
        Description=f"{', '.join(services)}: events of {_rfc3339(start.timestamp())} to {_rfc3339(end.timestamp())}",
        Destination={"Arn": events.describe_event_bus(Name=bus)["Arn"], "FilterArns": rules},
    )
    say(f"Replay {name} started: events of {_rfc3339(start.timestamp())} to {_rfc3339(end.timestamp())} "
        f"to {', '.join(services)}")
    deadline = time.monotonic() + wait_seconds
    while True:
        described = events.describe_replay(ReplayName=name)
        if described["State"] in DONE or time.monotonic() >= deadline:
            return described
        time.sleep(target.replay_poll_seconds)


def replay_name(declaration: Declaration, services: tuple[str, ...]) -> str:
    """Unique, readable, at most 64 characters: `<stage>-<service or all>-<when>-<random>`."""
    what = services[0] if len(services) == 1 else "all"
    stamp = datetime.fromtimestamp(clock.now(), UTC).strftime("%Y%m%dT%H%M%S")
    return f"{declaration.stage}-{what}-{stamp}-{uuid.uuid4().hex[:6]}"


# -- the commands ------------------------------------------------------------------------------------------------


def render(letter: DeadLetter) -> str:
    s = letter.summary()
    if letter.event is None:
        head = f"  message {s['message_id']}: not an event (queued {s['queued_at']})"
    else:
        head = (f"  event {s['event_id']}  {s['event_type']} v{s['event_version']}  agency {s['agency_id']}  "
                f"subject {s['subject_id']}  occurred {s['occurred_at']}")
    why = (f"{s['error']}: {s['error_message']}" if s["error"] else "no failure note (older than the notes, or the "
           "consumer could not write it: see its log)")
    failed = f"failed {_times(s['failed_attempts'])}, last at {s['last_failed_at']}; " if s["error"] else ""
    return f"{head}\n    received {_times(s['receive_count'])} (looking included); {failed}{why}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _dlq(target: Target, services: tuple[str, ...], as_json: bool) -> int:
    found = {service: dead_letters(target, service) for service in services}
    if as_json:
        print(json.dumps([letter.summary() for letters in found.values() for letter in letters], indent=2))
        return 0
    print(f"DLQs on {target.where}:")
    for service, letters in found.items():
        name = target.declaration.queue(service).dlq_name
        print(f"{service} ({name}): " + (f"{len(letters)} message{'s' if len(letters) != 1 else ''}" if letters
                                          else "empty"))
        for letter in letters:
            print(render(letter))
    if any(found.values()):
        print("Once the fix is deployed: make redrive SERVICE=<service> [EVENTS=<event id>,...]")
    return 0


def _redrive(target: Target, service: str, keys: list[str] | None) -> int:
    result = redrive(target, service, keys)
    print(f"{service} on {target.where}: moved {len(result.moved)} message(s) from "
          f"{target.declaration.queue(service).dlq_name} back to {target.declaration.queue(service).name}"
          + (f"; {result.left} left in the DLQ" if result.left else ""))
    for letter in result.moved:
        print(f"  {letter.key}" + (f"  {letter.event.event_type}" if letter.event else ""))
    if result.unknown:
        print(f"Not in the DLQ: {', '.join(result.unknown)}", file=sys.stderr)
        return 1
    return 0


def _replay(target: Target, services: tuple[str, ...], start: datetime, end: datetime) -> int:
    described = replay(target, services, start, end)
    state = described["State"]
    if state == "COMPLETED":
        print(f"Replay {described['ReplayName']} completed: the consumers' queues have the events; each applies what "
              "it had not applied yet.")
        return 0
    if state in DONE:
        print(f"Replay {described['ReplayName']} {state.lower()}: {described.get('StateReason', '')}", file=sys.stderr)
        return 1
    print(f"Replay {described['ReplayName']} is still {state.lower()}; it goes on. Follow it with "
          f"`aws events describe-replay --replay-name {described['ReplayName']}`.")
    return 0


def _services(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in SERVICES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown service {', '.join(unknown)}: one of {', '.join(SERVICES)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.recovery", description=__doc__.splitlines()[0])
    where = argparse.ArgumentParser(add_help=False)
    group = where.add_mutually_exclusive_group()
    group.add_argument("--api", default=DEFAULT_API, help=f"the running local stack (default {DEFAULT_API})")
    group.add_argument("--stage", choices=STAGES, help="a deployed stage, with your AWS credentials")
    commands = parser.add_subparsers(dest="command", required=True)
    dlq = commands.add_parser("dlq", parents=[where], help="what waits in the DLQs, and why")
    dlq.add_argument("--service", type=_services, help="one service (default: all)")
    dlq.add_argument("--json", action="store_true", help="JSON instead of text")
    move = commands.add_parser("redrive", parents=[where], help="move a DLQ's messages back to its queue")
    move.add_argument("--service", choices=SERVICES, required=True)
    move.add_argument("--events", type=lambda text: [p.strip() for p in text.split(",") if p.strip()],
                      help="only these event ids (or message:<id>), comma-separated (default: every message)")
    again = commands.add_parser("replay", parents=[where], help="replay a window of the bus's archive")
    again.add_argument("--service", type=_services, help="one consumer (default: every consumer)")
    again.add_argument("--from", dest="start", required=True, help="e.g. 2026-06-10T09:00Z or ...T05:00-04:00")
    again.add_argument("--to", dest="end", help="default: now (the local stack's clock, locally)")
    args = parser.parse_args(argv)
    try:
        target = aws_target(args.stage) if args.stage else local_target(args.api)
        if args.command == "dlq":
            return _dlq(target, tuple(args.service or SERVICES), args.json)
        if args.command == "redrive":
            return _redrive(target, args.service, args.events)
        end = parse_instant(args.end) if args.end else datetime.fromtimestamp(target.now(), UTC)
        return _replay(target, tuple(args.service or SERVICES), parse_instant(args.start), end)
    except RecoveryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
