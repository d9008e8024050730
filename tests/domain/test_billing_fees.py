"""Billing's fee schedules: what staff set (0 is no fee), and which schedule a service charges."""

from __future__ import annotations

from chalicelib.billing import domain

AGENCY = domain.Fees(event_fee=8000, no_show_fee=4000, late_cancel_fee=2500)
OWN = domain.Fees(event_fee=12000)


def test_zero_is_no_fee_as_null_is():
    schedule = domain.fee_schedule(event_fee=0, no_show_fee=None, late_cancel_fee=1500)
    assert schedule == domain.Fees(event_fee=None, no_show_fee=None, late_cancel_fee=1500)
    assert [schedule.of(kind) for kind in domain.FEE_KINDS] == [None, None, 1500]
    assert domain.Fees(event_fee=0).of(domain.EVENT_FEE) is None  # a stored 0 charges nothing either


def test_a_service_with_its_own_fees_charges_them_and_nothing_of_the_agency_default():
    fees, source = domain.resolve_fees(OWN, AGENCY)
    assert (fees, source) == (OWN, "service")
    assert fees.of(domain.NO_SHOW_FEE) is None  # the service's schedule is whole: no fee it left out is borrowed


def test_a_service_without_its_own_fees_charges_the_agency_default():
    assert domain.resolve_fees(None, AGENCY) == (AGENCY, "agency")


def test_without_any_schedule_nothing_is_charged():
    fees, source = domain.resolve_fees(None, None)
    assert (fees.view(), source) == ({"event_fee": None, "no_show_fee": None, "late_cancel_fee": None}, None)


def test_a_schedule_reads_as_its_three_fees():
    assert AGENCY.view() == {"event_fee": 8000, "no_show_fee": 4000, "late_cancel_fee": 2500}
