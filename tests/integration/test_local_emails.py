"""`make emails` lists what the local stack's SES received."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import boto3

from infra.local import emails
from infra.local.moto_server import MotoServer


@contextmanager
def local_ses() -> Iterator[tuple[object, str]]:
    """An SES client of a moto server of its own with the sender verified, and the server's endpoint."""
    server = MotoServer()
    endpoint = server.start()
    try:
        ses = boto3.client("ses", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
                           aws_secret_access_key="local")
        ses.verify_email_identity(EmailAddress="notifications@portal.example")
        yield ses, endpoint
    finally:
        server.stop()


def test_the_emails_command_reads_what_the_local_ses_accepted(capsys):
    with local_ses() as (ses, endpoint):
        for to, subject in (("c1@a.test", "Local email one"), ("w1@a.test", "Local email two")):
            ses.send_email(Source="notifications@portal.example", Destination={"ToAddresses": [to]},
                           Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": f"Body of {subject}"}}})
        found = [e for e in emails.sent_emails(endpoint) if e["subject"].startswith("Local email")]
        assert [(e["to"], e["subject"], e["body"]) for e in found] == [
            (["c1@a.test"], "Local email one", "Body of Local email one"),
            (["w1@a.test"], "Local email two", "Body of Local email two"),
        ]
        print(emails.render(found[0]))
        assert "Subject: Local email one" in capsys.readouterr().out


def test_the_emails_command_reads_messagings_mime_and_shows_its_calendar_file():
    from infra.local.system import load_app
    from portalkit import ics

    load_app("messaging")
    from chalicelib.messaging.emails import mime

    calendar = ics.calendar([ics.Entry(uid=ics.uid("e1"), sequence=3, start=1_796_050_800, end=1_796_054_400,
                                       stamp=1_795_000_000, summary="Appointment with Zoë's agency",
                                       location="Main office, 12 Main Street")])
    with local_ses() as (ses, endpoint):
        raw = mime("notifications@portal.example", "c1@a.test", "Your event was rescheduled: now Thursday (“moved”)",
                   "Your event is now on Thu 26 Nov 2026, 10:00 AM EST.", calendar)
        ses.send_raw_email(Source="notifications@portal.example", RawMessage={"Data": raw})
        (sent,) = [e for e in emails.sent_emails(endpoint) if e["subject"].startswith("Your event was rescheduled")]
        assert (sent["to"], sent["subject"], sent["body"]) == (
            ["c1@a.test"], "Your event was rescheduled: now Thursday (“moved”)",
            "Your event is now on Thu 26 Nov 2026, 10:00 AM EST.")
        assert emails.render(sent).splitlines()[3] == (
            "Attached: appointment.ics (text/calendar): SUMMARY Appointment with Zoë's agency, DTSTART "
            "20261130T150000Z, SEQUENCE 3, STATUS CONFIRMED, LOCATION Main office\\, 12 Main Street")


def test_without_a_running_stack_the_command_says_so(capsys):
    assert emails.main(["--api", "http://127.0.0.1:9"]) == 1
    assert "make run" in capsys.readouterr().err
