"""The event pump: what Lambda's event source mappings do in AWS, done by a loop on this machine.

Table streams go to each service's relay; queue messages go to each service's consumer, with
partial batch failures honoured (failed messages return to the queue; SQS's redrive policy moves a
message to the DLQ after maxReceiveCount receives). `drain()` runs until nothing moves, for tests;
`run_forever()` polls, for the local stack. With `duplicate=True` every stream batch and every
queue message is delivered twice, and with `shuffle=True` in a seeded random order.

Each handler runs inside `invoking(service, kind)`, and what Lambda's event source mapping does with the
function's role (reading the stream, receiving, deleting and returning messages) inside `invoking(service, kind,
"event source")`, so the IAM test sees which role each call needs.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from portalkit.envelope import from_json
from portalkit.store import OUTBOX_PREFIX
from portalkit.testing.calls import invoking

log = logging.getLogger("portalkit.pump")

LambdaHandler = Callable[[dict, object], dict]


class PumpStuck(RuntimeError):
    pass


@dataclass
class Wiring:
    """One service as the pump sees it: its table's stream and relay, its queue and consumer."""

    service: str
    table_name: str
    relay: LambdaHandler | None = None
    queue_url: str | None = None
    consumer: LambdaHandler | None = None
    # As the event source mapping's filter in AWS: only INSERTs of items whose key starts so reach the relay.
    relayed_prefixes: tuple[str, ...] | None = None

    def relays(self, record: dict) -> bool:
        if self.relayed_prefixes is None:
            return True
        key = record["dynamodb"].get("Keys", {}).get("pk", {}).get("S", "")
        return record.get("eventName") == "INSERT" and key.startswith(self.relayed_prefixes)


@dataclass
class Stats:
    relayed_records: int = 0
    relay_failures: int = 0
    delivered: int = 0
    consumer_failures: int = 0
    published: list = field(default_factory=list)  # envelopes seen leaving outboxes, in order


class _Context:
    """The bits of a Lambda context our handlers may look at."""

    def __init__(self, name: str):
        self.function_name = name
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


@dataclass
class _Shard:
    shard_id: str
    done: str | None = None  # sequence number of the last record relayed (or given up on)
    retry_at: str | None = None  # sequence number to restart at after a reported failure
    attempts: int = 0


class Pump:
    MAX_RELAY_ATTEMPTS = 5

    def __init__(
        self,
        wirings: list[Wiring],
        clients,
        *,
        duplicate: bool = False,
        shuffle: bool = False,
        seed: int = 0,
        contracts=None,
        retry_delay_seconds: int = 0,
        batch_size: int = 10,
    ):
        """`clients(name)` returns a boto3 client; `contracts` (optional) checks every outbox event."""
        self.wirings = wirings
        self.clients = clients
        self.duplicate = duplicate
        self.shuffle = shuffle
        self.random = random.Random(seed)
        self.contracts = contracts
        self.retry_delay_seconds = retry_delay_seconds
        self.batch_size = batch_size
        self.stats = Stats()
        self._streams: dict[str, tuple[str, list[_Shard]]] = {}
        self._lock = threading.Lock()

    # -- driving -------------------------------------------------------------------------------

    def drain(self, max_rounds: int = 500) -> Stats:
        """Deliver until no stream record and no visible message is left."""
        for _ in range(max_rounds):
            if not self.step():
                return self.stats
        raise PumpStuck(f"events still moving after {max_rounds} rounds")

    def step(self) -> bool:
        with self._lock:
            moved = False
            for wiring in self.wirings:
                if wiring.relay is not None:
                    moved |= self._pump_stream(wiring)
            for wiring in self.wirings:
                if wiring.consumer is not None and wiring.queue_url:
                    moved |= self._pump_queue(wiring)
            return moved

    def run_forever(self, stop: threading.Event, interval: float = 0.25) -> None:
        while not stop.is_set():
            try:
                moved = self.step()
            except Exception:
                log.exception("pump step failed")
                moved = False
            if not moved:
                stop.wait(interval)

    # -- streams -> relay ----------------------------------------------------------------------

    def _shards(self, wiring: Wiring) -> tuple[str, list[_Shard]]:
        if wiring.service not in self._streams:
            ddb = self.clients("dynamodb")  # in AWS the mapping is given the stream's ARN: no DescribeTable
            arn = ddb.describe_table(TableName=wiring.table_name)["Table"]["LatestStreamArn"]
            with invoking(wiring.service, "relay", "event source"):
                description = self.clients("dynamodbstreams").describe_stream(StreamArn=arn)
            shards = [_Shard(s["ShardId"]) for s in description["StreamDescription"]["Shards"]]
            self._streams[wiring.service] = (arn, shards)
        return self._streams[wiring.service]

    def _iterator(self, wiring: Wiring, arn: str, shard: _Shard) -> str:
        """A fresh iterator from where the shard was left: moto's iterators go stale when a transaction is cancelled."""
        if shard.retry_at is not None:
            position = {"ShardIteratorType": "AT_SEQUENCE_NUMBER", "SequenceNumber": shard.retry_at}
        elif shard.done is not None:
            position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": shard.done}
        else:
            position = {"ShardIteratorType": "TRIM_HORIZON"}
        with invoking(wiring.service, "relay", "event source"):
            return self.clients("dynamodbstreams").get_shard_iterator(
                StreamArn=arn, ShardId=shard.shard_id, **position
            )["ShardIterator"]

    def _pump_stream(self, wiring: Wiring) -> bool:
        arn, shards = self._shards(wiring)
        moved = False
        for shard in shards:
            iterator = self._iterator(wiring, arn, shard)
            with invoking(wiring.service, "relay", "event source"):
                response = self.clients("dynamodbstreams").get_records(ShardIterator=iterator, Limit=100)
            records = response["Records"]
            if not records:
                continue
            moved = True
            for record in records:
                record["eventSourceARN"] = arn
            self._check_contracts(records)
            last = records[-1]["dynamodb"]["SequenceNumber"]
            records = [r for r in records if wiring.relays(r)]
            failed = self._invoke_relay(wiring, records) if records else None
            if failed is None:
                shard.done, shard.retry_at, shard.attempts = last, None, 0
                self.stats.relayed_records += len(records)
                continue
            self.stats.relay_failures += 1
            shard.attempts += 1
            if shard.attempts >= self.MAX_RELAY_ATTEMPTS:
                log.error("%s relay: giving up on records from %s", wiring.service, failed)
                shard.done, shard.retry_at, shard.attempts = last, None, 0
            else:
                shard.retry_at = failed
        return moved

    def _invoke_relay(self, wiring: Wiring, records: list[dict]) -> str | None:
        """Returns the sequence number to restart at, or None when the batch went through."""
        deliveries = [records, list(records)] if self.duplicate else [records]
        failed: list[str] = []
        for batch in deliveries:
            if self.shuffle:
                batch = self.random.sample(batch, len(batch))
            with invoking(wiring.service, "relay"):
                result = wiring.relay({"Records": batch}, _Context(f"{wiring.service}-relay")) or {}
            failed += [item["itemIdentifier"] for item in result.get("batchItemFailures", [])]
        return min(failed, key=int) if failed else None

    def _check_contracts(self, records: list[dict]) -> None:
        for record in records:
            image = record["dynamodb"].get("NewImage") or {}
            if record["eventName"] == "INSERT" and image.get("pk", {}).get("S", "").startswith(OUTBOX_PREFIX):
                envelope = from_json(image["envelope"]["S"])
                if self.contracts is not None:
                    self.contracts.validate(envelope)
                self.stats.published.append(envelope)

    # -- queues -> consumer --------------------------------------------------------------------

    def _receive_all(self, wiring: Wiring) -> list[dict]:
        sqs = self.clients("sqs")
        messages: list[dict] = []
        while True:
            with invoking(wiring.service, "consumer", "event source"):
                got = sqs.receive_message(
                    QueueUrl=wiring.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                    VisibilityTimeout=60, AttributeNames=["All"],
                ).get("Messages", [])
            messages += got
            if len(got) < 10 or not (self.shuffle or self.duplicate):
                return messages

    def _pump_queue(self, wiring: Wiring) -> bool:
        messages = self._receive_all(wiring)
        if not messages:
            return False
        arn = wiring.queue_url
        records = [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": m.get("MD5OfBody"),
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
            }
            for m in messages
        ]
        deliveries = records * 2 if self.duplicate else list(records)
        if self.shuffle:
            self.random.shuffle(deliveries)
        succeeded: set[str] = set()
        for batch in _batches(deliveries, self.batch_size):
            with invoking(wiring.service, "consumer"):
                result = wiring.consumer({"Records": batch}, _Context(f"{wiring.service}-consumer")) or {}
            failed = {item["itemIdentifier"] for item in result.get("batchItemFailures", [])}
            succeeded |= {r["messageId"] for r in batch if r["messageId"] not in failed}
            self.stats.consumer_failures += len(failed)
            self.stats.delivered += len(batch)
        sqs = self.clients("sqs")
        with invoking(wiring.service, "consumer", "event source"):
            for record in records:
                if record["messageId"] in succeeded:
                    sqs.delete_message(QueueUrl=wiring.queue_url, ReceiptHandle=record["receiptHandle"])
                else:
                    sqs.change_message_visibility(
                        QueueUrl=wiring.queue_url, ReceiptHandle=record["receiptHandle"],
                        VisibilityTimeout=self.retry_delay_seconds,
                    )
        return True


def _batches(records: list[dict], size: int) -> list[list[dict]]:
    """Split into batches of at most `size`, never with the same message twice in one batch."""
    batches: list[list[dict]] = []
    for record in records:
        for batch in batches:
            if len(batch) < size and all(r["messageId"] != record["messageId"] for r in batch):
                batch.append(record)
                break
        else:
            batches.append([record])
    return batches
