"""The gateway's own answers, in the API's error shape as the deployed API Gateway gives them: unknown routes,
methods a route does not serve, bodies that are not JSON, missing or bad tokens. No CORS: the API is served
from the web client's origin, locally as in AWS."""

from __future__ import annotations

import json

import pytest
from chalice.config import Config
from chalice.local import LocalGateway

from infra.local.gateway import SIGN_IN_AGAIN
from infra.local.system import load_app
from infra.local.web import WebApp


def error_of(reply, status: int) -> dict:
    assert reply.status == status, reply.body[:300]
    assert reply.headers["Content-Type"] == "application/json"
    error = reply.json["error"]
    assert set(error) <= {"code", "message", "field"} and error["message"].endswith(".")
    return error


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "HEAD", "PATCH", "DELETE", "CONNECT", "PROPFIND"])
def test_a_method_a_route_does_not_serve_is_405_with_allow_and_needs_no_token(system, method):
    reply = system.api.request_raw(method, "/requests/people", headers={"Origin": "http://127.0.0.1:5173",
                                                                        "Access-Control-Request-Method": "POST"})
    assert error_of(reply, 405)["code"] == "method_not_allowed"
    assert reply.headers["Allow"] == "GET, POST"
    assert not any(name.lower().startswith("access-control-") for name in reply.headers)


def test_routes_with_parameters_and_the_documents_say_what_they_allow(system):
    reply = system.api.request_raw("POST", "/billing/services/s1/fees")
    assert error_of(reply, 405)["message"] == "This route answers GET, PUT only."
    reply = system.api.request_raw("PUT", "/requests/openapi.json")
    assert error_of(reply, 405)["code"] == "method_not_allowed" and reply.headers["Allow"] == "GET"


def test_an_unknown_route_is_404_whatever_the_method(system):
    for method in ("GET", "TRACE", "POST"):
        assert error_of(system.api.request_raw(method, "/requests/nothing-here"), 404)["code"] == "not_found"


def test_the_web_client_answers_405_to_methods_other_than_get(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>")
    status, headers, body = WebApp(tmp_path).handle("POST", "/", {}, b"{}")
    assert (status, headers["Allow"]) == (405, "GET, HEAD")
    assert json.loads(body)["error"]["code"] == "method_not_allowed"


def test_a_body_that_is_not_json_is_415_in_our_shape(system):
    headers = {"Authorization": system.token("admin"), "Content-Type": "text/plain"}
    reply = system.api.request_raw("POST", "/requests/people", headers=headers, body=b"name=Casey")
    error = error_of(reply, 415)
    assert error == {"code": "unsupported_media_type",
                     "message": "Send the body as JSON, with Content-Type: application/json."}


def test_chalices_own_errors_are_in_our_shape_inside_the_app_too():
    """What a Lambda function answers if API Gateway ever hands it a method its route does not serve."""
    app = load_app("requests").app
    gateway = LocalGateway(app, Config.create(chalice_stage="local"))
    response = gateway.handle_request("PATCH", "/requests/health", {}, b"")
    assert response["statusCode"] == 405
    assert json.loads(response["body"]) == {"error": {"code": "method_not_allowed",
                                                      "message": "This route answers GET only."}}


@pytest.mark.parametrize("token", [None, "", "Bearer ", "not-a-jwt", "a.b.c"])
def test_a_missing_or_malformed_token_is_told_in_a_sentence(system, token):
    headers = {} if token is None else {"Authorization": token}
    error = error_of(system.api.request_raw("GET", "/requests/people", headers=headers), 401)
    assert error == {"code": "unauthorized", "message": SIGN_IN_AGAIN}
    assert SIGN_IN_AGAIN == "Sign in again: this route needs a current ID token in the Authorization header."


def test_an_expired_token_is_told_the_same_sentence(system):
    """API Gateway's UNAUTHORIZED response cannot tell an expired token from a missing one; neither does this."""
    reply = system.api.get("/requests/people", token=system.token("admin", expires_in=-5))
    assert error_of(reply, 401) == {"code": "unauthorized", "message": SIGN_IN_AGAIN}
