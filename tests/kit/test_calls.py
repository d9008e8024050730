import boto3
import pytest

from portalkit.testing.calls import AwsCalls, ScanGuard, ScanInRequestPath


def test_calls_are_counted_per_service_and_operation(aws):
    ddb = boto3.client("dynamodb")
    with AwsCalls() as calls:
        ddb.list_tables()
        ddb.list_tables()
        boto3.client("sqs").list_queues()
    assert calls.count("dynamodb") == 2
    assert calls.count("dynamodb", "ListTables") == 2
    assert calls.by_operation() == {"ListTables": 2, "ListQueues": 1}


def test_a_scan_fails_even_when_the_caller_swallows_it(aws, no_scans):
    ddb = boto3.client("dynamodb")
    ddb.create_table(TableName="t", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    with ScanGuard() as guard:
        with pytest.raises(ScanInRequestPath):
            ddb.scan(TableName="t")
        assert len(guard.scans) == 1
        with guard.allow(), no_scans.allow():
            ddb.scan(TableName="t")
        assert len(guard.scans) == 1
    assert len(no_scans.scans) == 1  # the suite's own guard saw it too
    no_scans.scans.clear()  # this test provoked it on purpose


def test_the_suite_guard_is_active(aws, no_scans):
    with pytest.raises(ScanInRequestPath):
        boto3.client("dynamodb").scan(TableName="anything")
    no_scans.scans.clear()  # this test provoked it on purpose
