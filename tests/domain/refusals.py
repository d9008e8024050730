"""What a route answers for a body or a query its types refuse, decoded by the kit's own decoders as every route
decodes them (no AWS): the BadRequest, for a test to read its status, code, field and words."""

from __future__ import annotations

import json

import pytest

from portalkit.errors import BadRequest
from portalkit.schema import decode_body, decode_query


def body_refusal(model, body) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        decode_body(json.dumps(body), model)
    return refused.value


def query_refusal(model, params: dict) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        decode_query(params, model)
    return refused.value
