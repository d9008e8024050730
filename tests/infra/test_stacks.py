"""CDK assertions on the synthesized stacks of both stages: the production settings the issue lists."""

from __future__ import annotations

import json

import pytest
from aws_cdk.assertions import Match, Template

from infra import function_packages
from infra.cdk import settings as cfg
from infra.cdk.service import GATEWAY_RESPONSES, unexpected_public_routes
from infra.declaration import FUNCTIONS, LAYERS, PUBLIC_ROUTES, SERVICES, declare, grants, secrets_prefix
from infra.local.gateway import SIGN_IN_AGAIN, method_not_allowed
from tests.infra.conftest import STAGES, render

pytestmark = pytest.mark.cdk

API_GATEWAY_LIMIT_SECONDS = 29
ANY_METHOD = "x-amazon-apigateway-any-method"
SERVICE_STACKS = [(stage, service) for stage in STAGES for service in SERVICES]


def _functions(cloud, stage, service) -> dict[str, dict]:
    return cloud.resources(stage, service, "AWS::Serverless::Function")


def test_both_stages_synthesize_without_lookups(cloud):
    """Offline: the app needs no context lookup (the only thing a synth would fetch from an account)."""
    names = sorted(stack.stack_name for stack in cloud.assembly.stacks)
    assert names == sorted(f"portal-{stage}-{part}" for stage in STAGES for part in ("shared", *SERVICES))
    manifest = json.loads((cloud.outdir / "manifest.json").read_text())
    assert not manifest.get("missing"), manifest.get("missing")
    for stage in STAGES:
        for service in SERVICES:
            deps = [d.stack_name for d in cloud.stages[stage].services[service].dependencies]
            assert deps == [f"portal-{stage}-shared"]


@pytest.mark.parametrize("stage", STAGES)
def test_every_table_has_its_stream_pitr_and_ttl_and_prod_tables_are_protected(cloud, stage):
    protected = stage == "prod"
    for service in SERVICES:
        template = Template.from_json(cloud.template(stage, service))
        template.resource_count_is("AWS::DynamoDB::Table", 1)
        template.all_resources_properties("AWS::DynamoDB::Table", {
            "StreamSpecification": {"StreamViewType": "NEW_IMAGE"},
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
            "BillingMode": "PAY_PER_REQUEST",
            "DeletionProtectionEnabled": protected,
        })
        template.all_resources("AWS::DynamoDB::Table", {
            "DeletionPolicy": "Retain" if protected else "Delete", "UpdateReplacePolicy": Match.any_value(),
        })
    for stack in cloud.stages[stage].stacks:
        assert stack.termination_protection == protected


@pytest.mark.parametrize("stage", STAGES)
def test_every_queue_has_a_dlq_with_redrive_and_outlasts_its_consumer_six_times(cloud, stage):
    for service in SERVICES:
        queues = cloud.resources(stage, service, "AWS::SQS::Queue")
        main = {k: v for k, v in queues.items() if "RedrivePolicy" in v["Properties"]}
        dlqs = {k: v for k, v in queues.items() if "RedrivePolicy" not in v["Properties"]}
        assert len(main) == 1 and len(dlqs) == 1, f"{service}: one queue and its DLQ"
        (queue,) = main.values()
        redrive = queue["Properties"]["RedrivePolicy"]
        assert redrive["deadLetterTargetArn"] == {"Fn::GetAtt": [next(iter(dlqs)), "Arn"]}
        assert 1 < redrive["maxReceiveCount"] <= 10
        consumer = _functions(cloud, stage, service)["Consumer"]["Properties"]
        assert queue["Properties"]["VisibilityTimeout"] >= 6 * consumer["Timeout"]


@pytest.mark.parametrize("stage", STAGES)
def test_every_sqs_source_reports_batch_item_failures_and_the_relay_reads_its_own_stream(cloud, stage):
    for service in SERVICES:
        template = cloud.template(stage, service)
        mappings = cloud.resources(stage, service, "AWS::Lambda::EventSourceMapping")
        assert len(mappings) == 2
        for mapping in mappings.values():
            assert mapping["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        by_function = {m["Properties"]["FunctionName"]["Ref"]: m["Properties"] for m in mappings.values()}
        (table,) = cloud.resources(stage, service, "AWS::DynamoDB::Table")
        relay = by_function["Relay"]
        assert relay["EventSourceArn"] == {"Fn::GetAtt": [table, "StreamArn"]}  # from the table, not pasted
        assert relay["StartingPosition"] == "TRIM_HORIZON"
        pattern = json.loads(relay["FilterCriteria"]["Filters"][0]["Pattern"])
        relayed = [{"prefix": "OUTBOX#"}] + ([{"prefix": "EMAIL#"}] if service == "messaging" else [])
        assert pattern == {"eventName": ["INSERT"], "dynamodb": {"Keys": {"pk": {"S": relayed}}}}
        queue = next(k for k, v in cloud.resources(stage, service, "AWS::SQS::Queue").items()
                     if "RedrivePolicy" in v["Properties"])
        assert by_function["Consumer"]["EventSourceArn"] == {"Fn::GetAtt": [queue, "Arn"]}
        assert "Events" not in template["Resources"]["Consumer"]["Properties"]


@pytest.mark.parametrize("stage", STAGES)
def test_functions_run_on_arm64_with_memory_and_timeouts_set_and_api_below_the_gateway_limit(cloud, stage):
    kinds = {"APIHandler": "api", "Relay": "relay", "Consumer": "consumer", "ExpireHolds": "schedule",
             "SweepPayments": "schedule", "SendReminders": "schedule"}
    for service in SERVICES:
        functions = _functions(cloud, stage, service)
        assert {"APIHandler", "Relay", "Consumer"} <= set(functions)
        logs = cloud.resources(stage, service, "AWS::Logs::LogGroup")
        for name, function in functions.items():
            props = function["Properties"]
            spec = FUNCTIONS[kinds.get(name, "function")]
            assert props["Architectures"] == ["arm64"]
            assert (props["MemorySize"], props["Timeout"]) == (spec.memory_mb, spec.timeout_seconds)
            assert props["FunctionName"].startswith(f"portal-{stage}-{service}-")
            log_group = logs[props["LoggingConfig"]["LogGroup"]["Ref"]]["Properties"]
            assert log_group["LogGroupName"] == f"/aws/lambda/{props['FunctionName']}"
            assert log_group["RetentionInDays"] == cfg.SETTINGS[stage].log_retention_days
            env = props["Environment"]["Variables"]
            assert env["STAGE"] == stage and env["BUS_NAME"] == f"portal-{stage}-bus"
            assert env["TABLE_NAME"] == {"Ref": next(iter(cloud.resources(stage, service, "AWS::DynamoDB::Table")))}
            assert ("SENDER_EMAIL" in env) == (service == "messaging" and name == "Relay")
        assert functions["APIHandler"]["Properties"]["Timeout"] < API_GATEWAY_LIMIT_SECONDS
    assert "ExpireHolds" in _functions(cloud, stage, "availability")
    assert "SweepPayments" in _functions(cloud, stage, "billing")
    assert "SendReminders" in _functions(cloud, stage, "messaging")


@pytest.mark.parametrize("stage", STAGES)
def test_layers_reach_every_function_of_their_service_and_no_other_and_run_on_arm64(cloud, stage):
    assert set(LAYERS) == {"billing"}  # billing's Stripe SDK
    for service in SERVICES:
        layers = cloud.resources(stage, service, "AWS::Lambda::LayerVersion")
        functions = _functions(cloud, stage, service)
        if service not in LAYERS:
            assert not layers, f"{service} has a layer it does not declare"
            assert not [n for n, f in functions.items() if "Layers" in f["Properties"]]
            continue
        ((layer_id, layer),) = layers.items()
        props = layer["Properties"]
        assert props["LayerName"] == f"portal-{stage}-{service}-dependencies"
        assert props["CompatibleArchitectures"] == ["arm64"]
        assert props["CompatibleRuntimes"] == sorted({f["Properties"]["Runtime"] for f in functions.values()})
        assert {"APIHandler", "Relay", "Consumer"} <= set(functions)
        for name, function in functions.items():
            assert function["Properties"]["Layers"] == [{"Ref": layer_id}], f"{service}/{name} lacks its layer"
            assert function["Properties"]["CodeUri"]["Key"] != props["Content"]["S3Key"]


def test_each_layer_is_its_built_zip_and_the_same_asset_in_every_stage(cloud):
    """Reproducible: two independent builds (one per stage) make one asset, so an unchanged layer deploys nothing."""
    for service in LAYERS:
        keys = set()
        for stage in STAGES:
            ((layer,),) = [list(cloud.resources(stage, service, "AWS::Lambda::LayerVersion").values())]
            key = layer["Properties"]["Content"]["S3Key"]
            staged = cloud.outdir / f"asset.{key}"
            built = function_packages.build(service, stage).layer
            assert staged.read_bytes() == built.read_bytes(), "not the built zip"
            keys.add(key)
        assert len(keys) == 1, f"{service}: the layer differs between stages built from the same sources: {keys}"


@pytest.mark.parametrize("stage", STAGES)
def test_every_api_route_but_health_has_the_cognito_authorizer_of_the_shared_pool(cloud, stage):
    protected_routes = 0
    for service in SERVICES:
        template = cloud.template(stage, service)
        body = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
        authorizers = body.get("securityDefinitions", {})
        public, protected = [], []
        for path, methods in body["paths"].items():
            for method, operation in methods.items():
                if method != ANY_METHOD:  # the mock answering 405 (test_methods_a_route_does_not_serve_...)
                    (protected if operation.get("security") else public).append((method, path))
        webhook = [("post", "/billing/webhooks/{provider}")] if service == "billing" else []
        feed = [("get", "/requests/feeds/{feed}")] if service == "requests" else []  # its secret authenticates
        expected = [("get", f"/{service}/health"), *webhook, *feed]
        assert sorted(public) == sorted(expected), public
        assert set(PUBLIC_ROUTES[service]) == {path for _, path in expected}
        if not protected:  # a service with only its health route so far has no authorizer to check
            continue
        (name, authorizer), = authorizers.items()
        assert authorizer["x-amazon-apigateway-authtype"] == "cognito_user_pools"
        (pool,) = authorizer["x-amazon-apigateway-authorizer"]["providerARNs"]
        assert template["Parameters"][pool["Ref"]] == {
            "Type": "AWS::SSM::Parameter::Value<String>", "Default": f"/portal/{stage}/shared/user-pool-arn"}
        for path, methods in body["paths"].items():
            for method, operation in methods.items():
                if (method, path) in protected:
                    assert operation["security"] == [{name: []}]
        protected_routes += len(protected)
    assert protected_routes > 20


def test_a_route_made_public_without_being_declared_stops_the_synth():
    operation = {"x-amazon-apigateway-integration": {}}
    template = {"Resources": {"RestAPI": {"Properties": {"DefinitionBody": {"paths": {
        "/billing/health": {"get": dict(operation)},
        "/billing/webhooks/{provider}": {"post": dict(operation)},
        "/billing/me/account": {"get": dict(operation)},
        "/billing/me/invoices": {"get": {**operation, "security": [{"portal-users": []}]}},
    }}}}}}
    assert unexpected_public_routes(template, "billing") == ["GET /billing/me/account"]


@pytest.mark.parametrize("stage", STAGES)
def test_the_gateway_answers_in_the_api_error_shape_and_throttles(cloud, stage):
    for service in SERVICES:
        api = cloud.template(stage, service)["Resources"]["RestAPI"]["Properties"]
        responses = api["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]
        assert set(responses) == set(GATEWAY_RESPONSES)
        for response in responses.values():
            body = response["responseTemplates"]["application/json"]
            error = json.loads(body.replace("$context.error.messageString", '"Invalid request body"'))["error"]
            assert set(error) == {"code", "message"}
        assert responses["UNAUTHORIZED"]["statusCode"] == "401"
        # what the local gateway tells a caller with a missing, expired or forged token, word for word
        assert json.loads(responses["UNAUTHORIZED"]["responseTemplates"]["application/json"]) == {
            "error": {"code": "unauthorized", "message": SIGN_IN_AGAIN}}
        for unknown_route in ("MISSING_AUTHENTICATION_TOKEN", "RESOURCE_NOT_FOUND"):
            assert responses[unknown_route]["statusCode"] == "404"
            assert '"code": "not_found"' in responses[unknown_route]["responseTemplates"]["application/json"]
        (method_settings,) = api["MethodSettings"]
        assert method_settings["ThrottlingRateLimit"] == cfg.SETTINGS[stage].throttle_rate
        assert method_settings["ThrottlingBurstLimit"] == cfg.SETTINGS[stage].throttle_burst
        assert api["EndpointConfiguration"] == "REGIONAL"
        assert api["Name"] == f"portal-{stage}-{service}"


@pytest.mark.parametrize("stage", STAGES)
def test_no_api_log_writes_the_path_so_no_calendar_feeds_secret_is_logged(cloud, stage):
    """A feed's secret is in its path: API Gateway logs neither requests' data nor paths (execution logs at INFO name
    path parameters; an access log would only ever use `$context.resourcePath`, the route)."""
    for service in SERVICES:
        api = cloud.template(stage, service)["Resources"]["RestAPI"]["Properties"]
        access = api.get("AccessLogSetting", {}).get("Format", "")
        assert "$context.path" not in access and "$context.requestOverride" not in access
        for settings in api["MethodSettings"]:
            assert settings.get("LoggingLevel", "OFF") in ("OFF", "ERROR") and not settings.get("DataTraceEnabled")


@pytest.mark.parametrize("stage", STAGES)
def test_methods_a_route_does_not_serve_answer_405_with_allow_as_the_local_gateway_does(cloud, stage):
    for service in SERVICES:
        paths = cloud.template(stage, service)["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
        for methods in paths.values():
            served = sorted(m.upper() for m in methods if m != ANY_METHOD)
            mock = methods[ANY_METHOD]
            assert "security" not in mock  # no token needed, as for an unknown route
            integration = mock["x-amazon-apigateway-integration"]
            assert integration["type"] == "mock"
            response = integration["responses"]["default"]
            assert response["statusCode"] == "405"
            assert response["responseParameters"]["method.response.header.Allow"] == f"'{', '.join(served)}'"
            status, headers, body = method_not_allowed(served)  # the local gateway's answer
            assert (status, headers["Allow"]) == (405, ", ".join(served))
            assert json.loads(response["responseTemplates"]["application/json"]) == json.loads(body)


def _allowed_resources(cloud, stage, service) -> dict[str, str]:
    """What a function of this service may name in IAM, by rendered ARN -> what it is."""
    declaration = declare(stage)
    (table,) = cloud.resources(stage, service, "AWS::DynamoDB::Table")
    queue = next(k for k, v in cloud.resources(stage, service, "AWS::SQS::Queue").items()
                 if "RedrivePolicy" in v["Properties"])
    arn = "arn:${AWS::Partition}:%s:${AWS::Region}:${AWS::AccountId}:%s"
    allowed = {f"<{table}.Arn>": "table", f"<{table}.StreamArn>": "stream", f"<{queue}.Arn>": "queue",
               arn % ("events", f"event-bus/{declaration.bus_name}"): "bus"}
    allowed |= {f"<{table}.Arn>/index/{index.name}": "index" for index in declaration.table(service).indexes}
    allowed |= {f"<{group}.Arn>": "logs" for group in cloud.resources(stage, service, "AWS::Logs::LogGroup")}
    if any("ses" in grants(service, kind) for kind in FUNCTIONS):
        allowed[arn % ("ses", f"identity/{declaration.sender_email}")] = "ses"
    if any("secrets" in grants(service, kind) for kind in FUNCTIONS):
        allowed[arn % ("secretsmanager", f"secret:{secrets_prefix(stage, service)}/*")] = "secrets"
    return allowed


@pytest.mark.parametrize(("stage", "service"), SERVICE_STACKS)
def test_iam_is_least_privilege_per_function(cloud, stage, service):
    template = cloud.template(stage, service)
    allowed = _allowed_resources(cloud, stage, service)
    roles = cloud.resources(stage, service, "AWS::IAM::Role")
    policies = cloud.resources(stage, service, "AWS::IAM::Policy")
    functions = _functions(cloud, stage, service)
    assert len(roles) == len(functions) == len(policies), "one role and one policy per function"
    reached: dict[str, set[str]] = {}
    for name, function in functions.items():
        role = function["Properties"]["Role"]["Fn::GetAtt"][0]
        assert set(roles[role]["Properties"]) <= {"AssumeRolePolicyDocument", "Description", "Tags"}, (
            "no managed or inline policies beside the function's own")
        (policy,) = [p for p in policies.values() if p["Properties"]["Roles"] == [{"Ref": role}]]
        kinds = reached.setdefault(name, set())
        actions = set()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow" and "Condition" not in statement
            statement_actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            assert not [a for a in statement_actions if "*" in a], f"wildcard action in {name}: {statement_actions}"
            actions |= set(statement_actions)
            resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            for resource in resources:
                rendered = render(resource)
                assert rendered in allowed, f"{service}/{name} reaches {rendered}, outside its own resources"
                kinds.add(allowed[rendered])
        assert "dynamodb:Scan" not in actions
    # messaging's relay sends the email items its stream hands it; billing's API and sweep read provider keys
    relay = {"logs", "stream", "bus"} | ({"table", "index", "ses"} if service == "messaging" else set())
    assert reached["Relay"] == relay
    assert reached["Consumer"] == {"logs", "table", "index", "queue"}
    assert reached["APIHandler"] == {"logs", "table", "index"} | ({"secrets"} if service == "billing" else set())
    if service == "billing":
        assert reached["SweepPayments"] == {"logs", "table", "index", "secrets"}
    if service == "messaging":  # the reminder sweep writes email items; the relay sends them
        assert reached["SendReminders"] == {"logs", "table", "index"}
    for other in template["Resources"].values():  # Chalice's generated role (logs:* on *) is gone
        assert other["Type"] != "AWS::IAM::ManagedPolicy"


@pytest.mark.parametrize("stage", STAGES)
def test_alarms_watch_dead_letters_errors_relay_lag_and_5xx_and_notify_the_stage_topic(cloud, stage):
    topic = f"arn:${{AWS::Partition}}:sns:${{AWS::Region}}:${{AWS::AccountId}}:portal-{stage}-alarms"
    for service in SERVICES:
        alarms = cloud.resources(stage, service, "AWS::CloudWatch::Alarm").values()
        watched = set()
        for alarm in alarms:
            props = alarm["Properties"]
            assert [render(a) for a in props["AlarmActions"]] == [topic]
            dimensions = {d["Name"]: render(d["Value"]) for d in props.get("Dimensions", [])}
            watched.add((props["MetricName"], dimensions.get("FunctionName") or dimensions.get("QueueName")
                         or dimensions.get("ApiName")))
        functions = [f["Properties"]["FunctionName"] for f in _functions(cloud, stage, service).values()]
        assert {("Errors", name) for name in functions} <= watched
        assert ("IteratorAge", f"portal-{stage}-{service}-relay") in watched
        assert ("5XXError", f"portal-{stage}-{service}") in watched
        dlq = next(k for k, v in cloud.resources(stage, service, "AWS::SQS::Queue").items()
                   if "RedrivePolicy" not in v["Properties"])
        assert ("ApproximateNumberOfMessagesVisible", f"<{dlq}.QueueName>") in watched


@pytest.mark.parametrize("stage", STAGES)
def test_shared_stack_fronts_the_web_client_and_routes_each_api_path(cloud, stage, web_dist):
    template = Template.from_json(cloud.template(stage, "shared"))
    raw = cloud.template(stage, "shared")
    (distribution,) = cloud.resources(stage, "shared", "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    behaviors = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert set(behaviors) == {f"/{service}/*" for service in SERVICES} | {"/portal/*"}
    origins = {o["Id"]: o for o in config["Origins"]}
    for service in SERVICES:
        behavior = behaviors[f"/{service}/*"]
        assert behavior["ViewerProtocolPolicy"] == "https-only"
        assert set(behavior["AllowedMethods"]) >= {"GET", "POST", "PUT", "DELETE"}
        origin = origins[behavior["TargetOriginId"]]
        parameter = raw["Parameters"][origin["DomainName"]["Ref"]]
        assert parameter["Default"] == f"/portal/{stage}/{service}/api-domain"
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    default = config["DefaultCacheBehavior"]
    assert "S3OriginConfig" in origins[default["TargetOriginId"]]
    assert origins[default["TargetOriginId"]]["OriginAccessControlId"]
    assert default["FunctionAssociations"][0]["EventType"] == "viewer-request"
    template.has_resource_properties("AWS::S3::Bucket", {
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
    })
    template.resource_count_is("Custom::CDKBucketDeployment", 1)  # web/dist and config.json
    template.has_resource_properties("AWS::SSM::Parameter", {"Name": f"/portal/{stage}/shared/user-pool-arn"})
    template.has_resource_properties("AWS::SNS::Topic", {"TopicName": f"portal-{stage}-alarms"})
    template.has_resource_properties("AWS::SNS::TopicPolicy", {"PolicyDocument": {"Statement": Match.array_with([
        Match.object_like({"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
                           "Action": "sns:Publish"})])}})


def test_without_a_built_web_client_or_deployed_apis_the_shared_stack_still_synthesizes(tmp_path):
    from aws_cdk import App

    from infra.cdk.shared import SharedStack

    app = App(outdir=str(tmp_path))
    stack = SharedStack(app, declare("dev"), front_door=(), web_dist=tmp_path / "missing")
    template = Template.from_stack(stack)
    template.resource_count_is("Custom::CDKBucketDeployment", 0)
    (distribution,) = template.find_resources("AWS::CloudFront::Distribution").values()
    behaviors = distribution["Properties"]["DistributionConfig"]["CacheBehaviors"]
    assert [b["PathPattern"] for b in behaviors] == ["/portal/*"]  # the client portal, and no API yet


def _headers_policy(cloud, stage, behavior) -> dict:
    (policy_id,) = behavior["ResponseHeadersPolicyId"].values()
    policy = cloud.resources(stage, "shared", "AWS::CloudFront::ResponseHeadersPolicy")[policy_id]
    return policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]


def _csp(headers: dict) -> dict[str, list]:
    """The policy's directives; Cognito's endpoint is a join of the region and the URL suffix."""
    policy = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    token = lambda part: "<" + json.dumps(part, separators=(",", ":")) + ">"  # noqa: E731  - no spaces inside
    text = policy if isinstance(policy, str) else "".join(
        part if isinstance(part, str) else token(part) for part in policy["Fn::Join"][1]
    )
    return {name: values for name, *values in (d.split(" ") for d in text.split("; "))}


@pytest.mark.parametrize("stage", STAGES)
def test_the_portal_is_served_from_the_same_bucket_with_spa_routes_and_both_apps_have_a_csp(cloud, stage):
    (distribution,) = cloud.resources(stage, "shared", "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    portal = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/portal/*")
    default = config["DefaultCacheBehavior"]
    assert portal["TargetOriginId"] == default["TargetOriginId"]  # the same bucket
    assert portal["FunctionAssociations"] == default["FunctionAssociations"]  # the same SPA routes
    (function,) = cloud.resources(stage, "shared", "AWS::CloudFront::Function").values()
    code = function["Properties"]["FunctionCode"]
    assert "'/portal/index.html'" in code and "location: { value: '/portal/' }" in code
    stripe = {"script-src": ["https://js.stripe.com"], "connect-src": ["https://api.stripe.com"],
              "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"]}  # Stripe.js: the portal's only
    for behavior, styles, extra in ((default, ["'self'", "'unsafe-inline'"], {}), (portal, ["'self'"], stripe)):
        headers = _headers_policy(cloud, stage, behavior)
        csp = _csp(headers)
        assert csp["script-src"] == ["'self'", *extra.get("script-src", [])] and csp["style-src"] == styles
        assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"] and csp.get("frame-src") == extra.get("frame-src")
        (connect_self, cognito, *rest) = csp["connect-src"]  # the API is the page's own origin; Cognito; Stripe
        assert connect_self == "'self'" and cognito.startswith("https://cognito-idp.")
        assert rest == extra.get("connect-src", [])
        assert headers["ContentSecurityPolicy"]["Override"] is True
        assert headers["FrameOptions"]["FrameOption"] == "DENY"
        assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 31536000
