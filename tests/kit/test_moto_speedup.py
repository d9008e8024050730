"""Tests snapshot a table once per moto transaction: a cancelled transaction still rolls back every item."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_a_cancelled_transaction_rolls_back_each_of_its_writes(aws):
    ddb = aws("dynamodb")
    ddb.create_table(TableName="t", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
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

    ddb.transact_write_items(TransactItems=writes[:4])  # without the failing check, all of it commits
    assert ddb.get_item(TableName="t", Key={"pk": {"S": "kept"}})["Item"]["n"] == {"N": "2"}
    assert all("Item" in ddb.get_item(TableName="t", Key={"pk": {"S": f"new-{i}"}}) for i in range(3))
