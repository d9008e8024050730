"""Embedded AWS for the local stack: moto in server mode on 127.0.0.1, answering one request at a time.

moto's TransactWriteItems is not atomic when requests run concurrently, so every request (body
included) runs under one lock: the endpoint is linearizable, as DynamoDB is per item.
"""

from __future__ import annotations

import logging
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from infra.local import event_replay
from portalkit.testing import fast_moto


class OneAtATime:
    """WSGI middleware: the whole request, response body included, runs under one global lock."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            result = self.app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()


class _QuietRequestHandler(MotoRequestHandler):
    """moto's request handler without werkzeug's per-request log line."""

    def log_request(self, code="-", size="-") -> None:
        pass


class MotoServer:
    """moto on 127.0.0.1:`port` (0 = a free port) in a daemon thread; `endpoint` is its base URL."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.host = host
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://{self.host}:{self._server.port}"

    def start(self) -> str:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        fast_moto.install()  # safe here: one request (one transaction) at a time
        event_replay.install()  # StartReplay with EventBridge's window and destination filter
        app = OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(self.host, self.port, app, threaded=True, request_handler=_QuietRequestHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto-server", daemon=True)
        self._thread.start()
        return self.endpoint

    def stop(self, timeout: float = 5.0) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout)
        self._server = self._thread = None
