"""Settings read from the environment once, on first use."""

from __future__ import annotations

import os
from functools import cache

from msgspec import Struct

PREFIX = "portal"


class Settings(Struct, frozen=True):
    stage: str
    bus_name: str
    table_name_override: str | None

    def table_name(self, service: str) -> str:
        """`TABLE_NAME` where a function sets it (one per Lambda), else `portal-<stage>-<service>`."""
        return self.table_name_override or table_name(self.stage, service)


def table_name(stage: str, service: str) -> str:
    return f"{PREFIX}-{stage}-{service}"


def bus_name(stage: str) -> str:
    return f"{PREFIX}-{stage}-bus"


@cache
def get_settings() -> Settings:
    stage = os.environ.get("STAGE", "local")
    return Settings(
        stage=stage,
        bus_name=os.environ.get("BUS_NAME") or bus_name(stage),
        table_name_override=os.environ.get("TABLE_NAME") or None,
    )


def reset() -> None:
    """Forget the cached settings (tests that change the environment)."""
    get_settings.cache_clear()
