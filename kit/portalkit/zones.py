"""Time zones the API accepts: IANA names of places (`America/New_York`) and `UTC`, and nothing else.

"Canonical" here means a name of the tz database's geographic areas, `<Area>/<Location>` or
`<Area>/<Region>/<Location>`, that this machine's zoneinfo can load. That admits the database's own zone names and
its links to them within the areas (`Asia/Calcutta` -> `Asia/Kolkata`): browsers still offer some of these (CLDR
keeps them canonical), and they name the same place. It refuses what is not a place: the files beside the
zones (`localtime`, `posixrules`, `Factory`), the `posix/` and `right/` copies (`right/` counts leap seconds, so
its clock drifts from UTC), the legacy aliases outside the areas (`US/Eastern`, `EST5EDT`, `GB`), and `Etc/`
offsets (`Etc/GMT+5` is five hours *behind*: a trap, never an agency's zone). The rule is the same wherever the
code runs, whatever tz files the machine has beyond those it can load.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from portalkit.errors import BadRequest

AREAS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
MAX_NAME = 64
_PLACE = re.compile(rf"^(?:{'|'.join(AREAS)})(?:/[A-Z][A-Za-z0-9_+\-]*){{1,2}}$")


def check_timezone(name: str, field: str = "timezone") -> str:
    """`name` if it is an IANA time zone of a place (or UTC), else a 400 naming `field`."""
    if not is_timezone(name):
        raise BadRequest(field, f"{field} must be an IANA time zone of a place, like America/New_York.")
    return name


def is_timezone(name: object) -> bool:
    if not isinstance(name, str) or len(name) > MAX_NAME or not (name == "UTC" or _PLACE.fullmatch(name)):
        return False
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@cache
def zone(name: str) -> ZoneInfo:
    """The zone of a name `check_timezone` accepted (cached: slots ask for it per day)."""
    return ZoneInfo(name)
