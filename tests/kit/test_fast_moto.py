"""With `portalkit.testing.fast_moto`, a cancelled moto transaction still rolls back every item and stream record."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_a_cancelled_transaction_rolls_back_each_of_its_writes(aws):
    ddb = aws("dynamodb")
    ddb.create_table(TableName="t", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    ddb.put_item(TableName="t", Item={"pk": {"S": "kept"}, "n": {"N": "1"}})
    writes = [{"Put": {"TableName": "t", "Item": {"pk": {"S": f"new-{i}"}}}} for i in range(3)]
    writes.append({"Update": {"TableName": "t", "Key": {"pk": {"S": "kept"}}, "UpdateExpression": "SET n = :two",
                              "ExpressionAttributeValues": {":two": {"N": "2"}, ":one": {"N": "1"}},
                              "ConditionExpression": "n = :one"}})
    writes.append({"ConditionCheck": {"TableName": "t", "Key": {"pk": {"S": "absent"}},
                                      "ConditionExpression": "attribute_exists(pk)"}})
    with pytest.raises(ClientError, match="TransactionCanceled"):
        ddb.transact_write_items(TransactItems=writes)
    kept = ddb.get_item(TableName="t", Key={"pk": {"S": "kept"}}, ConsistentRead=True)["Item"]
    assert kept["n"] == {"N": "1"}
    assert all("Item" not in ddb.get_item(TableName="t", Key={"pk": {"S": f"new-{i}"}}) for i in range(3))
    assert stream_keys(aws) == ["kept"]

    ddb.transact_write_items(TransactItems=writes[:4])  # without the failing check, all of it commits
    assert ddb.get_item(TableName="t", Key={"pk": {"S": "kept"}})["Item"]["n"] == {"N": "2"}
    assert all("Item" in ddb.get_item(TableName="t", Key={"pk": {"S": f"new-{i}"}}) for i in range(3))
    assert stream_keys(aws) == ["kept", "new-0", "new-1", "new-2", "kept"]


def stream_keys(aws) -> list[str]:
    arn = aws("dynamodb").describe_table(TableName="t")["Table"]["LatestStreamArn"]
    streams = aws("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    records = streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
    return [r["dynamodb"]["Keys"]["pk"]["S"] for r in records]
