import pytest

from portalkit import settings


@pytest.fixture
def fresh(monkeypatch):
    settings.reset()
    yield monkeypatch
    settings.reset()


def test_names_follow_the_stage(fresh):
    fresh.setenv("STAGE", "dev")
    fresh.delenv("TABLE_NAME", raising=False)
    s = settings.get_settings()
    assert (s.bus_name, s.table_name("billing")) == ("portal-dev-bus", "portal-dev-billing")


def test_a_function_can_be_given_its_table_and_bus(fresh):
    fresh.setenv("TABLE_NAME", "billing-table-123")
    fresh.setenv("BUS_NAME", "bus-9")
    s = settings.get_settings()
    assert (s.bus_name, s.table_name("billing")) == ("bus-9", "billing-table-123")


def test_settings_are_read_once(fresh):
    fresh.setenv("STAGE", "one")
    first = settings.get_settings()
    fresh.setenv("STAGE", "two")
    assert settings.get_settings() is first
