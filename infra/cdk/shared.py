"""The shared stack of a stage: the bus and its archive, the user pool and its groups, the SES identity, the alarm
topic, and the web apps (bucket + CloudFront: the staff app at `/`, the client portal at `/portal/`), which is also
the one front door of the four APIs.

The distribution serves the web apps' files and sends `/<service>/*` to that service's API, so the
browser talks to one origin (no CORS) and `config.json` names a single `api_base`, as on `make run`. The
APIs' domains come from SSM parameters each service stack publishes, read when this stack deploys.
"""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3_deployment
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from infra.cdk import settings as cfg
from infra.declaration import Declaration
from infra.web_policy import PORTAL_PREFIX, portal_policy, staff_policy

ROOT = Path(__file__).resolve().parents[2]
WEB_DIST = ROOT / "web" / "dist"

# Paths of the single-page apps that are not files (`/calendar/week`) get their app's index.html (the portal's under
# /portal/); files pass through; `/portal` goes to `/portal/`, where the portal's relative asset paths resolve.
SPA_REWRITE = """
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/portal') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/portal/' } } };
  }
  if (uri.endsWith('/') || uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri.indexOf('/portal/') === 0 ? '/portal/index.html' : '/index.html';
  }
  return request;
}
"""
# Cognito's standard attribute names -> CDK's (`name` is `fullname` there).
STANDARD_ATTRIBUTES = {"email": "email", "name": "fullname"}


class SharedStack(Stack):
    def __init__(
        self,
        scope: Construct,
        declaration: Declaration,
        *,
        front_door: tuple[str, ...] | None = None,
        web_dist: Path | None = WEB_DIST,
    ):
        stage = declaration.stage
        self.settings = cfg.SETTINGS[stage]
        super().__init__(
            scope,
            cfg.stack_name(stage, "shared"),
            stack_name=cfg.stack_name(stage, "shared"),
            description=f"Agency portal ({stage}): bus, user pool, SES identity, alarms, staff web client",
            termination_protection=self.settings.protect_data,
        )
        self.declaration = declaration
        self.bus = events.EventBus(self, "Bus", event_bus_name=declaration.bus_name)
        archive = declaration.archive
        self.archive = events.Archive(
            self, "Archive", source_event_bus=self.bus, archive_name=archive.name,
            event_pattern=events.EventPattern(source=events.Match.prefix(archive.source_prefix)),
            retention=Duration.days(archive.retention_days),
            description="Every event of the bus, for replays to a consumer (make replay)",
        )
        self.alarm_topic = sns.Topic(self, "Alarms", topic_name=cfg.alarm_topic_name(stage), enforce_ssl=True)
        self.alarm_topic.add_to_resource_policy(iam.PolicyStatement(  # the services' alarms, this account only
            principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")], actions=["sns:Publish"],
            resources=[self.alarm_topic.topic_arn], conditions={"StringEquals": {"aws:SourceAccount": self.account}},
        ))
        self._user_pool()
        self.sender = ses.EmailIdentity(self, "Sender", identity=ses.Identity.email(declaration.sender_email))
        self._web(declaration.services if front_door is None else front_door, web_dist)
        CfnOutput(self, "BusName", value=self.bus.event_bus_name)
        CfnOutput(self, "ArchiveArn", value=self.archive.archive_arn)
        CfnOutput(self, "AlarmTopicArn", value=self.alarm_topic.topic_arn)

    def _user_pool(self) -> None:
        spec, stage = self.declaration.user_pool, self.declaration.stage
        self.pool = cognito.UserPool(
            self,
            "Users",
            user_pool_name=spec.name,
            sign_in_aliases=cognito.SignInAliases(email=True),
            self_sign_up_enabled=False,  # staff create accounts (the roster), with the agency set by them
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            custom_attributes={name: cognito.StringAttribute(mutable=True) for name in spec.custom_attributes},
            password_policy=cognito.PasswordPolicy(
                min_length=spec.min_password_length, require_lowercase=False, require_uppercase=False,
                require_digits=False, require_symbols=False,
            ),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            deletion_protection=self.settings.protect_data,
            removal_policy=self.settings.removal_policy,
        )
        standard = {STANDARD_ATTRIBUTES[name]: True for name in ("email", "name")}
        self.client = self.pool.add_client(
            "Web",
            user_pool_client_name=spec.client_name,
            generate_secret=False,
            prevent_user_existence_errors=True,
            read_attributes=cognito.ClientAttributes()
            .with_standard_attributes(**standard)
            .with_custom_attributes(*spec.custom_attributes),
            write_attributes=cognito.ClientAttributes().with_standard_attributes(
                **{STANDARD_ATTRIBUTES[name]: True for name in spec.write_attributes}
            ),
        )
        self.client.node.default_child.add_property_override("ExplicitAuthFlows", list(spec.auth_flows))
        for precedence, group in enumerate(reversed(spec.groups)):  # admins first: the strongest role wins
            cognito.CfnUserPoolGroup(
                self, f"Group{group.title()}", user_pool_id=self.pool.user_pool_id, group_name=group,
                precedence=precedence,
            )
        ssm.StringParameter(self, "UserPoolArn", parameter_name=cfg.parameter(stage, "shared", "user-pool-arn"),
                            string_value=self.pool.user_pool_arn,
                            description="The pool API Gateway's Cognito authorizers trust")
        CfnOutput(self, "UserPoolId", value=self.pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=self.client.user_pool_client_id)

    def _web(self, front_door: tuple[str, ...], web_dist: Path | None) -> None:
        stage = self.declaration.stage
        self.web_bucket = s3.Bucket(
            self,
            "WebBucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            versioned=self.settings.protect_data,
            removal_policy=RemovalPolicy.RETAIN,  # the files are rebuilt from web/ anyway; never lost by accident
        )
        spa = cloudfront.Function(
            self, "SpaRoutes", code=cloudfront.FunctionCode.from_inline(SPA_REWRITE),
            runtime=cloudfront.FunctionRuntime.JS_2_0, comment="Single-page app routes get index.html",
        )
        api_cache = cloudfront.CachePolicy(
            self,
            "ApiCachePolicy",
            comment="APIs: not cached; the token is part of the key so CloudFront forwards it",
            default_ttl=Duration.seconds(0),
            min_ttl=Duration.seconds(0),
            max_ttl=Duration.seconds(1),
            header_behavior=cloudfront.CacheHeaderBehavior.allow_list("Authorization"),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.all(),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
        )
        behaviors = {}
        for service in front_door:
            domain = ssm.StringParameter.value_for_string_parameter(
                self, cfg.parameter(stage, service, "api-domain")
            )
            api_stage = ssm.StringParameter.value_for_string_parameter(
                self, cfg.parameter(stage, service, "api-stage")
            )
            behaviors[f"/{service}/*"] = cloudfront.BehaviorOptions(
                origin=origins.HttpOrigin(
                    domain, origin_path=f"/{api_stage}", protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY
                ),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
                cache_policy=api_cache,
                origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            )
        files = origins.S3BucketOrigin.with_origin_access_control(self.web_bucket)
        cognito_endpoint = f"https://cognito-idp.{self.region}.{self.url_suffix}"

        def app_files(name: str, policy: str) -> cloudfront.BehaviorOptions:
            """One web app's files: its SPA routes and its security headers with its Content-Security-Policy."""
            headers = cloudfront.ResponseHeadersPolicy(
                self,
                f"{name}Headers",
                comment=f"portal-{stage} {name.lower()} app: CSP and security headers",
                security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                    content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                        content_security_policy=policy, override=True),
                    content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                    frame_options=cloudfront.ResponseHeadersFrameOptions(
                        frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
                    referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                        referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True),
                    strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                        access_control_max_age=Duration.days(365), include_subdomains=True, override=True),
                ),
            )
            return cloudfront.BehaviorOptions(
                origin=files,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=headers,
                function_associations=[
                    cloudfront.FunctionAssociation(function=spa, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST)
                ],
            )

        behaviors[f"{PORTAL_PREFIX}*"] = app_files("Portal", portal_policy([cognito_endpoint], stripe=True))
        self.distribution = cloudfront.Distribution(
            self,
            "Web",
            comment=f"portal-{stage}: staff web app, client portal and the services' APIs",
            default_root_object="index.html",
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            default_behavior=app_files("Staff", staff_policy([cognito_endpoint])),
            additional_behaviors=behaviors,
        )
        base = f"https://{self.distribution.distribution_domain_name}"
        config = {
            "api_base": base,
            "region": self.region,
            "cognito": {
                "endpoint": cognito_endpoint,
                "user_pool_id": self.pool.user_pool_id,
                "client_id": self.client.user_pool_client_id,
            },
        }
        if web_dist is not None and (web_dist / "index.html").is_file():
            s3_deployment.BucketDeployment(
                self,
                "WebFiles",
                destination_bucket=self.web_bucket,
                sources=[
                    s3_deployment.Source.asset(str(web_dist)),
                    s3_deployment.Source.json_data("config.json", config),
                ],
                distribution=self.distribution,
                distribution_paths=["/*"],
                memory_limit=512,
            )
        CfnOutput(self, "WebUrl", value=base)
        CfnOutput(self, "WebBucketName", value=self.web_bucket.bucket_name)
