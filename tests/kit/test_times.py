"""The one pair that writes instants as text and reads them back, as every service stores and returns them."""

import pytest

from portalkit import clock, times


def test_an_instant_is_written_in_utc_to_the_second_with_z():
    assert times.iso(1_796_652_000) == "2026-12-07T14:00:00Z"
    assert times.iso(0) == "1970-01-01T00:00:00Z"


@pytest.mark.parametrize("text", ["2026-12-07T14:00:00Z", "2026-12-07T09:00:00-05:00", "2026-12-07T14:00:00.999Z",
                                  "2026-12-07T14:00:00+00:00"])
def test_text_with_an_offset_reads_as_the_same_instant_fractions_dropped(text):
    assert times.instant(text) == 1_796_652_000


def test_written_and_read_back_is_the_same_instant():
    for seconds in (0, 1_796_652_000, 253_402_300_799):  # to the last second of 9999
        assert times.instant(times.iso(seconds)) == seconds


@pytest.mark.parametrize("text", ["2026-02-30T10:00:00Z", "0000-01-01T00:00:00Z", "soon"])
def test_text_that_names_no_instant_is_refused(text):
    with pytest.raises(ValueError):
        times.instant(text)
    assert times.instant_or_none(text) is None


@pytest.mark.parametrize("value", [None, 17, ["2026-12-07T14:00:00Z"]])
def test_anything_but_text_is_no_instant(value):
    assert times.instant_or_none(value) is None


def test_now_is_written_as_instants_are():
    with clock.frozen(1_796_652_000):
        assert clock.now_iso() == "2026-12-07T14:00:00Z"
