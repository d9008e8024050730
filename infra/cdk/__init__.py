"""The CDK app: a shared stack and one stack per service for each stage, built from `infra.declaration`.

`python infra/app.py` is what the CDK CLI runs (`make synth`, `make diff`, `make deploy`); tests call
`infra.cdk.app.build_app()` directly.
"""
