"""The local stack's front door as a hostile or broken client meets it: raw sockets, forged tokens, odd methods.

Every answer is JSON in the API's error shape, a stalled client is let go, and the stack keeps serving others.
"""

from __future__ import annotations

import json
import select
import socket
import time

import jwt
import pytest
import requests
from moto.utilities.utils import load_resource

from infra.local.gateway import SIGN_IN_AGAIN
from infra.local.http_server import CLIENT_TIMEOUT_SECONDS, REQUEST_SECONDS
from tests.e2e.test_local_stack import LocalStack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack():
    stack = LocalStack().start()
    yield stack
    assert stack.stop() == 0, stack.log()


def exchange(stack, raw: bytes, *, wait: float = 5.0) -> tuple[int, dict, dict]:
    """Send raw bytes, read the answer until the server closes or a whole response has come."""
    with socket.create_connection(("127.0.0.1", stack.port), timeout=wait) as sock:
        sock.sendall(raw)
        return read_response(sock)


def read_response(sock) -> tuple[int, dict, dict]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed without an answer: {data!r}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed mid-body"
        rest += chunk
    return status, headers, json.loads(rest[:length])


def still_serving(stack) -> None:
    started = time.monotonic()
    assert stack.get("/requests/health").status_code == 200
    assert time.monotonic() - started < 2


def assert_error(answer, status: int, code: str) -> None:
    got, headers, body = answer
    assert (got, body["error"]["code"]) == (status, code), answer
    assert headers["content-type"] == "application/json"
    assert set(body["error"]) <= {"code", "message", "field"} and body["error"]["message"].endswith(".")


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "", "10, 20", "99999999999999999999"])
def test_a_content_length_that_is_no_number_of_bytes_is_400(stack, length):
    raw = f"POST /requests/people HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n{{}}".encode()
    assert_error(exchange(stack, raw), 400, "invalid_request")
    still_serving(stack)


def test_a_body_larger_than_api_gateway_takes_is_413(stack):
    raw = b"POST /requests/people HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n"
    assert_error(exchange(stack, raw), 413, "request_too_large")


def test_a_chunked_body_is_411(stack):
    raw = b"POST /requests/people HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    assert_error(exchange(stack, raw), 411, "length_required")


def test_a_100_kb_header_is_431_in_json(stack):
    raw = b"GET /requests/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    assert_error(exchange(stack, raw), 431, "request_headers_too_large")
    still_serving(stack)


def test_a_request_line_that_is_too_long_or_not_http_is_refused_in_json(stack):
    assert_error(exchange(stack, b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n"), 414, "uri_too_long")
    _, _, body = exchange(stack, b"hello there 'friend'\r\n\r\n")
    assert body["error"]["code"] == "invalid_request" and "friend" not in body["error"]["message"]


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "HEAD", "PATCH", "FOO"])
def test_a_method_no_route_serves_is_405_not_an_html_501(stack, method):
    raw = f"{method} /billing/fees HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", stack.port), timeout=5) as sock:
        sock.sendall(raw)
        if method == "HEAD":  # the status line and headers only
            head = sock.recv(65536).decode("latin-1")
            assert head.startswith("HTTP/1.1 405") and "Allow: GET, PUT" in head
            return
        status, headers, body = read_response(sock)
    assert (status, headers["allow"], body["error"]["code"]) == (405, "GET, PUT", "method_not_allowed")


def test_a_client_that_stops_sending_is_let_go_while_others_are_served(stack):
    stalled = socket.create_connection(("127.0.0.1", stack.port), timeout=CLIENT_TIMEOUT_SECONDS + 5)
    silent = socket.create_connection(("127.0.0.1", stack.port), timeout=CLIENT_TIMEOUT_SECONDS + 5)
    try:
        stalled.sendall(b"POST /requests/people HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"na")
        silent.sendall(b"GET /requests/hea")  # not even a whole request line
        started = time.monotonic()
        for _ in range(3):
            still_serving(stack)
        assert_error(read_response(stalled), 408, "request_timeout")
        waited = time.monotonic() - started
        assert CLIENT_TIMEOUT_SECONDS - 1 < waited < CLIENT_TIMEOUT_SECONDS + 3
        silent.settimeout(3)
        assert silent.recv(100) == b""  # not even a request line arrived: the connection is closed
    finally:
        stalled.close()
        silent.close()
    still_serving(stack)


@pytest.mark.parametrize("head, trickled", [
    (b"GET /requests/health HTTP/1.1\r\nHost: x\r\n", b"X-Slow: " + b"a" * 100),  # a header, byte by byte
    (b"POST /requests/people HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n", b"{" * 200),  # a body
], ids=["header", "body"])
def test_a_client_that_trickles_its_request_is_let_go_after_request_seconds(stack, head, trickled):
    """Never pausing CLIENT_TIMEOUT_SECONDS, it would hold its connection for ever; others are served meanwhile."""
    pause = CLIENT_TIMEOUT_SECONDS / 4
    with socket.create_connection(("127.0.0.1", stack.port), timeout=REQUEST_SECONDS + 10) as sock:
        started = time.monotonic()
        sock.sendall(head)
        still_serving(stack)
        for byte in trickled:
            if select.select([sock], [], [], pause)[0]:  # the answer has come: send nothing more
                break
            sock.sendall(bytes([byte]))
        assert_error(read_response(sock), 408, "request_timeout")
        assert REQUEST_SECONDS - 1 < time.monotonic() - started < REQUEST_SECONDS + pause + 3
    still_serving(stack)


def test_keep_alive_serves_several_requests_on_one_connection(stack):
    with socket.create_connection(("127.0.0.1", stack.port), timeout=5) as sock:
        for _ in range(3):
            sock.sendall(b"GET /billing/health HTTP/1.1\r\nHost: x\r\n\r\n")
            status, _, body = read_response(sock)
            assert (status, body["service"]) == (200, "billing")


def test_a_token_signed_with_motos_built_in_key_is_refused(stack):
    """moto ships the private half of the key its Cognito signs with; this stack's pool has its own."""
    config = stack.config()["cognito"]
    pool, client_id = config["user_pool_id"], config["client_id"]
    now = int(time.time())
    claims = {
        "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{pool}", "aud": client_id, "token_use": "id",
        "sub": "forged", "iat": now, "auth_time": now, "exp": now + 3600, "cognito:groups": ["admins"],
        "custom:agency_id": "demo", "custom:person_id": "demo-admin",
    }
    builtin = jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json"), algorithm="RS256")
    published = requests.get(f"{config['endpoint']}/{pool}/.well-known/jwks.json", timeout=5).json()["keys"]
    forged = {"kid": "dummy"}, {"kid": published[0]["kid"]}  # moto's kid, and this pool's
    for header in forged:
        token = jwt.encode(claims, builtin.key, algorithm="RS256", headers=header)
        reply = stack.get("/requests/people", token=token)
        assert reply.status_code == 401, reply.text
        assert reply.json()["error"] == {"code": "unauthorized", "message": SIGN_IN_AGAIN}
    signed_in = stack.sign_in("admin@demo.test")
    assert jwt.get_unverified_header(signed_in)["kid"] == published[0]["kid"] != "dummy"
    assert stack.get("/requests/people", token=signed_in).status_code == 200
