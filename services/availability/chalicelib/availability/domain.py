"""Pure rules of the availability service: no AWS, no I/O."""
