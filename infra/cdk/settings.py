"""What differs between stages in AWS, and the settings that are the same everywhere (each a deliberate choice).

Plain data: the CDK library is imported only where a setting becomes a CDK value, so the operators' commands that
read names from here (`make deploy`'s credentials check, `make dlq STAGE=...`) do not start its runtime.
"""

from __future__ import annotations

from dataclasses import dataclass

STAGES = ("dev", "prod")
PREFIX = "portal"

# Lambda event sources.
CONSUMER_BATCH_SIZE = 10  # SQS messages per invocation; failures are reported one by one
CONSUMER_MAX_CONCURRENCY = 10  # at most this many consumers per service at once: a burst queues, not throttles
RELAY_BATCH_SIZE = 100  # stream records per invocation; the relay publishes them 10 at a time, in order

# Alarms (evaluated over 5 minutes).
ALARM_PERIOD_SECONDS = 300
RELAY_LAG_ALARM_MS = 5 * 60 * 1000  # the relay is 5 minutes behind its stream: events are late
QUEUE_AGE_ALARM_SECONDS = 15 * 60  # a message waited 15 minutes: the consumer is stuck or starved


@dataclass(frozen=True)
class StageSettings:
    stage: str
    protect_data: bool  # deletion protection, retained on stack deletion, termination protection
    log_retention_days: int
    throttle_rate: int  # requests per second per API (steady)
    throttle_burst: int

    @property
    def log_retention(self):
        """`aws_logs.RetentionDays` of `log_retention_days`."""
        from aws_cdk import aws_logs as logs

        return {14: logs.RetentionDays.TWO_WEEKS, 180: logs.RetentionDays.SIX_MONTHS}[self.log_retention_days]

    @property
    def removal_policy(self):
        """`RemovalPolicy.RETAIN` where data is protected, else `DESTROY`."""
        from aws_cdk import RemovalPolicy

        return RemovalPolicy.RETAIN if self.protect_data else RemovalPolicy.DESTROY

SETTINGS = {
    "dev": StageSettings("dev", protect_data=False, log_retention_days=14, throttle_rate=25, throttle_burst=50),
    "prod": StageSettings("prod", protect_data=True, log_retention_days=180, throttle_rate=200, throttle_burst=400),
}


def stack_name(stage: str, part: str) -> str:
    """`portal-<stage>-shared`, `portal-<stage>-<service>`."""
    return f"{PREFIX}-{stage}-{part}"


def parameter(stage: str, owner: str, name: str) -> str:
    """The SSM parameter through which one stack hands a value to the others (no CloudFormation exports)."""
    return f"/{PREFIX}/{stage}/{owner}/{name}"


def alarm_topic_name(stage: str) -> str:
    return f"{PREFIX}-{stage}-alarms"
