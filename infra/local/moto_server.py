"""Embedded AWS for the local stack: moto in server mode on 127.0.0.1, answering one request at a time.

moto's TransactWriteItems is not atomic when requests run concurrently, so every request (body
included) runs under one lock: the endpoint is linearizable, as DynamoDB is per item.

moto's Cognito signs every pool's tokens with one built-in key whose private half ships in the moto
package: anyone who can reach the gateway could sign a token for any agency, person or role. Here each
user pool gets its own key, made when the pool is created and never written anywhere, and the pool's
JWKS endpoint publishes only that key: the gateway trusts exactly the tokens this stack's Cognito issued.
"""

from __future__ import annotations

import json
import logging
import threading
from urllib.parse import urlparse

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


_JWKS_PATH = "{0}/(?P<user_pool_id>[^/]+)/.well-known/jwks.json$"  # moto.cognitoidp.urls


def own_cognito_keys() -> None:
    """Every user pool of this process signs with a new RSA key of its own (see the module)."""
    from joserfc import jwk
    from joserfc import jwt as joserfc_jwt
    from moto.cognitoidp import models, urls

    if isinstance(getattr(models.CognitoIdpUserPool, "json_web_key", None), property):
        return

    def own_key(pool):
        """Made when the pool first signs or publishes (125 ms), so pools that never do cost nothing."""
        if "own_key" not in pool.__dict__:
            pool.__dict__["own_key"] = jwk.RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"},
                                                               auto_kid=True)
        return pool.__dict__["own_key"]

    class SignedWithThePoolsKey:
        """moto's `create_jwt` names the built-in key's kid ("dummy"); name the key that signs."""

        @staticmethod
        def encode(header, claims, key, *args, **kwargs):
            return joserfc_jwt.encode({**header, "kid": key.kid}, claims, key, *args, **kwargs)

    # moto's __init__ assigns the built-in key: that assignment is dropped, and reading gives the pool's own.
    models.CognitoIdpUserPool.json_web_key = property(own_key, lambda pool, builtin: None)
    models.jwt = SignedWithThePoolsKey
    urls.url_paths[_JWKS_PATH] = _pool_jwks


def _pool_jwks(request, full_url: str, headers) -> tuple[int, dict, str]:
    """`/<pool id>/.well-known/jwks.json`: the public half of that pool's own key, as Cognito publishes it."""
    from moto.cognitoidp.models import cognitoidp_backends

    pool_id = urlparse(full_url).path.strip("/").split("/")[0]
    region = pool_id.split("_", 1)[0]
    for account_id in list(cognitoidp_backends.keys()):
        try:
            pool = cognitoidp_backends[account_id][region].user_pools.get(pool_id)
        except KeyError:  # not a region
            pool = None
        if pool is not None:
            return 200, {"Content-Type": "application/json"}, json.dumps({"keys": [pool.json_web_key.as_dict(
                private=False)]})
    return 404, {"Content-Type": "application/json"}, json.dumps({"message": f"No user pool {pool_id[:60]}."})


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
        own_cognito_keys()
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
