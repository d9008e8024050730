"""`make run`: the whole system on this machine: embedded AWS, the four apps behind one gateway, the pump, demo data.

    python -m infra.local.run [--port 8000] [--aws-port 0] [--now 2026-03-08T06:00]

Ctrl-C (SIGINT) or SIGTERM stops everything and exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.request
from functools import cache
from http.server import BaseHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "kit") not in sys.path:
    sys.path.insert(0, str(ROOT / "kit"))

import boto3  # noqa: E402

from infra.declaration import declare  # noqa: E402
from infra.local import clock as local_clock  # noqa: E402
from infra.local import demo  # noqa: E402
from infra.local.gateway import Gateway, TokenVerifier  # noqa: E402
from infra.local.http_server import GatewayServer, make_handler  # noqa: E402
from infra.local.moto_server import MotoServer  # noqa: E402
from infra.local.scheduler import Scheduler, jobs_of  # noqa: E402
from infra.local.system import apps, load_app, make_pump, openapi_routes  # noqa: E402
from infra.local.web import WebApp  # noqa: E402
from infra.provision import Provisioned, provision  # noqa: E402
from infra.web_policy import origin  # noqa: E402
from portalkit import clock  # noqa: E402

REGION = "us-east-1"
STAGE = "local"
HOST = "127.0.0.1"
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}

log = logging.getLogger("portal.local")


def set_environment(endpoint: str) -> None:
    """Point every AWS client of this process (the apps' included) at the embedded endpoint."""
    os.environ.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_DEFAULT_REGION=REGION,
        STAGE=STAGE,
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
        **FAKE_CREDENTIALS,
    )
    for name in ("TABLE_NAME", "BUS_NAME", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)


def client_factory(endpoint: str):
    """`clients(name)`: one boto3 client per service on the endpoint, shared by provisioning, pump and seeding."""
    session = boto3.session.Session(region_name=REGION)
    lock = threading.Lock()

    @cache
    def make(name: str):
        return session.client(name, endpoint_url=endpoint)

    def clients(name: str):
        with lock:
            return make(name)

    return clients


def verifier_for(endpoint: str, provisioned: Provisioned) -> TokenVerifier:
    """Verify ID tokens as API Gateway's Cognito authorizer would, with the keys moto publishes."""
    pool_id = provisioned.user_pool_id
    with urllib.request.urlopen(f"{endpoint}/{pool_id}/.well-known/jwks.json", timeout=10) as response:  # noqa: S310
        jwks = json.load(response)
    issuer = f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    return TokenVerifier(jwks, issuer, {provisioned.user_pool_client_id})


def web_config(api_base: str, endpoint: str, provisioned: Provisioned) -> dict:
    """What a web client needs to sign in and call the API (served as /config.json)."""
    return {
        "api_base": api_base,
        "region": REGION,
        "cognito": {
            "endpoint": endpoint,
            "user_pool_id": provisioned.user_pool_id,
            "client_id": provisioned.user_pool_client_id,
        },
    }


def banner(api_base: str, endpoint: str, provisioned: Provisioned, clock_set: bool = False) -> str:
    """What a newcomer needs at start: where everything is, who can sign in, how to make a first call."""
    port = "" if api_base.endswith(":8000") else f" PORT={api_base.rsplit(':', 1)[1]}"  # make's commands follow it
    now = local_clock.wall_clock(local_clock.reading()["now"])
    moving = f"make clock NOW=2026-03-08T06:00{port} moves it" + ("" if clock_set else " (make run NOW=... starts it)")
    lines = [
        "",
        "Agency portal: local stack is up",
        f"  Staff web app {api_base}/",
        f"  Client portal {api_base}/portal/",
        f"  API base      {api_base}   (/availability /requests /messaging /billing)",
        f"  Web config    {api_base}/config.json",
        f"  OpenAPI       {api_base}/<service>/openapi.json",
        f"  AWS endpoint  {endpoint}   (moto; region {REGION})",
        f"  User pool     {provisioned.user_pool_id}",
        f"  App client    {provisioned.user_pool_client_id}",
        f"  Clock         {now}" + (", from NOW; it runs on from there" if clock_set else ", the machine's"),
        f"                {moving}; a time without an offset is read in {local_clock.ZONE}",
        "",
        f"Demo users (password: {demo.PASSWORD})",
        *[f"  {line}" for line in demo.describe()],
        "",
        f"Get an ID token:  make token USER=client@demo.test{port}",
        "Try a call:",
        f'  curl -H "Authorization: $(make -s token USER=admin@demo.test{port})" {api_base}/requests/people',
        "",
        "Ctrl-C stops everything.",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m infra.local.run", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="port of the API gateway (default 8000)")
    parser.add_argument("--aws-port", type=int, default=0, help="port of the embedded AWS endpoint (default: free)")
    parser.add_argument("--now", type=_instant, help="start the stack's clock at this time and let it run on from "
                        f"there: 2026-03-08T06:00 is the wall clock of the demo agency's zone ({local_clock.ZONE}); "
                        "2026-03-08T06:00-05:00 or 2026-03-08T11:00Z name the instant (default: the machine's clock)")
    return parser.parse_args(argv)


def _instant(text: str) -> int:
    try:
        return local_clock.parse_instant(text)
    except local_clock.BadInstant as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S"
    )
    log.setLevel(logging.INFO)

    if args.now is not None:
        clock.run_from(args.now)  # before anything is written, so the demo data is made at that time too
    stopping = threading.Event()

    def on_signal(signum, frame) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    # Bind first, so a busy port fails before seconds of provisioning; requests wait until serving starts.
    try:
        server = GatewayServer((HOST, args.port), BaseHTTPRequestHandler)
    except OSError as error:
        print(f"Cannot listen on {HOST}:{args.port}: {error}. Try another: make run PORT=8001", file=sys.stderr)
        return 1

    aws = MotoServer(HOST, args.aws_port)
    try:
        endpoint = aws.start()
    except OSError as error:
        print(f"Cannot start the embedded AWS on {HOST}:{args.aws_port}: {error}.", file=sys.stderr)
        server.server_close()
        return 1
    set_environment(endpoint)
    clients = client_factory(endpoint)
    declaration = declare(STAGE)
    provisioned = provision(declaration, clients, REGION)

    scheduler = Scheduler([job for service in declaration.services for job in jobs_of(service, load_app(service))])
    api_base = f"http://{HOST}:{args.port}"
    config = web_config(api_base, endpoint, provisioned)
    gateway = Gateway(
        apps(declaration),
        verifier_for(endpoint, provisioned),
        extra_routes={
            # Locally it also tells the web client the stack's clock, which may be set (`now`); in AWS it does not.
            "/config.json": lambda: (200, {"Content-Type": "application/json"},
                                     json.dumps({**config, "now": local_clock.reading()["now"]}).encode()),
            **openapi_routes(declaration.services),
        },
        fallback=local_clock.control(WebApp(connect=[origin(endpoint)]).handle, moved=scheduler.catch_up),
    )
    demo.seed(clients("cognito-idp"), provisioned.user_pool_id)

    pump = make_pump(declaration, provisioned, clients, retry_delay_seconds=5)
    background_stop = threading.Event()
    pump_thread = threading.Thread(target=pump.run_forever, args=(background_stop,), name="pump", daemon=True)
    pump_thread.start()

    scheduler_thread = threading.Thread(target=scheduler.run_forever, args=(background_stop,), name="scheduler",
                                        daemon=True)
    scheduler_thread.start()

    server.RequestHandlerClass = make_handler(gateway)
    server_thread = threading.Thread(target=server.serve_forever, name="gateway", daemon=True)
    server_thread.start()
    print(banner(api_base, endpoint, provisioned, clock_set=args.now is not None), flush=True)

    while not stopping.is_set():
        time.sleep(0.2)

    print("Stopping ...", flush=True)
    server.shutdown()
    server.server_close()
    background_stop.set()
    pump_thread.join(10)
    scheduler_thread.join(10)
    aws.stop()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
