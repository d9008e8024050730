def test_health_of_every_service(system):
    for service in ("availability", "requests", "messaging", "billing"):
        reply = system.api.get(f"/{service}/health")
        assert reply.status == 200, reply.body
        assert reply.json == {"service": service, "status": "ok"}


def test_person_registered_reaches_messaging(system):
    token = system.token("admin", person_id="admin-1")
    reply = system.api.post(
        "/requests/people", token=token,
        json={"person_id": "c1", "name": "Casey", "email": "casey@a.test", "role": "client"},
    )
    assert reply.status == 201, reply.body
    system.pump().drain()
    from chalicelib.messaging.contacts import load_contact
    assert load_contact("agency-a", "c1").name == "Casey"
