"""The services' OpenAPI documents: current, valid OpenAPI 3.1, true to the routes, served by the local gateway."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from infra import openapi
from infra.declaration import PUBLIC_ROUTES, SERVICES, declare
from infra.local.gateway import Gateway, TokenVerifier
from infra.local.system import apps, load_app, openapi_routes


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    return {service: openapi.document(service) for service in SERVICES}


def operation(documents, service: str, method: str, path: str) -> dict:
    return documents[service]["paths"][path][method.lower()]


def body_schema(op: dict, document: dict | None = None) -> dict:
    """A request body's schema, its `$ref` (a declared Struct) resolved in the document's components."""
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def parameter(op: dict, name: str) -> dict:
    return next(p for p in op.get("parameters", []) if p["name"] == name)


@pytest.mark.parametrize("service", SERVICES)
def test_the_committed_document_is_what_the_routes_give_now(service):
    path = openapi.path_of(service)
    assert path.is_file(), f"{path} is missing: run `make openapi` and commit it."
    assert path.read_text() == openapi.render(service), (
        f"services/{service}/openapi.json is out of date with the routes: run `make openapi` and commit it."
    )


@pytest.mark.parametrize("service", SERVICES)
def test_the_document_is_valid_openapi_3_1(service):
    document = json.loads(openapi.path_of(service).read_text())
    assert document["openapi"].startswith("3.1.")
    validate(document, cls=OpenAPIV31SpecValidator)


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_is_documented_with_its_methods_and_nothing_else(documents, service):
    routes = {(path, method.lower()) for path, methods in load_app(service).app.routes.items() for method in methods}
    documented = {(path, method) for path, methods in documents[service]["paths"].items() for method in methods}
    assert routes, service
    assert documented == routes


@pytest.mark.parametrize("service", SERVICES)
def test_public_routes_are_exactly_the_declared_ones_and_the_rest_need_the_id_token(documents, service):
    app = load_app(service).app
    public = set()
    for path, methods in documents[service]["paths"].items():
        for method, op in methods.items():
            endpoint = app.routes[path][method.upper()]
            assert endpoint.view_function.spec.public == (endpoint.authorizer is None), (method, path)
            if op["security"] == []:
                public.add(path)
                assert "x-roles" not in op
            else:
                assert op["security"] == [{openapi.SCHEME: []}], (method, path)
                assert op["x-roles"] == list(endpoint.view_function.spec.roles)
                assert f"Roles: {', '.join(op['x-roles'])}." in op["description"]
                assert {"401", "403"} <= set(op["responses"]), (method, path)
    assert public == set(PUBLIC_ROUTES[service])


def test_operation_ids_are_unique_and_roles_are_the_kits(documents):
    for service, document in documents.items():
        ids = [op["operationId"] for methods in document["paths"].values() for op in methods.values()]
        assert len(ids) == len(set(ids)), service
    messaging = documents["messaging"]["paths"]
    assert messaging["/messaging/me/discussions/{discussion_id}/messages"]["post"]["x-roles"] == ["client"]
    assert messaging["/messaging/discussions/{discussion_id}/messages"]["post"]["x-roles"] == ["worker", "admin"]


def test_every_operation_declares_the_schema_of_its_success_reply(documents):
    """Every route is typed: its success answer has a schema (a 204 has no content), each error its shape."""
    for service, document in documents.items():
        for path, methods in document["paths"].items():
            for method, op in methods.items():
                (status, success), = ((k, v) for k, v in op["responses"].items() if k.startswith("2"))
                if status == "204":
                    assert "content" not in success, (service, method, path)
                elif "text/calendar" in success["content"]:  # a calendar, made by the view (portalkit.api.Text)
                    assert success["content"]["text/calendar"]["schema"] == {"type": "string"}, (service, method, path)
                else:
                    assert success["content"]["application/json"]["schema"]["$ref"], (service, method, path)
                assert "400" in op["responses"], (service, method, path)


def test_a_calendar_feed_is_public_with_its_etag_304_and_429_and_one_events_file_needs_a_sign_in(documents):
    feed = operation(documents, "requests", "GET", "/requests/feeds/{feed}")
    assert feed["security"] == [] and "x-roles" not in feed
    assert set(feed["responses"]) == {"200", "304", "400", "404", "429"}
    assert set(feed["responses"]["200"]["headers"]) == {"ETag", "Cache-Control"}
    assert parameter(feed, "If-None-Match")["in"] == "header"
    limited = documents["requests"]["components"]["responses"]["TooManyRequests"]
    assert limited["headers"]["Retry-After"]["required"] is True
    assert "TooManyRequests" not in documents["billing"]["components"]["responses"]  # only where a route uses it
    file = operation(documents, "requests", "GET", "/requests/me/events/{event_id}/calendar-file")
    assert file["x-roles"] == ["client", "worker", "admin"] and "text/calendar" in file["responses"]["200"]["content"]


def test_a_route_declared_without_the_kit_cannot_be_documented():
    """The document is built from each route's declaration; a route that has none stops `make openapi`."""
    with pytest.raises(TypeError, match=r"not declared with Api\.route"):
        openapi.operation("/x", "GET", lambda call: None, None)


def test_a_clients_event_request_body_has_its_limits(documents):
    op = operation(documents, "requests", "POST", "/requests/me/event-requests")
    schema = body_schema(op, documents["requests"])
    assert set(schema["properties"]) == {"service_id", "worker_id", "start", "attendee_ids", "video_session", "message"}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"worker_id", "start"}
    assert schema["properties"]["worker_id"] == {"type": "string", "minLength": 1, "maxLength": 64}
    assert schema["properties"]["start"]["format"] == "date-time"
    attendees, null = schema["properties"]["attendee_ids"]["anyOf"]  # optional: null reads as not given
    assert (attendees["maxItems"], attendees["items"]["maxLength"], null) == (10, 128, {"type": "null"})
    assert schema["properties"]["video_session"]["anyOf"] == [{"type": "boolean"}, {"type": "null"}]
    assert op["requestBody"]["required"] is True
    assert parameter(op, "Idempotency-Key")["required"] is False
    assert op["x-roles"] == ["client"]


def test_a_discussion_body_has_its_limits(documents):
    from chalicelib.messaging import domain

    schema = body_schema(operation(documents, "messaging", "POST", "/messaging/me/discussions"), documents["messaging"])
    assert set(schema["required"]) == {"service_id", "subject", "message"}
    assert schema["properties"]["subject"]["maxLength"] == domain.MAX_SUBJECT
    assert schema["properties"]["message"]["maxLength"] == domain.MAX_MESSAGE
    assert schema["properties"]["service_id"]["maxLength"] == 128


def test_an_invoice_body_declares_its_lines_and_their_limits(documents):
    from chalicelib.billing import domain

    document = documents["billing"]
    op = operation(documents, "billing", "POST", "/billing/invoices")
    schema = body_schema(op, document)
    assert set(schema["properties"]) == {"client_id", "service_id", "lines", "due_date", "currency"}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"client_id", "lines"}
    lines = schema["properties"]["lines"]
    assert (lines["type"], lines["minItems"], lines["maxItems"]) == ("array", 1, domain.MAX_LINES)
    line = document["components"]["schemas"][lines["items"]["$ref"].rsplit("/", 1)[1]]
    assert line["properties"]["description"]["maxLength"] == domain.MAX_DESCRIPTION
    assert (line["properties"]["amount"]["exclusiveMinimum"], line["properties"]["amount"]["maximum"]) == (
        0, domain.MAX_AMOUNT)
    assert schema["properties"]["due_date"]["anyOf"][0]["format"] == "date"
    assert op["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/InvoiceWithLines")
    pay = operation(documents, "billing", "POST", "/billing/me/invoices/{invoice_id}/payments")
    assert parameter(pay, "Idempotency-Key")["required"] is True  # the view refuses a payment without one
    webhook = operation(documents, "billing", "POST", "/billing/webhooks/{provider}")
    assert "requestBody" not in webhook and "raw bytes" in webhook["description"]  # the signature covers the bytes


def test_query_parameters_statuses_and_optional_bodies(documents):
    people = operation(documents, "requests", "GET", "/requests/people")
    assert parameter(people, "limit") == {"name": "limit", "in": "query", "required": False, "schema": {
        "type": "integer", "minimum": 1, "maximum": 200, "default": 50}}  # from **PAGE
    assert parameter(people, "role")["schema"]["anyOf"] == [{"enum": ["admin", "client", "worker"]}, {"type": "null"}]
    assert "201" in operation(documents, "requests", "POST", "/requests/people")["responses"]
    slots = operation(documents, "availability", "GET", "/availability/workers/{worker_id}/slots")
    assert parameter(slots, "worker_id") == {"name": "worker_id", "in": "path", "required": True,
                                             "schema": {"type": "string", "minLength": 1, "maxLength": 128}}
    assert {p["name"]: p["required"] for p in slots["parameters"] if p["in"] == "query"} == {
        "date": False, "from": False, "to": False}  # from and to are read after an early return
    delete = operation(documents, "availability", "DELETE",
                       "/availability/workers/{worker_id}/calendars/{calendar_id}")
    assert set(delete["responses"]) == {"204", "400", "401", "403", "404", "409"}  # no body: no 415
    assert "content" not in delete["responses"]["204"]
    settings = body_schema(operation(documents, "requests", "PUT", "/requests/settings"), documents["requests"])
    assert settings["properties"]["video_sessions_enabled"]["anyOf"] == [{"type": "boolean"}, {"type": "null"}]
    assert settings["required"] == ["version"]  # changes are made on the version read
    cancel = operation(documents, "requests", "POST", "/requests/events/{event_id}/cancel")
    assert cancel["requestBody"]["required"] is False
    assert "requestBody" not in operation(documents, "requests", "GET", "/requests/people")


@pytest.mark.parametrize("service, method, path", [
    ("requests", "POST", "/requests/events"),  # an unknown service_id in the body
    ("requests", "GET", "/requests/me/services"),  # ?service_id= of a service the client is not in
    ("messaging", "GET", "/messaging/discussions"),  # ?service_id= of no service
    ("billing", "PUT", "/billing/services/{service_id}/fees"),
])
def test_a_route_whose_input_names_something_documents_404(documents, service, method, path):
    assert "404" in operation(documents, service, method, path)["responses"]


def test_only_routes_with_input_document_404_and_only_routes_with_a_body_415(documents):
    for document in documents.values():
        for methods in document["paths"].values():
            for op in methods.values():
                takes = "parameters" in op or "requestBody" in op
                assert ("404" in op["responses"]) == takes, op["operationId"]
                assert ("415" in op["responses"]) == ("requestBody" in op), op["operationId"]


def test_errors_share_one_schema(documents):
    for document in documents.values():
        components = document["components"]
        assert "Error" in components["schemas"]
        for name, _ in openapi.ERRORS.values():
            if name == "TooManyRequests" and name not in components["responses"]:
                continue  # documented only where a route answers it
            media = components["responses"][name]["content"]["application/json"]
            assert media["schema"] == {"$ref": "#/components/schemas/Error"}
        assert components["securitySchemes"][openapi.SCHEME]["bearerFormat"] == "JWT"


def test_the_local_gateway_serves_each_document_without_a_token(issuer):
    declaration = declare("test")
    verifier = TokenVerifier(issuer.jwks, issuer.issuer, {issuer.client_id})
    gateway = Gateway(apps(declaration), verifier, extra_routes=openapi_routes(declaration.services))
    for service in SERVICES:
        status, headers, body = gateway.handle("GET", f"/{service}/openapi.json", {}, None)
        assert status == 200, body
        assert headers["Content-Type"] == "application/json"
        assert body == openapi.path_of(service).read_bytes()
    status, _, _ = gateway.handle("GET", "/requests/people", {}, None)
    assert status == 401  # the documents are public, the API is not


@pytest.mark.parametrize(("service", "method", "path", "status"), [
    ("requests", "POST", "/requests/me/event-requests", "202"),  # saga.submit: `return 202, ...` in a retried body
    ("messaging", "POST", "/messaging/me/discussions/{discussion_id}/messages", "201"),  # via _send and a lambda
    ("billing", "POST", "/billing/invoices", "201"),  # handlers.issue_manual
    ("billing", "POST", "/billing/me/invoices/{invoice_id}/payments", "201"),  # payments.pay
    ("requests", "POST", "/requests/event-requests/{request_id}/confirm", "200"),
])
def test_the_success_status_is_the_handlers_a_view_answers_with(documents, service, method, path, status):
    """What these routes answer is asserted by the service tests; the document must say the same."""
    responses = operation(documents, service, method, path)["responses"]
    assert [code for code in responses if code.startswith("2")] == [status]
