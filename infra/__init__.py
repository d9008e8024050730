"""Infrastructure: the resource declaration, provisioning on any endpoint, the local stack (and CDK stacks)."""
