"""Calendar entries and feeds of the requests service: which secrets, which events, what an entry says (pure)."""

from __future__ import annotations

import secrets

import pytest
from msgspec.structs import replace

from chalicelib.requests import domain as d
from portalkit import ics, times

NOW = times.instant("2026-11-23T12:00:00Z")
DAY = 86400


def event(**changes) -> d.Event:
    base = d.Event(event_id="e1", service_id="s1", worker_id="w1", client_ids=("c1", "c2"),
                   start="2026-11-25T15:00:00Z", end="2026-11-25T16:00:00Z", created_at="2026-11-23T12:00:00Z",
                   created_by="w1")
    return replace(base, **changes)


def test_a_feed_secret_is_43_url_safe_characters_with_or_without_its_ics_suffix():
    secret = secrets.token_urlsafe(32)
    assert d.feed_secret(secret) == d.feed_secret(secret + ".ics") == secret
    for forged in ("", ".ics", secret[:-1], secret + "A", secret + ".ics.ics", secret[:-1] + "=", secret[:-1] + "/",
                   secret[:-1] + "é", "x" * 5000, secret[:-1] + "\ud800", None, 42):
        assert d.feed_secret(forged) is None, forged


@pytest.mark.parametrize("segment", [
    pytest.param("", id="empty"),
    pytest.param("x", id="one-character"),
    pytest.param("x.ics", id="one-character-with-suffix"),
    pytest.param("A" * 42 + ".ics", id="42-characters"),
    pytest.param("A" * 44 + ".ics", id="44-characters"),
    pytest.param("A" * 43 + ".ics.ics", id="suffix-twice"),
    pytest.param("A" * 43 + "=.ics", id="base64-padding"),
    pytest.param("A" * 5000, id="5000-characters"),
    pytest.param("\x00" * 43, id="nul-characters"),
    pytest.param("A" * 41 + "/.", id="path-characters"),
    pytest.param("A" * 42 + "\N{GRINNING FACE}", id="emoji"),
])
def test_no_path_segment_but_43_url_safe_characters_names_a_feed(segment):
    assert d.feed_secret(segment) is None
    assert d.feed_secret("A" * 43 + ".ics") == d.feed_secret("A" * 43) == "A" * 43


def test_a_feed_reaches_30_days_back_and_ahead_to_the_agencys_horizon_or_availabilitys_default():
    assert d.feed_span(NOW, 90) == (NOW - 30 * DAY, NOW + 90 * DAY)
    assert d.feed_span(NOW, None) == d.feed_span(NOW, 0) == (NOW - 30 * DAY, NOW + 60 * DAY)
    assert d.feed_span(NOW, 100_000)[1] == NOW + d.MAX_AHEAD_DAYS * DAY


def test_a_cancelled_event_stays_in_a_feed_for_a_week_after_it_was_cancelled():
    assert d.in_feed(event(), NOW)
    cancelled = event(status=d.CANCELLED, updated_at=times.iso(NOW - 7 * DAY))
    assert d.in_feed(cancelled, NOW)
    assert not d.in_feed(cancelled, NOW + 1)
    assert d.in_feed(event(status=d.ATTENDED, updated_at=times.iso(NOW - 20 * DAY)), NOW)


def test_an_entry_says_appointment_with_the_agency_and_names_clients_only_for_staff_where_allowed():
    assert d.entry_summary(None) == d.entry_summary("  ") == "Appointment"
    assert d.entry_summary("Riverside Family Services") == "Appointment with Riverside Family Services"
    names = {"c1": "Casey Client", "c2": "Dana Client"}
    off, on = d.Settings(), d.Settings(feed_client_names=True)
    assert d.names_shown(event(), "worker", off, names) is None
    assert d.names_shown(event(), "client", on, names) is None  # a client's entry never names clients
    assert d.names_shown(event(), "worker", on, names) == ["Casey Client", "Dana Client"]
    assert d.names_shown(event(), "admin", on, {}) == ["a client", "a client"]
    assert d.entry_summary("Riverside", ["Casey Client"]) == "Appointment with Casey Client"


@pytest.mark.parametrize("status, expected", [(d.SCHEDULED, ics.CONFIRMED), (d.ATTENDED, ics.CONFIRMED),
                                              (d.CANCELLED, ics.CANCELLED)])
def test_an_entry_has_the_events_uid_its_version_as_sequence_and_its_last_change_as_stamp(status, expected):
    changed = event(status=status, version=4, updated_at="2026-11-24T09:00:00Z")
    entry = d.calendar_entry(changed, "Appointment")
    assert (entry.uid, entry.sequence, entry.status) == (ics.uid("e1"), 4, expected)
    assert (entry.start, entry.end, entry.stamp) == (times.instant("2026-11-25T15:00:00Z"),
                                                     times.instant("2026-11-25T16:00:00Z"),
                                                     times.instant("2026-11-24T09:00:00Z"))
    assert d.calendar_entry(event(), "x").stamp == times.instant("2026-11-23T12:00:00Z")  # never changed
