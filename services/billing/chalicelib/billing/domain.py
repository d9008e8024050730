"""Pure rules of the billing service: no AWS, no I/O."""
