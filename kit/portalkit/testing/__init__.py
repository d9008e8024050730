"""Test helpers: AWS call counting, the Scan guard, the event pump, queue messages, test tokens."""
