"""botocore clients made on first use and kept for the life of the process (one per service name)."""

from __future__ import annotations

from functools import cache


@cache
def _session():
    import botocore.session

    return botocore.session.get_session()


@cache
def client(service_name: str):
    return _session().create_client(service_name)


def reset() -> None:
    """Forget cached clients (tests that change endpoints)."""
    client.cache_clear()
    _session.cache_clear()
