"""The local stack's HTTP server as a socket sees it (in process, with a stand-in gateway)."""

from __future__ import annotations

import socket
import threading

import requests

from infra.local.http_server import GatewayServer, make_handler


class Hello:
    """A gateway that answers every request 200 with a small JSON body."""

    def handle(self, method, path, headers, body):
        return 200, {"Content-Type": "application/json"}, b'{"hello": "there"}'

    def route_of(self, path):
        return path


def test_answers_leave_without_waiting_for_the_clients_acknowledgement():
    """Head and body are two writes: with Nagle's algorithm on, the body of every answer on a kept-alive
    connection waited for the client's delayed ACK of the head (40 ms on Linux; schemathesis' 3,000 requests
    took 214 s instead of about 100)."""
    server = GatewayServer(("127.0.0.1", 0), make_handler(Hello()))
    accepted: list[socket.socket] = []
    get_request = server.get_request

    def remembered():
        connection, address = get_request()
        accepted.append(connection)
        return connection, address

    server.get_request = remembered
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with requests.Session() as session:  # one kept-alive connection: still open when it is looked at
            for _ in range(2):
                answer = session.get(f"http://127.0.0.1:{server.server_address[1]}/x", timeout=10)
                assert (answer.status_code, answer.json()) == (200, {"hello": "there"})
            assert len(accepted) == 1
            assert accepted[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.shutdown()
        server.server_close()
