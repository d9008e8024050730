"""`make token USER=...`: sign a demo user in to the running local stack and print only their ID token.

python -m infra.local.token EMAIL [--password P] [--api http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import BotoCoreError, ClientError

DEFAULT_PASSWORD = "demo-password-1"  # noqa: S105  - the demo users' password (infra/local/demo.py)
DEFAULT_API = "http://127.0.0.1:8000"


class SignInFailed(Exception):
    pass


def stack_config(api: str) -> dict:
    """The running stack's /config.json: where its Cognito endpoint, pool and app client are."""
    url = api.rstrip("/") + "/config.json"
    if not url.startswith(("http://", "https://")):
        raise SignInFailed(f"--api must be an http(s) URL, not {api!r}.")
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  - scheme checked above
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise SignInFailed(f"No local stack answers at {api} ({error}). Start it with `make run`.") from None


def id_token(email: str, password: str, api: str = DEFAULT_API) -> str:
    """Cognito's USER_PASSWORD_AUTH against the stack's endpoint, as the web client signs in."""
    config = stack_config(api)
    cognito = boto3.client(
        "cognito-idp", endpoint_url=config["cognito"]["endpoint"], region_name=config["region"],
        aws_access_key_id="local", aws_secret_access_key="local",  # noqa: S106  - moto takes any
    )
    try:
        result = cognito.initiate_auth(
            ClientId=config["cognito"]["client_id"], AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
    except ClientError as error:
        code = error.response["Error"]["Code"]
        if code in ("UserNotFoundException", "NotAuthorizedException"):
            raise SignInFailed(f"Cannot sign in as {email!r}: unknown user or wrong password ({code}).") from None
        raise SignInFailed(f"Cognito refused the sign-in of {email!r}: {error}") from None
    except BotoCoreError as error:
        raise SignInFailed(f"Cannot reach the stack's Cognito endpoint: {error}") from None
    if "AuthenticationResult" not in result:
        raise SignInFailed(f"Cognito asks {email!r} for a challenge ({result.get('ChallengeName')}), not a token.")
    return result["AuthenticationResult"]["IdToken"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.token", description=__doc__.splitlines()[0])
    parser.add_argument("email", nargs="?", help="a demo user, e.g. client@demo.test")
    parser.add_argument("--password", default=DEFAULT_PASSWORD, help="default: the demo password")
    parser.add_argument("--api", default=DEFAULT_API, help=f"the running stack (default {DEFAULT_API})")
    args = parser.parse_args(argv)
    if not args.email:
        parser.error("name a user, e.g. make token USER=client@demo.test")
    try:
        print(id_token(args.email, args.password, args.api))
    except SignInFailed as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
