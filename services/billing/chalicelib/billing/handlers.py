"""Use cases of the billing service: load, decide, commit (with events) in one transaction."""
