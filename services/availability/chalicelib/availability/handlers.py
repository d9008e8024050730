"""Use cases of the availability service: load, decide, commit (with events) in one transaction."""
