"""One service's stack: its table, its queue and DLQ and the rule feeding it, its Chalice app, wired for production.

Everything a service needs from the shared stack comes by name (the bus, the alarm topic, the SES
identity) or through an SSM parameter read at deploy time (the user pool's ARN), so each service stack
deploys and updates on its own, without CloudFormation exports tying it to the others.
"""

from __future__ import annotations

import json

from aws_cdk import ArnFormat, CfnOutput, Duration, Fn, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from infra.cdk import settings as cfg
from infra.cdk.chalice_app import ChaliceApp, Function
from infra.declaration import (
    ARCHITECTURE,
    FUNCTIONS,
    PUBLIC_ROUTES,
    SES,
    Declaration,
    grants,
    secrets_prefix,
)
from infra.function_packages import Package
from infra.permissions import (
    BUS,
    INDEXES,
    LOG_GROUP,
    QUEUE,
    SECRETS_PREFIX,
    SENDER,
    STREAM,
    TABLE_ITSELF,
    statements,
)

# API Gateway's own answers (bad token, unknown route, throttling, ...) in the API's error shape. A missing,
# expired or forged token is told one sentence, the local gateway's (infra/local/gateway.py SIGN_IN_AGAIN):
# gateway responses are plain substitutions, so none can say which of those it was.
GATEWAY_RESPONSES = {
    "UNAUTHORIZED": (401, "unauthorized",
                     '"Sign in again: this route needs a current ID token in the Authorization header."'),
    "ACCESS_DENIED": (403, "forbidden", '"Not allowed."'),
    "MISSING_AUTHENTICATION_TOKEN": (404, "not_found", '"No such route."'),  # API Gateway's answer to one
    "RESOURCE_NOT_FOUND": (404, "not_found", '"No such route."'),
    "THROTTLED": (429, "throttled", '"Too many requests: retry in a moment."'),
    "REQUEST_TOO_LARGE": (413, "request_too_large", '"The request body is too large."'),
    "DEFAULT_4XX": (None, "invalid_request", "$context.error.messageString"),
    "DEFAULT_5XX": (None, "internal_error", '"Internal error."'),
}


def gateway_responses() -> dict:
    """The `x-amazon-apigateway-gateway-responses` extension: `{"error": {"code", "message"}}` bodies."""
    responses = {}
    for response_type, (status, code, message) in GATEWAY_RESPONSES.items():
        body = '{"error": {"code": "%s", "message": %s}}' % (code, message)  # noqa: UP031 - a VTL template
        response = {
            "responseParameters": {"gatewayresponse.header.Content-Type": "'application/json'"},
            "responseTemplates": {"application/json": body},
        }
        if status:
            response["statusCode"] = str(status)
        responses[response_type] = response
    return responses


def method_not_allowed(methods) -> dict:
    """A mock `ANY` method for an API resource: what its routes do not serve answers 405 with `Allow`, in the API's
    error shape and without a token, as the local gateway does (explicit methods take precedence over ANY)."""
    allow = ", ".join(sorted(m.upper() for m in methods))
    body = json.dumps({"error": {"code": "method_not_allowed", "message": f"This route answers {allow} only."}})
    return {
        "responses": {"405": {"description": "Not a method of this route.",
                              "headers": {"Allow": {"type": "string"}, "Content-Type": {"type": "string"}}}},
        "x-amazon-apigateway-integration": {
            "type": "mock",
            "passthroughBehavior": "when_no_match",
            "requestTemplates": {"application/json": '{"statusCode": 405}'},
            "responses": {"default": {
                "statusCode": "405",
                "responseParameters": {"method.response.header.Allow": f"'{allow}'",
                                       "method.response.header.Content-Type": "'application/json'"},
                "responseTemplates": {"application/json": body},
            }},
        },
    }


def unexpected_public_routes(template: dict, service: str) -> list[str]:
    """`METHOD path` of every route Chalice left without an authorizer that PUBLIC_ROUTES does not list."""
    paths = template["Resources"].get("RestAPI", {}).get("Properties", {}).get("DefinitionBody", {}).get("paths", {})
    allowed = set(PUBLIC_ROUTES.get(service, ()))
    return [
        f"{method.upper()} {path}"
        for path, methods in paths.items()
        for method, operation in methods.items()
        if method != "options" and not operation.get("security") and path not in allowed
    ]


class ServiceStack(Stack):
    def __init__(self, scope: Construct, declaration: Declaration, service: str, package: Package):
        stage = declaration.stage
        self.settings = cfg.SETTINGS[stage]
        super().__init__(
            scope,
            cfg.stack_name(stage, service),
            stack_name=cfg.stack_name(stage, service),
            description=f"Agency portal ({stage}): the {service} service: table, queue, rule, functions, API",
            termination_protection=self.settings.protect_data,
        )
        self.declaration = declaration
        self.service = service
        self.prefix = cfg.stack_name(stage, service)
        self.alarm_action = cloudwatch_actions.SnsAction(sns.Topic.from_topic_arn(
            self, "AlarmTopic", self.format_arn(service="sns", resource=cfg.alarm_topic_name(stage))
        ))
        self.bus_arn = self.format_arn(service="events", resource="event-bus", resource_name=declaration.bus_name)
        self.sender_arn = self.format_arn(service="ses", resource="identity", resource_name=declaration.sender_email)
        # Secrets Manager appends a random suffix to a secret's ARN: the grant names the service's prefix.
        self.secrets_arn = self.format_arn(service="secretsmanager", resource="secret",
                                           resource_name=f"{secrets_prefix(stage, service)}/*",
                                           arn_format=ArnFormat.COLON_RESOURCE_NAME)
        self.user_pool_arn = ssm.StringParameter.value_for_string_parameter(
            self, cfg.parameter(stage, "shared", "user-pool-arn")
        )

        self.table = self._table()
        self.queue = self._queue()
        self._rule()
        self.app = ChaliceApp(self, "App", package=package)
        self._check_functions()
        self.layer = self._layer(package)
        for function in self.app.functions:
            self._function(function)
        if self.app.has_api():
            self._api(json.loads(package.template.read_text()))

    # -- data and messaging ----------------------------------------------------------------------
    def _table(self) -> dynamodb.Table:
        spec = self.declaration.table(self.service)
        string = dynamodb.AttributeType.STRING
        table = dynamodb.Table(
            self,
            "Table",
            table_name=spec.name,
            partition_key=dynamodb.Attribute(name=spec.hash_key, type=string),
            sort_key=dynamodb.Attribute(name=spec.range_key, type=string),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            stream=dynamodb.StreamViewType(spec.stream_view),
            time_to_live_attribute=spec.ttl_attribute,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=self.settings.protect_data,
            removal_policy=self.settings.removal_policy,
        )
        for index in spec.indexes:
            table.add_global_secondary_index(
                index_name=index.name,
                partition_key=dynamodb.Attribute(name=index.hash_key, type=string),
                sort_key=dynamodb.Attribute(name=index.range_key, type=string),
                projection_type=dynamodb.ProjectionType.ALL,
            )
        CfnOutput(self, "TableName", value=table.table_name)
        return table

    def _queue(self) -> sqs.Queue:
        spec = self.declaration.queue(self.service)
        dlq = sqs.Queue(
            self,
            "DeadLetterQueue",
            queue_name=spec.dlq_name,
            retention_period=Duration.seconds(spec.dlq_retention_seconds),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        queue = sqs.Queue(
            self,
            "Queue",
            queue_name=spec.name,
            visibility_timeout=Duration.seconds(spec.visibility_timeout),
            retention_period=Duration.seconds(spec.retention_seconds),
            dead_letter_queue=sqs.DeadLetterQueue(queue=dlq, max_receive_count=spec.max_receive_count),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        self._alarm(
            "DeadLettersAlarm",
            f"{spec.dlq_name}: messages that failed {spec.max_receive_count} times wait here: `make dlq "
            f"STAGE={self.declaration.stage} SERVICE={self.service}` says why "
            "(docs/deploy.md: failed and missed messages)",
            dlq.metric_approximate_number_of_messages_visible(statistic="Maximum"),
        )
        self._alarm(
            "QueueAgeAlarm",
            f"{spec.name}: a message has waited {cfg.QUEUE_AGE_ALARM_SECONDS // 60} minutes for the consumer",
            queue.metric_approximate_age_of_oldest_message(statistic="Maximum"),
            threshold=cfg.QUEUE_AGE_ALARM_SECONDS,
        )
        CfnOutput(self, "QueueUrl", value=queue.queue_url)
        CfnOutput(self, "DeadLetterQueueUrl", value=dlq.queue_url)
        self.dlq = dlq
        return queue

    def _rule(self) -> None:
        spec = next(r for r in self.declaration.rules if r.service == self.service)
        bus = events.EventBus.from_event_bus_name(self, "Bus", self.declaration.bus_name)
        events.Rule(
            self,
            "Rule",
            rule_name=spec.name,
            event_bus=bus,
            description=f"Events the {self.service} service consumes, to its queue",
            event_pattern=events.EventPattern(
                detail_type=list(spec.detail_types)
            ),
            targets=[targets.SqsQueue(self.queue)],
        )

    # -- functions ---------------------------------------------------------------------------------
    def _layer(self, package: Package) -> lambda_.LayerVersion | None:
        """The service's layer (`LAYERS`), built with its package; every function of the service gets it.

        Its asset is the layer zip as built: reproducible, so an unchanged layer keeps its hash and a deploy
        publishes no new version. Every function gets it, so none can miss what a lazy import needs.
        """
        if package.layer is None:
            return None
        distributions = package.layer_distributions()
        architectures = {"arm64": lambda_.Architecture.ARM_64, "x86_64": lambda_.Architecture.X86_64}
        return lambda_.LayerVersion(
            self,
            "Layer",
            code=lambda_.Code.from_asset(str(package.layer)),
            layer_version_name=f"{self.prefix}-dependencies",
            compatible_architectures=[architectures[ARCHITECTURE]],
            compatible_runtimes=[lambda_.Runtime(r, lambda_.RuntimeFamily.PYTHON) for r in self.app.runtimes],
            description=(f"{self.prefix}: dependencies kept out of its functions' zip (LAYERS): "
                         f"{', '.join(f'{n} {v}' for n, v in distributions.items())}")[:256],
        )

    def _check_functions(self) -> None:
        kinds = [f.kind for f in self.app.functions]
        for needed in ("relay", "consumer"):
            if kinds.count(needed) != 1:
                raise ValueError(
                    f"{self.service}: app.py must define one `@app.lambda_function(name='{needed}')` "
                    f"(found {kinds.count(needed)}): the stack wires the table's stream and the queue to them"
                )

    def _function(self, function: Function) -> None:
        spec = FUNCTIONS[function.kind]
        name = f"{self.prefix}-{function.short_name}"
        log_group = logs.LogGroup(
            self,
            f"{function.logical_id}Logs",
            log_group_name=f"/aws/lambda/{name}",
            retention=self.settings.log_retention,
            removal_policy=self.settings.removal_policy,
        )
        role = iam.Role(
            self,
            f"{function.logical_id}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"{name}: only its own log group, table, stream or queue, the bus, SES",
        )
        policy = iam.Policy(self, f"{function.logical_id}Policy", statements=self._statements(function, log_group))
        policy.attach_to_role(role)

        resource = self.app.resource(function.logical_id)
        resource.add_property_override("FunctionName", name)
        resource.add_property_override("Role", role.role_arn)
        resource.add_property_override("Architectures", [ARCHITECTURE])
        resource.add_property_override("MemorySize", spec.memory_mb)
        resource.add_property_override("Timeout", spec.timeout_seconds)
        resource.add_property_override(
            "LoggingConfig",
            {"LogGroup": log_group.log_group_name, "LogFormat": "JSON", "ApplicationLogLevel": "INFO",
             "SystemLogLevel": "WARN"},
        )
        for key, value in self._environment(function).items():
            resource.add_property_override(f"Environment.Variables.{key}", value)
        if self.layer is not None:
            resource.add_property_override("Layers", [self.layer.layer_version_arn])
        resource.node.add_dependency(policy)  # the first invocation already has its permissions

        if function.kind == "relay":
            self._relay_source(resource, policy)
        elif function.kind == "consumer":
            self._consumer_source(resource, policy)
        self._alarm(
            f"{function.logical_id}ErrorsAlarm",
            f"{name}: invocations failed (crash or timeout)",
            cloudwatch.Metric(namespace="AWS/Lambda", metric_name="Errors", dimensions_map={"FunctionName": name},
                              statistic="Sum", period=Duration.seconds(cfg.ALARM_PERIOD_SECONDS)),
        )

    def _environment(self, function: Function) -> dict:
        env = {
            "STAGE": self.declaration.stage,
            "TABLE_NAME": self.table.table_name,
            "BUS_NAME": self.declaration.bus_name,
            "USER_POOL_ARN": self.user_pool_arn,
        }
        if SES in grants(self.service, function.kind):
            env["SENDER_EMAIL"] = self.declaration.sender_email
        return env

    def _statements(self, function: Function, log_group: logs.LogGroup) -> list[iam.PolicyStatement]:
        """Least privilege: the statements `infra.permissions` gives this kind of function of this service, each
        resource rendered as this stack's ARN."""
        indexes = [f"{self.table.table_arn}/index/{i.name}" for i in self.declaration.table(self.service).indexes]
        arns = {
            LOG_GROUP: [log_group.log_group_arn],
            TABLE_ITSELF: [self.table.table_arn],
            INDEXES: indexes,
            STREAM: [self.table.table_stream_arn],
            QUEUE: [self.queue.queue_arn],
            BUS: [self.bus_arn],
            SENDER: [self.sender_arn],
            SECRETS_PREFIX: [self.secrets_arn],
        }
        return [
            iam.PolicyStatement(actions=list(s.actions), resources=[arn for r in s.resources for arn in arns[r]])
            for s in statements(self.service, function.kind)
        ]

    def _relay_source(self, function, policy: iam.Policy) -> None:
        """The table's stream to the relay: only the declared new items, partial failures, retried until they pass."""
        prefixes = [{"prefix": prefix} for prefix in self.declaration.table(self.service).relayed_prefixes]
        pattern = {"eventName": ["INSERT"], "dynamodb": {"Keys": {"pk": {"S": prefixes}}}}
        mapping = lambda_.CfnEventSourceMapping(
            self,
            "RelayStream",
            function_name=function.ref,
            event_source_arn=self.table.table_stream_arn,
            starting_position="TRIM_HORIZON",
            batch_size=cfg.RELAY_BATCH_SIZE,
            parallelization_factor=1,
            maximum_retry_attempts=-1,
            bisect_batch_on_function_error=False,
            function_response_types=["ReportBatchItemFailures"],
            filter_criteria={"filters": [{"pattern": json.dumps(pattern, separators=(",", ":"))}]},
        )
        mapping.node.add_dependency(policy)
        self._alarm(
            "RelayLagAlarm",
            f"{self.prefix}-relay is more than {cfg.RELAY_LAG_ALARM_MS // 60000} minutes behind the table's stream: "
            "events are late (records expire after 24 hours)",
            cloudwatch.Metric(namespace="AWS/Lambda", metric_name="IteratorAge",
                              dimensions_map={"FunctionName": f"{self.prefix}-relay"}, statistic="Maximum",
                              period=Duration.seconds(cfg.ALARM_PERIOD_SECONDS)),
            threshold=cfg.RELAY_LAG_ALARM_MS,
        )

    def _consumer_source(self, function, policy: iam.Policy) -> None:
        """The service's queue to the consumer, reporting failed messages one by one."""
        mapping = lambda_.CfnEventSourceMapping(
            self,
            "ConsumerQueue",
            function_name=function.ref,
            event_source_arn=self.queue.queue_arn,
            batch_size=cfg.CONSUMER_BATCH_SIZE,
            function_response_types=["ReportBatchItemFailures"],
            scaling_config={"maximumConcurrency": cfg.CONSUMER_MAX_CONCURRENCY},
        )
        mapping.node.add_dependency(policy)

    # -- API -----------------------------------------------------------------------------------------
    def _api(self, template: dict) -> None:
        unexpected = unexpected_public_routes(template, self.service)
        if unexpected:
            raise ValueError(
                f"{self.service}: routes without the Cognito authorizer that infra/declaration.py PUBLIC_ROUTES "
                f"does not list: {unexpected}"
            )
        api = self.app.api
        body = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
        for name, definition in body.get("securityDefinitions", {}).items():
            if definition.get("x-amazon-apigateway-authtype") == "cognito_user_pools":
                api.add_property_override(
                    f"DefinitionBody.securityDefinitions.{name}.x-amazon-apigateway-authorizer.providerARNs",
                    [self.user_pool_arn],
                )
        api.add_property_override("DefinitionBody.x-amazon-apigateway-gateway-responses", gateway_responses())
        for path, methods in body["paths"].items():
            served = [m for m in methods if m != "options" and not m.startswith("x-")]
            api.add_property_override(f"DefinitionBody.paths.{path}.x-amazon-apigateway-any-method",
                                      method_not_allowed(served))
        api.add_property_override("Name", self.prefix)
        api.add_property_override("EndpointConfiguration", "REGIONAL")  # CloudFront (shared stack) is the edge
        api.add_property_override(
            "MethodSettings",
            [{"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": self.settings.throttle_rate,
              "ThrottlingBurstLimit": self.settings.throttle_burst}],
        )
        api_stage = self.app.stage_name_of_api
        domain = Fn.sub("${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}", {"Api": api.ref})
        stage = self.declaration.stage
        ssm.StringParameter(self, "ApiDomain", parameter_name=cfg.parameter(stage, self.service, "api-domain"),
                            string_value=domain, description=f"{self.prefix}: API Gateway domain (for CloudFront)")
        ssm.StringParameter(self, "ApiStage", parameter_name=cfg.parameter(stage, self.service, "api-stage"),
                            string_value=api_stage, description=f"{self.prefix}: API Gateway stage (origin path)")
        CfnOutput(self, "ApiUrl", value=Fn.sub("https://${Domain}/${Stage}/", {"Domain": domain, "Stage": api_stage}))
        self._alarm(
            "Api5xxAlarm",
            f"{self.prefix} API answered 5xx (a 5xx is a bug)",
            cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="5XXError",
                              dimensions_map={"ApiName": self.prefix, "Stage": api_stage}, statistic="Sum",
                              period=Duration.seconds(cfg.ALARM_PERIOD_SECONDS)),
        )

    # -- alarms --------------------------------------------------------------------------------------
    def _alarm(self, construct_id: str, description: str, metric: cloudwatch.Metric, threshold: float = 1) -> None:
        alarm = cloudwatch.Alarm(
            self,
            construct_id,
            alarm_description=description,
            metric=metric.with_(period=Duration.seconds(cfg.ALARM_PERIOD_SECONDS)),
            threshold=threshold,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        alarm.add_alarm_action(self.alarm_action)
        alarm.add_ok_action(self.alarm_action)
