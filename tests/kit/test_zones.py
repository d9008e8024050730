import json
import shutil
import subprocess

import pytest

from portalkit.zones import is_timezone


@pytest.mark.parametrize("name", ["America/New_York", "Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires",
                                  "America/Indiana/Indianapolis", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv"])
def test_names_of_places_are_time_zones(name):
    assert is_timezone(name)


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "right/UTC", "posix/Europe/Berlin",
                                  "US/Eastern", "EST5EDT", "GB", "Etc/GMT+5", "Etc/UTC", "GMT", "europe/berlin",
                                  "Europe/Nowhere", "Europe/../Europe/Berlin", "/usr/share/zoneinfo/UTC", "",
                                  "America/" + "x" * 60, "Europe/Berlin\n", None, 5])
def test_files_aliases_and_offsets_are_not(name):
    assert not is_timezone(name)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js, as the web build does")
def test_every_zone_a_browser_offers_is_accepted():
    """The staff web client offers `Intl.supportedValuesOf("timeZone")`: CLDR's names, some of them tz links
    (Asia/Calcutta). Refusing any would offer an admin a zone the API refuses."""
    out = subprocess.run(["node", "-e", "console.log(JSON.stringify(Intl.supportedValuesOf('timeZone')))"],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    offered = json.loads(out)
    assert len(offered) > 300
    assert [name for name in offered if not is_timezone(name)] == []
