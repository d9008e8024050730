"""`make emails` lists what the local stack's SES received."""

from __future__ import annotations

import boto3

from infra.local import emails
from infra.local.moto_server import MotoServer


def test_the_emails_command_reads_what_the_local_ses_accepted(capsys):
    server = MotoServer()
    endpoint = server.start()
    try:
        ses = boto3.client("ses", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local",
                           aws_secret_access_key="local")
        ses.verify_email_identity(EmailAddress="notifications@portal.example")
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
    finally:
        server.stop()


def test_without_a_running_stack_the_command_says_so(capsys):
    assert emails.main(["--api", "http://127.0.0.1:9"]) == 1
    assert "make run" in capsys.readouterr().err
