"""The agency's scheduling settings, availability types and sites: each field's bounds as the bodies declare them,
names, colours and addresses as they are kept, and which type may be client-facing or retired; no AWS."""

from __future__ import annotations

import json

import pytest

from chalicelib.availability import domain as d
from chalicelib.availability import schemas as s
from portalkit.errors import BadRequest
from portalkit.schema import decode_body
from tests.domain.refusals import body_refusal

TYPES = {"t1": d.AvailabilityType("t1", "Client sessions", "#1E90FF"),
         "t2": d.AvailabilityType("t2", "Paperwork", "#888888")}


def decoded(model, body: dict):
    return decode_body(json.dumps(body), model)


def refusal(model, body: dict) -> tuple[str | None, str, str]:
    """(field, code, message) of the 400 a body gets."""
    error = body_refusal(model, body)
    return error.field, error.code, error.message


# -- settings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, value", [
    pytest.param("slot_minutes", 5, id="the-shortest-slot-one-lock-granule"),
    pytest.param("slot_minutes", 480, id="the-longest-slot-eight-hours"),
    pytest.param("slot_minutes", 45, id="a-slot-of-any-multiple-of-five"),
    pytest.param("min_notice_hours", 0, id="no-notice"),
    pytest.param("min_notice_hours", 8760, id="a-years-notice"),
    pytest.param("horizon_days", 1, id="a-horizon-of-one-day"),
    pytest.param("horizon_days", 365, id="a-horizon-of-a-year"),
    pytest.param("hold_minutes", 5, id="the-shortest-hold"),
    pytest.param("hold_minutes", 10080, id="a-hold-of-a-week"),
])
def test_a_setting_at_either_end_of_its_range_is_accepted(name, value):
    assert getattr(decoded(s.SettingsChange, {name: value, "version": 0}), name) == value


@pytest.mark.parametrize("name, value, message", [
    pytest.param("slot_minutes", 0, "slot_minutes must be at least 5.", id="a-slot-of-no-time"),
    pytest.param("slot_minutes", 485, "slot_minutes must be at most 480.", id="a-slot-longer-than-a-transaction-locks"),
    pytest.param("slot_minutes", 7, "slot_minutes must be a multiple of 5.", id="a-slot-off-the-granule"),
    pytest.param("slot_minutes", "60", "slot_minutes must be an integer.", id="a-slot-length-as-text"),
    pytest.param("min_notice_hours", -1, "min_notice_hours must be at least 0.", id="notice-in-the-past"),
    pytest.param("min_notice_hours", 8761, "min_notice_hours must be at most 8760.", id="notice-over-a-year"),
    pytest.param("horizon_days", 0, "horizon_days must be at least 1.", id="a-horizon-of-no-day"),
    pytest.param("horizon_days", 366, "horizon_days must be at most 365.", id="a-horizon-over-a-year"),
    pytest.param("hold_minutes", 4, "hold_minutes must be at least 5.", id="a-hold-too-short-to-answer"),
    pytest.param("hold_minutes", 10081, "hold_minutes must be at most 10080.", id="a-hold-over-a-week"),
])
def test_a_setting_past_either_end_of_its_range_is_refused_naming_it(name, value, message):
    assert refusal(s.SettingsChange, {name: value, "version": 0}) == (name, "invalid_field", message)


@pytest.mark.parametrize("zone", [
    pytest.param("Mars/Olympus_Mons", id="no-such-place"),
    pytest.param("../etc/passwd", id="a-path"),
    pytest.param("US/Eastern", id="a-legacy-alias-not-a-place"),
    pytest.param("Etc/GMT+5", id="an-offset-whose-sign-is-a-trap"),
    pytest.param("", id="empty"),
])
def test_the_agencys_time_zone_is_an_iana_zone_of_a_place(zone):
    field, code, _ = refusal(s.SettingsChange, {"timezone": zone, "version": 0})
    assert (field, code) == ("timezone", "invalid_field")


@pytest.mark.parametrize("zone", ["America/New_York", "UTC"])
def test_a_place_or_utc_is_the_agencys_time_zone(zone):
    assert decoded(s.SettingsChange, {"timezone": zone, "version": 0}).timezone == zone


@pytest.mark.parametrize("body, said", [
    pytest.param({"slot_minutes": 30}, ("version", "missing_field", "version is required."), id="no-version"),
    pytest.param({"slot_minutes": 30, "version": None}, ("version", "invalid_field", "version must be an integer."),
                 id="a-null-version"),
    pytest.param({"slot_minutes": 30, "version": -1}, ("version", "invalid_field", "version must be at least 0."),
                 id="a-negative-version"),
    pytest.param({"slot_minutes": 30, "version": "0"}, ("version", "invalid_field", "version must be an integer."),
                 id="a-version-as-text"),
    pytest.param({"colour": "#FFFFFF", "version": 0}, ("colour", "unknown_field", "colour is not a known field."),
                 id="a-field-settings-do-not-have"),
])
def test_a_settings_change_names_the_version_it_was_read_at_and_only_known_settings(body, said):
    assert refusal(s.SettingsChange, body) == said


def test_a_settings_change_sets_only_what_it_gives():
    change = decoded(s.SettingsChange, {"slot_minutes": 45, "version": 3})
    assert (change.version, change.slot_minutes, change.timezone, change.horizon_days) == (3, 45, None, None)


@pytest.mark.parametrize("notice, horizon, expected", [
    pytest.param(24, 60, (1_000_000 + 24 * 3600, 1_000_000 + 60 * 86400), id="a-day-of-notice-two-months-ahead"),
    pytest.param(0, 1, (1_000_000, 1_000_000 + 86400), id="no-notice-one-day-ahead"),
])
def test_slots_can_start_from_now_plus_notice_until_before_now_plus_horizon(notice, horizon, expected):
    settings = d.Settings(min_notice_hours=notice, horizon_days=horizon)
    assert d.requestable(settings, 1_000_000) == expected


# -- the client-facing type -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("facing, retiring", [
    pytest.param(None, "t1", id="no-client-facing-type-yet"),
    pytest.param("t1", "t2", id="another-type-than-the-client-facing-one"),
])
def test_a_type_that_is_not_client_facing_can_be_retired(facing, retiring):
    assert d.check_retirable(retiring, d.Settings(client_facing_type_id=facing)) is None


def test_the_client_facing_type_cannot_be_retired_naming_retired():
    with pytest.raises(d.ClientFacingType) as refused:
        d.check_retirable("t1", d.Settings(client_facing_type_id="t1"))
    assert (refused.value.status, refused.value.code, refused.value.field) == (409, "client_facing_type", "retired")
    assert "choose another client-facing type" in refused.value.message


def test_choosing_the_client_facing_type_again_is_no_choice_even_after_it_was_retired():
    retired = {**TYPES, "t1": d.AvailabilityType("t1", "Client sessions", "#1E90FF", retired=True)}
    assert d.check_client_facing("t1", d.Settings(client_facing_type_id="t1"), retired) is False


# -- types: names and colours ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, same", [
    pytest.param("Client facing", "client FACING", True, id="case-aside"),
    pytest.param("Client facing", "  Client   facing ", True, id="spaces-around-and-between-aside"),
    pytest.param("Client facing", "Client\tfacing", True, id="a-tab-is-a-space"),
    pytest.param("Client facing", "Client-facing", False, id="a-hyphen-is-not-a-space"),
    pytest.param("Client facing", "Clientfacing", False, id="words-run-together-are-another-name"),
    pytest.param("Straße", "STRASSE", True, id="casefold-not-lower"),
])
def test_two_names_are_the_same_name_when_only_case_and_spacing_differ(a, b, same):
    assert (d.name_key(a) == d.name_key(b)) is same


def test_a_type_is_kept_under_its_name_trimmed():
    assert d.check_type_name("  Group   work ", TYPES.values()) == "Group work"


@pytest.mark.parametrize("name, type_id", [
    pytest.param("paperwork", None, id="a-new-type-under-anothers-name"),
    pytest.param(" PAPERWORK ", "t1", id="a-type-renamed-to-anothers-name"),
])
def test_a_name_another_type_has_is_taken(name, type_id):
    with pytest.raises(d.NameTaken) as refused:
        d.check_type_name(name, TYPES.values(), type_id)
    assert (refused.value.status, refused.value.code, refused.value.field) == (409, "name_taken", "name")
    assert refused.value.message == "Another availability type is already called 'Paperwork'."


def test_a_type_renamed_in_another_case_keeps_its_own_name():
    assert d.check_type_name("PAPERWORK", TYPES.values(), "t2") == "PAPERWORK"


def test_a_colour_is_kept_in_upper_case():
    assert d.check_color("#1e90ff") == "#1E90FF"


@pytest.mark.parametrize("color", [
    pytest.param("blue", id="a-colour-name"),
    pytest.param("#12345", id="five-digits"),
    pytest.param("#1234567", id="seven-digits"),
    pytest.param("#GGGGGG", id="not-hex"),
    pytest.param("1E90FF", id="no-hash"),
])
def test_a_colour_is_hash_and_six_hex_digits(color):
    with pytest.raises(BadRequest) as domain_refused:
        d.check_color(color)
    assert (domain_refused.value.field, domain_refused.value.message) == ("color", "color must be like #1E90FF.")
    assert refusal(s.NewType, {"name": "Sessions", "color": color}) == (
        "color", "invalid_field", "color must be like #1E90FF.")


def test_a_colour_with_a_trailing_newline_is_refused_by_the_body_and_by_the_rule():
    """Python's `$` matches before a final newline: the colour was stored as "#1E90FF\\n" until the kit's patterns
    and check_color matched the whole text."""
    with pytest.raises(BadRequest) as refused:
        decoded(s.NewType, {"name": "Sessions", "color": "#1E90FF\n"})
    assert (refused.value.field, refused.value.message) == ("color", "color must be like #1E90FF.")
    with pytest.raises(BadRequest) as refused:
        d.check_color("#1E90FF\n")
    assert (refused.value.field, refused.value.code) == ("color", "invalid_field")


@pytest.mark.parametrize("body, said", [
    pytest.param({"name": "x" * 61, "color": "#123456"},
                 ("name", "invalid_field", "name must be at most 60 characters."), id="a-name-over-60"),
    pytest.param({"name": " \t ", "color": "#123456"}, ("name", "invalid_field", "name must not be empty."),
                 id="a-name-of-spaces"),
    pytest.param({"color": "#123456"}, ("name", "missing_field", "name is required."), id="no-name"),
    pytest.param({"name": "Sessions"}, ("color", "missing_field", "color is required."), id="no-colour"),
])
def test_a_new_type_has_a_visible_name_of_at_most_60_and_a_colour(body, said):
    assert refusal(s.NewType, body) == said


def test_a_type_name_of_60_characters_is_accepted():
    assert decoded(s.NewType, {"name": "x" * 60, "color": "#123456"}).name == "x" * 60


@pytest.mark.parametrize("body, said", [
    pytest.param({"name": "x" * 61, "version": 2}, ("name", "invalid_field", "name must be at most 60 characters."),
                 id="a-rename-over-60"),
    pytest.param({"retired": "yes", "version": 2}, ("retired", "invalid_field", "retired must be true or false."),
                 id="retired-as-text"),
    pytest.param({"type_id": "x", "version": 2}, ("type_id", "unknown_field", "type_id is not a known field."),
                 id="its-id-is-not-a-change"),
    pytest.param({"name": "Late"}, ("version", "missing_field", "version is required."), id="no-version"),
])
def test_a_type_change_is_refused_naming_the_field(body, said):
    assert refusal(s.TypeChange, body) == said


# -- sites ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given, kept", [
    pytest.param(" 12 Main  Street\n\nSpringfield, IL ", "12 Main Street, Springfield, IL",
                 id="lines-joined-by-commas"),
    pytest.param("1 Oak Avenue\r\nSpringfield", "1 Oak Avenue, Springfield", id="windows-line-ends"),
    pytest.param("1 Oak Avenue", "1 Oak Avenue", id="one-line-as-given"),
    pytest.param("", None, id="empty-is-no-address"),
    pytest.param(" \n \t ", None, id="blank-lines-are-no-address"),
    pytest.param(None, None, id="none-given"),
])
def test_a_sites_address_is_kept_on_one_line(given, kept):
    assert d.clean_address(given) == kept


def test_a_sites_name_is_kept_trimmed():
    assert d.clean_name("  Down \t town ") == "Down town"


@pytest.mark.parametrize("model, body, said", [
    pytest.param(s.NewSite, {"name": "x" * 101, "timezone": "UTC"},
                 ("name", "invalid_field", "name must be at most 100 characters."), id="a-name-over-100"),
    pytest.param(s.NewSite, {"name": "Annex", "timezone": "UTC", "address": "x" * 301},
                 ("address", "invalid_field", "address must be at most 300 characters."), id="an-address-over-300"),
    pytest.param(s.NewSite, {"name": "Annex"}, ("timezone", "missing_field", "timezone is required."),
                 id="a-site-without-a-zone"),
    pytest.param(s.SiteChange, {"name": "", "version": 1}, ("name", "invalid_field", "name must not be empty."),
                 id="a-rename-to-nothing"),
    pytest.param(s.SiteChange, {"name": "Annex"}, ("version", "missing_field", "version is required."),
                 id="a-change-without-its-version"),
])
def test_a_site_is_refused_naming_the_field(model, body, said):
    assert refusal(model, body) == said


@pytest.mark.parametrize("model, body", [
    pytest.param(s.NewSite, {"name": "Nowhere", "timezone": "America/Atlantis"}, id="a-new-site-in-no-zone"),
    pytest.param(s.SiteChange, {"timezone": "Mars/Olympus", "version": 1}, id="a-change-to-no-zone"),
])
def test_a_sites_time_zone_is_an_iana_zone_of_a_place(model, body):
    assert refusal(model, body)[:2] == ("timezone", "invalid_field")


def test_a_site_takes_a_name_of_100_and_an_address_of_300_characters():
    site = decoded(s.NewSite, {"name": "x" * 100, "timezone": "UTC", "address": "y" * 300})
    assert (len(site.name), len(site.address)) == (100, 300)


@pytest.mark.parametrize("timezone", [
    pytest.param(None, id="not-given"),
    pytest.param("America/Chicago", id="its-own-zone-again"),
])
def test_a_site_change_that_leaves_its_zone_keeps_it(timezone):
    site = d.Site("s1", "Downtown", "America/Chicago")
    assert d.check_site_timezone(site, timezone) == "America/Chicago"


def test_a_sites_time_zone_cannot_change_once_added():
    with pytest.raises(d.TimezoneFixed) as refused:
        d.check_site_timezone(d.Site("s1", "Downtown", "America/Chicago"), "America/New_York")
    assert (refused.value.status, refused.value.code, refused.value.field) == (409, "timezone_fixed", "timezone")
    assert "Add a site in the right zone" in refused.value.message
