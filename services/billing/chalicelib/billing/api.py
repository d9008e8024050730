"""Routes of the billing service: parse and validate input, call one handler."""

from __future__ import annotations

from chalice import Blueprint

from portalkit.api import Api

blueprint = Blueprint(__name__)
api = Api(blueprint, "/billing")
api.health("billing")
