"""The local gateway over HTTP: every request handed to `Gateway.handle`, every refusal in the API's error shape.

What arrives at a port can be anything: a `Content-Length` that is no number, a body that never comes, a header
of 100 KB, a method nobody routes. Each gets a JSON answer (400, 408, 411, 413, 414, 431), a client that stops
sending is let go after CLIENT_TIMEOUT_SECONDS, one that sends a byte now and then after REQUEST_SECONDS, and the
server keeps serving everyone else: a connection has its own thread, and the apps' one-at-a-time locks are taken
only once a whole request has arrived.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger("portal.local")

CLIENT_TIMEOUT_SECONDS = 5.0  # the longest a client may pause while sending a request (or idle between two)
REQUEST_SECONDS = 15.0  # the longest a request may take to arrive whole: on 127.0.0.1 even 10 MB takes far less
MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
MAX_LINE_BYTES = 65536  # a request line or one header line (the standard library's limit)
JSON = "application/json"

# How the server itself refuses a request: status -> (code, message).
REFUSALS = {
    400: ("invalid_request", "The request is not valid HTTP/1.1."),
    408: ("request_timeout", "The request did not arrive in time; send it again."),
    411: ("length_required", "Send the body with a Content-Length header."),
    413: ("request_too_large", "The request body is too large."),
    414: ("uri_too_long", "The URL is too long."),
    431: ("request_headers_too_large", "The request's headers are too large."),
    500: ("internal_error", "The local gateway failed; see its log."),
    505: ("http_version_not_supported", "Send HTTP/1.1 or HTTP/1.0."),
}
_DIGITS = re.compile(r"^[0-9]{1,12}$")


class Refused(Exception):
    def __init__(self, status: int, message: str | None = None):
        super().__init__(status)
        self.status = status
        self.message = message


def make_handler(gateway) -> type[BaseHTTPRequestHandler]:
    """An HTTP/1.1 handler that hands each request to `gateway.handle(method, path, headers, body)`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "portal-local"
        sys_version = ""
        timeout = CLIENT_TIMEOUT_SECONDS  # on every read and write of the connection
        # An answer leaves in two writes (head, then body); with Nagle's algorithm the body waited for the
        # client's delayed ACK of the head, 40 ms on Linux, on every request of a kept-alive connection.
        disable_nagle_algorithm = True

        def handle_one_request(self) -> None:
            """One request, whatever its method; a refusal or a timeout answers JSON and closes the connection."""
            self.command = self.requestline = self.request_version = ""
            self.started = self.late = False
            # A client that trickles a byte now and then never pauses CLIENT_TIMEOUT_SECONDS: past REQUEST_SECONDS
            # its reading side is shut, so whatever read waits ends, and the request is answered 408.
            deadline = threading.Timer(REQUEST_SECONDS, self._too_late)
            deadline.daemon = True
            deadline.start()
            try:
                self.raw_requestline = self.rfile.readline(MAX_LINE_BYTES + 1)
                if not self.raw_requestline and not self.late:
                    self.close_connection = True
                    return
                self.started = True
                if len(self.raw_requestline) > MAX_LINE_BYTES:
                    raise Refused(414)
                if self.late:
                    raise Refused(408)
                if not self.parse_request():
                    return  # parse_request has answered (send_error below)
                body = self._body()
                deadline.cancel()
                if self.late:
                    raise Refused(408)
                self._serve(body)
                self.wfile.flush()
            except Refused as refusal:
                self.refuse(refusal.status, refusal.message)
            except TimeoutError:
                if self.started:  # mid-request; a keep-alive connection that idles out just closes
                    self.refuse(408)
                self.close_connection = True
            except (ConnectionError, BrokenPipeError):
                if self.late:
                    self.refuse(408)
                self.close_connection = True
            finally:
                deadline.cancel()

        def _too_late(self) -> None:
            self.late = True
            with contextlib.suppress(OSError):  # already gone
                self.connection.shutdown(socket.SHUT_RD)

        def _serve(self, body: bytes | None) -> None:
            started = time.perf_counter()
            try:
                status, headers, payload = gateway.handle(self.command, self.path, dict(self.headers), body)
            except Exception:
                log.exception("%s %s failed", self.command, self.route())
                raise Refused(500) from None
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            log.info("%s %s %d %.0f ms", self.command, self.route(), status, (time.perf_counter() - started) * 1000)

        def route(self) -> str:
            """What the log says of the path: its route (`/requests/feeds/{feed}`), never a secret in it."""
            return gateway.route_of(self.path) if getattr(self, "path", "") else "-"

        def _body(self) -> bytes | None:
            if self.headers.get("Transfer-Encoding"):
                raise Refused(411)
            lengths = self.headers.get_all("Content-Length") or []
            if not lengths:
                return None
            if len(set(lengths)) != 1 or not _DIGITS.match(lengths[0].strip()):
                raise Refused(400, "Content-Length must be a whole number of bytes.")
            length = int(lengths[0])
            if length > MAX_BODY_BYTES:
                raise Refused(413)
            body = self.rfile.read(length) if length else b""
            if len(body) < length:  # the client closed before sending it all: nobody to answer
                raise ConnectionError("the body ended early")
            return body

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """The standard library's refusals (bad request line, headers too large, ...) in the API's error shape,
            never its HTML page, and without its message, which can quote what the client sent."""
            self.refuse(408 if self.late else code)

        def refuse(self, code: int, message: str | None = None) -> None:
            error_code, sentence = REFUSALS.get(code, ("invalid_request", "The request cannot be answered."))
            payload = json.dumps({"error": {"code": error_code, "message": message or sentence}}).encode()
            self.close_connection = True
            if self.request_version not in ("HTTP/1.0", "HTTP/1.1"):
                self.request_version = "HTTP/1.1"  # a status line and headers even for what is not HTTP/1.x
            try:
                self.send_response(code)
                self.send_header("Content-Type", JSON)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
                self.wfile.flush()
            except OSError:
                pass  # the client is gone
            log.info("refused %s %s: %d %s", self.command[:20] or "-", self.route(), code, error_code)

        def version_string(self) -> str:
            return self.server_version

        def log_message(self, format, *args) -> None:
            pass

        def log_error(self, format, *args) -> None:
            log.warning("%s - %s", self.address_string(), format % args)

    return Handler


class GatewayServer(ThreadingHTTPServer):
    """The gateway over HTTP; a restart right after Ctrl-C can bind the same port again."""

    allow_reuse_address = True
    daemon_threads = True
